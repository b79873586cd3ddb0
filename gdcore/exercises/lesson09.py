"""Checks for lesson 09's exercises: a tanh model with squared error, labels in {−1, 1}."""

import sympy as sp

from ._check import check_expression, check_number

__all__ = ["check_label_map", "check_loss_at_zero", "check_tanh_derivative"]

y, z = sp.symbols("y z")


def check_tanh_derivative(answer):
    """d tanh(z) / dz, written with tanh itself: 1 − tanh(z)²."""
    return check_expression(
        answer,
        1 - sp.tanh(z) ** 2,
        "write tanh(z) = sinh(z)/cosh(z) and use the quotient rule, then cosh² − sinh² = 1; "
        "or differentiate sp.tanh(z) with sympy and compare.",
        [z],
    )


def check_label_map(answer):
    """Labels y in {0, 1} mapped to {−1, 1}: 2·y − 1."""
    return check_expression(
        answer,
        2 * y - 1,
        "look for a straight line a·y + c that sends 0 to −1 and 1 to 1.",
        [y],
    )


def check_loss_at_zero(answer):
    """Squared error of tanh(w·x + b) at b = w = 0, labels in {−1, 1}: 1."""
    return check_number(
        answer,
        1.0,
        "at b = w = 0 every prediction is tanh(0) = 0; each example's error is then 0 − y, "
        "and y² is the same for y = −1 and y = 1.",
    )

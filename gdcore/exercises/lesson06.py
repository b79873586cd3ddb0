"""Checks for lesson 06's exercises: squared error against log-loss on a logistic model."""

import sympy as sp

from ._check import check_expression, check_number

__all__ = ["check_gradient_ratio", "check_log_loss_curvature", "check_mse_inflection"]

s = sp.Symbol("s")  # stands for σ(z)


def check_gradient_ratio(answer):
    """Squared error's |∂E/∂z| over log-loss's, for y = 1 at σ(z) = 0.01: 2σ(1 − σ)."""
    return check_number(
        answer,
        2 * 0.01 * 0.99,
        "for y = 1 the squared error gives 2(σ − 1)σ(1 − σ) and log-loss gives σ − 1; "
        "divide one by the other and put σ = 0.01.",
    )


def check_mse_inflection(answer):
    """Where squared error's second derivative in z changes sign for y = 0: z = log 2."""
    return check_number(
        answer,
        float(sp.log(2)),
        "factor the second derivative with y = 0 instead of y = 1: it changes sign where "
        "σ(z) = 2/3. Then solve σ(z) = 2/3 for z.",
    )


def check_log_loss_curvature(answer):
    """∂²/∂z² of log-loss for one example, written with ``s`` for σ(z): s(1 − s)."""
    return check_expression(
        answer,
        s * (1 - s),
        "∂E/∂z = s - y; differentiate that in s and multiply by dσ/dz = s*(1 - s) "
        "(the chain rule). The label y drops out.",
        symbols=(s,),
    )

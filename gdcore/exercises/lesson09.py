"""Checks for lesson 09's exercises: a tanh model with squared error, labels in {−1, 1}."""

from functools import cache

import numpy as np
import sympy as sp

from ._check import check_expression, check_number
from ._code import SQUARE, CodeExercise, Mistake

__all__ = [
    "check_label_map",
    "check_loss_at_zero",
    "check_tanh_derivative",
    "check_tanh_gradient_code",
]

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


@cache
def _sympy_partials():
    """∂/∂b and ∂/∂w of one example's (tanh(w·x + b) − y)², derived by sympy, as numpy."""
    pb, pw, px, py = sp.symbols("b w x y", real=True)
    per_example = (sp.tanh(pw * px + pb) - py) ** 2
    return sp.lambdify((pb, pw, px, py), [sp.diff(per_example, p) for p in (pb, pw)], "numpy")


def tanh_gradient(b, w, x, y):
    """``(dJ/db, dJ/dw)`` of J = (1/N) Σ (tanh(w·x + b) − y)², sympy's partials averaged.

    b, w : numbers; x, y : ndarray of shape (N,), labels in {−1, 1}.
    """
    db, dw = _sympy_partials()(b, w, x, y)
    return float(np.mean(db)), float(np.mean(dw))


def _without_tanh_prime(b, w, x, y):
    r = 2 * (np.tanh(w * x + b) - y)
    return np.mean(r), np.mean(r * x)


def _sigmoid_prime(b, w, x, y):
    yhat = np.tanh(w * x + b)
    r = 2 * (yhat - y) * yhat * (1 - yhat)
    return np.mean(r), np.mean(r * x)


def _draw_tanh(rng, n):
    """``(b, w, x, y)``: x around −1 for the label −1 and around +1 for the label 1, both
    present, and (b, w) where tanh is neither flat nor straight, so its slope 1 − ŷ²
    varies between examples."""
    b, w = rng.uniform(0.1, 0.5), rng.uniform(0.6, 1.4)
    y = np.where(rng.uniform(size=n) < 0.5, -1.0, 1.0)
    y[:2] = [-1.0, 1.0]
    return b, w, y + rng.normal(0.0, 1.0, size=n), y


TANH_GRADIENT_CODE = CodeExercise(
    reference=tanh_gradient,
    draw=_draw_tanh,
    outputs=("dJ/db", "dJ/dw"),
    hint=(
        "with ŷ = tanh(w·x + b), the chain rule multiplies the square's 2(ŷ − y) by "
        "tanh's slope at w·x + b and by the derivative of w·x + b; average over the "
        "examples. See the section 'Derive'."
    ),
    mistakes=(
        Mistake(
            "the chain rule's factor tanh′(w·x + b) = 1 − ŷ² is missing",
            _without_tanh_prime,
        ),
        Mistake(
            "that is the sigmoid's derivative ŷ(1 − ŷ); tanh's is 1 − ŷ²",
            _sigmoid_prime,
        ),
        Mistake(
            "the bias is missing: ŷ = tanh(w·x + b), not tanh(w·x)",
            lambda b, w, x, y: tanh_gradient(0.0, w, x, y),
        ),
        Mistake(
            "dJ/dw is missing the factor x, the derivative of w·x + b with respect to w",
            lambda b, w, x, y: (tanh_gradient(b, w, x, y)[0],) * 2,
        ),
    ),
    two=SQUARE,
    nonfinite="np.tanh stays finite for any input: look for a division or a log.",
)


def check_tanh_gradient_code(fn):
    """``fn(b, w, x, y) -> (dJ/db, dJ/dw)`` for J = (1/N) Σ (tanh(w·x + b) − y)²."""
    return TANH_GRADIENT_CODE.check(fn)

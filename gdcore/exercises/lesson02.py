"""Checks for lesson 02's exercises: a line fitted by squared error."""

import numpy as np
import sympy as sp

from ..losses import add_intercept, mse_grad
from ._check import check_expression, check_number
from ._code import SQUARE, CodeExercise, Mistake, draw_line

__all__ = [
    "check_dm_one_example",
    "check_gradient_code",
    "check_scaled_bound",
    "check_sum_rate",
]

c, m, x, y = sp.symbols("c m x y")


def check_dm_one_example(answer):
    """One house (x, y), loss (m·x + c − y)²: what is its derivative with respect to m?"""
    expected = sp.diff((m * x + c - y) ** 2, m)
    hint = (
        "use the chain rule: 2·(the error) times the derivative of m·x + c − y with respect to m."
    )
    return check_expression(answer, expected, hint, [c, m, x, y])


def check_sum_rate(answer):
    """α = 0.3 on the mean over N = 50 houses: which α gives the same steps on the sum?"""
    hint = "the sum's gradient is N times the mean's, so its learning rate must be N times smaller."
    return check_number(answer, 0.3 / 50, hint)


def check_scaled_bound(answer):
    """Standardised sizes, times 3 (mean still 0): what is the new 2/L?"""
    # The Hessian 2·XᵀX/N is diag(2, 2·mean(x²)) = diag(2, 2·9) for centred x of spread 3.
    hint = (
        "for centred x the Hessian is diag(2, 2·mean(x²)); find mean(x²) after scaling by 3, "
        "take the larger entry as L, then 2/L."
    )
    return check_number(answer, 2 / 18, hint)


def line_gradient(m, c, x, y):
    """``(dL/dm, dL/dc)`` of L = (1/N) Σ (y − (m·x + c))², from gdcore's ``mse_grad``."""
    g = mse_grad(np.array([c, m], dtype=float), add_intercept(x), y)
    return g[1], g[0]


GRADIENT_CODE = CodeExercise(
    reference=line_gradient,
    draw=draw_line,
    outputs=("dL/dm", "dL/dc"),
    hint=(
        "dL/dm = −(2/N) Σ x·(y − ŷ) and dL/dc = −(2/N) Σ (y − ŷ), with ŷ = m·x + c; "
        "see the section 'Derive'."
    ),
    mistakes=(
        Mistake(
            "the bias is missing: ŷ = m·x + c, not m·x",
            lambda m, c, x, y: line_gradient(m, 0.0, x, y),
        ),
        Mistake(
            "the chain rule's factor x is missing from dL/dm",
            lambda m, c, x, y: (line_gradient(m, c, x, y)[1],) * 2,
        ),
    ),
    two=SQUARE,
)


def check_gradient_code(fn):
    """``fn(m, c, x, y) -> (dL/dm, dL/dc)`` for L = (1/N) Σ (y − (m·x + c))².

    x and y have shape (N,); m and c are numbers.
    """
    return GRADIENT_CODE.check(fn)

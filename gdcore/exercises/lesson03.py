"""Checks for lesson 03's exercises: simultaneous updates against coordinate descent."""

import numpy as np
import sympy as sp

from ._check import check_expression, check_number
from ._code import SQUARE, CodeExercise, Mistake, draw_line
from .lesson02 import line_gradient

__all__ = [
    "check_centred_mean",
    "check_coordinate_c",
    "check_simultaneous_c",
    "check_update_code",
]

alpha, c, m, x, y = sp.symbols("alpha c m x y")

# The small data set of exercise 2, with the mean-form loss J = mean((c + m·x − y)²).
X_SMALL, Y_SMALL, LR_SMALL = np.array([1.0, 2.0, 3.0]), np.array([2.0, 3.0, 5.0]), 0.1


def check_simultaneous_c(answer):
    """One house (x, y), loss (m·x + c − y)²: the new c of one simultaneous update."""
    expected = c - alpha * sp.diff((m * x + c - y) ** 2, c)
    hint = "c − alpha·∂J/∂c, with ∂J/∂c taken at the old c and m: 2·(m·x + c − y)."
    return check_expression(answer, expected, hint, [alpha, c, m, x, y])


def _coordinate_c():
    """c after one sweep from (c, m) = (0, 0) that updates m first, then c at the new m."""
    c0, m0 = 0.0, 0.0
    m1 = m0 - LR_SMALL * 2 * np.mean((c0 + m0 * X_SMALL - Y_SMALL) * X_SMALL)
    return c0 - LR_SMALL * 2 * np.mean(c0 + m1 * X_SMALL - Y_SMALL)


def check_coordinate_c(answer):
    """x = (1, 2, 3), y = (2, 3, 5), α = 0.1, from (0, 0): c after one m-first sweep."""
    hint = (
        "first m ← m − α·2·mean((c + m·x − y)·x) at (0, 0); then c ← c − α·2·mean(c + m·x − y) "
        "using that NEW m."
    )
    # Three significant figures (0.0533) are enough; the other order gives 0.667.
    return check_number(answer, _coordinate_c(), hint)


def check_centred_mean(answer):
    """For which mean of x do the two updates always give the same c?"""
    hint = (
        "the two new c's differ by α²·(∂²J/∂c∂m)·∂J/∂m, and ∂²J/∂c∂m = 2·mean(x). "
        "When is that zero?"
    )
    return check_number(answer, 0.0, hint)


def line_update(m, c, x, y, lr):
    """``(m_new, c_new)`` after one simultaneous step on L = (1/N) Σ (y − (m·x + c))²."""
    dm, dc = line_gradient(m, c, x, y)
    return m - lr * dm, c - lr * dc


def _draw_update(rng, n):
    return (*draw_line(rng, n), rng.uniform(0.01, 0.08))


def _no_bias(m, c, x, y, lr):
    dm, dc = line_gradient(m, 0.0, x, y)
    return m - lr * dm, c - lr * dc


UPDATE_CODE = CodeExercise(
    reference=line_update,
    draw=_draw_update,
    outputs=("m_new", "c_new"),
    hint=(
        "take both partials at the old (m, c), dL/dm = −(2/N) Σ x·(y − ŷ) and "
        "dL/dc = −(2/N) Σ (y − ŷ), then m − lr·dL/dm and c − lr·dL/dc; see the section "
        "'In code, the difference is the order of two lines'."
    ),
    mistakes=(Mistake("the bias is missing: ŷ = m·x + c, not m·x", _no_bias),),
    updates=(0, 1),
    lr=4,
    two=SQUARE,
)


def check_update_code(fn):
    """``fn(m, c, x, y, lr) -> (m_new, c_new)``: one simultaneous gradient-descent step."""
    return UPDATE_CODE.check(fn)

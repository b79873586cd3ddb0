"""Checks for lesson 03's exercises: simultaneous updates against coordinate descent."""

import numpy as np
import sympy as sp

from ._check import check_expression, check_number

__all__ = ["check_centred_mean", "check_coordinate_c", "check_simultaneous_c"]

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
    return check_number(answer, _coordinate_c(), hint, rtol=1e-2)


def check_centred_mean(answer):
    """For which mean of x do the two updates always give the same c?"""
    hint = (
        "the two new c's differ by α²·(∂²J/∂c∂m)·∂J/∂m, and ∂²J/∂c∂m = 2·mean(x). "
        "When is that zero?"
    )
    return check_number(answer, 0.0, hint)

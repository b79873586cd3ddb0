"""Checks for lesson 05's exercises: logistic regression descended on log-loss."""

import numpy as np
import sympy as sp

from ._check import Verdict, check_expression, check_number

__all__ = ["check_decision_boundary", "check_safe_rate", "check_start_gradient"]

b, w, p = sp.symbols("b w p")


def check_decision_boundary(answer):
    """Where does the curve ŷ = σ(b + w·x) cross 1/2? Give x in terms of b and w."""
    hint = "σ(z) = 1/2 exactly when z = 0; solve b + w·x = 0 for x."
    verdict = check_expression(answer, -b / w, hint, [b, w])
    if not verdict and check_expression(answer, b / w, "", [b, w]):
        return Verdict(False, f"Not yet: check the sign. Hint: {hint}")
    return verdict


def check_start_gradient(answer):
    """At θ = (0, 0), with a fraction p of the labels equal to 1: what is ∂J/∂b?"""
    hint = "at θ = 0 every prediction ŷᵢ is σ(0); ∂J/∂b is the mean of ŷᵢ − yᵢ."
    verdict = check_expression(answer, sp.Rational(1, 2) - p, hint, [p])
    if not verdict and check_expression(answer, p - sp.Rational(1, 2), "", [p]):
        return Verdict(False, f"Not yet: that is the downhill direction, −∂J/∂b. Hint: {hint}")
    return verdict


def check_safe_rate(answer):
    """For x = 0, 1, 2, 3, what is 2/λmax(XᵀX/(4m)), with X = add_intercept(x)?"""
    X = np.column_stack([np.ones(4), np.arange(4.0)])
    lam = np.linalg.eigvalsh(X.T @ X / len(X))[-1] / 4
    verdict = check_number(
        answer,
        2 / lam,
        "build X with gdcore.add_intercept, then A = X.T @ X / (4 * m); "
        "np.linalg.eigvalsh(A)[-1] is λmax.",
    )
    if not verdict and check_number(answer, 2 / (4 * lam), ""):
        return Verdict(False, "Not yet: that is 2/λmax(XᵀX/m). Divide XᵀX by 4m, not m.")
    return verdict

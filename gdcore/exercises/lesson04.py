"""Checks for lesson 04's exercises: the sigmoid, the likelihood and log-loss's gradient."""

import sympy as sp

from ._check import Verdict, check_expression, check_number

__all__ = ["check_negative_example_grad", "check_sigmoid_slope", "check_underflow_size"]

yhat, x = sp.symbols("yhat x")


def check_sigmoid_slope(answer):
    """σ(z) = 3/4 at z = ln 3: what is σ′(z) there?"""
    verdict = check_number(
        answer, 3 / 16, "use σ′ = σ(1 − σ) with σ = 3/4; no exponentials needed.", rtol=1e-6
    )
    if not verdict and check_number(answer, 1 / 4, "", rtol=1e-6):
        return Verdict(False, "Not yet: 1/4 is σ′(0), the largest slope. Here σ = 3/4, not 1/2.")
    return verdict


def check_underflow_size(answer):
    """How many predictions of exactly 0.5 must be multiplied before float64 gives 0.0?"""
    verdict = check_number(
        answer,
        1075,
        "0.5**n is exactly 2**-n; compare it with the smallest positive float64, "
        "np.nextafter(0.0, 1.0), and mind how the last step rounds.",
        rtol=1e-9,
    )
    if not verdict and any(check_number(answer, n, "", rtol=1e-9) for n in (1022, 1023, 1024)):
        return Verdict(
            False,
            f"Not yet: {answer} is about where float64's normal numbers end, but smaller "
            "'subnormal' numbers go further. Try 0.5**1030 in Python.",
        )
    return verdict


def check_negative_example_grad(answer):
    """An example labelled y = 0 with prediction ŷ: what is ∂E/∂w for its feature x?"""
    hint = (
        "start from −(y − ŷ)·x and put y = 0. "
        'Write it with yhat and x, as a string such as "x + yhat".'
    )
    verdict = check_expression(answer, yhat * x, hint, [yhat, x])
    if not verdict and check_expression(answer, (yhat - 1) * x, "", [yhat, x]):
        return Verdict(False, "Not yet: that is the gradient for a label y = 1. Put y = 0.")
    return verdict

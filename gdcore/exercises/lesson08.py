"""Checks for lesson 08's exercises: real data, and why features are scaled."""

import sympy as sp

from ._check import check_expression, check_number

__all__ = ["check_centred_condition", "check_logistic_rate", "check_raw_bias"]

b, w, mu, s = sp.symbols("b w mu s")


def check_centred_condition(answer):
    """Condition number of the bias-plus-one-feature Hessian, x centred with std 5: 25."""
    return check_number(
        answer,
        25.0,
        "with mean μ = 0 the Hessian 2·[[1, μ], [μ, μ² + s²]] is diagonal, 2·diag(1, s²); "
        "its condition number is the larger diagonal entry over the smaller.",
    )


def check_raw_bias(answer):
    """The bias in raw units of b + w·(x − mu)/s: b − w·mu/s."""
    return check_expression(
        answer,
        b - w * mu / s,
        "multiply out b + w·(x − μ)/s and collect the terms without x: they are the raw bias.",
        [b, w, mu, s],
    )


def check_logistic_rate(answer):
    """Largest safe rate for log-loss when XᵀX/m is the identity: 2 / (1/4) = 8."""
    return check_number(
        answer,
        8.0,
        "log-loss's Hessian is at most XᵀX/(4m), so L is at most λmax(XᵀX/m)/4; "
        "here every eigenvalue of XᵀX/m is 1. The safe rate is 2/L.",
    )

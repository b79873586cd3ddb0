"""Checks for lesson 08's exercises: real data, and why features are scaled."""

import numpy as np
import sympy as sp

from ._check import check_expression, check_number
from ._code import CodeExercise, Mistake

__all__ = [
    "check_centred_condition",
    "check_logistic_rate",
    "check_raw_bias",
    "check_standardise_code",
]

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


def standardised(X):
    """Each column of X as (x − its mean) / its standard deviation, numpy's ddof=0.

    X : (m, n), one row per example; the result has X's shape.
    """
    return (X - X.mean(axis=0)) / X.std(axis=0)


def _draw_features(rng, m):
    """``(X,)``, X of shape (m, 4): columns like the diabetes data's age, bmi, s1 and
    s5, each far from zero and with its own spread, so that each mistake shows."""
    means = np.array([48.5, 26.4, 189.0, 4.6])
    spreads = np.array([13.1, 4.4, 34.6, 0.52])
    return (means + spreads * rng.normal(size=(m, 4)),)


STANDARDISE_CODE = CodeExercise(
    reference=standardised,
    draw=_draw_features,
    outputs=("X_std",),
    flipped="the sign is flipped: subtract the mean from x, (x − μ)/s, not (μ − x)/s",
    hint=(
        "column j becomes (x_j − μ_j)/s_j, with μ_j and s_j that column's mean and "
        "standard deviation over the examples, the rows (axis=0); see the section "
        "'The diabetes data, in its own units'."
    ),
    mistakes=(
        Mistake(
            "the statistics are taken over each row (axis=1), across features; "
            "take them over each column, the examples, with axis=0",
            lambda X: (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True),
        ),
        Mistake(
            "one mean and one standard deviation for the whole array; each column "
            "needs its own, with axis=0",
            lambda X: (X - X.mean()) / X.std(),
        ),
        Mistake(
            "the columns are not centred: subtract each column's mean before dividing",
            lambda X: X / X.std(axis=0),
        ),
        Mistake(
            "the columns are centred but not scaled: divide by each column's standard deviation",
            lambda X: X - X.mean(axis=0),
        ),
        Mistake(
            "divided by the variance instead of the standard deviation, its square root",
            lambda X: (X - X.mean(axis=0)) / X.var(axis=0),
        ),
        Mistake(
            "divided by the sample standard deviation (ddof=1); the lesson uses numpy's "
            "default, X.std(axis=0), which divides by m",
            lambda X: (X - X.mean(axis=0)) / X.std(axis=0, ddof=1),
        ),
    ),
)


def check_standardise_code(fn):
    """``fn(X) -> X_std`` for X of shape (m, n): each column centred and scaled."""
    return STANDARDISE_CODE.check(fn)

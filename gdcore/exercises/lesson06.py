"""Checks for lesson 06's exercises: squared error against log-loss on a logistic model."""

import sympy as sp

from ..losses import logistic_mse_grad, mse_grad, sigmoid
from ._check import check_expression, check_number
from ._code import SQUARE, CodeExercise, Mistake, draw_rows

__all__ = [
    "check_gradient_ratio",
    "check_log_loss_curvature",
    "check_mse_inflection",
    "check_squared_error_grad_code",
]

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


# --- squared error's gradient on σ, written by the learner -------------------------------


def squared_error_grad(theta, X, y):
    """Gradient of mean((σ(Xθ) − y)²), from gdcore's ``logistic_mse_grad``."""
    return logistic_mse_grad(theta, X, y)


def _no_slope(theta, X, y):
    """The σ(1 − σ) factor forgotten: 2/m Xᵀ(σ − y)."""
    return 2 * X.T @ (sigmoid(X @ theta) - y) / len(y)


def _no_sigmoid(theta, X, y):
    """The sigmoid forgotten altogether: linear regression's 2/m Xᵀ(Xθ − y)."""
    return mse_grad(theta, X, y)


def _slope_of_z(theta, X, y):
    """σ′ taken as z(1 − z), at the score instead of at σ(z)."""
    z = X @ theta
    return 2 * X.T @ ((sigmoid(z) - y) * z * (1 - z)) / len(y)


SQUARED_GRAD_CODE = CodeExercise(
    reference=squared_error_grad,
    draw=lambda rng, n: draw_rows(rng, n, labels=True),
    outputs=("∇J",),
    hint=(
        "with s = σ(Xθ), ∇J = (2/m) Xᵀ((s − y) · s(1 − s)): the error, times σ′ = σ(1 − σ) "
        "from the chain rule, then weighted by each example's row. See the section 'Derive'."
    ),
    mistakes=(
        Mistake(
            "the σ(1 − σ) factor is missing: the chain rule through ŷ = σ(z) multiplies "
            "(s − y) by σ′(z) = s(1 − s)",
            _no_slope,
        ),
        Mistake(
            "the sigmoid is missing: that is linear regression's gradient; the predictions "
            "are s = σ(Xθ), not Xθ",
            _no_sigmoid,
        ),
        Mistake("σ′ is σ(z)(1 − σ(z)), at s = σ(z), not z(1 − z) at the score", _slope_of_z),
    ),
    two=SQUARE,
)


def check_squared_error_grad_code(fn):
    """``fn(theta, X, y) -> ∇J`` for J = mean((σ(Xθ) − y)²), of theta's shape."""
    return SQUARED_GRAD_CODE.check(fn)

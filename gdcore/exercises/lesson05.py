"""Checks for lesson 05's exercises: logistic regression descended on log-loss."""

import numpy as np
import sympy as sp

from ..descent import descend
from ..losses import log_loss_grad, logistic_mse_grad
from ._check import Verdict, check_expression, check_number
from ._code import CodeExercise, Mistake, draw_rows

__all__ = [
    "check_decision_boundary",
    "check_logistic_descent_code",
    "check_safe_rate",
    "check_start_gradient",
]

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


# --- the whole descent loop, written by the learner --------------------------------------


def descend_log_loss(X, y, lr, steps):
    """θ after ``steps`` full-batch steps on log-loss from θ = 0, by ``gdcore.descend``."""
    theta0 = np.zeros(np.shape(X)[1])
    run = descend(lambda t: log_loss_grad(t, X, y), theta0, lr, steps)
    return run.thetas[-1]


def _loop(X, y, lr, steps, grad):
    theta = np.zeros(X.shape[1])
    for _ in range(steps):
        theta = theta - lr * grad(theta, X, y)
    return theta


def _draw_descent(rng, n):
    """``(X, y, lr, steps)``: two features and a bias, labels of both kinds, 4 to 11 steps."""
    _, X, y = draw_rows(rng, n, labels=True)
    return X, y, float(rng.uniform(0.05, 0.3)), int(rng.integers(4, 12))


def _uphill(X, y, lr, steps):
    return _loop(X, y, -lr, steps, log_loss_grad)


def _summed(X, y, lr, steps):
    return _loop(X, y, lr * len(y), steps, log_loss_grad)


def _no_sigmoid(X, y, lr, steps):
    return _loop(X, y, lr, steps, lambda t, X, y: X.T @ (X @ t - y) / len(y))


def _squared_error(X, y, lr, steps):
    return _loop(X, y, lr, steps, logistic_mse_grad)


def _no_lr(X, y, lr, steps):
    return _loop(X, y, 1.0, steps, log_loss_grad)


DESCENT_CODE = CodeExercise(
    reference=descend_log_loss,
    draw=_draw_descent,
    outputs=("θ",),
    hint=(
        "start from θ = np.zeros(X.shape[1]); then, `steps` times, "
        "θ ← θ − lr · (1/m) Xᵀ(σ(Xθ) − y), with σ = gdcore.sigmoid. See the section "
        "'Derive: the full-batch gradient'."
    ),
    mistakes=(
        Mistake("the step goes uphill: θ + lr·∇J instead of θ − lr·∇J", _uphill),
        Mistake("the gradient is summed instead of averaged: divide Xᵀ(σ(Xθ) − y) by m", _summed),
        Mistake("the sigmoid is missing: the predictions are σ(Xθ), not Xθ", _no_sigmoid),
        Mistake(
            "that is squared error's gradient on σ (lesson 06); log-loss's has no σ(1 − σ) "
            "factor: (1/m) Xᵀ(σ(Xθ) − y)",
            _squared_error,
        ),
        Mistake("the step is not multiplied by the learning rate lr", _no_lr),
        Mistake(
            "one step too few: the loop should run `steps` times",
            lambda X, y, lr, steps: descend_log_loss(X, y, lr, steps - 1),
        ),
        Mistake(
            "one step too many: the loop should run `steps` times",
            lambda X, y, lr, steps: descend_log_loss(X, y, lr, steps + 1),
        ),
    ),
)


def check_logistic_descent_code(fn):
    """``fn(X, y, lr, steps) -> θ``: full-batch gradient descent on log-loss from θ = 0."""
    return DESCENT_CODE.check(fn)

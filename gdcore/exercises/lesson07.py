"""Checks for lesson 07's exercises: gradients in the examples-in-columns layout.

The exercises use Ŷ = [[0.8, 0.3, 0.6, 0.1]], Y = [[1, 0, 1, 1]] and, for one
feature, X = [[1, 2, 3, 4]]: W is 1×1, X is 1×4, Ŷ and Y are 1×4.
"""

import numpy as np

from ..losses import add_intercept, log_loss_grad, mse_grad
from ._check import check_number
from ._code import CodeExercise, Mistake

__all__ = [
    "check_column_dW",
    "check_column_db",
    "check_sum_squares_factor",
    "check_vectorised_code",
]

YHAT = np.array([[0.8, 0.3, 0.6, 0.1]])
Y = np.array([[1.0, 0.0, 1.0, 1.0]])
X = np.array([[1.0, 2.0, 3.0, 4.0]])


def check_column_db(answer):
    """db = (1/m) Σ (Ŷ − Y) for the exercise's four examples: −0.3."""
    return check_number(
        _scalar(answer),
        float(np.mean(YHAT - Y)),
        "subtract Y from Ŷ entry by entry, add the four differences, and divide by m = 4; "
        "the sign matters.",
    )


def check_column_dW(answer):
    """dW = (1/m)(Ŷ − Y)Xᵀ for the exercise's one feature: −1.1."""
    return check_number(
        _scalar(answer),
        float(((YHAT - Y) @ X.T / X.shape[1])[0, 0]),
        "weight each difference ŷ − y by its example's x, add the four products, and "
        "divide by m = 4.",
    )


def check_sum_squares_factor(answer):
    """dW of the plain sum of squares over (1/m)(Ŷ − Y)Xᵀ, for m = 200: 2m = 400."""
    return check_number(
        answer,
        2.0 * 200,
        "(1/m)(Ŷ − Y)Xᵀ is the gradient of the half mean (1/2m)Σ(ŷ − y)². The plain sum "
        "drops both the ½ and the 1/m; each one you drop multiplies the gradient.",
    )


def _scalar(answer):
    """A 1×1 array, as numpy gives for dW with one feature, counts as its number."""
    if isinstance(answer, np.ndarray) and answer.size == 1:
        return float(answer.reshape(-1)[0])
    return answer


def column_gradient(W, b, X, Y):
    """``(dW, db)`` of the log-loss with Ŷ = σ(WX + b), via gdcore on the rows layout.

    W : (1, n), b : number, X : (n, m), Y : (1, m); dW has W's shape.
    """
    theta = np.concatenate([[b], np.ravel(W)])
    g = log_loss_grad(theta, add_intercept(X.T), np.ravel(Y))
    return g[1:].reshape(np.shape(W)), g[0]


def _linear_gradient(W, b, X, Y):
    """The same formula with Ŷ = WX + b: half of gdcore's mean squared error gradient."""
    theta = np.concatenate([[b], np.ravel(W)])
    g = mse_grad(theta, add_intercept(X.T), np.ravel(Y)) / 2
    return g[1:].reshape(np.shape(W)), g[0]


def _draw_columns(rng, m, n=3):
    """W (1, n), b, X (n, m) ~ U(1, 4), Y (1, m) of both labels. The first example sits
    far along W, where σ(WX + b) rounds to exactly 1 and log(1 − Ŷ) is log(0)."""
    W = rng.normal(size=(1, n))
    b = float(rng.uniform(0.5, 1.5))
    X = rng.uniform(1.0, 4.0, size=(n, m))
    X[:, 0] = 40 * W[0] / (W[0] @ W[0])
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    Y[0, :3] = [0.0, 1.0, 0.0]
    return W, b, X, Y


VECTORISED_CODE = CodeExercise(
    reference=column_gradient,
    draw=_draw_columns,
    outputs=("dW", "db"),
    hint=(
        "Ŷ = σ(WX + b), dW = (1/m)(Ŷ − Y)Xᵀ with W's shape (1, n), db = (1/m) Σ (Ŷ − Y); "
        "see the section 'The column layout in numpy, shape by shape'."
    ),
    mistakes=(
        Mistake(
            "the bias is missing: Ŷ = σ(WX + b), not σ(WX)",
            lambda W, b, X, Y: column_gradient(W, 0.0, X, Y),
        ),
        Mistake("the sigmoid is missing: Ŷ = σ(WX + b), not WX + b", _linear_gradient),
        Mistake(
            "divided by the number of features n = X.shape[0] instead of the number of "
            "examples m = X.shape[1]",
            lambda W, b, X, Y: tuple(
                g * X.shape[1] / X.shape[0] for g in column_gradient(W, b, X, Y)
            ),
        ),
    ),
    nonfinite=(
        "σ(z) rounds to exactly 1 for large z, so log(1 − Ŷ) or 1/(1 − Ŷ) is log(0) or 1/0. "
        "The chain rule cancels them: use dZ = Ŷ − Y directly"
    ),
)


def check_vectorised_code(fn):
    """``fn(W, b, X, Y) -> (dW, db)`` for the log-loss, W (1, n), X (n, m), Y (1, m)."""
    return VECTORISED_CODE.check(fn)

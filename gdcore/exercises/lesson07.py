"""Checks for lesson 07's exercises: gradients in the examples-in-columns layout.

The exercises use Ŷ = [[0.8, 0.3, 0.6, 0.1]], Y = [[1, 0, 1, 1]] and, for one
feature, X = [[1, 2, 3, 4]]: W is 1×1, X is 1×4, Ŷ and Y are 1×4.
"""

import numpy as np

from ._check import check_number

__all__ = ["check_column_dW", "check_column_db", "check_sum_squares_factor"]

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

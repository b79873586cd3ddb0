import numpy as np
import sympy as sp

from gdcore.exercises import check_column_db, check_column_dW, check_sum_squares_factor

YHAT = np.array([[0.8, 0.3, 0.6, 0.1]])
Y = np.array([[1.0, 0.0, 1.0, 1.0]])
X = np.array([[1.0, 2.0, 3.0, 4.0]])


def test_check_column_db():
    assert check_column_db(-0.3)
    assert check_column_db(sp.Rational(-3, 10))
    assert check_column_db(np.sum(YHAT - Y, axis=1, keepdims=True) / 4)
    for wrong in (0.3, -1.2, -0.075):
        verdict = check_column_db(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_column_dW():
    assert check_column_dW(-1.1)
    assert check_column_dW((YHAT - Y) @ X.T / 4)
    for wrong in (1.1, -4.4, -0.3, (YHAT - Y) @ X.T):
        verdict = check_column_dW(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "Expected a number" in repr(check_column_dW("minus one"))


def test_check_sum_squares_factor():
    assert check_sum_squares_factor(400) and check_sum_squares_factor(400.0)
    assert check_sum_squares_factor(sp.Integer(2) * 200)
    for wrong in (2, 200, 0.5, 1 / 400):
        verdict = check_sum_squares_factor(wrong)
        assert not verdict and "½" in repr(verdict)

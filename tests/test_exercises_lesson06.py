import math

import numpy as np
import pytest
import sympy as sp

import gdcore
from gdcore.exercises import (
    check_gradient_ratio,
    check_log_loss_curvature,
    check_mse_inflection,
    check_squared_error_grad_code,
)


def test_check_gradient_ratio():
    assert check_gradient_ratio(0.0198)
    assert check_gradient_ratio(sp.Rational(198, 10000))
    for wrong in (0.01, 0.99, 0.0099):
        verdict = check_gradient_ratio(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "Expected a number" in repr(check_gradient_ratio("small"))


def test_check_mse_inflection():
    assert check_mse_inflection(sp.log(2))
    assert check_mse_inflection(-sp.log(sp.Rational(1, 2)))
    assert check_mse_inflection(0.6931)
    # The y = 1 answer, from the lesson, is the wrong one here.
    wrong = check_mse_inflection(-sp.log(2))
    assert not wrong and "2/3" in repr(wrong)
    assert not check_mse_inflection(0)


def test_check_log_loss_curvature():
    s = sp.Symbol("s")
    assert check_log_loss_curvature(s * (1 - s))
    assert check_log_loss_curvature("s - s**2")
    # A symbol made in the lesson with assumptions still counts by its name.
    s_real = sp.Symbol("s", real=True)
    assert check_log_loss_curvature(s_real * (1 - s_real))


@pytest.mark.parametrize("wrong", ["s - y", "1 - s", "s*(1 - s)*(s - y)", "2*s*(1 - s)"])
def test_check_log_loss_curvature_wrong(wrong):
    verdict = check_log_loss_curvature(wrong)
    assert not verdict and "chain rule" in repr(verdict)


def test_check_log_loss_curvature_unreadable():
    verdict = check_log_loss_curvature("s*(1 - s")
    assert not verdict and "Hint" in repr(verdict)


def _grad_numpy(theta, X, y):
    s = gdcore.sigmoid(X @ theta)
    return 2 * X.T @ ((s - y) * s * (1 - s)) / len(y)


def _grad_loop(theta, X, y):
    grad = np.zeros_like(theta)
    for row, label in zip(X, y):
        s = 1 / (1 + math.exp(-float(row @ theta)))
        grad += 2 * (s - label) * s * (1 - s) * row / len(y)
    return grad


@pytest.mark.parametrize("fn", [_grad_numpy, _grad_loop, gdcore.logistic_mse_grad])
def test_check_squared_error_grad_code_right(fn):
    assert check_squared_error_grad_code(fn)


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (lambda t, X, y: -_grad_numpy(t, X, y), ["sign is flipped"]),
        (lambda t, X, y: _grad_numpy(t, X, y) / 2, ["missing the 2"]),
        (lambda t, X, y: len(y) * _grad_numpy(t, X, y), ["summed instead of averaged"]),
        (
            lambda t, X, y: 2 * X.T @ (gdcore.sigmoid(X @ t) - y) / len(y),
            ["σ(1 − σ) factor is missing"],
        ),
        (gdcore.log_loss_grad, ["σ(1 − σ) factor is missing", "missing the 2"]),
        (gdcore.mse_grad, ["sigmoid is missing"]),
        (
            lambda t, X, y: (
                2 * X.T @ ((gdcore.sigmoid(X @ t) - y) * (X @ t) * (1 - X @ t)) / len(y)
            ),
            ["not z(1 − z)"],
        ),
    ],
)
def test_check_squared_error_grad_code_names_the_mistake(fn, words):
    verdict = check_squared_error_grad_code(fn)
    assert not verdict
    for word in words:
        assert word in repr(verdict)


def test_check_squared_error_grad_code_stub():
    def squared_error_grad(theta, X, y):
        """Gradient of mean((σ(Xθ) − y)²)."""
        ...

    assert "No answer yet" in repr(check_squared_error_grad_code(squared_error_grad))

import math

import numpy as np
import pytest
import sympy as sp

import gdcore
from gdcore.exercises import (
    check_decision_boundary,
    check_logistic_descent_code,
    check_safe_rate,
    check_start_gradient,
)


def test_check_decision_boundary():
    b, w = sp.symbols("b w")
    assert check_decision_boundary("-b/w") and check_decision_boundary(-b / w)
    b_r, w_r = sp.symbols("b w", real=True)
    assert check_decision_boundary(-b_r / w_r)
    for wrong in ["w/b", "-w/b", "b*w", "0"]:
        verdict = check_decision_boundary(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "sign" in repr(check_decision_boundary("b/w"))
    assert "No answer yet" in repr(check_decision_boundary(None))


def test_check_start_gradient():
    p = sp.Symbol("p")
    assert check_start_gradient("1/2 - p") and check_start_gradient(sp.Rational(1, 2) - p)
    assert check_start_gradient("0.5 - p")
    for wrong in ["p", "1 - p", "-p", "0.25 - p"]:
        verdict = check_start_gradient(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "downhill" in repr(check_start_gradient("p - 1/2"))
    assert "No answer yet" in repr(check_start_gradient(...))


def test_check_safe_rate():
    X = gdcore.add_intercept(np.arange(4.0))
    lam = np.linalg.eigvalsh(X.T @ X / (4 * len(X)))[-1]
    assert check_safe_rate(2 / lam) and check_safe_rate(round(2 / lam, 4))
    assert check_safe_rate(32 / (9 + sp.sqrt(61)))  # exact: A = [[4, 6], [6, 14]] / 16
    for wrong in [1.0, 2.0, 1 / lam]:
        verdict = check_safe_rate(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "4m" in repr(check_safe_rate(2 / (4 * lam)))
    assert "No answer yet" in repr(check_safe_rate(...))


def _descend_numpy(X, y, lr, steps):
    theta = np.zeros(X.shape[1])
    for _ in range(steps):
        theta = theta - lr * X.T @ (gdcore.sigmoid(X @ theta) - y) / len(y)
    return theta


def _descend_loop(X, y, lr, steps):
    theta = [0.0] * X.shape[1]
    for _ in range(steps):
        grad = [0.0] * len(theta)
        for row, label in zip(X.tolist(), y.tolist()):
            error = 1 / (1 + math.exp(-sum(a * t for a, t in zip(row, theta)))) - label
            grad = [g + error * a / len(y) for g, a in zip(grad, row)]
        theta = [t - lr * g for t, g in zip(theta, grad)]
    return theta


def _with_grad(grad, lr_factor=1.0, extra=0):
    def descend(X, y, lr, steps):
        theta = np.zeros(X.shape[1])
        for _ in range(steps + extra):
            theta = theta - lr * lr_factor * grad(theta, X, y)
        return theta

    return descend


@pytest.mark.parametrize("fn", [_descend_numpy, _descend_loop])
def test_check_logistic_descent_code_right(fn):
    assert check_logistic_descent_code(fn)


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (_with_grad(gdcore.log_loss_grad, lr_factor=-1.0), ["uphill"]),
        (
            _with_grad(lambda t, X, y: X.T @ (gdcore.sigmoid(X @ t) - y)),
            ["summed instead of averaged"],
        ),
        (_with_grad(lambda t, X, y: X.T @ (X @ t - y) / len(y)), ["sigmoid is missing"]),
        (_with_grad(gdcore.logistic_mse_grad), ["squared error", "σ(1 − σ)"]),
        (_with_grad(gdcore.log_loss_grad, extra=-1), ["one step too few"]),
        (_with_grad(gdcore.log_loss_grad, extra=1), ["one step too many"]),
        (lambda X, y, lr, steps: _descend_numpy(X, y, 1.0, steps), ["learning rate"]),
        (lambda X, y, lr, steps: print(end=""), ["forget `return`"]),
    ],
)
def test_check_logistic_descent_code_names_the_mistake(fn, words):
    verdict = check_logistic_descent_code(fn)
    assert not verdict
    for word in words:
        assert word in repr(verdict)


def test_check_logistic_descent_code_stub():
    def descend(X, y, lr, steps):
        """θ after `steps` full-batch steps on log-loss, from θ = 0."""
        ...

    assert "No answer yet" in repr(check_logistic_descent_code(descend))

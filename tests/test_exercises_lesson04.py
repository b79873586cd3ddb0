import math

import numpy as np
import pytest
import sympy as sp

from gdcore.exercises import (
    check_closer_gradient,
    check_negative_example_grad,
    check_sigmoid_slope,
    check_stable_log_loss_code,
    check_underflow_size,
)


def test_check_sigmoid_slope():
    assert check_sigmoid_slope(3 / 16) and check_sigmoid_slope(sp.Rational(3, 16))
    assert check_sigmoid_slope("3/4 * (1 - 3/4)")
    for wrong in [3 / 4, 0.1, -3 / 16]:
        verdict = check_sigmoid_slope(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "σ′(0)" in repr(check_sigmoid_slope(0.25))
    assert "Expected a number" in repr(check_sigmoid_slope("sigma"))
    assert "No answer yet" in repr(check_sigmoid_slope(...))
    assert "No answer yet" in repr(check_sigmoid_slope(None))


def test_check_underflow_size():
    assert 0.5**1075 == 0.0 and 0.5**1074 > 0.0  # the answer really is 1075 here
    assert check_underflow_size(1075) and check_underflow_size(np.int64(1075))
    for wrong in [1074, 1076, 744, 2000]:
        verdict = check_underflow_size(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "subnormal" in repr(check_underflow_size(1023))
    assert "No answer yet" in repr(check_underflow_size(...))


def test_check_negative_example_grad():
    yhat, x = sp.symbols("yhat x")
    assert check_negative_example_grad("yhat*x") and check_negative_example_grad("x * yhat")
    assert check_negative_example_grad(yhat * x)
    # The lesson's own symbols carry assumptions; they still count by name.
    yhat_r, x_r = sp.symbols("yhat x", real=True)
    assert check_negative_example_grad(x_r * yhat_r)
    for wrong in ["yhat", "-yhat*x", "(1 - yhat)*x", "x"]:
        verdict = check_negative_example_grad(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "y = 1" in repr(check_negative_example_grad("(yhat - 1)*x"))
    assert "Could not read" in repr(check_negative_example_grad("yhat *"))
    assert "No answer yet" in repr(check_negative_example_grad(...))


def test_check_closer_gradient():
    for right in ["b", "B", " (b) ", "b."]:
        assert check_closer_gradient(right)
    assert "Right: b" in repr(check_closer_gradient("b"))
    for wrong, words in [("a", "shrinks"), ("c", "sets the size"), ("d", "opposite")]:
        verdict = check_closer_gradient(wrong)
        assert not verdict and words in repr(verdict)
    for unknown in ["e", "ab", 3, ""]:
        verdict = check_closer_gradient(unknown)
        assert not verdict and "is not one of" in repr(verdict)
        assert "\n" not in repr(verdict)
    for missing in [None, ...]:
        assert "No answer yet" in repr(check_closer_gradient(missing))


def _stable_numpy(z, y):
    return np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))


def _stable_loop(z, y):
    total = 0.0
    for zi, yi in zip(z, y):
        u = -zi if yi == 1 else zi  # log(1 + e^u), the loss of one example
        total += max(u, 0.0) + math.log1p(math.exp(-abs(u)))
    return total / len(z)


def _naive(z, y):
    p = 1 / (1 + np.exp(-z))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def _clipped(z, y):
    p = np.clip(1 / (1 + np.exp(-z)), 1e-15, 1 - 1e-15)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize("fn", [_stable_numpy, _stable_loop])
def test_check_stable_log_loss_code_right(fn):
    assert check_stable_log_loss_code(fn)


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (_naive, ["nan", "log(0)", "np.logaddexp"]),
        (
            lambda z, y: np.mean(y * np.log1p(np.exp(-z)) + (1 - y) * np.log1p(np.exp(z))),
            ["is nan"],
        ),
        (_clipped, ["clipped", "stable form"]),
        (lambda z, y: -_stable_numpy(z, y), ["sign"]),
        (lambda z, y: len(z) * _stable_numpy(z, y), ["summed instead of averaged"]),
        (lambda z, y: _stable_numpy(z, 1 - y), ["labels are swapped"]),
        (lambda z, y: y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z), ["one value per"]),
    ],
)
def test_check_stable_log_loss_code_names_the_mistake(fn, words):
    with np.errstate(all="ignore"):
        verdict = check_stable_log_loss_code(fn)
    assert not verdict
    for word in words:
        assert word in repr(verdict)


def test_check_stable_log_loss_code_stub():
    def log_loss(z, y):
        """The mean log-loss from the scores z."""
        ...

    assert "No answer yet" in repr(check_stable_log_loss_code(log_loss))
    assert "No answer yet" in repr(check_stable_log_loss_code(None))

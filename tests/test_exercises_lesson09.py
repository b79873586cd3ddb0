import math

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

import gdcore
from gdcore.exercises import (
    check_label_map,
    check_loss_at_zero,
    check_tanh_derivative,
    check_tanh_gradient_code,
)
from gdcore.exercises.lesson09 import tanh_gradient


def test_check_tanh_derivative():
    z = sp.Symbol("z", real=True)
    assert check_tanh_derivative("1 - tanh(z)**2")
    assert check_tanh_derivative(1 / sp.cosh(z) ** 2)
    assert check_tanh_derivative(sp.diff(sp.tanh(z), z))
    for wrong in ("tanh(z)*(1 - tanh(z))", "1 + tanh(z)**2", "cosh(z)**2", "1 - tanh(z)"):
        verdict = check_tanh_derivative(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_label_map():
    y = sp.Symbol("y", real=True)
    assert check_label_map("2*y - 1") and check_label_map(2 * (y - sp.Rational(1, 2)))
    for wrong in ("y - 1", "1 - 2*y", "2*y", "(y + 1)/2"):
        verdict = check_label_map(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_loss_at_zero():
    assert check_loss_at_zero(1) and check_loss_at_zero(1.0) and check_loss_at_zero("1")
    for wrong in (0, 0.5, 2, 4):
        verdict = check_loss_at_zero(wrong)
        assert not verdict and "Hint" in repr(verdict)


# --- the coding exercise: fn(b, w, x, y) -> (dJ/db, dJ/dw) --------------------------------


def tanh_grad_numpy(b, w, x, y):
    yhat = np.tanh(w * x + b)
    r = 2 * (yhat - y) * (1 - yhat**2)
    return np.mean(r), np.mean(r * x)


def tanh_grad_loop(b, w, x, y):
    db = dw = 0.0
    for xi, yi in zip(x, y):
        yhat = math.tanh(w * xi + b)
        g = 2 * (yhat - yi) * (1 - yhat * yhat)
        db, dw = db + g, dw + g * xi
    return db / len(x), dw / len(x)


def tanh_grad_cosh(b, w, x, y):
    z = w * x + b
    r = 2 * (np.tanh(z) - y) / np.cosh(z) ** 2
    return np.array([r.mean(), (r * x).mean()])


@pytest.mark.parametrize("fn", [tanh_grad_numpy, tanh_grad_loop, tanh_grad_cosh])
def test_tanh_gradient_right(fn):
    verdict = check_tanh_gradient_code(fn)
    assert verdict and "Right" in repr(verdict)


def _scaled(k):
    return lambda b, w, x, y: tuple(k * g for g in tanh_grad_numpy(b, w, x, y))


def _no_prime(b, w, x, y):
    r = 2 * (np.tanh(w * x + b) - y)
    return np.mean(r), np.mean(r * x)


def _sigmoid_prime(b, w, x, y):
    yhat = np.tanh(w * x + b)
    r = 2 * (yhat - y) * yhat * (1 - yhat)
    return np.mean(r), np.mean(r * x)


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (_no_prime, "1 − ŷ² is missing"),
        (_sigmoid_prime, "sigmoid's derivative"),
        (lambda b, w, x, y: tanh_grad_numpy(0.0, w, x, y), "bias is missing"),
        (lambda b, w, x, y: (tanh_grad_numpy(b, w, x, y)[0],) * 2, "missing the factor x"),
        (lambda b, w, x, y: tanh_grad_numpy(b, w, x, y)[::-1], "swapped"),
        (_scaled(-1), "sign is flipped"),
        (lambda b, w, x, y: tuple(len(x) * g for g in tanh_grad_numpy(b, w, x, y)), "summed"),
        (_scaled(0.5), "missing the 2"),
    ],
    ids=["tanh-prime", "sigmoid-prime", "bias", "x", "swapped", "sign", "summed", "two"],
)
def test_tanh_gradient_mistakes_named(fn, words):
    verdict = check_tanh_gradient_code(fn)
    assert not verdict and words in repr(verdict) and "Hint" in repr(verdict)


def test_tanh_gradient_stub():
    def tanh_gradient(b, w, x, y):
        """(dJ/db, dJ/dw), averaged over the examples."""
        ...

    verdict = check_tanh_gradient_code(tanh_gradient)
    assert not verdict and "No answer yet" in repr(verdict)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_tanh_reference_against_central_differences(seed):
    rng = np.random.default_rng(seed)
    b, w = rng.normal(size=2)
    x, y = rng.normal(size=11), np.where(rng.uniform(size=11) < 0.5, -1.0, 1.0)

    def loss(theta):
        return np.mean((np.tanh(theta[1] * x + theta[0]) - y) ** 2)

    ref = gdcore.numerical_grad(loss, np.array([b, w]))
    assert_allclose(tanh_gradient(b, w, x, y), ref, rtol=1e-6, atol=1e-8)


def test_an_equivalent_form_is_right_and_echoed_as_written():
    from gdcore.exercises import check_tanh_derivative

    verdict = check_tanh_derivative("1/cosh(z)^2")
    assert verdict and "cosh(z)" in repr(verdict) and "tanh" not in repr(verdict)

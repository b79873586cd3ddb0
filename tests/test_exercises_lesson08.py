import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from gdcore.exercises import (
    check_centred_condition,
    check_logistic_rate,
    check_raw_bias,
    check_standardise_code,
)
from gdcore.exercises.lesson08 import standardised


def test_check_centred_condition():
    assert check_centred_condition(25) and check_centred_condition(25.0)
    assert check_centred_condition(sp.Integer(5) ** 2)
    for wrong in (5, 1 / 25, 50, 1):
        verdict = check_centred_condition(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_raw_bias():
    b, w, mu, s = sp.symbols("b w mu s", real=True)
    assert check_raw_bias("b - w*mu/s")
    assert check_raw_bias(b - w * mu / s)
    assert check_raw_bias((b * s - w * mu) / s)
    for wrong in ("b", "b - w*mu", "b + w*mu/s", "w/s"):
        verdict = check_raw_bias(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_logistic_rate():
    assert check_logistic_rate(8) and check_logistic_rate("2/(1/4)")
    for wrong in (2, 0.5, 4, 1 / 8):
        verdict = check_logistic_rate(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "Expected a number" in repr(check_logistic_rate("fast"))


# --- the coding exercise: standardise(X) -> X_std -----------------------------------------


def standardise_numpy(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def standardise_loop(X):
    m, n = len(X), len(X[0])
    out = np.empty((m, n))
    for j in range(n):
        column = [X[i][j] for i in range(m)]
        mean = sum(column) / m
        std = (sum((v - mean) ** 2 for v in column) / m) ** 0.5
        for i in range(m):
            out[i][j] = (column[i] - mean) / std
    return out


def standardise_sklearn_style(X):
    mean = X.mean(axis=0, keepdims=True)
    return ((X - mean) / np.sqrt(((X - mean) ** 2).mean(axis=0))).astype(np.float32)


@pytest.mark.parametrize("fn", [standardise_numpy, standardise_loop, standardise_sklearn_style])
def test_standardise_right(fn):
    verdict = check_standardise_code(fn)
    assert verdict and "Right" in repr(verdict)


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (lambda X: (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True), "axis=1"),
        (lambda X: (X - X.mean(axis=1)) / X.std(axis=1), "ValueError"),
        (lambda X: (X - X.mean()) / X.std(), "whole array"),
        (lambda X: X / X.std(axis=0), "not centred"),
        (lambda X: X - X.mean(axis=0), "not scaled"),
        (lambda X: (X - X.mean(axis=0)) / X.var(axis=0), "variance instead of the standard"),
        (lambda X: (X - X.mean(axis=0)) / X.std(axis=0, ddof=1), "ddof=1"),
        (lambda X: standardise_numpy(X).T, "transpose"),
        (lambda X: -standardise_numpy(X), "sign"),
    ],
    ids=["rows", "rows-broadcast", "whole", "centre", "scale", "variance", "ddof", "T", "sign"],
)
def test_standardise_mistakes_named(fn, words):
    verdict = check_standardise_code(fn)
    assert not verdict and words in repr(verdict) and "Hint" in repr(verdict)


def test_standardise_stub():
    def standardise(X):
        """Each column of X as (x − mean) / std."""
        ...

    verdict = check_standardise_code(standardise)
    assert not verdict and "No answer yet" in repr(verdict)


def test_standardise_reference_on_the_lesson_data():
    X = np.random.default_rng(1).normal([48.5, 189.0], [13.1, 34.6], size=(50, 2))
    Z = standardised(X)
    assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    assert_allclose(Z.std(axis=0), 1, rtol=1e-12)

import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import gdcore
from gdcore import symbolic
from tests.conftest import make_data

PAIRS = {
    "mse": (gdcore.mse, gdcore.mse_grad, False),
    "log_loss": (gdcore.log_loss, gdcore.log_loss_grad, True),
    "logistic_mse": (gdcore.logistic_mse, gdcore.logistic_mse_grad, True),
}
shapes = st.tuples(st.integers(0, 2**16), st.integers(1, 40), st.integers(1, 5))


@pytest.mark.parametrize("name", PAIRS)
@given(shape=shapes)
@settings(max_examples=40, deadline=None)
def test_gradient_matches_central_differences(name, shape):
    loss, grad, labels = PAIRS[name]
    theta, X, y = make_data(*shape, labels=labels)
    reference = gdcore.numerical_grad(lambda t: loss(t, X, y), theta)
    assert_allclose(grad(theta, X, y), reference, rtol=1e-6, atol=1e-8)


def _per_example(name, n):
    """The loss of one example, written out in sympy."""
    t, x, yy = sp.symbols(f"t0:{n}"), sp.symbols(f"x0:{n}"), sp.Symbol("y")
    z = sum(ti * xi for ti, xi in zip(t, x))
    s = 1 / (1 + sp.exp(-z))
    expr = {
        "mse": (z - yy) ** 2,
        "log_loss": -(yy * sp.log(s) + (1 - yy) * sp.log(1 - s)),
        "logistic_mse": (s - yy) ** 2,
    }[name]
    return expr, list(t), [*x, yy]


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n", [1, 2, 4])
def test_gradient_matches_sympy(name, seed, n):
    loss, grad, labels = PAIRS[name]
    theta, X, y = make_data(seed, 25, n, labels=labels)
    expr, params, data = _per_example(name, n)
    columns = [*X.T, y]
    by_sympy = symbolic.as_function([sp.diff(expr, p) for p in params], params, data)
    assert_allclose(grad(theta, X, y), by_sympy(theta, *columns), rtol=1e-6, atol=1e-8)
    assert_allclose(loss(theta, X, y), symbolic.as_function(expr, params, data)(theta, *columns))


@pytest.mark.parametrize("name", PAIRS)
def test_a_stack_of_thetas_gives_one_row_each(name):
    loss, grad, labels = PAIRS[name]
    _, X, y = make_data(3, 30, 3, labels=labels)
    stack = np.random.default_rng(1).normal(size=(7, 3))
    assert_allclose(loss(stack, X, y), [loss(t, X, y) for t in stack], rtol=1e-12)
    assert_allclose(grad(stack, X, y), [grad(t, X, y) for t in stack], rtol=1e-12, atol=1e-15)


def test_sigmoid_is_exact_at_the_extremes_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = gdcore.sigmoid(np.array([-1e4, -800.0, 0.0, 800.0, 1e4]))
    assert s.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]


@given(st.floats(-700, 700))
def test_sigmoid_is_symmetric(z):
    assert gdcore.sigmoid(z) + gdcore.sigmoid(-z) == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize("z, label, expected", [(800, 0, 800.0), (-800, 1, 800.0), (800, 1, 0.0)])
def test_log_loss_is_finite_and_exact_when_confidently_wrong(z, label, expected):
    X, y = np.array([[1.0]]), np.array([float(label)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gdcore.log_loss([z], X, y) == expected
        assert gdcore.log_loss_grad([z], X, y)[0] == (1.0 - label if z > 0 else -label)


def test_logistic_mse_gradient_vanishes_when_confidently_wrong():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = gdcore.logistic_mse_grad([800.0], np.array([[1.0]]), np.array([0.0]))
    assert g[0] == 0.0


def test_add_intercept_puts_ones_first():
    X = gdcore.add_intercept([[2.0, 3.0], [4.0, 5.0]])
    assert X.tolist() == [[1.0, 2.0, 3.0], [1.0, 4.0, 5.0]]
    assert gdcore.add_intercept([7.0, 8.0]).shape == (2, 2)


BAD = [
    ("y has 3 entries", lambda X, y, t: (t, X, y[:3])),
    ("pass X.T", lambda X, y, t: (t, X, y[:3])),
    ("theta has shape", lambda X, y, t: (t[:1], X, y)),
    ("X must be 2-D", lambda X, y, t: (t, X[:, 0], y)),
    ("y must be 1-D", lambda X, y, t: (t, X, y[:, None])),
    ("theta contains NaN", lambda X, y, t: (np.array([np.nan, 0.0]), X, y)),
    ("theta contains NaN or inf", lambda X, y, t: (np.array([0.0, -np.inf]), X, y)),
    ("theta contains NaN or inf", lambda X, y, t: (np.array([t, [np.inf, 0.0]]), X, y)),
    ("theta has shape \\(\\)", lambda X, y, t: (np.float64(1.0), X, y)),
    ("theta has shape \\(2, 1, 2\\)", lambda X, y, t: (np.array([t, t])[:, None], X, y)),
]


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.parametrize("message, corrupt", BAD)
def test_bad_shapes_name_the_problem(name, message, corrupt):
    loss, grad, labels = PAIRS[name]
    theta, X, y = make_data(0, 10, 2, labels=labels)
    for f in (loss, grad):
        with pytest.raises(ValueError, match=message):
            f(*corrupt(X, y, theta))


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.parametrize("where", ["X", "y"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_in_the_data_is_named(name, where, bad):
    loss, grad, labels = PAIRS[name]
    theta, X, y = make_data(0, 10, 2, labels=labels)
    if where == "X":
        X[4, 1] = bad
    else:
        y[4] = bad
    for f in (loss, grad):
        with pytest.raises(
            ValueError, match=f"{where} contains 1 NaN or inf value.*first at index"
        ):
            f(theta, X, y)


@pytest.mark.parametrize("name", ["log_loss", "logistic_mse"])
def test_labels_outside_zero_one_are_refused(name):
    loss, grad, _ = PAIRS[name]
    theta, X, _ = make_data(0, 4, 2)
    for f in (loss, grad):
        with pytest.raises(ValueError, match=r"labels in \{0, 1\}.*\[-1.0\]"):
            f(theta, X, np.array([0.0, 1.0, -1.0, 1.0]))


def test_mse_grad_is_finite_when_theta_overflows_the_loss():
    _theta, X, y = make_data(0, 10, 2)
    with np.errstate(over="ignore"):
        assert np.isinf(gdcore.mse([1e200, 1e200], X, y))

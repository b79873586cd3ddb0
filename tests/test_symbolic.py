import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

import gdcore
from gdcore import symbolic

c, m, x, y = sp.symbols("c m x y")


def test_derive_and_as_function_match_gdcore_mse():
    grads = symbolic.derive((y - (m * x + c)) ** 2, [c, m])
    assert sp.simplify(grads[0] - 2 * (c + m * x - y)) == 0
    rng = np.random.default_rng(0)
    xs, ys = rng.normal(size=20), rng.normal(size=20)
    f = symbolic.as_function(grads, [c, m], [x, y])
    X = gdcore.add_intercept(xs)
    err = symbolic.worst_error(lambda t: f(t, xs, ys), lambda t: gdcore.mse_grad(t, X, ys), 2, rng)
    assert err < 1e-12


def test_as_function_keeps_constants_in_shape_and_takes_stacks():
    f = symbolic.as_function([sp.Integer(2), 3 * m], [c, m])
    assert f(np.ones((4, 2))).shape == (4, 2)
    assert_allclose(f(np.array([0.0, 1.0])), [2.0, 3.0])
    single = symbolic.as_function(c * m, [c, m], [x])
    assert single(np.ones((5, 2)), np.arange(3.0)).shape == (5,)


def test_worst_error_sees_a_wrong_gradient():
    rng = np.random.default_rng(1)
    assert symbolic.worst_error(lambda t: 2 * t, lambda t: 2.001 * t, 3, rng) > 1e-4


def test_parse_model_reads_implicit_products_powers_and_builtins():
    w, b = sp.symbols("w b")
    assert symbolic.parse_model("tanh(w x + b)", [w, b, x]) == sp.tanh(w * x + b)
    assert symbolic.parse_model("x^2 + b", [b, x]) == x**2 + b
    assert symbolic.parse_model("w*x/(1 + abs(w*x))", [w, x]) == w * x / (1 + sp.Abs(w * x))


@pytest.mark.parametrize(
    "text, message",
    [
        ("w*q + b", "unknown symbol q"),
        ("foo(w*x) + b", "unknown function foo"),
        ("w.x + b", "could not read"),
        ("w*x + b,", "not one formula"),
        ("tanh(w*x + b", "a bracket has no partner"),
        ("w +* x", r"at position 4, '\* x'"),
    ],
)
def test_parse_model_names_the_problem_in_one_line(text, message):
    w, b = sp.symbols("w b")
    with pytest.raises(ValueError, match=message) as err:
        symbolic.parse_model(text, [w, b, x])
    assert "\n" not in str(err.value)

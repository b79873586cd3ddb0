import time

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

import gdcore
from gdcore import symbolic_model
from gdcore.widgets import Explorer


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.normal(-1.0, 0.8, 30), rng.normal(1.2, 0.8, 30)])
    return x, np.repeat([-1.0, 1.0], 30)


@pytest.fixture
def thetas():
    return np.random.default_rng(4).normal(size=(7, 2))


def test_tanh_model_gradient_is_the_chain_rule(data, thetas):
    model = symbolic_model.build("tanh(w*x + b)", *data)
    assert model and model.worst_error < symbolic_model.TOL
    x, y = data
    t = np.tanh(thetas[:, :1] + thetas[:, 1:] * x)
    factor = 2 * (t - y) * (1 - t**2)
    expected = np.stack([factor.mean(axis=1), (factor * x).mean(axis=1)], axis=1)
    assert_allclose(model.grad(thetas), expected, rtol=1e-10, atol=1e-12)
    assert_allclose(model.loss(thetas), ((t - y) ** 2).mean(axis=1), rtol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_line_with_squared_error_is_gdcore_mse(seed, data, thetas):
    x, _ = data
    y = np.random.default_rng(seed).normal(size=x.size)
    model, X = symbolic_model.build("b + w*x", x, y), gdcore.add_intercept(x)
    assert_allclose(model.loss(thetas), gdcore.mse(thetas, X, y), rtol=1e-10)
    assert_allclose(model.grad(thetas), gdcore.mse_grad(thetas, X, y), rtol=1e-8, atol=1e-10)


def test_sigmoid_with_log_loss_is_gdcore_log_loss(data, thetas):
    x, y = data[0], (data[1] + 1) / 2
    model = symbolic_model.build("1/(1 + exp(-(w*x + b)))", x, y, loss="log")
    X = gdcore.add_intercept(x)
    assert_allclose(model.loss(thetas), gdcore.log_loss(thetas, X, y), rtol=1e-10)
    assert_allclose(model.grad(thetas), gdcore.log_loss_grad(thetas, X, y), rtol=1e-8, atol=1e-10)


def test_gradient_is_the_sympy_derivative(data):
    model = symbolic_model.build("sin(w*x) + b", *data)
    b, w, x, y = symbolic_model.b, symbolic_model.w, symbolic_model.x, symbolic_model.y
    per_example = (sp.sin(w * x) + b - y) ** 2
    for got, p in zip(model.gradient, (b, w)):
        assert sp.simplify(got - sp.diff(per_example, p)) == 0


def test_predict_broadcasts_a_stack(data, thetas):
    model = symbolic_model.build("tanh(w*x + b)", *data)
    xs = np.linspace(-2, 2, 5)
    out = model.predict(thetas, xs)
    assert out.shape == (7, 5)
    assert_allclose(out, np.tanh(thetas[:, :1] + thetas[:, 1:] * xs))
    assert symbolic_model.build("b + 0*x", *data).predict(thetas, xs).shape == (7, 5)


def test_repr_shows_model_gradient_and_check(data):
    text = repr(symbolic_model.build("tanh(w*x + b)", *data))
    assert "tanh(b + w*x)" in text and "∂/∂w" in text and "(tolerance 1e-06): agrees" in text
    assert "$" in symbolic_model.build("b + w*x", *data)._repr_markdown_()


@pytest.mark.parametrize(
    "text, words",
    [
        ("tanh(w*x + c)", "unknown symbol c"),
        ("tanh(w*x +* b)", "position 11"),
        ("tanh(w*x + b", "bracket"),
        ("x**2", "neither b nor w"),
        ("log(w*x)", "not finite"),
        ("x < w", "not one formula"),
        ("", "could not read"),
    ],
)
def test_bad_text_gives_one_line(text, words, data):
    problem = symbolic_model.build(text, *data)
    assert not problem
    assert words in repr(problem) and "\n" not in repr(problem)
    assert problem.status == problem.message


def test_unknown_function_is_named(data):
    assert "unknown function g" in repr(symbolic_model.build("g(x)*w", *data))


def test_bad_loss_and_labels(data):
    assert "unknown loss 'hinge'" in repr(symbolic_model.build("b + w*x", *data, loss="hinge"))
    assert "labels in {0, 1}" in repr(symbolic_model.build("b + w*x", *data, loss="log"))


def test_explore_opens_the_explorer_on_the_model(data):
    model = symbolic_model.build("tanh(w*x + b)", *data)
    explorer = symbolic_model.explore(model, theta0=(0.5, -0.5), max_steps=40, steps=40)
    assert isinstance(explorer, Explorer)
    assert explorer.names == ["b", "w"]
    ref = gdcore.descend(model.grad, [0.5, -0.5], explorer.lr, 40, loss=model.loss)
    assert_allclose(explorer.result.thetas, ref.thetas, rtol=1e-12)


def test_explore_passes_a_problem_through(data):
    problem = symbolic_model.build("tanh(w*x + c)", *data)
    assert symbolic_model.explore(problem) is problem


def test_explore_turns_an_explorer_error_into_a_message(data):
    model = symbolic_model.build("tanh(w*x + b)", *data)
    problem = symbolic_model.explore(model, theta0=(0.0, 0.0, 0.0))
    assert (
        not problem and "cannot explore" in repr(problem) and "1 or 2 parameters" in repr(problem)
    )


def test_a_model_past_the_time_budget_is_a_problem(data, monkeypatch):
    monkeypatch.setattr(symbolic_model, "SECONDS", 0.05)
    monkeypatch.setattr(symbolic_model, "derive", lambda per_example: time.sleep(5))
    start = time.monotonic()
    problem = symbolic_model.build("tanh(w*x + b)", *data)
    assert time.monotonic() - start < 2
    assert not problem and "too large to differentiate quickly" in repr(problem)


@pytest.mark.parametrize(
    "error",
    [
        sp.PolynomialError("not a polynomial"),
        RecursionError("maximum recursion depth exceeded"),
        OverflowError("int too large"),
        ZeroDivisionError("division by zero"),
        NotImplementedError("printer\nmethod"),
        TypeError("cannot\ndetermine"),
        KeyError("x"),
        MemoryError(),
        ValueError("two\nlines"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_whatever_sympy_raises_becomes_one_line(error, data, monkeypatch):
    def derive(per_example):
        raise error

    monkeypatch.setattr(symbolic_model, "derive", derive)
    problem = symbolic_model.build("tanh(w*x + b)", *data)
    assert isinstance(problem, symbolic_model.Problem)
    assert "\n" not in repr(problem)
    assert type(error).__name__ in repr(problem) or isinstance(error, ValueError)

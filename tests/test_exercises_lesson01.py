import numpy as np
import pytest
import sympy as sp

from gdcore.exercises import (
    check_bound,
    check_derivative,
    check_rate_prediction,
    check_step,
    check_step_code,
)


def test_check_derivative():
    x = sp.Symbol("x")
    assert check_derivative("4*x**3 - 3")
    assert check_derivative(4 * x**3 - 3)
    wrong = check_derivative("4*x**3")
    assert not wrong and "Hint" in repr(wrong)
    assert not check_derivative(...)


def test_check_bound():
    assert check_bound(0.2) and check_bound(sp.Rational(1, 5))
    assert not check_bound(0.4)
    assert "No answer yet" in repr(check_bound(None))


def test_check_step():
    assert check_step(3.6)
    assert not check_step(4.4)
    assert "Expected a number" in repr(check_step("three"))


def test_check_number_accepts_a_computed_zero():
    from gdcore.exercises import check_number

    assert check_number(1e-17, 0.0, "h")
    assert not check_number(1e-3, 0.0, "h")


def test_check_rate_prediction():
    assert check_rate_prediction("oscillate")
    assert check_rate_prediction("diverge", lr=1.05)
    assert "No answer yet" in repr(check_rate_prediction(...))


def right_step(x, lr):
    return x - lr * 2 * (x - 2)


@pytest.mark.parametrize(
    "step",
    [right_step, lambda x, lr: x - lr * (2 * x - 4), lambda x, lr: np.float32(right_step(x, lr))],
)
def test_step_code_right(step):
    verdict = check_step_code(step)
    assert verdict and repr(verdict).startswith("Right:") and "N =" not in repr(verdict)


@pytest.mark.parametrize(
    "step, named",
    [
        (lambda x, lr: x + lr * 2 * (x - 2), "uphill"),
        (lambda x, lr: x - lr * (x - 2), "missing the 2"),
        (lambda x, lr: x - lr * 4 * (x - 2), "extra factor 2"),
        (lambda x, lr: x - 2 * (x - 2), "not multiplied by the learning rate"),
        (lambda x, lr: x - lr * ((x - 2) ** 2 + 1), "height f(x)"),
        (lambda x, lr: -lr * 2 * (x - 2), "returned the change"),
    ],
)
def test_step_code_names_the_mistake(step, named):
    verdict = check_step_code(step)
    assert not verdict and named in repr(verdict) and "Hint" in repr(verdict)


def test_step_code_stub_has_no_answer_yet():
    def step(x, lr):
        """One update on f."""
        ...

    assert repr(check_step_code(step)).startswith("No answer yet")
    assert repr(check_step_code(...)).startswith("No answer yet")

import numpy as np
import pytest
import sympy as sp

import gdcore
from gdcore.exercises.lesson11 import (
    check_largest_step,
    check_momentum_code,
    check_momentum_rate,
    check_plain_rate,
)


def test_check_largest_step():
    assert check_largest_step(3) and check_largest_step(3.0) and check_largest_step("2*(1 + 0.5)")
    for wrong in (2, 1.5, 4, 2.9):
        verdict = check_largest_step(wrong)
        assert not verdict and "2(1 + β)" in repr(verdict)
    assert "No answer yet" in repr(check_largest_step(...))


def test_check_plain_rate():
    assert check_plain_rate(0.9802) and check_plain_rate(sp.Rational(99, 101))
    assert check_plain_rate("99/101")
    for wrong in (0.8182, 0.99, 1.0, 0.9608):
        verdict = check_plain_rate(wrong)
        assert not verdict and "(κ − 1)/(κ + 1)" in repr(verdict)
    assert "No answer yet" in repr(check_plain_rate(None))


def test_check_momentum_rate():
    assert check_momentum_rate(0.8182) and check_momentum_rate(sp.Rational(9, 11))
    assert check_momentum_rate("(sqrt(100) - 1)/(sqrt(100) + 1)")
    for wrong in (0.9802, 0.6694, 0.9, 0.81):  # 0.6694 is β, not √β
        verdict = check_momentum_rate(wrong)
        assert not verdict and "√β" in repr(verdict)
    assert "Expected a number" in repr(check_momentum_rate("fast"))


# --- the coding exercise: one heavy-ball step ----------------------------------------------


def step_numpy(theta, v, g, lr, beta):
    v_new = beta * v + g
    return theta - lr * v_new, v_new


def step_loop(theta, v, g, lr, beta):
    theta_new, v_new = [], []
    for t_i, v_i, g_i in zip(theta, v, g):
        v_i = beta * v_i + g_i
        v_new.append(v_i)
        theta_new.append(t_i - lr * v_i)
    return theta_new, v_new


def step_list(theta, v, g, lr, beta):
    v_new = beta * v + g
    return [theta - lr * v_new, v_new]


def step_float32(theta, v, g, lr, beta):
    theta, v, g = (a.astype(np.float32) for a in (theta, v, g))
    v_new = np.float32(beta) * v + g
    return theta - np.float32(lr) * v_new, v_new


def step_gdcore(theta, v, g, lr, beta):
    return gdcore.momentum_step(theta, g, lr, v, beta=beta)


def step_in_place(theta, v, g, lr, beta):
    v *= beta
    v += g
    theta -= lr * v
    return theta, v


@pytest.mark.parametrize(
    "fn", [step_numpy, step_loop, step_list, step_float32, step_gdcore, step_in_place]
)
def test_momentum_right(fn):
    verdict = check_momentum_code(fn)
    assert verdict and "Right" in repr(verdict)


MISTAKES = [
    (lambda theta, v, g, lr, beta: (theta - lr * v, beta * v + g), "old velocity"),
    (lambda theta, v, g, lr, beta: (theta + lr * (beta * v + g), beta * v + g), "uphill"),
    (lambda theta, v, g, lr, beta: (theta - lr * (v + g), v + g), "β is missing"),
    (lambda theta, v, g, lr, beta: (theta - lr * (v + beta * g), v + beta * g), "multiplies g"),
    (
        lambda theta, v, g, lr, beta: (
            theta - lr * (beta * v + (1 - beta) * g),
            beta * v + (1 - beta) * g,
        ),
        "averaged form",
    ),
    (lambda theta, v, g, lr, beta: (theta - lr * g, beta * v + g), "gradient alone"),
    (
        lambda theta, v, g, lr, beta: (theta + beta * v - lr * g, beta * v - lr * g),
        "other convention",
    ),
    (lambda theta, v, g, lr, beta: (beta * v + g, theta - lr * (beta * v + g)), "swapped"),
    (lambda theta, v, g, lr, beta: (theta - (beta * v + g), beta * v + g), "learning rate"),
]


@pytest.mark.parametrize(("fn", "words"), MISTAKES, ids=[w for _, w in MISTAKES])
def test_momentum_mistake_is_named(fn, words):
    verdict = check_momentum_code(fn)
    text = repr(verdict)
    assert not verdict and words in text and "Hint" in text, text


def momentum_stub(theta, v, g, lr, beta):
    """(theta_new, v_new) after one heavy-ball step."""
    ...


def test_the_stub_has_no_answer_yet():
    for fn in (momentum_stub, None, ...):
        assert "No answer yet" in repr(check_momentum_code(fn))

import math

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

import gdcore
from gdcore.exercises.lesson12 import (
    adam,
    check_adagrad_rate,
    check_adam_code,
    check_armijo_rate,
    check_first_mhat,
)


def test_check_first_mhat():
    assert check_first_mhat(3) and check_first_mhat(3.0) and check_first_mhat("0.3/0.1")
    for wrong in (0.3, 0.1, 30, 1):
        verdict = check_first_mhat(wrong)
        assert not verdict and "1 − β₁¹" in repr(verdict)
    assert "No answer yet" in repr(check_first_mhat(...))


def test_check_adagrad_rate():
    assert check_adagrad_rate(0.2) and check_adagrad_rate("1/5") and check_adagrad_rate(sp.S(1) / 5)
    for wrong in (1 / 7, 1 / 25, 0.25, 1 / 3):
        verdict = check_adagrad_rate(wrong)
        assert not verdict and "α/√s" in repr(verdict)
    assert "No answer yet" in repr(check_adagrad_rate(None))


def test_check_armijo_rate():
    theta, rate = gdcore.rules.armijo_step(
        1.0, lambda t: t * t, lambda t: 2 * t, 1.0, c=1e-4, shrink=0.5
    )
    assert rate == 0.5 and theta == 0.0  # the exercise's answer, from gdcore itself
    assert check_armijo_rate(0.5) and check_armijo_rate("1/2")
    for wrong in (1, 0.25, 0.0):
        verdict = check_armijo_rate(wrong)
        assert not verdict and "f(1 − α·g)" in repr(verdict)


# --- the coding exercise: one Adam step -------------------------------------------------


def test_reference_is_gdcore_adam_step():
    rng = np.random.default_rng(3)
    theta, m, v, lr = rng.normal(size=4), rng.normal(size=4), rng.uniform(size=4), 0.05
    t = 7
    g = rng.normal(size=4)
    new, (m_new, v_new, t_new) = gdcore.adam_step(theta, g, lr, (m, v, t - 1))
    assert t_new == t
    for got, want in zip(adam(theta, g, m, v, t, lr), (new, m_new, v_new)):
        assert_allclose(got, want, rtol=1e-14)


def adam_numpy(theta, g, m, v, t, lr):
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g**2
    m_hat, v_hat = m / (1 - 0.9**t), v / (1 - 0.999**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + 1e-8), m, v


def adam_loop(theta, g, m, v, t, lr):
    out = [[], [], []]
    for th, gi, mi, vi in zip(theta, g, m, v):
        mi = 0.9 * mi + 0.1 * gi
        vi = 0.999 * vi + 0.001 * gi * gi
        step = (mi / (1 - 0.9**t)) / (math.sqrt(vi / (1 - 0.999**t)) + 1e-8)
        for o, value in zip(out, (th - lr * step, mi, vi)):
            o.append(value)
    return out  # a list of three lists


def adam_float32(theta, g, m, v, t, lr):
    return tuple(np.float32(a) for a in adam_numpy(theta, g, m, v, t, lr))


def adam_eps_inside(theta, g, m, v, t, lr):
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g**2
    m_hat, v_hat = m / (1 - 0.9**t), v / (1 - 0.999**t)
    return theta - lr * m_hat / np.sqrt(v_hat + 1e-8), m, v


@pytest.mark.parametrize("fn", [adam_numpy, adam_loop, adam_float32, adam_eps_inside, adam])
def test_adam_right(fn):
    verdict = check_adam_code(fn)
    assert verdict and "Right" in repr(verdict)


def _variant(*, mt=0, vt=0, square=True, root=True, sign=-1, lr_power=1, state=False, old=False):
    """Adam with one slip: mt/vt shift the corrections' powers (None: no correction)."""

    def fn(theta, g, m, v, t, lr):
        m_new = 0.9 * m + 0.1 * g
        v_new = 0.999 * v + 0.001 * (g * g if square else g)
        mm, vv = (m, v) if old else (m_new, v_new)
        m_hat = mm if mt is None else mm / (1 - 0.9 ** (t + mt))
        v_hat = vv if vt is None else vv / (1 - 0.999 ** (t + vt))
        scale = np.sqrt(v_hat) if root else v_hat
        theta_new = theta + sign * lr**lr_power * m_hat / (scale + 1e-8)
        return (theta_new, m_hat, v_hat) if state else (theta_new, m_new, v_new)

    return fn


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (_variant(mt=None, vt=None), "bias correction is missing"),
        (_variant(mt=-1, vt=-1), "off by one"),
        (_variant(vt=None), "only m is corrected"),
        (_variant(square=False), "g²"),
        (_variant(root=False), "square root is missing"),
        (_variant(state=True), "m̂ and v̂ came back"),
        (_variant(old=True), "old m and v"),
        (_variant(sign=1), "uphill"),
        (_variant(lr_power=0), "not multiplied by the learning rate"),
        (_variant(lr_power=2), "learning rate is applied twice"),
    ],
    ids=[
        *("no-correction", "t-1", "m-only", "g-not-g2", "no-sqrt"),
        *("hat-state", "old", "sign", "no-lr", "lr-twice"),
    ],
)
def test_adam_mistakes_named(fn, words):
    verdict = check_adam_code(fn)
    assert not verdict and words in repr(verdict) and "Hint" in repr(verdict)


def test_adam_off_by_one_at_the_first_step_is_named_as_nonfinite():
    # At t = 1 the power t − 1 divides by zero; the message says where that comes from.
    theta, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
    with np.errstate(all="ignore"):
        out = _variant(mt=-1, vt=-1)(theta, np.ones(2), m, v, 1, 0.1)
    assert not np.isfinite(out[0]).all()
    from gdcore.exercises.lesson12 import ADAM_CODE

    assert "t − 1 divides by 1 − β⁰ = 0" in ADAM_CODE.nonfinite


def test_adam_stub():
    def adam_step(theta, g, m, v, t, lr):
        """One Adam step."""
        ...

    verdict = check_adam_code(adam_step)
    assert not verdict and "No answer yet" in repr(verdict)
    assert "No answer yet" in repr(check_adam_code(None))

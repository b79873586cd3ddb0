"""Update rules against independent references: matrix powers of their recurrences,
the published pseudo-code written out longhand, and each other where they agree."""

import itertools
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import gdcore
from gdcore.descent import descend_grid
from gdcore.rules import (
    adagrad_step,
    adam_step,
    coordinate_update,
    gd_update,
    momentum_step,
    momentum_update,
    nesterov_step,
    rmsprop_step,
    rule,
)

A = np.array([[3.0, 1.0], [1.0, 2.0]])
loss = lambda t: 0.5 * np.einsum("...i,ij,...j->...", t, A, t)
grad = lambda t: t @ A


def run_steps(step, g_of, theta, lr, n, **settings):
    """n steps of ``step`` on one vector, the plain loop a lesson writes."""
    states, state = [np.array(theta, dtype=float)], None
    for _ in range(n):
        theta, state = step(states[-1], g_of(states[-1]), lr, state, **settings)
        states.append(theta)
    return np.array(states)


def test_coordinate_update_is_the_lessons_loop():
    """One sweep, m (index 1) first, then c at the new m: as lesson 03 writes it by hand."""
    start, lr = np.array([2.0, -1.5]), 0.1
    [run] = descend_grid(grad, start, [lr], 3, rule=coordinate_update([1, 0]))
    c, m = start
    for k in range(1, 4):
        m = m - lr * grad(np.array([c, m]))[1]
        c = c - lr * grad(np.array([c, m]))[0]
        assert_allclose(run.thetas[k], [c, m], rtol=1e-14)


def test_gd_update_in_the_grid_is_descend():
    [run] = descend_grid(grad, [2.0, -1.5], [0.2], 25, loss=loss, rule=gd_update)
    assert_allclose(run.thetas, gdcore.descend(grad, [2.0, -1.5], 0.2, 25, loss=loss).thetas)


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_momentum_update_follows_the_matrix_power_of_its_recurrence(beta):
    """On f = a θ² / 2, (θₖ₊₁, vₖ₊₁) = M (θₖ, vₖ) with M = [[1 − αa, −αβ], [a, β]], v₀ = 0."""
    a, lr, start = 3.0, 0.2, 1.7
    [run] = descend_grid(lambda t: a * t, [start], [lr], 40, rule=momentum_update(beta))
    M = np.array([[1 - lr * a, -lr * beta], [a, beta]])
    expected = [(np.linalg.matrix_power(M, k) @ [start, 0.0])[0] for k in range(41)]
    assert_allclose(run.thetas[:, 0], expected, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("beta", [-0.1, 1.0, float("nan"), "0.9", None])
def test_a_bad_beta_is_refused_with_the_fix(beta):
    with pytest.raises(ValueError, match=r"beta must be .*e\.g\. 0\.9"):
        momentum_update(beta)


@given(
    beta=st.floats(0, 0.95),
    lr=st.floats(0.01, 0.6),
    a=st.floats(0.1, 3),
)
@settings(max_examples=40, deadline=None)
def test_nesterov_is_the_look_ahead_update_after_a_change_of_variable(beta, lr, a):
    """Sutskever's form, v ← βv − α∇f(θ + βv), θ ← θ + v, on f = aθ²/2, visits the
    look-ahead points θ + βv; the rule's θ are exactly those points."""
    theta0 = 1.3
    mine = run_steps(nesterov_step, lambda t: a * t, [theta0], lr, 30, beta=beta)[:, 0]
    theta, v, looks = theta0, 0.0, [theta0]
    for _ in range(30):
        v = beta * v - lr * a * (theta + beta * v)
        theta = theta + v
        looks.append(theta + beta * v)
    assert_allclose(mine, looks, rtol=1e-9, atol=1e-12)


def test_adam_is_its_published_pseudo_code():
    """Kingma and Ba (2015), Algorithm 1, written out line by line."""
    alpha, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    theta, m, v = np.array([2.0, -1.5]), np.zeros(2), np.zeros(2)
    expected = [theta.copy()]
    for t in range(1, 61):
        g = grad(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        theta = theta - alpha * m_hat / (np.sqrt(v_hat) + eps)
        expected.append(theta.copy())
    assert_allclose(run_steps(adam_step, grad, [2.0, -1.5], alpha, 60), expected, rtol=1e-13)


def test_adagrad_and_rmsprop_scale_each_coordinate_by_its_own_history():
    gs = [np.array([1.0, -4.0]), np.array([3.0, 0.5]), np.array([-2.0, 2.0])]
    theta, total, ms = np.zeros(2), None, None
    theta_r = np.zeros(2)
    for k, g in enumerate(gs, 1):
        theta, total = adagrad_step(theta, g, 0.1, total)
        theta_r, ms = rmsprop_step(theta_r, g, 0.1, ms, rho=0.5)
        seen = np.array(gs[:k])
        assert_allclose(total, (seen**2).sum(axis=0))
        weights = 0.5 * 0.5 ** np.arange(k)[::-1]  # (1 − ρ)·ρ^(k − i)
        assert_allclose(ms, (weights[:, None] * seen**2).sum(axis=0))
    assert_allclose(
        theta,
        -0.1 * sum(g / np.sqrt((np.array(gs[: k + 1]) ** 2).sum(0)) for k, g in enumerate(gs)),
        rtol=1e-7,
    )


def test_the_first_adam_step_moves_every_coordinate_by_about_lr():
    """Bias correction at t = 1 gives m̂ = g and v̂ = g², so each step is α·sign(g)."""
    theta, _ = adam_step(np.zeros(3), np.array([1e-3, -5.0, 300.0]), 0.01)
    assert_allclose(theta, [-0.01, 0.01, -0.01], rtol=1e-4)


@pytest.mark.parametrize("step", [momentum_step, nesterov_step])
def test_beta_zero_is_gradient_descent(step):
    plain = gdcore.descend(grad, [2.0, -1.5], 0.2, 25).thetas
    assert_allclose(run_steps(step, grad, [2.0, -1.5], 0.2, 25, beta=0.0), plain, rtol=1e-14)


@pytest.mark.parametrize(
    "step, settings",
    [
        (momentum_step, {"beta": 0.8}),
        (nesterov_step, {"beta": 0.8}),
        (adagrad_step, {}),
        (rmsprop_step, {}),
        (adam_step, {}),
    ],
)
def test_a_rule_on_the_grid_is_its_step_on_each_row(step, settings):
    """descend_grid with rule(step) over three rates equals the plain loop at each rate."""
    rates = np.array([0.01, 0.05, 0.2])
    runs = descend_grid(grad, [2.0, -1.5], rates, 40, loss=loss, rule=rule(step, **settings))
    for run, lr in zip(runs, rates):
        assert_allclose(
            run.thetas, run_steps(step, grad, [2.0, -1.5], lr, 40, **settings), rtol=1e-12
        )


def test_a_rule_that_runs_away_is_reported_diverged():
    [run] = descend_grid(
        grad, [2.0, -1.5], [1.5], 500, loss=loss, rule=rule(momentum_step, beta=0.9)
    )
    assert run.diverged and run.status().startswith("diverged after")


def test_rules_side_by_side_are_each_rule_on_its_own():
    """descend_grids runs every rule's rates as rows of one stack: each run is the run
    descend_grid gives that rule alone, its divergence and its last state included."""
    rules = [
        gd_update,
        momentum_update(0.9),
        rule(nesterov_step, beta=0.5),
        rule(adam_step),
        coordinate_update([1, 0]),
    ]
    rates = np.array([0.05, 0.4, 0.9, 1.5])  # 2/L is about 0.55: some runs diverge
    together = gdcore.descend_grids(grad, [2.0, -1.5], rates, 300, rules, loss=loss)
    assert len(together) == len(rules)
    diverged = 0
    for each, r in zip(together, rules, strict=True):
        alone = descend_grid(grad, [2.0, -1.5], rates, 300, loss=loss, rule=r)
        for got, want in zip(each, alone, strict=True):
            assert (got.lr, got.steps, got.diverged) == (want.lr, want.steps, want.diverged)
            assert_allclose(got.thetas, want.thetas, rtol=1e-12)
            assert_allclose(got.losses, want.losses, rtol=1e-12)
            assert got.verdict() == want.verdict()
            diverged += got.diverged
    assert 0 < diverged < len(rules) * len(rates)


def test_no_rules_is_refused_with_the_fix():
    with pytest.raises(ValueError, match=r"rules is empty.*\[gd_update\]"):
        gdcore.descend_grids(grad, [2.0, -1.5], [0.1], 10, [])


def test_rules_side_by_side_call_the_gradient_once_a_step():
    calls = []
    counted = lambda t: calls.append(len(t)) or grad(t)
    gdcore.descend_grids(counted, [2.0, -1.5], [0.1, 0.2], 10, [gd_update, momentum_update(0.5)])
    assert calls[-10:] == [4] * 10  # after probing: one call a step, 2 rules x 2 rates


# --- mini-batch descent ----------------------------------------------------------------

RNG = np.random.default_rng(3)
X_LINE = gdcore.add_intercept(RNG.uniform(-1, 3, 40))
Y_LINE = X_LINE @ [0.5, 2.0] + RNG.normal(0, 0.3, 40)


def minibatch(**options):
    settings = dict(batch_size=8, rng=np.random.default_rng(0), loss=gdcore.mse) | options
    return gdcore.descend_minibatch(
        gdcore.mse_grad, [0.0, 0.0], 0.05, 5, X_LINE, Y_LINE, **settings
    )


def test_a_full_batch_is_descend():
    """B = m: every batch mean is the full gradient, whatever the shuffle."""
    run = minibatch(batch_size=40)
    full = gdcore.descend(lambda t: gdcore.mse_grad(t, X_LINE, Y_LINE), [0.0, 0.0], 0.05, 5)
    assert_allclose(run.thetas, full.thetas, rtol=1e-12)


def test_an_epoch_has_one_update_per_batch_and_the_seed_fixes_the_run():
    run = minibatch(batch_size=16)  # 40 examples: batches of 16, 16 and 8
    assert run.steps == 5 * 3
    assert_allclose(run.thetas, minibatch(batch_size=16).thetas)
    other = minibatch(batch_size=16, rng=np.random.default_rng(1))
    assert not np.allclose(run.thetas, other.thetas)


def test_each_epoch_sees_every_example_once():
    """Over one epoch of B = 1 at a tiny rate, the summed steps are the full gradient."""
    lr = 1e-9
    run = gdcore.descend_minibatch(
        gdcore.mse_grad,
        [0.0, 0.0],
        lr,
        1,
        X_LINE,
        Y_LINE,
        batch_size=1,
        rng=np.random.default_rng(5),
    )
    moved = (run.thetas[-1] - run.thetas[0]) / -lr
    assert_allclose(moved / 40, gdcore.mse_grad(np.zeros(2), X_LINE, Y_LINE), rtol=1e-6)


def test_a_schedule_multiplies_the_rate_and_a_step_brings_its_state():
    from functools import partial

    decayed = minibatch(schedule=gdcore.rules.step_decay(5, 0.0))  # stops after 5 updates
    assert_allclose(decayed.thetas[5:], np.repeat(decayed.thetas[5:6], len(decayed.thetas) - 5, 0))
    heavy = minibatch(step=partial(momentum_step, beta=0.9))
    assert not np.allclose(heavy.thetas, minibatch().thetas)


def test_schedules():
    assert [gdcore.rules.step_decay(2, 0.5)(k) for k in range(5)] == [1, 1, 0.5, 0.5, 0.25]
    assert gdcore.rules.inverse_time(10)(10) == 0.5
    assert gdcore.rules.cosine(100)(0) == 1 and abs(gdcore.rules.cosine(100)(100)) < 1e-15


def test_a_runaway_mini_batch_run_is_diverged_in_words():
    run = gdcore.descend_minibatch(
        gdcore.mse_grad,
        [0.0, 0.0],
        5.0,
        50,
        X_LINE,
        Y_LINE,
        batch_size=4,
        rng=np.random.default_rng(0),
        loss=gdcore.mse,
    )
    assert run.diverged and run.status().startswith("diverged after")


@pytest.mark.parametrize(
    "options, fix",
    [
        ({"rng": 0}, "rng must be a numpy Generator, got int; e.g. rng=np.random.default_rng(0)"),
        ({"batch_size": 0}, "batch_size must be from 1 to m = 40, got 0"),
        ({"batch_size": 41}, "batch_size must be at most 40"),
    ],
)
def test_bad_options_are_refused_with_the_fix(options, fix):
    with pytest.raises(ValueError, match=re.escape(fix)):
        minibatch(**options)


def test_minibatch_update_on_the_grid_is_descend_minibatch_at_each_rate():
    """Same seed, same batches: each row of the grid is the one-rate run."""
    from gdcore.rules import minibatch_update

    rates = np.array([0.01, 0.05])
    grid_grad = lambda t: gdcore.mse_grad(t, X_LINE, Y_LINE)
    update = minibatch_update(gdcore.mse_grad, X_LINE, Y_LINE, 8, seed=4)
    runs = descend_grid(grid_grad, [0.0, 0.0], rates, 15, rule=update)
    for run, lr in zip(runs, rates):
        alone = gdcore.descend_minibatch(
            gdcore.mse_grad,
            [0.0, 0.0],
            lr,
            3,
            X_LINE,
            Y_LINE,
            batch_size=8,
            rng=np.random.default_rng(4),
        )
        assert_allclose(run.thetas, alone.thetas, rtol=1e-12)


def test_minibatch_update_gives_grad_the_batches_that_batches_draws():
    """Across epochs (40 examples, batches of 16, 16 and 8), each update sees
    X[batch] and y[batch] for the batch drawn from the same seed."""
    from gdcore.rules import batches, minibatch_update

    seen = []

    def grad(theta, X, y):
        seen.append((X.copy(), y.copy()))
        return gdcore.mse_grad(theta, X, y)

    update = minibatch_update(grad, X_LINE, Y_LINE, 16, seed=3)
    full = lambda t: gdcore.mse_grad(t, X_LINE, Y_LINE)
    descend_grid(full, [0.0, 0.0], [0.01, 0.02], 10, rule=update)
    drawn = itertools.islice(batches(np.random.default_rng(3), 40, 16), 10)
    for (X, y), batch in zip(seen, drawn, strict=True):
        assert_array_equal(X, X_LINE[batch])
        assert_array_equal(y, Y_LINE[batch])


@pytest.mark.parametrize("batch_size", [1, 7, 16, 40])
def test_batches_of_rows_are_the_rows_of_the_index_batches(batch_size):
    """Given X and y, batches() yields their rows for the indices it yields without them,
    across epochs (40 examples), from the same seed."""
    from gdcore.rules import batches

    indices = batches(np.random.default_rng(5), 40, batch_size)
    rows = batches(np.random.default_rng(5), 40, batch_size, X_LINE, Y_LINE)
    for batch, (X, y) in itertools.islice(zip(indices, rows), 3 * -(-40 // batch_size)):
        assert_array_equal(X, X_LINE[batch])
        assert_array_equal(y, Y_LINE[batch])


def test_armijo_takes_the_first_rate_that_decreases_enough():
    from gdcore.rules import armijo_step

    f = lambda t: float(loss(t))
    theta = np.array([2.0, -1.5])
    new, lr = armijo_step(theta, f, grad, lr0=4.0)
    g = grad(theta)
    assert lr in (4.0, 2.0, 1.0, 0.5, 0.25, 0.125)
    assert f(new) <= f(theta) - 1e-4 * lr * g @ g
    assert f(theta - 2 * lr * g) > f(theta) - 1e-4 * 2 * lr * g @ g  # one halving less fails
    assert_allclose(armijo_step(np.zeros(2), f, grad)[0], [0.0, 0.0])  # at the minimum, stay

import numpy as np
import pytest
import sympy as sp

import gdcore
from gdcore.exercises.lesson10 import (
    EPOCHS,
    LR,
    SCHEDULE_NAMES,
    SEED,
    check_best_schedule,
    check_epoch_code,
    check_update_count,
    check_variance_ratio,
    final_distances,
    houses,
    one_epoch,
    schedules,
)


def test_check_update_count():
    assert check_update_count(12) and check_update_count(12.0) and check_update_count("3*4")
    for wrong in (9, 150 / 16, 10, 3):  # 3 · floor(50/16), fractional, B = 15, one epoch
        verdict = check_update_count(wrong)
        assert not verdict and "last one shorter" in repr(verdict)
    assert "No answer yet" in repr(check_update_count(...))


def test_check_variance_ratio():
    assert check_variance_ratio(0.25) and check_variance_ratio("1/4")
    assert check_variance_ratio(sp.Rational(1, 4))
    for wrong in (0.5, 4, 2, 1):
        verdict = check_variance_ratio(wrong)
        assert not verdict and "1/√B" in repr(verdict)
    assert "No answer yet" in repr(check_variance_ratio(None))


def test_check_best_schedule():
    best = int(np.argmin(final_distances()))
    assert best != 0, "a schedule should beat the constant rate"
    assert check_best_schedule(best) and check_best_schedule(float(best))
    for wrong in set(range(4)) - {best}:
        verdict = check_best_schedule(wrong)
        assert not verdict and "0 for constant" in repr(verdict)
    assert "No answer yet" in repr(check_best_schedule(...))


def test_final_distances_match_a_fresh_run():
    X, y = houses()
    best = np.linalg.lstsq(X, y)[0]
    assert len(final_distances()) == len(SCHEDULE_NAMES)
    for name, schedule in schedules(EPOCHS * len(y)).items():
        run = gdcore.descend_minibatch(
            gdcore.mse_grad, np.array([3.0, 0.0]), LR, EPOCHS, X, y, batch_size=1,
            rng=np.random.default_rng(SEED), schedule=schedule,
        )  # fmt: skip
        index = SCHEDULE_NAMES.index(name)
        assert np.linalg.norm(run.thetas[-1] - best) == pytest.approx(final_distances()[index])


def test_one_epoch_is_descend_minibatch_for_one_epoch():
    X, y = houses()
    theta0 = np.array([3.0, 0.0])
    run = gdcore.descend_minibatch(
        gdcore.mse_grad, theta0, 0.1, 1, X, y, batch_size=16, rng=np.random.default_rng(3)
    )
    order = np.random.default_rng(3).permutation(len(y))
    np.testing.assert_allclose(one_epoch(theta0, X, y, 0.1, 16, order), run.thetas[-1])


# --- the coding exercise: one epoch of mini-batch descent -----------------------------------


def epoch_gdcore(theta, X, y, lr, batch_size, order):
    for start in range(0, len(y), batch_size):
        batch = order[start : start + batch_size]
        theta = theta - lr * gdcore.mse_grad(theta, X[batch], y[batch])
    return theta


def epoch_numpy(theta, X, y, lr, batch_size, order):
    for batch in np.array_split(order, np.arange(batch_size, len(y), batch_size)):
        Xb, yb = X[batch], y[batch]
        theta = theta - lr * 2 / len(yb) * Xb.T @ (Xb @ theta - yb)
    return theta


def epoch_loop(theta, X, y, lr, batch_size, order):
    theta = [float(t) for t in theta]
    i = 0
    while i < len(order):
        batch = list(order[i : i + batch_size])
        grad = [0.0] * len(theta)
        for k in batch:
            miss = sum(t * v for t, v in zip(theta, X[k])) - y[k]
            for j in range(len(theta)):
                grad[j] += 2 * miss * X[k][j] / len(batch)
        theta = [t - lr * g for t, g in zip(theta, grad)]
        i += batch_size
    return theta


def epoch_float32(theta, X, y, lr, batch_size, order):
    theta = theta.astype(np.float32)
    X, y = X.astype(np.float32), y.astype(np.float32)
    return epoch_gdcore(theta, X, y, np.float32(lr), batch_size, order)


@pytest.mark.parametrize("fn", [epoch_gdcore, epoch_numpy, epoch_loop, epoch_float32])
def test_epoch_right(fn):
    verdict = check_epoch_code(fn)
    assert verdict and "Right" in repr(verdict)


def _each_batch(change):
    """An epoch whose step on each batch is ``change(theta, Xb, yb, lr, X, y, start)``."""

    def epoch(theta, X, y, lr, batch_size, order):
        first = theta.copy()
        for start in range(0, len(y), batch_size):
            batch = order[start : start + batch_size]
            theta = change(theta, X[batch], y[batch], lr, X, y, first)
        return theta

    return epoch


def _grad(theta, X, y):
    return gdcore.mse_grad(theta, X, y)


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (_each_batch(lambda t, Xb, yb, lr, X, y, t0: t - lr * len(yb) * _grad(t, Xb, yb)),
         "summed instead of averaged"),
        (_each_batch(lambda t, Xb, yb, lr, X, y, t0: t - lr * 2 * Xb.T @ (Xb @ t - yb)),
         "summed instead of averaged"),
        (_each_batch(lambda t, Xb, yb, lr, X, y, t0: t - lr * len(yb) / len(y) * _grad(t, Xb, yb)),
         "all m examples"),
        (_each_batch(lambda t, Xb, yb, lr, X, y, t0: t - lr * _grad(t, X, y)), "full-batch"),
        (lambda t, X, y, lr, B, order: epoch_gdcore(t, X, y, lr, B, np.arange(len(y))),
         "index order"),
        (_each_batch(lambda t, Xb, yb, lr, X, y, t0: t + lr * _grad(t, Xb, yb)), "uphill"),
        (_each_batch(lambda t, Xb, yb, lr, X, y, t0: t - lr * _grad(t0, Xb, yb)),
         "epoch's first θ"),
    ],
    ids=["summed", "summed-by-hand", "over-m", "full", "index-order", "sign", "stale"],
)  # fmt: skip
def test_epoch_mistakes_named(fn, words):
    verdict = check_epoch_code(fn)
    assert not verdict and words in repr(verdict) and "Hint" in repr(verdict)


def test_epoch_one_step_only_is_not_right():
    def first_batch_only(theta, X, y, lr, batch_size, order):
        batch = order[:batch_size]
        return theta - lr * gdcore.mse_grad(theta, X[batch], y[batch])

    verdict = check_epoch_code(first_batch_only)
    assert not verdict and "Hint" in repr(verdict)


def test_epoch_stub():
    def one_epoch(theta, X, y, lr, batch_size, order):
        """theta after one pass over the batches of `order`."""
        ...

    verdict = check_epoch_code(one_epoch)
    assert not verdict and "No answer yet" in repr(verdict)
    assert "No answer yet" in repr(check_epoch_code(None))

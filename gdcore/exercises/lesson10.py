"""Checks for lesson 10's exercises: stochastic and mini-batch gradient descent.

The schedule exercise uses the lesson's 50 synthetic houses and its runs: one example
per update (B = 1), 40 epochs from (c, m) = (3, 0) at α = 0.1, each run shuffled by
``np.random.default_rng(1)``.
"""

from functools import cache

import numpy as np

from ..descent import descend_minibatch
from ..losses import add_intercept, mse_grad
from ..rules import cosine, inverse_time, step_decay
from ._check import check_number
from ._code import CodeExercise, Mistake, draw_rows

__all__ = [
    "SCHEDULE_NAMES",
    "check_best_schedule",
    "check_epoch_code",
    "check_update_count",
    "check_variance_ratio",
]

SCHEDULE_NAMES = ("constant", "step decay", "1/t", "cosine")
EPOCHS, LR, SEED = 40, 0.1, 1


def check_update_count(answer):
    """Updates in 3 epochs over 50 examples with batches of 16: 3 · ceil(50/16) = 12."""
    hint = (
        "one epoch cuts the 50 shuffled examples into batches of 16, the last one shorter, "
        "and takes one update per batch; then count the epochs."
    )
    return check_number(answer, 3 * -(-50 // 16), hint)


def check_variance_ratio(answer):
    """Var of a mini-batch gradient with B = 4 over that with B = 1, drawn with replacement."""
    hint = (
        "the B draws are independent, so the variance of their mean is σ²/B; the standard "
        "deviation is what shrinks like 1/√B."
    )
    return check_number(answer, 1 / 4, hint)


def houses():
    """The lesson's 50 synthetic houses: ``(X, y)``, X with its column of ones first."""
    rng = np.random.default_rng(0)
    size = rng.uniform(40, 220, 50)
    price = 60 + 2.2 * size + rng.normal(0, 40, 50)
    return add_intercept(size / 100), price / 100


def schedules(updates):
    """The lesson's schedules, by name, for a run of ``updates`` updates."""
    return dict(
        zip(
            SCHEDULE_NAMES,
            (None, step_decay(updates // 5), inverse_time(updates / 20), cosine(updates)),
        )
    )


@cache
def final_distances():
    """Distance from the least-squares answer after each schedule's run, as in the lesson."""
    X, y = houses()
    best = np.linalg.lstsq(X, y)[0]
    out = []
    for schedule in schedules(EPOCHS * len(y)).values():
        run = descend_minibatch(
            mse_grad, np.array([3.0, 0.0]), LR, EPOCHS, X, y, batch_size=1,
            rng=np.random.default_rng(SEED), schedule=schedule,
        )  # fmt: skip
        out.append(float(np.linalg.norm(run.thetas[-1] - best)))
    return tuple(out)


def check_best_schedule(answer):
    """The index, in ``SCHEDULE_NAMES``, of the run that ends nearest the least squares."""
    hint = (
        "read the distances the lesson prints after 40 epochs and give the position of the "
        "smallest: 0 for constant, 1 for step decay, 2 for 1/t, 3 for cosine."
    )
    return check_number(answer, int(np.argmin(final_distances())), hint)


# --- the coding exercise: one epoch of mini-batch descent ----------------------------------


def one_epoch(theta, X, y, lr, batch_size, order):
    """θ after one pass: one step θ − α·∇J_batch(θ) per batch ``order[i : i + batch_size]``."""
    theta = np.asarray(theta, dtype=float)
    for start in range(0, len(y), batch_size):
        batch = order[start : start + batch_size]
        theta = theta - lr * mse_grad(theta, X[batch], y[batch])
    return theta


def _batches(y, batch_size, order):
    return [order[i : i + batch_size] for i in range(0, len(y), batch_size)]


def _summed(theta, X, y, lr, batch_size, order):
    for batch in _batches(y, batch_size, order):
        theta = theta - lr * len(batch) * mse_grad(theta, X[batch], y[batch])
    return theta


def _over_m(theta, X, y, lr, batch_size, order):
    for batch in _batches(y, batch_size, order):
        theta = theta - lr * len(batch) / len(y) * mse_grad(theta, X[batch], y[batch])
    return theta


def _full_batch(theta, X, y, lr, batch_size, order):
    for _ in _batches(y, batch_size, order):
        theta = theta - lr * mse_grad(theta, X, y)
    return theta


def _in_index_order(theta, X, y, lr, batch_size, order):
    return one_epoch(theta, X, y, lr, batch_size, np.arange(len(y)))


def _uphill(theta, X, y, lr, batch_size, order):
    for batch in _batches(y, batch_size, order):
        theta = theta + lr * mse_grad(theta, X[batch], y[batch])
    return theta


def _stale(theta, X, y, lr, batch_size, order):
    start = np.asarray(theta, dtype=float)
    for batch in _batches(y, batch_size, order):
        theta = theta - lr * mse_grad(start, X[batch], y[batch])
    return theta


def _draw_epoch(rng, n):
    """A line with one feature; a batch size that leaves a short last batch; a shuffle."""
    theta, X, y = draw_rows(rng, n, n_features=1)
    batch_size = int(rng.integers(2, 4))
    if n % batch_size == 0:
        batch_size += 1
    return theta, X, y, float(rng.uniform(0.01, 0.03)), batch_size, rng.permutation(n)


EPOCH_CODE = CodeExercise(
    reference=one_epoch,
    draw=_draw_epoch,
    outputs=("theta",),
    hint=(
        "for each start in range(0, m, batch_size), take batch = order[start:start + "
        "batch_size] and step θ ← θ − lr·(2/B)·X_bᵀ(X_b·θ − y_b), B = len(batch); see the "
        "section 'Epochs and shuffling'."
    ),
    mistakes=(
        Mistake(
            "summed instead of averaged over the batch: each step is len(batch) times too big",
            _summed,
        ),
        Mistake("averaged over all m examples instead of over the batch's len(batch)", _over_m),
        Mistake(
            "each step used the gradient on all the data, not on the batch: that is full-batch "
            "descent repeated",
            _full_batch,
        ),
        Mistake(
            "the batches do not follow `order`: the examples were taken in index order",
            _in_index_order,
        ),
        Mistake("the steps go uphill: θ + α·∇ instead of θ − α·∇", _uphill),
        Mistake(
            "every batch's gradient was taken at the epoch's first θ; take each at the θ "
            "the previous batch left",
            _stale,
        ),
    ),
    updates=(0,),
    lr=3,
)


def check_epoch_code(fn):
    """``fn(theta, X, y, lr, batch_size, order) -> theta``: one epoch of mini-batch descent."""
    return EPOCH_CODE.check(fn)

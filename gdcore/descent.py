"""The update rule, and descents that record every step.

``descend`` is the plain loop a lesson reads; ``descend_grid`` runs the same
updates for a whole array of learning rates at once, which the explorer sends
to the browser. Both stop a run at its first non-finite update and report it
as diverged, with no RuntimeWarning. Both take functions written for one
parameter vector as well as gdcore's, which also take a stack of them.
"""

import itertools
import math
from dataclasses import dataclass

import numpy as np

from ._stacking import as_single, as_stacked, in_blocks
from ._validation import (
    DOT_MOST,
    all_finite,
    as_floats,
    check_callable,
    check_data,
    check_lr,
    check_lrs,
    check_memory,
    check_point,
    check_steps,
    check_whole,
    fmt_point,
)
from .rules import batches, gd_step_state, gd_update

GTOL = 1e-6  # converged once the gradient is a millionth of the steepest one met …
XTOL = 1e-6  # … and a step moves θ by a millionth of 1 + |θ|
MAX_STEPS = 1_000_000  # every state is recorded; a longer run goes on from its last state
_BLOCK = 64  # steps whose gradient lengths descend_grid measures in one call
# How a run went, as Descent.verdict names it; "start" is a run of no steps.
KINDS = ("start", "converged", "descending", "bouncing", "diverging", "diverged")


@dataclass(frozen=True)
class Descent:
    """One run of gradient descent.

    Attributes
    ----------
    thetas : ndarray of shape (k + 1, n_params)
        Every finite state, the start first.
    losses : ndarray of shape (k + 1,), or None when no loss was given
    grad_norms : ndarray of shape (k + 1,)
        The gradient's length at each state.
    lr : float
    diverged : bool
        True when update k + 1 left the finite numbers: the state, its loss or
        its gradient was not finite.
    """

    thetas: np.ndarray
    losses: np.ndarray | None
    grad_norms: np.ndarray
    lr: float
    diverged: bool

    @property
    def steps(self) -> int:
        """The number of finite updates recorded."""
        return len(self.thetas) - 1

    def converged_at(self, gtol: float = GTOL, xtol: float = XTOL) -> int | None:
        """The first step from which the run stays converged, or None.

        A run has converged at a state when its gradient is at most a millionth
        (``gtol``) of the steepest gradient met in the run, and the step taken from
        it moves θ by at most a millionth (``xtol``) of ``1 + |θ|``.
        """
        norms, steepest = self.grad_norms, self.grad_norms.max()
        if not _settled(norms[-1:], steepest, self.lr, self.thetas[-1:], gtol, xtol)[0]:
            return None  # the common case, asked of the last state alone
        done = _settled(norms, steepest, self.lr, self.thetas, gtol, xtol)
        moving = np.flatnonzero(~done)
        return int(moving[-1] + 1) if moving.size else 0

    def upto(self, steps: int) -> "Descent":
        """The same run, cut after ``steps`` updates."""
        if steps >= self.steps:
            return self
        cut = slice(0, steps + 1)
        losses = None if self.losses is None else self.losses[cut]
        return Descent(self.thetas[cut], losses, self.grad_norms[cut], self.lr, False)

    def status(self, bound: float | None = None, name: str = "θ") -> str:
        """Say in words, in one line, how the run went; ``bound`` is the stability limit 2/L.

        "converged to θ = … in k steps" names where the run ends, and is said only
        when :meth:`converged_at` finds it converged.
        """
        return self.verdict(bound, name)[1]

    def verdict(self, bound: float | None = None, name: str = "θ") -> tuple[str, str]:
        """``(kind, words)``: how the run went, as one of ``KINDS`` and as :meth:`status`."""
        limit = _versus(self.lr, _check_bound(bound))
        if self.diverged:
            return "diverged", f"diverged after {_steps(self.steps + 1)}: {limit}"
        if self.steps == 0:
            return "start", f"no steps taken yet: starting at {name} = {self._where(0)} ({limit})"
        done = self.converged_at()
        # Judge the way in only: once converged, the steps are rounding noise.
        way = ", zig-zagging" if self.upto(self.steps if done is None else done).zigzags() else ""
        if done is not None:
            end = fmt_point(self.thetas[-1])
            return "converged", f"converged to {name} = {end} in {_steps(done)}{way} ({limit})"
        kind, words = self._unsettled(way, name)
        return kind, f"{words} ({limit})"

    def _where(self, k):
        loss = "" if self.losses is None else f", where the loss is {self.losses[k]:.4g}"
        return f"{fmt_point(self.thetas[k])}{loss}"

    def _unsettled(self, way, name):
        """``(kind, words)`` for a run that has neither converged nor diverged."""
        k, losses, norms = self.steps, self.losses, self.grad_norms
        if losses is not None and losses[-1] > losses[0]:
            grew = f"the loss grew from {losses[0]:.3g} to {losses[-1]:.3g} in {_steps(k)}"
            return "diverging", f"diverging: {grew}"
        if self.bounces():
            return "bouncing", f"bouncing between two points after {_steps(k)}, not converging"
        if losses is not None:
            fell = f"the loss fell from {losses[0]:.4g} to {losses[-1]:.4g}"
            return "descending", f"still descending after {_steps(k)}{way}: {fell}"
        first, now = norms[0], norms[-1]
        if now > 1.01 * first:
            grew = f"the gradient grew from {first:.3g} to {now:.3g} in {_steps(k)}"
            return "diverging", f"diverging: {grew}"
        if now >= first:
            # Without a loss to watch, a gradient that never shrinks says no minimum is near.
            away = np.linalg.norm(self.thetas[-1] - self.thetas[0])
            moved = f"{name} moved {away:.3g} from the start"
            return "diverging", f"diverging: in {_steps(k)} {moved} and the gradient did not shrink"
        shrank = f"the gradient shrank from {first:.3g} to {now:.3g}"
        return "descending", f"still descending after {_steps(k)}{way}: {shrank}"

    def bounces(self) -> bool:
        """True when the run has settled into a 2-cycle: it returns to where it was
        two steps before, yet each step still moves it."""
        if self.steps < 4:
            return False
        back, step = (
            np.abs(self.thetas[-1] - self.thetas[-3]).max(),
            np.abs(self.thetas[-1] - self.thetas[-2]).max(),
        )
        return bool(step > 0 and back <= 1e-6 * step)

    def zigzags(self) -> bool:
        """True when most updates reverse the direction of the one before."""
        moves = self.thetas[1:] - self.thetas[:-1]
        turns = np.einsum("ij,ij->i", moves[1:], moves[:-1]) < 0
        return bool(2 * np.count_nonzero(turns) > turns.size)


def _settled(norms, steepest, lr, thetas, gtol, xtol):
    """Which states count as converged: see :meth:`Descent.converged_at`."""
    return (norms <= gtol * steepest) & (lr * norms <= xtol * (1 + _row_norms(thetas)))


def _steps(k):
    return "1 step" if k == 1 else f"{k} steps"


def _check_bound(bound):
    if bound is None:
        return None
    value = as_floats("bound", bound, "a positive number, 2/L")
    if value.size != 1 or not (np.isfinite(value).all() and value.item() > 0):
        raise ValueError(f"bound must be 2/L, a positive number, got {bound!r}; or leave it out.")
    return value.item()


def _versus(lr, bound):
    if bound is None:
        return f"α = {lr:.3g}"
    sign = ">" if lr > bound else "<" if lr < bound else "="
    return f"α = {lr:.3g} {sign} 2/L = {bound:.3g}"


def gd_step(theta, grad, lr):
    """One update, ``theta - lr * grad``.

    Parameters
    ----------
    theta : ndarray of shape (n_params,)
    grad : ndarray of shape (n_params,)
        The gradient at ``theta``; finite.
    lr : float
        The learning rate, > 0.
    """
    lr = check_lr(lr)
    theta, grad = as_floats("theta", theta), as_floats("grad", grad)
    if theta.shape != grad.shape:
        raise ValueError(
            f"theta has shape {theta.shape} but grad has shape {grad.shape}; "
            "pass the gradient at theta, one entry per parameter."
        )
    for name, a in (("theta", theta), ("grad", grad)):
        if not np.isfinite(a).all():
            raise ValueError(
                f"{name} contains NaN or inf: {fmt_point(a)}; gd_step needs finite numbers. "
                "If a run produced them, it diverged: start again with a smaller lr."
            )
    with np.errstate(over="ignore"):  # an overflow is divergence, which the caller sees as inf
        return theta - lr * grad


def descend(grad, theta0, lr, steps, *, loss=None) -> Descent:
    """Run ``steps`` updates ``theta <- theta - lr * grad(theta)`` from ``theta0``.

    Parameters
    ----------
    grad : callable, theta -> ndarray of shape (n_params,)
        Written for one parameter vector, or for a stack of them as gdcore's are.
    theta0 : ndarray of shape (n_params,)
    lr : float
    steps : int
        At most ``MAX_STEPS`` (one million), since every state is recorded.
    loss : callable, theta -> float, optional
        Recorded at every state; a non-finite loss also counts as divergence.
    """
    lr, steps = check_lr(lr), check_steps(steps, most=MAX_STEPS)
    theta = check_point("theta0", theta0)
    check_memory("descend", 1, steps, theta.size)
    grad, loss = _wrapped(as_single, grad, loss, theta)
    with np.errstate(all="ignore"):
        g, value = grad(theta), _loss(loss, theta)
        _check_start(g, value, theta)
        thetas, losses, norms, diverged = [theta], [value], [_norm(g)], False
        for _ in range(steps):
            state = _next_state(grad, loss, theta - lr * g)
            if state is None:
                diverged = True
                break
            theta, value, g = state
            thetas.append(theta)
            losses.append(value)
            norms.append(_norm(g))
    return Descent(
        np.array(thetas), np.array(losses) if loss else None, np.array(norms), lr, diverged
    )


def _next_state(grad, loss, theta):
    """``(theta, loss, gradient)`` at ``theta``, or None when any of them is not finite."""
    if not np.isfinite(theta).all():
        return None
    value = _loss(loss, theta)
    if not np.isfinite(value):
        return None
    g = grad(theta)
    return (theta, value, g) if np.isfinite(_norm(g)) else None


def _wrapped(how, grad, loss, theta):
    """``grad`` and ``loss`` made to take what ``how`` gives them: one vector, or a stack."""
    check_callable("grad", grad)
    if loss is not None:
        check_callable("loss", loss)
        loss = how(loss, theta, "loss")
    return how(grad, theta, "grad"), loss


def _check_start(g, value, start):
    """Refuse a run whose start has a non-finite gradient ``g`` or loss ``value``."""
    if not (np.isfinite(_norm(g)).all() and np.isfinite(value).all()):
        raise ValueError(
            f"the loss or its gradient is not finite at the start {fmt_point(start)}; "
            "start from a point where the loss is defined."
        )


def _loss(loss, theta):
    return float(loss(theta)) if loss else 0.0


def _norm(g):
    return np.linalg.norm(g, axis=-1)


def descend_grid(grad, theta0, lrs, steps, *, loss=None, rule=gd_update) -> list[Descent]:
    """:func:`descend` for every learning rate in ``lrs`` at once.

    ``rule`` is the update rule: gradient descent by default, or another from
    :mod:`gdcore.rules`, such as ``coordinate_update([1, 0])`` or ``rule(adam_step)``.

    ``grad`` and ``loss`` are called on a stack of parameter vectors, of shape
    (n_rates, n_params), when they take one, as every loss in gdcore does; a
    function written for one vector is called once per row instead.

    The record, n_rates x (steps + 1) states, may take at most 1 GiB; a larger
    one is refused before anything is allocated.

    Returns
    -------
    list of Descent, one per learning rate, in the order of ``lrs``.
    """
    return descend_grids(grad, theta0, lrs, steps, [rule], loss=loss)[0]


def descend_grids(grad, theta0, lrs, steps, rules, *, loss=None) -> list[list[Descent]]:
    """:func:`descend_grid` for several update rules side by side, as the explorer
    compares methods: every rule's runs are rows of one stack, so that ``grad`` is
    called once a step for all of them.

    ``rules`` is a list of update rules, such as ``[gd_update, momentum_update(0.9)]``;
    the other arguments are :func:`descend_grid`'s.

    Returns
    -------
    list of lists of Descent: one list per rule, in the order of ``rules``, of one
    Descent per learning rate.
    """
    lrs, steps = check_lrs(lrs), check_steps(steps)
    start = check_point("theta0", theta0)
    if not rules:
        raise ValueError("rules is empty: pass a list of update rules, e.g. [gd_update].")
    # Memory first: a huge request is told what it would cost, then the step limit.
    check_memory("descend_grid", len(lrs) * len(rules), steps, start.size)
    steps = check_steps(steps, most=MAX_STEPS)
    grad, loss = _wrapped(as_stacked, grad, loss, start)
    thetas, norms, last = _grid_paths(grad, start, lrs, steps, loss, rules)
    losses = _grid_losses(loss, thetas)
    bad = ~(np.isfinite(losses) & np.isfinite(norms))  # a state that ends its run
    last = np.minimum(last, np.where(bad.any(axis=0), bad.argmax(axis=0) - 1, steps))
    runs = [
        Descent(
            thetas[: j + 1, i],
            losses[: j + 1, i] if loss else None,
            norms[: j + 1, i],
            float(lrs[i % len(lrs)]),
            bool(j < steps),
        )
        for i, j in enumerate(last)
    ]
    return [runs[i : i + len(lrs)] for i in range(0, len(runs), len(lrs))]


def _grid_paths(grad, start, lrs, steps, loss, rules):
    """Every state and gradient length, of shapes (steps + 1, n_rules x n_rates, n) and
    (steps + 1, n_rules x n_rates), and the index of each run's last finite state.

    A run ends at its last finite state: a non-finite update, or a finite state
    whose gradient is not finite, ends it; its row then keeps that state, with
    gradient 0, so that it costs nothing more to carry. The gradients are measured
    ``_BLOCK`` steps at a time, for a fraction of the cost of one call a step.
    """
    rows = len(rules) * len(lrs)
    theta, states = np.tile(start, (rows, 1)), [None] * len(rules)
    rates = lrs[:, None].copy()  # a column, one rate per row of each rule's runs
    thetas, norms = np.empty((steps + 1, *theta.shape)), np.empty((steps + 1, rows))
    grads = np.empty((_BLOCK, *theta.shape))
    last, alive = np.full(rows, steps), np.ones(rows, dtype=bool)
    with np.errstate(all="ignore"):
        g = grad(theta)
        _check_start(g, _loss_rows(loss, theta[:1]), start)
        thetas[0], grads[0] = theta, g
        everyone = True  # every run alive: the common case, with no row to hold still
        for k in range(1, steps + 1):
            new = _update_all(rules, states, theta, g, grad, rates)
            new = new if everyone else np.where(alive[:, None], new, theta)
            if not all_finite(new):
                alive = _end_runs(alive, np.isfinite(new).all(axis=1), last, k - 1)
                new, everyone = np.where(alive[:, None], new, theta), bool(alive.all())
            theta = thetas[k] = new
            g = grad(theta)
            g = g if everyone else np.where(alive[:, None], g, 0.0)
            if not _lengths_finite(g):
                alive = _end_runs(alive, np.isfinite(_row_norms(g)), last, k - 1)
                g, everyone = np.where(alive[:, None], g, 0.0), bool(alive.all())
            grads[k % _BLOCK] = g
            if k % _BLOCK == _BLOCK - 1:
                norms[k + 1 - _BLOCK : k + 1] = _row_norms(grads)
    rest = (steps + 1) % _BLOCK
    norms[steps + 1 - rest :] = _row_norms(grads[:rest])
    return thetas, norms, last


def _update_all(rules, states, theta, g, grad, rates):
    """One update of every rule on its own rows of the stack; ``states`` is updated.

    ``rates`` is the column of rates of one rule's rows, the same for every rule.
    """
    if len(rules) == 1:
        new, states[0] = rules[0](theta, g, grad, rates, states[0])
        return new
    per, parts = len(rates), []
    for m, rule in enumerate(rules):
        rows = slice(m * per, (m + 1) * per)
        part, states[m] = rule(theta[rows], g[rows], grad, rates, states[m])
        parts.append(part)
    return np.concatenate(parts)


def _end_runs(alive, finite, last, k):
    """End, at state ``k``, the live runs that are not ``finite``; the runs still alive."""
    ending = alive & ~finite
    if ending.any():
        last[ending] = k
        return alive & finite
    return alive


def _lengths_finite(g):
    """True when every row of ``g`` has a finite length, in one dot product as in
    :func:`all_finite`; exact but for rounding at the overflow threshold, where
    :func:`descend_grid` still ends a run at its first length that is not finite."""
    return g.size <= DOT_MOST and math.isfinite(np.vdot(g, g))


def _row_norms(g):
    """The length of each row of ``g``, of shape (..., n): quicker than np.linalg.norm."""
    rows = g.reshape(-1, g.shape[-1])
    return np.sqrt(np.einsum("ij,ij->i", rows, rows)).reshape(g.shape[:-1])


def _grid_losses(loss, thetas):
    """The loss at every state, of shape (steps + 1, n_rates)."""
    # Batched calls after the loop cost far less than one per step.
    flat = thetas.reshape(-1, thetas.shape[-1])
    with np.errstate(all="ignore"):
        return in_blocks(lambda rows: _loss_rows(loss, rows), flat).reshape(thetas.shape[:2])


def _loss_rows(loss, theta):
    return loss(theta) if loss else np.zeros(len(theta))


def descend_minibatch(
    grad, theta0, lr, epochs, X, y, *, batch_size, rng, loss=None, schedule=None, step=None
) -> Descent:
    """Stochastic (mini-batch) descent: each epoch shuffles the examples with ``rng`` and
    takes one update per batch of ``batch_size`` of them.

    Parameters
    ----------
    grad : callable, (theta, X, y) -> ndarray of shape (n_params,)
        A gradient in gdcore's signature, e.g. ``gdcore.mse_grad``; it is given one batch.
    theta0 : ndarray of shape (n_params,)
    lr : float
        The base rate; ``schedule(k)`` multiplies it at update k (from 0).
    epochs : int
        Passes over the data; an epoch takes ceil(m / batch_size) updates.
    X : ndarray of shape (m, n_params)
    y : ndarray of shape (m,)
    batch_size : int, from 1 (stochastic) to m (full batch)
    rng : numpy.random.Generator
        The only source of randomness: the same seed gives the same run.
    loss : callable, (theta, X, y) -> float, optional
        Recorded on all the data at every state.
    schedule : callable, k -> float, optional
        E.g. :func:`gdcore.rules.inverse_time`.
    step : callable, optional
        A step from :mod:`gdcore.rules` with its settings, e.g.
        ``functools.partial(momentum_step, beta=0.9)``; plain descent by default.

    Returns
    -------
    Descent
        One state per update. ``grad_norms`` is the gradient on all the data, so
        "converged" means what it means for :func:`descend`.
    """
    lr, epochs = check_lr(lr), check_whole("epochs", epochs)
    theta = check_point("theta0", theta0)
    theta, X, y = check_data(theta, X, y)
    m = X.shape[0]
    batch_size = check_whole("batch_size", batch_size, most=m)
    if batch_size < 1:
        raise ValueError(f"batch_size must be from 1 to m = {m}, got {batch_size}; e.g. 32.")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng must be a numpy Generator, got {type(rng).__name__}; "
            "e.g. rng=np.random.default_rng(0), so that a run can be repeated."
        )
    updates = epochs * -(-m // batch_size)
    check_memory("descend_minibatch", 1, updates, theta.size)
    check_steps(updates, most=MAX_STEPS)
    step, memory = step or gd_step_state, None
    full_loss = loss and (lambda t: loss(t, X, y))
    with np.errstate(all="ignore"):
        g = grad(theta, X, y)
        _check_start(g, _loss(full_loss, theta), theta)
        thetas, losses, norms, diverged = [theta], [_loss(full_loss, theta)], [_norm(g)], False
        for k, (Xb, yb) in enumerate(itertools.islice(batches(rng, m, batch_size, X, y), updates)):
            rate = lr * (schedule(k) if schedule else 1.0)
            theta, memory = step(theta, grad(theta, Xb, yb), rate, memory)
            state = _next_state(lambda t: grad(t, X, y), full_loss, theta)
            if state is None:
                diverged = True
                break
            thetas.append(theta)
            losses.append(state[1])
            norms.append(_norm(state[2]))
    return Descent(
        np.array(thetas), np.array(losses) if loss else None, np.array(norms), lr, diverged
    )

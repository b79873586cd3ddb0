"""The update rule, and descents that record every step.

``descend`` is the plain loop a lesson reads; ``descend_grid`` runs the same
updates for a whole array of learning rates at once, which the explorer sends
to the browser. Both stop a run at its first non-finite update and report it
as diverged, with no RuntimeWarning.
"""

from dataclasses import dataclass

import numpy as np

from ._validation import check_lr, check_steps

GTOL = 1e-6  # converged once the gradient has shrunk a millionfold


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
        True when update k + 1 left the finite numbers.
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

    def converged_at(self, gtol: float = GTOL) -> int | None:
        """First step from which the gradient stays at ``gtol`` times the starting one or less."""
        small = self.grad_norms <= gtol * self.grad_norms[0]
        if not small[-1]:
            return None
        large = np.flatnonzero(~small)
        return int(large[-1] + 1) if large.size else 0

    def upto(self, steps: int) -> "Descent":
        """The same run, cut after ``steps`` updates."""
        if steps >= self.steps:
            return self
        cut = slice(0, steps + 1)
        losses = None if self.losses is None else self.losses[cut]
        return Descent(self.thetas[cut], losses, self.grad_norms[cut], self.lr, False)

    def status(self, bound: float | None = None, name: str = "θ") -> str:
        """Say in words how the run went; ``bound`` is the stability limit 2/L."""
        limit = _versus(self.lr, bound)
        if self.diverged:
            return f"diverged after {self.steps + 1} steps: {limit}"
        done = self.converged_at()
        # Judge the way in only: once converged, the steps are rounding noise.
        way = ", zig-zagging" if self.upto(self.steps if done is None else done).zigzags() else ""
        if done is not None:
            return f"converged to {name} = {_fmt(self.thetas[done])} in {done} steps{way} ({limit})"
        if self.losses is not None and self.losses[-1] > self.losses[0]:
            grew = f"the loss grew from {self.losses[0]:.3g} to {self.losses[-1]:.3g}"
            return f"diverging: {grew} in {self.steps} steps ({limit})"
        if self.bounces():
            return f"bouncing between two points after {self.steps} steps, not converging ({limit})"
        fell = (
            ""
            if self.losses is None
            else (f": the loss fell from {self.losses[0]:.4g} to {self.losses[-1]:.4g}")
        )
        return f"still descending after {self.steps} steps{way}{fell} ({limit})"

    def bounces(self) -> bool:
        """True when the run has settled into a 2-cycle: it returns to where it was
        two steps before, yet each step still moves it."""
        if self.steps < 4:
            return False
        back, step = (
            np.abs(self.thetas[-1] - self.thetas[-3]),
            np.abs(self.thetas[-1] - self.thetas[-2]),
        )
        return bool(np.max(step) > 0 and np.max(back) <= 1e-6 * np.max(step))

    def zigzags(self) -> bool:
        """True when most updates reverse the direction of the one before."""
        moves = np.diff(self.thetas, axis=0)
        turns = np.sum(moves[1:] * moves[:-1], axis=1) < 0
        return bool(turns.size and turns.mean() > 0.5)


def _fmt(theta):
    parts = [f"{v:.4g}" for v in np.atleast_1d(theta)]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


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
        The gradient at ``theta``.
    lr : float
        The learning rate, > 0.
    """
    lr = check_lr(lr)
    theta, grad = np.asarray(theta, dtype=float), np.asarray(grad, dtype=float)
    if theta.shape != grad.shape:
        raise ValueError(
            f"theta has shape {theta.shape} but grad has shape {grad.shape}; "
            "pass the gradient at theta, one entry per parameter."
        )
    return theta - lr * grad


def descend(grad, theta0, lr, steps, *, loss=None) -> Descent:
    """Run ``steps`` updates ``theta <- theta - lr * grad(theta)`` from ``theta0``.

    Parameters
    ----------
    grad : callable, theta -> ndarray of shape (n_params,)
    theta0 : ndarray of shape (n_params,)
    lr : float
    steps : int
    loss : callable, theta -> float, optional
        Recorded at every state; a non-finite loss also counts as divergence.
    """
    lr, steps = float(check_lr(lr)), check_steps(steps)
    theta = np.array(theta0, dtype=float).reshape(-1)
    with np.errstate(all="ignore"):
        g = _first_grad(grad, theta, loss)
        thetas, losses, norms, diverged = [theta], [_loss(loss, theta)], [_norm(g)], False
        for _ in range(steps):
            theta = theta - lr * g
            value = _loss(loss, theta) if np.isfinite(theta).all() else np.nan
            if not np.isfinite(value):
                diverged = True
                break
            g = grad(theta)
            thetas.append(theta)
            losses.append(value)
            norms.append(_norm(g))
    return Descent(
        np.array(thetas), np.array(losses) if loss else None, np.array(norms), lr, diverged
    )


def _first_grad(grad, theta, loss):
    """The gradient at the start, after checking that the run can start at all."""
    g = np.asarray(grad(theta))
    if g.shape != theta.shape:
        raise ValueError(
            f"grad returned shape {g.shape} for theta of shape {theta.shape}; it must return "
            "one partial derivative per parameter, in theta's shape."
        )
    if not (np.isfinite(g).all() and np.isfinite(_loss_rows(loss, np.atleast_2d(theta))).all()):
        raise ValueError(
            f"the loss or its gradient is not finite at the start {theta.tolist()}; "
            "start from a point where the loss is defined."
        )
    return g


def _loss(loss, theta):
    return float(loss(theta)) if loss else 0.0


def _norm(g):
    return np.linalg.norm(g, axis=-1)


def descend_grid(grad, theta0, lrs, steps, *, loss=None) -> list[Descent]:
    """:func:`descend` for every learning rate in ``lrs`` at once.

    ``grad`` and ``loss`` must take a stack of parameter vectors, of shape
    (n_rates, n_params), as every loss in gdcore does.

    Returns
    -------
    list of Descent, one per learning rate, in the order of ``lrs``.
    """
    lrs, steps = check_lr(np.atleast_1d(lrs)), check_steps(steps)
    theta = np.tile(np.asarray(theta0, dtype=float).reshape(-1), (len(lrs), 1))
    thetas, norms = np.empty((steps + 1, *theta.shape)), np.empty((steps + 1, len(lrs)))
    last = np.full(len(lrs), steps)  # index of each run's last finite state
    with np.errstate(all="ignore"):
        g = _first_grad(grad, theta, loss)
        thetas[0], norms[0] = theta, _norm(g)
        for k in range(1, steps + 1):
            new = theta - lrs[:, None] * g
            last[~np.isfinite(new).all(axis=1) & (last == steps)] = k - 1
            alive = (last == steps)[:, None]
            theta = np.where(alive, new, theta)
            g = np.where(alive, grad(theta), 0.0)
            thetas[k], norms[k] = theta, _norm(g)
        # Batched calls after the loop cost far less than one per step; blocks of a
        # few hundred states keep the temporaries in cache.
        flat = thetas.reshape(-1, theta.shape[1])
        blocks = [_loss_rows(loss, flat[i : i + 256]) for i in range(0, len(flat), 256)]
        losses = np.concatenate(blocks).reshape(norms.shape)
    bad = ~np.isfinite(losses)
    last = np.minimum(last, np.where(bad.any(axis=0), bad.argmax(axis=0) - 1, steps))
    return [
        Descent(
            thetas[: j + 1, r],
            losses[: j + 1, r] if loss else None,
            norms[: j + 1, r],
            float(lrs[r]),
            bool(j < steps),
        )
        for r, j in enumerate(last)
    ]


def _loss_rows(loss, theta):
    return loss(theta) if loss else np.zeros(len(theta))

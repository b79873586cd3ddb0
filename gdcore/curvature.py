"""Where a loss bottoms out, and how large a learning rate it can take there.

Near a minimum the loss is close to a quadratic whose steepest direction has
curvature L, the Hessian's largest eigenvalue. Gradient descent is stable there
exactly when ``lr < 2 / L``.
"""

import numpy as np

from .gradcheck import numerical_hessian


class NoMinimum(ValueError):
    """The loss has no minimum where one was looked for.

    ``reason`` is the short, learner-facing half of the message, e.g. "it keeps
    falling as θ grows", which the explorer shows in its status line.
    """

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def find_minimum(grad, theta0, *, loss=None, iters=200, tol=1e-12):
    """A stationary point near ``theta0``, by damped Newton steps on a numerical Hessian.

    Each step is halved until it lowers ``loss`` (or, without one, the gradient's
    length), so that a far start, where the Newton step of log-loss overshoots
    wildly, still closes in. Where the Hessian is not positive definite, it steps
    along the gradient instead.
    """
    merit = loss if loss is not None else (lambda t: np.linalg.norm(grad(t)))
    theta = np.asarray(theta0, dtype=float).reshape(-1)
    for _ in range(iters):
        g = grad(theta)
        if np.linalg.norm(g) <= tol:
            break
        H = numerical_hessian(grad, theta)
        if np.linalg.eigvalsh(H)[0] > 0:
            step = np.linalg.solve(H, g)
        else:
            step = g / max(np.linalg.norm(g), 1.0)
        theta = _shrinking(merit, theta, step)
    return theta


def _shrinking(merit, theta, step):
    """``theta - t * step`` for the largest t in 1, 1/2, 1/4, … that lowers ``merit``."""
    now = merit(theta)
    with np.errstate(all="ignore"):
        for _ in range(60):
            new = theta - step
            if np.isfinite(new).all() and merit(new) < now:
                return new
            step = step / 2
    return theta


def stability_bound(grad, theta_star):
    """The largest stable learning rate, ``2 / L``, at the minimum ``theta_star``."""
    L = np.linalg.eigvalsh(numerical_hessian(grad, theta_star))[-1]
    if L <= 0:
        raise ValueError(
            "the Hessian at theta_star has no positive eigenvalue, so theta_star is not a "
            "minimum; pass the parameters where the loss is smallest."
        )
    return 2.0 / L

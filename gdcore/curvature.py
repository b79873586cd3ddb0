"""Where a loss bottoms out, and how large a learning rate it can take there.

Near a minimum the loss is close to a quadratic whose steepest direction has
curvature L, the Hessian's largest eigenvalue. Gradient descent is stable there
exactly when ``lr < 2 / L``.
"""

import numpy as np

from .gradcheck import numerical_hessian


def find_minimum(grad, theta0, iters=100, tol=1e-12):
    """A stationary point near ``theta0``, by Newton's method on a numerical Hessian.

    Falls back to a gradient step of length one wherever the Hessian is not
    positive definite, so it heads downhill on non-convex losses too.
    """
    theta = np.asarray(theta0, dtype=float).reshape(-1)
    for _ in range(iters):
        g = grad(theta)
        if np.linalg.norm(g) <= tol:
            break
        H = numerical_hessian(grad, theta)
        if np.linalg.eigvalsh(H)[0] > 0:
            theta = theta - np.linalg.solve(H, g)
        else:
            theta = theta - g / max(np.linalg.norm(g), 1.0)
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

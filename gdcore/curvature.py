"""Where a loss bottoms out, and how large a learning rate it can take there.

Near a minimum the loss is close to a quadratic whose steepest direction has
curvature L, the Hessian's largest eigenvalue. Gradient descent is stable there
exactly when ``lr < 2 / L``. Both functions here check that the point they
answer about is a minimum: the gradient vanishes there, the Hessian is positive
definite, and the loss rises on every side. Anywhere else they raise
:class:`NoMinimum`, saying what the point is instead.
"""

import numpy as np

from ._stacking import as_single
from ._validation import check_callable, check_point, check_whole, fmt_point
from .gradcheck import numerical_hessian

FLAT = 1e-10  # eigenvalues within this fraction of the largest are rounding noise, i.e. zero
STILL = 1e-6  # stationary: the Newton step is at most this fraction of 1 + |θ|
LOOK = 1e-4  # how far, as a fraction of 1 + |θ|, to look around a minimum for lower ground


class NoMinimum(ValueError):
    """The loss has no minimum where one was looked for.

    ``reason`` is the short, learner-facing half of the message, e.g. "it keeps
    falling as θ grows", which the explorer shows in its status line.
    """

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def find_minimum(grad, theta0, *, loss=None, iters=200, tol=1e-12):
    """A minimum near ``theta0``, by damped Newton steps on a numerical Hessian.

    Each step is halved until it lowers ``loss`` (or, without one, the gradient's
    length), so that a far start, where the Newton step of log-loss overshoots
    wildly, still closes in. Where the Hessian is not positive definite, it steps
    along the gradient instead. The search stops when the gradient's length is
    at most ``tol`` times its length at the start, when a step no longer helps,
    or after ``iters`` steps.

    Parameters
    ----------
    grad : callable, theta -> ndarray of shape (n_params,)
    theta0 : ndarray of shape (n_params,)
    loss : callable, theta -> float, optional

    Raises
    ------
    NoMinimum
        Unless the point found is a minimum: see :func:`stability_bound`.
    """
    start = check_point("theta0", theta0)
    iters, tol = check_whole("iters", iters), _check_tol(tol)
    grad, merit = _single(grad, loss, start)
    end = _search(grad, merit, start, iters, tol)
    problem, eigenvalues = _judge(grad, end)
    if problem == "moving":
        raise _nothing_found(start, end, eigenvalues)
    if problem is not None:
        raise problem
    return end


def stability_bound(grad, theta_star):
    """The largest stable learning rate, ``2 / L``, at the minimum ``theta_star``.

    ``L`` is the largest eigenvalue of the Hessian there, by central differences.

    Raises
    ------
    NoMinimum
        Unless ``theta_star`` is a minimum: the Newton step there is at most a
        millionth of ``1 + |theta_star|``, every eigenvalue of the Hessian is
        positive, and the loss rises on every side.
    """
    theta = check_point("theta_star", theta_star)
    check_callable("grad", grad)
    grad = as_single(grad, theta, "grad")
    problem, eigenvalues = _judge(grad, theta)
    if problem == "moving":
        g, where = np.linalg.norm(grad(theta)), fmt_point(theta)
        raise NoMinimum(
            f"the gradient at {where} is not zero (its length is {g:.3g}), so it is not a "
            "minimum; pass the point where the loss is smallest, e.g. find_minimum(grad, theta0).",
            f"the gradient at {where} is not zero",
        )
    if problem is not None:
        raise problem
    return 2.0 / eigenvalues[-1]


def _single(grad, loss, start):
    """``grad`` and the merit the search lowers, both of one vector, checked at the start."""
    check_callable("grad", grad)
    grad = as_single(grad, start, "grad")
    if loss is not None:
        check_callable("loss", loss)
        loss = as_single(loss, start, "loss")
    merit = loss if loss is not None else (lambda t: np.linalg.norm(grad(t)))
    with np.errstate(all="ignore"):
        if not (np.isfinite(grad(start)).all() and np.isfinite(merit(start))):
            raise ValueError(
                f"the loss or its gradient is not finite at the start {fmt_point(start)}; "
                "start from a point where the loss is defined."
            )
    return grad, merit


def _search(grad, merit, theta, iters, tol):
    """Damped Newton steps from ``theta``: where the search stops."""
    with np.errstate(all="ignore"):
        # Relative to the start, so that a loss multiplied by 1e-20 is searched as far.
        enough = tol * np.linalg.norm(grad(theta))
        for _ in range(iters):
            g = grad(theta)
            if np.linalg.norm(g) <= enough:
                break
            H = numerical_hessian(grad, theta)
            if not np.isfinite(H).all():
                break
            new = _shrinking(merit, theta, _direction(H, g))
            if new is theta:
                break  # no step along this direction lowers the merit: as low as it goes
            theta = new
    return theta


def _direction(H, g):
    """The Newton step where the Hessian is positive definite, else the gradient, at most 1 long."""
    if _positive(np.linalg.eigvalsh(H)):
        return np.linalg.solve(H, g)
    return g / max(np.linalg.norm(g), 1.0)


def _positive(eigenvalues):
    top = np.abs(eigenvalues).max()
    return bool(top > 0 and eigenvalues[0] > FLAT * top)


def _shrinking(merit, theta, step):
    """``theta - t * step`` for the largest t in 1, 1/2, 1/4, … that lowers ``merit``;
    ``theta`` itself, the same object, when none does."""
    now = merit(theta)
    with np.errstate(all="ignore"):
        for _ in range(60):
            new = theta - step
            if np.isfinite(new).all() and merit(new) < now:
                return new
            step = step / 2
    return theta


def _judge(grad, theta):
    """``(problem, eigenvalues)``: problem is None at a minimum, "moving" where the gradient
    has not vanished, or else the NoMinimum that says what ``theta`` is."""
    with np.errstate(all="ignore"):
        g, H = grad(theta), numerical_hessian(grad, theta)
    where = fmt_point(theta)
    if not (np.isfinite(g).all() and np.isfinite(H).all()):
        return NoMinimum(
            f"the gradient or the Hessian is not finite at {where}, so it cannot be a minimum; "
            "look where the loss is defined.",
            f"the loss is not defined at {where}",
        ), None
    eigenvalues, vectors = np.linalg.eigh(H)
    if not _still(g, H, eigenvalues, theta):
        return "moving", eigenvalues
    if not _positive(eigenvalues):
        return _curved_down_or_flat(where, eigenvalues), eigenvalues
    if not _rises_around(grad, theta, vectors):
        return NoMinimum(
            f"the loss still falls on one side of {where}, though its gradient vanishes "
            "there: an inflection, not a minimum",
            f"{where} is an inflection, not a minimum",
        ), eigenvalues
    return None, eigenvalues


def _still(g, H, eigenvalues, theta):
    """True when ``theta`` is a stationary point, judged on a scale that does not
    change when the loss is multiplied by a constant."""
    size = 1 + np.linalg.norm(theta)
    if _positive(eigenvalues):
        return bool(np.linalg.norm(np.linalg.solve(H, g)) <= STILL * size)
    # No Newton step to measure: the gradient must be what the steepest curvature
    # would give a millionth of the way from the stationary point.
    return bool(np.linalg.norm(g) <= STILL * np.abs(eigenvalues).max() * size)


def _rises_around(grad, theta, vectors):
    """True when, a little way out along each principal direction, both ways, the
    loss is still rising: the gradient points away from ``theta``."""
    reach = LOOK * (1 + np.linalg.norm(theta))
    with np.errstate(all="ignore"):
        for v in vectors.T:
            for out in (v, -v):
                if not np.dot(grad(theta + reach * out), out) > 0:
                    return False
    return True


def _curved_down_or_flat(where, eigenvalues):
    """The NoMinimum for a stationary point whose Hessian is not positive definite."""
    top = np.abs(eigenvalues).max()
    down, up = eigenvalues < -FLAT * top, eigenvalues > FLAT * top
    if down.any() and up.any():
        message = f"has a negative eigenvalue ({eigenvalues[0]:.3g}): a saddle, not a minimum"
        return NoMinimum(f"the Hessian at {where} {message}", f"{where} is a saddle, not a minimum")
    if down.any():
        message = f"has no positive eigenvalue ({eigenvalues[-1]:.3g} at most): a maximum"
        return NoMinimum(
            f"the Hessian at {where} {message}, not a minimum",
            f"{where} is a maximum, not a minimum",
        )
    return NoMinimum(
        f"the Hessian at {where} is singular: the loss is flat along some direction there, "
        "so it is not a single minimum and has no 2/L",
        f"the loss is flat along some direction at {where}",
    )


def _nothing_found(start, end, eigenvalues):
    """The NoMinimum for a search that ended where the gradient had not vanished.

    It ran away, or it stopped where the loss has no curvature at all: either way
    the loss goes on falling. Otherwise the curvature faded as the gradient did,
    as at the bottom of x⁴, and no quadratic pins the point down.
    """
    if np.linalg.norm(end - start) >= 1 + np.linalg.norm(start):
        seen = f"the search ran out to {fmt_point(end)}"
    elif not np.abs(eigenvalues).max() > 0:
        seen = f"at {fmt_point(end)} it has no curvature and a gradient that is not zero"
    elif eigenvalues[0] < -FLAT * np.abs(eigenvalues).max():
        return _curves_down(end, eigenvalues)
    else:
        return NoMinimum(
            f"found no minimum near {fmt_point(start)}: the search stopped at "
            f"{fmt_point(end)}, where the curvature fades as fast as the gradient, so no "
            "Newton step settles and there is no 2/L",
            f"its curvature fades with its gradient near {fmt_point(end)}, so there is no 2/L",
        )
    return NoMinimum(
        "this loss has no minimum: it keeps falling as θ grows (found no point where the "
        f"gradient vanishes; {seen})",
        "it keeps falling as θ grows",
    )


def _curves_down(end, eigenvalues):
    """The NoMinimum for a search that stopped, gradient not vanished, where the loss
    curves downward: near a maximum or a saddle, searched without a loss to lower."""
    where = fmt_point(end)
    return NoMinimum(
        f"no minimum found: at {where}, where the search stopped, the gradient is not zero "
        f"and the Hessian has a negative eigenvalue ({eigenvalues[0]:.3g}), so the loss falls "
        "along that direction",
        f"the loss curves downward at {where}, so no minimum is near",
    )


def _check_tol(tol):
    number = isinstance(tol, (int, float, np.number)) and not isinstance(tol, (bool, np.bool_))
    if not (number and np.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a number >= 0, such as 1e-12, got {tol!r}.")
    return float(tol)

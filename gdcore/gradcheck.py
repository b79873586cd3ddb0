"""Central differences, the independent reference every gradient is checked against."""

import numpy as np

from ._validation import as_floats, check_callable


def numerical_grad(f, theta, eps=1e-6):
    """Gradient of a scalar function by central differences.

    ``(f(theta + eps * e_i) - f(theta - eps * e_i)) / (2 * eps)`` for each i.

    Parameters
    ----------
    f : callable, theta -> float
    theta : ndarray of any shape, usually (n_params,)
    eps : float
        The step, > 0.

    Returns
    -------
    ndarray of the shape of ``theta``
    """
    check_callable("f", f)
    theta, eps = _finite_point(theta), _check_eps(eps)
    grad = np.empty_like(theta)
    # A function that overflows near theta gives a non-finite entry, without a warning.
    with np.errstate(all="ignore"):
        for i in range(theta.size):
            step = np.zeros_like(theta)
            step.flat[i] = eps
            grad.flat[i] = (_number(f, theta + step) - _number(f, theta - step)) / (2 * eps)
    return grad


def numerical_hessian(grad, theta, eps=1e-5):
    """Hessian by central differences of ``grad``, made symmetric.

    Row i is ``(grad(theta + eps * e_i) - grad(theta - eps * e_i)) / (2 * eps)``.

    Parameters
    ----------
    grad : callable, theta -> ndarray of shape (n_params,)
    theta : ndarray of shape (n_params,)
    eps : float

    Returns
    -------
    ndarray of shape (n_params, n_params)
    """
    check_callable("grad", grad)
    theta, eps = _finite_point(theta), _check_eps(eps)
    if theta.ndim != 1:
        raise ValueError(
            f"theta must be 1-D, of shape (n_params,), got shape {theta.shape}; "
            "pass np.ravel(theta)."
        )
    rows = []
    with np.errstate(all="ignore"):
        for i in range(theta.size):
            step = np.zeros_like(theta)
            step[i] = eps
            rows.append((_vector(grad, theta + step) - _vector(grad, theta - step)) / (2 * eps))
    H = np.array(rows).reshape(theta.size, theta.size)
    return (H + H.T) / 2


def relative_error(a, b, floor=1e-8):
    """Worst elementwise ``|a - b| / max(|a|, |b|)``; entries below ``floor`` count as absolute."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    return float(np.max(np.abs(a - b) / scale))


def _finite_point(theta):
    theta = as_floats("theta", theta)
    if not np.isfinite(theta).all():
        raise ValueError("theta contains NaN or inf; differentiate at a finite point.")
    return theta


def _check_eps(eps):
    value = as_floats("eps", eps, "a small positive number")
    if value.size != 1 or not (np.isfinite(value).all() and value.item() > 0):
        raise ValueError(f"eps must be a small positive number such as 1e-6, got {eps!r}.")
    return value.item()


def _number(f, theta):
    out = as_floats("f(theta)", f(theta), "a number")
    if out.size != 1:
        raise ValueError(
            f"f(theta) must be one number, got shape {out.shape}; numerical_grad "
            "differentiates a scalar function such as a loss."
        )
    return out.item()


def _vector(grad, theta):
    out = as_floats("grad(theta)", grad(theta))
    if out.size != theta.size:
        raise ValueError(
            f"grad returned shape {out.shape} for theta of shape {theta.shape}; "
            "it must return one partial derivative per parameter."
        )
    return out.reshape(theta.shape)


def error_line(error: float, tol: float = 1e-8) -> str:
    """One line for a lesson to print: the measured error beside its tolerance.

    The error is shown to one significant digit; that digit can differ between
    machines, so the lessons' tests mask it and compare the verdict after it.

    >>> error_line(3.2e-16)
    'worst relative error 3e-16 (tolerance 1e-08): agrees'
    """
    verdict = "agrees" if error <= tol else "DISAGREES"
    return f"worst relative error {error:.0e} (tolerance {tol:.0e}): {verdict}"

"""Central differences, the independent reference every gradient is checked against."""

import numpy as np


def numerical_grad(f, theta, eps=1e-6):
    """Gradient of a scalar function by central differences.

    ``(f(theta + eps * e_i) - f(theta - eps * e_i)) / (2 * eps)`` for each i.

    Parameters
    ----------
    f : callable, theta -> float
    theta : ndarray of shape (n_params,)
    eps : float
    """
    theta = np.asarray(theta, dtype=float)
    grad = np.empty_like(theta)
    for i in range(theta.size):
        step = np.zeros_like(theta)
        step.flat[i] = eps
        grad.flat[i] = (f(theta + step) - f(theta - step)) / (2 * eps)
    return grad


def numerical_hessian(grad, theta, eps=1e-5):
    """Hessian by central differences of ``grad``, made symmetric.

    Returns
    -------
    ndarray of shape (n_params, n_params)
    """
    theta = np.asarray(theta, dtype=float)
    columns = [numerical_grad(lambda t, j=j: grad(t)[j], theta, eps) for j in range(theta.size)]
    H = np.array(columns)
    return (H + H.T) / 2


def relative_error(a, b, floor=1e-8):
    """Worst elementwise ``|a - b| / max(|a|, |b|)``; entries below ``floor`` count as absolute."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    return float(np.max(np.abs(a - b) / scale))


def error_line(error, tol=1e-8):
    """One line for a lesson to print: the measured error beside its tolerance.

    The error is shown to one significant digit; its last digit can differ
    between machines, so the lessons' tests compare the verdict, not the digit.

    >>> error_line(3.2e-16)
    'worst relative error 3e-16 (tolerance 1e-08): agrees'
    """
    verdict = "agrees" if error <= tol else "DISAGREES"
    return f"worst relative error {error:.0e} (tolerance {tol:.0e}): {verdict}"

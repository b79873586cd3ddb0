"""Losses and their gradients, one pair per model.

Every function shares one signature, ``f(theta, X, y)``, and warns of nothing:
NaN or inf in the data raises a ValueError, and parameters so large that the
loss overflows give inf, which ``descend`` reports as divergence. ``theta`` may hold one
parameter vector, of shape (n_features,), or a stack of them, of shape
(n_thetas, n_features); a stack gives one loss, or one gradient row, per vector,
which is how a whole grid of learning rates descends at once.
"""

import numpy as np

from ._validation import as_floats, check_data, check_labels, diagnose


def add_intercept(X):
    """Put a column of ones first, so that ``theta[0]`` is the bias.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), or (n_samples,) for one feature

    Returns
    -------
    ndarray of shape (n_samples, n_features + 1)
    """
    X = as_floats("X", X)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2:
        raise ValueError(
            f"X must be 1-D or 2-D, of shape (n_samples, n_features), but has shape {X.shape}."
        )
    return np.column_stack([np.ones(X.shape[0]), X])


def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``, without overflow.

    Exactly 0.0, 0.5 and 1.0 at z = -1e4, 0 and 1e4.

    Parameters
    ----------
    z : float or ndarray of any shape
        Real numbers; None, strings and complex numbers are refused.
    """
    z = as_floats("z", z)
    # exp(min(z, 0)) / (1 + exp(-|z|)) is the sigmoid for either sign of z, and
    # neither exponent is ever positive, so nothing overflows. The in-place steps
    # matter when the explorer evaluates a million of them at once.
    denominator = np.exp(-np.abs(z))
    denominator += 1
    s = np.exp(np.minimum(z, 0))
    s /= denominator
    return s[()]


def _sigmoid_and_slope(z):
    """``sigmoid(z)`` and ``sigmoid(z) * (1 - sigmoid(z))``, both accurate in the tails."""
    e = np.exp(-np.abs(z))
    q = 1 / (1 + e)
    return np.exp(np.minimum(z, 0)) * q, e * q * q


def _log1p_exp(u):
    """``log(1 + exp(u))`` without overflow, exact for large |u|."""
    out = np.abs(u)  # in place from here: the explorer evaluates millions at once
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    out += np.maximum(u, 0)
    return out


@np.errstate(all="ignore")
def mse(theta, X, y):
    """Mean squared error of a linear model, ``mean((X @ theta - y) ** 2)``.

    Parameters
    ----------
    theta : ndarray of shape (n_features,) or (n_thetas, n_features)
    X : ndarray of shape (n_samples, n_features)
        One row per example.
    y : ndarray of shape (n_samples,)
    """
    theta, X, y = check_data(theta, X, y)
    r = theta @ X.T
    r -= y  # in place, here and below: a grid's stack makes large temporaries
    r *= r
    return diagnose(np.mean(r, axis=-1), theta, X, y)[()]


@np.errstate(all="ignore")
def mse_grad(theta, X, y):
    """Gradient of the mean squared error with respect to ``theta``.

    ``2 / m * X.T @ (X @ theta - y)``; same parameters as :func:`mse`.
    """
    theta, X, y = check_data(theta, X, y)
    r = theta @ X.T
    r -= y
    g = r @ X
    g *= 2 / X.shape[0]
    return diagnose(g, theta, X, y)


@np.errstate(all="ignore")
def log_loss(theta, X, y):
    """Mean negative log-likelihood of logistic regression, labels in {0, 1}.

    ``-mean(y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z)))`` with ``z = X @ theta``,
    evaluated as ``mean(log(1 + exp(-z)))`` for y = 1 and ``mean(log(1 + exp(z)))`` for
    y = 0, so it never takes log(0).
    """
    theta, X, y = check_data(theta, X, y)
    check_labels(y)
    z = diagnose(theta @ X.T, theta, X, y)
    z *= 1 - 2 * y
    return np.mean(_log1p_exp(z), axis=-1)[()]


@np.errstate(all="ignore")
def log_loss_grad(theta, X, y):
    """Gradient of :func:`log_loss`: ``1 / m * X.T @ (sigmoid(X @ theta) - y)``."""
    theta, X, y = check_data(theta, X, y)
    check_labels(y)
    r = sigmoid(diagnose(theta @ X.T, theta, X, y))
    r -= y
    g = r @ X
    g /= X.shape[0]
    return g


@np.errstate(all="ignore")
def logistic_mse(theta, X, y):
    """Squared error on the logistic output: ``mean((sigmoid(X @ theta) - y) ** 2)``."""
    theta, X, y = check_data(theta, X, y)
    check_labels(y)
    r = sigmoid(diagnose(theta @ X.T, theta, X, y))
    r -= y
    r *= r
    return np.mean(r, axis=-1)[()]


@np.errstate(all="ignore")
def logistic_mse_grad(theta, X, y):
    """Gradient of :func:`logistic_mse`.

    ``2 / m * X.T @ ((s - y) * s * (1 - s))`` with ``s = sigmoid(X @ theta)``.
    """
    theta, X, y = check_data(theta, X, y)
    check_labels(y)
    s, slope = _sigmoid_and_slope(diagnose(theta @ X.T, theta, X, y))
    s -= y
    s *= slope
    g = s @ X
    g *= 2 / X.shape[0]
    return g

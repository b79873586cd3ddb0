"""Input checks shared by every loss.

The checks that touch every entry of ``X`` are deferred: a loss computes its
small result first and only looks for NaN or inf in the data when that result is
not finite. Scanning a large ``X`` on every call would cost more than the
gradient itself.
"""

import numpy as np


def check_data(theta, X, y):
    """Return ``theta, X, y`` as float arrays, or raise a ValueError naming the fix."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D, of shape (n_samples, n_features), but has shape {X.shape}. "
            "For a single feature, pass X.reshape(-1, 1)."
        )
    if y.ndim != 1:
        raise ValueError(
            f"y must be 1-D, of shape (n_samples,), but has shape {y.shape}. Pass y.ravel()."
        )
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"X has shape {X.shape} but y has {y.shape[0]} entries; gdcore expects one row "
            "per example, X of shape (n_samples, n_features). For data stored as "
            "(n_features, n_samples), pass X.T."
        )
    if theta.ndim not in (1, 2) or theta.shape[-1] != X.shape[1]:
        raise ValueError(
            f"theta has shape {theta.shape} but X has {X.shape[1]} columns; theta needs one "
            "entry per column of X. If X came from add_intercept, theta[0] is the bias."
        )
    if not np.isfinite(theta).all():
        raise ValueError("theta contains NaN or inf; start from finite parameters.")
    return theta, X, y


def check_labels(y):
    """Raise unless every label is 0 or 1."""
    if ((y == 0) | (y == 1)).all():
        return
    _check_finite("y", y)
    bad = np.unique(y[(y != 0) & (y != 1)])[:5]
    raise ValueError(
        f"the logistic losses need labels in {{0, 1}}, but y contains {bad.tolist()}. "
        "Map the two classes to 0 and 1, e.g. y = (y == positive_class).astype(float)."
    )


def diagnose(result, X, y):
    """Return ``result``; if it is not finite, raise when the data are to blame.

    A non-finite result from finite data means the parameters overflowed, which
    ``descend`` reports as divergence, so it is returned as it is.
    """
    if np.isfinite(result).all():
        return result
    _check_finite("X", X)
    _check_finite("y", y)
    return result


def _check_finite(name, a):
    bad = ~np.isfinite(a)
    if bad.any():
        where = tuple(int(i[0]) for i in np.nonzero(bad))
        raise ValueError(
            f"{name} contains {int(bad.sum())} NaN or inf value(s), the first at index "
            f"{where if len(where) > 1 else where[0]}. Drop or impute those entries first."
        )


def check_lr(lr):
    """Raise unless the learning rate is a positive, finite number (or array of them)."""
    lr = np.asarray(lr, dtype=float)
    bad = ~(np.isfinite(lr) & (lr > 0))
    if bad.any():
        raise ValueError(
            f"the learning rate must be positive and finite, got {lr[bad][:5].tolist()}. "
            "Try a small value such as 0.01, then raise it."
        )
    return lr


def check_steps(steps):
    """Raise unless ``steps`` is a whole number of at least 0."""
    if not np.isfinite(steps) or int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0, got {steps!r}.")
    return int(steps)

"""Input checks shared by the losses, the descents and the curvature tools.

Every check raises a one-line ValueError that names the argument, the problem
and the fix. The checks that touch every entry of ``X`` are deferred: a loss
computes its small result first and only looks for NaN or inf in the data, and
in ``theta``, when that result is not finite. Scanning a large ``X`` on every
call would cost more than the gradient itself. For the same reason a float
ndarray, the common case, passes :func:`as_floats` without being inspected.
"""

import math

import numpy as np

MAX_BYTES = 2**30  # what a descent may record: 1 GiB, far above any lesson's needs
FLOAT = np.dtype(float)  # a singleton, so `a.dtype is FLOAT` is the cheapest test there is
DOT_MOST = 8192  # OpenBLAS spreads a longer dot product over threads, which costs more


def as_floats(name, a, what="numbers"):
    """``a`` as a float ndarray, or a ValueError saying why ``name`` cannot be one.

    Refuses what ``np.asarray(a, dtype=float)`` would quietly get wrong: None
    (it becomes NaN), complex numbers (the imaginary part is dropped), masked
    arrays (the mask is dropped), strings, and ragged lists.
    """
    if type(a) is np.ndarray and a.dtype is FLOAT:
        return a
    if isinstance(a, np.ma.MaskedArray):
        a = _unmasked(name, a)
    if a is None or isinstance(a, (str, bytes)):
        _refuse(name, what, a)
    try:
        arr = np.asarray(a)
    except (ValueError, TypeError):
        raise ValueError(
            f"{name} must be {what} in a rectangular array, but its rows have different "
            "lengths; pad or trim them to one length."
        ) from None
    if arr.dtype.kind in "fiub":
        return arr.astype(float, copy=False)
    return _from_other(name, arr, what)


def _unmasked(name, a):
    masked = int(np.ma.getmaskarray(a).sum())
    if masked:
        raise ValueError(
            f"{name} is a masked array with {masked} masked value(s), and gdcore would lose "
            f"the mask; pass {name}.filled(value) to fill them, or {name}.compressed() to "
            "drop them."
        )
    return a.data


def _from_other(name, arr, what):
    """An array of complex numbers, strings or objects: floats only if every entry is real."""
    if arr.dtype.kind == "c":
        first = arr.flat[np.flatnonzero(arr.imag)[0]] if arr.imag.any() else arr.flat[0]
        real = f"{name}.real" if name.isidentifier() else "the real part"
        raise ValueError(
            f"{name} must be real {what}, got complex values such as {first}; "
            f"if the imaginary parts are all 0, pass {real}."
        )
    if arr.dtype.kind not in "OUS":  # dates, times, records: numbers only by accident
        raise ValueError(f"{name} must be {what}, got an array of {arr.dtype}.")
    among = " among them" if arr.ndim else ""
    for v in arr.flat:
        if v is None or isinstance(v, (str, bytes, complex, np.complexfloating)):
            _refuse(name, what, v, among)
        try:
            float(v)
        except (TypeError, ValueError):
            _refuse(name, what, v, among)
    return arr.astype(float)


def _refuse(name, what, v, among=""):
    fix = "; write numbers without quotes" if isinstance(v, (str, bytes)) else ""
    raise ValueError(f"{name} must be {what}, got {_describe(v)}{among}{fix}.")


def _describe(v):
    """What a bad value is, in a few words."""
    if v is None or isinstance(v, (bool, np.bool_)):
        return str(v)
    if isinstance(v, str):
        v = str(v)  # np.str_ too, whose repr would show the type
        return "the string " + (repr(v) if len(v) <= 30 else repr(v[:29]) + "…")
    if isinstance(v, bytes):
        return "bytes"
    if isinstance(v, (complex, np.complexfloating)):
        return f"the complex number {v}"
    kind = type(v).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def check_data(theta, X, y):
    """Return ``theta, X, y`` as float arrays, or raise a ValueError naming the fix.

    Whether ``theta`` is finite is asked by :func:`diagnose`, of the result: a loss
    of finite data is finite unless theta is not, or overflows.
    """
    X, y, theta = as_floats("X", X), as_floats("y", y), as_floats("theta", theta)
    # The common case in one test: the calls inside a descent are many and quick.
    shape = X.shape
    if len(shape) == 2 and shape[0] and y.shape == shape[:1] and theta.shape[-1:] == shape[1:]:
        if theta.ndim <= 2:
            return theta, X, y  # past here, something is wrong: find what, and say so
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
    if X.shape[0] == 0:
        raise ValueError(
            f"X has no rows (shape {X.shape}): a loss is a mean over the examples, so pass "
            "at least one."
        )
    raise ValueError(
        f"theta has shape {theta.shape} but X has {X.shape[1]} columns; theta needs one "
        "entry per column of X. If X came from add_intercept, theta[0] is the bias."
    )


def all_finite(a):
    """True when every entry of the float array ``a`` is finite."""
    # The descents check every step, and on a small array a dot product is the
    # quickest scan numpy has (a third of np.isfinite(a).all()); a finite entry
    # beyond 1e154 overflows it, so only a finite answer is taken on trust.
    if a.size <= DOT_MOST and math.isfinite(np.vdot(a, a)):
        return True
    return bool(np.isfinite(a).all())


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


def diagnose(result, theta, X, y):
    """Return ``result``; if it is not finite, raise when the data or ``theta`` are to blame.

    A non-finite result from finite data and a finite theta means the parameters
    overflowed, which ``descend`` reports as divergence, so it is returned as it is.
    """
    if all_finite(result):
        return result
    _check_finite("X", X)
    _check_finite("y", y)
    if not all_finite(theta):
        raise ValueError("theta contains NaN or inf; start from finite parameters.")
    return result


def _check_finite(name, a):
    bad = ~np.isfinite(a)
    if bad.any():
        where = tuple(int(i[0]) for i in np.nonzero(bad))
        raise ValueError(
            f"{name} contains {int(bad.sum())} NaN or inf value(s), the first at index "
            f"{where if len(where) > 1 else where[0]}. Drop or impute those entries first."
        )


def check_callable(name, f):
    """Raise unless ``f`` can be called."""
    if not callable(f):
        raise ValueError(
            f"{name} must be a function of theta, got {_describe(f)}; "
            "e.g. pass lambda t: gdcore.mse_grad(t, X, y)."
        )


def check_point(name, theta):
    """``theta`` as a finite float vector of shape (n_params,); a number counts as one entry."""
    theta = as_floats(name, theta)
    if theta.ndim > 1:
        raise ValueError(
            f"{name} must be one parameter vector, of shape (n_params,), got shape "
            f"{theta.shape}; for a single vector, pass {name}.ravel()."
        )
    theta = theta.reshape(-1)
    if theta.size == 0:
        raise ValueError(f"{name} is empty; pass one number per parameter.")
    if not np.isfinite(theta).all():
        raise ValueError(f"{name} must be finite, got {fmt_point(theta)}.")
    return theta


def check_lr(lr, name="lr"):
    """``lr`` as a float, or raise unless it is one positive, finite number."""
    if isinstance(lr, (bool, np.bool_)):
        raise ValueError(f"{name} must be a positive number, got {lr}.")
    value = as_floats(name, lr, "a positive number")
    if value.size != 1:
        raise ValueError(
            f"{name} must be one number, got an array of shape {value.shape}; "
            "for several learning rates, use descend_grid."
        )
    value = float(value.reshape(-1)[0])
    if not (np.isfinite(value) and value > 0):
        raise ValueError(
            f"{name} must be a positive, finite learning rate, got {value!r}. "
            "Try a small value such as 0.01, then raise it."
        )
    return value


def check_lrs(lrs):
    """``lrs`` as a 1-D float array of positive, finite learning rates, at least one."""
    lrs = as_floats("lrs", lrs, "learning rates")
    if lrs.ndim > 1:
        raise ValueError(f"lrs must be a 1-D list of learning rates, got shape {lrs.shape}.")
    lrs = lrs.reshape(-1)
    if lrs.size == 0:
        raise ValueError(
            "lrs is empty; pass at least one learning rate, e.g. np.geomspace(1e-3, 1, 50)."
        )
    bad = ~(np.isfinite(lrs) & (lrs > 0))
    if bad.any():
        raise ValueError(
            f"lrs must be positive and finite, got {lrs[bad][:5].tolist()}. "
            "Try small values such as 0.01, then raise them."
        )
    return lrs


def check_whole(name, value, most=None):
    """``value`` as an int from 0 to ``most``, or a ValueError naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        _refuse(name, "a whole number >= 0", value)
    if not (isinstance(value, (int, np.integer)) or np.isfinite(value)) or int(value) != value:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}.")
    if value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}.")
    if most is not None and value > most:
        raise ValueError(
            f"{name} must be at most {most:,}, got {int(value):,}; every state is recorded, "
            "so run in parts, each starting where the last ended (run.thetas[-1])."
        )
    return int(value)


def check_steps(steps, most=None):
    """Raise unless ``steps`` is a whole number from 0 to ``most``."""
    return check_whole("steps", steps, most)


def check_memory(caller, rates, steps, n):
    """Refuse, before allocating, a descent whose record would pass ``MAX_BYTES``.

    Each state costs ``n`` parameters, a gradient length and a loss: 8 bytes each.
    """
    need = 8 * rates * (steps + 1) * (n + 2)
    if need > MAX_BYTES:
        shape = f"{rates:,} rate(s) x {steps + 1:,} states x {n:,} parameter(s)"
        raise ValueError(
            f"{caller} would need {need / 2**30:.1f} GiB to record {shape}, over the "
            f"{MAX_BYTES / 2**30:.0f} GiB limit; take fewer steps or fewer rates."
        )


def fmt_point(theta, most=4):
    """``theta`` in a few characters: ``2``, ``(1, -0.5)``, or ``(1, 2, 3, 4, … 11 in all)``."""
    values = np.atleast_1d(np.asarray(theta, dtype=float)).reshape(-1)
    parts = [f"{v:.4g}" for v in values[:most]]
    if values.size > most:
        parts.append(f"… {values.size} in all")
    return parts[0] if values.size == 1 else "(" + ", ".join(parts) + ")"

"""The bridge from a sympy derivation to numbers gdcore can be checked against.

A lesson writes a loss in sympy, derives its gradient with :func:`derive`,
turns both into numpy functions with :func:`as_function`, and measures how far
they are from gdcore's hand-written versions with :func:`worst_error`.
"""

import numpy as np
import sympy as sp

from . import symbolic_formula as formula
from .gradcheck import relative_error


def derive(expr, params, simplify=sp.simplify):
    """The partial derivatives of ``expr`` with respect to each of ``params``.

    Each is tidied by ``simplify``; pass a cheaper one, such as ``sp.factor``,
    where ``sp.simplify`` is slow (it can take seconds on tanh).
    """
    return [simplify(sp.diff(expr, p)) for p in params]


def as_function(exprs, params, data=()):
    """Turn a sympy expression, or a list of them, into a numpy function of ``theta``.

    ``theta[..., i]`` stands for ``params[i]``, so a stack of parameter vectors
    works as in gdcore. With ``data`` symbols the expressions are per example:
    the function takes one array per data symbol and returns the mean over the
    examples, as gdcore's losses do.

    Returns
    -------
    callable, ``f(theta, *columns)``: of shape ``theta.shape[:-1]`` for one
    expression, ``theta.shape[:-1] + (len(exprs),)`` for a list.
    """
    single = isinstance(exprs, sp.Basic)
    # cse shares repeated subexpressions, such as tanh(w*x + b), between the outputs.
    fn = sp.lambdify([*params, *data], [exprs] if single else list(exprs), "numpy", cse=True)

    def f(theta, *columns):
        theta = np.asarray(theta, dtype=float)
        args = [theta[..., i, None] if data else theta[..., i] for i in range(len(params))]
        args += [np.asarray(c, dtype=float) for c in columns]
        shape = np.broadcast_shapes(*(np.shape(a) for a in args))
        # A constant derivative comes back as a bare number; give it the full shape.
        outs = [np.broadcast_to(np.asarray(o, dtype=float), shape) for o in fn(*args)]
        outs = [o.mean(axis=-1) for o in outs] if data else outs
        return outs[0] if single else np.stack(outs, axis=-1)

    return f


def worst_error(f, g, n_params, rng, points=50, scale=2.0):
    """Worst relative error between ``f(theta)`` and ``g(theta)`` at random ``theta``.

    ``theta`` is drawn from a normal distribution with standard deviation ``scale``.
    """
    thetas = rng.normal(scale=scale, size=(points, n_params))
    return max(relative_error(f(t), g(t)) for t in thetas)


def parse_model(text, symbols):
    """Read a model typed by a learner, allowing only the given symbols.

    The text is read by :func:`gdcore.symbolic_formula.read` and never run: it may hold
    numbers, the names of ``symbols``, ``pi`` and ``E``, ``+ - * /``, ``**`` or
    ``^``, implicit products such as ``2x`` or ``w x``, and the functions in
    :data:`gdcore.symbolic_formula.FUNCTIONS` (exp, log, sqrt, tanh, sigmoid, abs, ...).

    Raises
    ------
    ValueError
        In one line, naming the unknown symbol, the construct that is not
        allowed, or where the text stops parsing.
    """
    return formula.read(text, symbols)

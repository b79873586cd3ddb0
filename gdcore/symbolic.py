"""The bridge from a sympy derivation to numbers gdcore can be checked against.

A lesson writes a loss in sympy, derives its gradient with :func:`derive`,
turns both into numpy functions with :func:`as_function`, and measures how far
they are from gdcore's hand-written versions with :func:`worst_error`.
"""

import ast

import numpy as np
import sympy as sp
from sympy.parsing.sympy_parser import (
    TokenError,
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

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
    """Parse a model typed by a learner, allowing only the given symbols.

    Raises
    ------
    ValueError
        In one line, naming the unknown symbol or where the text stops parsing.
    """
    names = {str(s): s for s in symbols}
    _check_functions(text)
    # convert_xor reads x^2 as a power, as a learner means it.
    transformations = (*standard_transformations, implicit_multiplication_application, convert_xor)
    try:
        expr = parse_expr(text, local_dict=names, transformations=transformations)
    except TokenError:
        raise ValueError(
            f"could not read the model {text!r}: a bracket has no partner, or the "
            "text stops in the middle of an operation. Pair every '(' with a ')'."
        ) from None
    except Exception:  # sympy raises many kinds here, e.g. AttributeError for "w.x"
        raise ValueError(
            f"could not read the model {text!r}{_where(text)}. Check the operators there."
        ) from None
    if not isinstance(expr, sp.Expr):
        raise ValueError(f"{text!r} is not one formula; write a single expression, e.g. w*x + b.")
    unknown = sorted(str(s) for s in expr.free_symbols if str(s) not in names)
    if unknown:
        raise ValueError(
            f"unknown symbol {', '.join(unknown)} in {text!r}; use only {', '.join(names)} "
            "(and functions such as exp, tanh, log)."
        )
    return expr


def _where(text):
    """Where Python's own parser stops reading ``text``, as words, or ''."""
    try:
        ast.parse(text, mode="eval")
    except SyntaxError as err:
        if err.offset:
            return f" at position {err.offset}, {text[err.offset - 1 :][:10]!r}"
    return ""


BUILTINS = {"abs", "min", "max"}  # Python's names, which sympy reads as Abs, Min, Max


def _check_functions(text):
    """Raise if ``text`` calls a function sympy does not know, naming it.

    Done before sympy reads the text, whose implicit multiplication would split
    an unknown ``foo(x)`` into the symbols f, o, o.
    """
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return  # parse_expr reports it, with its position
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id not in BUILTINS and not callable(getattr(sp, node.func.id, None)):
                raise ValueError(
                    f"unknown function {node.func.id} in {text!r}; use functions sympy knows, "
                    "such as exp, log, tanh, sqrt."
                )

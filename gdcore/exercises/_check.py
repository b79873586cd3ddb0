"""The two ways an answer is checked: as a formula, or as a number."""

from dataclasses import dataclass

import numpy as np
import sympy as sp

from .. import symbolic_formula as formula
from .._limits import TimeLimit, time_limit

SECONDS = 3.0  # budget for comparing one answer, or evaluating one number
NUMBERS = (int, float, np.integer, np.floating)


@dataclass(frozen=True)
class Verdict:
    """Right or wrong, and what to say; shows as its message in a notebook."""

    right: bool
    message: str

    def __bool__(self):
        return self.right

    def __repr__(self):
        return self.message


NO_ANSWER = "No answer yet: replace the ... with your answer and run the cell again."


def check_expression(answer, expected, hint, symbols=()):
    """Is ``answer`` the same formula as ``expected``?

    ``answer`` may be a sympy expression, a number or a string; strings are read
    by :func:`gdcore.symbolic_formula.read` (never run) with ``symbols`` (sympy symbols),
    so that names mean what the lesson means. A name the exercise does not have,
    such as ``alpha`` or ``lr``, is named in the verdict. The comparison gets
    :data:`SECONDS`.
    """
    if answer is None or answer is Ellipsis:
        return Verdict(False, f"{NO_ANSWER} Hint: {hint}")
    expected = _as_expr(expected)
    names = {str(s): s for s in symbols}
    for s in sorted(expected.free_symbols, key=str):
        names.setdefault(str(s), s)
    try:
        answer = _formula_of(answer, names)
    except ValueError as err:
        return Verdict(False, f"{_sentence(err)} Hint: {hint}")
    return _compare(answer, expected, hint)


def _formula_of(answer, names):
    """``answer`` as a sympy expression in the symbols ``names``, or a one-line ValueError."""
    if isinstance(answer, str):
        return formula.read(answer, list(names.values()))
    if isinstance(answer, bool | np.bool_) or not isinstance(answer, (*NUMBERS, sp.Expr)):
        raise ValueError(f"Expected a formula, got {_short(answer)}.")
    answer = _as_expr(answer)
    unknown = sorted({str(s) for s in answer.free_symbols} - names.keys())
    if unknown and names:
        raise ValueError(
            f"Not yet: {_short(answer)} uses {', '.join(unknown)}, which this exercise does "
            f"not have; write it with {', '.join(names)}."
        )
    return answer


def _compare(answer, expected, hint):
    try:
        with time_limit(SECONDS):
            if _same(_by_name(answer), _by_name(expected)):
                return Verdict(True, f"Right: {answer}")  # the learner's own form, echoed
    except TimeLimit:
        return Verdict(
            False,
            f"Could not compare {_short(answer)} with the answer within {SECONDS:g} s; "
            f"write it in a shorter form. Hint: {hint}",
        )
    except Exception as err:  # sympy and numpy raise many kinds on odd formulas
        return Verdict(
            False,
            f"Could not compare {_short(answer)} with the answer ({type(err).__name__}); "
            f"write it more simply. Hint: {hint}",
        )
    return Verdict(False, f"Not yet: {answer} is not it. Hint: {hint}")


def _as_expr(value):
    """A Python, numpy or sympy number or expression as a sympy expression."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, int | np.integer):
        return sp.Integer(int(value))
    return sp.Float(float(value))


def _sentence(err):
    message = str(err)
    return message[:1].upper() + message[1:]


def _short(value, limit=60):
    """``repr(value)`` cut to ``limit`` characters, so that a verdict stays one short line."""
    text = repr(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _by_name(expr):
    """Plain symbols for every name, so that ``x`` typed by a learner matches a
    lesson's ``Symbol("x", real=True)``."""
    return expr.xreplace({v: sp.Symbol(v.name) for v in expr.free_symbols})


def _same(a, b):
    if sp.simplify(a - b) == 0:
        return True
    # simplify can miss an identity; random points settle it.
    free = sorted(a.free_symbols | b.free_symbols, key=str)
    rng = np.random.default_rng(0)
    f = sp.lambdify(free, a - b, "numpy")
    values = [rng.uniform(0.2, 1.7, size=8) for _ in free]
    with np.errstate(all="ignore"):
        diff = np.asarray(f(*values), dtype=complex)
    scale = 1 + np.abs(np.asarray(sp.lambdify(free, b, "numpy")(*values), dtype=complex))
    return bool(np.all(np.abs(diff) <= 1e-9 * scale))


FIGURES = 5e-3  # three significant figures: 0.111 for 1/9, not 0.11


def check_number(answer, expected, hint):
    """Is ``answer`` the number ``expected``, to the digits a learner types?

    One policy for every lesson: a whole number must be exact (1075, not 1074.9),
    and any other number right to three significant figures, that is within
    ``FIGURES`` of it relatively. Accepts a Python, numpy or sympy number, a
    one-element array, or a string holding a numeric formula such as ``"0.3/50"``,
    read by :func:`gdcore.symbolic_formula.read` (never run).
    """
    if answer is None or answer is Ellipsis:
        return Verdict(False, f"{NO_ANSWER} Hint: {hint}")
    try:
        value = _as_float(answer)
    except ValueError as err:
        return Verdict(False, f"Expected a number: {err} Hint: {hint}")
    whole = float(expected).is_integer()
    # A whole number has no digits to round, and a computed answer may miss it by 1e-12.
    if np.isclose(value, expected, rtol=1e-12 if whole else FIGURES, atol=1e-12 if whole else 0):
        return Verdict(True, f"Right: {value:.4g}")
    return Verdict(False, f"Not yet: {value:.4g} is not it. Hint: {hint}")


def _as_float(answer):
    """``answer`` as a float, or a ValueError whose one-line message says why not."""
    answer = _single(answer)
    if isinstance(answer, str):
        answer = formula.read(answer)
    if isinstance(answer, complex | np.complexfloating):
        raise ValueError(f"{_short(answer)} is not a real number.")
    if isinstance(answer, bool | np.bool_) or not isinstance(answer, (*NUMBERS, sp.Expr)):
        raise ValueError(f"got {_short(answer)}, which is not a number.")
    if isinstance(answer, sp.Expr) and answer.free_symbols:
        names = ", ".join(sorted(str(s) for s in answer.free_symbols))
        raise ValueError(f"{_short(answer)} still has the symbol {names}; put in its value.")
    return _evaluated(answer)


def _single(answer):
    """The one entry of a one-element array or list, as numpy gives for a 1×1 result."""
    if isinstance(answer, np.ndarray | list | tuple):
        try:
            items = np.asarray(answer).reshape(-1)
        except ValueError:  # a ragged list
            return answer
        return items[0] if items.size == 1 else answer
    return answer


def _evaluated(number):
    try:
        with time_limit(SECONDS):
            return float(number)
    except TimeLimit:
        raise ValueError(f"{_short(number)} takes too long to evaluate.") from None
    except OverflowError:
        raise ValueError(f"{_short(number)} is too large for a float.") from None
    except TypeError:  # sympy's answer for a complex number such as sqrt(-1)
        raise ValueError(f"{_short(number)} is not a real number.") from None

"""The two ways an answer is checked: as a formula, or as a number."""

from dataclasses import dataclass

import numpy as np
import sympy as sp


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

    ``answer`` may be a sympy expression or a string; strings are read with
    ``symbols`` (sympy symbols) so that names mean what the lesson means.
    """
    if answer is None or answer is Ellipsis:
        return Verdict(False, f"{NO_ANSWER} Hint: {hint}")
    try:
        answer = sp.sympify(answer, locals={str(s): s for s in symbols})
    except (sp.SympifyError, SyntaxError, TypeError):
        return Verdict(False, f"Could not read {answer!r} as a formula. Hint: {hint}")
    if not isinstance(answer, sp.Expr):
        return Verdict(False, f"Expected a formula, got {answer!r}. Hint: {hint}")
    if _same(_by_name(answer), _by_name(sp.sympify(expected))):
        return Verdict(True, f"Right: {sp.simplify(answer)}")
    return Verdict(False, f"Not yet: {answer} is not it. Hint: {hint}")


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


def check_number(answer, expected, hint, rtol=1e-3):
    """Is ``answer`` within ``rtol`` of ``expected``? Also accepts a sympy number."""
    if answer is None or answer is Ellipsis:
        return Verdict(False, f"{NO_ANSWER} Hint: {hint}")
    try:
        value = float(sp.sympify(answer)) if not isinstance(answer, (int, float)) else answer
    except (TypeError, ValueError, sp.SympifyError):
        return Verdict(False, f"Expected a number, got {answer!r}. Hint: {hint}")
    # An expected 0 has no relative scale, and a computed answer may miss it by 1e-17.
    if np.isclose(value, expected, rtol=rtol, atol=1e-12 if expected == 0 else 0):
        return Verdict(True, f"Right: {value:.4g}")
    return Verdict(False, f"Not yet: {value:.4g} is not it. Hint: {hint}")

"""Run a learner's function against a reference, and name the mistake in one line.

A coding exercise is a :class:`CodeExercise`: the reference function, how to draw
its inputs, the names of its outputs, the mistakes particular to it and a hint
that names the lesson's section. ``exercise.check(fn)`` does the rest: it calls
the learner's ``fn`` on copies of several seeded draws (N = 7, 13, 10, 9), under a
time limit, with numpy's warnings silenced, and answers with one
:class:`~gdcore.exercises._check.Verdict`:

- right, up to rounding (float32, Python or numpy scalars, tuple, list or array,
  a 1-element array for a number);
- the sign flipped; for an update, a step uphill, θ + α·∇;
- a constant factor: N ("summed instead of averaged"), 2 or ½ (worded by ``two``),
  the learning rate (for an update), or any other factor, by its value; for an
  update the factor applies to the step;
- the outputs or the partials swapped; one output right and the others not, named;
- a sequential update, in either order, instead of a simultaneous one;
- each declared :class:`Mistake` (a missing bias, a missing sigmoid, ...);
- a wrong shape, a transpose, one value per example where one number is meant;
- NaN or inf (worded by ``nonfinite``, which should point to the stable form);
- an exception, named with its message and the learner's line; too slow;
  None ("did you forget `return`?"), the wrong number of outputs, not numbers;
- a stub (a body of ``...`` or ``pass``, ``raise NotImplementedError``, a ``...``
  left in a formula), or ``None``/``...`` instead of a function: "No answer yet";
- otherwise, the largest difference: which output, expected and got, at which input.

A new exercise is a short declaration in its lesson's module::

    def line_loss(m, c, x, y):  # L = (1/N) Σ (y − (m·x + c))², from gdcore
        return mse(np.array([c, m]), add_intercept(x), y)

    LOSS_CODE = CodeExercise(
        reference=line_loss,  # returns one value, or a tuple of them
        draw=draw_line,  # (rng, N) -> (m, c, x, y), x ~ U(1, 4), y not centred
        outputs=("L",),
        hint="L = (1/N) Σ (y − (m·x + c))²; see the section 'The loss'.",
        mistakes=(Mistake("the bias is missing", lambda m, c, x, y: line_loss(m, 0, x, y)),),
    )

    def check_loss_code(fn):  # fn(m, c, x, y) -> L
        return LOSS_CODE.check(fn)

Then add ``check_loss_code`` to the module's ``__all__``. For an update rule,
``updates`` names the argument each output replaces and ``lr`` the learning
rate's position (see lesson03's ``UPDATE_CODE``); for data in another layout,
write ``draw`` to return it (see lesson07's ``VECTORISED_CODE``).
"""

import copy
import dis
import inspect
import itertools
import linecache
import os
import re
import site
import sysconfig
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .._limits import TimeLimit, time_limit
from ..losses import add_intercept
from ._check import NO_ANSWER, Verdict

__all__ = ["SQUARE", "TWO", "CodeExercise", "Mistake", "draw_line", "draw_rows"]

RTOL = 1e-5  # right up to rounding, relative to an output's size: float32 passes
MISTAKE_RTOL = 1e-4  # a mistake matches when its transform agrees this closely
SQUARE = ("missing the 2 from the square's derivative", "an extra factor 2")
TWO = ("half the right size: a factor 2 is missing", "an extra factor 2")


@dataclass(frozen=True)
class Mistake:
    """A named wrong answer: ``candidate`` takes the reference's arguments and
    returns what a learner who made this mistake would return."""

    message: str
    candidate: Callable[..., tuple]


def draw_line(rng: np.random.Generator, n: int) -> tuple:
    """``(m, c, x, y)`` for a line: m and c of different sizes, x ~ U(1, 4) and y
    not centred, so that each mistake moves the answer its own way."""
    m, c = rng.uniform(0.2, 1.0), rng.uniform(-4.0, -2.0)
    x = rng.uniform(1.0, 4.0, size=n)
    y = rng.uniform(1.5, 3.0) * x + rng.uniform(1.0, 3.0) + rng.normal(0.0, 0.5, size=n)
    return m, c, x, y


def draw_rows(rng: np.random.Generator, n: int, n_features: int = 2, labels: bool = False) -> tuple:
    """``(theta, X, y)`` in gdcore's layout, one row per example, X's first column ones.

    theta's entries differ in size and sign, the features are U(1, 4), and y is
    not centred: labels in {0, 1}, both present, when ``labels``, else a noisy line.
    Pass options with a lambda: ``draw=lambda rng, n: draw_rows(rng, n, labels=True)``.

    Returns
    -------
    theta : ndarray of shape (n_features + 1,)
    X : ndarray of shape (n, n_features + 1)
    y : ndarray of shape (n,)
    """
    theta = rng.uniform(0.2, 0.6, size=n_features + 1) * np.resize([1.0, -2.0, 3.0], n_features + 1)
    X = add_intercept(rng.uniform(1.0, 4.0, size=(n, n_features)))
    if labels:
        y = (rng.uniform(size=n) < 0.5).astype(float)
        y[:2] = [0.0, 1.0]
    else:
        y = X @ rng.uniform(0.5, 2.0, size=n_features + 1) + rng.normal(0.0, 0.5, size=n)
    return theta, X, y


@dataclass(frozen=True)
class CodeExercise:
    """A function for the learner to write, checked against ``reference``.

    Parameters
    ----------
    reference : callable returning a tuple, one entry per output, or the one output bare
    draw : callable ``(rng, n) -> args``, with n the number of examples
    outputs : names of the outputs, in order, e.g. ``("dL/dm", "dL/dc")``
    hint : the formula and the lesson section that explains it
    mistakes : wrong answers particular to this exercise
    updates : for an update rule, the argument index each output replaces
    lr : for an update rule, the learning rate's argument index
    two : what a factor ½ and a factor 2 mean here
    nonfinite : what to say when the learner's answer is NaN or inf
    flipped : what a flipped sign means here, for an exercise that is not an update
    sizes : the number of examples in each draw; never 2, and all different
    seed : seeds the ``np.random.default_rng`` that draws every input
    seconds : the time budget for all the calls together
    """

    reference: Callable[..., tuple]
    draw: Callable[[np.random.Generator, int], tuple]
    outputs: tuple[str, ...]
    hint: str
    mistakes: tuple[Mistake, ...] = ()
    updates: tuple[int, ...] | None = None
    lr: int | None = None
    two: tuple[str, str] = TWO
    nonfinite: str = "look for log(0), or a division by zero."
    flipped: str = "the sign is flipped: check (y − ŷ) against (ŷ − y)"
    sizes: tuple[int, ...] = (7, 13, 10, 9)
    seed: int = 0
    seconds: float = 3.0

    def check(self, fn, seconds: float | None = None) -> Verdict:
        """Right, or the learner's mistake, in one line with the hint.

        ``seconds``, when given, replaces the exercise's time budget.
        """
        if fn is None or fn is Ellipsis:
            return self._no_answer()
        if not callable(fn):
            return self._not_yet(f"expected a function, got {_short(fn, 60)}")
        if _is_stub(fn):
            return self._no_answer()
        try:
            inspect.signature(fn).bind(*self._draws[0][0])
        except TypeError:
            return self._not_yet(f"your function should take ({', '.join(self._names)})")
        except Exception:
            pass  # no signature to read, as for some builtins: calling it will tell
        got = self._run(fn, self.seconds if seconds is None else seconds)
        if isinstance(got, Verdict):
            return got
        # A wrong Verdict is falsy, so the steps are chained on None, not with `or`.
        for step in (self._shapes, self._finite, self._right, self._named, self._partly_right):
            verdict = step(got)
            if verdict is not None:
                return verdict
        return self._largest_gap(got)

    # --- running the learner's code -------------------------------------------------

    @cached_property
    def _draws(self):
        """``[(args, reference outputs)]``; the learner only ever sees copies of args."""
        rng = np.random.default_rng(self.seed)
        draws = []
        for n in self.sizes:
            args = self.draw(rng, n)
            ref = _as_outputs(self.reference(*copy.deepcopy(args)), len(self.outputs))
            draws.append((args, tuple(np.asarray(r, dtype=float) for r in ref)))
        return draws

    @cached_property
    def _names(self):
        return list(inspect.signature(self.reference).parameters)

    def _run(self, fn, seconds):
        """The learner's outputs on every draw, as float arrays, or the verdict on them."""
        draws = self._draws  # the reference runs before the clock starts
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                with time_limit(seconds):
                    results = [fn(*copy.deepcopy(args)) for args, _ in draws]
                    # Reading an output can run the learner's code too (__array__, __iter__).
                    return self._unpack(results)
            except TimeLimit:
                return self._not_yet(
                    f"stopped after {seconds:g} s: your function is too slow or never "
                    "returns. Check that every loop ends, and replace loops over examples "
                    "with numpy operations on whole arrays"
                )
            except NotImplementedError:
                return self._no_answer()
            except (Exception, SystemExit) as exc:
                return self._raised(fn, exc)

    def _raised(self, fn, exc):
        try:
            text = (str(exc).strip().splitlines() or [""])[0]
        except Exception:
            text = ""
        lineno, line, helper = _learner_line(fn, exc.__traceback__)
        if "'ellipsis'" in text or _has_stub_dots(line):
            return self._no_answer()  # a ... still left in the stub's formula
        text = text if len(text) <= 120 else text[:119] + "…"
        what = type(exc).__name__ + (f": {text}" if text else "")
        where = ""
        if lineno:
            where = f", at line {lineno}" + (f" of {helper}" if helper else "")
            where += f": `{line[:120]}`" if line else ""
        return self._not_yet(f"your function raised {what}{where}")

    def _unpack(self, results):
        """Each result as a tuple of float arrays, or the verdict saying why it is not one."""
        k = len(self.outputs)
        unpacked = []
        for r, (_, ref) in zip(results, self._draws):
            if r is None:
                return self._not_yet("your function returned None: did you forget `return`?")
            if r is Ellipsis:
                return self._no_answer()
            try:
                items = _items(r, k, ref)
                if items is not None and any(v is Ellipsis for v in items):
                    return self._no_answer()
                if items is None or len(items) != k:
                    return self._not_yet(_count_problem(r, items, self.outputs))
                unpacked.append(
                    tuple(_number_array(name, v) for name, v in zip(self.outputs, items))
                )
            except _NotNumbers as problem:
                return self._not_yet(str(problem))
            except Exception as exc:
                return self._not_yet(
                    f"could not read what your function returned ({type(exc).__name__})"
                )
        return unpacked

    # --- what the answer looks like ---------------------------------------------------

    def _shapes(self, got):
        """Fit harmless shape differences, in place; a verdict for the harmful ones."""
        for d, ((_, ref), outs) in enumerate(zip(self._draws, got)):
            fitted = []
            for name, g, r in zip(self.outputs, outs, ref):
                if g.shape != r.shape and not (g.size == r.size == 1):
                    return self._not_yet(_shape_problem(name, g, r, self.sizes[d]))
                fitted.append(g.reshape(r.shape))
            got[d] = tuple(fitted)
        return None

    def _finite(self, got):
        for (args, ref), outs in zip(self._draws, got):
            for name, g, r in zip(self.outputs, outs, ref):
                if not np.isfinite(g).all() and np.isfinite(r).all():
                    bad = "nan" if np.isnan(g).any() else "inf"
                    return self._not_yet(
                        f"{name} is {bad} at {self._describe(args)}: {self.nonfinite}"
                    )
        return None

    # --- how the answer relates to the reference -----------------------------------

    @cached_property
    def _refs(self):
        return [ref for _, ref in self._draws]

    @cached_property
    def _scales(self):
        """Each output's size over all draws, which rounding is measured against."""
        k = len(self.outputs)
        return [max(float(np.max(np.abs(r[i]), initial=0)) for r in self._refs) for i in range(k)]

    def _right(self, got):
        if all(_close(g, r, self._scales) for g, r in zip(got, self._refs)):
            sizes = ", ".join(str(n) for n in self.sizes)
            n = len(self._refs)
            return Verdict(True, f"Right: your function agrees on {n} random inputs (N = {sizes}).")
        return None

    def _named(self, got):
        """The first mistake transform that, times a named factor, gives ``got``."""
        for message, base, scalable in self._bases():
            said = self._relation(got, base, scalable, range(len(self.outputs)))
            if said is not None and (message or said):
                what = "; ".join(p for p in (message, said) if p)
                which = self._which_right(got)
                return self._not_yet(f"{which}: {what}" if which else what)
        return None

    def _right_outputs(self, got):
        return [
            all(_close_one(g[i], r[i], self._scales[i]) for g, r in zip(got, self._refs))
            for i in range(len(self.outputs))
        ]

    def _which_right(self, got):
        """ "dL/dm is right, dL/dc is not" when some outputs are right; "" otherwise."""
        right = self._right_outputs(got)
        if not any(right) or all(right):
            return ""
        good = [n for n, ok in zip(self.outputs, right) if ok]
        bad = [n for n, ok in zip(self.outputs, right) if not ok]
        return (
            f"{' and '.join(good)} {'are' if len(good) > 1 else 'is'} right, "
            f"{' and '.join(bad)} {'are' if len(bad) > 1 else 'is'} not"
        )

    def _bases(self):
        """``(message, outputs per draw, whether a factor may scale it)``, the reference first."""
        refs = self._refs
        yield "", refs, True
        names = self.outputs
        if len(names) == 2 and self.updates is None:
            yield (
                f"the partials are swapped: return ({names[0]}, {names[1]}) in that order",
                [r[::-1] for r in refs],
                True,
            )
        if len(names) == 2 and self.updates is not None:
            yield (
                f"the outputs are swapped: return ({names[0]}, {names[1]}) in that order",
                [r[::-1] for r in refs],
                False,
            )
            yield (
                "the partials are swapped: each parameter moved by the other one's partial",
                [self._swapped_steps(args, ref) for args, ref in self._draws],
                True,
            )
        if self.updates is not None and len(names) > 1:
            for order in itertools.permutations(range(len(names))):
                yield (
                    self._sequential_message(order),
                    [self._sequential(args, order) for args, _ in self._draws],
                    True,
                )
        for mistake in self.mistakes:
            yield mistake.message, self._outputs_of(mistake.candidate), True

    def _outputs_of(self, fn):
        """What ``fn``, written by us, returns on every draw, as float arrays."""
        k = len(self.outputs)
        return [
            tuple(np.asarray(v, dtype=float) for v in _as_outputs(fn(*copy.deepcopy(args)), k))
            for args, _ in self._draws
        ]

    def _relation(self, got, base, scalable, which):
        """What ``got`` is, compared with ``base`` on the outputs ``which``: "" when equal,
        a named factor, or None when it is neither."""
        ks = []
        for (args, _), g, b in zip(self._draws, got, base):
            gs = [_flat(self._step(args, g, i)) for i in which]
            bs = [_flat(self._step(args, b, i)) for i in which]
            gv, bv = np.concatenate(gs), np.concatenate(bs)
            bb = float(bv @ bv)
            k = float(gv @ bv) / bb if bb > 0 and scalable else 1.0
            for i, gi, bi in zip(which, gs, bs):
                tol = (
                    MISTAKE_RTOL * max(abs(k) * np.max(np.abs(bi), initial=0), 1e-12)
                    + RTOL * self._scales[i]
                )
                if np.max(np.abs(gi - k * bi), initial=0) > tol:
                    return None
            ks.append(k)
        return self._name_factor(np.array(ks))

    def _name_factor(self, ks):
        ns = np.array(self.sizes, dtype=float)
        lrs = (
            np.array([float(args[self.lr]) for args, _ in self._draws])
            if self.lr is not None
            else None
        )
        for sign, a, b, lr in itertools.product((1, -1), (0, 1, -1), (0, -1, 1), (0, -1, 1)):
            if lr and lrs is None:
                continue
            factor = sign * ns**a * 2.0**b * (lrs**lr if lr else 1.0)
            if np.allclose(ks, factor, rtol=1e-3, atol=0):
                return self._factor_words(sign, a, b, lr)
        if np.all(np.abs(ks) > 1e-8) and np.allclose(ks, ks[0], rtol=1e-3):
            what = "the step is" if self.updates else "it is"
            return f"{what} off by a constant factor of {ks[0]:.4g}"
        return None

    def _factor_words(self, sign, a, b, lr):
        words = []
        if sign < 0:
            words.append(
                "the step goes uphill: θ + α·∇ instead of θ − α·∇" if self.updates else self.flipped
            )
        words += {
            1: ["summed instead of averaged (N times too big)"],
            -1: ["divided by N twice (N times too small)"],
        }.get(a, [])
        words += {-1: [self.two[0]], 1: [self.two[1]]}.get(b, [])
        words += {
            -1: ["the step is not multiplied by the learning rate"],
            1: ["the learning rate is applied twice"],
        }.get(lr, [])
        return "; ".join(words)

    def _partly_right(self, got):
        """ "dL/dm is right, dL/dc is not", with what is wrong with the rest when it has a name."""
        text = self._which_right(got)
        if not text:
            return None
        bad = [i for i, ok in enumerate(self._right_outputs(got)) if not ok]
        refs = self._refs
        notes = []
        for i in bad:
            bases = [("", refs)] + [
                (msg, base) for msg, base, _ in self._bases() if msg in self._mistake_messages
            ]
            for message, base in bases:
                said = self._relation(got, base, True, [i])
                if said is not None and (message or said):
                    what = "; ".join(p for p in (message, said) if p)
                    notes.append(f"in {self.outputs[i]}, {what}")
                    break
        return self._not_yet(text + "".join(f": {note}" for note in notes[:1]))

    @cached_property
    def _mistake_messages(self):
        return {m.message for m in self.mistakes}

    def _largest_gap(self, got):
        worst = (-1.0, 0, 0, 0)
        for d, (g, r) in enumerate(zip(got, self._refs)):
            for i in range(len(self.outputs)):
                gap = np.abs(g[i] - r[i]).reshape(-1) / max(self._scales[i], 1e-12)
                j = int(np.nanargmax(np.where(np.isnan(gap), np.inf, gap))) if gap.size else 0
                if gap.size and (np.isnan(gap[j]) or gap[j] > worst[0]):
                    worst = (np.inf if np.isnan(gap[j]) else float(gap[j]), d, i, j)
        _, d, i, j = worst
        args, r = self._draws[d]
        at = f"[{', '.join(map(str, np.unravel_index(j, r[i].shape)))}]" if r[i].ndim else ""
        expected, answer = r[i].reshape(-1)[j], got[d][i].reshape(-1)[j]
        return self._not_yet(
            f"the largest difference is in {self.outputs[i]}{at}, expected "
            f"{expected:.6g} but got {answer:.6g} at {self._describe(args)}"
        )

    # --- update rules -------------------------------------------------------------------

    def _step(self, args, outs, i):
        """Output ``i`` as the change it makes, for an update rule; as itself otherwise."""
        if self.updates is None:
            return outs[i]
        return outs[i] - np.asarray(args[self.updates[i]], dtype=float)

    def _swapped_steps(self, args, ref):
        steps = [self._step(args, ref, i) for i in range(len(ref))][::-1]
        return tuple(np.asarray(args[j], dtype=float) + s for j, s in zip(self.updates, steps))

    def _sequential(self, args, order):
        """One parameter at a time, each partial taken after the previous ones moved."""
        args, outs = list(copy.deepcopy(args)), [None] * len(order)
        for i in order:
            ref = _as_outputs(self.reference(*copy.deepcopy(args)), len(order))
            outs[i] = np.asarray(ref[i], dtype=float)
            args[self.updates[i]] = outs[i]
        return tuple(outs)

    def _sequential_message(self, order):
        names = [self._names[self.updates[i]] for i in order]
        return (
            f"sequential, not simultaneous: {names[-1]} was updated with the partial taken at "
            f"the new {', '.join(names[:-1])}. Take every partial at the old values first, "
            "then update them all"
        )

    # --- wording --------------------------------------------------------------------------

    def _describe(self, args):
        scalars, shapes = [], {}
        for name, a in zip(self._names, args):
            arr = np.asarray(a)
            if arr.ndim == 0:
                scalars.append(f"{name} = {float(arr):.4g}")
            else:
                shapes.setdefault(arr.shape, []).append(name)
        arrays = [f"{' and '.join(n)} of shape {s}" for s, n in shapes.items()]
        return ", ".join(scalars + arrays)

    def _no_answer(self):
        return Verdict(False, f"{NO_ANSWER} Hint: {self.hint}")

    def _not_yet(self, what):
        what = what.rstrip(".")
        return Verdict(
            False, f"Not yet: {what}{'' if what.endswith('?') else '.'} Hint: {self.hint}"
        )


class _NotNumbers(Exception):
    """An output that is not a number or an array of them."""


def _as_outputs(value, k):
    """A reference's or a mistake's return value as a tuple of outputs; a single output
    may be returned bare."""
    return (value,) if k == 1 and not isinstance(value, tuple) else tuple(value)


def _items(result, k, ref):
    """The outputs of ``result``: a tuple, a list, or an array with one row per output.
    A single output may come bare, and a vector output as a tuple or list."""
    if isinstance(result, (tuple, list)):
        if k == 1 and len(result) != 1 and ref[0].ndim:
            return [result]
        return list(result)
    if isinstance(result, np.ndarray) and result.ndim >= 1 and k > 1 and len(result) == k:
        return list(result)
    return [result] if k == 1 else None


def _short(v, n=40):
    """``type repr`` of a learner's value, cut to ``n`` characters; a repr may raise."""
    try:
        return f"{type(v).__name__} {v!r:.{n}}"
    except Exception:
        return type(v).__name__


def _count_problem(result, items, outputs):
    wanted = f"{len(outputs)} value{'s' if len(outputs) > 1 else ''}: ({', '.join(outputs)})"
    got = f"{len(items)} values" if items is not None else f"one {type(result).__name__}"
    return f"your function returned {got}; it should return {wanted}"


def _number_array(name, v):
    try:
        arr = np.asarray(v)
    except Exception:
        raise _NotNumbers(f"{name} is not a number or an array of numbers") from None
    if arr.dtype.kind == "c" or arr.dtype.kind not in "fiubO":
        raise _NotNumbers(f"{name} should be a real number, got {_short(v)}")
    try:
        return arr.astype(float)
    except (TypeError, ValueError):
        raise _NotNumbers(f"{name} should be a real number, got {_short(v)}") from None


def _shape_problem(name, g, r, n):
    if r.ndim == 2 and g.shape == r.shape[::-1]:
        return (
            f"{name} has shape {g.shape}, the transpose of the {r.shape} it should have; "
            "drop a .T, or swap the order of the product"
        )
    if r.size == 1 and g.size == n:
        return (
            f"{name} has shape {g.shape}, one value per example; it should be a single number: "
            "average over the examples"
        )
    text = f"{name} has shape {g.shape} but should have shape {r.shape}"
    if g.size == r.size and np.allclose(g.reshape(r.shape), r, rtol=RTOL, equal_nan=False):
        text += "; the numbers are right, so reshape it"
    return text


def _close(got, ref, scales):
    return all(_close_one(g, r, s) for g, r, s in zip(got, ref, scales))


def _close_one(g, r, scale):
    return bool(np.max(np.abs(g - r), initial=0) <= RTOL * scale + 1e-12)


def _flat(a):
    return np.asarray(a, dtype=float).reshape(-1)


def _is_stub(fn):
    """A body of only ``...``, ``pass`` or a docstring: it compiles to ``return None``."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    ops = [
        (i.opname, i.argval)
        for i in dis.get_instructions(code)
        if i.opname not in ("RESUME", "NOP", "CACHE")
    ]
    return ops in ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def _learner_line(fn, tb):
    """``(line number, source line, helper)`` of the deepest frame in the learner's code:
    ``fn``'s own file, or any file outside gdcore and the installed packages, such as a
    notebook cell holding a helper it calls. ``helper`` names that frame's function when
    it is not ``fn`` itself, and is "" otherwise."""
    own = _code_of(fn)
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if (own is not None and filename == own.co_filename) or not _is_library(filename):
            found = tb
        tb = tb.tb_next
    if found is None:
        return None, "", ""
    code = found.tb_frame.f_code
    # A comprehension or lambda inside fn is fn's own line, not a helper to name.
    helper = "" if code is own or code.co_name.startswith("<") else code.co_name
    return found.tb_lineno, linecache.getline(code.co_filename, found.tb_lineno).strip(), helper


def _code_of(fn):
    """The code object a call to ``fn`` runs first: a function's, a method's, a callable
    object's ``__call__``, a partial's function."""
    for f in (fn, getattr(fn, "func", None), type(fn).__call__):
        code = getattr(f, "__code__", None)
        if isinstance(code, types.CodeType):
            return code
    return None


def _library_paths():
    """gdcore's folder, the standard library and every site-packages folder."""
    paths = [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
    paths += [sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")]
    paths += [*site.getsitepackages(), site.getusersitepackages()]
    return tuple({os.path.join(p, "") for p in paths})


_LIBRARIES = _library_paths()


def _is_library(filename):
    return filename.startswith(_LIBRARIES) or filename.startswith("<frozen")


def _has_stub_dots(line):
    """A ``...`` standing for a value, as a stub leaves it; ``x[..., 0]`` does not count."""
    return "..." in re.sub(r"\[\s*\.\.\.|\.\.\.\s*\]", "", line.split("#")[0])

"""The explorer's scene: everything it shows, built by one pure function.

:func:`build_scene` turns descents into a :class:`Scene`; ``explorer.js`` only
draws it. This docstring is the one description of the format, and both sides
follow it.

The wire
--------
:func:`encode` packs a scene into one block of bytes:

- 4 bytes: ``n``, the length of the header, as a little-endian uint32;
- ``n`` bytes: the header, UTF-8 JSON;
- zero bytes up to a multiple of 8;
- the arrays, little-endian floats of ``header["float"]`` bytes (8, or 4 in a
  saved page), in C order, one after the other in the order ``header["arrays"]``
  lists them as ``[name, shape]`` pairs.

The header holds everything else, in these keys:

``arrays``, ``float``
    The arrays' names and shapes, and the bytes of each number in them.
``methods``
    ``[{"label", "colour", "param"}]``, one per method (M); ``param`` is ``null``
    or ``{"name", "min", "max", "value"}`` for a method with a slider of its own.
``rates``, ``rate``
    The learning rates on the slider (R), and the index of the current one.
``steps``
    The steps the statuses describe.
``kinds``, ``words``
    M lists of R statuses at ``steps``: a kind from ``KINDS``, which is all the
    front end reads to colour a status, and its words, which it only shows.
``notice``
    ``null``, or ``{"kind", "words"}``: news for the whole explorer, shown instead
    of the current status, e.g. a refused start (kind ``"refused"``).
``bound_at``
    Where 2/L sits on the slider, from 0 (first rate) to 1 (last), in the slider's
    own units, whatever the spacing of the rates; ``null`` when there is no 2/L.
``loss_range``
    ``[lo, hi]``: the decades the loss panel shows, as powers of 10.
``loss_ticks``
    ``[exponent, label]`` pairs: the powers of ten marked on the loss panel.
``loss_label``
    What the loss panel plots, e.g. "loss − min".
``surface``, ``data``
    The panels' geometry: ``{"xlim", "ylim", "xticks", "yticks", "xlabel", "ylabel"}``,
    with ticks as ``[value, label]`` pairs; ``surface`` adds ``"minimum"`` (a point
    or ``null``) and ``"shape"``, ``"contours"`` or ``"curve"``; ``data`` is
    ``null`` without data.

The arrays (S = max steps, P = points on the model's curve, 0 without data):

=========== ================ =====================================================
``paths``   (M, R, S + 1, 2) where each state is drawn: (θ₀, θ₁), or (x, loss) for
                             one parameter; NaN after a run's last state
``lengths`` (M, R)           the number of states in each run
``excess``  (M, R, S + 1)    the loss less the floor, at least ``TINY``; NaN after
                             the last state
``curves``  (M, R, P)        the model over ``curve_xs`` at the steps shown
``curve_xs`` (P,)            where the model's curve is drawn
``points``  (N, 2)           the data, (x, y); N = 0 without data
``curve``   (C, 2)           one parameter: the loss over the window; else C = 0
=========== ================ =====================================================

A one-rate scene (R = 1) is what the kernel sends back, by message, while the
start point is dragged or a rate is typed; the full scene follows as the
``scene`` trait.
"""

import json
import math
import struct
from dataclasses import dataclass, field, replace

import numpy as np

from .descent import KINDS as RUN_KINDS
from .descent import Descent

KINDS = (*RUN_KINDS, "no minimum", "refused")
TINY = 1e-16  # the floor of the log-scaled loss panel
STATUS_CHARS = 199
PALETTE = ("#d62728", "#1f77b4", "#ff7f0e", "#9467bd", "#2ca02c")


@dataclass(frozen=True)
class Method:
    """One update rule on the explorer, with its legend entry and colour.

    ``rule`` has the signature of :func:`gdcore.descent.gd_update`. A method with a
    parameter of its own, such as momentum's β, gives ``param = (name, lo, hi,
    value)`` and a ``rule`` that takes the parameter's value and returns the update
    rule, e.g. ``Method("momentum", momentum_update, param=("β", 0, 0.99, 0.9))``;
    the explorer gives it a slider.
    """

    label: str
    rule: object
    colour: str | None = None
    param: tuple | None = None

    def rule_at(self, value):
        """The update rule, at ``value`` of the parameter if the method has one."""
        return self.rule(value) if self.param else self.rule


@dataclass(frozen=True)
class View:
    """What stays fixed while the explorer is open: the panels and how runs are named.

    Parameters
    ----------
    methods : tuple of Method, M of them
    names : tuple of str, one per parameter (1 or 2)
    extent : (xmin, xmax) or (xmin, xmax, ymin, ymax)
    bound : float or None
        2/L, None for a loss without a minimum.
    no_minimum : str or None
        Why there is no minimum, which opens every status line.
    floor : float
        What the loss panel subtracts from the loss.
    loss_label : str
    minimum : ndarray of shape (n_params,) or None
    curve : ndarray of shape (C, 2)
        One parameter: (x, loss) over the window. Two: shape (0, 2).
    data : (x, y) arrays or None, with model : callable (thetas (k, n), xs (P,)) -> (k, P)
    panels : dict
        ``{"surface": …, "data": …}``, each from :func:`geometry` (``data`` may be None).
    """

    methods: tuple
    names: tuple
    extent: tuple
    bound: float | None
    no_minimum: str | None
    floor: float
    loss_label: str
    minimum: np.ndarray | None = None
    curve: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    data: tuple | None = None
    model: object = None
    panels: dict = field(default_factory=dict)

    @property
    def curve_xs(self):
        """(P,) points where the model's curve is drawn; P = 0 without data."""
        return curve_xs(self.data)

    def curves_at(self, thetas):
        """The model's curve at each state, of shape (k, P)."""
        if self.model is None:
            return np.zeros((len(thetas), 0))
        return np.asarray(self.model(np.asarray(thetas), self.curve_xs), dtype=float)


@dataclass(frozen=True)
class Scene:
    """Everything the explorer shows at one moment. M methods, R rates, S max steps.

    Attributes
    ----------
    view : View
    rates : ndarray of shape (R,)
    rate : int, the index of the current rate
    steps : int, the steps the statuses describe
    params : tuple of M float, each method's own parameter (0 for a method without one)
    paths : ndarray of shape (M, R, S + 1, 2)
    lengths : ndarray of shape (M, R), int
    excess : ndarray of shape (M, R, S + 1)
    curves : ndarray of shape (M, R, P)
    kinds, words : tuple of M tuples of R str
    bound_at : float or None, in [0, 1]
    loss_range : (float, float)
    notice : (kind, words) or None
    """

    view: View
    rates: np.ndarray
    rate: int
    steps: int
    params: tuple
    paths: np.ndarray
    lengths: np.ndarray
    excess: np.ndarray
    curves: np.ndarray
    kinds: tuple
    words: tuple
    bound_at: float | None
    loss_range: tuple
    notice: tuple | None = None

    @property
    def status(self):
        """The line under the plot: the notice, or the first method's status at the current rate."""
        if self.notice:
            return self.notice[1]
        return self.words[0][self.rate]

    def with_notice(self, kind, words):
        """The same scene, with ``words`` shown in place of the status."""
        return replace(self, notice=(kind, short(words)))


def curve_xs(data):
    """60 points across the data's x and a little past, where the model's curve is drawn;
    none without data."""
    if data is None:
        return np.zeros(0)
    x = np.asarray(data[0], dtype=float)
    pad = 0.05 * (x.max() - x.min())
    return np.linspace(x.min() - pad, x.max() + pad, 60)


def build_scene(view, runs, *, rate, steps, params=None, loss_range=None):
    """The scene for ``runs``: M lists (one per method in ``view``) of R descents,
    one per rate, all of the same rates and max steps; ``steps`` of them are shown.

    ``params`` holds the value of each method's own parameter (ignored for a method
    without one). ``loss_range`` keeps the loss panel's decades fixed, e.g. while
    dragging; by default they are fitted to the runs.
    """
    rates = np.array([r.lr for r in runs[0]])
    width = max(len(r.thetas) for method in runs for r in method)
    shape = (len(runs), len(rates), width)
    paths, excess = np.full((*shape, 2), np.nan), np.full(shape, np.nan)
    for (m, r), run in _each(runs):
        paths[m, r, : len(run.thetas)] = _points(run)
        excess[m, r, : len(run.losses)] = np.maximum(run.losses - view.floor, TINY)
    shown = [[run.upto(steps) for run in method] for method in runs]
    ends = np.array([[run.thetas[-1] for run in method] for method in shown])
    curves = view.curves_at(ends.reshape(-1, ends.shape[-1])).reshape(*ends.shape[:2], -1)
    kinds, words = statuses(view, shown)
    return Scene(
        view=view,
        rates=rates,
        rate=rate,
        steps=steps,
        params=tuple(params or [m.param[3] if m.param else 0.0 for m in view.methods]),
        paths=paths,
        lengths=np.array([[len(r.thetas) for r in method] for method in runs]),
        excess=excess,
        curves=curves,
        kinds=kinds,
        words=words,
        bound_at=bound_at(rates, view.bound),
        loss_range=tuple(loss_range or _loss_range(excess, view.minimum is None)),
    )


def _each(runs):
    for m, method in enumerate(runs):
        for r, run in enumerate(method):
            yield (m, r), run


def _points(run: Descent):
    """Where each state is drawn: (θ₀, θ₁) on contours, (x, loss) on a curve."""
    if run.thetas.shape[1] == 2:
        return run.thetas
    return np.column_stack([run.thetas[:, 0], run.losses])


def statuses(view, runs):
    """``(kinds, words)``, each M tuples of R: the status of every run in ``runs``, as
    :func:`build_scene` gives them. Descents cut short with ``upto`` give the
    statuses at fewer steps."""
    name = view.names[0] if len(view.names) == 1 else f"({', '.join(view.names)})"
    kinds, words = [], []
    for method in runs:
        said = [run.verdict(view.bound, name) for run in method]
        if view.no_minimum:
            said = [
                (k if k.startswith("diverg") else "no minimum", f"{view.no_minimum}; {w}")
                for k, w in said
            ]
        kinds.append(tuple(k for k, _ in said))
        words.append(tuple(short(w) for _, w in said))
    return tuple(kinds), tuple(words)


def bound_at(rates, bound):
    """Where ``bound`` sits on a slider over ``rates``, from 0 to 1, or None.

    The slider moves by index, so 2/L is placed between the two rates around it,
    on a log scale between them: right for any spacing of the grid.
    """
    if bound is None or len(rates) < 2 or not rates[0] <= bound <= rates[-1]:
        return None
    i = min(int(np.searchsorted(rates, bound, side="right")) - 1, len(rates) - 2)
    part = np.log(bound / rates[i]) / np.log(rates[i + 1] / rates[i])
    return float((i + part) / (len(rates) - 1))


def _loss_range(excess, floored):
    """Decades shown on the loss panel: from the lowest loss any rate reaches to
    two decades above the start. A loss that grows past the top is marked as
    leaving the panel. Without a minimum (``floored``), runs that fall below the
    floor leave through the bottom."""
    hi = float(np.log10(excess[0, 0, 0]) + 2)
    shown = excess[excess > TINY] if floored else excess[np.isfinite(excess)]
    lo = float(np.log10(shown.min())) if shown.size else hi - 3
    return (min(lo, hi - 3), hi)


def loss_ticks(loss_range, most=6):
    """``[exponent, label]`` pairs for the powers of ten marked on the loss panel, which
    shows 10**lo to 10**hi: whole decades, every one or every few, at most about ``most``."""
    lo, hi = loss_range
    every = max(1, math.ceil((hi - lo) / most))
    decades = range(math.ceil(lo), math.floor(hi) + 1, every)
    return [[e, f"1e{e}".replace("-", "−")] for e in decades]


def short(text, limit=STATUS_CHARS):
    """``text`` on one line, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def geometry(xlim, ylim, xlabel, ylabel, **more):
    """A panel's limits, ticks and labels, as the header gives them."""
    return {
        "xlim": [float(v) for v in xlim],
        "ylim": [float(v) for v in ylim],
        "xticks": ticks(*xlim),
        "yticks": ticks(*ylim),
        "xlabel": xlabel,
        "ylabel": ylabel,
        **more,
    }


def ticks(lo, hi, most=6):
    """``[value, label]`` pairs for at most ``most`` round values inside [lo, hi]: multiples
    of the smallest step of the form 1, 2, 2.5 or 5 × 10ᵏ that needs no more of them."""
    span = hi - lo
    if not (np.isfinite(span) and span > 0):
        return []
    base = 10.0 ** np.floor(np.log10(span / most))
    step = next(f * base for f in (1, 2, 2.5, 5, 10) if span / (f * base) <= most)
    first = np.ceil(lo / step - 1e-9)
    values = [(first + i) * step for i in range(most + 1) if (first + i) * step <= hi + 1e-9 * span]
    return [[float(v), _tick_label(v, span)] for v in values]


def _tick_label(v, span):
    if abs(v) < 1e-12 * max(span, 1e-300):
        return "0"
    return f"{v:.4g}".replace("-", "−")


def encode(scene, float_bytes=8):
    """The scene as one block of bytes, in the format this module's docstring gives.

    ``float_bytes=4`` halves a saved page's size; what it draws is the same to the pixel.
    """
    if float_bytes not in (4, 8):
        raise ValueError(f"float_bytes must be 4 or 8, not {float_bytes!r}")
    view = scene.view
    arrays = {
        "paths": scene.paths,
        "lengths": scene.lengths,
        "excess": scene.excess,
        "curves": scene.curves,
        "curve_xs": view.curve_xs,
        "points": _data_points(view),
        "curve": view.curve,
    }
    header = {
        "arrays": [[name, list(a.shape)] for name, a in arrays.items()],
        "float": float_bytes,
        "methods": [_method(m, v) for m, v in zip(view.methods, scene.params)],
        "rates": scene.rates.tolist(),
        "rate": scene.rate,
        "steps": scene.steps,
        "kinds": scene.kinds,
        "words": scene.words,
        "notice": None if scene.notice is None else dict(zip(("kind", "words"), scene.notice)),
        "bound_at": scene.bound_at,
        "loss_range": list(scene.loss_range),
        "loss_ticks": loss_ticks(scene.loss_range),
        "loss_label": view.loss_label,
        **view.panels,
    }
    text = json.dumps(header, allow_nan=False).encode()
    head = struct.pack("<I", len(text)) + text
    head += b"\0" * (-len(head) % 8)
    if float_bytes == 4:
        # Past float32's range is past any panel's edge: its largest number says as much.
        top = np.finfo(np.float32).max
        arrays = {name: np.clip(a, -top, top) for name, a in arrays.items()}
    dtype = f"<f{float_bytes}"
    body = b"".join(np.ascontiguousarray(a, dtype=dtype).tobytes() for a in arrays.values())
    return head + body


def decode(block):
    """``(header, arrays)`` from :func:`encode`'s bytes: what explorer.js reads, in Python."""
    (n,) = struct.unpack_from("<I", block)
    header = json.loads(block[4 : 4 + n])
    offset, arrays, width = 4 + n + (-(4 + n) % 8), {}, header["float"]
    for name, shape in header["arrays"]:
        size = int(np.prod(shape))
        arrays[name] = np.frombuffer(block, f"<f{width}", size, offset).reshape(shape)
        offset += width * size
    return header, arrays


def _method(method, value):
    param = None
    if method.param:
        name, lo, hi, _ = method.param
        param = {"name": name, "min": float(lo), "max": float(hi), "value": float(value)}
    return {"label": method.label, "colour": method.colour, "param": param}


def _data_points(view):
    if view.data is None:
        return np.zeros((0, 2))
    return np.column_stack([np.asarray(v, dtype=float).ravel() for v in view.data])

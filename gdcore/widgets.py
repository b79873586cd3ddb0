"""The descent explorer: a learning-rate slider that answers within one frame.

gdcore descends from the start point for a whole grid of learning rates at
once and sends every path to the browser in one message. Moving the slider
then only redraws, in the browser, over backgrounds matplotlib rendered once;
no kernel round trip stands between a key press and the picture. Changing the
start point or typing a learning rate asks the kernel for new paths.

Every trait a lesson may set from Python (``lr``, ``lr_index``, ``lrs``,
``steps``, ``max_steps``, ``theta0``) is checked first: a bad value is refused
with a TraitError that names the fix, and the explorer stays as it was.
"""

import base64
import io
import textwrap
from pathlib import Path

import anywidget
import numpy as np
import traitlets as t
from matplotlib.figure import Figure

from . import plotting
from ._stacking import as_stacked
from .curvature import NoMinimum, find_minimum, stability_bound
from .descent import descend_grid
from .gradcheck import numerical_hessian

STATIC = Path(__file__).parent / "static"
SIZE = (360, 300)  # pixels of each panel
RATES = 101  # learning rates on the slider: fine enough, and cheap to descend all at once
MAX_STEPS = 10_000  # every step of every rate goes to the browser: 101 x 10 001 points is 16 MB
STATUS_CHARS = 199
TINY = 1e-16  # the floor of the log-scaled loss panel


class _Vector(t.List):
    """A list of floats that also takes a NumPy array, as ``explorer.theta0 = theta``."""

    def validate(self, obj, value):
        return super().validate(obj, value.tolist() if isinstance(value, np.ndarray) else value)


class Explorer(anywidget.AnyWidget):
    """Explore gradient descent on a loss of one or two parameters.

    Parameters
    ----------
    loss, grad : callable
        Functions of one parameter vector, of shape (n_params,), or of a stack of
        them, of shape (k, n_params), as gdcore's losses are; ``n_params`` is 1 or 2.
    theta0 : array-like of shape (n_params,)
        The start point; click or drag on the plot to move it.
    lr : float, optional
        The starting learning rate; a quarter of 2/L (or of its stand-in) by default.
    lrs : array-like, optional
        The grid of learning rates the slider moves over; by default ``RATES`` rates
        from 2/L / 1000 to 1.5 × 2/L, evenly spaced on a log scale. A loss without
        a minimum has no 2/L, and a stand-in takes its place: see ``_stand_in_rate``.
    steps, max_steps : int
        Steps shown, and the most the steps slider allows (at most ``MAX_STEPS``).
    minimum : array-like, optional
        Where the loss is smallest; found by Newton's method when left out.
    extent : tuple, optional
        ``(xmin, xmax)`` in 1-D, ``(xmin, xmax, ymin, ymax)`` in 2-D.
    names : tuple of str, optional
        The parameters' names, e.g. ``("c", "m")``.
    data : (x, y), optional, with model : callable (theta, xs) -> ys
        Draw the data and the model at the current parameters in a third panel.

    Attributes
    ----------
    minimum : ndarray of shape (n_params,), or None when the loss has no minimum
    loss_min : float or None
        The loss at ``minimum``.
    no_minimum : str or None
        Why there is no minimum and no 2/L, in words; it opens every status line.
    """

    _esm = STATIC / "explorer.js"
    _css = STATIC / "explorer.css"

    title = t.Unicode("").tag(sync=True)
    names = t.List(t.Unicode()).tag(sync=True)
    lrs = t.List(t.Float()).tag(sync=True)
    lr_index = t.Int(0).tag(sync=True)
    lr = t.Float(0.0).tag(sync=True)
    # 2/L; None for a loss without a minimum, and then the slider shows no mark.
    bound = t.Float(None, allow_none=True).tag(sync=True)
    steps = t.Int(50).tag(sync=True)
    max_steps = t.Int(200).tag(sync=True)
    theta0 = _Vector(t.Float()).tag(sync=True)
    statuses = t.List(t.Unicode()).tag(sync=True)
    status = t.Unicode("").tag(sync=True)
    # One row per learning rate, max_steps + 1 points each, as float64 bytes.
    paths = t.Bytes(b"").tag(sync=True)
    losses = t.Bytes(b"").tag(sync=True)
    lengths = t.List(t.Int()).tag(sync=True)
    loss_range = t.List(t.Float()).tag(sync=True)
    loss_label = t.Unicode("loss − min").tag(sync=True)
    # The model's curve over the data: at the last shown step for every rate, and
    # at every step for the current rate, which the play button animates.
    curve_xs = t.List(t.Float()).tag(sync=True)
    curves = t.Bytes(b"").tag(sync=True)
    step_curves = t.Bytes(b"").tag(sync=True)
    step_curves_index = t.Int(-1).tag(sync=True)
    play_index = t.Int(-1).tag(sync=True)
    backgrounds = t.List(t.Unicode()).tag(sync=True)
    frames = t.List(t.Dict()).tag(sync=True)

    def __init__(
        self,
        loss,
        grad,
        theta0,
        *,
        lr=None,
        lrs=None,
        steps=50,
        max_steps=200,
        minimum=None,
        extent=None,
        names=None,
        data=None,
        model=None,
        title="",
    ):
        theta0 = _start_point(theta0)
        _check_options(lr, steps, max_steps)
        self._n, self._quiet = theta0.size, False
        self._loss, self._grad = as_stacked(loss, theta0, "loss"), as_stacked(grad, theta0, "grad")
        self._data, self._model = data, model
        self.minimum, bound, self.no_minimum = self._find_bound(theta0, minimum)
        self.loss_min = None if self.minimum is None else float(self._loss(self.minimum[None])[0])
        box = extent if extent is not None else self._default_extent(theta0)
        self.extent = tuple(float(v) for v in box)
        self._floor, loss_label = self._loss_floor()
        ref = bound if bound is not None else self._stand_in_rate(theta0)
        grid = np.geomspace(ref / 1000, 1.5 * ref, RATES) if lrs is None else _rate_grid(lrs)
        if lr is not None and not np.isclose(grid, lr, rtol=1e-9, atol=0).any():
            grid = np.sort(np.append(grid, lr))
        names = list(names or (["x"] if theta0.size == 1 else ["θ₀", "θ₁"]))
        if len(names) != theta0.size:
            raise ValueError(f"names has {len(names)} entries for {theta0.size} parameters.")
        super().__init__(
            title=title,
            names=names,
            bound=bound,
            loss_label=loss_label,
            max_steps=max_steps,
            steps=min(steps, max_steps),
        )
        self._render_backgrounds()
        if data is not None:
            self.curve_xs = self._curve_xs().tolist()
        self._recompute(grid, theta0, ref / 4 if lr is None else lr)

    # --- what the kernel computes -------------------------------------------------

    def _find_bound(self, theta0, minimum):
        """``(minimum, 2/L, None)``, or ``(None, None, why)`` for a loss without a minimum."""
        loss1, grad1 = _one_vector(self._loss), _one_vector(self._grad)
        try:
            if minimum is None:
                point = find_minimum(grad1, theta0, loss=loss1)
            else:
                point = np.asarray(minimum, dtype=float).reshape(-1)
                if point.shape != theta0.shape:
                    raise ValueError(
                        f"minimum has {point.size} entries for {theta0.size} parameters."
                    )
            return point, stability_bound(grad1, point), None
        except NoMinimum as err:
            if minimum is None:
                return None, None, f"this loss has no minimum: {err.reason}"
            return None, None, f"no 2/L, since the minimum passed in is not one: {err.reason}"

    def _stand_in_rate(self, theta0):
        """A rate to centre the slider on when the loss has no minimum, hence no 2/L.

        The smaller of two limits met at the start: 2 / (the steepest curvature
        there, up or down), which plays 2/L's part; and the rate at which one step
        crosses half the window, which is what limits a loss with no curvature at all.
        """
        with np.errstate(all="ignore"):
            H = numerical_hessian(_one_vector(self._grad), theta0)
            g = np.linalg.norm(self._grad(theta0[None]))
        steepest = np.abs(np.linalg.eigvalsh(H)).max() if np.isfinite(H).all() else 0.0
        rates = [2 / steepest] if steepest > 0 else []
        if g > 0:
            rates.append((self.extent[1] - self.extent[0]) / 2 / g)
        return min(rates, default=1.0)

    def _loss_floor(self):
        """What the loss panel subtracts from the loss, and its label.

        The smallest loss, where there is a minimum. Without one, nothing while
        the loss stays positive in the window (log-loss on separable data falls
        towards 0), or else the lowest loss in the window; a run that goes lower
        leaves the panel through the bottom as it leaves the window.
        """
        if self.minimum is not None:
            return self.loss_min, "loss − min"
        lowest = min(0.0, self._lowest_in_view())
        return lowest, ("loss" if lowest == 0 else "loss − lowest in view")

    def _lowest_in_view(self):
        axes = [np.linspace(lo, hi, 120) for lo, hi in zip(self.extent[::2], self.extent[1::2])]
        with np.errstate(all="ignore"):
            z = self._loss(np.stack([a.ravel() for a in np.meshgrid(*axes)], axis=1))
        z = z[np.isfinite(z)]
        return float(z.min()) if z.size else 0.0

    def _recompute(self, grid, theta0, lr):
        """Descend from ``theta0`` for every rate in ``grid`` and send the paths.

        Everything is computed before any trait changes, so that an error leaves
        the explorer as it was.
        """
        self._check_start(theta0)
        results = descend_grid(self._grad, theta0, grid, self.max_steps, loss=self._loss)
        width = self.max_steps + 1
        pts, excess = np.full((len(grid), width, 2), np.nan), np.full((len(grid), width), np.nan)
        for row, r in enumerate(results):
            pts[row, : len(r.thetas)] = self._points(r.thetas)
            excess[row, : len(r.losses)] = np.maximum(r.losses - self._floor, TINY)
        index = int(np.argmin(np.abs(np.log(grid / lr))))
        self._results, self._quiet = results, True
        try:
            with self.hold_sync():
                self.theta0, self.lrs = theta0.tolist(), grid.tolist()
                self.paths, self.losses = pts.tobytes(), excess.tobytes()
                self.lengths = [len(r.thetas) for r in results]
                self.loss_range = self._loss_range(excess)
                self._refresh_steps(index=index)
                self.lr_index, self.lr = index, float(grid[index])
                self._on_index()
        finally:
            self._quiet = False

    def _check_start(self, theta0):
        with np.errstate(all="ignore"):
            ok = np.isfinite(self._loss(theta0[None])).all()
            ok = ok and np.isfinite(self._grad(theta0[None])).all()
        if not ok:
            raise ValueError(
                f"the loss or its gradient is not finite at the start {_point(theta0)}; "
                "start from a point where the loss is defined."
            )

    def _points(self, thetas):
        """Where each state is drawn: (θ₀, θ₁) on contours, (x, loss) on a curve."""
        if thetas.shape[1] == 2:
            return thetas
        return np.column_stack([thetas[:, 0], self._loss(thetas)])

    @t.observe("steps")
    def _refresh_steps(self, change=None, index=None):
        if not hasattr(self, "_results"):
            return  # still being constructed
        shown = [r.upto(self.steps) for r in self._results]
        name = self.names[0] if len(self.names) == 1 else f"({', '.join(self.names)})"
        lines = [r.status(self.bound, name) for r in shown]
        if self.no_minimum:
            lines = [f"{self.no_minimum}; {line}" for line in lines]
        self.statuses = [_short(line) for line in lines]
        self.status = self.statuses[self.lr_index if index is None else index]
        if self._model is not None:
            ends = np.array([r.thetas[-1] for r in shown])
            self.curves = self._curves_at(ends).tobytes()

    @t.observe("lr_index")
    def _on_index(self, change=None):
        self.lr = float(self.lrs[self.lr_index])
        self.status = self.statuses[self.lr_index]

    @t.observe("play_index")
    def _on_play(self, change):
        """The play button animates one rate step by step: send its model curves."""
        if self._model is not None and 0 <= self.play_index < len(self._results):
            self.step_curves = self._curves_at(self._results[self.play_index].thetas).tobytes()
            self.step_curves_index = self.play_index

    def _curves_at(self, thetas):
        return np.asarray(self._model(thetas, np.asarray(self.curve_xs)), dtype=float)

    @t.observe("lr")
    def _on_lr(self, change):
        grid = np.asarray(self.lrs)
        if np.isclose(grid, self.lr, rtol=1e-9, atol=0).any():
            self.lr_index = int(np.argmin(np.abs(grid - self.lr)))
        elif not self._quiet:  # typed in: descend at it
            grid = np.sort(np.append(grid, self.lr))
            self._recompute_or_undo(change, "cannot descend at that rate", grid=grid)

    @t.observe("lrs")
    def _on_rates(self, change):
        if not self._quiet:  # set from Python: descend at the new rates
            self._recompute_or_undo(change, "cannot descend at those rates")

    @t.observe("max_steps")
    def _on_max_steps(self, change):
        if not self._quiet and hasattr(self, "_results"):
            with self.hold_sync():
                if self._recompute_or_undo(change, "cannot take that many steps"):
                    self.steps = min(self.steps, self.max_steps)

    @t.observe("theta0")
    def _on_start(self, change):
        start = np.asarray(change["new"], dtype=float)
        if self._quiet or not change["old"] or np.array_equal(start, change["old"]):
            return
        self._recompute_or_undo(change, "cannot start there")

    def _recompute_or_undo(self, change, failure, grid=None):
        """Descend again after ``change`` and return True; or, if the learner's functions
        fail, undo the change, say why in the status line, and return False."""
        grid = _rate_grid(self.lrs) if grid is None else grid
        try:
            self._recompute(grid, np.asarray(self.theta0, dtype=float), self.lr)
            return True
        except Exception as err:  # a learner's function may raise anything
            self._quiet = True
            try:
                setattr(self, change["name"], change["old"])
            finally:
                self._quiet = False
            self.status = _short(f"{failure}: {_why(err)}")
            return False

    # --- what Python may set, checked before it is set ------------------------------

    @t.validate("lr")
    def _valid_lr(self, proposal):
        hint = f"the slider runs from {self.lrs[0]:.3g} to {self.lrs[-1]:.3g}" if self.lrs else ""
        return _refuse_if(_lr_problem(proposal["value"], hint), proposal["value"])

    @t.validate("lr_index")
    def _valid_index(self, proposal):
        i, n = proposal["value"], len(self.lrs)
        if n and not 0 <= i < n:
            raise t.TraitError(
                f"lr_index must be from 0 to {n - 1}, one per rate in lrs, got {i}; "
                "to descend at another rate, set lr instead."
            )
        return i

    @t.validate("lrs")
    def _valid_rates(self, proposal):
        try:
            _rate_grid(proposal["value"])
        except ValueError as err:
            raise t.TraitError(str(err)) from None
        return proposal["value"]

    @t.validate("steps")
    def _valid_steps(self, proposal):
        return _refuse_if(_steps_problem(proposal["value"], self.max_steps), proposal["value"])

    @t.validate("max_steps")
    def _valid_max_steps(self, proposal):
        return _refuse_if(_max_steps_problem(proposal["value"]), proposal["value"])

    @t.validate("theta0")
    def _valid_start(self, proposal):
        start = proposal["value"]
        if len(start) != self._n:
            example = "[1.0]" if self._n == 1 else "[1.0, -0.5]"
            raise t.TraitError(
                f"theta0 needs {self._n} {'number' if self._n == 1 else 'numbers'}, one per "
                f"parameter, got {len(start)}; e.g. explorer.theta0 = {example}."
            )
        if not np.isfinite(start).all():
            raise t.TraitError(
                f"theta0 must be finite, got {_point(start)}; start from numbers, "
                "or drag the start point on the plot."
            )
        return start

    @property
    def result(self):
        """The Descent shown now: the current rate, cut at the current steps."""
        return self._results[self.lr_index].upto(self.steps)

    # --- what the browser draws over --------------------------------------------------

    def _render_backgrounds(self):
        figs = [self._surface_figure()]
        if self._data is not None:
            figs.append(self._data_figure())
        self.backgrounds, self.frames = zip(*(_png_and_frame(fig) for fig in figs))

    def _surface_figure(self):
        fig, ax = _panel()
        if len(self.names) == 1:
            plotting.plot_curve(self._loss, xlim=self.extent, ax=ax, name=self.names[0])
        else:
            plotting.plot_contours(self._loss, extent=self.extent, ax=ax, names=self.names)
            if self.minimum is not None:
                ax.plot(*self.minimum, marker="*", color="k", markersize=9)
        return fig

    def _data_figure(self):
        fig, ax = _panel()
        x, y = self._data
        ax.scatter(x, y, s=10, color="0.4")
        ax.set(xlabel="x", ylabel="y")
        return fig

    def _curve_xs(self):
        x = np.asarray(self._data[0], dtype=float)
        pad = 0.05 * (x.max() - x.min())
        return np.linspace(x.min() - pad, x.max() + pad, 60)

    def _default_extent(self, theta0):
        """A square window around the minimum that holds the start with room to spare;
        without a minimum, around the start, wide enough to hold the origin too."""
        if self.minimum is None:
            centre, span = theta0, max(1.2 * np.max(np.abs(theta0)), 1.0)
        else:
            centre, span = self.minimum, max(1.6 * np.max(np.abs(theta0 - self.minimum)), 1.0)
        lo, hi = centre - span, centre + span
        return (lo[0], hi[0]) if theta0.size == 1 else (lo[0], hi[0], lo[1], hi[1])

    def _loss_range(self, excess):
        """Decades shown on the loss panel: from the lowest loss any rate reaches to
        a little above the start, so that a diverging run leaves through the top.
        Without a minimum, a run that fell below the floor leaves through the bottom."""
        hi = float(np.log10(excess[0, 0]) + 2)
        shown = excess[excess > TINY] if self.minimum is None else excess[np.isfinite(excess)]
        lo = float(np.log10(shown.min())) if shown.size else hi - 3
        return [min(lo, hi - 3), hi]

    # --- without a front end ------------------------------------------------------------

    def figure(self):
        """The current state as a static matplotlib figure."""
        panels = 2 + (self._data is not None)
        fig = Figure(figsize=(4.2 * panels, 3.4), dpi=80, layout="constrained")
        axes = fig.subplots(1, panels)
        r = self.result
        if len(self.names) == 1:
            plotting.plot_curve(self._loss, r, xlim=self.extent, ax=axes[0], name=self.names[0])
        else:
            plotting.plot_contours(self._loss, r, extent=self.extent, ax=axes[0], names=self.names)
        plotting.plot_losses(r, ax=axes[1], floor=self._floor, ylabel=self.loss_label)
        axes[1].set_ylim(10.0 ** np.array(self.loss_range))
        if self._data is not None:
            axes[2].scatter(*self._data, s=10, color="0.4")
            xs = self._curve_xs()
            axes[2].plot(xs, self._model(r.thetas[-1][None], xs)[0], color="#d62728")
            axes[2].set_ylim(self.frames[1]["ylim"])
        fig.suptitle(textwrap.fill(self.status, 55 * panels), fontsize=9)
        return fig

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        # Viewers without widgets (nbviewer, GitHub) fall back to this picture.
        data["image/png"] = _png(self.figure(), dpi=60)
        return bundle

    def save_animation(self, path, fps=8):
        """Export the current descent as a .gif or a self-contained .html page.

        The file name, its folder and ``fps`` are checked before a frame is drawn.
        """
        return plotting.save_animation(
            self.result, path, loss=self._loss, extent=self.extent, fps=fps, names=self.names
        )


def explore(loss, grad, theta0, **kwargs):
    """Open an :class:`Explorer`; the keyword arguments are the same."""
    return Explorer(loss, grad, theta0, **kwargs)


def _panel():
    fig = Figure(figsize=(SIZE[0] / 80, SIZE[1] / 80), dpi=80)
    ax = fig.add_axes([0.17, 0.15, 0.78, 0.8])
    return fig, ax


def _png(fig, dpi=None):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return base64.b64encode(buf.getvalue()).decode()


def _png_and_frame(fig):
    """The figure as a PNG data URL, and where its axes sit in it, in pixels."""
    ax = fig.axes[0]
    x0, y0, x1, y1 = ax.get_position().extents
    w, h = SIZE
    frame = {
        "size": [w, h],
        "box": [x0 * w, (1 - y1) * h, x1 * w, (1 - y0) * h],
        "xlim": list(ax.get_xlim()),
        "ylim": list(ax.get_ylim()),
    }
    return "data:image/png;base64," + _png(fig), frame


# --- checks shared by the constructor and the trait validators -------------------------


def _start_point(theta0):
    theta0 = np.asarray(theta0, dtype=float).reshape(-1)
    if theta0.size not in (1, 2):
        raise ValueError(
            f"the explorer shows 1 or 2 parameters, got {theta0.size}. Hold the others "
            "fixed in a lambda, e.g. loss2 = lambda t: loss(np.insert(t, 2, w2, axis=-1))."
        )
    if not np.isfinite(theta0).all():
        raise ValueError(f"theta0 must be finite, got {_point(theta0)}; start from numbers.")
    return theta0


def _check_options(lr, steps, max_steps):
    """Raise a ValueError naming the fix for a bad ``lr``, ``steps`` or ``max_steps``."""
    lr_problem = None if lr is None else _lr_problem(lr, "e.g. lr=0.05")
    for problem in (lr_problem, _steps_problem(steps), _max_steps_problem(max_steps)):
        if problem:
            raise ValueError(problem)


def _lr_problem(lr, hint):
    """Why ``lr`` is no learning rate, or None when it is one; ``hint`` ends the answer."""
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.number)):
        return f"lr must be a number, got {type(lr).__name__}; {hint}."
    if not (np.isfinite(lr) and lr > 0):
        return f"lr must be a positive, finite learning rate, got {lr}; {hint}."
    return None


def _steps_problem(k, top=None):
    """Why ``k`` cannot be the steps shown, or None; ``top`` is max_steps, if known."""
    whole = isinstance(k, (int, np.integer)) and not isinstance(k, bool)
    if whole and k >= 0 and (top is None or k <= top):
        return None
    if top is None:
        return f"steps must be a whole number of at least 0, got {k!r}; e.g. steps=50."
    return (
        f"steps must be a whole number from 0 to max_steps = {top}, got {k!r}; "
        "to show more steps, raise max_steps first."
    )


def _max_steps_problem(k):
    whole = isinstance(k, (int, np.integer)) and not isinstance(k, bool)
    if whole and 1 <= k <= MAX_STEPS:
        return None
    return (
        f"max_steps must be a whole number from 1 to {MAX_STEPS}, got {k!r}; every step of "
        "every rate goes to the browser."
    )


def _rate_grid(lrs):
    """``lrs`` as a sorted array of distinct rates, or a ValueError naming the fix."""
    grid = np.unique(np.asarray(lrs, dtype=float).reshape(-1))
    fix = "e.g. np.geomspace(1e-3, 1, 101)"
    if not 1 <= grid.size <= 1000:
        raise ValueError(f"lrs must hold 1 to 1000 learning rates, got {grid.size}; {fix}.")
    bad = grid[~(np.isfinite(grid) & (grid > 0))]
    if bad.size:
        raise ValueError(f"lrs must be positive and finite, got {bad[:3].tolist()}; {fix}.")
    return grid


def _refuse_if(problem, value):
    if problem:
        raise t.TraitError(problem)
    return value


def _one_vector(stacked):
    """A stacked function, (k, n) -> (k, ...), as one of one vector, (n,) -> (...)."""
    return lambda theta: stacked(np.asarray(theta, dtype=float).reshape(1, -1))[0]


def _short(text, limit=STATUS_CHARS):
    """``text`` on one line, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _why(err):
    """An exception in words: a ValueError's message, or another's type and message."""
    return str(err) if isinstance(err, ValueError) else f"{type(err).__name__}: {err}"


def _point(theta):
    return "(" + ", ".join(f"{v:.3g}" for v in np.atleast_1d(theta)) + ")"

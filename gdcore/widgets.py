"""The descent explorer: a learning-rate slider that answers within one frame.

gdcore descends from the start point for a whole grid of learning rates at
once and sends every path to the browser in one message. Moving the slider
then only redraws, in the browser, over backgrounds matplotlib rendered once;
no kernel round trip stands between a key press and the picture. Changing the
start point or typing a learning rate asks the kernel for new paths.
"""

import base64
import io
from pathlib import Path

import anywidget
import numpy as np
import traitlets as t
from matplotlib.figure import Figure

from . import plotting
from .curvature import find_minimum, stability_bound
from .descent import descend_grid

STATIC = Path(__file__).parent / "static"
SIZE = (360, 300)  # pixels of each panel
RATES = 101  # learning rates on the slider: fine enough, and cheap to descend all at once


class Explorer(anywidget.AnyWidget):
    """Explore gradient descent on a loss of one or two parameters.

    Parameters
    ----------
    loss, grad : callable
        Take a stack of parameter vectors, of shape (k, n_params), as gdcore's
        losses do; ``n_params`` is 1 or 2.
    theta0 : array-like of shape (n_params,)
        The start point; click or drag on the plot to move it.
    lr : float, optional
        The starting learning rate; a quarter of 2/L by default.
    lrs : array-like, optional
        The grid of learning rates the slider moves over; by default ``RATES`` rates
        from 2/L / 1000 to 1.5 × 2/L, evenly spaced on a log scale.
    steps, max_steps : int
        Steps shown, and the most the steps slider allows.
    minimum : array-like, optional
        Where the loss is smallest; found by Newton's method when left out.
    extent : tuple, optional
        ``(xmin, xmax)`` in 1-D, ``(xmin, xmax, ymin, ymax)`` in 2-D.
    names : tuple of str, optional
        The parameters' names, e.g. ``("c", "m")``.
    data : (x, y), optional, with model : callable (theta, xs) -> ys
        Draw the data and the model at the current parameters in a third panel.
    """

    _esm = STATIC / "explorer.js"
    _css = STATIC / "explorer.css"

    title = t.Unicode("").tag(sync=True)
    names = t.List(t.Unicode()).tag(sync=True)
    lrs = t.List(t.Float()).tag(sync=True)
    lr_index = t.Int(0).tag(sync=True)
    lr = t.Float(0.0).tag(sync=True)
    bound = t.Float(0.0).tag(sync=True)
    steps = t.Int(50).tag(sync=True)
    max_steps = t.Int(200).tag(sync=True)
    theta0 = t.List(t.Float()).tag(sync=True)
    statuses = t.List(t.Unicode()).tag(sync=True)
    status = t.Unicode("").tag(sync=True)
    # One row per learning rate, max_steps + 1 points each, as float64 bytes.
    paths = t.Bytes(b"").tag(sync=True)
    losses = t.Bytes(b"").tag(sync=True)
    lengths = t.List(t.Int()).tag(sync=True)
    loss_range = t.List(t.Float()).tag(sync=True)
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
        theta0 = np.asarray(theta0, dtype=float).reshape(-1)
        if theta0.size not in (1, 2):
            raise ValueError(
                f"the explorer shows 1 or 2 parameters, got {theta0.size}. Hold the others "
                "fixed in a lambda, e.g. loss2 = lambda t: loss(np.insert(t, 2, w2, axis=-1))."
            )
        self._loss, self._grad, self._data, self._model = loss, grad, data, model
        self.minimum = (
            find_minimum(grad, theta0, loss=loss) if minimum is None else np.asarray(minimum, float)
        )
        self.loss_min = float(loss(self.minimum[None])[0])
        bound = stability_bound(grad, self.minimum)
        grid = np.geomspace(bound / 1000, 1.5 * bound, RATES) if lrs is None else np.sort(lrs)
        if lr is not None and not np.isclose(grid, lr, rtol=1e-9, atol=0).any():
            grid = np.sort(np.append(grid, lr))
        self.extent = tuple(extent) if extent is not None else self._default_extent(theta0)
        names = list(names or (["x"] if theta0.size == 1 else ["θ₀", "θ₁"]))
        super().__init__(
            title=title, names=names, bound=bound, max_steps=max_steps, steps=min(steps, max_steps)
        )
        self._render_backgrounds()
        if data is not None:
            self.curve_xs = self._curve_xs().tolist()
        self._recompute(grid, theta0, bound / 4 if lr is None else lr)

    # --- what the kernel computes -------------------------------------------------

    def _recompute(self, grid, theta0, lr):
        """Descend from ``theta0`` for every rate in ``grid`` and send the paths."""
        self._results = descend_grid(self._grad, theta0, grid, self.max_steps, loss=self._loss)
        width = self.max_steps + 1
        pts, excess = np.full((len(grid), width, 2), np.nan), np.full((len(grid), width), np.nan)
        for row, r in enumerate(self._results):
            pts[row, : len(r.thetas)] = self._points(r.thetas)
            excess[row, : len(r.losses)] = np.maximum(r.losses - self.loss_min, 1e-16)
        with self.hold_sync():
            self.theta0 = theta0.tolist()
            self.lrs = grid.tolist()
            self.paths, self.losses = pts.tobytes(), excess.tobytes()
            self.lengths = [len(r.thetas) for r in self._results]
            self.loss_range = self._loss_range(excess)
            index = int(np.argmin(np.abs(np.log(grid / lr))))
            self._refresh_steps(index=index)
            self.lr_index, self.lr = index, float(grid[index])
            self._on_index()

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
        self.statuses = [r.status(self.bound, name) for r in shown]
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
        if not np.isclose(grid, self.lr, rtol=1e-9, atol=0).any():  # typed in: descend at it
            self._recompute(np.sort(np.append(grid, self.lr)), np.asarray(self.theta0), self.lr)
        else:
            self.lr_index = int(np.argmin(np.abs(grid - self.lr)))

    @t.observe("theta0")
    def _on_start(self, change):
        start = np.asarray(change["new"], dtype=float)
        if not change["old"] or np.array_equal(start, change["old"]):
            return
        try:
            self._recompute(np.asarray(self.lrs), start, self.lr)
        except ValueError as err:  # e.g. a start where the loss is not defined
            self.theta0 = change["old"]
            self.status = f"cannot start there: {err}"

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
        """A square window around the minimum that holds the start with room to spare."""
        span = max(1.6 * np.max(np.abs(theta0 - self.minimum)), 1.0)
        lo, hi = self.minimum - span, self.minimum + span
        return (lo[0], hi[0]) if theta0.size == 1 else (lo[0], hi[0], lo[1], hi[1])

    @staticmethod
    def _loss_range(excess):
        """Decades shown on the loss panel: from the lowest loss any rate reaches to
        a little above the start, so that a diverging run leaves through the top."""
        start = np.log10(excess[0, 0])
        return [float(np.log10(np.nanmin(excess))), float(start + 2)]

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
        plotting.plot_losses(r, ax=axes[1], floor=self.loss_min)
        if self._data is not None:
            axes[2].scatter(*self._data, s=10, color="0.4")
            xs = self._curve_xs()
            axes[2].plot(xs, self._model(r.thetas[-1][None], xs)[0], color="#d62728")
            axes[2].set_ylim(self.frames[1]["ylim"])
        fig.suptitle(self.status, fontsize=9)
        return fig

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        # Viewers without widgets (nbviewer, GitHub) fall back to this picture.
        data["image/png"] = _png(self.figure(), dpi=60)
        return bundle

    def save_animation(self, path, fps=8):
        """Export the current descent as a .gif or a self-contained .html page."""
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

"""The descent explorer: a learning-rate slider that answers within one frame.

The explorer is a thin shell around a :class:`~gdcore.scene.Scene`. gdcore
descends from the start point for a whole grid of learning rates at once, for
each method shown, and :func:`~gdcore.scene.build_scene` packs every path,
status and panel into one block that goes to the browser. Moving the slider
then only redraws there. Dragging the start point or typing a rate asks the
kernel, by message, for the current rate's paths alone; the whole grid follows.

Four traits may change after the explorer opens: ``lr``, ``steps``,
``max_steps`` and ``theta0`` (and ``lrs``, from Python). Each is checked first:
a bad value is refused with a TraitError that names the fix, and the explorer
stays as it was. Everything else is fixed when it opens.
"""

import base64
import io
import textwrap
from dataclasses import replace
from pathlib import Path

import anywidget
import numpy as np
import traitlets as t
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from . import pages, plotting
from ._stacking import as_stacked
from .curvature import NoMinimum, find_minimum, stability_bound
from .descent import descend_grids
from .gradcheck import numerical_hessian
from .rules import gd_update
from .scene import (
    PALETTE,
    TINY,
    Method,
    View,
    build_scene,
    curve_xs,
    encode,
    geometry,
    loss_ticks,
)

STATIC = Path(__file__).parent / "static"
RATES = 101  # learning rates on the slider: fine enough, and cheap to descend all at once
MAX_STEPS = 10_000  # every step of every rate goes to the browser: 101 x 10 001 points is 16 MB
# The traits that rebuild the scene.
_CHANGING = ("theta0", "lrs", "lr", "steps", "max_steps", "params")


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
        The start point; drag it on the plot, or move it with the arrow keys.
    lr : float, optional
        The starting learning rate; a quarter of 2/L (or of its stand-in) by default.
    lrs : array-like, optional
        The grid of learning rates the slider moves over; by default ``RATES`` rates
        from 2/L / 1000 to 1.5 × 2/L, evenly spaced on a log scale. A loss without
        a minimum has no 2/L, and a stand-in takes its place: see ``_stand_in_rate``.
    steps, max_steps : int
        Steps shown, and the most the steps slider allows (at most ``MAX_STEPS``).
    methods : sequence of (label, rule) pairs or :class:`~gdcore.scene.Method`, optional
        The update rules to run side by side, each with its own colour, legend entry
        and status line, e.g. ``[("simultaneous", gd_update), ("m first",
        coordinate_update([1, 0]))]``; plain gradient descent by default. The first
        method's run is ``result``, and its status is ``status``. A Method with a
        ``param``, e.g. ``Method("momentum", momentum_update, param=("β", 0, 0.99, 0.9))``,
        gets a slider of its own.
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
    scene : Scene
        Everything shown now.
    minimum : ndarray of shape (n_params,), or None when the loss has no minimum
    loss_min : float or None
        The loss at ``minimum``.
    no_minimum : str or None
        Why there is no minimum and no 2/L, in words; it opens every status line.
    """

    _esm = STATIC / "explorer.js"
    _css = STATIC / "explorer.css"

    title = t.Unicode("", read_only=True).tag(sync=True)
    # The scene, encoded as gdcore/scene.py describes; the contours behind it, as a PNG.
    wire = t.Bytes(b"", read_only=True).tag(sync=True)
    backdrop = t.Unicode("", read_only=True).tag(sync=True)
    lr = t.Float(0.0).tag(sync=True)
    steps = t.Int(50).tag(sync=True)
    max_steps = t.Int(200).tag(sync=True)
    theta0 = _Vector(t.Float()).tag(sync=True)
    # Each method's own parameter, such as momentum's β; 0 for a method without one.
    params = t.List(t.Float()).tag(sync=True)
    lrs = t.List(t.Float())

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
        methods=None,
        minimum=None,
        extent=None,
        names=None,
        data=None,
        model=None,
        title="",
    ):
        theta0 = _start_point(theta0)
        _check_options(lr, steps, max_steps)
        self._n, self._quiet, self._runs_key = theta0.size, True, None
        self._loss, self._grad = as_stacked(loss, theta0, "loss"), as_stacked(grad, theta0, "grad")
        self.minimum, bound, self.no_minimum = self._find_bound(theta0, minimum)
        self.loss_min = None if self.minimum is None else float(self._loss(self.minimum[None])[0])
        box = extent if extent is not None else self._default_extent(theta0)
        self.extent = tuple(float(v) for v in box)
        names = tuple(names or (["x"] if theta0.size == 1 else ["θ₀", "θ₁"]))
        if len(names) != theta0.size:
            raise ValueError(f"names has {len(names)} entries for {theta0.size} parameters.")
        self._view = self._make_view(bound, names, _methods(methods), data, model)
        ref = bound if bound is not None else self._stand_in_rate(theta0)
        grid = np.geomspace(ref / 1000, 1.5 * ref, RATES) if lrs is None else _rate_grid(lrs)
        super().__init__()
        self.set_trait("title", title)
        if theta0.size == 2:
            self._backdrop = plotting.contour_image(self._loss, self.extent)
            png = base64.b64encode(plotting.png_bytes(self._backdrop)).decode()
            self.set_trait("backdrop", "data:image/png;base64," + png)
        self._quiet = False
        if lr is None:  # the rate on the grid nearest a quarter of 2/L
            lr = grid[np.argmin(np.abs(np.log(grid / (ref / 4))))]
        self._update(
            theta0=theta0,
            lrs=grid,
            lr=lr,
            steps=min(steps, max_steps),
            max_steps=max_steps,
            params=[m.param[3] if m.param else 0.0 for m in self._view.methods],
        )
        self.on_msg(self._on_message)
        pages.OPEN[self.model_id] = self

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

    def _make_view(self, bound, names, methods, data, model):
        floor, loss_label = self._loss_floor()
        curve = np.zeros((0, 2))
        if len(names) == 1:
            xs = np.linspace(*self.extent, 400)
            with np.errstate(all="ignore"):
                curve = np.column_stack([xs, self._loss(xs[:, None])])
            surface = geometry(self.extent, _padded(curve[:, 1]), names[0], "loss", shape="curve")
        else:
            surface = geometry(self.extent[:2], self.extent[2:], *names, shape="contours")
        surface["minimum"] = None if self.minimum is None else self.minimum.tolist()
        panel = None
        if data is not None:
            xs = curve_xs(data)
            panel = geometry((xs[0], xs[-1]), _padded(np.asarray(data[1], dtype=float)), "x", "y")
        return View(
            methods=methods,
            names=names,
            extent=self.extent,
            bound=bound,
            no_minimum=self.no_minimum,
            floor=floor,
            loss_label=loss_label,
            minimum=self.minimum,
            curve=curve,
            data=data,
            model=model,
            panels={"surface": surface, "data": panel},
        )

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

    def _default_extent(self, theta0):
        """A square window around the minimum that holds the start with room to spare;
        without a minimum, around the start, wide enough to hold the origin too."""
        if self.minimum is None:
            centre, span = theta0, max(1.2 * np.max(np.abs(theta0)), 1.0)
        else:
            centre, span = self.minimum, max(1.6 * np.max(np.abs(theta0 - self.minimum)), 1.0)
        lo, hi = centre - span, centre + span
        return (lo[0], hi[0]) if theta0.size == 1 else (lo[0], hi[0], lo[1], hi[1])

    def _descend(self, theta0, lrs, max_steps, params):
        """Every method's runs from ``theta0``: M lists of one Descent per rate."""
        self._check_start(theta0)
        rules = [m.rule_at(v) for m, v in zip(self._view.methods, params)]
        return descend_grids(self._grad, theta0, lrs, max_steps, rules, loss=self._loss)

    def _check_start(self, theta0):
        with np.errstate(all="ignore"):
            ok = np.isfinite(self._loss(theta0[None])).all()
            ok = ok and np.isfinite(self._grad(theta0[None])).all()
        if not ok:
            raise ValueError(
                f"the loss or its gradient is not finite at the start {_point(theta0)}; "
                "start from a point where the loss is defined."
            )

    def _update(self, **new):
        """Rebuild the scene for the values in ``new`` (any of ``_CHANGING``) and the
        current values of the others.

        Everything is computed before any trait changes, so that an error leaves
        the explorer as it was. A rate off the grid joins the grid.
        """
        state = {name: new.get(name, getattr(self, name)) for name in _CHANGING}
        theta0 = np.asarray(state["theta0"], dtype=float)
        lrs, lr = _rate_grid(state["lrs"]), float(state["lr"])
        if "lr" in new and not np.isclose(lrs, lr, rtol=1e-9, atol=0).any():
            lrs = np.sort(np.append(lrs, lr))  # a rate set or typed joins the grid
        params = tuple(state["params"])
        key = (tuple(theta0), tuple(lrs), state["max_steps"], params)
        runs = self._runs if key == self._runs_key else self._descend(theta0, lrs, key[2], params)
        rate = int(np.argmin(np.abs(np.log(lrs / lr))))
        steps = min(state["steps"], state["max_steps"])
        scene = build_scene(self._view, runs, rate=rate, steps=steps, params=params)
        self._runs, self._runs_key, self._scene, self._quiet = runs, key, scene, True
        try:
            with self.hold_sync():
                self.theta0, self.lrs, self.lr = theta0.tolist(), lrs.tolist(), lrs[rate]
                self.max_steps, self.steps, self.params = state["max_steps"], steps, list(params)
                self.set_trait("wire", encode(scene))
        finally:
            self._quiet = False

    @t.observe(*_CHANGING)
    def _on_change(self, change):
        if self._quiet:
            return
        if change["name"] == "lr" and np.isclose(self.lrs, self.lr, rtol=1e-9, atol=0).any():
            # A move along the slider: the browser has drawn it already, and any
            # news of a refused change is old.
            self._scene = replace(self._scene, rate=self.lr_index, notice=None)
            return
        try:
            self._update(**{change["name"]: change["new"]})
        except Exception as err:  # a learner's function may raise anything
            self._quiet = True
            try:
                setattr(self, change["name"], change["old"])
            finally:
                self._quiet = False
            refused = f"{_FAILURES[change['name']]}: {_why(err)}"
            self._scene = self._scene.with_notice("refused", refused)
            self.set_trait("wire", encode(self._scene))

    def _on_message(self, _, content, buffers):
        """The browser asks for one rate's paths (dragging, a typed rate) or for the
        model's curve at every step of the current rate (play)."""
        if not isinstance(content, dict):
            return
        if content.get("kind") == "preview":
            self._preview(content)
        elif content.get("kind") == "play" and self._view.model is not None:
            rows = [method[self.lr_index].thetas for method in self._runs]
            curves = np.stack([self._view.curves_at(_pad_rows(r, self.max_steps)) for r in rows])
            reply = {"kind": "play", "rate": self.lr_index, "shape": list(curves.shape)}
            self.send(reply, buffers=[curves.astype("<f8").tobytes()])

    def _preview(self, content):
        """Answer with a one-rate scene from the start and rate the browser sent."""
        reply = {"kind": "preview", "id": content.get("id")}
        try:
            theta0 = _start_point(content["theta0"])
            lr = float(content["lr"])
            if theta0.size != self._n or _lr_problem(lr, ""):
                raise ValueError("the browser sent a start or rate this explorer cannot take")
            # The steps shown are enough: the whole grid, to max_steps, follows.
            runs = self._descend(theta0, np.array([lr]), self.steps, self.params)
            scene = build_scene(
                self._view,
                runs,
                rate=0,
                steps=self.steps,
                params=self.params,
                loss_range=self._scene.loss_range,
            )
        except Exception as err:  # a learner's function may raise anything
            scene = self._scene.with_notice("refused", f"cannot start there: {_why(err)}")
        self.send(reply, buffers=[encode(scene)])

    # --- what Python may read and set ------------------------------------------------

    @property
    def scene(self):
        """The :class:`~gdcore.scene.Scene` shown now."""
        return self._scene

    @property
    def status(self):
        """The status line shown now: the first method's, or why a change was refused."""
        return self._scene.status

    @property
    def statuses(self):
        """The first method's status at each rate on the slider, at ``steps``."""
        return list(self._scene.words[0])

    @property
    def bound(self):
        """2/L, or None for a loss without a minimum."""
        return self._view.bound

    @property
    def names(self):
        return list(self._view.names)

    @property
    def lr_index(self):
        """Where ``lr`` is on the grid ``lrs``; setting it moves the slider there."""
        return int(np.argmin(np.abs(np.log(np.asarray(self.lrs) / self.lr))))

    @lr_index.setter
    def lr_index(self, i):
        n = len(self.lrs)
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < n:
            raise t.TraitError(
                f"lr_index must be from 0 to {n - 1}, one per rate in lrs, got {i!r}; "
                "to descend at another rate, set lr instead."
            )
        self.lr = self.lrs[i]

    @property
    def result(self):
        """The first method's Descent shown now: the current rate, cut at the current steps."""
        return self.results[0]

    @property
    def runs(self):
        """Every run behind the scene: one list per method of one Descent per rate."""
        return self._runs

    @property
    def results(self):
        """Every method's Descent shown now, in the order of ``methods``."""
        return [method[self.lr_index].upto(self.steps) for method in self._runs]

    @t.validate("lr")
    def _valid_lr(self, proposal):
        hint = f"the slider runs from {self.lrs[0]:.3g} to {self.lrs[-1]:.3g}" if self.lrs else ""
        return _refuse_if(_lr_problem(proposal["value"], hint or "e.g. lr=0.05"), proposal["value"])

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

    @t.validate("params")
    def _valid_params(self, proposal):
        values, methods = proposal["value"], self._view.methods
        if len(values) != len(methods):
            raise t.TraitError(
                f"params needs {len(methods)} numbers, one per method, got {len(values)}."
            )
        for m, v in zip(methods, values):
            if m.param and not m.param[1] <= v <= m.param[2]:
                name, lo, hi, _ = m.param
                raise t.TraitError(
                    f"{name} of {m.label!r} must be from {lo} to {hi}, got {v}; move its slider."
                )
        return values

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

    # --- without a front end ------------------------------------------------------------

    def figure(self):
        """The current state as a static matplotlib figure.

        Quick to draw, since every live explorer draws one for viewers without widgets:
        the contours are the backdrop already rendered, no text needs mathtext, and
        the ticks are the scene's, which spares matplotlib a third of the time.
        """
        view, results = self._view, self.results
        panels = 2 + (view.data is not None)
        fig = Figure(figsize=(4.2 * panels, 3.4), dpi=80)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.84, wspace=0.3)
        axes = fig.subplots(1, panels)
        surface = view.panels["surface"]
        if len(view.names) == 1:
            axes[0].plot(*view.curve.T, color="0.3")
        else:
            axes[0].imshow(self._backdrop, extent=self.extent, aspect="auto")
        for method, r in zip(view.methods, results):
            points = r.thetas if len(view.names) == 2 else np.column_stack([r.thetas, r.losses])
            axes[0].plot(*points.T, color=method.colour, marker="o", markersize=2, lw=1)
            # A loss above the panel is drawn just above its top edge, leaving it there.
            top = 10.0 ** (self._scene.loss_range[1] + 1)
            excess = np.clip(r.losses - view.floor, TINY, top)
            axes[1].plot(excess, color=method.colour, label=method.label)
        _as_panel(axes[0], surface)
        lo, hi = self._scene.loss_range
        axes[1].set_yscale("log")
        axes[1].set_ylim(10.0**lo, 10.0**hi)
        axes[1].yaxis.set_minor_locator(NullLocator())
        ticks = loss_ticks((lo, hi))
        axes[1].set_yticks([10.0**e for e, _ in ticks], [label for _, label in ticks])
        k = max(self.steps, 1)
        axes[1].set_xticks([0, round(k / 2), k])
        axes[1].set(xlim=(0, k), xlabel="step", ylabel=view.loss_label)
        if len(view.methods) > 1:
            axes[1].legend(fontsize=8)
        if view.data is not None:
            axes[2].scatter(*view.data, s=10, color="0.4")
            for method, r in zip(view.methods, results):
                curve = view.curves_at(r.thetas[-1:])[0]
                axes[2].plot(view.curve_xs, curve, color=method.colour)
            _as_panel(axes[2], view.panels["data"])
        fig.suptitle(textwrap.fill(self.status, 55 * panels), fontsize=9)
        return fig

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        # Viewers without widgets (nbviewer, GitHub) fall back to this picture.
        data["image/png"] = _png(self.figure(), dpi=60)
        return bundle

    def save_html(self, path):
        """Write the explorer, as it is now, as one page that needs no Python and no network.

        In the page the learning rate, the steps and play work; moving the start,
        typing a rate off the slider and a method's own slider need the kernel, and
        the page says so. See :mod:`gdcore.pages`.
        """
        return pages.save_html(self, path)

    def save_animation(self, path, fps=8):
        """Export the current descent as a .gif or a self-contained .html page.

        The file name, its folder and ``fps`` are checked before a frame is drawn.
        """
        return plotting.save_animation(
            self.result, path, loss=self._loss, extent=self.extent, fps=fps, names=self.names
        )


_FAILURES = {
    "theta0": "cannot start there",
    "lr": "cannot descend at that rate",
    "lrs": "cannot descend at those rates",
    "max_steps": "cannot take that many steps",
    "steps": "cannot show that many steps",
    "params": "cannot descend with that parameter",
}


def explore(loss, grad, theta0, **kwargs):
    """Open an :class:`Explorer`; the keyword arguments are the same."""
    return Explorer(loss, grad, theta0, **kwargs)


def _methods(methods):
    """``methods`` as Methods, each with a colour; plain gradient descent by default."""
    if methods is None:
        methods = [("gradient descent", gd_update)]
    out = []
    for i, m in enumerate(methods):
        if not isinstance(m, Method):
            try:
                label, rule = m
            except (TypeError, ValueError):
                raise ValueError(
                    f"methods[{i}] must be a (label, rule) pair, e.g. ('plain', gd_update), "
                    f"got {m!r}."
                ) from None
            m = Method(str(label), rule)
        if not callable(m.rule):
            raise ValueError(f"the rule of method {m.label!r} must be a function, e.g. gd_update.")
        if m.param is not None:
            _check_param(m)
        out.append(Method(m.label, m.rule, m.colour or PALETTE[i % len(PALETTE)], m.param))
    if not 1 <= len(out) <= len(PALETTE):
        raise ValueError(f"methods must hold 1 to {len(PALETTE)} methods, got {len(out)}.")
    return tuple(out)


def _check_param(method):
    try:
        _, lo, hi, value = method.param
        ok = np.isfinite([lo, hi, value]).all() and lo <= value <= hi and lo < hi
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(
            f"the param of method {method.label!r} must be (name, lo, hi, value) with "
            f"lo <= value <= hi, e.g. ('β', 0, 0.99, 0.9); got {method.param!r}."
        )
    method.rule_at(value)  # a bad value for the rule fails here, at once


def _padded(values, pad=0.05):
    """``(lo, hi)`` around the finite ``values``, with a margin."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not v.size:
        return (0.0, 1.0)
    lo, hi = float(v.min()), float(v.max())
    margin = pad * (hi - lo) if hi > lo else max(abs(hi), 1.0) * pad
    return (lo - margin, hi + margin)


def _pad_rows(thetas, max_steps):
    """A run's states, the last repeated to ``max_steps + 1`` rows."""
    return np.concatenate([thetas, np.repeat(thetas[-1:], max_steps + 1 - len(thetas), axis=0)])


def _as_panel(ax, panel):
    """Limits, ticks and labels as the explorer's ``panel`` has them."""
    ax.set(xlim=panel["xlim"], ylim=panel["ylim"], xlabel=panel["xlabel"], ylabel=panel["ylabel"])
    for axis, ticks in ((ax.xaxis, panel["xticks"]), (ax.yaxis, panel["yticks"])):
        axis.set_ticks([v for v, _ in ticks], [label for _, label in ticks])


def _png(fig, dpi=None):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return base64.b64encode(buf.getvalue()).decode()


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


def _why(err):
    """An exception in words: a ValueError's message, or another's type and message."""
    return str(err) if isinstance(err, ValueError) else f"{type(err).__name__}: {err}"


def _point(theta):
    return "(" + ", ".join(f"{v:.3g}" for v in np.atleast_1d(theta)) + ")"

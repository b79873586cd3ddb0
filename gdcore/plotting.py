"""Static figures and animations of a descent.

Plotting takes descent results or plain arrays and never computes a gradient;
where a figure needs the loss surface, it evaluates the loss it is given. That
loss may be written for one parameter vector or for a stack of them: it is
wrapped once, by :func:`gdcore._stacking.as_stacked`, where it comes in.
"""

import base64
import io
import numbers
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from PIL import Image

from ._stacking import as_stacked, in_blocks

PATH_STYLE = {"color": "#d62728", "marker": "o", "markersize": 3, "linewidth": 1.2}


def plot_curve(f, results=(), *, xlim, ax=None, labels=None, name="x"):
    """A loss of one parameter, with the path of each descent drawn on it.

    Parameters
    ----------
    f : callable, ndarray of shape (k, 1) -> ndarray of shape (k,)
        Or a function of one parameter vector, ndarray of shape (1,) -> float.
    results : sequence of Descent
    xlim : (float, float)
    """
    f = as_stacked(f, [np.mean(xlim)], "loss")
    ax = ax or plt.figure(figsize=(5, 3.5)).gca()
    xs = np.linspace(*xlim, 400)
    with np.errstate(all="ignore"):  # a loss may be undefined in part of the window
        ax.plot(xs, f(xs[:, None]), color="0.3")
        for i, r in enumerate(_as_list(results)):
            x = np.clip(r.thetas[:, 0], *xlim)
            ax.plot(x, f(x[:, None]), **_style(i), label=_label(labels, i))
    ax.set(xlim=xlim, xlabel=name, ylabel="loss")
    _legend(ax, labels)
    return ax


def plot_contours(loss, results=(), *, extent, ax=None, labels=None, names=("θ₀", "θ₁")):
    """Contours of a loss of two parameters, with the path of each descent on them.

    Parameters
    ----------
    loss : callable, ndarray of shape (k, 2) -> ndarray of shape (k,)
        Or a function of one parameter vector, ndarray of shape (2,) -> float.
    extent : (xmin, xmax, ymin, ymax)
    """
    ax = ax or plt.figure(figsize=(5, 4)).gca()
    a, b, z, levels = _contour_grid(loss, extent)
    ax.contour(a, b, z, levels=levels, cmap="viridis", linewidths=0.8)
    for i, r in enumerate(_as_list(results)):
        ax.plot(*r.thetas.T, **_style(i), label=_label(labels, i))
    ax.set(xlim=extent[:2], ylim=extent[2:], xlabel=names[0], ylabel=names[1])
    _legend(ax, labels)
    return ax


def _contour_grid(loss, extent):
    """The loss on a 120 x 120 grid over ``extent``, masked where it is not finite,
    and 25 levels packed towards the bottom, where the paths end."""
    loss = as_stacked(loss, [np.mean(extent[:2]), np.mean(extent[2:])], "loss")
    a, b = np.meshgrid(np.linspace(*extent[:2], 120), np.linspace(*extent[2:], 120))
    with np.errstate(all="ignore"):  # a loss may be undefined in part of the window
        z = np.ma.masked_invalid(in_blocks(loss, np.column_stack([a.ravel(), b.ravel()])))
    z = z.reshape(a.shape)
    if not z.count():
        raise ValueError(f"the loss is not finite anywhere in extent={tuple(extent)}; widen it.")
    return a, b, z, np.unique(np.quantile(z.compressed(), np.linspace(0, 1, 25) ** 2))


def contour_image(loss, extent, size=(720, 600)):
    """Contours of a loss of two parameters, with no axes, as an RGBA image of ``size``
    pixels: a uint8 array of shape (height, width, 4), the top row first.

    The explorer stretches this picture over its plot and draws the axes itself,
    in the theme's colours. The filled bands are translucent, so that the page's
    background, light or dark, shows through.
    """
    fig = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100)
    fig.patch.set_alpha(0)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    a, b, z, levels = _contour_grid(loss, extent)
    # viridis without its darkest fifth, which a dark page would swallow
    cmap = ListedColormap(plt.get_cmap("viridis")(np.linspace(0.2, 1, 256)))
    ax.contourf(a, b, z, levels=levels, cmap=cmap, alpha=0.3)
    ax.contour(a, b, z, levels=levels, cmap=cmap, linewidths=1.2)
    ax.set(xlim=extent[:2], ylim=extent[2:])
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def png_bytes(rgba):
    """An RGBA array as PNG bytes, compressed lightly: quick to make, quick to send."""
    return _png_bytes(Image.fromarray(rgba))


def plot_losses(results, *, ax=None, labels=None, floor=0.0, ylabel=None):
    """Loss against step, on a log scale; ``floor`` (the smallest loss) is subtracted.

    ``ylabel`` says what was subtracted; by default "loss − min", or "loss" for a floor of 0.
    """
    ax = ax or plt.figure(figsize=(5, 3)).gca()
    for i, r in enumerate(_as_list(results)):
        excess = np.maximum(r.losses - floor, 1e-16)
        ax.semilogy(excess, color=_style(i)["color"], label=_label(labels, i))
    ax.set(xlabel="step", ylabel=ylabel or ("loss − min" if floor else "loss"))
    _legend(ax, labels)
    return ax


def save_animation(result, path, *, loss, extent, fps=8, names=("θ₀", "θ₁")):
    """Write the descent ``result`` as an animation, step by step, for slides.

    The format follows the suffix: ``.gif``, or ``.html`` for a self-contained
    page with its frames inlined and its own play controls, which needs nothing
    from the network. Neither needs ffmpeg. For one parameter, ``extent`` is
    ``(xmin, xmax)``. The file name, its folder, ``fps`` and ``extent`` are
    checked before anything is drawn; the loss is drawn once, and each frame
    only adds the path.

    Parameters
    ----------
    result : Descent
    path : str or Path
    loss : callable, ndarray of shape (k, n_params) -> ndarray of shape (k,)
        Or a function of one parameter vector, ndarray of shape (n_params,) -> float.
    extent : (xmin, xmax) or (xmin, xmax, ymin, ymax)
    fps : float, frames per second, above 0 and at most 50
    """
    path = _export_path(path)
    ms = round(1000 / _check_fps(fps))
    _check_extent(result, extent)
    images = _frames(result, as_stacked(loss, result.thetas[0], "loss"), extent, names)
    if path.suffix.lower() == ".gif":
        images[0].save(path, save_all=True, append_images=images[1:], duration=ms, loop=0)
    else:
        page = _html_player(
            [_png_bytes(im) for im in images], ms, f"Gradient descent, α = {result.lr:.3g}"
        )
        path.write_text(page, encoding="utf-8")
    return path


def _export_path(path):
    """``path`` as a Path, once its suffix is known and its folder can take a file."""
    path = Path(path)
    if path.suffix.lower() not in (".gif", ".html", ".htm"):
        raise ValueError(f"cannot export {path.name!r}: use a .gif or .html file name.")
    folder = str(path.parent)
    if not path.parent.is_dir():
        raise FileNotFoundError(
            f"cannot write {path.name!r}: the folder {folder!r} does not exist; "
            f"create it first, e.g. Path({folder!r}).mkdir(parents=True), or pick another."
        )
    if not os.access(path.parent, os.W_OK):
        raise PermissionError(
            f"cannot write {path.name!r}: the folder {folder!r} is read-only; "
            "save into a folder of your own."
        )
    return path


def _check_fps(fps):
    # A GIF counts its delays in hundredths of a second, and browsers play delays
    # under 20 ms slower, not faster: above 50 frames a second only looks worse.
    if isinstance(fps, numbers.Real) and not isinstance(fps, bool) and 0 < fps <= 50:
        return float(fps)
    raise ValueError(f"fps must be a number of frames per second in (0, 50], got {fps!r}; e.g. 8.")


def _check_extent(result, extent):
    n = result.thetas.shape[1]
    if n not in (1, 2):
        raise ValueError(f"an animation draws 1 or 2 parameters, but the run has {n}.")
    box = np.asarray(extent, dtype=float).reshape(-1)
    want = "(xmin, xmax)" if n == 1 else "(xmin, xmax, ymin, ymax)"
    if box.size != 2 * n or not np.isfinite(box).all() or (box[1::2] <= box[::2]).any():
        raise ValueError(f"extent must be {want}, each min below its max, got {tuple(extent)}.")


def _frames(result, loss, extent, names):
    """Each step of the run drawn over the loss, as palette images of one size.

    All frames share one palette, taken from the last frame, which holds the
    whole path; so each frame is quantized by lookup and the GIF needs one palette.
    """
    draw, n = _frame_drawer(result, loss, extent, names)
    palette = Image.fromarray(draw(n - 1)).quantize(256, method=Image.Quantize.MEDIANCUT)
    exact = Image.Dither.NONE
    return [Image.fromarray(draw(k)).quantize(palette=palette, dither=exact) for k in range(n)]


def _frame_drawer(result, loss, extent, names):
    """``draw(k)``, the frame of step k as an RGB array, and the number of frames.

    The loss is rendered once, on an Agg canvas; each frame restores those pixels
    and draws only the path and the title over them.
    """
    fig = Figure(figsize=(5, 4), dpi=80, layout="constrained")
    canvas, ax = FigureCanvasAgg(fig), fig.gca()
    if result.thetas.shape[1] == 1:
        plot_curve(loss, xlim=extent, ax=ax, name=names[0])
        xy = np.column_stack([result.thetas[:, 0], loss(result.thetas)])
    else:
        plot_contours(loss, extent=extent, ax=ax, names=names)
        xy = result.thetas
    (line,) = ax.plot([], [], animated=True, **PATH_STYLE)
    caption = lambda k: f"step {k}, α = {result.lr:.3g}"
    # Laid out with the longest caption, so that every frame's caption fits.
    title = ax.set_title(caption(len(xy) - 1), fontsize=10, animated=True)
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)

    def draw(k):
        canvas.restore_region(background)
        line.set_data(*xy[: k + 1].T)
        title.set_text(caption(k))
        ax.draw_artist(line)
        ax.draw_artist(title)
        return np.asarray(canvas.buffer_rgba())[..., :3].copy()

    return draw, len(xy)


def _png_bytes(image):
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _html_player(frames, ms, title):
    """A page that plays ``frames`` (PNG bytes), one every ``ms`` milliseconds."""
    sources = ",".join(f'"data:image/png;base64,{base64.b64encode(f).decode()}"' for f in frames)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: sans-serif">
<img id="frame" alt="{title}"><br>
<button id="play">pause</button>
<input id="step" type="range" min="0" max="{len(frames) - 1}" value="0" style="width: 300px">
<script>
const frames = [{sources}];
const img = document.getElementById("frame"), step = document.getElementById("step");
const play = document.getElementById("play");
let k = 0, timer = null;
const show = (i) => {{ k = i; img.src = frames[i]; step.value = i; }};
const tick = () => show((k + 1) % frames.length);
const toggle = () => {{
  if (timer) {{ clearInterval(timer); timer = null; play.textContent = "play"; }}
  else {{ timer = setInterval(tick, {ms}); play.textContent = "pause"; }}
}};
play.onclick = toggle;
step.oninput = () => show(+step.value);
show(0);
toggle();
</script>
</body></html>
"""


def _as_list(results):
    return [results] if hasattr(results, "thetas") else list(results)


def _style(i):
    colors = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd"]
    return {**PATH_STYLE, "color": colors[i % len(colors)]}


def _label(labels, i):
    return labels[i] if labels else None


def _legend(ax, labels):
    if labels:
        ax.legend(fontsize=8)

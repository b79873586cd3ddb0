"""Static figures and animations of a descent.

Plotting takes descent results or plain arrays and never computes a gradient;
where a figure needs the loss surface, it evaluates the loss it is given.
"""

import base64
import io
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

PATH_STYLE = {"color": "#d62728", "marker": "o", "markersize": 3, "linewidth": 1.2}


def plot_curve(f, results=(), *, xlim, ax=None, labels=None, name="x"):
    """A loss of one parameter, with the path of each descent drawn on it.

    Parameters
    ----------
    f : callable, ndarray of shape (k, 1) -> ndarray of shape (k,)
    results : sequence of Descent
    xlim : (float, float)
    """
    ax = ax or plt.figure(figsize=(5, 3.5)).gca()
    xs = np.linspace(*xlim, 400)
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
    extent : (xmin, xmax, ymin, ymax)
    """
    ax = ax or plt.figure(figsize=(5, 4)).gca()
    a, b = np.meshgrid(np.linspace(*extent[:2], 120), np.linspace(*extent[2:], 120))
    z = loss(np.stack([a.ravel(), b.ravel()], axis=1)).reshape(a.shape)
    levels = np.quantile(z, np.linspace(0, 1, 25) ** 2)
    ax.contour(a, b, z, levels=np.unique(levels), cmap="viridis", linewidths=0.8)
    for i, r in enumerate(_as_list(results)):
        ax.plot(*r.thetas.T, **_style(i), label=_label(labels, i))
    ax.set(xlim=extent[:2], ylim=extent[2:], xlabel=names[0], ylabel=names[1])
    _legend(ax, labels)
    return ax


def plot_losses(results, *, ax=None, labels=None, floor=0.0):
    """Loss against step, on a log scale; ``floor`` (the smallest loss) is subtracted."""
    ax = ax or plt.figure(figsize=(5, 3)).gca()
    for i, r in enumerate(_as_list(results)):
        excess = np.maximum(r.losses - floor, 1e-16)
        ax.semilogy(excess, color=_style(i)["color"], label=_label(labels, i))
    ax.set(xlabel="step", ylabel="loss − min" if floor else "loss")
    _legend(ax, labels)
    return ax


def save_animation(result, path, *, loss, extent, fps=8, names=("θ₀", "θ₁")):
    """Write the descent ``result`` as an animation, step by step, for slides.

    The format follows the suffix: ``.gif``, or ``.html`` for a self-contained
    page with its frames inlined and its own play controls, which needs nothing
    from the network. Neither needs ffmpeg. For one parameter, ``extent`` is
    ``(xmin, xmax)``.
    """
    path = Path(path)
    if path.suffix not in (".gif", ".html", ".htm"):
        raise ValueError(f"cannot export {path.name!r}: use a .gif or .html file name.")
    frames = list(_frames(result, loss, extent, names))
    if path.suffix == ".gif":
        images = [Image.open(io.BytesIO(png)) for png in frames]
        images[0].save(path, save_all=True, append_images=images[1:], duration=1000 // fps, loop=0)
    else:
        path.write_text(_html_player(frames, fps, f"Gradient descent, α = {result.lr:.3g}"))
    return path


def _frames(result, loss, extent, names):
    """Each step of the run drawn over the loss, as PNG bytes."""
    fig = Figure(figsize=(5, 4), dpi=80, layout="constrained")
    ax = fig.gca()
    if result.thetas.shape[1] == 1:
        plot_curve(loss, xlim=extent, ax=ax, name=names[0])
        xy = np.column_stack([result.thetas[:, 0], loss(result.thetas)])
    else:
        plot_contours(loss, extent=extent, ax=ax, names=names)
        xy = result.thetas
    (line,) = ax.plot([], [], **PATH_STYLE)
    for k in range(len(xy)):
        line.set_data(*xy[: k + 1].T)
        ax.set_title(f"step {k}, α = {result.lr:.3g}", fontsize=10)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        yield buf.getvalue()


def _html_player(frames, fps, title):
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
  else {{ timer = setInterval(tick, {1000 // fps}); play.textContent = "pause"; }}
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

"""Static figures and animations of a descent.

Plotting takes descent results or plain arrays and never computes a gradient;
where a figure needs the loss surface, it evaluates the loss it is given.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import animation

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

    The format follows the suffix: ``.gif`` (Pillow) or ``.html`` (a
    self-contained page with its frames inlined). Neither needs ffmpeg.
    For one parameter, ``extent`` is ``(xmin, xmax)``.
    """
    path = Path(path)
    fig, ax = plt.subplots(figsize=(5, 4), dpi=80)
    if result.thetas.shape[1] == 1:
        plot_curve(loss, xlim=extent, ax=ax, name=names[0])
        xy = np.column_stack([result.thetas[:, 0], loss(result.thetas)])
    else:
        plot_contours(loss, extent=extent, ax=ax, names=names)
        xy = result.thetas
    (line,) = ax.plot([], [], **PATH_STYLE)
    title = ax.set_title("")

    def frame(k):
        line.set_data(*xy[: k + 1].T)
        title.set_text(f"step {k}, α = {result.lr:.3g}")
        return line, title

    anim = animation.FuncAnimation(fig, frame, frames=len(xy), interval=1000 / fps, blit=False)
    if path.suffix == ".gif":
        anim.save(path, writer=animation.PillowWriter(fps=fps))
    elif path.suffix in (".html", ".htm"):
        path.write_text(anim.to_jshtml(fps=fps, default_mode="once"))
    else:
        plt.close(fig)
        raise ValueError(f"cannot export {path.name!r}: use a .gif or .html file name.")
    plt.close(fig)
    return path


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

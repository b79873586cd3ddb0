import base64
import io
import re

import numpy as np
import pytest
from numpy.testing import assert_allclose
from PIL import Image

import gdcore
from gdcore import plotting

loss = lambda t: np.sum((t - 1) ** 2, axis=-1)
grad = lambda t: 2 * (t - 1)


@pytest.fixture
def run():
    return gdcore.descend(grad, [-1.0, 2.5], 0.2, 12, loss=loss)


@pytest.mark.parametrize("suffix, magic", [(".gif", b"GIF89a"), (".html", b"<!DOCTYPE html>")])
def test_animation_exports_without_ffmpeg(tmp_path, run, suffix, magic):
    path = plotting.save_animation(
        run, tmp_path / f"descent{suffix}", loss=loss, extent=(-2, 3, -1, 4)
    )
    content = path.read_bytes()
    assert content.startswith(magic)
    if suffix == ".html":
        assert content.count(b"data:image/png;base64") >= len(run.thetas)
        assert b"http" not in content  # self-contained: nothing to fetch


def test_animation_of_one_parameter(tmp_path):
    run = gdcore.descend(lambda t: 2 * (t - 1), [3.0], 0.3, 8, loss=lambda t: (t[..., 0] - 1) ** 2)
    path = plotting.save_animation(
        run, tmp_path / "a.gif", loss=lambda t: (t[..., 0] - 1) ** 2, extent=(-1, 4)
    )
    assert path.stat().st_size > 1000


def test_an_unknown_format_is_refused(tmp_path, run):
    with pytest.raises(ValueError, match=r"use a \.gif or \.html"):
        plotting.save_animation(run, tmp_path / "a.mp4", loss=loss, extent=(-2, 3, -1, 4))


def test_figures_draw_each_path(run):
    ax = plotting.plot_contours(loss, [run, run], extent=(-2, 3, -1, 4), labels=["a", "b"])
    assert len(ax.lines) == 2
    ax = plotting.plot_losses(run, floor=0.0)
    assert len(ax.lines) == 1


def gif_frames(path, steps):
    """The frames at ``steps`` of a GIF, as RGB arrays."""
    with Image.open(path) as gif:
        frames = []
        for k in steps:
            gif.seek(k)
            frames.append(np.asarray(gif.convert("RGB"), dtype=int))
        return gif.n_frames, frames


def path_pixels(rgb):
    """How many pixels have the path's red, #d62728."""
    return int(np.sum(np.abs(rgb - [214, 39, 40]).max(axis=-1) < 40))


def test_each_frame_draws_the_path_so_far(tmp_path, run):
    path = plotting.save_animation(run, tmp_path / "a.gif", loss=loss, extent=(-2, 3, -1, 4))
    n, frames = gif_frames(path, [0, 1, 6, len(run.thetas) - 1])
    assert n == len(run.thetas)
    red = [path_pixels(f) for f in frames]
    assert 0 < red[0] < red[1] < red[2] < red[3]
    # Only the path and the step in the title change between frames.
    changed = np.any(frames[0] != frames[-1], axis=-1)
    assert changed.sum() > 100 and changed.mean() < 0.2


def test_each_html_frame_differs(tmp_path, run):
    path = plotting.save_animation(run, tmp_path / "a.html", loss=loss, extent=(-2, 3, -1, 4))
    sources = re.findall(r'"data:image/png;base64,([^"]+)"', path.read_text(encoding="utf-8"))
    assert len(sources) == len(run.thetas)
    first, last = (png_pixels(base64.b64decode(s)) for s in (sources[0], sources[-1]))
    assert 0 < path_pixels(first) < path_pixels(last)


def png_pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def test_the_loss_is_drawn_once_per_export(tmp_path, run, monkeypatch):
    calls = []
    draw = plotting.plot_contours
    monkeypatch.setattr(plotting, "plot_contours", lambda *a, **k: calls.append(1) or draw(*a, **k))
    plotting.save_animation(run, tmp_path / "a.gif", loss=loss, extent=(-2, 3, -1, 4))
    assert len(calls) == 1 and len(run.thetas) == 13


@pytest.mark.parametrize(
    "f",
    [
        lambda t: (t[0] - 1) ** 2 + (t[1] - 1) ** 2,  # for one vector only
        lambda t: float((t - 1) @ (t - 1)),  # fails on a stack
    ],
)
def test_figures_take_a_loss_written_for_one_vector(f, run, tmp_path):
    ref = plotting.plot_contours(loss, extent=(-2, 3, -1, 4))
    ax = plotting.plot_contours(f, run, extent=(-2, 3, -1, 4))
    assert_allclose(ax.collections[0].levels, ref.collections[0].levels, rtol=1e-12)
    one = lambda t: (t[0] - 1) ** 2
    ax = plotting.plot_curve(one, xlim=(-1, 3))
    xs, ys = ax.lines[0].get_data()
    assert_allclose(ys, (xs - 1) ** 2)
    path = plotting.save_animation(run, tmp_path / "a.gif", loss=f, extent=(-2, 3, -1, 4))
    assert path.read_bytes().startswith(b"GIF89a")

import numpy as np
import pytest

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

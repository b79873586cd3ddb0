"""Saved explorers and the static site, without a browser: what a page is given to show."""

import base64
import gzip
import json
import re

import nbformat
import numpy as np
import pytest

from gdcore import pages, site
from gdcore.scene import build_scene, decode, encode
from gdcore.widgets import explore

rng = np.random.default_rng(3)
x = rng.uniform(0, 4, 30)
y = 0.5 + 1.5 * x + rng.normal(0, 0.3, 30)


def loss(t):
    return np.mean((t[..., 0, None] + t[..., 1, None] * x - y) ** 2, axis=-1)


def grad(t):
    r = t[..., 0, None] + t[..., 1, None] * x - y
    return np.stack([np.mean(2 * r, -1), np.mean(2 * r * x, -1)], -1)


def line(t, xs):
    return t[..., 0, None] + t[..., 1, None] * xs


def s_curve(t, xs):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-(t[..., 0, None] + t[..., 1, None] * xs)))


def unpacked(text):
    return gzip.decompress(base64.b64decode(text))


@pytest.fixture(scope="module")
def explorer():
    return explore(
        loss, grad, [3.0, -1.0], steps=60, max_steps=150, names=("c", "m"), data=(x, y), model=line
    )


@pytest.fixture(scope="module")
def state(explorer):
    return pages.saved_state(explorer)


def test_the_saved_scene_is_the_explorers_scene_in_float32(explorer, state):
    header, arrays = decode(unpacked(state["wire"]))
    want_header, want = decode(encode(explorer.scene))
    assert header["float"] == 4 and want_header["float"] == 8
    assert header["words"] == want_header["words"]
    for name, a in want.items():
        assert arrays[name].dtype == np.float32
        top = np.finfo(np.float32).max
        np.testing.assert_array_equal(arrays[name], np.clip(a, -top, top).astype(np.float32))


def test_float32_keeps_a_runaway_loss_finite_and_at_the_top():
    huge = explore(lambda t: (t[..., 0] - 2) ** 2, lambda t: 2 * (t - 2), [-1.0], lr=1.4, steps=300)
    _, arrays = decode(encode(huge.scene, float_bytes=4))
    excess = arrays["excess"][np.isfinite(arrays["excess"])]
    assert excess.max() == np.finfo(np.float32).max
    with pytest.raises(ValueError, match="4 or 8"):
        encode(huge.scene, float_bytes=2)


def test_saved_statuses_are_gdcores_at_every_count_the_slider_stops_at(explorer, state):
    every = state["offline"]["every"]
    said = json.loads(unpacked(state["statuses"]))
    counts = range(0, explorer.max_steps + 1, every)
    assert len(said["kinds"]) == len(counts)
    for i, k in zip([0, 7, len(counts) - 1], [counts[0], counts[7], counts[-1]]):
        scene = build_scene(explorer._view, explorer._runs, rate=0, steps=k)
        assert said["kinds"][i] == [list(row) for row in scene.kinds]
        assert [[said["texts"][w] for w in row] for row in said["words"][i]] == [
            list(row) for row in scene.words
        ]


@pytest.mark.parametrize(
    ("steps", "max_steps"), [(60, 150), (250, 400), (1000, 1000), (7, 10_000), (0, 200), (97, 997)]
)
def test_the_steps_slider_stops_on_the_steps_shown_and_on_the_last(steps, max_steps):
    every = pages._every(steps, max_steps)
    assert steps % every == 0 and max_steps % every == 0
    assert max_steps // every <= pages.SAVED_COUNTS or every == np.gcd(steps, max_steps)


def cubic(t):
    return np.array(
        [
            (-(t**3) + 2 * t**2 - t) / 2,
            (3 * t**3 - 5 * t**2 + 2) / 2,
            (-3 * t**3 + 4 * t**2 + t) / 2,
            (t**3 - t**2) / 2,
        ]
    )


def read_table(table, theta):
    """What offline.js reads off the table, written again in numpy for two parameters."""
    n, lo, hi = table["nodes"], np.array(table["lo"]), np.array(table["hi"])
    values = np.frombuffer(unpacked(table["values"]), "<f4").reshape(n, n, -1).astype(float)
    # One node past each edge, continued along a straight line.
    values = np.concatenate([2 * values[:1] - values[1:2], values, 2 * values[-1:] - values[-2:-1]])
    values = np.concatenate(
        [2 * values[:, :1] - values[:, 1:2], values, 2 * values[:, -1:] - values[:, -2:-1]], 1
    )
    u = (np.asarray(theta) - lo) / (hi - lo) * (n - 1)
    i = np.minimum(np.floor(u).astype(int), n - 2)
    wx, wy = cubic(u[0] - i[0]), cubic(u[1] - i[1])
    rows = values[i[1] : i[1] + 4, i[0] : i[0] + 4]  # nodes i - 1 … i + 2, shifted by the padding
    return np.einsum("b,a,bap->p", wy, wx, rows)


def test_the_model_table_gives_a_line_exactly(explorer, state):
    box = explorer.scene.view.panels["surface"]
    for theta in rng.uniform(
        [box["xlim"][0], box["ylim"][0]], [box["xlim"][1], box["ylim"][1]], (50, 2)
    ):
        got = read_table(state["table"], theta)
        np.testing.assert_allclose(got, line(theta, explorer.scene.view.curve_xs), atol=1e-5)


def test_the_model_table_draws_a_sigmoid_within_a_pixel():
    ex = explore(loss, grad, [3.0, -1.0], steps=60, data=(x, (y > 3).astype(float)), model=s_curve)
    table = pages.saved_state(ex)["table"]
    box = ex.scene.view.panels
    span = box["data"]["ylim"][1] - box["data"]["ylim"][0]
    worst = 0.0
    for theta in rng.uniform(
        [box["surface"]["xlim"][0], box["surface"]["ylim"][0]],
        [box["surface"]["xlim"][1], box["surface"]["ylim"][1]],
        (200, 2),
    ):
        gap = np.abs(read_table(table, theta) - s_curve(theta, ex.scene.view.curve_xs)).max()
        worst = max(worst, gap / span)
    assert worst < 1 / 300  # under a pixel of a 300-pixel panel


def test_an_explorer_without_data_has_no_table():
    ex = explore(lambda t: (t[..., 0] - 2) ** 2 + 1, lambda t: 2 * (t - 2), [-1.0], steps=20)
    state = pages.saved_state(ex)
    assert state["table"] is None
    assert state["offline"]["why"].endswith("move the start or type a rate off the slider.")


def test_a_method_with_a_slider_says_it_needs_the_kernel_too():
    from gdcore.rules import momentum_update
    from gdcore.scene import Method

    ex = explore(
        loss,
        grad,
        [3.0, -1.0],
        methods=[Method("momentum", momentum_update, param=("β", 0, 0.99, 0.9))],
    )
    assert "type a rate off the slider or move β" in pages.saved_state(ex)["offline"]["why"]


def test_save_html_writes_one_page_that_loads_nothing(explorer, tmp_path):
    path = explorer.save_html(tmp_path / "explorer.html")
    text = path.read_text()
    assert 'data-gd-explorer="explorer"' in text
    # Nothing that a browser would fetch (comments in JupyterLab's theme name a few sites).
    fetches = re.findall(
        r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", text
    )
    assert fetches == []
    assert "export default" not in text  # the module's export is cut: a classic script


@pytest.mark.parametrize(
    ("name", "match"),
    [("explorer.png", r"\.html"), ("missing/explorer.html", "no folder")],
)
def test_save_html_refuses_a_bad_path_with_the_fix(explorer, tmp_path, name, match):
    with pytest.raises(ValueError, match=match):
        explorer.save_html(tmp_path / name)


def test_a_saved_state_cannot_close_its_script_tag():
    html = pages.placeholder("k", {"title": "</script><script>alert(1)</script>"})
    assert html.count("</script>") == 1


def test_maths_becomes_mathml_with_no_dollars_left():
    out = site.mathml(r"$\displaystyle \frac{\partial}{\partial m} \left(m x + c\right)^{2}$")
    assert out.startswith("<math") and "<mfrac>" in out and "$" not in out
    assert 'display="inline"' in site.mathml("$x^2$", display="inline")


def test_markdown_maths_and_lesson_links_are_rewritten():
    exporter = site._LessonExporter()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "Next: [03](03_simultaneous_updates.ipynb#Derive), $a^2$ and $$b$$"
        )
    ]
    html, _ = exporter.from_notebook_node(nb, resources={"nav": ""})
    assert 'href="03_simultaneous_updates.html#Derive"' in html
    assert html.count("<math") == 2 and "$" not in html.split("<main")[1]


def test_an_explorer_output_becomes_its_saved_element_and_other_widgets_their_picture():
    data = {site._WIDGET: {"model_id": "abc"}, "image/png": "iVBOR", "text/plain": "Explorer()"}
    site._save_explorer(data, {"abc": {"title": ""}})
    assert list(data) == ["text/html"] and 'data-gd-explorer="gd-abc"' in data["text/html"]
    other = {site._WIDGET: {"model_id": "zzz"}, "image/png": "iVBOR"}
    site._save_explorer(other, {"abc": {}})
    assert list(other) == ["image/png"]


def test_the_maths_font_keeps_its_math_table_and_is_renamed():
    from io import BytesIO

    from fontTools.ttLib import TTFont

    font = TTFont(BytesIO(site.math_font("∑x")))
    assert "MATH" in font
    assert font["name"].getDebugName(1) == "Lesson Math"
    assert "OFL" in font["name"].getDebugName(13)


def test_a_one_parameter_model_gets_a_table_along_its_one_axis():
    ex = explore(
        lambda t: np.mean((t[..., 0, None] * x - y) ** 2, -1),
        lambda t: np.mean(2 * (t[..., 0, None] * x - y) * x, -1)[..., None],
        [0.0],
        data=(x, y),
        model=lambda t, xs: t[..., 0, None] * xs,
    )
    table = pages.saved_state(ex)["table"]
    values = np.frombuffer(unpacked(table["values"]), "<f4").reshape(pages.TABLE, -1)
    nodes = np.linspace(table["lo"][0], table["hi"][0], pages.TABLE)
    np.testing.assert_allclose(values, nodes[:, None] * ex.scene.view.curve_xs, rtol=1e-6)

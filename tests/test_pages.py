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
    ("steps", "max_steps"), [(60, 150), (250, 400), (1000, 1000), (40, 200), (0, 200), (300, 300)]
)
def test_the_steps_slider_stops_on_the_steps_shown_and_on_the_last_as_often_as_it_may(
    steps, max_steps
):
    every = pages._every(steps, max_steps)
    assert steps % every == 0 and max_steps % every == 0
    assert max_steps // every <= pages.SAVED_COUNTS
    finer = [d for d in range(1, every) if steps % d == 0 and max_steps % d == 0]
    assert all(max_steps // d > pages.SAVED_COUNTS for d in finer)


def test_with_no_step_that_fits_the_slider_stops_at_every_count_both_share():
    assert pages._every(7, 200) == 1 and pages._every(999, 1000) == 1


def values_of(table):
    return np.frombuffer(unpacked(table["values"]), "<f4")


def read_two_params(table, theta):
    """The table read at one point of two parameters, written out longhand: the
    reference for pages.read_table."""
    n, lo, hi = table["nodes"], np.array(table["lo"]), np.array(table["hi"])
    values = values_of(table).reshape(n, n, -1).astype(float)
    # One node past each edge, continued along a straight line.
    values = np.concatenate([2 * values[:1] - values[1:2], values, 2 * values[-1:] - values[-2:-1]])
    values = np.concatenate(
        [2 * values[:, :1] - values[:, 1:2], values, 2 * values[:, -1:] - values[:, -2:-1]], 1
    )
    u = (np.asarray(theta) - lo) / (hi - lo) * (n - 1)
    i = np.minimum(np.floor(u).astype(int), n - 2)

    def cubic(t):
        return (
            np.array(
                [
                    -(t**3) + 2 * t**2 - t,
                    3 * t**3 - 5 * t**2 + 2,
                    -3 * t**3 + 4 * t**2 + t,
                    t**3 - t**2,
                ]
            )
            / 2
        )

    wx, wy = cubic(u[0] - i[0]), cubic(u[1] - i[1])
    rows = values[i[1] : i[1] + 4, i[0] : i[0] + 4]  # nodes i - 1 … i + 2, shifted by the padding
    return np.einsum("b,a,bap->p", wy, wx, rows)


def window_points(view, count):
    box = view.panels["surface"]
    return rng.uniform(
        [box["xlim"][0], box["ylim"][0]], [box["xlim"][1], box["ylim"][1]], (count, 2)
    )


def test_read_table_is_the_longhand_reading(explorer, state):
    table = state["table"]
    thetas = window_points(explorer.scene.view, 30)
    got = pages.read_table(table, values_of(table), thetas)
    np.testing.assert_allclose(got, [read_two_params(table, t) for t in thetas], atol=1e-12)


def test_the_model_table_gives_a_line_exactly_with_the_fewest_nodes(explorer, state):
    table = state["table"]
    assert table["nodes"] == pages.TABLE_NODES[0]
    thetas = window_points(explorer.scene.view, 50)
    got = pages.read_table(table, values_of(table), thetas)
    np.testing.assert_allclose(got, line(thetas, explorer.scene.view.curve_xs), atol=1e-5)


def steep_tanh(t, xs):
    return np.tanh(t[..., 0, None] + t[..., 1, None] * xs)


@pytest.mark.parametrize("model", [s_curve, steep_tanh])
def test_a_curved_model_gets_nodes_enough_to_draw_it_within_a_pixel(model):
    ex = explore(loss, grad, [3.0, -1.0], steps=60, data=(x, np.tanh(y - 3)), model=model)
    table = pages.saved_state(ex)["table"]
    assert table["nodes"] > pages.TABLE_NODES[0]
    thetas = window_points(ex.scene.view, 2000)  # not the points it was sized on
    span = np.ptp(ex.scene.view.panels["data"]["ylim"])
    gaps = np.abs(
        pages.read_table(table, values_of(table), thetas) - model(thetas, ex.scene.view.curve_xs)
    )
    assert gaps.max() <= 1.5 * pages.TABLE_GAP * span  # within 1.5 px of a 300-px panel
    assert np.percentile(gaps.max(axis=1), 99) <= pages.TABLE_GAP * span


def test_an_explorer_without_data_has_no_table():
    ex = explore(lambda t: (t[..., 0] - 2) ** 2 + 1, lambda t: 2 * (t - 2), [-1.0], steps=20)
    state = pages.saved_state(ex)
    assert state["table"] is None
    assert state["offline"]["why"].endswith("move the start or type a rate.")


def test_a_method_with_a_slider_says_it_needs_the_kernel_too():
    from gdcore.rules import momentum_update
    from gdcore.scene import Method

    ex = explore(
        loss,
        grad,
        [3.0, -1.0],
        methods=[Method("momentum", momentum_update, param=("β", 0, 0.99, 0.9))],
    )
    assert "move the start, type a rate or move β." in pages.saved_state(ex)["offline"]["why"]


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


@pytest.mark.parametrize("notebook", [False, True])
def test_every_colour_the_themes_name_is_defined(notebook):
    # A theme colour such as --jp-layout-color1 (the halo under a path) is often
    # var(--md-grey-900); left undefined, the explorer falls back to light colours on dark.
    css = pages.stylesheet(notebook=notebook)
    named = set(re.findall(r"var\((--md-[\w-]+)\)", css))
    defined = set(re.findall(r"(--md-[\w-]+)\s*:", css))
    assert named and named <= defined, sorted(named - defined)[:5]


@pytest.mark.parametrize(
    ("name", "match"),
    [("explorer.png", r"\.html"), ("missing/explorer.html", "no folder")],
)
def test_save_html_refuses_a_bad_path_with_the_fix(explorer, tmp_path, name, match):
    with pytest.raises(ValueError, match=match):
        explorer.save_html(tmp_path / name)


@pytest.mark.parametrize("title", ["</script><script>alert(1)</script>", "a <!--<script> b"])
def test_a_saved_state_cannot_end_its_script_element(title):
    html = pages.placeholder("k", {"title": title})
    data = html.split('<script type="application/json" id="k">', 1)[1]
    assert data.count("<") == 1 and data.endswith("</script>")  # the element's own end only
    assert json.loads(data[: -len("</script>")])["title"] == title


def test_a_notice_is_not_saved():
    """A notice is news of a change made in the kernel; a page opens with none."""
    ex = explore(loss, grad, [3.0, -1.0], steps=20, max_steps=40)
    ex._scene = ex.scene.with_notice("refused", "cannot start there: the loss is not finite")
    header, _ = decode(unpacked(pages.saved_state(ex)["wire"]))
    assert header["notice"] is None


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
    other = {site._WIDGET: {"model_id": "zzz"}, "text/plain": "IntSlider(value=3)"}
    site._save_explorer(other, {"abc": {}})
    assert other == {"text/plain": "IntSlider(value=3)"}


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("# NBVAL_IGNORE_OUTPUT\nexplorer", "explorer"),
        ("if a:\n    # NBVAL_SKIP\n    b\n", "if a:\n    b\n"),
        ("x = 1\n\n# NBVAL_CHECK_OUTPUT\n\n    y = 2", "x = 1\n\n\n    y = 2"),
    ],
)
def test_the_test_suites_markers_are_dropped_and_nothing_else(source, shown):
    assert site._NBVAL_LINE.sub("", source) == shown


def test_the_maths_font_keeps_its_math_table_and_is_renamed():
    from io import BytesIO

    from fontTools.ttLib import TTFont

    font = TTFont(BytesIO(site.math_font("∑x")))
    assert "MATH" in font
    assert font["name"].getDebugName(1) == "Lesson Math"
    assert "OFL" in font["name"].getDebugName(13)


def through_the_origin():
    """An explorer of one parameter with a data panel: the line y = w·x."""
    return explore(
        lambda t: np.mean((t[..., 0, None] * x - y) ** 2, -1),
        lambda t: np.mean(2 * (t[..., 0, None] * x - y) * x, -1)[..., None],
        [0.0],
        data=(x, y),
        model=lambda t, xs: t[..., 0, None] * xs,
    )


def test_a_one_parameter_model_gets_a_table_along_its_one_axis():
    ex = through_the_origin()
    table = pages.saved_state(ex)["table"]
    values = values_of(table).reshape(table["nodes"], -1)
    nodes = np.linspace(table["lo"][0], table["hi"][0], table["nodes"])
    np.testing.assert_allclose(values, nodes[:, None] * ex.scene.view.curve_xs, rtol=1e-6)

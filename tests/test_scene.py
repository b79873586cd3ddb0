"""The explorer's scene, without a browser: what build_scene packs, and the wire it goes by."""

import re

import numpy as np
import pytest
from numpy.testing import assert_allclose

from gdcore import scene as sc
from gdcore.descent import descend_grid
from gdcore.rules import coordinate_update, gd_update, momentum_update

A = np.array([[3.0, 1.0], [1.0, 2.0]])
loss = lambda t: 0.5 * np.einsum("...i,ij,...j->...", t, A, t)
grad = lambda t: t @ A
BOUND = 2 / np.linalg.eigvalsh(A)[-1]
RATES = np.geomspace(BOUND / 100, 1.5 * BOUND, 9)


def view(**changes):
    methods = (sc.Method("plain", gd_update, "#d62728"), sc.Method("sweep", coordinate_update()))
    panels = {"surface": sc.geometry((-3, 3), (-2, 2), "a", "b", shape="contours"), "data": None}
    options = dict(
        methods=methods,
        names=("a", "b"),
        extent=(-3, 3, -2, 2),
        bound=BOUND,
        no_minimum=None,
        floor=0.0,
        loss_label="loss − min",
        minimum=np.zeros(2),
        panels=panels,
    )
    return sc.View(**(options | changes))


def runs(v, start=(2.0, -1.5), rates=RATES, steps=30):
    return [descend_grid(grad, start, rates, steps, loss=loss, rule=m.rule) for m in v.methods]


@pytest.fixture
def scene():
    v = view()
    return sc.build_scene(v, runs(v), rate=3, steps=20)


def test_the_arrays_have_the_shapes_the_docstring_states(scene):
    M, R, S = 2, len(RATES), 30
    assert scene.paths.shape == (M, R, S + 1, 2)
    assert scene.excess.shape == (M, R, S + 1)
    assert scene.lengths.shape == (M, R) and scene.curves.shape == (M, R, 0)
    assert len(scene.kinds) == M and all(len(k) == R for k in scene.kinds)


def test_every_path_is_the_runs_own_states_then_nan(scene):
    v = scene.view
    reference = runs(v)
    for m in range(2):
        for r, run in enumerate(reference):
            run = reference[m][r]
            n = len(run.thetas)
            assert scene.lengths[m, r] == n
            assert_allclose(scene.paths[m, r, :n], run.thetas)
            assert np.isnan(scene.paths[m, r, n:]).all()
            assert_allclose(scene.excess[m, r, :n], np.maximum(run.losses, sc.TINY))


def test_kinds_and_words_come_from_the_runs_at_the_steps_shown(scene):
    v = scene.view
    for m, method in enumerate(runs(v)):
        for r, run in enumerate(method):
            kind, words = run.upto(20).verdict(BOUND, "(a, b)")
            assert scene.kinds[m][r] == kind and scene.words[m][r] == words
    assert set(np.ravel(scene.kinds)) <= set(sc.KINDS)
    assert scene.kinds[0][-1] in ("diverging", "diverged")  # 1.5 x 2/L


def test_a_loss_without_a_minimum_names_why_in_every_status():
    v = view(bound=None, no_minimum="this loss has no minimum: it falls forever", minimum=None)
    scene = sc.build_scene(v, runs(v), rate=0, steps=5)
    assert scene.bound_at is None
    for kinds, words in zip(scene.kinds, scene.words):
        assert all(k == "no minimum" or k.startswith("diverg") for k in kinds)
        assert all(w.startswith("this loss has no minimum: it falls forever; ") for w in words)


@pytest.mark.parametrize(
    "rates",
    [np.geomspace(0.01, 1, 51), np.linspace(0.01, 1, 51), np.array([0.01, 0.02, 0.5, 0.6, 1])],
    ids=["log", "linear", "uneven"],
)
def test_the_2_over_L_mark_sits_where_the_slider_reaches_that_rate(rates):
    """The slider moves by index: at the mark's position, interpolating the rates
    between the two neighbouring indices (on a log scale) gives back 2/L."""
    bound = 0.37
    at = sc.bound_at(rates, bound) * (len(rates) - 1)
    i = int(at)
    between = rates[i] * (rates[i + 1] / rates[i]) ** (at - i)
    assert between == pytest.approx(bound, rel=1e-12)


def test_no_mark_for_a_bound_off_the_slider():
    assert sc.bound_at(np.array([0.1, 0.2]), 0.5) is None
    assert sc.bound_at(np.array([0.1]), 0.1) is None
    assert sc.bound_at(np.array([0.1, 0.2]), None) is None


def test_the_wire_round_trips_every_array_and_is_8_byte_aligned(scene):
    block = sc.encode(scene)
    header, arrays = sc.decode(block)
    assert_allclose(arrays["paths"], scene.paths, equal_nan=True)
    assert_allclose(arrays["excess"], scene.excess, equal_nan=True)
    assert_allclose(arrays["lengths"], scene.lengths)
    n = int.from_bytes(block[:4], "little")
    assert (4 + n + (-(4 + n) % 8)) % 8 == 0
    assert header["kinds"] == [list(k) for k in scene.kinds]
    assert header["rates"] == RATES.tolist() and header["rate"] == 3
    assert header["bound_at"] == pytest.approx(scene.bound_at)


def test_every_header_key_is_documented_in_the_one_place_both_sides_follow(scene):
    header, arrays = sc.decode(sc.encode(scene))
    documented = set(re.findall(r"``(\w+)``", sc.__doc__))
    assert set(header) - {"arrays"} <= documented
    assert set(arrays) <= documented


def test_the_front_end_reads_kinds_never_words():
    js = (sc.__file__.rsplit("/", 1)[0] + "/static/explorer.js").replace("\\", "/")
    source = open(js, encoding="utf-8").read()
    # Words are only ever shown: no pattern is matched against them.
    assert not re.search(r"words[^;\n]*\.(test|match|startsWith|includes|indexOf)\(", source)
    assert "/diverg" not in source and '"cannot' not in source
    assert "max_steps" not in source  # strides come from the shapes in the header


def test_a_notice_replaces_the_status(scene):
    noticed = scene.with_notice("refused", "cannot start there: " + "x" * 500)
    assert noticed.status.startswith("cannot start there") and len(noticed.status) <= 199
    header, _ = sc.decode(sc.encode(noticed))
    assert header["notice"]["kind"] == "refused"


def test_the_loss_panel_shows_two_decades_above_the_start(scene):
    lo, hi = scene.loss_range
    assert hi == pytest.approx(np.log10(loss(np.array([2.0, -1.5]))) + 2)
    assert lo <= hi - 3


@pytest.mark.parametrize(
    ("loss_range", "decades"),
    [
        ((-3.2, 2.4), [-3, -2, -1, 0, 1, 2]),  # six decades: every one
        ((-16.0, 2.0), [-16, -13, -10, -7, -4, -1, 2]),  # eighteen: every third
        ((0.5, 0.9), []),  # no whole decade inside
    ],
)
def test_the_loss_panel_marks_whole_decades_at_most_about_six(loss_range, decades):
    marks = sc.loss_ticks(loss_range)
    assert [e for e, _ in marks] == decades
    assert all(label == f"1e{e}".replace("-", "−") for e, label in marks)


def test_the_header_carries_the_loss_panels_marks(scene):
    header, _ = sc.decode(sc.encode(scene))
    assert header["loss_ticks"] == sc.loss_ticks(scene.loss_range) != []


def test_ticks_are_round_values_inside_the_limits():
    marks = sc.ticks(-0.37, 4.2)
    values = [v for v, _ in marks]
    assert 2 <= len(values) <= 7 and all(-0.37 <= v <= 4.2 for v in values)
    assert marks[0] == [0.0, "0"] and all(np.isclose(v * 5, round(v * 5)) for v in values)
    assert sc.ticks(-2, -1)[0][1].startswith("−")  # a true minus sign


def test_a_method_with_a_parameter_sends_its_slider():
    method = sc.Method("momentum", momentum_update, "#1f77b4", param=("β", 0, 0.99, 0.8))
    v = view(methods=(sc.Method("plain", gd_update, "#d62728"), method))
    rs = [
        descend_grid(grad, (2.0, -1.5), RATES, 30, loss=loss, rule=m.rule_at(0.8))
        for m in v.methods
    ]
    header, _ = sc.decode(sc.encode(sc.build_scene(v, rs, rate=0, steps=30, params=[0.0, 0.8])))
    assert header["methods"][0]["param"] is None
    assert header["methods"][1]["param"] == {"name": "β", "min": 0.0, "max": 0.99, "value": 0.8}

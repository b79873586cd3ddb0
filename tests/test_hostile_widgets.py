"""The explorer and the exports, given what learners really pass them.

Functions written for one parameter vector, losses without a minimum, bad values
set from Python, and export paths that cannot be written: each must either work,
with gdcore's own numbers, or be refused at once, in one line that names the fix,
leaving the explorer as it was.
"""

import re
import time

import numpy as np
import pytest
import traitlets
from numpy.testing import assert_allclose

import gdcore
from gdcore import plotting
from gdcore.curvature import NoMinimum, find_minimum, stability_bound
from gdcore.scene import decode
from gdcore.widgets import Explorer, explore

A = np.array([[3.0, 1.0], [1.0, 2.0]])
START = [2.0, -1.5]
quad_loss = lambda t: 0.5 * np.einsum("...i,ij,...j->...", t, A, t)
quad_grad = lambda t: t @ A

# The same bowl, written by a learner for one vector, and by gdcore for a stack.
ONE_VECTOR = (
    lambda t: (t[0] - 2) ** 2 + (t[1] - 2) ** 2,
    lambda t: np.array([2 * (t[0] - 2), 2 * (t[1] - 2)]),
)
STACKED = (lambda t: np.sum((t - 2) ** 2, axis=-1), lambda t: 2 * (t - 2))


@pytest.fixture
def explorer():
    return Explorer(quad_loss, quad_grad, START, steps=40, max_steps=120)


def sent(ex):
    """The arrays that went to the browser, for the first method."""
    return {
        name: a[0] if a.ndim > 2 or name == "lengths" else a
        for name, a in decode(ex.wire)[1].items()
    }


def sent_paths(ex):
    return sent(ex)["paths"]


def lengths(ex):
    return sent(ex)["lengths"].astype(int)


def state(ex):
    """Everything a refused assignment must leave as it was."""
    names = ["lr", "lr_index", "lrs", "steps", "max_steps", "theta0", "statuses"]
    return {name: getattr(ex, name) for name in names} | {
        "scene": decode(ex.wire)[1]["paths"].tobytes()
    }


def one_line(message):
    assert "\n" not in message and len(message) < 200, message


# --- bad values set from Python -------------------------------------------------------

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    "name, value, fix",
    [
        ("lr", NAN, "lr must be a positive, finite learning rate, got nan; the slider runs from"),
        ("lr", 0.0, "lr must be a positive, finite learning rate, got 0.0"),
        ("lr", -0.1, "lr must be a positive, finite learning rate, got -0.1"),
        ("lr", INF, "lr must be a positive, finite learning rate, got inf"),
        ("lr_index", -1, "lr_index must be from 0 to 100, one per rate in lrs, got -1"),
        ("lr_index", 101, "lr_index must be from 0 to 100, one per rate in lrs, got 101"),
        ("steps", -1, "steps must be a whole number from 0 to max_steps = 120, got -1"),
        ("steps", 121, "got 121; to show more steps, raise max_steps first"),
        ("theta0", [1.0], "theta0 needs 2 numbers, one per parameter, got 1"),
        ("theta0", [1.0, 2.0, 3.0], "theta0 needs 2 numbers, one per parameter, got 3"),
        ("theta0", [NAN, 1.0], "theta0 must be finite, got (nan, 1)"),
        ("theta0", [1.0, -INF], "theta0 must be finite, got (1, -inf)"),
        ("max_steps", 0, "max_steps must be a whole number from 1 to 10000, got 0"),
        ("max_steps", 10**6, "max_steps must be a whole number from 1 to 10000, got 1000000"),
        ("lrs", [], "lrs must hold 1 to 1000 learning rates, got 0"),
        ("lrs", [0.1, -0.2], "lrs must be positive and finite, got [-0.2]"),
        ("lrs", [0.1, NAN], "lrs must be positive and finite, got [nan]"),
    ],
)
def test_a_bad_value_is_refused_with_the_fix_and_changes_nothing(explorer, name, value, fix):
    before = state(explorer)
    with pytest.raises(traitlets.TraitError, match=re.escape(fix)) as info:
        setattr(explorer, name, value)
    one_line(str(info.value))
    assert state(explorer) == before


@pytest.mark.parametrize(
    "options, fix",
    [
        ({"lr": -1.0}, "lr must be a positive, finite learning rate, got -1.0; e.g. lr=0.05"),
        ({"lr": NAN}, "lr must be a positive, finite learning rate, got nan"),
        ({"lr": "0.1"}, "lr must be a number, got str"),
        ({"steps": -5}, "steps must be a whole number of at least 0, got -5"),
        ({"max_steps": 0}, "max_steps must be a whole number from 1 to 10000"),
        ({"lrs": [0.0, 1.0]}, "lrs must be positive and finite, got [0.0]"),
        ({"theta0": [NAN, 1.0]}, "theta0 must be finite, got (nan, 1)"),
        ({"names": ["a"]}, "names has 1 entries for 2 parameters"),
    ],
)
def test_bad_options_are_refused_when_the_explorer_opens(options, fix):
    options = {"theta0": START} | options
    with pytest.raises(ValueError, match=re.escape(fix)) as info:
        Explorer(quad_loss, quad_grad, **options)
    one_line(str(info.value))


@pytest.mark.parametrize("max_steps", [10, 40, 300])
def test_max_steps_from_python_recomputes_every_path(explorer, max_steps):
    explorer.max_steps = max_steps
    arrays = sent(explorer)
    assert arrays["paths"].shape == (len(explorer.lrs), max_steps + 1, 2)
    assert arrays["excess"].shape == (len(explorer.lrs), max_steps + 1)
    assert explorer.steps == min(40, max_steps) and len(arrays["lengths"]) == len(explorer.lrs)
    index = explorer.lr_index
    expected = gdcore.descend(quad_grad, START, explorer.lrs[index], max_steps, loss=quad_loss)
    path = sent_paths(explorer)[index, : lengths(explorer)[index]]
    assert_allclose(path, expected.thetas, rtol=1e-9, atol=1e-12)


def test_new_rates_from_python_are_descended(explorer):
    explorer.lrs = [0.3, 0.01, 0.1]
    assert explorer.lrs == [0.01, 0.1, 0.3] and len(explorer.statuses) == 3
    assert 0 <= explorer.lr_index < 3 and explorer.lr == explorer.lrs[explorer.lr_index]
    expected = gdcore.descend(quad_grad, START, 0.3, explorer.max_steps, loss=quad_loss)
    assert_allclose(sent_paths(explorer)[2, : lengths(explorer)[2]], expected.thetas, rtol=1e-9)


def test_a_start_may_be_an_array(explorer):
    explorer.theta0 = np.array([-1.0, 1.0])
    assert explorer.theta0 == [-1.0, 1.0]
    assert_allclose(sent_paths(explorer)[:, 0], np.tile([-1.0, 1.0], (len(explorer.lrs), 1)))


@pytest.mark.parametrize(
    "loss, start, why",
    [
        (lambda t: np.log(t[0]) + 1 / t[0], [-1.0], "the loss or its gradient is not finite"),
        (lambda t: 1 / float(t[0]) + t[0], [0.0], "ZeroDivisionError: float division by zero"),
        (lambda t: np.log(t[0]) if t[0] > 0 else _raise("x" * 500), [-1.0], "xxxxxxxx"),
    ],
)
def test_a_start_the_loss_refuses_is_undone_in_one_short_line(loss, start, why):
    grad = lambda t: np.array([1 / t[0] - 1 / t[0] ** 2])
    ex = Explorer(loss, grad, [2.0], lr=0.5, minimum=[1.0], extent=(0.1, 4))
    before = state(ex) | {"status": None}
    ex.theta0 = start
    assert ex.theta0 == [2.0] and state(ex) | {"status": None} == before
    assert ex.status.startswith(f"cannot start there: {why}")
    one_line(ex.status)
    assert "nan, nan" not in ex.status


def _raise(message):
    raise ValueError(message)


# --- functions written for one parameter vector ----------------------------------------


@pytest.mark.parametrize("index", [0, 37, 75, 100])
def test_one_vector_functions_give_gdcore_descend_at_each_rate(index):
    ex = explore(*ONE_VECTOR, [0.0, 0.0], steps=30, max_steps=60)
    assert ex.bound == pytest.approx(1.0, rel=1e-6)
    assert_allclose(ex.minimum, [2.0, 2.0], atol=1e-8)
    ex.lr_index = index
    loss, grad = STACKED
    expected = gdcore.descend(grad, [0.0, 0.0], ex.lrs[index], 60, loss=loss)
    assert_allclose(sent_paths(ex)[index, : lengths(ex)[index]], expected.thetas, rtol=1e-12)
    assert ex.status == expected.upto(30).status(ex.bound, "(θ₀, θ₁)")


def test_one_vector_functions_of_one_parameter_draw_on_the_curve():
    f, df = (lambda t: float((t[0] - 1) ** 2)), (lambda t: [2 * (t[0] - 1)])
    ex = Explorer(f, df, [3.0], lr=0.2, max_steps=20)
    assert ex.bound == pytest.approx(1.0, rel=1e-6)
    path = sent_paths(ex)[ex.lr_index, : lengths(ex)[ex.lr_index]]
    assert_allclose(path[:, 1], (path[:, 0] - 1) ** 2)
    expected = gdcore.descend(lambda t: 2 * (t - 1), [3.0], 0.2, 20)
    assert_allclose(path[:, 0], expected.thetas[:, 0], rtol=1e-12)


def test_one_vector_functions_export_and_draw(tmp_path):
    ex = explore(*ONE_VECTOR, [0.0, 0.0], steps=8, max_steps=20)
    assert len(ex.figure().axes) == 2
    assert ex.save_animation(tmp_path / "a.gif").read_bytes().startswith(b"GIF89a")
    run = gdcore.descend(STACKED[1], [0.0, 0.0], 0.2, 8, loss=STACKED[0])
    path = plotting.save_animation(run, tmp_path / "b.html", loss=ONE_VECTOR[0], extent=(-1, 3) * 2)
    assert path.read_text(encoding="utf-8").count("data:image/png;base64") == 9


# --- losses without a minimum ----------------------------------------------------------

x = np.array([-2.0, -1.0, 1.0, 2.0])
X, y = gdcore.add_intercept(x), (x > 0).astype(float)
NO_MINIMUM = {
    "saddle": (
        lambda t: t[0] ** 2 - t[1] ** 2,
        lambda t: np.array([2 * t[0], -2 * t[1]]),
        [1.0, 0.5],
    ),
    "linear": (lambda t: 3 * t[0] + t[1], lambda t: np.array([3.0, 1.0]), [0.0, 0.0]),
    "linear in 1-D": (lambda t: 2 * t[0], lambda t: np.array([2.0]), [1.0]),
    "log-loss on separable data": (
        lambda t: gdcore.log_loss(t, X, y),
        lambda t: gdcore.log_loss_grad(t, X, y),
        [0.0, 0.0],
    ),
}


def no_minimum_reason(loss, grad, start):
    """What gdcore says when asked for the minimum and its 2/L."""
    with pytest.raises(NoMinimum) as info:
        stability_bound(grad, find_minimum(grad, start, loss=loss))
    return info.value.reason


@pytest.mark.parametrize("case", NO_MINIMUM)
def test_a_loss_without_a_minimum_opens_without_2_over_L_and_says_why(case):
    loss, grad, start = NO_MINIMUM[case]
    ex = Explorer(loss, grad, start)
    assert ex.bound is None and ex.minimum is None
    reason = no_minimum_reason(loss, grad, start)
    for status in ex.statuses:
        assert status.startswith(f"this loss has no minimum: {reason}; ")
        assert "2/L" not in status and "theta_star" not in status
        one_line(status)
    assert ex.status == ex.statuses[ex.lr_index]


@pytest.mark.parametrize("case", NO_MINIMUM)
def test_without_a_minimum_the_loss_panel_stays_positive(case):
    loss, grad, start = NO_MINIMUM[case]
    ex = Explorer(loss, grad, start, steps=60)
    excess = sent(ex)["excess"]
    assert (excess[np.isfinite(excess)] > 0).all()
    header = decode(ex.wire)[0]
    lo, hi = header["loss_range"]
    assert np.isfinite([lo, hi]).all() and lo < hi
    assert header["loss_label"] in ("loss", "loss − lowest in view")
    fig = ex.figure()
    assert fig.axes[1].get_ylabel() == header["loss_label"] and fig.axes[1].get_ylim()[0] > 0


def test_log_loss_on_separable_data_shows_the_loss_itself():
    ex = Explorer(*NO_MINIMUM["log-loss on separable data"][:2], [0.0, 0.0], max_steps=50)
    excess = sent(ex)["excess"]
    run = ex._runs[0][ex.lr_index]
    assert decode(ex.wire)[0]["loss_label"] == "loss"
    assert_allclose(excess[ex.lr_index, : len(run.losses)], run.losses, rtol=1e-15)


@pytest.mark.parametrize("case", ["saddle", "linear"])
def test_without_a_minimum_the_rates_centre_on_a_stand_in_for_2_over_L(case):
    loss, grad, start = NO_MINIMUM[case]
    ex = Explorer(loss, grad, start)
    g = np.linalg.norm(grad(np.asarray(start)))
    half_window = (ex.extent[1] - ex.extent[0]) / 2
    # Saddle: 2 over its steepest curvature, 2; linear: no curvature, so one step
    # at the stand-in rate crosses half the window.
    stand_in = min(1.0, half_window / g) if case == "saddle" else half_window / g
    assert len(ex.lrs) == 101
    assert_allclose([ex.lrs[0], ex.lrs[-1]], [stand_in / 1000, 1.5 * stand_in], rtol=1e-9)
    assert ex.lr == pytest.approx(stand_in / 4, rel=0.05)


def test_a_minimum_passed_in_that_is_not_one_is_named():
    loss, grad, start = NO_MINIMUM["saddle"]
    ex = Explorer(loss, grad, start, minimum=[0.0, 0.0])
    assert ex.bound is None
    assert ex.status.startswith("no 2/L, since the minimum passed in is not one: ")


# --- exports: refused before a frame is drawn --------------------------------------------


def _no_frames(*args, **kwargs):
    raise AssertionError("a frame was drawn before the export was checked")


@pytest.mark.parametrize("via", ["plotting", "explorer"])
@pytest.mark.parametrize(
    "name, fps, error, fix",
    [
        ("missing/folder/a.gif", 8, FileNotFoundError, "does not exist; create it first"),
        ("a.mp4", 8, ValueError, "use a .gif or .html file name"),
        ("a.gif", 0, ValueError, "fps must be a number of frames per second in (0, 50], got 0"),
        ("a.gif", -2.5, ValueError, "got -2.5; e.g. 8"),
        ("a.html", NAN, ValueError, "fps must be a number of frames per second in (0, 50]"),
        ("a.html", "8", ValueError, "got '8'"),
        ("a.gif", True, ValueError, "got True"),
        ("a.gif", 200, ValueError, "got 200"),
    ],
)
def test_an_export_is_refused_before_a_frame_is_drawn(
    tmp_path, monkeypatch, explorer, via, name, fps, error, fix
):
    monkeypatch.setattr(plotting, "_frame_drawer", _no_frames)
    started = time.perf_counter()
    with pytest.raises(error, match=re.escape(fix)) as info:
        if via == "plotting":
            plotting.save_animation(
                explorer.result, tmp_path / name, loss=quad_loss, extent=(-3, 3, -3, 3), fps=fps
            )
        else:
            explorer.save_animation(tmp_path / name, fps=fps)
    assert time.perf_counter() - started < 1
    one_line(str(info.value).replace(str(tmp_path), "tmp"))
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "extent, fix",
    [
        ((-3, 3), "extent must be (xmin, xmax, ymin, ymax)"),
        ((3, -3, -3, 3), "each min below its max"),
        ((-3, 3, -3, NAN), "got (-3, 3, -3, nan)"),
    ],
)
def test_an_extent_that_does_not_fit_the_run_is_refused_first(tmp_path, monkeypatch, extent, fix):
    monkeypatch.setattr(plotting, "_frame_drawer", _no_frames)
    run = gdcore.descend(quad_grad, START, 0.1, 5, loss=quad_loss)
    with pytest.raises(ValueError, match=re.escape(fix)):
        plotting.save_animation(run, tmp_path / "a.gif", loss=quad_loss, extent=extent)


def test_the_static_picture_of_a_runaway_run_raises_no_warning():
    """A rate far past 2/L sends the loss towards 1e300; the fallback picture must not
    overflow while it scales its log axis (warnings are errors in this suite)."""
    ex = Explorer(quad_loss, quad_grad, START, lr=5.0, steps=200, max_steps=200)
    assert ex.result.losses.max() > 1e100 or ex.result.diverged
    fig = ex.figure()
    assert fig.axes[1].get_yscale() == "log"

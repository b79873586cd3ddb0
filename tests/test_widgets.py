"""The explorer, driven from Python: what it sends must be gdcore's own numbers."""

import numpy as np
import pytest
import traitlets
from numpy.testing import assert_allclose

import gdcore
from gdcore.scene import decode
from gdcore.widgets import Explorer

A = np.array([[3.0, 1.0], [1.0, 2.0]])


def quadratic():
    """f(θ) = ½ θᵀAθ: its 2/L is 2 / λmax(A), known in closed form."""
    loss = lambda t: 0.5 * np.einsum("...i,ij,...j->...", t, A, t)
    return loss, lambda t: t @ A


@pytest.fixture
def explorer():
    loss, grad = quadratic()
    return Explorer(loss, grad, [2.0, -1.5], steps=40, max_steps=120)


def sent(ex):
    """What went to the browser: the scene's header and arrays, decoded."""
    return decode(ex.wire)


def sent_path(ex, index, method=0):
    _, arrays = sent(ex)
    return arrays["paths"][method, index, : int(arrays["lengths"][method, index])]


def test_the_bound_is_two_over_the_largest_eigenvalue(explorer):
    assert explorer.bound == pytest.approx(2 / np.linalg.eigvalsh(A)[-1], rel=1e-6)
    assert_allclose(explorer.minimum, [0.0, 0.0], atol=1e-9)


@pytest.mark.parametrize("index", [0, 40, 75, 100])
def test_moving_the_slider_shows_gdcore_descend_at_that_rate(explorer, index):
    loss, grad = quadratic()
    explorer.lr_index = index
    lr = explorer.lrs[index]
    assert explorer.lr == lr
    expected = gdcore.descend(grad, [2.0, -1.5], lr, explorer.max_steps, loss=loss)
    assert_allclose(sent_path(explorer, index), expected.thetas, rtol=1e-9, atol=1e-12)
    assert explorer.status == expected.upto(40).status(explorer.bound)


def test_every_status_is_in_words_and_never_nan(explorer):
    assert len(explorer.statuses) == len(explorer.lrs)
    assert not any("nan" in s.lower() or "inf" in s.lower() for s in explorer.statuses)
    explorer.lr_index = len(explorer.lrs) - 1  # 1.5 x 2/L
    assert explorer.status.startswith(("diverged after", "diverging:"))
    assert f"> 2/L = {explorer.bound:.3g}" in explorer.status


def test_the_steps_slider_cuts_the_run(explorer):
    explorer.steps = 5
    assert explorer.result.steps == 5
    assert "after 5 steps" in explorer.statuses[0]


def test_a_typed_rate_is_descended_exactly(explorer):
    explorer.lr = 0.123456
    assert explorer.lrs[explorer.lr_index] == 0.123456
    _loss, grad = quadratic()
    expected = gdcore.descend(grad, [2.0, -1.5], 0.123456, explorer.max_steps)
    assert_allclose(sent_path(explorer, explorer.lr_index), expected.thetas, rtol=1e-9)


def test_a_new_start_point_recomputes_every_path(explorer):
    explorer.theta0 = [-1.0, 1.0]
    _loss, grad = quadratic()
    index = explorer.lr_index
    expected = gdcore.descend(grad, [-1.0, 1.0], explorer.lrs[index], explorer.max_steps)
    assert_allclose(sent_path(explorer, index), expected.thetas, rtol=1e-9)


def test_one_dimension_draws_the_path_on_the_curve():
    f, df = (lambda t: (t[..., 0] - 2) ** 2 + 1), (lambda t: 2 * (t - 2))
    ex = Explorer(f, df, [-1.0], lr=0.3, max_steps=30)
    assert ex.lr == 0.3 and ex.bound == pytest.approx(1.0, rel=1e-6)
    path = sent_path(ex, ex.lr_index)
    assert sent(ex)[1]["paths"].shape == (1, len(ex.lrs), 31, 2)
    assert_allclose(path[:, 1], f(path[:, :1]))


def line_explorer(**options):
    """An explorer on a line fitted to 30 points, with the data panel."""
    x = np.random.default_rng(0).uniform(-1, 1, 30)
    X, y = gdcore.add_intercept(x), 1 + 2 * x
    line = lambda t, xs: t[..., 0, None] + t[..., 1, None] * xs
    loss, grad = (lambda t: gdcore.mse(t, X, y)), (lambda t: gdcore.mse_grad(t, X, y))
    return Explorer(loss, grad, [0.0, 0.0], data=(x, y), model=line, **options)


def test_the_model_panel_gets_the_curve_at_the_shown_step():
    ex = line_explorer(steps=10)
    _, arrays = sent(ex)
    end = ex.result.thetas[-1]
    assert_allclose(arrays["curves"][0, ex.lr_index], end[0] + end[1] * arrays["curve_xs"])


def test_more_than_two_parameters_are_refused_with_the_fix():
    with pytest.raises(ValueError, match=r"1 or 2 parameters, got 3.*Hold the others"):
        Explorer(lambda t: np.sum(t**2, -1), lambda t: 2 * t, [1.0, 2.0, 3.0])


def test_without_a_front_end_there_is_a_static_figure(explorer):
    fig = explorer.figure()
    assert len(fig.axes) == 2 and explorer.status == " ".join(fig.texts[0].get_text().split())
    data = explorer._repr_mimebundle_()
    data = data[0] if isinstance(data, tuple) else data
    assert "image/png" in data and "application/vnd.jupyter.widget-view+json" in data


def test_a_start_where_the_loss_is_undefined_is_refused_in_words():
    f, df = (lambda t: np.log(t[..., 0]) + 1 / t[..., 0]), (lambda t: 1 / t - 1 / t**2)
    ex = Explorer(f, df, [2.0], lr=0.5, minimum=[1.0], extent=(0.1, 4))
    ex.theta0 = [-1.0]
    assert ex.theta0 == [2.0]
    assert ex.status.startswith("cannot start there: the loss or its gradient is not finite")
    ex.lr_index = 3  # the next move shows the run again
    assert ex.status == ex.statuses[3]


def test_play_sends_the_curves_of_every_step_for_that_rate():
    ex = line_explorer(max_steps=20)
    ex.lr_index = 10
    sent_messages = []
    ex.send = lambda content, buffers=None: sent_messages.append((content, buffers))
    ex._on_message(ex, {"kind": "play"}, [])
    ((content, [block]),) = sent_messages
    curves = np.frombuffer(block, dtype="<f8").reshape(content["shape"])
    thetas = ex._runs[0][10].thetas
    xs = sent(ex)[1]["curve_xs"]
    assert content["rate"] == 10 and curves.shape == (1, 21, len(xs))
    assert_allclose(curves[0, 3], thetas[3, 0] + thetas[3, 1] * xs)


def test_a_methods_own_slider_rebuilds_its_runs_and_refuses_values_off_it():
    from gdcore.scene import Method

    loss, grad = quadratic()
    momentum = Method("momentum", gdcore.momentum_update, param=("β", 0.0, 0.99, 0.5))
    ex = Explorer(
        loss, grad, [2.0, -1.5], max_steps=60, methods=[("plain", gdcore.gd_update), momentum]
    )
    assert ex.params == [0.0, 0.5]
    ex.params = [0.0, 0.9]
    expected = gdcore.descend_grid(grad, [2.0, -1.5], [ex.lr], 60, rule=gdcore.momentum_update(0.9))
    assert_allclose(sent_path(ex, ex.lr_index, method=1), expected[0].thetas, rtol=1e-12)
    plain = gdcore.descend(grad, [2.0, -1.5], ex.lr, 60)
    assert_allclose(sent_path(ex, ex.lr_index, method=0), plain.thetas, rtol=1e-12)
    with pytest.raises(traitlets.TraitError, match=r"β of 'momentum' must be from 0\.0 to 0\.99"):
        ex.params = [0.0, 1.2]
    assert ex.params == [0.0, 0.9]


def test_a_method_that_is_not_a_pair_is_refused_with_the_fix():
    loss, grad = quadratic()
    with pytest.raises(ValueError, match=r"methods\[0\] must be a \(label, rule\) pair"):
        Explorer(loss, grad, [2.0, -1.5], methods=[gdcore.gd_update])


def replies(ex, content):
    """What the explorer sends back to the browser for the message ``content``."""
    sent_messages = []
    ex.send = lambda reply, buffers=None: sent_messages.append((reply, buffers))
    ex._on_message(ex, content, [])
    return sent_messages


def test_a_dragged_start_gets_the_current_rates_path_from_there(explorer):
    loss, grad = quadratic()
    [(reply, [block])] = replies(
        explorer, {"kind": "preview", "theta0": [-1.0, 0.5], "lr": 0.2, "id": 7}
    )
    header, arrays = decode(block)
    expected = gdcore.descend(grad, [-1.0, 0.5], 0.2, explorer.steps, loss=loss)
    assert reply == {"kind": "preview", "id": 7} and header["rates"] == [0.2]
    assert_allclose(arrays["paths"][0, 0], expected.thetas, rtol=1e-12)
    assert header["words"][0][0] == expected.status(explorer.bound)
    assert header["loss_range"] == list(explorer.scene.loss_range)  # the panel keeps still
    assert explorer.theta0 == [2.0, -1.5]  # nothing moves until the release


def test_a_dragged_start_where_the_loss_is_undefined_is_refused_in_words():
    f, df = (lambda t: np.log(t[..., 0]) + 1 / t[..., 0]), (lambda t: 1 / t - 1 / t**2)
    ex = Explorer(f, df, [2.0], lr=0.5, minimum=[1.0], extent=(0.1, 4))
    [(_, [block])] = replies(ex, {"kind": "preview", "theta0": [-1.0], "lr": 0.5, "id": 1})
    header, _ = decode(block)
    assert header["notice"]["kind"] == "refused"
    assert header["notice"]["words"].startswith("cannot start there: the loss or its gradient")

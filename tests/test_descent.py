import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression

import gdcore
from tests.conftest import make_data


def quadratic(a, b):
    """f(θ) = a/2 (θ − b)², whose iterates are known in closed form."""
    return (lambda t: 0.5 * a * np.sum((t - b) ** 2, axis=-1)), (lambda t: a * (t - b))


@given(a=st.floats(0.1, 10), lr_frac=st.floats(0.01, 0.99), x0=st.floats(-50, 50))
@settings(max_examples=50, deadline=None)
def test_descend_reproduces_the_closed_form_iterates(a, lr_frac, x0):
    loss, grad = quadratic(a, 3.0)
    lr = lr_frac * 2 / a
    run = gdcore.descend(grad, [x0], lr, 30, loss=loss)
    expected = 3.0 + (1 - lr * a) ** np.arange(31) * (x0 - 3.0)
    assert_allclose(run.thetas[:, 0], expected, rtol=1e-9, atol=1e-9)
    assert run.thetas.shape == (31, 1) and run.losses.shape == (31,)
    assert not run.diverged


def test_divergence_stops_at_the_first_non_finite_state_without_warnings():
    loss, grad = quadratic(2.0, 0.0)
    run = gdcore.descend(grad, [1.0], 50.0, 1000, loss=loss)  # |1 - 100| = 99 per step
    assert run.diverged
    assert np.isfinite(run.thetas).all() and np.isfinite(run.losses).all()
    # The loss θ² overflows once |θ| = 99**k passes sqrt(max float).
    assert run.steps == int(np.log(np.sqrt(np.finfo(float).max)) / np.log(99))
    assert run.status(bound=1.0).startswith(f"diverged after {run.steps + 1} steps: α = 50 > 2/L")


def test_status_words_for_each_regime():
    loss, grad = quadratic(1.0, 0.0)
    assert (
        gdcore.descend(grad, [1.0], 0.5, 100, loss=loss).status(2.0).startswith("converged to θ = ")
    )
    slow = gdcore.descend(grad, [1.0], 1e-3, 10, loss=loss)
    assert slow.status(2.0) == (
        "still descending after 10 steps: the loss fell from 0.5 to 0.4901 (α = 0.001 < 2/L = 2)"
    )
    zigzag = gdcore.descend(grad, [1.0], 1.9, 10, loss=loss).status(2.0)
    assert "zig-zagging" in zigzag
    growing = gdcore.descend(grad, [1.0], 2.2, 10, loss=loss).status(2.0)
    assert growing.startswith("diverging: the loss grew from 0.5 to ")
    assert "nan" not in growing.lower()


def test_descend_on_linear_regression_reaches_lstsq():
    _, X, y = make_data(4, 80, 4)
    minimum = np.linalg.lstsq(X, y, rcond=None)[0]
    lr = 0.9 * gdcore.stability_bound(lambda t: gdcore.mse_grad(t, X, y), minimum)
    run = gdcore.descend(lambda t: gdcore.mse_grad(t, X, y), np.zeros(4), lr, 3000)
    assert_allclose(run.thetas[-1], minimum, rtol=1e-8, atol=1e-10)


def test_descend_on_logistic_regression_reaches_scikit_learn():
    data = load_breast_cancer()
    features = data.data[:, :2]  # mean radius and texture: the classes overlap
    features = (features - features.mean(0)) / features.std(0)
    X, y = gdcore.add_intercept(features), data.target.astype(float)
    # The Hessian of log-loss never exceeds X'X / 4m, so this rate is safe everywhere.
    lr = 1.8 / np.linalg.eigvalsh(X.T @ X / (4 * len(y)))[-1]
    run = gdcore.descend(lambda t: gdcore.log_loss_grad(t, X, y), np.zeros(3), lr, 5000)
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10000).fit(features, y)
    expected = np.r_[reference.intercept_, reference.coef_[0]]
    assert_allclose(run.thetas[-1], expected, rtol=1e-6)


def test_descend_grid_equals_descend_rate_by_rate():
    _, X, y = make_data(5, 40, 2, labels=True)
    loss, grad = (lambda t: gdcore.log_loss(t, X, y)), (lambda t: gdcore.log_loss_grad(t, X, y))
    bound = gdcore.stability_bound(grad, gdcore.find_minimum(grad, np.zeros(2)))
    rates = np.geomspace(bound / 100, bound * 0.99, 9)
    grid = gdcore.descend_grid(grad, [1.0, -2.0], rates, 150, loss=loss)
    for lr, got in zip(rates, grid):
        one = gdcore.descend(grad, [1.0, -2.0], lr, 150, loss=loss)
        assert got.diverged == one.diverged and got.steps == one.steps
        assert_allclose(got.thetas, one.thetas, rtol=1e-10, atol=1e-12)
        assert_allclose(got.losses, one.losses, rtol=1e-10, atol=1e-12)


def test_descend_grid_agrees_on_unstable_rates_until_rounding_is_amplified():
    # Above 2/L each step magnifies the last bit of rounding, in which the batched
    # and the single matrix products may differ; the first steps still agree.
    _, X, y = make_data(5, 40, 2)
    grad = lambda t: gdcore.mse_grad(t, X, y)
    for lr, got in zip([3.0, 10.0], gdcore.descend_grid(grad, [1.0, -2.0], [3.0, 10.0], 20)):
        one = gdcore.descend(grad, [1.0, -2.0], lr, 20)
        assert_allclose(got.thetas, one.thetas, rtol=1e-9)


def test_descend_grid_stops_each_diverging_rate_on_its_own():
    loss, grad = quadratic(2.0, 0.0)
    runs = gdcore.descend_grid(grad, [1.0], [0.1, 50.0, 500.0], 400, loss=loss)
    assert [r.diverged for r in runs] == [False, True, True]
    assert runs[0].steps == 400 and runs[2].steps < runs[1].steps < 400


@pytest.mark.parametrize("steps", [0, 1, 63, 64, 65, 200])
def test_descend_grid_records_the_gradient_length_at_every_state(steps):
    loss, grad = quadratic(2.0, 1.0)
    for run in gdcore.descend_grid(grad, [3.0, -2.0], [0.05, 0.3, 0.9], steps, loss=loss):
        assert run.steps == steps and not run.diverged
        assert_allclose(run.grad_norms, np.linalg.norm(grad(run.thetas), axis=1), rtol=1e-14)


def test_a_gradient_too_long_to_measure_ends_the_run():
    """|θ| grows 1.5-fold a step: the run ends at the last state whose gradient has a
    finite length, though the next state and its gradient are finite numbers."""
    runs = gdcore.descend_grid(lambda t: t, [1.0, 1.0], [0.1, 2.5], 2000)
    assert [r.diverged for r in runs] == [False, True] and runs[0].steps == 2000
    end = runs[1].thetas[-1]
    after = end - 2.5 * end
    assert np.isfinite(np.linalg.norm(end)) and np.isfinite(after).all()
    with np.errstate(over="ignore"):
        assert np.isinf(np.sqrt(np.sum(after**2)))


def test_huge_but_finite_states_are_not_taken_for_divergence():
    # Squaring 1e200 overflows; a quick check for NaN and inf must not count that.
    [run] = gdcore.descend_grid(lambda t: 1e-3 * np.ones_like(t), [1e200, -1e200], [0.1], 5)
    assert run.steps == 5 and not run.diverged


def test_upto_cuts_a_run():
    loss, grad = quadratic(1.0, 0.0)
    run = gdcore.descend(grad, [1.0], 0.1, 50, loss=loss)
    assert run.upto(10).steps == 10 and run.upto(99) is run


@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf])
def test_a_bad_learning_rate_is_refused(lr):
    with pytest.raises(ValueError, match="lr must be a positive, finite learning rate"):
        gdcore.descend(lambda t: t, [1.0], lr, 5)
    with pytest.raises(ValueError, match="lr must be a positive, finite learning rate"):
        gdcore.gd_step([1.0], [1.0], lr)


@pytest.mark.parametrize("steps", [-1, 2.5])
def test_bad_steps_are_refused(steps):
    with pytest.raises(ValueError, match="steps must be a whole number"):
        gdcore.descend(lambda t: t, [1.0], 0.1, steps)


def test_gd_step_is_the_update_rule():
    assert_allclose(gdcore.gd_step([1.0, 2.0], [0.5, -1.0], 0.1), [0.95, 2.1])
    with pytest.raises(ValueError, match="grad has shape"):
        gdcore.gd_step([1.0, 2.0], [0.5], 0.1)


def test_a_two_cycle_is_called_bouncing_not_descending():
    # On log-loss just above 2/L the run settles into a 2-cycle instead of blowing up.
    rng = np.random.default_rng(0)
    x = np.r_[rng.normal(0, 1, 60), rng.normal(2, 1, 60)]
    X, y = gdcore.add_intercept(x), np.r_[np.zeros(60), np.ones(60)]
    grad = lambda t: gdcore.log_loss_grad(t, X, y)
    bound = gdcore.stability_bound(grad, gdcore.find_minimum(grad, np.zeros(2)))
    run = gdcore.descend(
        grad, [2.0, -1.0], 1.1 * bound, 300, loss=lambda t: gdcore.log_loss(t, X, y)
    )
    assert run.bounces() and run.converged_at() is None
    assert run.status(bound).startswith("bouncing between two points after 300 steps")


def test_converged_means_the_gradient_stays_small():
    run = gdcore.Descent(
        thetas=np.zeros((4, 1)),
        losses=None,
        grad_norms=np.array([1.0, 1e-9, 1.0, 1e-9]),
        lr=0.1,
        diverged=False,
    )
    assert run.converged_at() == 3
    assert run.upto(2).converged_at() is None


def test_a_gradient_of_the_wrong_shape_is_named():
    with pytest.raises(ValueError, match=r"gradient returned shape \(3,\) for theta of shape \(2,"):
        gdcore.descend(lambda t: np.zeros(3), [1.0, 2.0], 0.1, 5)
    with pytest.raises(ValueError, match="gradient returned shape"):
        gdcore.descend_grid(lambda t: np.zeros((len(t), 3)), [1.0, 2.0], [0.1], 5)


def test_a_start_where_the_loss_is_undefined_is_refused():
    loss, grad = (lambda t: np.log(t[..., 0])), (lambda t: 1 / t)
    for run in (gdcore.descend, gdcore.descend_grid):
        with pytest.raises(ValueError, match="not finite at the start"):
            run(grad, [-1.0], 0.1, 5, loss=loss)


def test_zig_zagging_is_judged_on_the_way_in_only():
    loss, grad = quadratic(1.0, 0.0)
    run = gdcore.descend(grad, [1.0], 0.5, 300, loss=loss)  # monotone, then rounding noise
    # The two name different end points; the verdict must be the same.
    assert without_theta(run.upto(60).status(2.0)) == without_theta(run.status(2.0))
    assert "zig-zagging" not in run.status(2.0)


def without_theta(status):
    return re.sub(r"θ = \S+", "θ = …", status)

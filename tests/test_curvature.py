import numpy as np
import pytest
from numpy.testing import assert_allclose

import gdcore
from tests.conftest import make_data


def test_stability_bound_of_mse_is_two_over_the_top_eigenvalue():
    _, X, y = make_data(2, 60, 3)
    theta_star = np.linalg.lstsq(X, y, rcond=None)[0]
    L = np.linalg.eigvalsh(2 * X.T @ X / len(y))[-1]
    bound = gdcore.stability_bound(lambda t: gdcore.mse_grad(t, X, y), theta_star)
    assert bound == pytest.approx(2 / L, rel=1e-6)


def test_find_minimum_of_linear_and_logistic_regression():
    _, X, y = make_data(3, 60, 3)
    found = gdcore.find_minimum(lambda t: gdcore.mse_grad(t, X, y), np.zeros(3))
    assert_allclose(found, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-7, atol=1e-9)
    _, X, labels = make_data(3, 60, 3, labels=True)
    found = gdcore.find_minimum(lambda t: gdcore.log_loss_grad(t, X, labels), np.zeros(3))
    assert np.linalg.norm(gdcore.log_loss_grad(found, X, labels)) < 1e-9


def test_a_maximum_has_no_stability_bound():
    with pytest.raises(ValueError, match="not a minimum"):
        gdcore.stability_bound(lambda t: -2 * t, np.array([0.0]))


def test_find_minimum_from_a_far_start_on_log_loss():
    # Far out the log-loss Hessian is nearly zero, so a full Newton step overshoots wildly.
    rng = np.random.default_rng(0)
    x = np.r_[rng.normal(0, 1, 60), rng.normal(2, 1, 60)]
    X, y = gdcore.add_intercept(x), np.r_[np.zeros(60), np.ones(60)]
    grad, loss = (lambda t: gdcore.log_loss_grad(t, X, y)), (lambda t: gdcore.log_loss(t, X, y))
    near = gdcore.find_minimum(grad, np.zeros(2))
    assert_allclose(gdcore.find_minimum(grad, [20.0, -30.0], loss=loss), near, rtol=1e-7)


def test_a_badly_scaled_minimum_is_still_a_minimum():
    # Features in very different units, as in raw data: cond(XᵀX/m) is about 1e7.
    rng = np.random.default_rng(4)
    x = rng.normal(size=(200, 2)) * [1.0, 1000.0] + [0.0, 5000.0]
    X = gdcore.add_intercept(x)
    y = X @ [3.0, -2.0, 0.01] + rng.normal(size=200)
    assert np.linalg.cond(X.T @ X) > 1e6
    minimum = np.linalg.lstsq(X, y, rcond=None)[0]
    bound = gdcore.stability_bound(lambda t: gdcore.mse_grad(t, X, y), minimum)
    assert bound == pytest.approx(2 / np.linalg.eigvalsh(2 * X.T @ X / 200)[-1], rel=1e-6)


@pytest.mark.parametrize(
    "grad, at, kind",
    [
        (lambda t: np.array([2 * t[0], -2 * t[1]]), [0.0, 0.0], "saddle"),
        (lambda t: -2 * t, [0.0], "maximum"),
        (lambda t: np.array([2.0, 1.0]), [0.0, 0.0], "not zero"),
    ],
)
def test_stability_bound_names_a_point_that_is_not_a_minimum(grad, at, kind):
    with pytest.raises(gdcore.NoMinimum, match=kind) as info:
        gdcore.stability_bound(grad, at)
    assert kind in info.value.reason


def test_find_minimum_on_separable_data_finds_no_minimum():
    x = np.array([-2.0, -1.0, 1.0, 2.0])
    X, y = gdcore.add_intercept(x), (x > 0).astype(float)
    with pytest.raises(gdcore.NoMinimum, match="keeps falling as θ grows") as info:
        gdcore.find_minimum(lambda t: gdcore.log_loss_grad(t, X, y), np.zeros(2))
    assert info.value.reason == "it keeps falling as θ grows"

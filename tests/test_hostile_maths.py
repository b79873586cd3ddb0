"""gdcore's maths, given what learners really pass it.

Every public function either gives the right answer or refuses at once, with a
one-line ValueError that names the argument. The examples from the reliability
issue are here, each with the outcome it used to have in a comment.
"""

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import gdcore
from gdcore import NoMinimum
from tests.conftest import make_data

NAN, INF = float("nan"), float("inf")
THETA, X, Y = make_data(0, 8, 2)
LABELS = (X[:, 1] > 0).astype(float)
MASKED = np.ma.masked_array(X, mask=np.eye(8, 2, dtype=bool))
RAGGED = [[1.0, 2.0], [3.0]]

# The bowl (θ₀ - 2)² + (θ₁ - 2)², written for one vector and for a stack.
ONE_LOSS = lambda t: (t[0] - 2) ** 2 + (t[1] - 2) ** 2
ONE_GRAD = lambda t: np.array([2 * (t[0] - 2), 2 * (t[1] - 2)])
LOSS = lambda t: np.sum((t - 2) ** 2, axis=-1)
GRAD = lambda t: 2 * (t - 2)

# Log-loss on separable data: it falls towards 0 as |θ| grows, and has no minimum.
_x = np.array([-2.0, -1.0, 1.0, 2.0])
SEPARABLE = gdcore.add_intercept(_x), (_x > 0).astype(float)


def one_line(message):
    assert "\n" not in message and len(message) < 200, message


def a_status(status):
    """One short line, and never NaN: a status reports finite states only."""
    one_line(status)
    assert "nan" not in status.lower() and "inf" not in status.lower(), status


def refused(call, *words):
    """Call, expecting a one-line ValueError that contains every one of ``words``."""
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    one_line(message)
    for word in words:
        assert word in message, message
    return info.value


# --- the losses ------------------------------------------------------------------------

LOSSES = {
    "mse": (gdcore.mse, Y),
    "mse_grad": (gdcore.mse_grad, Y),
    "log_loss": (gdcore.log_loss, LABELS),
    "log_loss_grad": (gdcore.log_loss_grad, LABELS),
    "logistic_mse": (gdcore.logistic_mse, LABELS),
    "logistic_mse_grad": (gdcore.logistic_mse_grad, LABELS),
}


def _args(labels, **change):
    return {"theta": THETA, "X": X, "y": labels} | change


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize(
    "change, words",
    [
        ({"X": np.zeros((0, 2)), "y": np.zeros(0)}, ["X has no rows", "at least one"]),
        ({"X": MASKED}, ["X is a masked array", "X.filled(value)", "X.compressed()"]),
        ({"X": RAGGED}, ["X must be numbers in a rectangular array", "different lengths"]),
        ({"X": "1, 2; 3, 4"}, ["X must be numbers, got the string", "without quotes"]),
        ({"X": X + 1j}, ["X must be real numbers, got complex", "X.real"]),
        ({"theta": None}, ["theta must be numbers, got None"]),
        ({"theta": ["1", "2"]}, ["theta must be numbers, got the string '1'"]),
        ({"theta": np.array([1j, 0])}, ["theta must be real numbers, got complex"]),
        ({"y": None}, ["y must be numbers, got None"]),
        ({"y": [0.0, None, *([1.0] * 6)]}, ["y must be numbers, got None among them"]),
    ],
)
def test_a_loss_refuses_bad_data_naming_the_argument(name, change, words):
    f, y = LOSSES[name]
    with np.errstate(all="raise"):  # refused before any arithmetic that could warn
        refused(lambda: f(**_args(y, **change)), *words)


@pytest.mark.parametrize("name", LOSSES)
def test_a_loss_takes_lists_integers_and_a_mask_hiding_nothing(name):
    f, y = LOSSES[name]
    expected = f(THETA, X, y)
    assert_allclose(f(THETA.tolist(), X.tolist(), y.tolist()), expected, rtol=1e-15)
    assert_allclose(f(THETA, np.ma.masked_array(X), y), expected, rtol=1e-15)
    assert_allclose(
        f([0, 0], np.ones((3, 2), dtype=int), [1, 0, 1]),
        f([0.0, 0.0], np.ones((3, 2)), [1.0, 0.0, 1.0]),
    )


@pytest.mark.parametrize(
    "bad", [None, "0.5", 1j, [1.0, "a"], {"z": 1}, np.array(["2020-01-01"], "M8[D]")]
)
def test_sigmoid_refuses_what_is_not_a_real_number(bad):
    refused(lambda: gdcore.sigmoid(bad), "z must be")


def test_sigmoid_of_none_is_an_error_not_nan():
    # It was nan.
    refused(lambda: gdcore.sigmoid(None), "z must be numbers, got None")
    assert gdcore.sigmoid(0) == 0.5 and gdcore.sigmoid([0, 1e4]).tolist() == [0.5, 1.0]


@pytest.mark.parametrize(
    "bad, words",
    [
        (None, ["X must be numbers, got None"]),
        ("1 2 3", ["X must be numbers, got the string"]),
        (RAGGED, ["X must be numbers in a rectangular array"]),
        (np.zeros((2, 2, 2)), ["X must be 1-D or 2-D", "(2, 2, 2)"]),
        (np.ma.masked_array([1.0, 2.0], mask=[False, True]), ["X is a masked array with 1"]),
        ([1 + 2j, 3], ["X must be real numbers"]),
    ],
)
def test_add_intercept_refuses_naming_x(bad, words):
    refused(lambda: gdcore.add_intercept(bad), *words)


def test_add_intercept_takes_integers():
    assert gdcore.add_intercept([[2, 3]]).tolist() == [[1.0, 2.0, 3.0]]


# --- one update ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "theta, grad, lr, words",
    [
        ([1.0], [1.0], None, ["lr must be a positive number, got None"]),  # was "got [nan]"
        ([1.0], [1.0], "0.1", ["lr must be a positive number, got the string '0.1'"]),
        ([1.0], [1.0], True, ["lr must be a positive number, got True"]),
        ([1.0], [1.0], [0.1, 0.2], ["lr must be one number", "descend_grid"]),
        ([1.0], [1.0], 1j, ["lr must be real"]),
        ([1.0], [NAN], 0.1, ["grad contains NaN or inf"]),
        ([1.0], [-INF], 0.1, ["grad contains NaN or inf"]),
        ([INF], [1.0], 0.1, ["theta contains NaN or inf"]),
        ([1.0], None, 0.1, ["grad must be numbers, got None"]),
        (["1"], [1.0], 0.1, ["theta must be numbers, got the string '1'"]),
        ([1.0, 2.0], [1.0], 0.1, ["grad has shape (1,)"]),
    ],
)
def test_gd_step_refuses_naming_the_argument(theta, grad, lr, words):
    refused(lambda: gdcore.gd_step(theta, grad, lr), *words)


def test_gd_step_takes_lists_and_overflows_quietly():
    assert gdcore.gd_step([1, 2], [1, -1], 0.5).tolist() == [0.5, 2.5]
    assert np.isinf(gdcore.gd_step([1e308], [-1e308], 10.0)).all()


# --- descend and descend_grid: functions written for one vector -------------------------


def test_descend_takes_a_loss_written_for_one_vector():
    # It raised IndexError inside the learner's correct lambda.
    run = gdcore.descend(GRAD, [0.0, 0.0], 0.1, 10, loss=ONE_LOSS)
    expected = gdcore.descend(GRAD, [0.0, 0.0], 0.1, 10, loss=LOSS)
    assert_allclose(run.thetas, expected.thetas, rtol=1e-15)
    assert_allclose(run.losses, expected.losses, rtol=1e-15)


@pytest.mark.parametrize(
    "loss",
    [ONE_LOSS, lambda t: float(t @ t - 4 * t.sum() + 8), lambda t: [ONE_LOSS(t)], LOSS],
)
@pytest.mark.parametrize("grad", [ONE_GRAD, GRAD, lambda t: [2 * (t[0] - 2), 2 * (t[1] - 2)]])
def test_every_way_of_writing_the_bowl_descends_alike(loss, grad):
    expected = gdcore.descend(GRAD, [0.0, 0.5], 0.3, 15, loss=LOSS)
    run = gdcore.descend(grad, [0.0, 0.5], 0.3, 15, loss=loss)
    assert_allclose(run.thetas, expected.thetas, rtol=1e-12)
    assert_allclose(run.losses, expected.losses, rtol=1e-12, atol=1e-13)
    rates = [0.05, 0.3]  # as many rates as parameters: a stack-blind grad would mix them
    for lr, got in zip(rates, gdcore.descend_grid(grad, [0.0, 0.5], rates, 15, loss=loss)):
        one = gdcore.descend(GRAD, [0.0, 0.5], lr, 15, loss=LOSS)
        assert_allclose(got.thetas, one.thetas, rtol=1e-12)
        assert_allclose(got.losses, one.losses, rtol=1e-12, atol=1e-13)


def test_descend_grid_calls_a_stack_blind_grad_once_per_row():
    # With 2 rates and 2 parameters, t[0] and t[1] are rows of the stack: it used to
    # return paths of the right shape and the wrong numbers.
    grad = lambda t: np.array([2 * (t[0] - 2), 4 * t[1]])
    runs = gdcore.descend_grid(grad, [0.0, 1.0], [0.1, 0.2], 20)
    for lr, got in zip([0.1, 0.2], runs):
        expected = gdcore.descend(
            lambda t: np.array([2 * (t[0] - 2), 4 * t[1]]), [0.0, 1.0], lr, 20
        )
        assert_allclose(got.thetas, expected.thetas, rtol=1e-15)
        assert_allclose(got.thetas[-1], [2 - 2 * (1 - 2 * lr) ** 20, (1 - 4 * lr) ** 20])


def test_find_minimum_and_stability_bound_take_one_vector_functions():
    found = gdcore.find_minimum(ONE_GRAD, [0.0, 0.0], loss=ONE_LOSS)
    assert_allclose(found, [2.0, 2.0], atol=1e-12)
    assert gdcore.stability_bound(ONE_GRAD, found) == pytest.approx(1.0, rel=1e-8)
    grad = lambda t: float(2 * (t[0] - 1))  # a number, for one parameter
    assert gdcore.stability_bound(grad, [1.0]) == pytest.approx(1.0, rel=1e-8)
    assert gdcore.find_minimum(lambda t: [2 * (t[0] - 1)], [5.0]) == pytest.approx([1.0])


# --- descend and descend_grid: bad arguments ---------------------------------------------


@pytest.mark.parametrize(
    "options, words",
    [
        ({"steps": "10"}, ["steps must be a whole number >= 0, got the string '10'"]),
        ({"steps": None}, ["steps must be a whole number >= 0, got None"]),
        ({"steps": True}, ["steps must be a whole number >= 0, got True"]),
        ({"steps": 2.5}, ["steps must be a whole number >= 0, got 2.5"]),
        ({"steps": INF}, ["steps must be a whole number >= 0, got inf"]),
        ({"theta0": None}, ["theta0 must be numbers, got None"]),
        ({"theta0": []}, ["theta0 is empty"]),
        ({"theta0": [[0.0, 1.0], [2.0, 3.0]]}, ["theta0 must be one parameter vector", "(2, 2)"]),
        ({"theta0": [NAN, 0.0]}, ["theta0 must be finite"]),
        ({"theta0": RAGGED}, ["theta0 must be numbers in a rectangular array"]),
        ({"grad": np.ones(2)}, ["grad must be a function of theta"]),
        ({"loss": "x ** 2"}, ["loss must be a function of theta"]),
        ({"loss": lambda t: None}, ["the loss's value must be a number, got None"]),
        ({"loss": lambda t: 1j * t[0]}, ["the loss's value must be real"]),
        ({"grad": lambda t: "up"}, ["the grad's value must be numbers, got the string 'up'"]),
        ({"grad": lambda t: np.zeros(3)}, ["gradient returned shape (3,)"]),
        ({"loss": lambda t: np.log(t[0] - 5)}, ["not finite at the start (0, 0)"]),
    ],
)
@pytest.mark.parametrize("grid", [False, True])
def test_descend_refuses_naming_the_argument(options, words, grid):
    args = {"grad": GRAD, "theta0": [0.0, 0.0], "lr": 0.1, "steps": 5} | options
    if grid:
        args["lrs"] = [args.pop("lr")]
        refused(lambda: gdcore.descend_grid(**args), *words)
    else:
        refused(lambda: gdcore.descend(**args), *words)


@pytest.mark.parametrize(
    "lr, words",
    [
        (None, ["lr must be a positive number, got None"]),
        (-1.0, ["lr must be a positive, finite learning rate, got -1.0"]),
        ("0.1", ["lr must be a positive number, got the string '0.1'"]),
        (np.array([0.1, 0.2]), ["lr must be one number", "use descend_grid"]),
    ],
)
def test_descend_refuses_a_bad_rate(lr, words):
    refused(lambda: gdcore.descend(GRAD, [0.0, 0.0], lr, 5), *words)


@pytest.mark.parametrize(
    "lrs, words",
    [
        ([], ["lrs is empty"]),
        ([0.1, -0.2], ["lrs must be positive and finite, got [-0.2]"]),
        ([0.1, NAN], ["lrs must be positive and finite, got [nan]"]),
        ([[0.1, 0.2]], ["lrs must be a 1-D list", "(1, 2)"]),
        (["0.1"], ["lrs must be learning rates, got the string '0.1'"]),
        (None, ["lrs must be learning rates, got None"]),
    ],
)
def test_descend_grid_refuses_bad_rates(lrs, words):
    refused(lambda: gdcore.descend_grid(GRAD, [0.0, 0.0], lrs, 5), *words)


def test_a_billion_steps_are_refused_at_once_without_allocating():
    # descend hung and descend_grid tried to allocate 29.8 GiB.
    started = time.perf_counter()
    refused(lambda: gdcore.descend(GRAD, [0.0, 0.0], 0.1, 10**9), "steps must be at most 1,000,000")
    refused(
        lambda: gdcore.descend_grid(GRAD, [0.0, 0.0], [0.1], 10**9),
        "descend_grid would need 29.8 GiB",
        "fewer steps or fewer rates",
    )
    refused(lambda: gdcore.descend_grid(GRAD, [0.0, 0.0], [0.1], 10**6 + 1), "at most 1,000,000")
    assert time.perf_counter() - started < 5


def test_many_parameters_and_steps_are_refused_by_memory():
    refused(lambda: gdcore.descend(GRAD, np.zeros(2000), 0.1, 10**5), "descend would need 1.5 GiB")


# --- the words are true ----------------------------------------------------------------


def test_a_far_start_is_converged_only_where_it_sits_at_the_minimum():
    # It said "converged to θ = 2.981 in 62 steps" though the run ended at 2.0.
    run = gdcore.descend(lambda t: 2 * (t - 2), [1e6], 0.1, 200, loss=lambda t: (t[0] - 2) ** 2)
    done = run.converged_at()
    assert abs(run.thetas[done, 0] - 2) < 1e-4 and run.thetas[-1, 0] == pytest.approx(2)
    assert run.status() == f"converged to θ = 2 in {done} steps (α = 0.1)"
    assert run.upto(62).status().startswith("still descending after 62 steps: the loss fell")


@pytest.mark.parametrize(
    "grad, lr, start",
    [
        (lambda t: -0.1 * np.ones_like(t), 0.1, [0.0]),  # linear: no minimum
        (lambda t: 2 * t, 1.1, [1.0]),  # above 2/L = 1
    ],
)
def test_a_runaway_without_a_loss_is_diverging(grad, lr, start):
    # Both said "still descending".
    status = gdcore.descend(grad, start, lr, 100).status(1.0)
    assert status.startswith("diverging: ") and "descending" not in status
    a_status(status)


def test_the_diverging_words_say_what_was_measured():
    grew = gdcore.descend(lambda t: 2 * t, [1.0], 1.1, 100).status(1.0)
    assert grew.startswith("diverging: the gradient grew from 2 to ") and grew.endswith(
        "in 100 steps (α = 1.1 > 2/L = 1)"
    )
    flat = gdcore.descend(lambda t: -0.1 * np.ones_like(t), [0.0], 0.1, 100).status()
    assert flat == (
        "diverging: in 100 steps θ moved 1 from the start and the gradient did not shrink (α = 0.1)"
    )
    slow = gdcore.descend(lambda t: 2 * t, [1.0], 1e-3, 10).status()
    assert slow == "still descending after 10 steps: the gradient shrank from 2 to 1.96 (α = 0.001)"


def test_no_steps_say_so():
    run = gdcore.descend(GRAD, [0.0, 0.0], 0.1, 0, loss=LOSS)
    assert (
        run.status(1.0)
        == "no steps taken yet: starting at θ = (0, 0), where the loss is 8 (α = 0.1 < 2/L = 1)"
    )
    assert (
        gdcore.descend(GRAD, [1.0], 0.1, 0).status(name="w")
        == "no steps taken yet: starting at w = 1 (α = 0.1)"
    )
    assert (
        gdcore.descend(GRAD, [0.0, 0.0], 0.1, 30, loss=LOSS)
        .upto(0)
        .status()
        .startswith("no steps taken yet")
    )


def test_one_step_is_singular():
    assert gdcore.descend(GRAD, [0.0], 0.5, 1).status() == "converged to θ = 2 in 1 step (α = 0.5)"


@pytest.mark.parametrize("bound", [NAN, -1.0, 0.0, "2", [1.0, 2.0]])
def test_a_bad_bound_is_refused(bound):
    run = gdcore.descend(GRAD, [0.0], 0.1, 3)
    refused(lambda: run.status(bound), "bound must be")


def test_a_long_parameter_vector_keeps_the_status_short():
    run = gdcore.descend(GRAD, np.full(50, 1e6 / 3), 0.5, 3, loss=LOSS)
    status = run.status(1.0)
    a_status(status)
    assert "50 in all" in status


@given(
    eigenvalues=st.lists(st.floats(0.1, 10), min_size=1, max_size=3),
    seed=st.integers(0, 2**16),
    frac=st.floats(0.05, 0.95),
    far=st.sampled_from([1.0, 1e3, 1e6]),
)
@settings(max_examples=60, deadline=None)
def test_converged_means_at_the_minimum(eigenvalues, seed, frac, far):
    rng = np.random.default_rng(seed)
    n = len(eigenvalues)
    Q = np.linalg.qr(rng.normal(size=(n, n)))[0]
    A, b = Q @ np.diag(eigenvalues) @ Q.T, rng.uniform(-100, 100, n)
    loss = lambda t: 0.5 * np.einsum("...i,ij,...j->...", t - b, A, t - b)
    start = b + far * rng.normal(size=n)
    run = gdcore.descend(lambda t: (t - b) @ A, start, frac * 2 / max(eigenvalues), 3000, loss=loss)
    status = run.status(2 / max(eigenvalues))
    a_status(status)
    if status.startswith("converged to θ"):
        # With a condition number of at most 100 and α ≥ 0.05 x 2/L, the criterion's
        # two halves bound the distance left.
        assert np.linalg.norm(run.thetas[-1] - b) <= 1e-3 * (1 + np.linalg.norm(run.thetas[-1]))
        assert np.linalg.norm(run.thetas[-1] - b) <= 1e-4 * np.linalg.norm(start - b) + 1e-9


@given(
    lr=st.floats(1e-4, 5.0),
    start=st.floats(-1e6, 1e6),
    steps=st.integers(0, 300),
    with_loss=st.booleans(),
)
@settings(max_examples=80, deadline=None)
def test_every_status_is_one_short_line_without_nan(lr, start, steps, with_loss):
    loss = (lambda t: np.sum(t**2, axis=-1)) if with_loss else None
    run = gdcore.descend(lambda t: 2 * t, [start, -start / 3], lr, steps, loss=loss)
    for status in (run.status(), run.status(1.0), run.upto(steps // 2).status(1.0, "w")):
        a_status(status)


# --- a minimum is a minimum ------------------------------------------------------------


def test_stability_bound_at_a_saddle_is_refused():
    # It returned 1.0.
    err = refused(
        lambda: gdcore.stability_bound(lambda t: np.array([2 * t[0], -2 * t[1]]), np.zeros(2)),
        "the Hessian at (0, 0) has a negative eigenvalue",
        "a saddle, not a minimum",
    )
    assert isinstance(err, NoMinimum) and err.reason == "(0, 0) is a saddle, not a minimum"


NO_MINIMUM = {
    "linear": (lambda t: 3 * t[0] + t[1], lambda t: np.array([3.0, 1.0]), [0.0, 0.0]),
    "linear in 1-D": (lambda t: 2 * t[0], lambda t: np.array([2.0]), [1.0]),
    "log-loss on separable data": (
        lambda t: gdcore.log_loss(t, *SEPARABLE),
        lambda t: gdcore.log_loss_grad(t, *SEPARABLE),
        [0.0, 0.0],
    ),
    "saddle, started off it": (
        lambda t: t[0] ** 2 - t[1] ** 2,
        lambda t: np.array([2 * t[0], -2 * t[1]]),
        [1.0, 0.5],
    ),
    "a maximum, started off it": (lambda t: -(t[0] ** 2), lambda t: -2 * t, [1.0]),
}


@pytest.mark.parametrize("case", NO_MINIMUM)
def test_a_loss_without_a_minimum_says_it_keeps_falling(case):
    loss, grad, start = NO_MINIMUM[case]
    started = time.perf_counter()
    err = refused(
        lambda: gdcore.find_minimum(grad, start, loss=loss),
        "this loss has no minimum: it keeps falling as θ grows",
        "found no point where the gradient vanishes",
    )
    assert isinstance(err, NoMinimum) and err.reason == "it keeps falling as θ grows"
    assert "theta_star" not in str(err)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "grad, at, words, reason",
    [
        (
            lambda t: np.array([2 * t[0], -2 * t[1]]),
            [0.0, 0.0],
            ["a saddle, not a minimum"],
            "saddle",
        ),
        (
            lambda t: -2 * t,
            [0.0],
            ["no positive eigenvalue", "a maximum, not a minimum"],
            "maximum",
        ),
        (lambda t: 2 * (t[0] + t[1] - 2) * np.ones(2), [1.0, 1.0], ["is singular", "flat"], "flat"),
        (lambda t: 3 * t**2, [0.0], ["is singular"], "flat"),  # t³: no curvature at 0
        (GRAD, [0.0, 0.0], ["the gradient at (0, 0) is not zero", "find_minimum"], "not zero"),
        (lambda t: 1 / t, [0.0], ["not finite at 0"], "not defined"),
    ],
)
def test_stability_bound_says_what_the_point_is_instead(grad, at, words, reason):
    err = refused(lambda: gdcore.stability_bound(grad, at), *words)
    assert isinstance(err, NoMinimum) and reason in err.reason
    assert "theta_star" not in str(err) and "theta_star" not in err.reason


@pytest.mark.parametrize(
    "grad, loss, start, words",
    [
        (lambda t: 3 * t**2, lambda t: t[0] ** 3, [1.0], ["an inflection, not a minimum"]),
        (lambda t: np.array([2 * t[0], -2 * t[1]]), None, [1.0, 0.0], ["a saddle"]),
        (lambda t: 4 * t**3, lambda t: t[0] ** 4, [1.0], ["the curvature fades", "no 2/L"]),
        # Without a loss to lower, the search stalls beside a maximum or a saddle: the
        # words must say the loss curves down there, not that its curvature fades.
        (lambda t: -2 * t, None, [1.0, 0.5], ["negative eigenvalue (-2)", "falls along"]),
        (lambda t: np.array([2 * t[0], -2 * t[1]]), None, [1.0, 0.5], ["negative eigenvalue"]),
    ],
)
def test_find_minimum_says_what_it_found_instead(grad, loss, start, words):
    err = refused(lambda: gdcore.find_minimum(grad, start, loss=loss), *words)
    assert isinstance(err, NoMinimum) and err.reason and len(err.reason) < 90
    assert "fades" not in str(err) or "fades" in words[0]


def test_no_minimum_is_a_value_error_exported_by_gdcore():
    assert issubclass(gdcore.NoMinimum, ValueError) and "NoMinimum" in gdcore.__all__


def test_a_scaled_loss_has_the_same_minimum():
    # Judged on scales that do not change when the loss is multiplied by a constant.
    for scale in (1e-20, 1.0, 1e20):
        grad, loss = (lambda t, s=scale: s * GRAD(t)), (lambda t, s=scale: s * LOSS(t))
        found = gdcore.find_minimum(grad, [0.0, 0.0], loss=loss)
        assert_allclose(found, [2.0, 2.0], rtol=1e-12)
        assert gdcore.stability_bound(grad, found) == pytest.approx(1 / scale, rel=1e-6)


@pytest.mark.parametrize(
    "options, words",
    [
        ({"theta0": None}, ["theta0 must be numbers, got None"]),
        ({"theta0": [NAN]}, ["theta0 must be finite"]),
        ({"iters": -1}, ["iters must be a whole number >= 0, got -1"]),
        ({"iters": "5"}, ["iters must be a whole number >= 0, got the string '5'"]),
        ({"tol": -1.0}, ["tol must be a number >= 0"]),
        ({"tol": None}, ["tol must be a number >= 0"]),
        ({"grad": None}, ["grad must be a function of theta, got None"]),
        ({"loss": 3.0}, ["loss must be a function of theta"]),
        ({"loss": lambda t: np.log(t[0])}, ["not finite at the start"]),
    ],
)
def test_find_minimum_refuses_naming_the_argument(options, words):
    args = {"grad": GRAD, "theta0": [-1.0, 0.0]} | options
    refused(lambda: gdcore.find_minimum(**args), *words)


@pytest.mark.parametrize(
    "options, words",
    [
        ({"theta_star": None}, ["theta_star must be numbers, got None"]),
        ({"theta_star": [INF, 0.0]}, ["theta_star must be finite"]),
        ({"grad": "2 * t"}, ["grad must be a function of theta"]),
    ],
)
def test_stability_bound_refuses_naming_the_argument(options, words):
    args = {"grad": GRAD, "theta_star": [2.0, 2.0]} | options
    refused(lambda: gdcore.stability_bound(**args), *words)


# --- numerical derivatives ---------------------------------------------------------------


@pytest.mark.parametrize(
    "f, theta, eps, words",
    [
        (lambda t: t @ t, None, 1e-6, ["theta must be numbers, got None"]),
        (lambda t: t @ t, [1j, 0], 1e-6, ["theta must be real numbers"]),
        (lambda t: t @ t, [NAN, 0.0], 1e-6, ["theta contains NaN or inf"]),
        (lambda t: t @ t, RAGGED, 1e-6, ["theta must be numbers in a rectangular array"]),
        (lambda t: t @ t, [1.0], 0.0, ["eps must be a small positive number", "got 0.0"]),
        (lambda t: t @ t, [1.0], NAN, ["eps must be a small positive number"]),
        (lambda t: t @ t, [1.0], "1e-6", ["eps must be a small positive number, got the string"]),
        (lambda t: 2 * t, [1.0, 2.0], 1e-6, ["f(theta) must be one number, got shape (2,)"]),
        (lambda t: None, [1.0], 1e-6, ["f(theta) must be a number, got None"]),
        ("t ** 2", [1.0], 1e-6, ["f must be a function of theta"]),
    ],
)
def test_numerical_grad_refuses_naming_the_argument(f, theta, eps, words):
    refused(lambda: gdcore.numerical_grad(f, theta, eps), *words)


@pytest.mark.parametrize(
    "grad, theta, words",
    [
        (lambda t: t, np.zeros((2, 2)), ["theta must be 1-D", "(2, 2)"]),
        (lambda t: t, None, ["theta must be numbers, got None"]),
        (lambda t: np.zeros(3), [1.0, 2.0], ["grad returned shape (3,) for theta of shape (2,)"]),
        (lambda t: None, [1.0], ["grad(theta) must be numbers, got None"]),
        (None, [1.0], ["grad must be a function of theta"]),
    ],
)
def test_numerical_hessian_refuses_naming_the_argument(grad, theta, words):
    refused(lambda: gdcore.numerical_hessian(grad, theta), *words)


def test_numerical_derivatives_take_lists_and_one_vector_functions():
    assert_allclose(gdcore.numerical_grad(ONE_LOSS, [0, 1]), [-4.0, -2.0], rtol=1e-8)
    assert_allclose(gdcore.numerical_grad(lambda t: [t[0] ** 3], [2.0]), [12.0], rtol=1e-8)
    H = gdcore.numerical_hessian(lambda t: [2 * t[0] + t[1], t[0] + 4 * t[1]], [1, 1])
    assert_allclose(H, [[2.0, 1.0], [1.0, 4.0]], rtol=1e-8)


def test_numerical_derivatives_of_an_overflowing_function_are_quiet():
    g = gdcore.numerical_grad(lambda t: np.exp(t[0]), [709.7827128])
    assert not np.isfinite(g).all()
    H = gdcore.numerical_hessian(lambda t: np.exp(t), [709.7827128])
    assert not np.isfinite(H).all()

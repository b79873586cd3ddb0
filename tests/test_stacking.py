"""Functions written for one parameter vector work wherever gdcore takes a stack."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import gdcore
from gdcore._stacking import BLOCK_ROWS, as_single, as_stacked, in_blocks

rng = np.random.default_rng(0)
X = gdcore.add_intercept(rng.normal(size=(30, 1)))
Y = 1.0 + 2.0 * X[:, 1]
STACK = np.array([[0.0, 0.0], [1.0, -1.0], [3.0, 0.5], [-2.0, 4.0]])
TRUE_LOSS = ((STACK - 2) ** 2).sum(axis=1)


@pytest.mark.parametrize(
    "loss",
    [
        lambda t: (t[0] - 2) ** 2 + (t[1] - 2) ** 2,  # one vector only: mixes rows on a stack
        lambda t: float((t - 2) @ (t - 2)),  # fails on a stack
        lambda t: ((t - 2) ** 2).sum(axis=-1),  # stacks
        lambda t: [((t - 2) ** 2).sum()],  # a list of one number
    ],
)
def test_a_loss_for_one_vector_gives_the_right_stack(loss):
    assert_allclose(as_stacked(loss, [0.5, 0.5])(STACK), TRUE_LOSS)
    assert as_single(loss, [0.5, 0.5])(np.array([1.0, -1.0])) == pytest.approx(10.0)


def test_a_grad_that_mixes_rows_when_rates_equal_params_is_called_per_row():
    # On a (2, 2) stack, t[0] and t[1] are rows, not coordinates: the shape is right,
    # the numbers are wrong. The probe must notice.
    grad = lambda t: np.array([2 * (t[0] - 2), 4 * t[1]])
    stacked = as_stacked(grad, [0.5, 0.5], "grad")
    two = np.array([[1.0, 3.0], [0.0, -1.0]])
    assert_allclose(stacked(two), [[-2.0, 12.0], [-4.0, -4.0]])


def test_gdcore_losses_stay_stacked_and_exact():
    loss = lambda t: gdcore.mse(t, X, Y)
    assert_allclose(as_stacked(loss, [0.0, 0.0])(STACK), gdcore.mse(STACK, X, Y), rtol=1e-15)


def test_a_stack_only_function_is_accepted():
    loss = lambda T: (T[:, 0] - 2) ** 2 + (T[:, 1] - 2) ** 2
    assert as_single(loss, [0.0, 0.0])(np.array([2.0, 2.0])) == 0.0


def test_a_grad_returning_a_list_is_accepted():
    grad = lambda t: [2 * (t[0] - 2), 2 * (t[1] - 2)]
    assert_allclose(as_single(grad, [0.0, 0.0], "grad")(np.array([3.0, 3.0])), [2.0, 2.0])


def test_a_function_that_fails_everywhere_names_the_exception():
    def loss(t):
        return t["a"]

    with pytest.raises(ValueError, match=r"the loss raised IndexError.*shape \(2,\)"):
        as_stacked(loss, [0.0, 0.0])


@pytest.mark.parametrize(
    "name, f, message",
    [
        ("loss", lambda t: np.asarray(t) * 2, r"loss returned shape \(2,\).*one number"),
        ("grad", lambda t: np.ones(3), r"gradient returned shape \(3,\).*one partial"),
    ],
)
def test_a_wrong_output_shape_is_named(name, f, message):
    with pytest.raises(ValueError, match=message):
        as_stacked(f, [0.0, 0.0], name)


def test_in_blocks_is_one_call_made_a_few_hundred_rows_at_a_time():
    X = np.random.default_rng(0).normal(size=(442, 2))
    calls = []

    def loss(t):
        calls.append(len(t))
        return np.mean((t @ X.T) ** 2, axis=-1)

    thetas = np.random.default_rng(1).normal(size=(2 * BLOCK_ROWS + 7, 2))
    blocked = in_blocks(loss, thetas)
    assert calls == [BLOCK_ROWS, BLOCK_ROWS, 7]
    assert_allclose(blocked, loss(thetas), rtol=1e-12)  # a product's shape may move a last bit

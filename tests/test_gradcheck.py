import numpy as np
import pytest
from numpy.testing import assert_allclose

import gdcore


def test_numerical_grad_of_a_known_function():
    f = lambda t: np.sin(t[0]) * t[1] ** 2
    t = np.array([0.3, -1.2])
    exact = [np.cos(0.3) * 1.44, 2 * np.sin(0.3) * -1.2]
    assert_allclose(gdcore.numerical_grad(f, t), exact, rtol=1e-8)


def test_numerical_hessian_of_a_quadratic():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    H = gdcore.numerical_hessian(lambda t: A @ t, np.array([0.5, -0.5]))
    assert_allclose(H, A, rtol=1e-8)


def test_relative_error():
    assert gdcore.relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert gdcore.relative_error([1.0], [1.1]) == pytest.approx(0.1 / 1.1)
    assert gdcore.relative_error([0.0], [1e-12]) < 1e-3  # tiny values count as absolute


def test_numerical_hessian_calls_grad_twice_per_parameter():
    A = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 1.0]])
    calls = []
    H = gdcore.numerical_hessian(lambda t: calls.append(1) or A @ t, np.array([0.5, -0.5, 2.0]))
    assert len(calls) == 6
    assert_allclose(H, A, rtol=1e-8)


@pytest.mark.parametrize(
    "error, verdict", [(3.2e-16, "3e-16 (tolerance 1e-08): agrees"), (2e-3, "DISAGREES")]
)
def test_error_line_shows_the_number_and_the_verdict(error, verdict):
    assert verdict in gdcore.gradcheck.error_line(error)

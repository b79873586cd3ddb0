import pytest
import sympy as sp

from gdcore.exercises import check_gradient_ratio, check_log_loss_curvature, check_mse_inflection


def test_check_gradient_ratio():
    assert check_gradient_ratio(0.0198)
    assert check_gradient_ratio(sp.Rational(198, 10000))
    for wrong in (0.01, 0.99, 0.0099):
        verdict = check_gradient_ratio(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "Expected a number" in repr(check_gradient_ratio("small"))


def test_check_mse_inflection():
    assert check_mse_inflection(sp.log(2))
    assert check_mse_inflection(-sp.log(sp.Rational(1, 2)))
    assert check_mse_inflection(0.6931)
    # The y = 1 answer, from the lesson, is the wrong one here.
    wrong = check_mse_inflection(-sp.log(2))
    assert not wrong and "2/3" in repr(wrong)
    assert not check_mse_inflection(0)


def test_check_log_loss_curvature():
    s = sp.Symbol("s")
    assert check_log_loss_curvature(s * (1 - s))
    assert check_log_loss_curvature("s - s**2")
    # A symbol made in the lesson with assumptions still counts by its name.
    s_real = sp.Symbol("s", real=True)
    assert check_log_loss_curvature(s_real * (1 - s_real))


@pytest.mark.parametrize("wrong", ["s - y", "1 - s", "s*(1 - s)*(s - y)", "2*s*(1 - s)"])
def test_check_log_loss_curvature_wrong(wrong):
    verdict = check_log_loss_curvature(wrong)
    assert not verdict and "chain rule" in repr(verdict)


def test_check_log_loss_curvature_unreadable():
    verdict = check_log_loss_curvature("s*(1 - s")
    assert not verdict and "Hint" in repr(verdict)

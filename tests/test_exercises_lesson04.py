import numpy as np
import sympy as sp

from gdcore.exercises import check_negative_example_grad, check_sigmoid_slope, check_underflow_size


def test_check_sigmoid_slope():
    assert check_sigmoid_slope(3 / 16) and check_sigmoid_slope(sp.Rational(3, 16))
    assert check_sigmoid_slope("3/4 * (1 - 3/4)")
    for wrong in [3 / 4, 0.1, -3 / 16]:
        verdict = check_sigmoid_slope(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "σ′(0)" in repr(check_sigmoid_slope(0.25))
    assert "Expected a number" in repr(check_sigmoid_slope("sigma"))
    assert "No answer yet" in repr(check_sigmoid_slope(...))
    assert "No answer yet" in repr(check_sigmoid_slope(None))


def test_check_underflow_size():
    assert 0.5**1075 == 0.0 and 0.5**1074 > 0.0  # the answer really is 1075 here
    assert check_underflow_size(1075) and check_underflow_size(np.int64(1075))
    for wrong in [1074, 1076, 744, 2000]:
        verdict = check_underflow_size(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "subnormal" in repr(check_underflow_size(1023))
    assert "No answer yet" in repr(check_underflow_size(...))


def test_check_negative_example_grad():
    yhat, x = sp.symbols("yhat x")
    assert check_negative_example_grad("yhat*x") and check_negative_example_grad("x * yhat")
    assert check_negative_example_grad(yhat * x)
    # The lesson's own symbols carry assumptions; they still count by name.
    yhat_r, x_r = sp.symbols("yhat x", real=True)
    assert check_negative_example_grad(x_r * yhat_r)
    for wrong in ["yhat", "-yhat*x", "(1 - yhat)*x", "x"]:
        verdict = check_negative_example_grad(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "y = 1" in repr(check_negative_example_grad("(yhat - 1)*x"))
    assert "Could not read" in repr(check_negative_example_grad("yhat *"))
    assert "No answer yet" in repr(check_negative_example_grad(...))

import sympy as sp

from gdcore.exercises import check_dm_one_example, check_scaled_bound, check_sum_rate


def test_check_dm_one_example():
    c, m, x, y = sp.symbols("c m x y")
    assert check_dm_one_example("2*x*(m*x + c - y)")
    assert check_dm_one_example(-2 * x * (y - (m * x + c)))
    assert check_dm_one_example("2*m*x**2 + 2*c*x - 2*x*y")
    for wrong in ["2*(m*x + c - y)", "x*(m*x + c - y)", "-2*x*(m*x + c - y)"]:
        verdict = check_dm_one_example(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "No answer yet" in repr(check_dm_one_example(...))
    assert not check_dm_one_example(None)


def test_check_sum_rate():
    assert check_sum_rate(0.006) and check_sum_rate(sp.Rational(3, 500))
    assert check_sum_rate("0.3/50")
    for wrong in [0.3, 15.0, 0.3 * 50 / 2]:
        assert not check_sum_rate(wrong)
    assert "N times smaller" in repr(check_sum_rate(0.3))
    assert "No answer yet" in repr(check_sum_rate(...))
    assert "Expected a number" in repr(check_sum_rate("a lot"))


def test_check_scaled_bound():
    assert check_scaled_bound(1 / 9) and check_scaled_bound(sp.Rational(1, 9))
    assert check_scaled_bound(0.1111) and check_scaled_bound(0.111)
    for wrong in [1 / 3, 1.0, 3.0, 2 / 9]:
        assert not check_scaled_bound(wrong)
    assert "No answer yet" in repr(check_scaled_bound(None))

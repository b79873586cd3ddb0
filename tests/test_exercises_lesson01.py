import sympy as sp

from gdcore.exercises import check_bound, check_derivative, check_step


def test_check_derivative():
    x = sp.Symbol("x")
    assert check_derivative("4*x**3 - 3")
    assert check_derivative(4 * x**3 - 3)
    wrong = check_derivative("4*x**3")
    assert not wrong and "Hint" in repr(wrong)
    assert not check_derivative(...)


def test_check_bound():
    assert check_bound(0.2) and check_bound(sp.Rational(1, 5))
    assert not check_bound(0.4)
    assert "No answer yet" in repr(check_bound(None))


def test_check_step():
    assert check_step(3.6)
    assert not check_step(4.4)
    assert "Expected a number" in repr(check_step("three"))


def test_check_number_accepts_a_computed_zero():
    from gdcore.exercises import check_number

    assert check_number(1e-17, 0.0, "h")
    assert not check_number(1e-3, 0.0, "h")

import sympy as sp

from gdcore.exercises import check_label_map, check_loss_at_zero, check_tanh_derivative


def test_check_tanh_derivative():
    z = sp.Symbol("z", real=True)
    assert check_tanh_derivative("1 - tanh(z)**2")
    assert check_tanh_derivative(1 / sp.cosh(z) ** 2)
    assert check_tanh_derivative(sp.diff(sp.tanh(z), z))
    for wrong in ("tanh(z)*(1 - tanh(z))", "1 + tanh(z)**2", "cosh(z)**2", "1 - tanh(z)"):
        verdict = check_tanh_derivative(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_label_map():
    y = sp.Symbol("y", real=True)
    assert check_label_map("2*y - 1") and check_label_map(2 * (y - sp.Rational(1, 2)))
    for wrong in ("y - 1", "1 - 2*y", "2*y", "(y + 1)/2"):
        verdict = check_label_map(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_loss_at_zero():
    assert check_loss_at_zero(1) and check_loss_at_zero(1.0) and check_loss_at_zero("1")
    for wrong in (0, 0.5, 2, 4):
        verdict = check_loss_at_zero(wrong)
        assert not verdict and "Hint" in repr(verdict)

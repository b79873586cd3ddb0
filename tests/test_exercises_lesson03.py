import sympy as sp

from gdcore.exercises import check_centred_mean, check_coordinate_c, check_simultaneous_c


def test_check_simultaneous_c():
    alpha, c, m, x, y = sp.symbols("alpha c m x y")
    assert check_simultaneous_c("c - 2*alpha*(m*x + c - y)")
    assert check_simultaneous_c(c + 2 * alpha * (y - m * x - c))
    for wrong in [
        "c - alpha*(m*x + c - y)",
        "c + 2*alpha*(m*x + c - y)",
        "c - 2*alpha*x*(m*x + c - y)",
    ]:
        verdict = check_simultaneous_c(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "No answer yet" in repr(check_simultaneous_c(...))


def test_check_coordinate_c():
    # m after the first half-sweep is 0.1 * 2 * 23 / 3 = 23/15; then c = -0.2 * (6m - 10) / 3.
    assert (
        check_coordinate_c(sp.Rational(4, 75))
        and check_coordinate_c(0.05333)
        and check_coordinate_c(0.0533)
    )
    simultaneous = -0.1 * 2 * (0 - 10 / 3)  # c from the old m = 0: the other algorithm
    assert not check_coordinate_c(simultaneous)
    assert "NEW m" in repr(check_coordinate_c(0.0))
    assert "No answer yet" in repr(check_coordinate_c(None))


def test_check_centred_mean():
    assert check_centred_mean(0) and check_centred_mean(0.0) and check_centred_mean(sp.S.Zero)
    for wrong in [1, -1.5, 0.5]:
        verdict = check_centred_mean(wrong)
        assert not verdict and "mean(x)" in repr(verdict)
    assert "No answer yet" in repr(check_centred_mean(...))

import sympy as sp

from gdcore.exercises import check_centred_condition, check_logistic_rate, check_raw_bias


def test_check_centred_condition():
    assert check_centred_condition(25) and check_centred_condition(25.0)
    assert check_centred_condition(sp.Integer(5) ** 2)
    for wrong in (5, 1 / 25, 50, 1):
        verdict = check_centred_condition(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_raw_bias():
    b, w, mu, s = sp.symbols("b w mu s", real=True)
    assert check_raw_bias("b - w*mu/s")
    assert check_raw_bias(b - w * mu / s)
    assert check_raw_bias((b * s - w * mu) / s)
    for wrong in ("b", "b - w*mu", "b + w*mu/s", "w/s"):
        verdict = check_raw_bias(wrong)
        assert not verdict and "Hint" in repr(verdict)


def test_check_logistic_rate():
    assert check_logistic_rate(8) and check_logistic_rate("2/(1/4)")
    for wrong in (2, 0.5, 4, 1 / 8):
        verdict = check_logistic_rate(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "Expected a number" in repr(check_logistic_rate("fast"))

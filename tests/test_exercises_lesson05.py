import numpy as np
import sympy as sp

import gdcore
from gdcore.exercises import check_decision_boundary, check_safe_rate, check_start_gradient


def test_check_decision_boundary():
    b, w = sp.symbols("b w")
    assert check_decision_boundary("-b/w") and check_decision_boundary(-b / w)
    b_r, w_r = sp.symbols("b w", real=True)
    assert check_decision_boundary(-b_r / w_r)
    for wrong in ["w/b", "-w/b", "b*w", "0"]:
        verdict = check_decision_boundary(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "sign" in repr(check_decision_boundary("b/w"))
    assert "No answer yet" in repr(check_decision_boundary(None))


def test_check_start_gradient():
    p = sp.Symbol("p")
    assert check_start_gradient("1/2 - p") and check_start_gradient(sp.Rational(1, 2) - p)
    assert check_start_gradient("0.5 - p")
    for wrong in ["p", "1 - p", "-p", "0.25 - p"]:
        verdict = check_start_gradient(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "downhill" in repr(check_start_gradient("p - 1/2"))
    assert "No answer yet" in repr(check_start_gradient(...))


def test_check_safe_rate():
    X = gdcore.add_intercept(np.arange(4.0))
    lam = np.linalg.eigvalsh(X.T @ X / (4 * len(X)))[-1]
    assert check_safe_rate(2 / lam) and check_safe_rate(round(2 / lam, 4))
    assert check_safe_rate(32 / (9 + sp.sqrt(61)))  # exact: A = [[4, 6], [6, 14]] / 16
    for wrong in [1.0, 2.0, 1 / lam]:
        verdict = check_safe_rate(wrong)
        assert not verdict and "Hint" in repr(verdict)
    assert "4m" in repr(check_safe_rate(2 / (4 * lam)))
    assert "No answer yet" in repr(check_safe_rate(...))

"""Checks for lesson 01's exercises: one variable, one minimum."""

import numpy as np
import sympy as sp

from ._check import Verdict, check_expression, check_number
from ._code import SQUARE, CodeExercise, Mistake
from ._predict import check_prediction

__all__ = [
    "check_bound",
    "check_derivative",
    "check_rate_prediction",
    "check_step",
    "check_step_code",
]

x = sp.Symbol("x")


def check_derivative(answer):
    """g(x) = x**4 - 3*x: what is g′(x)?"""
    return check_expression(
        answer, sp.diff(x**4 - 3 * x, x), "differentiate term by term: d/dx xⁿ = n·xⁿ⁻¹.", [x]
    )


def check_bound(answer):
    """g(x) = 5(x − 1)²: descent converges for every α below a bound, and for none at or
    above it. What is the bound?"""
    return check_number(
        answer, 2 / 10, "the bound is 2/k, with k = g″, and g″ is constant here; find g″ first."
    )


def check_step(answer):
    """f(x) = (x − 2)² + 1, x = 4, α = 0.1: where is x after one update?"""
    return check_number(answer, 4 - 0.1 * 2 * (4 - 2), "compute f′(4) first, then x − α·f′(x).")


# The lesson's f(x) = (x − 2)² + 1, written for x of shape (..., 1) as descend passes it.
def _f(theta):
    return (theta[..., 0] - 2) ** 2 + 1


def _f_grad(theta):
    return 2 * (theta - 2)


def check_rate_prediction(prediction, lr=0.9):
    """Descent on f(x) = (x − 2)² + 1 from x = −1, 40 steps at rate ``lr``: will it
    "converge", "oscillate", "diverge" or "crawl"? Here L = f″ = 2, so 2/L = 1."""
    return check_prediction(
        prediction, lr, grad=_f_grad, theta0=np.array([-1.0]), bound=1.0, steps=40, loss=_f
    )


def f_step(x, lr):
    """One update on f(x) = (x − 2)² + 1: ``x − lr·f′(x)``, with f′(x) = 2(x − 2)."""
    return (x - lr * 2 * (x - 2),)


def _draw_step(rng, n):
    # One number x, never at the minimum 2, where every mistake would look right; the
    # engine's n (a number of examples) has no meaning here.
    return 2 + rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 4.0), rng.uniform(0.05, 0.4)


STEP_CODE = CodeExercise(
    reference=f_step,
    draw=_draw_step,
    outputs=("x_new",),
    hint="f′(x) = 2·(x − 2), and the new x is x − lr·f′(x); see the section 'Derive'.",
    mistakes=(
        Mistake(
            "you stepped by the height f(x), not by the slope f′(x)",
            lambda x, lr: (x - lr * ((x - 2) ** 2 + 1),),
        ),
        Mistake(
            "you returned the change −lr·f′(x), not the new x: add x to it",
            lambda x, lr: (-lr * 2 * (x - 2),),
        ),
    ),
    updates=(0,),
    lr=1,
    two=SQUARE,
)


def check_step_code(fn):
    """``fn(x, lr) -> x_new``: one gradient-descent update on f(x) = (x − 2)² + 1.

    x and lr are numbers.
    """
    verdict = STEP_CODE.check(fn)
    if verdict:
        # The engine counts examples (N), which this exercise does not have.
        n = len(STEP_CODE.sizes)
        return Verdict(True, f"Right: your step agrees with x − lr·f′(x) at {n} random (x, lr).")
    return verdict

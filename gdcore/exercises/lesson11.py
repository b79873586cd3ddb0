"""Checks for lesson 11's exercises: momentum, its stable region and its rate."""

import numpy as np

from ._check import check_number
from ._code import CodeExercise, Mistake

__all__ = [
    "check_largest_step",
    "check_momentum_code",
    "check_momentum_rate",
    "check_plain_rate",
]

KAPPA = 100  # the condition number of exercises 2 and 3


def check_largest_step(answer):
    """β = 0.5: the largest αλ for which momentum converges on f = λθ²/2 (not included)."""
    hint = (
        "momentum converges on f = λθ²/2 when 0 ≤ β < 1 and 0 < αλ < 2(1 + β); "
        "see the section 'Where momentum converges'."
    )
    return check_number(answer, 2 * (1 + 0.5), hint)


def check_plain_rate(answer):
    """κ = 100: plain descent's error shrinks by this factor per step at its best rate."""
    hint = (
        "at α = 2/(λmin + λmax) both ends shrink by (κ − 1)/(κ + 1) per step; put in κ = 100. "
        "See the section 'The best step, and the best β'."
    )
    return check_number(answer, (KAPPA - 1) / (KAPPA + 1), hint)


def check_momentum_rate(answer):
    """κ = 100: momentum's error shrinks by this factor per step at its best α and β."""
    hint = (
        "at its best α and β, momentum's error shrinks by √β = (√κ − 1)/(√κ + 1) per step; "
        "put in κ = 100. See the section 'The best step, and the best β'."
    )
    root = np.sqrt(KAPPA)
    return check_number(answer, (root - 1) / (root + 1), hint)


# --- the coding exercise: one heavy-ball step ----------------------------------------------


def heavy_ball(theta, v, g, lr, beta):
    """``(theta_new, v_new)`` after one heavy-ball step: v ← β·v + g, then θ ← θ − α·v."""
    v_new = beta * v + g
    return theta - lr * v_new, v_new


def _draw_step(rng, n):
    """``(theta, v, g, lr, beta)``: v and g of different sizes and signs, so that each
    mistake moves the answer its own way."""
    theta = rng.normal(0.0, 2.0, size=n)
    v, g = rng.normal(1.0, 1.5, size=n), rng.normal(-0.5, 1.0, size=n)
    return theta, v, g, rng.uniform(0.02, 0.3), rng.uniform(0.5, 0.95)


MOMENTUM_CODE = CodeExercise(
    reference=heavy_ball,
    draw=_draw_step,
    outputs=("theta_new", "v_new"),
    hint=(
        "first v_new = beta·v + g, then theta_new = theta − lr·v_new, with the NEW velocity; "
        "this is gdcore's convention (gdcore.momentum_step), not the other common one, "
        "v ← β·v − α·g and θ ← θ + v. See the section 'Two update rules'."
    ),
    mistakes=(
        Mistake(
            "the step used the old velocity: update v first, then move θ by lr·v_new",
            lambda theta, v, g, lr, beta: (theta - lr * v, beta * v + g),
        ),
        Mistake(
            "the step goes uphill: θ + lr·v_new instead of θ − lr·v_new",
            lambda theta, v, g, lr, beta: (theta + lr * (beta * v + g), beta * v + g),
        ),
        Mistake(
            "β is missing: v + g never forgets the old velocity; use beta·v + g",
            lambda theta, v, g, lr, beta: heavy_ball(theta, v, g, lr, 1.0),
        ),
        Mistake(
            "β multiplies g instead of v: v_new = beta·v + g",
            lambda theta, v, g, lr, beta: (theta - lr * (v + beta * g), v + beta * g),
        ),
        Mistake(
            "v_new = beta·v + (1 − beta)·g is the averaged form (Adam's first moment); "
            "the heavy ball adds the whole gradient, beta·v + g",
            lambda theta, v, g, lr, beta: heavy_ball(theta, v, (1 - beta) * g, lr, beta),
        ),
        Mistake(
            "θ moved by the gradient alone: the step is lr·v_new, the new velocity",
            lambda theta, v, g, lr, beta: (theta - lr * g, beta * v + g),
        ),
        Mistake(
            "that is the other convention, v ← β·v − α·g and θ ← θ + v; this series keeps "
            "gdcore's, v ← β·v + g and θ ← θ − α·v",
            lambda theta, v, g, lr, beta: (theta + beta * v - lr * g, beta * v - lr * g),
        ),
    ),
    updates=(0, 1),
    lr=3,
)


def check_momentum_code(fn):
    """``fn(theta, v, g, lr, beta) -> (theta_new, v_new)``: one heavy-ball step."""
    return MOMENTUM_CODE.check(fn)

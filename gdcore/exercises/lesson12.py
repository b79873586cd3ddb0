"""Checks for lesson 12's exercises: AdaGrad, RMSProp, Adam and backtracking line search."""

import numpy as np

from ._check import check_number
from ._code import CodeExercise, Mistake

__all__ = [
    "check_adagrad_rate",
    "check_adam_code",
    "check_armijo_rate",
    "check_first_mhat",
]

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


def check_first_mhat(answer):
    """Adam, first step, gradient g = 3: the bias-corrected m̂."""
    hint = (
        "m₁ = β₁·0 + (1 − β₁)·g = 0.1·g, and the correction divides by 1 − β₁¹ = 0.1; "
        "see the section 'Derive: Adam's bias correction'."
    )
    return check_number(answer, 3.0, hint)


def check_adagrad_rate(answer):
    """AdaGrad, α = 1, one coordinate whose gradients were 3, then 4: the rate that
    multiplies the second gradient, α/√(3² + 4²)."""
    hint = "the sum of squared gradients is s = 3² + 4², and the rate is α/√s (ε is negligible)."
    return check_number(answer, 0.2, hint)


def check_armijo_rate(answer):
    """f(θ) = θ², θ = 1, lr0 = 1, shrink = 0.5, c = 1e-4: the rate backtracking takes."""
    hint = (
        "g = f'(1) = 2; try α = 1, 0.5, 0.25, … and keep the first with f(1 − α·g) ≤ f(1) − c·α·g²."
    )
    return check_number(answer, 0.5, hint)


# --- the coding exercise: one Adam step ---------------------------------------------------


def adam(theta, g, m, v, t, lr):
    """``(theta_new, m_new, v_new)`` after Adam's step number ``t`` (from 1)."""
    m = BETA1 * m + (1 - BETA1) * g
    v = BETA2 * v + (1 - BETA2) * g * g
    m_hat, v_hat = m / (1 - BETA1**t), v / (1 - BETA2**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + EPS), m, v


def _draw_adam(rng, n):
    """A state Adam could be in before step t: m and v of the size t − 1 steps leave,
    the gradients of both signs and of different sizes, t from 2 to 30."""
    t = int(rng.integers(2, 31))
    theta = rng.uniform(-3.0, 3.0, size=n)
    g = rng.uniform(0.5, 3.0, size=n) * rng.choice([-1.0, 1.0], size=n)
    m = (1 - BETA1 ** (t - 1)) * rng.uniform(-2.0, 2.0, size=n)
    v = (1 - BETA2 ** (t - 1)) * rng.uniform(1.0, 9.0, size=n)
    return theta, g, m, v, t, float(rng.uniform(0.01, 0.1))


def _with(theta, g, m, v, t, lr, *, tm=None, tv=None, square=True, root=True, state=False):
    """Adam with one thing changed: the powers in the corrections, g for g², no root,
    or m̂ and v̂ returned as the state."""
    m_new = BETA1 * m + (1 - BETA1) * g
    v_new = BETA2 * v + (1 - BETA2) * (g * g if square else g)
    m_hat = m_new / (1 - BETA1**tm) if tm else m_new
    v_hat = v_new / (1 - BETA2**tv) if tv else v_new
    scale = np.sqrt(v_hat) if root else v_hat
    theta_new = theta - lr * m_hat / (scale + EPS)
    return (theta_new, m_hat, v_hat) if state else (theta_new, m_new, v_new)


def _old_state(theta, g, m, v, t, lr):
    _, m_new, v_new = adam(theta, g, m, v, t, lr)
    m_hat, v_hat = m / (1 - BETA1**t), v / (1 - BETA2**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + EPS), m_new, v_new


ADAM_MISTAKES = (
    Mistake(
        "the bias correction is missing: divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ before the step",
        lambda theta, g, m, v, t, lr: _with(theta, g, m, v, t, lr),
    ),
    Mistake(
        "the bias correction is off by one: this is step t, so divide by 1 − β₁ᵗ and "
        "1 − β₂ᵗ, not by the powers t − 1",
        lambda theta, g, m, v, t, lr: _with(theta, g, m, v, t, lr, tm=t - 1, tv=t - 1),
    ),
    Mistake(
        "only m is corrected: v needs its own correction, v̂ = v/(1 − β₂ᵗ)",
        lambda theta, g, m, v, t, lr: _with(theta, g, m, v, t, lr, tm=t),
    ),
    Mistake(
        "v averages g, not g²: v ← β₂·v + (1 − β₂)·g²",
        lambda theta, g, m, v, t, lr: _with(theta, g, m, v, t, lr, tm=t, tv=t, square=False),
    ),
    Mistake(
        "the square root is missing: divide by √v̂ + ε, not by v̂",
        lambda theta, g, m, v, t, lr: _with(theta, g, m, v, t, lr, tm=t, tv=t, root=False),
    ),
    Mistake(
        "m̂ and v̂ came back as the new state: return the uncorrected m and v, "
        "the correction is only for the step",
        lambda theta, g, m, v, t, lr: _with(theta, g, m, v, t, lr, tm=t, tv=t, state=True),
    ),
    Mistake(
        "the step used the old m and v: update m and v with this g first, then step",
        _old_state,
    ),
)

ADAM_CODE = CodeExercise(
    reference=adam,
    draw=_draw_adam,
    outputs=("theta_new", "m_new", "v_new"),
    hint=(
        "m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), "
        "θ ← θ − lr·m̂/(√v̂ + ε); see the section 'Adam'."
    ),
    mistakes=ADAM_MISTAKES,
    updates=(0, 2, 3),
    lr=5,
    nonfinite=(
        "v must average g², which is never negative: the root of a negative v̂ is nan; and "
        "at t = 1 a correction with the power t − 1 divides by 1 − β⁰ = 0."
    ),
)


def check_adam_code(fn):
    """``fn(theta, g, m, v, t, lr) -> (theta_new, m_new, v_new)``: one Adam step,
    β₁ = 0.9, β₂ = 0.999, ε = 1e-8, with t the step number from 1."""
    return ADAM_CODE.check(fn)

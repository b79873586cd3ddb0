"""Checks for lesson 04's exercises: the sigmoid, the likelihood and log-loss's gradient."""

import numpy as np
import sympy as sp

from ..losses import log_loss, sigmoid
from ._check import NO_ANSWER, Verdict, check_expression, check_number
from ._code import CodeExercise, Mistake

__all__ = [
    "check_closer_gradient",
    "check_negative_example_grad",
    "check_sigmoid_slope",
    "check_stable_log_loss_code",
    "check_underflow_size",
]

yhat, x = sp.symbols("yhat x")


def check_sigmoid_slope(answer):
    """σ(z) = 3/4 at z = ln 3: what is σ′(z) there?"""
    verdict = check_number(
        answer, 3 / 16, "use σ′ = σ(1 − σ) with σ = 3/4; no exponentials needed."
    )
    if not verdict and check_number(answer, 1 / 4, ""):
        return Verdict(False, "Not yet: 1/4 is σ′(0), the largest slope. Here σ = 3/4, not 1/2.")
    return verdict


def check_underflow_size(answer):
    """How many predictions of exactly 0.5 must be multiplied before float64 gives 0.0?"""
    verdict = check_number(
        answer,
        1075,
        "0.5**n is exactly 2**-n; compare it with the smallest positive float64, "
        "np.nextafter(0.0, 1.0), and mind how the last step rounds.",
    )
    if not verdict and any(check_number(answer, n, "") for n in (1022, 1023, 1024)):
        return Verdict(
            False,
            f"Not yet: {answer} is about where float64's normal numbers end, but smaller "
            "'subnormal' numbers go further. Try 0.5**1030 in Python.",
        )
    return verdict


def check_negative_example_grad(answer):
    """An example labelled y = 0 with prediction ŷ: what is ∂E/∂w for its feature x?"""
    hint = (
        "start from −(y − ŷ)·x and put y = 0. "
        'Write it with yhat and x, as a string such as "x + yhat".'
    )
    verdict = check_expression(answer, yhat * x, hint, [yhat, x])
    if not verdict and check_expression(answer, (yhat - 1) * x, "", [yhat, x]):
        return Verdict(False, "Not yet: that is the gradient for a label y = 1. Put y = 0.")
    return verdict


# --- which statement about the gradient's size is true -----------------------------------

CLOSER_CHOICES = {
    "a": "The closer the prediction ŷ is to the label y, the larger the gradient.",
    "b": "The closer the prediction ŷ is to the label y, the smaller the gradient.",
    "c": "The gradient's size depends only on the example x, not on the prediction.",
    "d": "The gradient always points the same way, whatever the label.",
}
CLOSER_RIGHT = "b"
CLOSER_HINT = (
    "one example's gradient is −(y − ŷ)(x₁, …, xₙ, 1): the example's own coordinates "
    "times the scalar −(y − ŷ). What happens to that scalar as ŷ approaches y?"
)
_CLOSER_WHY = {
    "a": "its size is |y − ŷ| times the length of (x₁, …, xₙ, 1), and |y − ŷ| shrinks as ŷ "
    "approaches y; look at the lengths printed for ŷ = 0.01 … 0.99",
    "c": "(x₁, …, xₙ, 1) fixes the direction, but the scalar y − ŷ sets the size: the "
    "lengths printed for ŷ = 0.01 … 0.99 differ for the same x",
    "d": "the scalar −(y − ŷ) is negative for y = 1 and positive for y = 0, so the two "
    "labels push in opposite directions",
}


def check_closer_gradient(answer):
    """Which statement is true of one example's gradient −(y − ŷ)(x₁, …, xₙ, 1)? A letter."""
    if answer is None or answer is Ellipsis:
        return Verdict(False, f"{NO_ANSWER} Hint: {CLOSER_HINT}")
    letter = str(answer).strip().strip("()[].'\" ").lower()
    if letter not in CLOSER_CHOICES:
        letters = ", ".join(f'"{k}"' for k in CLOSER_CHOICES)
        return Verdict(False, f"Not yet: {str(answer)[:20]!r} is not one of {letters}.")
    if letter == CLOSER_RIGHT:
        return Verdict(
            True,
            "Right: b. The gradient's length is |y − ŷ| times the example's length, so a "
            "nearly right prediction barely moves the parameters.",
        )
    return Verdict(False, f"Not yet: {letter} is not true: {_CLOSER_WHY[letter]}.")


# --- a log-loss that survives z = ±800 --------------------------------------------------


def logit_log_loss(z, y):
    """Mean log-loss from the scores z = Xθ, from gdcore: ``mean(log(1 + exp(−z)))`` for
    y = 1 and ``mean(log(1 + exp(z)))`` for y = 0, without ever forming σ(z)."""
    z = np.asarray(z, dtype=float)
    return log_loss(np.ones(1), z.reshape(-1, 1), y)


def _draw_scores(rng, n):
    """``(z, y)``: moderate scores, with ±800 among them, confidently right and wrong, where
    σ(z) rounds to exactly 0 or 1."""
    z = rng.normal(0.0, 3.0, size=n)
    y = (rng.uniform(size=n) < 0.5).astype(float)
    z[:4], y[:4] = [800.0, -800.0, 800.0, -800.0], [1.0, 0.0, 0.0, 1.0]
    return z, y


def _clipped(eps):
    """Log-loss with ŷ = σ(z) clipped to [eps, 1 − eps]: finite, but capped at −log(eps)."""

    def clipped(z, y):
        p = np.clip(sigmoid(z), eps, 1 - eps)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    return Mistake(
        f"ŷ was clipped to [{eps:g}, 1 − {eps:g}], which caps each term at "
        f"−log({eps:g}) = {-np.log(eps):.3g} where it should reach 800. Clipping hides the "
        "log(0) but changes the loss: use the stable form",
        clipped,
    )


LOG_LOSS_CODE = CodeExercise(
    reference=logit_log_loss,
    draw=_draw_scores,
    outputs=("the loss",),
    hint=(
        "the mean of log(1 + e^(−z)) where y = 1 and of log(1 + e^z) where y = 0; "
        "np.logaddexp(0, u) is log(1 + e^u) without overflow. See the section "
        "'Derive: log-loss from the likelihood'."
    ),
    mistakes=(
        Mistake(
            "the labels are swapped: y = 1 goes with log(1 + e^(−z))",
            lambda z, y: logit_log_loss(z, 1 - y),
        ),
        *(_clipped(eps) for eps in (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7)),
    ),
    nonfinite=(
        "at z = ±800, σ(z) rounds to exactly 0 or 1, so log(ŷ) or log(1 − ŷ) is log(0), and "
        "exp(800) overflows. Use the stable form: −log σ(z) = np.logaddexp(0, −z) and "
        "−log(1 − σ(z)) = np.logaddexp(0, z)"
    ),
)


def check_stable_log_loss_code(fn):
    """``fn(z, y) -> loss``: the mean log-loss from the scores z, finite at z = ±800."""
    return LOG_LOSS_CODE.check(fn)

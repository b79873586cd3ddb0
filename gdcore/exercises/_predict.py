"""Predict, then run: the learner says what a learning rate will do, and a descent answers.

The four words a learner may use, for a rate α on a loss whose largest curvature at
the minimum is L (so that 2/L is the stability bound):

- "converge": 0 < αL ≤ 1, and the run converges within the steps given;
- "crawl": 0 < αL ≤ 1, but the steps are too small to converge within them;
- "oscillate": 1 < αL ≤ 2, every step passes the minimum (at αL = 2 it bounces for ever);
- "diverge": αL > 2, every step passes the minimum by more than it started from.

α·L sets the regime, as it does exactly for a quadratic. The run, by
:func:`gdcore.descend`, decides between converge and crawl, supplies the numbers
the answer quotes, and overrules α·L when it blows up.
"""

from collections.abc import Callable

import numpy as np

from ..descent import Descent, descend
from ._check import NO_ANSWER, Verdict

CHOICES = ("converge", "oscillate", "diverge", "crawl")
HINT = 'answer "converge", "oscillate", "diverge" or "crawl"; compare α with 1/L and 2/L.'
_FORMS = {form: word for word in CHOICES for form in (word, word + "s", word + "d", word + "ed")}


def check_prediction(
    prediction,
    lr: float,
    *,
    grad: Callable,
    theta0,
    bound: float,
    steps: int,
    loss: Callable | None = None,
) -> Verdict:
    """Is ``prediction`` what descent with rate ``lr`` does in ``steps`` steps, and why.

    Parameters
    ----------
    prediction : str
        One of "converge", "oscillate", "diverge", "crawl" (any case; "diverges" is fine).
    lr : float
        The learning rate α, > 0.
    grad : callable, theta -> ndarray of shape (n_params,)
    theta0 : ndarray of shape (n_params,)
    bound : float
        The stability bound 2/L, with L the largest curvature at the minimum.
    steps : int
    loss : callable, theta -> float, optional
        Lets the answer quote how the loss moved.
    """
    if prediction is None or prediction is Ellipsis:
        return Verdict(False, f"{NO_ANSWER} Hint: {HINT}")
    said = _FORMS.get(prediction.strip().lower()) if isinstance(prediction, str) else None
    if said is None:
        return Verdict(
            False,
            f"Could not read {prediction!r} as a prediction: "
            'answer "converge", "oscillate", "diverge" or "crawl".',
        )
    bound = float(bound)
    if not (np.isfinite(bound) and bound > 0):
        raise ValueError(f"bound must be 2/L, a positive number, got {bound!r}.")
    run = descend(grad, theta0, lr, steps, loss=loss)
    regime, why = _regime(run, bound, np.size(theta0) == 1)
    if said == regime:
        return Verdict(True, f"Right: {why}.")
    return Verdict(False, f"Not quite: it will {regime}, not {said}: {why}.")


def _regime(run: Descent, bound: float, one_d: bool) -> tuple[str, str]:
    """The regime's word, and the reason in terms of α, 1/L and 2/L."""
    lr, rate = run.lr, 2 * run.lr / bound  # rate = αL
    shrink = abs(1 - rate)
    near = "the distance to the minimum" if one_d else "the error along the most curved direction"
    over = "the minimum" if one_d else "the minimum along the most curved direction"
    there = near if one_d else "the error there"
    a, half, full = f"α = {lr:.3g}", f"1/L = {bound / 2:.3g}", f"2/L = {bound:.3g}"
    if run.diverged or _grew(run) or rate > 2 * (1 + 1e-9):
        if rate <= 2:
            return "diverge", (
                f"{a} is not above {full}, yet the run blew up: this loss is not a quadratic, "
                f"and away from the minimum it curves more than L; {_diverged(run)}"
            )
        return "diverge", (
            f"{a} is above {full}, so each step overshoots {over} by more than it started from: "
            f"{there} grows by |1 − αL| = {shrink:.3g} per step; {_diverged(run)}"
        )
    if rate > 2 * (1 - 1e-9):
        return "oscillate", (
            f"{a} equals {full}, so each step lands exactly as far on the other side of the "
            f"minimum: |1 − αL| = 1, and {_swinging(run)}"
        )
    if rate > 1 + 1e-9:
        return "oscillate", (
            f"{a} is between {half} and {full}, so each step overshoots {over} and {there} "
            f"shrinks by |1 − αL| = {shrink:.3g} per step; {_swinging(run)}"
        )
    below = (
        f"{a} is {'below' if rate < 1 - 1e-9 else 'equal to'} {half}, so no step passes the minimum"
    )
    done = run.converged_at()
    if done is None:
        factor = f": {near} shrinks only by |1 − αL| = {shrink:.3g} per step" if one_d else ""
        return "crawl", (
            f"{below}, but the steps are small{factor}; "
            f"after {run.steps} steps the run has not converged{_fell(run)}"
        )
    return "converge", (
        f"{below}, and {near} shrinks by |1 − αL| = {shrink:.3g} per step; "
        f"the run converged in {_steps(done)}"
    )


def _grew(run):
    return run.losses is not None and run.losses[-1] > run.losses[0]


def _diverged(run):
    if run.diverged:
        return f"the run left the finite numbers after {run.steps + 1} steps"
    if run.losses is not None:
        first, last = run.losses[0], run.losses[-1]
        return f"the loss grew from {first:.3g} to {last:.3g} in {run.steps} steps"
    return f"after {run.steps} steps the gradient is {run.grad_norms[-1]:.3g} long"


def _swinging(run):
    if run.bounces():
        return "the run bounces between two points for ever"
    done = run.converged_at()
    if done is not None:
        return f"the run converged in {_steps(done)}, swinging across the minimum on the way"
    return f"after {run.steps} steps the run is still swinging from side to side{_fell(run)}"


def _fell(run):
    if run.losses is None:
        return ""
    return f" (the loss went from {run.losses[0]:.4g} to {run.losses[-1]:.4g})"


def _steps(k):
    return "1 step" if k == 1 else f"{k} steps"

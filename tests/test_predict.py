import numpy as np
import pytest

from gdcore.exercises._predict import CHOICES, check_prediction


def f(theta):
    return (theta[..., 0] - 2) ** 2 + 1


def f_grad(theta):
    return 2 * (theta - 2)


def predict(prediction, lr, steps=40):
    """f(x) = (x − 2)² + 1 from x = −1: L = 2, so 1/L = 0.5 and 2/L = 1."""
    return check_prediction(
        prediction, lr, grad=f_grad, theta0=np.array([-1.0]), bound=1.0, steps=steps, loss=f
    )


REGIMES = {
    "crawl": (0.02, "shrinks only by |1 − αL| = 0.96"),
    "converge": (0.3, "converged in 16 steps"),
    "oscillate": (0.9, "between 1/L = 0.5 and 2/L = 1"),
    "diverge": (1.05, "grows by |1 − αL| = 1.1"),
}


@pytest.mark.parametrize("regime", CHOICES)
def test_each_regime_predicted_right(regime):
    lr, why = REGIMES[regime]
    verdict = predict(regime, lr)
    assert verdict and repr(verdict).startswith("Right:")
    assert why in repr(verdict)


@pytest.mark.parametrize("regime", CHOICES)
@pytest.mark.parametrize("said", CHOICES)
def test_each_regime_predicted_wrong(regime, said):
    if said == regime:
        return
    lr, why = REGIMES[regime]
    verdict = predict(said, lr)
    assert not verdict
    assert f"it will {regime}, not {said}" in repr(verdict) and why in repr(verdict)


def test_other_forms_of_the_word_are_read():
    assert predict("Diverges", 1.05) and predict(" oscillated ", 0.9)


def test_the_bound_itself_bounces():
    verdict = predict("oscillate", 1.0)
    assert verdict and "bounces between two points" in repr(verdict)


def test_crawl_depends_on_the_steps_given():
    assert predict("crawl", 0.02) and predict("converge", 0.02, steps=1000)


def test_several_parameters_speak_of_the_most_curved_direction():
    H = np.diag([2.0, 0.02])
    verdict = check_prediction(
        "oscillate", 0.9, grad=lambda t: t @ H, theta0=np.ones(2), bound=1.0, steps=50
    )
    assert verdict and "the most curved direction" in repr(verdict)


@pytest.mark.parametrize("word", ["bounce", "", "slowly", 3, ["converge"]])
def test_an_unknown_word_lists_the_choices(word):
    verdict = predict(word, 0.3)
    assert not verdict and "Could not read" in repr(verdict)
    assert all(f'"{choice}"' in repr(verdict) for choice in CHOICES)
    assert "\n" not in repr(verdict)


@pytest.mark.parametrize("answer", [None, ...])
def test_no_answer_yet(answer):
    verdict = predict(answer, 0.3)
    assert not verdict and repr(verdict).startswith("No answer yet")


def test_a_bad_bound_is_refused():
    with pytest.raises(ValueError, match="bound must be 2/L"):
        check_prediction("converge", 0.3, grad=f_grad, theta0=[-1.0], bound=0.0, steps=10)

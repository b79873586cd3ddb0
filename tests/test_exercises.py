"""What every lesson's check does before the learner answers."""

import importlib

import numpy as np
import pytest

from gdcore.exercises import check_number

LESSONS = [importlib.import_module(f"gdcore.exercises.lesson{n:02d}") for n in range(1, 10)]
CHECKS = [getattr(lesson, name) for lesson in LESSONS for name in lesson.__all__]


def test_every_lesson_has_checks():
    assert all(lesson.__all__ for lesson in LESSONS)


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
@pytest.mark.parametrize("empty", [None, ...])
def test_no_answer_yet_gets_a_hint(check, empty):
    verdict = check(empty)
    assert not verdict and "No answer yet" in repr(verdict) and "Hint" in repr(verdict)


@pytest.mark.parametrize(
    "answer, expected, right",
    [
        (0.111, 1 / 9, True),  # three significant figures
        ("1/9", 1 / 9, True),
        (0.11, 1 / 9, False),
        (1075, 1075, True),
        (1074.9, 1075, False),  # a whole number must be exact
        (np.array([[0.1875]]), 3 / 16, True),
        ([0.1875], 3 / 16, True),  # a one-answer list, as sp.solve gives
    ],
)
def test_one_tolerance_policy_for_typed_numbers(answer, expected, right):
    assert bool(check_number(answer, expected, "hint")) is right

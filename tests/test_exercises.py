"""What every lesson's check does before the learner answers."""

import importlib

import pytest

LESSONS = [importlib.import_module(f"gdcore.exercises.lesson{n:02d}") for n in range(1, 10)]
CHECKS = [getattr(lesson, name) for lesson in LESSONS for name in lesson.__all__]


def test_every_lesson_has_checks():
    assert all(lesson.__all__ for lesson in LESSONS)


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
@pytest.mark.parametrize("empty", [None, ...])
def test_no_answer_yet_gets_a_hint(check, empty):
    verdict = check(empty)
    assert not verdict and "No answer yet" in repr(verdict) and "Hint" in repr(verdict)

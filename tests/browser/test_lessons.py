"""Every lesson runs cleanly in JupyterLab, and every Explorer in it reacts to its slider."""

import contextlib

import pytest
from jupyter_harness import (
    arrow_away_from_end,
    lesson_paths,
    lessons_dir,
    run_notebook,
    wait_kernel_idle,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

LESSONS = lesson_paths()
ARROW_PRESSES = 5
REDRAW_TIMEOUT = 15_000  # ms; the redraw may need a round trip to the kernel
WIDGET_WAIT = 30_000  # ms


def test_lessons_exist():
    assert LESSONS, f"no lessons (*.ipynb) in {lessons_dir()}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson(lesson, lab, lab_page):
    page = lab_page
    run = run_notebook(page, lab, lesson.name)

    if run.errors:
        summary = "\n".join(f"  {err}" for err in run.errors)
        first = run.errors[0].plain_traceback()
        pytest.fail(f"{lesson.name}: cells raised:\n{summary}\n\n{first}", pytrace=False)
    assert not page.uncaught_errors, f"{lesson.name}: uncaught JavaScript errors: " + "; ".join(
        page.uncaught_errors
    )
    assert run.loading_widgets == 0, (
        f"{lesson.name}: {run.loading_widgets} widget(s) still show 'Loading widget...'"
        f"; console errors: {page.console_errors}"
    )
    assert run.broken_widgets == 0, (
        f"{lesson.name}: {run.broken_widgets} widget(s) show 'Error displaying widget'"
        f"; console errors: {page.console_errors}"
    )

    explorers = page.locator("div.gd-explorer")
    # A widget view is created a moment after its cell's output arrives.
    with contextlib.suppress(PlaywrightTimeoutError):
        explorers.first.wait_for(state="attached", timeout=WIDGET_WAIT)
    assert explorers.count() > 0, f"{lesson.name}: no Explorer (div.gd-explorer) on the page"
    for i in range(explorers.count()):
        check_slider_redraws(page, lesson.name, explorers.nth(i), f"explorer {i}")


def check_slider_redraws(page, lesson_name, explorer, label):
    """Arrow keys on the learning-rate slider must redraw the canvas and update the status."""
    where = f"{lesson_name}, {label}"
    slider = explorer.locator("input.gd-lr[type=range]")
    assert slider.count() == 1, f"{where}: expected one input.gd-lr[type=range]"
    assert explorer.locator("canvas.gd-plot").count() > 0, f"{where}: no canvas.gd-plot"
    assert explorer.locator(".gd-status").count() == 1, f"{where}: expected one .gd-status"

    before = explorer.evaluate("el => __gd.explorerState(el)")
    slider.scroll_into_view_if_needed()
    key = arrow_away_from_end(slider)
    value_before = slider.input_value()
    for _ in range(ARROW_PRESSES):
        slider.press(key)
    assert slider.input_value() != value_before, (
        f"{where}: {key} did not move the lr slider. JupyterLab's command-mode shortcuts "
        "(ArrowRight/Left = expand/collapse heading) swallow arrow keys on range inputs unless "
        "the input has the attribute data-lm-suppress-shortcuts or keydown stops propagating"
    )

    # Wait for both to change; on timeout the asserts below say which one didn't.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "([el, before]) => __gd.explorerChanged(el, before)",
            arg=[explorer.element_handle(), before],
            polling="raf",
            timeout=REDRAW_TIMEOUT,
        )
    wait_kernel_idle(page, lesson_name)
    after = explorer.evaluate("el => __gd.explorerState(el)")

    assert after["canvas"] != before["canvas"], f"{where}: lr slider moved, canvas unchanged"
    assert after["status"] != before["status"], (
        f"{where}: lr slider moved, status unchanged: {after['status']!r}"
    )

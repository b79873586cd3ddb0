"""Answers to the explorer's preview requests: each view draws only its own, and a request
that is never answered does not stop the next.

The kernel's answers reach every view of the widget. In the first test view B waits for
the whole grid after a typed rate (so it would draw any preview that arrives) while view A
is dragged, with the kernel kept busy so that both requests are queued and answered in that
order: view B must never show A's dragged start. In the second, the kernel is interrupted
inside a preview (its gradient raises KeyboardInterrupt, which ipykernel survives without
answering): once the kernel works again, a later move must still be previewed.
"""

import re

import pytest
from jupyter_harness import _PAGE_HELPERS, run_notebook, start_lab, wait_kernel_idle, write_notebook

pytestmark = pytest.mark.browser

NOTEBOOK = "preview_answers.ipynb"
TIMEOUT = 15_000  # ms
CELLS = [
    """\
import numpy as np
from gdcore import add_intercept, mse, mse_grad
from gdcore.widgets import explore
rng = np.random.default_rng(0)
x = rng.uniform(0, 3, 50); y = 0.5 + 2 * x + rng.normal(0, 0.3, 50)
X = add_intercept(x[:, None])
ex = explore(lambda t: mse(t, X, y), lambda t: mse_grad(t, X, y), [3.0, 0.0], steps=60,
             names=("c", "m"))
ex""",
    "ex",
    """\
interrupted = False
def grad(t):
    if interrupted:
        raise KeyboardInterrupt  # as if the kernel were interrupted mid-preview
    return mse_grad(t, X, y)
lossy = explore(lambda t: mse(t, X, y), grad, [3.0, 0.0], steps=60, names=("c", "m"))
lossy""",
]

# Every value the surfaces' aria-labels take, per view, from now on.
WATCH_LABELS = """els => {
  window.__labels = els.map(() => []);
  els.forEach((el, i) => {
    const c = el.querySelector('canvas.gd-surface');
    new MutationObserver(() => __labels[i].push(c.getAttribute('aria-label')))
      .observe(c, {attributes: true, attributeFilter: ['aria-label']});
  });
}"""

# Run `code` in the kernel without waiting: messages sent meanwhile are queued behind it.
RUN = """([path, code]) => {
  __gd.panel(path).sessionContext.session.kernel.requestExecute({code, silent: true});
}"""


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    source = tmp_path_factory.mktemp("two-views")
    write_notebook(source / NOTEBOOK, CELLS)
    with start_lab(source) as lab:
        context = browser.new_context(viewport={"width": 1280, "height": 1800})
        context.add_init_script(_PAGE_HELPERS)
        page = context.new_page()
        try:
            run = run_notebook(page, lab, NOTEBOOK)
            assert not run.errors and run.loading_widgets == run.broken_widgets == 0, run
            page.locator("div.gd-explorer").nth(2).wait_for(timeout=TIMEOUT)
            yield page
        finally:
            context.close()


def start_named(label):
    found = re.search(r"start at \(([^)]*)\)", label or "")
    return found and found.group(1)


def test_a_view_ignores_the_other_views_previews(page):
    a, b = page.locator("div.gd-explorer").nth(0), page.locator("div.gd-explorer").nth(1)
    wait_kernel_idle(page, NOTEBOOK)
    first = start_named(a.locator("canvas.gd-surface").get_attribute("aria-label"))
    page.evaluate(WATCH_LABELS, [a.element_handle(), b.element_handle()])

    page.evaluate(RUN, [NOTEBOOK, "import time; time.sleep(1.5)"])
    readout = b.locator("input.gd-readout")
    readout.fill("0.123")
    readout.press("Enter")  # B asks for one path, then waits for the whole grid
    surface = a.locator("canvas.gd-surface")
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    page.mouse.move(box["x"] + 0.3 * box["width"], box["y"] + 0.3 * box["height"])
    page.mouse.down()  # A asks for its path from the pointer
    try:
        page.mouse.move(box["x"] + 0.6 * box["width"], box["y"] + 0.6 * box["height"], steps=4)
        # A's answers arrive once the kernel wakes; B's typed rate lands as a new scene.
        page.wait_for_function(
            "([first]) => __labels[0].some(l => l && !l.includes(`start at (${first})`))",
            arg=[first],
            timeout=TIMEOUT,
        )
        page.wait_for_function(
            "el => el.querySelector('.gd-status').textContent.includes('α = 0.123')",
            arg=b.element_handle(),
            timeout=TIMEOUT,
        )
        wait_kernel_idle(page, NOTEBOOK)
        labels_a, labels_b = page.evaluate("() => __labels")
    finally:
        page.mouse.up()

    dragged = {start_named(label) for label in labels_a} - {first, None}
    shown_by_b = {start_named(label) for label in labels_b} - {None}
    assert dragged, f"view A never showed a dragged start: {labels_a}"
    assert not dragged & shown_by_b, (
        f"view B drew view A's dragged start {dragged & shown_by_b}: {labels_b}"
    )


def test_a_lost_answer_does_not_stop_the_next_preview(page):
    view = page.locator("div.gd-explorer").nth(2)
    wait_kernel_idle(page, NOTEBOOK)
    status = lambda: view.locator(".gd-status").text_content()
    before = status()
    surface = view.locator("canvas.gd-surface")
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    at = lambda fx, fy: (box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    page.evaluate(RUN, [NOTEBOOK, "interrupted = True"])
    wait_kernel_idle(page, NOTEBOOK)
    page.mouse.move(*at(0.3, 0.3))
    page.mouse.down()  # the preview's gradient raises: no answer comes
    try:
        page.mouse.move(*at(0.4, 0.4), steps=2)
        wait_kernel_idle(page, NOTEBOOK)
        page.evaluate(RUN, [NOTEBOOK, "interrupted = False"])
        wait_kernel_idle(page, NOTEBOOK)
        unanswered = status()
        page.wait_for_timeout(2500)  # longer than the explorer waits for an answer
        page.mouse.move(*at(0.6, 0.6), steps=2)
        page.wait_for_function(
            "([el, before]) => el.textContent !== before",
            arg=[view.locator(".gd-status").element_handle(), before],
            timeout=TIMEOUT,
        )
    finally:
        page.mouse.up()
    assert unanswered == before, "a status came back from a preview that raised"

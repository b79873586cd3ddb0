"""Fixtures for the browser tests: one Chromium and one JupyterLab for the whole session.

Environment:
  GDCORE_BROWSER          path to a Chromium binary (default: /usr/bin/chromium, then
                          Playwright's own download)
  GDCORE_REQUIRE_BROWSER  "1": fail instead of skip when no browser is found (CI)
  GDCORE_LESSONS_DIR      lessons to test instead of notebooks/ (e.g. a mock while developing)
"""

import os

import pytest
from jupyter_harness import (
    ARTIFACTS,
    BrowserNotFound,
    find_browser,
    launch_browser,
    lessons_dir,
    new_lab_page,
    save_screenshot,
    start_lab,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        try:
            executable = find_browser(pw)
        except BrowserNotFound as exc:
            if os.environ.get("GDCORE_REQUIRE_BROWSER") == "1":
                pytest.fail(f"GDCORE_REQUIRE_BROWSER=1 but {exc}", pytrace=False)
            pytest.skip(str(exc))
        browser = launch_browser(pw, executable)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lab(browser):
    """JupyterLab serving a temporary copy of the lessons (started only once a browser exists)."""
    with start_lab(lessons_dir()) as lab:
        yield lab


@pytest.fixture
def lab_page(request, browser, lab):
    """A fresh page for a ``lesson``-parametrised test; screenshots it on teardown."""
    page = new_lab_page(browser)
    yield page
    name = request.node.callspec.id  # the lesson's file stem
    try:
        save_screenshot(page, ARTIFACTS / "screenshots" / f"{name}.png")
    except (PlaywrightError, OSError) as exc:  # a screenshot must not hide the test's outcome
        print(f"could not screenshot {name}: {exc}")
    page.context.close()
    lab.shutdown_kernels()

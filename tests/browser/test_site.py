"""The static site, opened from file:// with every other request blocked and counted.

The site is built once, from the lessons (``GDCORE_LESSONS_DIR`` or notebooks/), into a
temporary folder. Every page is then opened as a reader would open it from disk: no
request may leave the page, no console error may appear, the maths must be typeset
(MathML, with no LaTeX left as text), and every explorer must be drawn and must answer
its learning-rate slider with new pixels and a new status.
"""

import re

import pytest
from jupyter_harness import ARTIFACTS, lessons_dir, save_screenshot

from gdcore import site

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOTS = ARTIFACTS / "screenshots"
LESSONS = sorted(p.stem for p in lessons_dir().glob("[0-9][0-9]_*.ipynb"))

# Every canvas of explorer i, as a short fingerprint of its pixels.
PIXELS = """(i) => [...document.querySelectorAll('.gd-explorer')[i].querySelectorAll('canvas')]
  .map((c) => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0; for (let j = 0; j < d.length; j += 7) h = (h * 31 + d[j]) | 0; return h; })"""
# Pixels of explorer i that are not the background: 0 means nothing was drawn.
INKED = """(i) => [...document.querySelectorAll('.gd-explorer')[i].querySelectorAll('canvas')]
  .filter((c) => c.offsetParent !== null)
  .map((c) => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let j = 3; j < d.length; j += 4) n += d[j] > 0; return n; })"""
# The page's text outside code, where LaTeX would show if it were left untypeset.
PROSE = """() => { const clone = document.body.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, .jp-InputArea').forEach((n) => n.remove());
  return clone.innerText; }"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    site.build(lessons_dir(), out)
    return out


@pytest.fixture
def reader(browser):
    """A page that opens files only: every other request is aborted and recorded."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=2)
    page = context.new_page()
    page.blocked, page.errors = [], []

    def route(r):
        if r.request.url.startswith("file://"):
            return r.continue_()
        page.blocked.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def open_page(page, path):
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    count = page.locator("[data-gd-explorer]").count()
    # Each explorer unpacks its saved scene, then draws a status line.
    page.wait_for_function(
        f"document.querySelectorAll('.gd-explorer .gd-status').length === {count}"
    )
    page.wait_for_timeout(200)
    return count


def test_the_site_has_an_index_linking_every_lesson(built, reader):
    open_page(reader, built / "index.html")
    links = reader.locator("main a").evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert links == [f"{name}.html" for name in LESSONS]
    assert reader.blocked == [] and reader.errors == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_page_works_from_disk_with_no_network(built, reader, lesson):
    page = reader
    count = open_page(page, built / f"{lesson}.html")

    # The maths is MathML, and no LaTeX is left as text.
    latex_outputs = page.locator(".jp-RenderedLatex").count()
    assert page.locator(".jp-RenderedLatex math").count() == latex_outputs
    prose = page.evaluate(PROSE)
    assert not re.search(r"\$[^$\n]+\$", prose), "raw $…$ left in the page"
    assert not re.search(r"\\(frac|left|right|sum|displaystyle|begin)\b", prose)
    # The font that typesets it loaded from beside the page.
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Lesson Math\"')")

    # Links between lessons point at pages.
    hrefs = page.locator("a[href]").evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert not [h for h in hrefs if ".ipynb" in h]

    for i in range(count):
        explorer = page.locator(".gd-explorer").nth(i)
        explorer.scroll_into_view_if_needed()
        assert all(n > 0 for n in page.evaluate(INKED, i)), f"explorer {i} is not drawn"
        status = explorer.locator(".gd-status")
        before_status, before_pixels = status.inner_text(), page.evaluate(PIXELS, i)
        slider = explorer.locator(".gd-lr")
        slider.focus()
        # Towards the middle of the grid, so the move changes the path wherever it starts.
        key = (
            "ArrowRight"
            if int(slider.input_value()) < int(slider.get_attribute("max")) // 2
            else "ArrowLeft"
        )
        for _ in range(12):
            page.keyboard.press(key)
        page.wait_for_timeout(100)
        assert status.inner_text() != before_status, f"explorer {i}: the status did not change"
        assert page.evaluate(PIXELS, i) != before_pixels, f"explorer {i}: no pixel changed"

        # Play runs to its end, and a data panel's curve moves on the way.
        data = explorer.locator(".gd-data")
        shown = data.is_visible()
        frames = set()
        explorer.locator(".gd-play").click()
        while explorer.locator(".gd-play").inner_text().startswith("■"):
            if shown:
                frames.add(data.evaluate("(c) => c.toDataURL()"))
            page.wait_for_timeout(100)
        assert not shown or len(frames) > 2, f"explorer {i}: the curve did not move in play"

        # The steps slider to its first stop (0 steps, a status unlike any other), then on
        # by one stop: scenes the page rebuilds from what it saved.
        steps = explorer.locator(".gd-steps")
        steps.focus()
        before_status, before_pixels = status.inner_text(), page.evaluate(PIXELS, i)
        page.keyboard.press("Home")
        page.wait_for_timeout(100)
        assert steps.input_value() == "0"
        assert "no steps taken yet" in status.inner_text()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
        assert int(steps.input_value()) == int(steps.get_attribute("step"))
        assert page.evaluate(PIXELS, i) != before_pixels, f"explorer {i}: steps drew nothing"
        assert status.inner_text() != before_status, f"explorer {i}: steps left the status"

    save_screenshot(page, SCREENSHOTS / f"site_{lesson}.png")
    assert page.blocked == [], f"requests left the page: {page.blocked}"
    assert page.errors == [], f"console errors: {page.errors}"


@pytest.mark.parametrize("params", [2, 1])
def test_the_page_reads_the_model_table_as_gdcore_does(browser, params):
    """offline.js's interpolation against gdcore.pages.read_table, on one table of each
    kind: two parameters (a sigmoid) and one (a line through the origin)."""
    import numpy as np

    from gdcore import pages
    from tests.test_pages import explore, grad, loss, s_curve, through_the_origin, values_of, x, y

    if params == 2:
        ex = explore(loss, grad, [3.0, -1.0], data=(x, (y > 3).astype(float)), model=s_curve)
    else:
        ex = through_the_origin()
    table = pages.saved_state(ex)["table"]
    lo, hi = np.array(table["lo"]), np.array(table["hi"])
    # Points inside the window, and one just outside each end, where nothing is drawn.
    thetas = np.random.default_rng(1).uniform(lo, hi, (20, params))
    thetas = np.vstack([thetas, lo - 0.01 * (hi - lo), hi + 0.01 * (hi - lo)])
    page = browser.new_page()
    page.set_content("<body></body>")
    source = pages.script().replace("mountAll();\n", "window.gdReader = { unpack, curveReader };\n")
    page.add_script_tag(content=source)
    got = page.evaluate(
        """async ([table, thetas]) => {
      const values = new Float32Array((await gdReader.unpack(table.values)).buffer);
      const read = gdReader.curveReader(table, values);
      return thetas.map((t) => [...read(t)].map((v) => (Number.isNaN(v) ? null : v)));
    }""",
        [table, thetas.tolist()],
    )
    page.close()
    got = np.array(got, dtype=float)  # null -> NaN
    want = pages.read_table(table, values_of(table), thetas)
    assert np.isnan(want[-2:]).all()
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)


def test_a_saved_explorer_moves_plays_and_says_what_needs_the_kernel(browser, reader, tmp_path):
    from gdcore.rules import gd_update, momentum_update
    from gdcore.scene import Method, build_scene
    from tests.test_pages import explore, grad, line, loss, x, y

    methods = [("plain", gd_update), Method("momentum", momentum_update, param=("β", 0, 0.99, 0.5))]
    ex = explore(
        loss, grad, [3.0, -1.0], steps=60, max_steps=120, methods=methods, data=(x, y), model=line
    )
    page = reader
    open_page(page, ex.save_html(tmp_path / "explorer.html"))
    status = page.locator(".gd-status")

    # The start, a typed rate and β need the kernel: the page says so, and keeps them.
    page.locator(".gd-surface").click()
    assert "run the lesson in JupyterLab to move the start" in status.inner_text()
    assert page.locator(".gd-param").is_disabled()
    assert page.locator(".gd-readout").evaluate("(r) => r.readOnly")

    # A step count the page saved: gdcore's own statuses at that count, and a new curve.
    every = int(page.locator(".gd-steps").get_attribute("step"))
    data_panel = "document.querySelector('.gd-data').toDataURL()"
    before = page.evaluate(data_panel)
    page.locator(".gd-steps").focus()
    page.keyboard.press("ArrowLeft")
    k = int(page.locator(".gd-steps").input_value())
    assert k == 60 - every
    scene = build_scene(ex._view, ex._runs, rate=ex.lr_index, steps=k, params=ex.params)
    want = [f"{m.label}: {words[ex.lr_index]}" for m, words in zip(ex._view.methods, scene.words)]
    assert status.inner_text().splitlines() == want
    assert page.evaluate(data_panel) != before

    # Play moves the model's curve along with the run.
    page.locator(".gd-play").click()
    page.wait_for_function("document.querySelector('.gd-status').textContent.startsWith('step ')")
    frames = set()
    for _ in range(5):
        page.wait_for_timeout(150)
        frames.add(page.evaluate(data_panel))
    assert len(frames) > 1, "the data panel did not change while playing"
    page.wait_for_function("document.querySelector('.gd-play').textContent.includes('play')")
    assert page.blocked == [] and page.errors == []


def test_a_page_follows_the_readers_dark_preference(built, reader):
    """The page, its maths and its explorer's axes take the dark theme's colours, and
    the explorer redraws when the preference changes while the page is open."""
    page = reader
    page.emulate_media(color_scheme="light")
    open_page(page, built / f"{LESSONS[0]}.html")
    explorer = page.locator(".gd-explorer").first
    explorer.scroll_into_view_if_needed()
    light = page.evaluate(PIXELS, 0)
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(200)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
    assert max(channels) < 60, f"the page stayed light: {background}"
    assert page.evaluate("document.body.dataset.jpThemeLight") == "false"
    assert page.evaluate(PIXELS, 0) != light, "the explorer was not redrawn in dark colours"
    explorer.screenshot(path=SCREENSHOTS / "site_explorer_dark.png")
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(200)
    explorer.screenshot(path=SCREENSHOTS / "site_explorer_light.png")
    assert page.errors == [] and page.blocked == []

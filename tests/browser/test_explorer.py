"""The descent explorer in a real JupyterLab: HiDPI canvases, themes, keyboard, drag, names.

This module serves a notebook of its own (written below from CELLS): a 2-D explorer with
two methods and a data panel, then a 1-D explorer. One page, at devicePixelRatio 2, runs it
once; every test works on that page and compares its own before and after, so the tests
do not depend on the order they run in.

Where a test needs the kernel's side of the story (the start it committed, its status line),
it asks the kernel directly with an execute request that prints JSON, outside any cell.
"""

import contextlib
import json
import math
import re
import time

import pytest
from jupyter_harness import (
    _PAGE_HELPERS,
    ARTIFACTS,
    run_notebook,
    start_lab,
    wait_kernel_idle,
    write_notebook,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

NOTEBOOK = "explorer.ipynb"
DPR = 2
VIEWPORT = {"width": 1280, "height": 900}
NARROW = 700  # px: a viewport narrow enough to make the panels shrink
TIMEOUT = 15_000  # ms: anything that waits for the kernel
SCREENSHOTS = ARTIFACTS / "screenshots"

CELLS = [
    """\
import numpy as np
from gdcore import add_intercept, mse, mse_grad, gd_update, coordinate_update
from gdcore.widgets import explore
rng = np.random.default_rng(0)
x = rng.uniform(0, 3, 50); y = 0.5 + 2 * x + rng.normal(0, 0.3, 50)
X = add_intercept(x[:, None])
line = lambda t, xs: t[..., 0, None] + t[..., 1, None] * xs
ex = explore(lambda t: mse(t, X, y), lambda t: mse_grad(t, X, y), [3.0, 0.0], steps=60,
             methods=[("simultaneous", gd_update), ("m first, then c", coordinate_update([1, 0]))],
             names=("c", "m"), data=(x, y), model=line)
ex""",
    """\
ex1 = explore(lambda t: (t[..., 0] - 2) ** 2 + 1, lambda t: 2 * (t - 2), [-1.0], lr=0.9, steps=30)
ex1""",
]

# --- page-side helpers (inlined: the harness is shared and stays as it is) -----------------

# Run `code` in the notebook's kernel, outside any cell, and return what it printed.
KERNEL_RUN = """async ([path, code]) => {
  const kernel = __gd.panel(path).sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let out = '', error = null;
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') error = `${msg.content.ename}: ${msg.content.evalue}`;
  };
  await future.done;
  if (error) throw new Error(error);
  return out;
}"""

# Resolve with the explorer's state once it, and the kernel, have been quiet for `quietMs`.
SETTLE = """([el, path, quietMs, timeoutMs]) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  let last = null, since = t0;
  const tick = () => {
    const now = JSON.stringify(__gd.explorerState(el)), t = performance.now();
    if (now !== last || !__gd.kernelIdle(path)) { last = now; since = t; }
    if (t - since >= quietMs) return resolve(JSON.parse(now));
    if (t - t0 > timeoutMs) return reject(new Error(`still changing after ${timeoutMs} ms`));
    setTimeout(tick, 50);
  };
  tick();
})"""

# Mean colour and luminance (0 dark .. 1 light) of the inked pixels in a canvas's leftmost `cssPx`
# columns: the margin left of the plot box, where only the y-axis's labels are drawn.
MARGIN_INK = """(c, cssPx) => {
  const w = Math.round(cssPx * devicePixelRatio);
  const d = c.getContext('2d').getImageData(0, 0, w, c.height).data;
  const rgb = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] < 128) continue;
    for (let k = 0; k < 3; k++) rgb[k] += d[i + k];
    n++;
  }
  const mean = rgb.map(v => (n ? v / n : NaN));
  const luminance = (0.2126 * mean[0] + 0.7152 * mean[1] + 0.0722 * mean[2]) / 255;
  return {pixels: n, luminance, rgb: mean.map(Math.round)};
}"""

INKED_PIXELS = """c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) n += d[i] > 0;
  return n;
}"""

CANVAS_SIZES = """root => [...root.querySelectorAll('.gd-explorer canvas.gd-plot')].map(c => ({
  cls: c.className, visible: c.offsetParent !== null,
  clientWidth: c.clientWidth, clientHeight: c.clientHeight, width: c.width, height: c.height,
}))"""

FOCUSED = "el => el.contains(document.activeElement) ? document.activeElement.className : null"


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorer_lab(browser, tmp_path_factory):
    """JupyterLab serving only this module's notebook (started once a browser exists)."""
    source = tmp_path_factory.mktemp("explorer-notebook")
    write_notebook(source / NOTEBOOK, CELLS)
    with start_lab(source) as lab:
        yield lab


@pytest.fixture(scope="module")
def page(browser, explorer_lab):
    """One HiDPI page with the notebook run and both explorers drawn."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=DPR)
    context.add_init_script(_PAGE_HELPERS)
    page = context.new_page()
    page.uncaught_errors = []
    page.on("pageerror", lambda exc: page.uncaught_errors.append(str(exc)))
    # Every frame the page sends on a kernel's websocket: a redraw that needs no kernel sends none.
    page.kernel_frames = []
    page.on("websocket", lambda ws: _watch_kernel_socket(page, ws))
    try:
        run = run_notebook(page, explorer_lab, NOTEBOOK)
        assert not run.errors, f"the notebook raised: {[str(e) for e in run.errors]}"
        assert run.loading_widgets == run.broken_widgets == 0, (
            f"{run.loading_widgets} widget(s) still loading, {run.broken_widgets} broken"
        )
        page.locator("div.gd-explorer").nth(1).wait_for(timeout=TIMEOUT)
        yield page
    finally:
        context.close()


def _watch_kernel_socket(page, ws):
    if "/api/kernels/" in ws.url:
        ws.on("framesent", lambda payload: page.kernel_frames.append(len(payload)))


@pytest.fixture
def ex2(page):
    """The 2-D explorer (two methods, a data panel), settled."""
    explorer = page.locator("div.gd-explorer").nth(0)
    settle(page, explorer)
    return explorer


@pytest.fixture
def ex1(page):
    """The 1-D explorer, settled."""
    explorer = page.locator("div.gd-explorer").nth(1)
    settle(page, explorer)
    return explorer


# --- helpers ------------------------------------------------------------------------------


def settle(page, explorer, quiet_ms=600):
    """Wait until the explorer's canvases and status, and the kernel, stop changing."""
    return page.evaluate(SETTLE, [explorer.element_handle(), NOTEBOOK, quiet_ms, TIMEOUT])


def kernel_value(page, expr):
    """The value of the Python expression ``expr`` in the notebook's kernel (as JSON)."""
    code = f"import json as _json; print(_json.dumps({expr}))"
    return json.loads(page.evaluate(KERNEL_RUN, [NOTEBOOK, code]))


def wait_kernel_value(page, expr, differs_from, timeout_s=TIMEOUT / 1000):
    """Poll the kernel until ``expr`` differs from ``differs_from``; return the new value."""
    deadline = time.monotonic() + timeout_s
    while (value := kernel_value(page, expr)) == differs_from:
        if time.monotonic() > deadline:
            pytest.fail(f"the kernel's {expr} stayed {value!r} for {timeout_s} s", pytrace=False)
        page.wait_for_timeout(200)
    return value


def status_lines(explorer):
    return explorer.locator(".gd-status .gd-line").all_text_contents()


def status_text(explorer):
    return explorer.locator(".gd-status").text_content()


def wait_status_change(page, explorer, before, timeout=TIMEOUT):
    page.wait_for_function(
        "([el, before]) => el.textContent !== before",
        arg=[explorer.locator(".gd-status").element_handle(), before],
        polling="raf",
        timeout=timeout,
    )


def surface_label(explorer):
    return explorer.locator("canvas.gd-surface").get_attribute("aria-label")


def shown_start(explorer):
    """The 2-D start point the surface's aria-label names, as floats."""
    label = surface_label(explorer)
    found = re.search(r"start at \(([^)]*)\)", label)
    assert found, f"no 'start at (…)' in the surface's aria-label {label!r}"
    return [float(v.replace("−", "-")) for v in found.group(1).split(",")]


def close(a, b):
    """Equal to the 3 significant figures the explorer shows."""
    return all(math.isclose(u, v, rel_tol=5e-3, abs_tol=5e-3) for u, v in zip(a, b, strict=True))


def focused(explorer):
    """The class of the focused element if it is inside ``explorer``, else None."""
    return explorer.evaluate(FOCUSED)


def visible_canvas_sigs(page, *explorers):
    """Pixel signatures of the explorers' visible panels, once each has settled."""
    sigs = []
    for explorer in explorers:
        settle(page, explorer)
        sigs += explorer.evaluate(
            "el => [...el.querySelectorAll('canvas.gd-plot')]"
            ".filter(c => c.offsetParent !== null).map(c => __gd.canvasSig(c))"
        )
    return sigs


def set_theme(page, theme):
    page.evaluate("t => jupyterapp.commands.execute('apputils:change-theme', {theme: t})", theme)
    page.wait_for_function("t => document.body.dataset.jpThemeName === t", arg=theme)


# --- tests --------------------------------------------------------------------------------


def test_canvases_are_hidpi(page, ex2, ex1):
    """At devicePixelRatio 2 each visible panel's backing store is twice its CSS box, so
    the plots are sharp; the 2-D explorer shows three panels and a legend, the 1-D one
    two panels (no data) and no legend (one method)."""
    assert page.evaluate("() => devicePixelRatio") == DPR
    assert ex2.locator(".gd-legend").is_visible()
    assert not ex1.locator(".gd-legend").is_visible()
    assert not ex1.locator("canvas.gd-data").is_visible()

    sizes = page.locator("body").evaluate(CANVAS_SIZES)
    visible = [s for s in sizes if s["visible"]]
    assert len(visible) == 5, f"expected 3 + 2 visible panels, got {visible}"
    for s in visible:
        assert s["clientWidth"] > 100, f"{s['cls']}: collapsed: {s}"
        assert abs(s["width"] - round(s["clientWidth"] * DPR)) <= 1, f"{s['cls']}: width {s}"
        assert abs(s["height"] - round(s["clientHeight"] * DPR)) <= 1, f"{s['cls']}: height {s}"


def test_theme_switch_redraws_without_kernel(page, ex2, ex1):
    """Switching to JupyterLab Dark redraws every canvas at once, with no message to the
    kernel, and the surface's axis labels turn light; switching back restores the light
    pixels exactly. Screenshots of the 2-D explorer in both themes go to the artifacts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    surface = ex2.locator("canvas.gd-surface")
    light = visible_canvas_sigs(page, ex2, ex1)
    light_ink = surface.evaluate(MARGIN_INK, 40)
    ex2.screenshot(path=SCREENSHOTS / "explorer_light.png")
    frames_before = len(page.kernel_frames)
    try:
        set_theme(page, "JupyterLab Dark")
        dark = visible_canvas_sigs(page, ex2, ex1)
        dark_ink = surface.evaluate(MARGIN_INK, 40)
        ex2.screenshot(path=SCREENSHOTS / "explorer_dark.png")
        page.wait_for_timeout(300)  # let Playwright deliver any frame events still queued
        sent = page.kernel_frames[frames_before:]
    finally:
        set_theme(page, "JupyterLab Light")
    back = visible_canvas_sigs(page, ex2, ex1)
    # The frame watch does see kernel traffic: one execute request is enough.
    frames_before = len(page.kernel_frames)
    kernel_value(page, "1")
    assert len(page.kernel_frames) > frames_before, "the kernel's websocket is not watched"

    assert not sent, f"the theme change sent {len(sent)} frame(s) to the kernel"
    for i, (before, after) in enumerate(zip(light, dark, strict=True)):
        size = lambda sig: sig.split(":")[0]
        assert size(before) == size(after), f"canvas {i} changed size: {before} -> {after}"
        assert before != after, f"canvas {i} was not redrawn in the dark theme"
    assert light_ink["pixels"] > 50 and dark_ink["pixels"] > 50, (light_ink, dark_ink)
    assert light_ink["luminance"] < 0.3, f"axis labels not dark on light: {light_ink}"
    assert dark_ink["luminance"] > 0.7, f"axis labels not light on dark: {dark_ink}"
    assert back == light, "back in the light theme, the canvases differ from before"


def test_theme_attribute_alone_redraws(page, ex2):
    """The theme redraw comes from watching the body's theme attributes, not only from the
    relayout JupyterLab does on a theme change: with the text colour variable overridden on
    the explorer, nothing is redrawn until data-jp-theme-light is set again (to the same
    value: no resize, no kernel), and then the axis labels repaint in the new colour."""
    surface = ex2.locator("canvas.gd-surface")
    sig = "c => __gd.canvasSig(c)"
    nudge = "document.body.dataset.jpThemeLight = document.body.dataset.jpThemeLight"
    before = surface.evaluate(sig)
    try:
        ex2.evaluate("el => el.style.setProperty('--jp-ui-font-color1', 'rgb(255, 0, 0)')")
        page.wait_for_timeout(300)
        untouched = surface.evaluate(sig)
        page.evaluate(f"() => {{ {nudge}; }}")
        with contextlib.suppress(PlaywrightTimeoutError):  # the asserts below say what failed
            page.wait_for_function(
                f"c => ({MARGIN_INK})(c, 40).rgb[0] > 200",
                arg=surface.element_handle(),
                polling="raf",
                timeout=2000,
            )
        red = surface.evaluate(MARGIN_INK, 40)
    finally:
        ex2.evaluate(f"el => {{ el.style.removeProperty('--jp-ui-font-color1'); {nudge}; }}")
    assert untouched == before, "the canvas was redrawn before the theme attribute changed"
    r, g, b = red["rgb"]
    assert r > 200 and g < 60 and b < 60, f"labels not redrawn in the new colour: {red}"
    page.wait_for_function(
        f"([c, before]) => ({sig})(c) === before",
        arg=[surface.element_handle(), before],
        polling="raf",
        timeout=2000,
    )


def test_keyboard_alone(page, ex2):
    """With the keyboard only: the rate slider's arrows change the status; Shift+Tab reaches
    the surface, whose arrows move the start (previewed at once, then committed: the kernel's
    theta0 moves left and the status is the kernel's); Tab reaches the rate box, where a typed
    rate and Enter set the kernel's lr; Tab reaches play, and Enter plays the descent step by
    step, ending on the status it started from."""
    lr = ex2.locator("input.gd-lr")
    lr.focus()  # the only focus not made by a key

    # The rate slider.
    before, lr_before = status_text(ex2), kernel_value(page, "ex.lr")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_status_change(page, ex2, before)
    assert wait_kernel_value(page, "ex.lr", lr_before) > lr_before
    settle(page, ex2)

    # The start point, by arrow keys on the surface.
    page.keyboard.press("Shift+Tab")
    assert "gd-surface" in (focused(ex2) or ""), f"Shift+Tab from the rate went to {focused(ex2)}"
    theta_before = kernel_value(page, "ex.theta0")
    shown_before, before = shown_start(ex2), status_text(ex2)
    assert close(shown_before, theta_before), (shown_before, theta_before)
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    wait_status_change(page, ex2, before)  # the preview, before the start is committed
    theta = wait_kernel_value(page, "ex.theta0", theta_before)
    settle(page, ex2)
    assert theta[0] < theta_before[0] and theta[1] == theta_before[1], (theta_before, theta)
    assert close(shown_start(ex2), theta), (surface_label(ex2), theta)
    assert shown_start(ex2) != shown_before
    assert status_lines(ex2)[0] == f"simultaneous: {kernel_value(page, 'ex.status')}"

    # A typed rate.
    page.keyboard.press("Tab")
    assert "gd-lr" in (focused(ex2) or ""), f"Tab from the surface went to {focused(ex2)}"
    page.keyboard.press("Tab")
    assert "gd-readout" in (focused(ex2) or ""), f"Tab from the rate went to {focused(ex2)}"
    lr_before = kernel_value(page, "ex.lr")
    page.keyboard.type("0.1")  # Tab selected the box's text, so this replaces it
    assert ex2.locator("input.gd-readout").input_value() == "0.1"
    page.keyboard.press("Enter")
    assert wait_kernel_value(page, "ex.lr", lr_before) == pytest.approx(0.1)
    settle(page, ex2)
    assert "α = 0.1 " in status_lines(ex2)[0], status_lines(ex2)
    assert lr.get_attribute("aria-valuetext") == "α = 0.1"

    # Play.
    page.keyboard.press("Tab")
    assert "gd-steps" in (focused(ex2) or ""), f"Tab from the rate box went to {focused(ex2)}"
    page.keyboard.press("Tab")
    assert "gd-play" in (focused(ex2) or ""), f"Tab from the steps went to {focused(ex2)}"
    total = ex2.locator("input.gd-steps").input_value()
    before = status_lines(ex2)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([el, n]) => /^step [1-9][0-9]* of \\d+$/.test(el.textContent)"
        " && el.textContent.endsWith(` of ${n}`)",
        arg=[ex2.locator(".gd-status").element_handle(), total],
        polling="raf",
        timeout=TIMEOUT,
    )
    assert ex2.locator("button.gd-play").get_attribute("aria-label") == "stop playing"
    ex2.locator("button.gd-play[aria-label='play the descent']").wait_for(timeout=TIMEOUT)
    assert status_lines(ex2) == before, "after playing, the status is not the one it started from"


def test_live_drag(page, ex2):
    """Dragging on the surface: while the button is still down the kernel's preview redraws
    the path and changes the status, and the start follows the pointer (right and down);
    on release the kernel commits that very start and its full scene shows the same status."""
    surface = ex2.locator("canvas.gd-surface")
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    at = lambda fx, fy: (box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    before, canvas_before = status_text(ex2), settle(page, ex2)["canvas"]
    theta_before = kernel_value(page, "ex.theta0")

    page.mouse.move(*at(0.3, 0.3))
    page.mouse.down()
    try:
        grabbed = shown_start(ex2)  # drawn at once, on pointerdown
        page.mouse.move(*at(0.65, 0.6), steps=8)
        try:
            wait_status_change(page, ex2, before, timeout=10_000)
        except PlaywrightTimeoutError:
            pytest.fail("while dragging, the status never changed", pytrace=False)
        held = settle(page, ex2)  # the last move's preview, button still down
        held_start, held_label = shown_start(ex2), surface_label(ex2)
        theta_while_held = kernel_value(page, "ex.theta0")
    finally:
        page.mouse.up()

    assert held["status"] != before
    assert held["canvas"][0] != canvas_before[0], "the surface was not redrawn while dragging"
    assert theta_while_held == theta_before, "the start was committed before the release"
    assert held_start[0] > grabbed[0] and held_start[1] < grabbed[1], (grabbed, held_start)

    theta = wait_kernel_value(page, "ex.theta0", theta_before)
    wait_kernel_idle(page, NOTEBOOK)
    after = settle(page, ex2)
    assert close(theta, held_start), f"committed {theta}, but showed {held_start} while held"
    assert surface_label(ex2) == held_label
    assert after["status"] == held["status"], (
        "the committed start's status differs from its preview"
    )
    assert status_lines(ex2)[0] == f"simultaneous: {kernel_value(page, 'ex.status')}"


def test_hover_after_arrow_key_leaves_start(page, ex2):
    """A pointer moving over the surface with no button pressed never moves the start, even
    within the 300 ms after an arrow key moved it."""
    surface = ex2.locator("canvas.gd-surface")
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] - 20)  # above the plot
    surface.focus()
    page.keyboard.press("ArrowLeft")
    keyed = shown_start(ex2)
    page.mouse.move(box["x"] + 0.3 * box["width"], box["y"] + 0.3 * box["height"], steps=3)
    hovered = shown_start(ex2)
    settle(page, ex2)  # let the arrow key's commit land before the next test
    assert hovered == keyed, f"hovering moved the start from {keyed} to {hovered}"


def test_only_the_main_button_drags(page, ex2):
    """A right click on the plot, or a pointer the browser cannot capture, moves nothing."""
    surface = ex2.locator("canvas.gd-surface")
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    before, kernel_before = shown_start(ex2), kernel_value(page, "ex.theta0")
    page.mouse.click(box["x"] + 0.3 * box["width"], box["y"] + 0.3 * box["height"], button="right")
    surface.dispatch_event("pointerdown", {"pointerId": 7, "button": 0, "isPrimary": True})
    page.mouse.move(box["x"] + 0.6 * box["width"], box["y"] + 0.6 * box["height"], steps=3)
    settle(page, ex2)
    assert shown_start(ex2) == before
    assert kernel_value(page, "ex.theta0") == kernel_before


def test_accessible_names(page, ex2, ex1):
    """Every input and button has a non-empty accessible name (as Chromium computes it), the
    status is a polite live region, and each surface is named with its start and minimum."""
    selector = ".gd-explorer input, .gd-explorer button, .gd-explorer canvas.gd-surface"
    classes = page.evaluate(
        "s => [...document.querySelectorAll(s)].map(e => e.className)", selector
    )
    assert len(classes) == 2 * 5, f"expected 5 controls per explorer, got {classes}"
    cdp = page.context.new_cdp_session(page)
    try:
        found = cdp.send(
            "Runtime.evaluate", {"expression": f"[...document.querySelectorAll({selector!r})]"}
        )
        items = cdp.send("Runtime.getProperties", {"objectId": found["result"]["objectId"]})
        names = {}
        for item in items["result"]:
            if item["name"].isdigit():
                tree = cdp.send(
                    "Accessibility.getPartialAXTree",
                    {"objectId": item["value"]["objectId"], "fetchRelatives": False},
                )
                names[int(item["name"])] = tree["nodes"][0].get("name", {}).get("value", "")
    finally:
        cdp.detach()

    for i, cls in enumerate(classes):
        assert names.get(i, "").strip(), f"{cls} (element {i}) has no accessible name"
        if "gd-surface" in cls:
            assert "start" in names[i] and "minimum" in names[i], names[i]
    for explorer in (ex2, ex1):
        status = explorer.locator(".gd-status")
        assert status.get_attribute("role") == "status"
        assert status.get_attribute("aria-live") == "polite"
        described = explorer.locator("canvas.gd-surface").get_attribute("aria-describedby")
        assert "Arrow keys move the start" in page.locator(f"#{described}").text_content()


def test_panels_follow_width(page, ex2):
    """Narrowing the viewport narrows the surface panel, and its backing store follows
    (re-fitted at devicePixelRatio 2 and redrawn); widening it again restores both."""
    surface = ex2.locator("canvas.gd-surface")
    fits = (
        "([c, w, cmp]) => (cmp === 'lt' ? c.clientWidth < w : c.clientWidth === w)"
        " && c.width === Math.round(c.clientWidth * devicePixelRatio)"
        " && c.height === Math.round(c.clientHeight * devicePixelRatio)"
    )
    wide = surface.evaluate("c => c.clientWidth")
    try:
        page.set_viewport_size({"width": NARROW, "height": VIEWPORT["height"]})
        page.wait_for_function(
            fits, arg=[surface.element_handle(), wide, "lt"], polling="raf", timeout=TIMEOUT
        )
        narrow = surface.evaluate("c => [c.clientWidth, c.width]")
        inked = surface.evaluate(INKED_PIXELS)
    finally:
        page.set_viewport_size(VIEWPORT)
    assert narrow[0] < wide and inked > 0, (wide, narrow, inked)
    page.wait_for_function(
        fits, arg=[surface.element_handle(), wide, "eq"], polling="raf", timeout=TIMEOUT
    )


def test_no_uncaught_page_errors(page):
    """Nothing above threw an uncaught JavaScript error in the page."""
    assert not page.uncaught_errors, "uncaught JavaScript errors: " + "; ".join(
        page.uncaught_errors
    )

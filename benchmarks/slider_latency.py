"""Latency of each lesson's Explorer, from the user's action to changed pixels, timed in the page.

For every lesson in notebooks/ (or $GDCORE_LESSONS_DIR): run all cells in JupyterLab, then, on
the first Explorer (div.gd-explorer) of the lesson, time with ``performance.now()`` in the page:

slider
    ArrowRight/ArrowLeft on the learning-rate slider: keydown to the end of the first frame
    rendered whose canvas pixels differ (the browser draws the new rate from the scene it
    holds). Every probe reads the clock when the frame is done, before hashing the pixels:
    the hash of three canvases at devicePixelRatio 2 takes 6-9 ms, which figures before
    this version counted as latency.
drag
    The start point dragged on the surface with the real mouse: the pointermove event to the
    first frame whose pixels differ from those right after the event's handlers ran. The
    handlers redraw the start ring at once (over the old path); the frame measured is the one
    with the path the kernel sent back for the new start. At the end the button is released
    and the kernel rebuilds the whole grid. Frames are compared only once the kernel's answer
    has reached the page: hashing every frame while the kernel worked kept about half of one
    core busy, which on two cores slowed the kernel and the handling of its answer.
typed
    A rate off the grid typed into the readout, then Enter: the keydown of Enter to the first
    frame whose pixels differ from those right after the 'change' handler ran (which may have
    drawn the nearest rate on the grid at once); that is the kernel's path for the typed rate.
    As for a drag, frames are compared once the kernel's answer has reached the page.
cell run
    The cell that made the Explorer run again (kernel warm): from just before
    'notebook:run-cell' to the first frame in which a new surface canvas holds a picture.

Two references, measured in the same run: the naive ``ipywidgets.interact`` baseline, which
redraws a matplotlib figure on every slider change (keydown to the new image loaded), and the
floor, a bare widget round trip: an IntSlider whose value the kernel echoes into a Label
(keydown to the label's new text).

    .venv/bin/python benchmarks/slider_latency.py [--presses N]

Prints a table and a line per target, and writes artifacts/slider_latency.json. Exits 1 if a
lesson could not be measured. A benchmark, not a test: the figures are for the README.
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

import nbformat
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import jupyter_harness as h

WARMUP = 2  # samples not counted: first redraws pay for JIT and caches
CELL_RUN_WARMUP = 1  # a cell run is long; one is enough to warm the page
REDRAW_TIMEOUT = 20_000  # ms, for one redraw or one kernel answer
CELL_RUN_TIMEOUT = 120_000  # ms, for a cell to run and its explorer to draw
SETTLE_FRAMES = 5  # a redraw is over once the pixels stay put this many frames
FRAME_MS = 1000 / 60

# Samples per lesson for each action; --presses N sets them all to N.
DEFAULT_COUNTS = {"slider": 30, "drag": 15, "typed": 8, "cell_run": 5, "floor": 30}
ACTIONS = {  # action: (what the table calls it, target for its median in ms)
    "slider": ("slider → pixels", FRAME_MS),
    "drag": ("drag move → path", 50.0),
    "typed": ("typed rate → pixels", 50.0),
    "cell_run": ("cell run → first picture", 500.0),
}
TYPED_FACTORS = (1.037, 1 / 1.031)  # off the grid, and the rate does not drift far

VALUE_JS = "e => e.value ?? e.getAttribute('aria-valuenow')"  # range input or ipywidgets handle

BASELINE_NAME = "_baseline_interact.ipynb"
BASELINE_CODE = """\
%matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
from ipywidgets import FloatSlider, interact

X, Y = np.meshgrid(np.linspace(-2, 2, 200), np.linspace(-2, 2, 200))
Z = X**2 + 4 * Y**2


@interact(lr=FloatSlider(value=0.1, min=0.01, max=0.3, step=0.01))
def show(lr):
    # Like a naive lesson: a new figure, contour and path on every slider change.
    p, path = np.array([-1.5, 1.0]), []
    for _ in range(30):
        path.append(p)
        p = p - lr * np.array([2 * p[0], 8 * p[1]])
    path = np.array(path)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.contour(X, Y, Z, levels=20)
    ax.plot(path[:, 0], path[:, 1], "r.-")
    ax.set_title(f"lr = {lr:.2f}")
    plt.show()
"""

FLOOR_NAME = "_floor_roundtrip.ipynb"
FLOOR_CODE = """\
import ipywidgets as w

slider, label = w.IntSlider(value=0, min=0, max=1000), w.Label("0")
slider.add_class("gd-floor-slider")
label.add_class("gd-floor-label")
slider.observe(lambda ch: setattr(label, "value", str(ch["new"])), "value")
w.VBox([slider, label])
"""

# Page-side probes, next to the harness's __gd helpers. Each arms `__gdb.probe`; `probe.ms` is
# set at the first animation frame in which the change is seen.
_BENCH_JS = r"""
window.__gdb = {
  busy: 0,
  kernel: null,
  probe: {ms: null},
  // Count the kernel's busy spells (one per message it handles), so that Python can wait for
  // the kernel to have answered a given number of messages.
  watchKernel(path) {
    const kernel = __gd.panel(path)?.sessionContext.session?.kernel;
    if (!kernel || kernel === this.kernel) return;
    this.kernel = kernel;
    kernel.statusChanged.connect((_, status) => { if (status === 'busy') this.busy++; });
  },
  cancel() { this.probe.cancelled = true; },
  // Check done() after every frame rendered; probe.ms is from t0 to the end of the first
  // frame after which done() holds (read before done() runs: hashing pixels takes a while).
  until(probe, t0, done) {
    const tick = (t) => {
      if (probe.cancelled) return;
      if (done()) probe.ms = t - t0;
      else __gd.afterFrame(tick);
    };
    __gd.afterFrame(tick);
  },
  // When the kernel's answer to a preview request reaches the page (probe.replyMs, since
  // t0()), and how long after the request the kernel wrote it (probe.kernelMs: the two
  // messages' dates, wall clock, ms resolution; transit to the kernel and its work).
  watchReply(probe, t0) {
    const kernel = this.kernel;
    const onMsg = (_, {msg, direction}) => {
      const data = msg.content?.data;
      if (direction !== 'recv' || msg.header.msg_type !== 'comm_msg') return;
      if (data?.method !== 'custom' || data.content?.kind !== 'preview') return;
      if (t0() === null) return;  // an answer to a request made before this probe's event
      kernel.anyMessage.disconnect(onMsg);
      probe.replyMs = performance.now() - t0();
      const ms = Date.parse(msg.header.date) - Date.parse(msg.parent_header.date);
      probe.kernelMs = Number.isFinite(ms) ? ms : null;
    };
    kernel.anyMessage.connect(onMsg);
  },
  // The next pointermove: the clock starts as the event reaches the window (capture phase);
  // once the explorer's own handler has run (it redraws the start ring at once), the pixels
  // are the baseline, and the clock stops when they change again: the kernel's path.
  armDrag(el) {
    const surface = el.querySelector('canvas.gd-surface');
    const before = __gd.sig(el, 'canvas');
    const probe = this.probe = {ms: null, ringMs: null, ringDrawn: null};
    let t0 = null;
    this.watchReply(probe, () => t0);
    window.addEventListener('pointermove', () => { t0 = performance.now(); },
                            {capture: true, once: true});
    surface.addEventListener('pointermove', () => {  // added after the explorer's: runs after
      probe.ringMs = performance.now() - t0;
      const after = __gd.sig(el, 'canvas');
      probe.ringDrawn = after !== before;
      this.until(probe, t0, () => probe.replyMs != null && __gd.sig(el, 'canvas') !== after);
    }, {once: true});
  },
  // The next Enter: the clock starts at its keydown; the baseline is the pixels right after
  // the readout's 'change' handlers ran (the explorer's first: it may draw the nearest rate on
  // the grid at once); the clock stops when they change again: the kernel's path.
  armTyped(el) {
    const readout = el.querySelector('input.gd-readout');
    const before = __gd.sig(el, 'canvas');
    const probe = this.probe = {ms: null, gridRedraw: null};
    let t0 = null;
    this.watchReply(probe, () => t0);
    const onKey = e => {
      if (e.key !== 'Enter') return;
      t0 = performance.now();
      window.removeEventListener('keydown', onKey, true);
    };
    window.addEventListener('keydown', onKey, true);
    readout.addEventListener('change', () => {
      const after = __gd.sig(el, 'canvas');
      probe.gridRedraw = after !== before;
      this.until(probe, t0, () => probe.replyMs != null && __gd.sig(el, 'canvas') !== after);
    }, {once: true});
  },
  // The next keydown starts the clock; it stops when `node`'s text has changed.
  armText(node) {
    const before = node.textContent;
    const probe = this.probe = {ms: null};
    const onKey = () => {
      window.removeEventListener('keydown', onKey, true);
      this.until(probe, performance.now(), () => node.textContent !== before);
    };
    window.addEventListener('keydown', onKey, true);
  },
  nonBlank(canvas) {
    if (!canvas.width || !canvas.height) return false;
    const ctx = canvas.getContext('2d');
    const px = new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    return px.some(v => v !== 0);
  },
  // Run again the cell holding `el`; the clock stops at the first frame in which the cell holds
  // a new surface canvas with a picture on it. Returns an error message, or null.
  runCell(path, el) {
    const panel = __gd.panel(path);
    const notebook = panel.content;
    const index = notebook.widgets.findIndex(cell => cell.node.contains(el));
    if (index < 0) return 'the explorer is in no cell';
    const cell = notebook.widgets[index].node;
    const old = cell.querySelector('canvas.gd-surface');
    jupyterapp.shell.activateById(panel.id);
    notebook.deselectAll();
    notebook.activeCellIndex = index;
    const probe = this.probe = {ms: null, error: null};
    const t0 = performance.now();
    jupyterapp.commands.execute('notebook:run-cell')
      .catch(e => { probe.error = String(e); });
    this.until(probe, t0, () => {
      const now = cell.querySelector('canvas.gd-surface');
      return !!now && now !== old && this.nonBlank(now);
    });
    return null;
  },
};
"""


# --- waiting --------------------------------------------------------------------------


def busy_mark(page, notebook):
    """The number of busy spells the kernel has had so far."""
    return page.evaluate("p => (__gdb.watchKernel(p), __gdb.busy)", notebook)


def wait_probe(page, what, timeout=REDRAW_TIMEOUT):
    """The armed probe, once it has seen its change; a RuntimeError naming ``what`` if not."""
    try:
        page.wait_for_function(
            "() => __gdb.probe.ms !== null || !!__gdb.probe.error", timeout=timeout
        )
    except PlaywrightTimeoutError as exc:
        page.evaluate("() => __gdb.cancel()")  # stop polling, it would slow what follows
        raise RuntimeError(f"{what}: nothing changed within {timeout / 1000:.0f} s") from exc
    probe = page.evaluate("() => __gdb.probe")
    if probe.get("error"):
        raise RuntimeError(f"{what}: {probe['error']}")
    return probe


def wait_quiet(page, notebook, root, mark, spells=1, what="", timeout=REDRAW_TIMEOUT):
    """Wait for the kernel to have handled ``spells`` messages since ``mark`` and gone idle,
    then for ``root``'s pixels (if given) to stay put for SETTLE_FRAMES frames."""
    try:
        page.wait_for_function(
            "([p, n]) => __gdb.busy >= n && __gd.kernelIdle(p)",
            arg=[notebook, mark + spells],
            timeout=timeout,
        )
    except PlaywrightTimeoutError as exc:
        raise RuntimeError(f"{what}: the kernel never answered") from exc
    if root is not None:
        settled = root.evaluate(
            "(el, [n, t]) => __gd.settle(el, 'canvas', n, t)", [SETTLE_FRAMES, timeout]
        )
        if not settled:
            raise RuntimeError(f"{what}: the redraw never settled")
    h.wait_kernel_idle(page, notebook)


# --- the actions ----------------------------------------------------------------------


def measure_slider(page, notebook, root, slider, kind, presses):
    """Milliseconds from keydown to changed pixels, for each of ``presses`` arrow presses."""
    slider.scroll_into_view_if_needed()
    first = h.arrow_away_from_end(slider)
    keys = [first, "ArrowLeft" if first == "ArrowRight" else "ArrowRight"]
    samples = []
    for i in range(WARMUP + presses):
        root.evaluate("(el, kind) => __gd.armLatency(el, kind)", kind)
        before = slider.evaluate(VALUE_JS)
        slider.press(keys[i % 2])
        try:
            page.wait_for_function("() => __gd.probe.ms !== null", timeout=REDRAW_TIMEOUT)
        except PlaywrightTimeoutError as exc:
            after = slider.evaluate(VALUE_JS)
            why = "no redraw" if after != before else "the key did not move the slider"
            msg = f"{keys[i % 2]} #{i + 1}: {why} (value {before} -> {after})"
            raise RuntimeError(msg) from exc
        if i >= WARMUP:
            samples.append(page.evaluate("() => __gd.probe.ms"))
        # Let this redraw finish (pixels stable, kernel idle) before the next press.
        settled = root.evaluate(
            "(el, [kind, n, t]) => __gd.settle(el, kind, n, t)",
            [kind, SETTLE_FRAMES, REDRAW_TIMEOUT],
        )
        if not settled:
            raise RuntimeError(f"{keys[i % 2]} #{i + 1}: the redraw never settled")
        h.wait_kernel_idle(page, notebook)
    return {"samples": samples}


def drag_points(n):
    """``n`` points in the plot as fractions of its width and height, each far from the last."""
    golden = 0.6180339887
    return [
        (0.15 + 0.7 * ((i * golden) % 1), 0.15 + 0.7 * ((0.5 + i * 0.3819) % 1)) for i in range(n)
    ]


def in_plot(box, frac):
    """Page coordinates of ``frac`` within the plot box of a surface canvas at ``box``,
    leaving out the axes' margins (about 50 px left, 40 px below, 10 above and 14 right)."""
    left, right = box["x"] + 56, box["x"] + box["width"] - 20
    top, bottom = box["y"] + 16, box["y"] + box["height"] - 46
    return left + frac[0] * (right - left), top + frac[1] * (bottom - top)


def keep(probe, out):
    """Add a preview probe's figures to the lists in ``out``: the time to changed pixels, to
    the kernel's answer reaching the page, and the kernel's side of it (see watchReply)."""
    out["samples"].append(probe["ms"])
    for key, name in (("replyMs", "reply_arrival"), ("kernelMs", "kernel_side")):
        if probe.get(key) is not None:
            out[name].append(probe[key])


def measure_drag(page, notebook, root, count):
    """Milliseconds from each pointermove of a real-mouse drag of the start point to the frame
    with the kernel's path; also how long the explorer's own handler took (the ring redraw)."""
    surface = root.locator("canvas.gd-surface")
    surface.scroll_into_view_if_needed()
    points = drag_points(WARMUP + count + 1)
    page.mouse.move(*in_plot(surface.bounding_box(), points[0]))
    mark = busy_mark(page, notebook)
    page.mouse.down()
    out = {"samples": [], "ring_draw": [], "reply_arrival": [], "kernel_side": []}
    try:
        wait_quiet(page, notebook, root, mark, what="pointerdown")
        for i, frac in enumerate(points[1:]):
            what = f"drag move #{i + 1}"
            mark = busy_mark(page, notebook)
            root.evaluate("el => __gdb.armDrag(el)")
            page.mouse.move(*in_plot(surface.bounding_box(), frac))
            probe = wait_probe(page, what)
            if not probe["ringDrawn"]:
                raise RuntimeError(f"{what}: the start ring was not redrawn during the event")
            if i >= WARMUP:
                out["ring_draw"].append(probe["ringMs"])
                keep(probe, out)
            wait_quiet(page, notebook, root, mark, what=what)
    finally:
        mark = busy_mark(page, notebook)
        page.mouse.up()
    wait_quiet(page, notebook, root, mark, what="pointerup (the grid from the new start)")
    return out


def parse_rate(text):
    """The readout's number; it writes minus signs as U+2212."""
    return float(text.replace("−", "-"))


def measure_typed(page, notebook, root, count):
    """Milliseconds from the keydown of Enter, after typing a rate off the grid, to the frame
    with the kernel's path; also how often Enter redrew the nearest grid rate first."""
    readout = root.locator("input.gd-readout")
    readout.scroll_into_view_if_needed()
    rate = parse_rate(readout.input_value())
    out = {"samples": [], "reply_arrival": [], "kernel_side": [], "grid_redraws_first": 0}
    for i in range(WARMUP + count):
        what = f"typed rate #{i + 1}"
        rate *= TYPED_FACTORS[i % 2]
        readout.fill(f"{rate:.4g}")
        mark = busy_mark(page, notebook)
        root.evaluate("el => __gdb.armTyped(el)")
        readout.press("Enter")
        probe = wait_probe(page, what)
        if i >= WARMUP:
            out["grid_redraws_first"] += bool(probe["gridRedraw"])
            keep(probe, out)
        # Two messages: the preview, then the new rate (the whole grid again).
        wait_quiet(page, notebook, root, mark, spells=2, what=what)
    return out


def measure_cell_runs(page, notebook, count):
    """Milliseconds from running the first explorer's cell again to its first picture."""
    samples = []
    for i in range(CELL_RUN_WARMUP + count):
        what = f"cell run #{i + 1}"
        root = page.locator("div.gd-explorer").first
        mark = busy_mark(page, notebook)
        if error := root.evaluate("(el, p) => __gdb.runCell(p, el)", notebook):
            raise RuntimeError(f"{what}: {error}")
        probe = wait_probe(page, what, timeout=CELL_RUN_TIMEOUT)
        if i >= CELL_RUN_WARMUP:
            samples.append(probe["ms"])
        root = page.locator("div.gd-explorer").first
        wait_quiet(page, notebook, root, mark, what=what, timeout=CELL_RUN_TIMEOUT)
    if errors := page.evaluate("p => __gd.errors(p)", notebook):
        raise RuntimeError(f"the cell raised: {errors[0]['ename']}: {errors[0]['evalue']}")
    return {"samples": samples}


def measure_floor(page, notebook, count):
    """Milliseconds from an arrow keydown on an IntSlider to the Label the kernel echoes it
    into showing the new value."""
    slider = page.locator(".gd-floor-slider .noUi-handle")
    label = page.locator(".gd-floor-label")
    slider.scroll_into_view_if_needed()
    first = h.arrow_away_from_end(slider)
    keys = [first, "ArrowLeft" if first == "ArrowRight" else "ArrowRight"]
    samples = []
    for i in range(WARMUP + count):
        what = f"floor {keys[i % 2]} #{i + 1}"
        label.evaluate("el => __gdb.armText(el)")
        mark = busy_mark(page, notebook)
        slider.press(keys[i % 2])
        probe = wait_probe(page, what)
        if i >= WARMUP:
            samples.append(probe["ms"])
        wait_quiet(page, notebook, None, mark, what=what)
    return {"samples": samples}


# --- one notebook ---------------------------------------------------------------------


def stats(measured):
    """Median, min and p90 of ``measured['samples']`` (and of any other list in it)."""

    def summary(samples):
        return {
            "median_ms": statistics.median(samples),
            "min_ms": min(samples),
            "p90_ms": (
                statistics.quantiles(samples, n=10, method="inclusive")[-1]
                if len(samples) > 1
                else samples[0]
            ),
            "samples_ms": [round(s, 2) for s in samples],
        }

    out = summary(measured.pop("samples"))
    for key, value in measured.items():
        out[key] = (summary(value) if value else None) if isinstance(value, list) else value
    return out


def open_and_run(browser, lab, notebook):
    """A page with ``notebook`` run from the top; a RuntimeError if a cell raised."""
    page = h.new_lab_page(browser)
    page.add_init_script(_BENCH_JS)
    run = h.run_notebook(page, lab, notebook)
    if run.errors:
        page.context.close()
        raise RuntimeError("cells raised: " + "; ".join(map(str, run.errors)))
    return page


def bench_lesson(browser, lab, notebook, counts):
    """Every action on the lesson's first explorer: ({action: stats}, {action: why it failed}),
    and the uncaught JS errors the page reported."""
    page = open_and_run(browser, lab, notebook)
    results, failed = {}, {}
    try:
        root = page.locator("div.gd-explorer").first
        if not root.count():
            raise RuntimeError("no Explorer (div.gd-explorer) on the page")
        slider = root.locator("input.gd-lr[type=range]")
        measures = {
            "slider": lambda n: measure_slider(page, notebook, root, slider, "canvas", n),
            "drag": lambda n: measure_drag(page, notebook, root, n),
            "typed": lambda n: measure_typed(page, notebook, root, n),
            "cell_run": lambda n: measure_cell_runs(page, notebook, n),
        }
        for action, measure in measures.items():
            print(f"  {action} ...", file=sys.stderr, flush=True)
            try:
                results[action] = stats(measure(counts[action]))
            except (RuntimeError, PlaywrightError) as exc:
                failed[action] = str(exc).splitlines()[0]
                print(f"  {action} failed: {failed[action]}", file=sys.stderr)
        return results, failed, list(page.uncaught_errors)
    finally:
        page.context.close()
        lab.shutdown_kernels()


def bench_reference(browser, lab, notebook, counts):
    """The interact baseline's slider, or the floor's round trip: stats."""
    page = open_and_run(browser, lab, notebook)
    try:
        if notebook == FLOOR_NAME:
            return stats(measure_floor(page, notebook, counts["floor"]))
        root = page.locator(".widget-interact").first
        slider = root.locator(".noUi-handle").first
        return stats(measure_slider(page, notebook, root, slider, "img", counts["slider"]))
    finally:
        page.context.close()
        lab.shutdown_kernels()


def write_notebook(path: Path, code: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)


# --- the report -----------------------------------------------------------------------


def print_table(lessons, baseline, floor):
    """One row per lesson: median and p90 of each action, in ms."""
    width = max(len("lesson"), *(len(name) for name in lessons))
    head1 = f"{'':<{width}}" + "".join(f"  {label:>22}" for label, _ in ACTIONS.values())
    head2 = f"{'lesson':<{width}}" + f"  {'median':>11}{'p90':>11}" * len(ACTIONS)
    print(head1)
    print(head2)
    for name, actions in lessons.items():
        row = f"{name:<{width}}"
        for action in ACTIONS:
            r = actions.get(action)
            cells = (f"{r['median_ms']:.1f}", f"{r['p90_ms']:.1f}") if r else ("FAILED", "")
            row += f"  {cells[0]:>11}{cells[1]:>11}"
        print(row)
    for label, r in (("baseline (interact) slider", baseline), ("floor (widget echo)", floor)):
        figures = "FAILED"
        if r:
            figures = ", ".join(f"{k} {r[f'{k}_ms']:.1f} ms" for k in ("median", "min", "p90"))
        print(f"{label}: {figures}")


def print_breakdown(lessons):
    """Where the time of a drag move and a typed rate goes, medians in ms: the explorer's own
    handler (ring redraw), the kernel's answer reaching the page, and the kernel's side of it."""
    width = max(len("lesson"), *(len(name) for name in lessons))
    columns = [
        ("drag", "ring_draw", "drag: ring"),
        ("drag", "kernel_side", "kernel side"),
        ("drag", "reply_arrival", "reply in page"),
        ("typed", "kernel_side", "typed: kernel side"),
        ("typed", "reply_arrival", "reply in page"),
    ]
    print(f"{'lesson':<{width}}" + "".join(f"  {label:>18}" for *_, label in columns))
    for name, actions in lessons.items():
        row = f"{name:<{width}}"
        for action, key, _ in columns:
            r = (actions.get(action) or {}).get(key)
            row += f"  {r['median_ms']:>18.1f}" if r else f"  {'-':>18}"
        print(row)


def target_lines(lessons):
    """For each target, whether every lesson's median meets it, with the figures."""
    lines = []
    for action, (label, target) in ACTIONS.items():
        medians = {name: r[action]["median_ms"] for name, r in lessons.items() if action in r}
        goal = "one frame (16.7 ms)" if action == "slider" else f"{target:.0f} ms"
        missing = [name for name, r in lessons.items() if action not in r]
        if not medians:
            lines.append(f"{label} ≤ {goal}: NOT measured")
            continue
        worst = max(medians, key=medians.get)
        over = [f"{n} {m:.1f} ms" for n, m in medians.items() if m > target]
        verdict = "met" if not over and not missing else "NOT met"
        line = f"{label} ≤ {goal} (median): {verdict}; worst {medians[worst]:.1f} ms ({worst})"
        if over:
            line += f"; over: {', '.join(over)}"
        if missing:
            line += f"; not measured: {', '.join(missing)}"
        lines.append(line)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--presses",
        type=int,
        default=None,
        help="samples per action and lesson (default: "
        + ", ".join(f"{k} {v}" for k, v in DEFAULT_COUNTS.items())
        + ")",
    )
    parser.add_argument("--out", type=Path, default=h.ARTIFACTS / "slider_latency.json")
    args = parser.parse_args()
    counts = {k: args.presses or v for k, v in DEFAULT_COUNTS.items()}

    lessons = [p.name for p in h.lesson_paths()]
    if not lessons:
        print(f"no lessons in {h.lessons_dir()}", file=sys.stderr)
        return 1
    results, failed, page_errors, references = {}, {}, {}, {}
    with sync_playwright() as pw:
        try:
            executable = h.find_browser(pw)
        except h.BrowserNotFound as exc:
            print(exc, file=sys.stderr)
            return 1
        browser = h.launch_browser(pw, executable)
        with h.start_lab(h.lessons_dir()) as lab:
            write_notebook(lab.root / BASELINE_NAME, BASELINE_CODE)
            write_notebook(lab.root / FLOOR_NAME, FLOOR_CODE)
            for name in (BASELINE_NAME, FLOOR_NAME):
                print(f"measuring {name} ...", file=sys.stderr, flush=True)
                try:
                    references[name] = bench_reference(browser, lab, name, counts)
                except (RuntimeError, PlaywrightError) as exc:
                    failed[name] = str(exc).splitlines()[0]
                    print(f"  failed: {failed[name]}", file=sys.stderr)
            for name in lessons:
                print(f"measuring {name} ...", file=sys.stderr, flush=True)
                try:
                    results[name], why, errors = bench_lesson(browser, lab, name, counts)
                except (RuntimeError, PlaywrightError) as exc:
                    results[name], why, errors = {}, {"lesson": str(exc).splitlines()[0]}, []
                if why:
                    failed[name] = "; ".join(f"{action}: {msg}" for action, msg in why.items())
                if errors:
                    page_errors[name] = errors
        report = {"samples": counts, "browser": f"{executable} {browser.version}"}
        browser.close()

    baseline, floor = references.get(BASELINE_NAME), references.get(FLOOR_NAME)
    for r in results.values():
        if "slider" in r and baseline:
            r["slider"]["ratio_to_baseline"] = r["slider"]["median_ms"] / baseline["median_ms"]
    report |= {
        "targets_ms": {action: target for action, (_, target) in ACTIONS.items()},
        "baseline": baseline,
        "floor": floor,
        "lessons": results,
        "failed": failed,
        "page_errors": page_errors,
    }

    print_table(results, baseline, floor)
    print()
    print_breakdown(results)
    print()
    for line in target_lines(results):
        print(line)
    for name, reason in failed.items():
        print(f"{name}: FAILED ({reason})")
    for name, errors in page_errors.items():
        print(f"{name}: uncaught page errors: {'; '.join(errors)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

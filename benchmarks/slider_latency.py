"""Keyboard-to-pixels latency of each lesson's Explorer, against a naive ipywidgets baseline.

For every lesson in notebooks/ (or $GDCORE_LESSONS_DIR): run all cells in JupyterLab, then
press ArrowRight/ArrowLeft alternately on the first Explorer's learning-rate slider and time,
in the page, from the keydown event to the first animation frame whose canvas pixels differ.
The baseline is an ``ipywidgets.interact`` that redraws a matplotlib contour + path on every
change, timed from keydown to the new image being loaded.

    .venv/bin/python benchmarks/slider_latency.py [--presses 30]

Prints a table and writes artifacts/slider_latency.json.
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

WARMUP = 2  # presses not counted: first redraws pay for JIT and caches
REDRAW_TIMEOUT = 20_000  # ms, for one redraw
SETTLE_FRAMES = 5  # a redraw is over once the pixels stay put this many frames

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


def measure(page, notebook, root, slider, kind, presses):
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
    return samples


def stats(samples):
    return {
        "median_ms": statistics.median(samples),
        "p90_ms": statistics.quantiles(samples, n=10)[-1],
        "samples_ms": [round(s, 2) for s in samples],
    }


def bench_lesson(browser, lab, name, presses):
    page = h.new_lab_page(browser)
    try:
        run = h.run_notebook(page, lab, name)
        if run.errors:
            raise RuntimeError("cells raised: " + "; ".join(map(str, run.errors)))
        if name == BASELINE_NAME:
            root = page.locator(".widget-interact").first
            slider, kind = root.locator(".noUi-handle").first, "img"
        else:
            root = page.locator("div.gd-explorer").first
            if not root.count():
                raise RuntimeError("no Explorer (div.gd-explorer) on the page")
            slider, kind = root.locator("input.gd-lr[type=range]"), "canvas"
        return stats(measure(page, name, root, slider, kind, presses))
    finally:
        page.context.close()
        lab.shutdown_kernels()


def write_baseline(root: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(BASELINE_CODE)]
    nbformat.write(nb, root / BASELINE_NAME)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30, help="timed key presses per lesson")
    parser.add_argument("--out", type=Path, default=h.ARTIFACTS / "slider_latency.json")
    args = parser.parse_args()

    lessons = [p.name for p in h.lesson_paths()]
    if not lessons:
        print(f"no lessons in {h.lessons_dir()}", file=sys.stderr)
        return 1
    results, failed = {}, {}
    with sync_playwright() as pw:
        try:
            executable = h.find_browser(pw)
        except h.BrowserNotFound as exc:
            print(exc, file=sys.stderr)
            return 1
        browser = h.launch_browser(pw, executable)
        with h.start_lab(h.lessons_dir()) as lab:
            write_baseline(lab.root)
            for name in [BASELINE_NAME, *lessons]:
                print(f"measuring {name} ...", file=sys.stderr, flush=True)
                try:
                    results[name] = bench_lesson(browser, lab, name, args.presses)
                except (RuntimeError, PlaywrightError) as exc:
                    failed[name] = str(exc).splitlines()[0]
                    print(f"  failed: {failed[name]}", file=sys.stderr)
        report = {"presses": args.presses, "browser": f"{executable} {browser.version}"}
        browser.close()

    baseline = results.pop(BASELINE_NAME, None)
    base_median = baseline["median_ms"] if baseline else None
    for r in results.values():
        r["ratio_to_baseline"] = r["median_ms"] / base_median if base_median else None
    report |= {"baseline": baseline, "lessons": results, "failed": failed}

    width = max(len("lesson"), *(len(name) for name in [*results, *failed]))
    fmt = f"{{:<{width}}} {{:>10}} {{:>8}} {{:>20}} {{:>8}}"
    print(fmt.format("lesson", "median ms", "p90 ms", "baseline median ms", "ratio"))
    for name, r in results.items():
        ratio = f"{r['ratio_to_baseline']:.3f}" if base_median else "-"
        base = f"{base_median:.1f}" if base_median else "-"
        print(fmt.format(name, f"{r['median_ms']:.1f}", f"{r['p90_ms']:.1f}", base, ratio))
    for name, reason in failed.items():
        print(f"{name}: FAILED ({reason})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The static site: its size, and how fast its explorers answer with no kernel, timed in the page.

Builds the site from notebooks/ into a temporary folder (or takes one built already with
``--site DIR``), opens every lesson page from file:// in headless Chromium at
devicePixelRatio 2, and times with ``performance.now()`` in the page, on its first explorer:

open
    From the start of navigation to the first animation frame in which every explorer of
    the page has drawn its status (its saved scene unpacked and drawn).
slider
    An arrow key on the learning-rate slider: keydown to the end of the first frame rendered
    whose canvas pixels changed (the time is read before the pixels are hashed).
steps
    An arrow key on the steps slider, every press the same way so that each lands on a new
    count: keydown to the end of the first frame rendered whose pixels changed. The
    stand-in model rebuilds the scene at that count, the model's curve included.

    .venv/bin/python benchmarks/site_latency.py [--site DIR] [--presses N]

Prints a table and writes artifacts/site_latency.json. A benchmark, not a test.
"""

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from gdcore import site

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
import jupyter_harness as h  # noqa: E402

WARMUP = 2

# Installed in every page before its scripts: the time at which every explorer has a status,
# and a probe that times one keydown to the first frame with other pixels.
PROBES = """
window.__bench = { openMs: null };
const drawn = () => {
  const wanted = document.querySelectorAll('[data-gd-explorer]').length;
  if (document.readyState !== 'loading' &&
      document.querySelectorAll('.gd-explorer .gd-status').length === wanted) {
    __bench.openMs = performance.now();
  } else requestAnimationFrame(drawn);
};
requestAnimationFrame(drawn);
__bench.pixels = (root) => [...root.querySelectorAll('canvas')].map((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0; for (let j = 0; j < d.length; j += 3) h = (h * 31 + d[j]) | 0; return h; }).join();
// fn(t) once the next frame has been rendered, at that moment t (a task posted from
// requestAnimationFrame runs after the frame's paint); the pixels are hashed after t is read.
__bench.afterFrame = (fn) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => fn(performance.now());
  channel.port2.postMessage(null);
});
__bench.arm = (root, input) => {
  const probe = { ms: null };
  const before = __bench.pixels(root);
  input.addEventListener('keydown', () => {
    const t0 = performance.now();
    const tick = (t) => {
      if (__bench.pixels(root) !== before) probe.ms = t - t0;
      else __bench.afterFrame(tick);
    };
    __bench.afterFrame(tick);
  }, { once: true, capture: true });
  __bench.probe = probe;
};
"""


def press_times(page, input_selector, presses, one_way=False):
    """Keydown to changed pixels for each press of an arrow key on the first explorer's
    control: alternately towards the middle and back, or with ``one_way`` all towards the
    side with more room, so that no press comes back to the count the page opened at."""
    root = page.locator(".gd-explorer").first
    root.scroll_into_view_if_needed()
    control = root.locator(input_selector)
    control.focus()
    keys = ["ArrowRight", "ArrowLeft"]
    if int(control.input_value()) >= int(control.get_attribute("max")) // 2:
        keys.reverse()  # towards the middle first
    if one_way:
        keys = keys[:1]
    samples = []
    for i in range(WARMUP + presses):
        root.evaluate("(el, sel) => __bench.arm(el, el.querySelector(sel))", input_selector)
        page.keyboard.press(keys[i % len(keys)])
        page.wait_for_function("() => __bench.probe.ms !== null", timeout=10_000)
        if i >= WARMUP:
            samples.append(page.evaluate("() => __bench.probe.ms"))
        page.wait_for_timeout(50)
    return samples


def summary(samples):
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered),
        "p90": ordered[int(0.9 * (len(ordered) - 1))],
        "n": len(ordered),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site built already (default: build one)")
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = (args.site or Path(tmp)).resolve()
        if args.site is None:
            site.build(ROOT / "notebooks", out)
        results = measure(out, args.presses)
    path = ROOT / "artifacts" / "site_latency.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=2))
    print_table(results)
    print(f"wrote {path.relative_to(ROOT)}")


def measure(out, presses):
    pages = sorted(out.glob("[0-9][0-9]_*.html"))
    results = {
        "site_bytes": sum(f.stat().st_size for f in out.rglob("*") if f.is_file()),
        "assets_bytes": sum(f.stat().st_size for f in (out / "assets").iterdir()),
        "pages": {},
    }
    with sync_playwright() as pw:
        browser = h.launch_browser(pw, h.find_browser(pw))
        for page_path in pages:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, device_scale_factor=2
            )
            context.add_init_script(PROBES)
            page = context.new_page()
            page.goto(page_path.as_uri())
            page.wait_for_function("() => __bench.openMs !== null", timeout=60_000)
            results["pages"][page_path.stem] = {
                "bytes": page_path.stat().st_size,
                "open_ms": page.evaluate("() => __bench.openMs"),
                "slider": summary(press_times(page, ".gd-lr", presses)),
                "steps": summary(press_times(page, ".gd-steps", presses // 2, one_way=True)),
            }
            context.close()
        browser.close()
    return results


def print_table(results):
    total, assets = results["site_bytes"] / 1e6, results["assets_bytes"] / 1e3
    print(f"site: {total:.1f} MB, of which assets {assets:.0f} kB")
    print("| lesson | page | open | slider median / p90 | steps median / p90 |")
    print("|---|---|---|---|---|")
    for name, r in results["pages"].items():
        s, t = r["slider"], r["steps"]
        print(
            f"| {name} | {r['bytes'] / 1e6:.2f} MB | {r['open_ms']:.0f} ms "
            f"| {s['median']:.1f} / {s['p90']:.1f} ms | {t['median']:.1f} / {t['p90']:.1f} ms |"
        )


if __name__ == "__main__":
    main()

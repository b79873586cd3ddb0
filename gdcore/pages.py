"""Explorers saved into plain web pages, which need no kernel and no network.

A saved explorer is what the kernel would have sent: its scene (as float32,
compressed), and, for what the kernel would compute later, answers worked out
now. ``offline.js`` stands in for the widget's model with them, so the page runs
the very same ``explorer.js`` as JupyterLab does:

- the learning-rate slider only picks a rate of the saved grid;
- the steps slider moves by ``every`` steps, and at each count it reaches the
  statuses are the ones gdcore gave, saved here;
- the model's curve in the data panel, at any step and while playing, is read
  off ``table``: the curve at each node of a grid of parameters over the plot's
  window, interpolated between nodes by Catmull-Rom cubics (exact for a model
  linear in each parameter, such as a line). The grid has the fewest nodes of
  ``TABLE_NODES`` whose curves, at 400 points of the window, are within
  ``TABLE_GAP`` of the data panel's height of the model's own; no curve is drawn
  outside the window;
- moving the start, typing a rate and a method's own slider need the kernel:
  the page disables them and says so.
"""

import base64
import gzip
import itertools
import json
import math
import re
import weakref
from dataclasses import replace
from html import escape
from pathlib import Path

import numpy as np

from .scene import encode, statuses

STATIC = Path(__file__).parent / "static"
SAVED_COUNTS = 100  # intervals between the counts the steps slider stops at, at most
TABLE_NODES = (17, 33, 65)  # nodes a side of the model's table: the fewest that are exact enough
TABLE_GAP = 1 / 300  # ... to draw the curve within a pixel of a 300-pixel panel
# Every explorer open in this kernel, by widget id, for the site to save.
OPEN = weakref.WeakValueDictionary()


def saved_state(explorer):
    """Everything a page needs to show ``explorer`` as it is now, as JSON-ready data."""
    # A notice is news of the last change made in the kernel; a page has none to give.
    scene = replace(explorer.scene, notice=None)
    every = _every(scene.steps, explorer.max_steps)
    return {
        "title": explorer.title,
        "backdrop": explorer.backdrop,
        "lr": explorer.lr,
        "steps": explorer.steps,
        "theta0": list(explorer.theta0),
        "params": list(explorer.params),
        "wire": _packed(encode(scene, float_bytes=4)),
        "offline": {"every": every, **_words(scene.view, every)},
        "statuses": _packed(_statuses(scene.view, explorer.runs, explorer.max_steps, every)),
        "table": _model_table(scene.view),
    }


def _words(view, every):
    """What the page says about what needs the kernel: once under the explorer, and in
    the status line when the reader tries it."""
    sliders = sorted({m.param[0] for m in view.methods if m.param})
    needs = _either(["move the start", "type a rate", *(f"move {name}" for name in sliders)])
    return {
        "why": f"This page has no Python behind it: run the lesson in JupyterLab to {needs}.",
        "note": f"Saved page: the rate, the steps (by {every}) and play work here; "
        f"to {needs}, run the lesson in JupyterLab.",
    }


def _statuses(view, runs, max_steps, every):
    """gdcore's statuses at every ``every``-th step count, as JSON: the kinds, and the
    words as indices into one list of the distinct texts."""
    texts, kinds, words = {}, [], []
    for k in range(0, max_steps + 1, every):
        said = statuses(view, [[run.upto(k) for run in method] for method in runs])
        kinds.append(said[0])
        words.append([[texts.setdefault(w, len(texts)) for w in row] for row in said[1]])
    return json.dumps({"kinds": kinds, "words": words, "texts": list(texts)}).encode()


def _either(things):
    """Joins ``things`` as "a, b or c"."""
    return ", ".join(things[:-1]) + " or " + things[-1]


def _every(steps, max_steps):
    """The step between saved counts: the smallest that lands on both ``steps`` and
    ``max_steps`` in at most ``SAVED_COUNTS`` intervals, or, when none does, the
    largest that lands on both (then there are more)."""
    both = math.gcd(steps, max_steps) or max_steps or 1
    fits = [d for d in range(1, both + 1) if both % d == 0 and max_steps // d <= SAVED_COUNTS]
    return fits[0] if fits else both


def _model_table(view):
    """The model's curve at each node of a grid over the plot's window, as float32, with
    the fewest nodes of ``TABLE_NODES`` that :func:`read_table` draws within
    ``TABLE_GAP`` of the data panel's height; None without data."""
    if view.model is None:
        return None
    box, span = view.panels["surface"], np.ptp(view.panels["data"]["ylim"])
    windows = [box["xlim"], box["ylim"]][: len(view.names)]
    lo, hi = np.array(windows).T
    probes = np.random.default_rng(0).uniform(lo, hi, (400, len(lo)))
    with np.errstate(all="ignore"):
        exact = view.curves_at(probes)
        for nodes in TABLE_NODES:
            axes = [np.linspace(a, b, nodes) for a, b in windows]
            grid = np.stack([g.ravel() for g in np.meshgrid(*axes, indexing="xy")], axis=1)
            table = {"lo": list(lo), "hi": list(hi), "nodes": nodes}
            values = np.asarray(view.curves_at(grid), dtype="<f4")
            gaps = np.abs(read_table(table, values, probes) - exact)
            if np.nanmax(gaps, initial=0) <= TABLE_GAP * span:
                break
    return {**table, "values": _packed(values.tobytes())}


def read_table(table, values, thetas):
    """The model's curve at each of ``thetas`` (k, n), read off the table as offline.js
    reads it: a Catmull-Rom cubic along each parameter through the four nodes around
    the point, with a node past an edge continued along a straight line; NaN outside."""
    n, dims = table["nodes"], len(table["lo"])
    # Axes: the last parameter first, as the nodes are stored; then the curve's points.
    grid = np.asarray(values, dtype=float).reshape(*[n] * dims, -1)
    grid = np.pad(grid, [(1, 1)] * dims + [(0, 0)], mode="reflect", reflect_type="odd")
    lo, hi = np.array(table["lo"]), np.array(table["hi"])
    u = (np.asarray(thetas) - lo) / (hi - lo) * (n - 1)
    i = np.minimum(np.floor(u).astype(int), n - 2)
    weights = _cubic(u - i)  # (4, k, n)
    out = np.zeros((len(u), grid.shape[-1]))
    for taps in itertools.product(range(4), repeat=dims):
        weight = np.prod([weights[k, :, d] for d, k in enumerate(taps)], axis=0)
        # Node i - 1 + k along each parameter, one further in for the padding.
        out += weight[:, None] * grid[tuple(i[:, d] + taps[d] for d in reversed(range(dims)))]
    out[((u < 0) | (u > n - 1)).any(axis=1)] = np.nan
    return out


def _cubic(t):
    """Catmull-Rom weights of the four nodes around a point a fraction ``t`` past the second."""
    return (
        np.array(
            [
                ((2 - t) * t - 1) * t,
                (3 * t - 5) * t * t + 2,
                ((4 - 3 * t) * t + 1) * t,
                (t - 1) * t * t,
            ]
        )
        / 2
    )


def _packed(raw):
    """Bytes as base64 text of their gzip, which the page unpacks."""
    return base64.b64encode(gzip.compress(raw, mtime=0)).decode()


# --- pages ---------------------------------------------------------------------------


def script():
    """explorer.js and its stand-in model, as one classic script: pages opened from
    file:// may not import modules."""
    source = (STATIC / "explorer.js").read_text()
    ending = "export default { render };\n"
    if not source.endswith(ending):
        raise RuntimeError(f"explorer.js no longer ends with {ending!r}; update gdcore/pages.py")
    offline = (STATIC / "offline.js").read_text()
    return f"(() => {{\n{source[: -len(ending)]}\n{offline}\n}})();\n"


def stylesheet(notebook=False):
    """The styles of a saved page: JupyterLab's theme variables, light and, for readers
    who prefer it, dark; with ``notebook``, JupyterLab's notebook styles before them;
    then the explorer's and the page's own."""
    lab = _lab_static()
    index = (lab / "index.css").read_text()
    # The themes name their colours through JupyterLab's material palette (--md-…),
    # which only the notebook styles define: a page without them takes the palette alone.
    parts = [index if notebook else _palette(index)]
    dark = (lab / "theme-dark.css").read_text()
    parts += [
        (lab / "theme-light.css").read_text(),
        f"@media (prefers-color-scheme: dark) {{\n{dark}\n}}",
        (STATIC / "explorer.css").read_text(),
        (STATIC / "page.css").read_text(),
    ]
    return "\n".join(parts)


def _palette(css):
    """The ``:root`` block of ``css`` that defines the material palette's colours."""
    found = re.search(r":root\s*\{[^}]*--md-grey-900:[^}]*\}", css)
    if not found:
        raise RuntimeError("nbconvert's lab styles define no material palette (--md-grey-900)")
    return found.group(0)


def _lab_static():
    """The folder of nbconvert's "lab" template's stylesheets."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("nbconvert", "templates", "lab", "static"):
        if (Path(folder) / "theme-light.css").exists():
            return Path(folder)
    raise RuntimeError(
        "nbconvert's lab template is not installed: run `make lab` or `make test` first"
    )


def placeholder(key, state):
    """Where a saved explorer goes in a page: an empty element and its state."""
    # No <, > or & inside the script element: nothing in the data can end it early.
    data = json.dumps(state, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (
        f'<div class="gd-saved" data-gd-explorer="{escape(key)}"></div>\n'
        f'<script type="application/json" id="{escape(key)}">{data}</script>'
    )


def save_html(explorer, path):
    """Write ``explorer`` as one self-contained page at ``path`` (a .html file)."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(
            f"save_html writes a web page: give a path ending in .html, not {path.name!r}"
        )
    if not path.parent.is_dir():
        raise ValueError(
            f"there is no folder {str(path.parent)!r}: create it first, or save elsewhere"
        )
    title = escape(explorer.title or "Gradient descent explorer")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{stylesheet()}
</style>
</head>
<body data-jp-theme-light="true">
<main class="gd-page">
{placeholder("explorer", saved_state(explorer))}
</main>
<script>
{script()}
</script>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")
    return path


def save_open(path):
    """Write the saved state of every explorer open in this kernel to ``path``, as JSON
    keyed by widget id: what the site builder asks a lesson's kernel for."""
    states = {key: saved_state(explorer) for key, explorer in OPEN.items()}
    Path(path).write_text(json.dumps(states, separators=(",", ":")), encoding="utf-8")

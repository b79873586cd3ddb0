"""Explorers saved into plain web pages, which need no kernel and no network.

A saved explorer is what the kernel would have sent: its scene (as float32,
compressed), and, for what the kernel would compute later, answers worked out
now. ``offline.js`` stands in for the widget's model with them, so the page runs
the very same ``explorer.js`` as JupyterLab does:

- the learning-rate slider only picks a rate of the saved grid;
- the steps slider moves by ``every`` steps, and at each count it reaches the
  statuses are the ones gdcore gave, saved here;
- the model's curve in the data panel, at any step and while playing, is read
  off ``table``: the curve at each node of a ``TABLE`` × ``TABLE`` grid of
  parameters over the plot's window, interpolated between nodes by Catmull-Rom
  cubics (exact for a model linear in each parameter, such as a line; within a
  pixel for the lessons' sigmoids), and not drawn outside the window;
- moving the start, typing a rate off the grid and a method's own slider need
  the kernel: the page disables them and says so.
"""

import base64
import gzip
import json
import math
import weakref
from html import escape
from pathlib import Path

import numpy as np

from .scene import encode, statuses

STATIC = Path(__file__).parent / "static"
SAVED_COUNTS = 100  # step counts the steps slider stops at, at most (and 0)
TABLE = 33  # nodes a side of the model's table: a sigmoid's curve to within a pixel
# Every explorer open in this kernel, by widget id, for the site to save.
OPEN = weakref.WeakValueDictionary()


def saved_state(explorer):
    """Everything a page needs to show ``explorer`` as it is now, as JSON-ready data."""
    scene = explorer.scene
    every = _every(scene.steps, explorer.max_steps)
    counts = range(0, explorer.max_steps + 1, every)
    texts = {}
    kinds, words = [], []
    for k in counts:
        said = statuses(explorer._view, [[r.upto(k) for r in runs] for runs in explorer._runs])
        kinds.append(said[0])
        words.append([[texts.setdefault(w, len(texts)) for w in row] for row in said[1]])
    sliders = sorted({m.param[0] for m in explorer._view.methods if m.param})
    needs = _either(
        ["move the start", "type a rate off the slider", *(f"move {n}" for n in sliders)]
    )
    return {
        "title": explorer.title,
        "backdrop": explorer.backdrop,
        "lr": explorer.lr,
        "steps": explorer.steps,
        "theta0": list(explorer.theta0),
        "params": list(explorer.params),
        "wire": _packed(encode(scene, float_bytes=4)),
        "offline": {
            "every": every,
            "why": f"This page has no Python behind it: run the lesson in JupyterLab to {needs}.",
            "note": f"Saved page: the rate, the steps (by {every}) and play work here; "
            f"to {needs}, run the lesson in JupyterLab.",
        },
        "statuses": _packed(
            json.dumps({"kinds": kinds, "words": words, "texts": list(texts)}).encode()
        ),
        "table": _model_table(explorer._view),
    }


def _either(things):
    """Joins ``things`` as "a, b or c"."""
    return ", ".join(things[:-1]) + " or " + things[-1]


def _every(steps, max_steps):
    """The step between saved counts: one that lands on both ``steps`` and ``max_steps``,
    the smallest that keeps them to ``SAVED_COUNTS``, or else the largest there is."""
    both = math.gcd(steps, max_steps) or max_steps or 1
    fits = [d for d in range(1, both + 1) if both % d == 0 and max_steps // d <= SAVED_COUNTS]
    return fits[0] if fits else both


def _model_table(view):
    """The model's curve at each node of a grid over the window, as float32, or None
    without data. Nodes run along the first parameter fastest."""
    if view.model is None:
        return None
    box = view.panels["surface"]
    axes = [np.linspace(*box["xlim"], TABLE)]
    if len(view.names) == 2:
        axes.append(np.linspace(*box["ylim"], TABLE))
    grid = np.stack([g.ravel() for g in np.meshgrid(*axes, indexing="xy")], axis=1)
    with np.errstate(all="ignore"):
        values = view.curves_at(grid)
    return {
        "lo": [float(a[0]) for a in axes],
        "hi": [float(a[-1]) for a in axes],
        "nodes": TABLE,
        "values": _packed(np.asarray(values, dtype="<f4").tobytes()),
    }


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


def theme_css():
    """JupyterLab's light theme variables, and the dark ones for readers who prefer them."""
    lab = _lab_static()
    light = (lab / "theme-light.css").read_text()
    dark = (lab / "theme-dark.css").read_text()
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"


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
    data = json.dumps(state, separators=(",", ":")).replace("</", "<\\/")
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
{theme_css()}
{(STATIC / "explorer.css").read_text()}
{(STATIC / "page.css").read_text()}
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

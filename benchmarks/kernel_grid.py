"""Kernel-side cost of the explorer, measured on the lessons' own explorers.

Runs every lesson in a kernel, then, for each explorer it opened, times what the
explorer computes whenever the start point moves: every method's
``gdcore.descend_grid`` over its whole grid of learning rates (101 by default) x
its steps (200 by default), losses included, then the scene built and encoded
(``grid ms`` is the descent alone, ``rebuild ms`` all of it). It also times the
one-rate preview answered while the start is dragged. Prints the median of 7
runs per explorer. Target: a rebuild in at most 50 ms.

    python benchmarks/kernel_grid.py           # every lesson
    python benchmarks/kernel_grid.py 10 11 12  # the lessons whose names start so
"""

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import gc, json, statistics, timeit
import numpy as np
from gdcore.widgets import Explorer

def median_ms(fn):
    return 1e3 * statistics.median(timeit.repeat(fn, number=1, repeat=7))

rows = []
for ex in [o for o in gc.get_objects() if isinstance(o, Explorer)]:
    start, lrs = np.asarray(ex.theta0), np.asarray(ex.lrs)
    moved = start + 0.01 * (np.asarray(ex.extent[1::2]) - np.asarray(ex.extent[::2]))
    starts = iter([moved, start] * 8)
    ex.send = lambda *a, **k: None  # no front end here
    rows.append({
        "title": ex.title,
        "rates": len(lrs),
        "steps": ex.max_steps,
        "methods": len(ex.scene.view.methods),
        "grid_ms": median_ms(lambda: ex._descend(start, lrs, ex.max_steps, ex.params)),
        "rebuild_ms": median_ms(lambda: ex._update(theta0=next(starts))),
        "preview_ms": median_ms(
            lambda: ex._preview({"theta0": moved.tolist(), "lr": ex.lr, "id": 0})
        ),
        "wire_kb": len(ex.wire) / 1024,
    })
print(json.dumps(rows))
"""


def explorers_of(path):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return json.loads(nb.cells[-1].outputs[0]["text"])


def main(prefixes=()):
    results = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if prefixes and not path.stem.startswith(tuple(prefixes)):
            continue
        results[path.stem] = explorers_of(path)
        for row in results[path.stem]:
            name = f"{path.stem[:24]} {row['title'][:28]}"
            print(
                f"{name:54s} {row['methods']} x {row['rates']} x {row['steps']}: "
                f"grid {row['grid_ms']:6.1f} ms, rebuild {row['rebuild_ms']:6.1f} ms, "
                f"preview {row['preview_ms']:5.1f} ms, scene {row['wire_kb']:6.0f} kB"
            )
    worst = max(row["rebuild_ms"] for rows in results.values() for row in rows)
    print(f"slowest explorer rebuild: {worst:.1f} ms (target <= 50)")
    return results


if __name__ == "__main__":
    out = main(sys.argv[1:])
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts/kernel_grid.json").write_text(json.dumps(out, indent=1))
    sys.exit(0)

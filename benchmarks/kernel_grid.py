"""Kernel-side cost of the explorer, measured on the lessons' own explorers.

Runs every lesson in a kernel, then, for each explorer it opened, times what the
explorer computes when it opens and whenever the start point moves:
``gdcore.descend_grid`` over its whole grid of learning rates (101 by default) x
its steps (200 by default), losses included. Prints the median of 7 runs per
explorer. Target: at most 50 ms.
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
from gdcore import descend_grid
from gdcore.widgets import Explorer

rows = []
for ex in [o for o in gc.get_objects() if isinstance(o, Explorer)]:
    run = lambda: descend_grid(ex._grad, np.asarray(ex.theta0), np.asarray(ex.lrs), ex.max_steps,
                               loss=ex._loss)
    ms = 1e3 * statistics.median(timeit.repeat(run, number=1, repeat=7))
    rows.append({"title": ex.title, "rates": len(ex.lrs), "steps": ex.max_steps, "ms": ms})
print(json.dumps(rows))
"""


def explorers_of(path):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return json.loads(nb.cells[-1].outputs[0]["text"])


def main():
    results = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        results[path.stem] = explorers_of(path)
        for row in results[path.stem]:
            name = f"{path.stem[:24]} {row['title'][:28]}"
            print(f"{name:54s} {row['rates']} x {row['steps']}: {row['ms']:6.1f} ms")
    worst = max(row["ms"] for rows in results.values() for row in rows)
    print(f"slowest explorer grid: {worst:.1f} ms (target <= 50)")
    return results


if __name__ == "__main__":
    out = main()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts/kernel_grid.json").write_text(json.dumps(out, indent=1))
    sys.exit(0)

"""Time to export a 200-frame descent as a GIF and as a self-contained HTML page.

A teacher exports the explorer's current run for slides; this times
``gdcore.plotting.save_animation`` on a 2-D quadratic (contours behind the path)
and on a 1-D curve, 199 steps each, so 200 frames. Prints the median of
``--runs`` runs per case. Target: under 5 s for the 2-D GIF.

    .venv/bin/python benchmarks/gif_export.py [--runs 3] [--frames 200]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import gdcore
from gdcore import plotting

A = np.array([[3.0, 1.0], [1.0, 2.0]])
CASES = {
    "2-D contours": (
        lambda t: 0.5 * np.einsum("...i,ij,...j->...", t, A, t),
        lambda t: t @ A,
        [2.0, -1.5],
        (-3, 3, -3, 3),
    ),
    "1-D curve": (
        lambda t: (t[..., 0] - 2) ** 2 + 1,
        lambda t: 2 * (t - 2),
        [-1.0],
        (-3, 6),
    ),
}


def time_export(case, suffix, frames, runs):
    """Seconds for each of ``runs`` exports of a ``frames``-frame animation."""
    loss, grad, theta0, extent = CASES[case]
    # A small rate keeps every one of the steps finite, so the run has all its frames.
    result = gdcore.descend(grad, theta0, 0.05, frames - 1, loss=loss)
    assert len(result.thetas) == frames
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            path = Path(tmp) / f"run{i}{suffix}"
            start = time.perf_counter()
            plotting.save_animation(result, path, loss=loss, extent=extent)
            seconds.append(time.perf_counter() - start)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="exports timed per case")
    parser.add_argument("--frames", type=int, default=200, help="frames per animation")
    args = parser.parse_args()
    print(f"{'case':14s} {'format':6s} {'median s':>9s}   runs (s)")
    for case in CASES:
        for suffix in (".gif", ".html"):
            seconds = time_export(case, suffix, args.frames, args.runs)
            runs = ", ".join(f"{s:.2f}" for s in seconds)
            print(f"{case:14s} {suffix:6s} {statistics.median(seconds):9.2f}   {runs}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How much gdcore's input checks add to a gradient on a large matrix.

Compares ``gdcore.mse_grad`` with numpy's own two matrix-vector products,
``X.T @ (X @ theta - y)``, on a 400 000 x 40 matrix. Prints the median of
repeated timings and their ratio; the target is a ratio of at most 1.2.
"""

import json
import sys
import timeit
from pathlib import Path

import numpy as np

import gdcore


def median_seconds(fn, repeat=30):
    fn()  # warm the caches
    return float(np.median(timeit.repeat(fn, number=1, repeat=repeat)))


def main(m=400_000, n=40):
    rng = np.random.default_rng(0)
    X, y, theta = rng.normal(size=(m, n)), rng.normal(size=m), rng.normal(size=n)
    bare = median_seconds(lambda: X.T @ (X @ theta - y))
    checked = median_seconds(lambda: gdcore.mse_grad(theta, X, y))
    result = {
        "m": m,
        "n": n,
        "numpy_ms": bare * 1e3,
        "gdcore_ms": checked * 1e3,
        "ratio": checked / bare,
    }
    print(
        f"mse_grad on {m} x {n}: numpy {bare * 1e3:.2f} ms, gdcore {checked * 1e3:.2f} ms, "
        f"ratio {checked / bare:.3f} (target <= 1.2)"
    )
    return result


if __name__ == "__main__":
    out = main()
    Path("artifacts").mkdir(exist_ok=True)
    Path("artifacts/mse_grad_overhead.json").write_text(json.dumps(out, indent=1))
    sys.exit(0)

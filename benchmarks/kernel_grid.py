"""Kernel-side cost of the explorer: one whole grid of learning rates.

For each default lesson set-up it times ``gdcore.descend_grid`` over 121 rates
x 200 steps, which is what the explorer computes when it opens and whenever
the start point moves. Target: at most 50 ms.
"""

import json
import timeit
from functools import partial
from pathlib import Path

import numpy as np

import gdcore


def setups():
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 60)
    X = gdcore.add_intercept(x)
    y_lin = 1 + 2 * x + rng.normal(0, 0.5, 60)
    y_cls = (rng.random(60) < gdcore.sigmoid(0.5 + 2 * x)).astype(float)
    return {
        "1-D parabola": (
            lambda t: np.sum((t - 2) ** 2, axis=-1) + 1,
            lambda t: 2 * (t - 2),
            [-1.0],
        ),
        "linear regression, mse": (
            lambda t: gdcore.mse(t, X, y_lin),
            lambda t: gdcore.mse_grad(t, X, y_lin),
            [-2.0, -1.0],
        ),
        "logistic regression, log-loss": (
            lambda t: gdcore.log_loss(t, X, y_cls),
            lambda t: gdcore.log_loss_grad(t, X, y_cls),
            [3.0, -3.0],
        ),
        "logistic regression, mse": (
            lambda t: gdcore.logistic_mse(t, X, y_cls),
            lambda t: gdcore.logistic_mse_grad(t, X, y_cls),
            [3.0, -3.0],
        ),
    }


def main(rates=121, steps=200):
    results = {}
    for name, (loss, grad, theta0) in setups().items():
        lrs = np.geomspace(1e-3, 3.0, rates)
        run = partial(gdcore.descend_grid, grad, theta0, lrs, steps, loss=loss)
        ms = 1e3 * float(np.median(timeit.repeat(run, number=1, repeat=15)))
        results[name] = ms
        print(f"{name:32s} {rates} rates x {steps} steps: {ms:6.1f} ms (target <= 50)")
    return results


if __name__ == "__main__":
    out = main()
    Path("artifacts").mkdir(exist_ok=True)
    Path("artifacts/kernel_grid.json").write_text(json.dumps(out, indent=1))

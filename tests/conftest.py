import numpy as np
import pytest


def make_data(seed, m, n, labels=False):
    """A design matrix with an intercept column, and targets (0/1 labels if asked)."""
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(m), rng.normal(size=(m, n - 1))])
    y = (rng.random(m) < 0.5).astype(float) if labels else rng.normal(size=m)
    theta = rng.normal(size=n)
    return theta, X, y


@pytest.fixture
def rng():
    return np.random.default_rng(0)

"""Update rules: one step of each method, state in and state out.

Each ``*_step`` takes the parameters ``theta``, of shape (n_params,) or a stack
(k, n_params), the gradient ``g`` at them, the learning rate ``lr`` (a number,
or an array of shape (k, 1), one per row), and the method's own ``state``,
None at the first step. It returns ``(theta, state)``, the next of each. It
keeps nothing between calls and prints nothing.

``rule(step, **settings)`` turns a step into an *update rule*, the form that
:func:`gdcore.descend_grid` and the explorer run for a whole grid of rates:
``update(theta, g, grad, lr, state) -> (theta, state)``, where ``grad`` is the
stacked gradient function, for rules that need a gradient elsewhere.
"""

import numpy as np

__all__ = [
    "adagrad_step",
    "adam_step",
    "armijo_step",
    "batches",
    "coordinate_update",
    "cosine",
    "gd_step_state",
    "gd_update",
    "inverse_time",
    "minibatch_update",
    "momentum_step",
    "momentum_update",
    "nesterov_step",
    "rmsprop_step",
    "rule",
    "step_decay",
]


def gd_step_state(theta, g, lr, state=None):
    """Plain gradient descent in the form of the other steps: ``(θ − α·g, None)``."""
    return theta - lr * g, None


def momentum_step(theta, g, lr, velocity=None, *, beta=0.9):
    """Heavy-ball momentum: ``v ← β·v + g``, then ``θ ← θ − α·v``.

    v starts at 0, so the first step is a gradient step; β = 0 is gradient descent.
    """
    velocity = g if velocity is None else beta * velocity + g
    return theta - lr * velocity, velocity


def nesterov_step(theta, g, lr, velocity=None, *, beta=0.9):
    """Nesterov's momentum, written with the gradient at θ itself:
    ``v ← β·v + g``, then ``θ ← θ − α·(g + β·v)``.

    This is the look-ahead update ``v ← β·v + ∇f(θ − α·β·v)`` after a change of
    variable (the form PyTorch and Keras use), so it needs no second gradient.
    """
    velocity = g if velocity is None else beta * velocity + g
    return theta - lr * (g + beta * velocity), velocity


def adagrad_step(theta, g, lr, total=None, *, eps=1e-8):
    """AdaGrad: each coordinate's step is divided by the root of its summed squared
    gradients, ``s ← s + g²``, ``θ ← θ − α·g / (√s + ε)``."""
    total = g * g if total is None else total + g * g
    return theta - lr * g / (np.sqrt(total) + eps), total


def rmsprop_step(theta, g, lr, mean_square=None, *, rho=0.9, eps=1e-8):
    """RMSProp: AdaGrad with a decaying average, ``s ← ρ·s + (1 − ρ)·g²`` (s₀ = 0),
    ``θ ← θ − α·g / (√s + ε)``."""
    fresh = (1 - rho) * g * g
    mean_square = fresh if mean_square is None else rho * mean_square + fresh
    return theta - lr * g / (np.sqrt(mean_square) + eps), mean_square


def adam_step(theta, g, lr, state=None, *, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam: momentum on g and RMSProp on g², each corrected for starting at 0.

    ``m ← β₁·m + (1 − β₁)·g``, ``v ← β₂·v + (1 − β₂)·g²``, ``m̂ = m / (1 − β₁ᵗ)``,
    ``v̂ = v / (1 − β₂ᵗ)``, ``θ ← θ − α·m̂ / (√v̂ + ε)``; ``state`` is ``(m, v, t)``.
    """
    m, v, t = (0.0, 0.0, 0) if state is None else state
    t += 1
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), (m, v, t)


def rule(step, **settings):
    """The update rule that runs ``step`` with ``settings``, e.g. ``rule(adam_step)``
    or ``rule(momentum_step, beta=0.5)``."""

    def update(theta, g, grad, lr, state=None):
        return step(theta, g, lr, state, **settings)

    update.__name__ = step.__name__.replace("_step", "_update")
    return update


def gd_update(theta, g, grad, lr, state=None):
    """Gradient descent as an update rule: ``theta - lr * g``; it has no state."""
    return theta - lr * g, None


def coordinate_update(order=None):
    """Coordinate descent as an update rule: one sweep per step, moving one parameter
    at a time, in ``order`` (by default 0, 1, …), each by its own partial derivative
    taken at the newest values of the others. A sweep costs one gradient per parameter.
    """

    def sweep(theta, g, grad, lr, state=None):
        theta = theta.copy()
        for i, j in enumerate(range(theta.shape[1]) if order is None else order):
            if i:  # the first partial is the one already taken at theta
                g = grad(theta)
            theta[:, j] -= lr[:, 0] * g[:, j]
        return theta, None

    return sweep


def momentum_update(beta):
    """Heavy-ball momentum as an update rule, for a ``beta`` in [0, 1)."""
    if isinstance(beta, bool) or not isinstance(beta, (int, float, np.number)):
        raise ValueError(f"beta must be a number in [0, 1), got {type(beta).__name__}; e.g. 0.9.")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta}; e.g. 0.9. At 1 nothing damps.")
    return rule(momentum_step, beta=beta)


# --- learning-rate schedules: the factor that multiplies lr at update k (from 0) ----------


def step_decay(every, factor=0.5):
    """Multiply the rate by ``factor`` every ``every`` updates: ``factor ** (k // every)``."""
    return lambda k: factor ** (k // every)


def inverse_time(k0):
    """Shrink the rate like 1/t: ``1 / (1 + k / k0)``."""
    return lambda k: 1 / (1 + k / k0)


def cosine(total):
    """Half a cosine from 1 down to 0 over ``total`` updates, then 0."""
    return lambda k: 0.5 * (1 + np.cos(np.pi * min(k, total) / total))


# --- rules that need more than the gradient at θ -------------------------------------------


def batches(rng, m, batch_size, *data):
    """Batches of example indices, for ever: each epoch shuffles the ``m`` indices with
    ``rng`` and cuts them into batches of ``batch_size``, the last one shorter.

    Given arrays ``data``, such as ``X, y``, it yields a tuple of their rows in each batch
    instead; each epoch's shuffle of them is gathered once, and its batches are slices.
    """
    while True:
        order = rng.permutation(m)
        rows = tuple(a[order] for a in data) or (order,)
        for i in range(0, m, batch_size):
            cut = tuple(a[i : i + batch_size] for a in rows)
            yield cut if data else cut[0]


def minibatch_update(grad, X, y, batch_size, seed=0, step=gd_step_state):
    """Mini-batch descent as an update rule for a whole grid of rates at once.

    Every row takes the same :func:`batches`, drawn from ``np.random.default_rng(seed)``,
    as :func:`gdcore.descend_minibatch` draws them with the same rng. ``grad`` has
    gdcore's signature, (theta, X, y), and is given each batch; ``step`` is the step
    taken with the batch's gradient.
    """
    m = len(y)
    if isinstance(batch_size, bool) or not 1 <= int(batch_size) == batch_size <= m:
        raise ValueError(f"batch_size must be a whole number from 1 to m = {m}, got {batch_size}.")
    batch_size = int(batch_size)

    def update(theta, g, full_grad, lr, state=None):
        drawn, memory = state or (batches(np.random.default_rng(seed), m, batch_size, X, y), None)
        Xb, yb = next(drawn)
        theta, memory = step(theta, grad(theta, Xb, yb), lr, memory)
        return theta, (drawn, memory)

    return update


def armijo_step(theta, loss, grad, lr0=1.0, *, c=1e-4, shrink=0.5, tries=60):
    """One step of backtracking line search: start at ``lr0`` and multiply the rate by
    ``shrink`` until the loss falls by at least ``c·α·|∇f|²`` (Armijo's condition).

    Returns ``(theta, α)``, the new parameters and the rate taken. ``loss`` and
    ``grad`` are functions of ``theta`` alone. After ``tries`` halvings without
    enough decrease (θ is at a minimum, to rounding), θ is returned unmoved, with α = 0.
    """
    g = grad(theta)
    f0, slope = loss(theta), float(np.sum(g * g))
    lr = lr0
    for _ in range(tries):
        new = theta - lr * g
        if loss(new) <= f0 - c * lr * slope:
            return new, lr
        lr *= shrink
    return theta, 0.0

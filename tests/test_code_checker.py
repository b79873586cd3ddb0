"""The engine that runs a learner's function: each mistake, written as a learner
would write it, gets a verdict naming it; every correct way of writing it is right."""

import dataclasses
import functools
import textwrap
import time

import numpy as np
import pytest

from gdcore import add_intercept, log_loss_grad, mse
from gdcore.exercises import _code
from gdcore.exercises._code import CodeExercise, draw_line, draw_rows
from gdcore.exercises.lesson02 import GRADIENT_CODE, check_gradient_code
from gdcore.exercises.lesson03 import check_update_code
from gdcore.exercises.lesson07 import check_vectorised_code

# --- lesson 02: fn(m, c, x, y) -> (dL/dm, dL/dc) ------------------------------------------


def grad_numpy(m, c, x, y):
    r = y - (m * x + c)
    return -2 * np.mean(x * r), -2 * np.mean(r)


def grad_loop(m, c, x, y):
    dm = dc = 0.0
    for xi, yi in zip(x, y):
        dm += -2 * xi * (yi - (m * xi + c))
        dc += -2 * (yi - (m * xi + c))
    return dm / len(x), dc / len(x)


def grad_list(m, c, x, y):
    r = m * x + c - y
    return [float(2 * r @ x / len(x)), float(2 * r.sum() / len(x))]


def grad_array(m, c, x, y):
    r = m * x + c - y
    return 2 * np.array([np.mean(r * x), np.mean(r)])


def grad_float32(m, c, x, y):
    x, y = x.astype(np.float32), y.astype(np.float32)
    r = np.float32(m) * x + np.float32(c) - y
    return np.float32(2) * np.mean(r * x), np.float32(2) * np.mean(r)


def grad_one_element(m, c, x, y):
    dm, dc = grad_numpy(m, c, x, y)
    return np.array([dm]), np.array([[dc]])


def grad_mutates(m, c, x, y):
    out = grad_numpy(m, c, x, y)
    x[:] = 0
    y *= 100
    return out


def grad_sum(m, c, x, y):
    r = y - (m * x + c)
    return -2 * np.sum(x * r), -2 * np.sum(r)


def grad_no_two(m, c, x, y):
    r = y - (m * x + c)
    return -np.mean(x * r), -np.mean(r)


def grad_extra_two(m, c, x, y):
    r = y - (m * x + c)
    return -4 * np.mean(x * r), -4 * np.mean(r)


def grad_flipped(m, c, x, y):
    r = (m * x + c) - y
    return -2 * np.mean(x * r), -2 * np.mean(r)


def grad_swapped(m, c, x, y):
    dm, dc = grad_numpy(m, c, x, y)
    return dc, dm


def grad_no_bias(m, c, x, y):
    r = y - m * x
    return -2 * np.mean(x * r), -2 * np.mean(r)


def grad_flipped_and_summed(m, c, x, y):
    r = (m * x + c) - y
    return -2 * np.sum(x * r), -2 * np.sum(r)


def grad_dc_summed(m, c, x, y):
    r = y - (m * x + c)
    return -2 * np.mean(x * r), -2 * np.sum(r)


def grad_dm_no_x(m, c, x, y):
    r = y - (m * x + c)
    return -2 * np.mean(r), -2 * np.mean(r)


def grad_factor_three(m, c, x, y):
    r = y - (m * x + c)
    return -3 * np.mean(x * r), -3 * np.mean(r)


def grad_nonsense(m, c, x, y):
    return np.mean(x**3), np.mean(y) ** 2


def grad_nan(m, c, x, y):
    r = y - (m * x + c)
    return -2 * np.mean(x * r) / (len(x) - len(y)) * 0, -2 * np.mean(r)


def grad_zero_division(m, c, x, y):
    n = 0  # meant len(x)
    dm = -2 * float(np.sum(x * (y - m * x - c))) / n
    return dm, 0.0


def grad_sleeps(m, c, x, y):
    time.sleep(10)
    return grad_numpy(m, c, x, y)


def grad_spins(m, c, x, y):
    while True:
        pass


def grad_swallows(m, c, x, y):
    while True:
        try:
            time.sleep(0.01)
        except Exception:  # a learner's catch-all must not swallow the time limit
            pass


def grad_stub_ellipsis(m, c, x, y): ...


def grad_stub_pass(m, c, x, y):
    """Return (dL/dm, dL/dc)."""
    pass


def grad_stub_raises(m, c, x, y):
    raise NotImplementedError


def grad_stub_returns_dots(m, c, x, y):
    return ...


def grad_stub_dots_inside(m, c, x, y):
    dm = ...
    dc = ...
    return dm, dc


def grad_stub_dots_in_formula(m, c, x, y):
    return -2 * np.mean(x * ...), -2 * np.mean(...)


def grad_forgot_return(m, c, x, y):
    r = y - (m * x + c)
    dm, dc = -2 * np.mean(x * r), -2 * np.mean(r)  # noqa: F841


def grad_three_outputs(m, c, x, y):
    return (*grad_numpy(m, c, x, y), 0.0)


def grad_one_output(m, c, x, y):
    return grad_numpy(m, c, x, y)[0]


def grad_per_example(m, c, x, y):
    r = y - (m * x + c)
    return -2 * np.mean(x * r), -2 * r


def grad_string(m, c, x, y):
    return "dm", 0.0


@pytest.mark.parametrize(
    "fn",
    [grad_numpy, grad_loop, grad_list, grad_array, grad_float32, grad_one_element, grad_mutates],
)
def test_gradient_right(fn):
    verdict = check_gradient_code(fn)
    assert verdict, repr(verdict)
    assert repr(verdict).startswith("Right")


GRADIENT_MISTAKES = [
    (grad_sum, ["summed instead of averaged"]),
    (grad_no_two, ["missing the 2"]),
    (grad_extra_two, ["extra factor 2"]),
    (grad_flipped, ["sign"]),
    (grad_swapped, ["swapped"]),
    (grad_flipped_and_summed, ["sign is flipped", "summed instead of averaged"]),
    (grad_no_bias, ["bias is missing"]),
    (grad_dc_summed, ["dL/dm is right, dL/dc is not", "summed instead of averaged"]),
    (grad_dm_no_x, ["dL/dc is right, dL/dm is not", "factor x"]),
    (grad_factor_three, ["constant factor of 1.5"]),
    (grad_nonsense, ["largest difference", "expected", "got"]),
    (grad_nan, ["dL/dm is nan"]),
    (grad_zero_division, ["ZeroDivisionError", "line", "/ n"]),
    (grad_forgot_return, ["returned None", "return"]),
    (grad_three_outputs, ["returned 3 values", "2 values"]),
    (grad_one_output, ["returned one float64", "2 values"]),
    (grad_per_example, ["one value per example", "average"]),
    (grad_string, ["dL/dm should be a real number"]),
    (lambda m, c, x: (0.0, 0.0), ["should take (m, c, x, y)"]),
    (42, ["expected a function"]),
]


@pytest.mark.parametrize(
    "fn, words",
    GRADIENT_MISTAKES,
    ids=[getattr(f, "__name__", repr(f)) for f, _ in GRADIENT_MISTAKES],
)
def test_gradient_mistake_is_named(fn, words):
    verdict = check_gradient_code(fn)
    text = repr(verdict)
    assert not verdict
    assert all(w in text for w in words), text
    assert "Hint" in text and "'Derive'" in text
    assert "\n" not in text and "Traceback" not in text


def test_the_line_that_raised_is_quoted():
    text = repr(check_gradient_code(grad_zero_division))
    line = grad_zero_division.__code__.co_firstlineno + 2
    assert f"ZeroDivisionError: float division by zero, at line {line}" in text
    assert "`dm = -2 * float(np.sum(x * (y - m * x - c))) / n`" in text


def step_stub(m, c, x, y, lr):
    m_new = ...
    c_new = ...
    return m_new, c_new


def vec_stub(W, b, X, Y):
    A = ...  # noqa: F841
    dW = ...
    db = ...
    return dW, db


def vec_stub_formula(W, b, X, Y):
    A = 1 / (1 + np.exp(-(W @ X + b)))
    return ... @ X.T, np.mean(A - ...)


STUBS = [
    (check_gradient_code, grad_stub_ellipsis),
    (check_gradient_code, grad_stub_pass),
    (check_gradient_code, grad_stub_raises),
    (check_gradient_code, grad_stub_returns_dots),
    (check_gradient_code, grad_stub_dots_inside),
    (check_gradient_code, grad_stub_dots_in_formula),
    (check_update_code, grad_stub_ellipsis),  # a trivial body, whatever its arguments
    (check_update_code, step_stub),
    (check_vectorised_code, grad_stub_pass),
    (check_vectorised_code, vec_stub),
    (check_vectorised_code, vec_stub_formula),
] + [
    (check, empty)
    for check in (check_gradient_code, check_update_code, check_vectorised_code)
    for empty in (None, ...)
]


@pytest.mark.parametrize(
    "check, fn", STUBS, ids=[f"{c.__name__}-{getattr(f, '__name__', f)}" for c, f in STUBS]
)
def test_a_stub_has_no_answer_yet(check, fn):
    verdict = check(fn)
    assert not verdict and repr(verdict).startswith("No answer yet") and "Hint" in repr(verdict)


@pytest.mark.parametrize("fn", [grad_sleeps, grad_spins, grad_swallows])
@pytest.mark.parametrize("seconds", [0.5, 1.0])
def test_a_slow_function_is_stopped_within_its_limit(fn, seconds):
    exercise = _with_seconds(seconds)
    start = time.monotonic()
    verdict = exercise.check(fn)
    elapsed = time.monotonic() - start
    assert not verdict and f"stopped after {seconds:g} s" in repr(verdict)
    assert "numpy" in repr(verdict)
    assert elapsed < seconds + 1


def test_the_default_limit_is_three_seconds():
    start = time.monotonic()
    verdict = check_gradient_code(grad_sleeps)
    assert "stopped after 3 s" in repr(verdict) and time.monotonic() - start < 4


def test_a_function_that_raises_answers_at_once():
    start = time.monotonic()
    check_gradient_code(grad_zero_division)
    assert time.monotonic() - start < 1


def _with_seconds(seconds):
    return dataclasses.replace(GRADIENT_CODE, seconds=seconds)


def test_nothing_the_learner_raises_escapes():
    class Weird:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

    assert not check_gradient_code(lambda m, c, x, y: (Weird(), Weird()))
    assert not check_gradient_code(lambda m, c, x, y: 1 / 0)
    assert "KeyError" in repr(check_gradient_code(lambda m, c, x, y: {}["m"]))
    assert "SystemExit" in repr(check_gradient_code(lambda m, c, x, y: exit()))


def test_warnings_from_learner_code_are_silenced():
    # pytest turns RuntimeWarning into an error here, so a leak would raise.
    verdict = check_gradient_code(lambda m, c, x, y: (np.log(np.mean(x - x)), np.float64(1) / 0))
    assert "dL/dm is -inf" not in repr(verdict) and "is inf" in repr(verdict)


# --- lesson 03: fn(m, c, x, y, lr) -> (m_new, c_new) --------------------------------------


def step_numpy(m, c, x, y, lr):
    dm, dc = grad_numpy(m, c, x, y)
    return m - lr * dm, c - lr * dc


def step_loop(m, c, x, y, lr):
    dm, dc = grad_loop(m, c, x, y)
    m_new = m - lr * dm
    c_new = c - lr * dc
    return [m_new, c_new]


def step_theta(m, c, x, y, lr):
    theta = np.array([m, c])
    X = np.column_stack([x, np.ones_like(x)])
    return theta - lr * 2 / len(x) * X.T @ (X @ theta - y)


def step_float32(m, c, x, y, lr):
    dm, dc = grad_float32(m, c, x, y)
    return np.float32(m) - np.float32(lr) * dm, np.float32(c) - np.float32(lr) * dc


def step_sequential_m_first(m, c, x, y, lr):
    m = m - lr * -2 * np.mean(x * (y - (m * x + c)))
    c = c - lr * -2 * np.mean(y - (m * x + c))
    return m, c


def step_sequential_c_first(m, c, x, y, lr):
    c = c - lr * -2 * np.mean(y - (m * x + c))
    m = m - lr * -2 * np.mean(x * (y - (m * x + c)))
    return m, c


def step_ascent(m, c, x, y, lr):
    dm, dc = grad_numpy(m, c, x, y)
    return m + lr * dm, c + lr * dc


def step_sum(m, c, x, y, lr):
    dm, dc = grad_sum(m, c, x, y)
    return m - lr * dm, c - lr * dc


def step_no_two(m, c, x, y, lr):
    dm, dc = grad_no_two(m, c, x, y)
    return m - lr * dm, c - lr * dc


def step_no_lr(m, c, x, y, lr):
    dm, dc = grad_numpy(m, c, x, y)
    return m - dm, c - dc


def step_swapped_return(m, c, x, y, lr):
    m_new, c_new = step_numpy(m, c, x, y, lr)
    return c_new, m_new


def step_swapped_partials(m, c, x, y, lr):
    dm, dc = grad_numpy(m, c, x, y)
    return m - lr * dc, c - lr * dm


def step_no_bias(m, c, x, y, lr):
    dm, dc = grad_no_bias(m, c, x, y)
    return m - lr * dm, c - lr * dc


def step_only_m(m, c, x, y, lr):
    dm, dc = grad_numpy(m, c, x, y)
    return m - lr * dm, c - lr * dc * 5


def step_raises(m, c, x, y, lr):
    return m - lr * grad_numpy(m, c, x, y)[2], c


@pytest.mark.parametrize("fn", [step_numpy, step_loop, step_theta, step_float32])
def test_update_right(fn):
    verdict = check_update_code(fn)
    assert verdict, repr(verdict)


UPDATE_MISTAKES = [
    (step_sequential_m_first, ["sequential", "c was updated", "new m"]),
    (step_sequential_c_first, ["sequential", "m was updated", "new c"]),
    (step_ascent, ["uphill", "θ + α·∇"]),
    (step_sum, ["summed instead of averaged"]),
    (step_no_two, ["missing the 2"]),
    (step_no_lr, ["not multiplied by the learning rate"]),
    (step_swapped_return, ["outputs are swapped"]),
    (step_swapped_partials, ["partials are swapped"]),
    (step_no_bias, ["bias is missing"]),
    (step_only_m, ["m_new is right, c_new is not", "constant factor of 5"]),
    (step_raises, ["IndexError", "tuple index out of range", "line", "[2]"]),
    (grad_spins, ["stopped after"]),
]


@pytest.mark.parametrize("fn, words", UPDATE_MISTAKES, ids=[f.__name__ for f, _ in UPDATE_MISTAKES])
def test_update_mistake_is_named(fn, words):
    if fn is grad_spins:
        fn = lambda m, c, x, y, lr: grad_spins(m, c, x, y)
    text = repr(check_update_code(fn))
    assert text.startswith("Not yet") and all(w in text for w in words), text
    assert "In code, the difference is the order of two lines" in text


# --- lesson 07: fn(W, b, X, Y) -> (dW, db), W (1, n), X (n, m), Y (1, m) -------------------


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def vec_numpy(W, b, X, Y):
    A = sigmoid(W @ X + b)
    m = X.shape[1]
    return (A - Y) @ X.T / m, np.sum(A - Y) / m


def vec_keepdims(W, b, X, Y):
    A = sigmoid(W @ X + b)
    m = X.shape[1]
    return np.dot(A - Y, X.T) / m, np.sum(A - Y, axis=1, keepdims=True) / m


def vec_loop(W, b, X, Y):
    n, m = X.shape
    dW, db = np.zeros((1, n)), 0.0
    for i in range(m):
        z = sum(W[0, j] * X[j, i] for j in range(n)) + b
        a = 1 / (1 + np.exp(-z))
        for j in range(n):
            dW[0, j] += (a - Y[0, i]) * X[j, i] / m
        db += (a - Y[0, i]) / m
    return dW, db


def vec_float32(W, b, X, Y):
    W, X, Y = W.astype(np.float32), X.astype(np.float32), Y.astype(np.float32)
    A = sigmoid(W @ X + np.float32(b))
    return (A - Y) @ X.T / np.float32(X.shape[1]), np.mean(A - Y)


def vec_transposed(W, b, X, Y):
    dW, db = vec_numpy(W, b, X, Y)
    return dW.T, db


def vec_flat(W, b, X, Y):
    dW, db = vec_numpy(W, b, X, Y)
    return dW.ravel(), db


def vec_no_sigmoid(W, b, X, Y):
    A = W @ X + b
    m = X.shape[1]
    return (A - Y) @ X.T / m, np.sum(A - Y) / m


def vec_no_bias(W, b, X, Y):
    A = sigmoid(W @ X)
    m = X.shape[1]
    return (A - Y) @ X.T / m, np.sum(A - Y) / m


def vec_flipped(W, b, X, Y):
    A = sigmoid(W @ X + b)
    m = X.shape[1]
    return (Y - A) @ X.T / m, np.sum(Y - A) / m


def vec_sum(W, b, X, Y):
    A = sigmoid(W @ X + b)
    return (A - Y) @ X.T, np.sum(A - Y)


def vec_wrong_count(W, b, X, Y):
    A = sigmoid(W @ X + b)
    n = X.shape[0]
    return (A - Y) @ X.T / n, np.sum(A - Y) / n


def vec_through_the_loss(W, b, X, Y):
    A = sigmoid(W @ X + b)
    dA = -(Y / A) + (1 - Y) / (1 - A)  # the derivative of −[y·log(a) + (1 − y)·log(1 − a)]
    dZ = dA * A * (1 - A)
    m = X.shape[1]
    return dZ @ X.T / m, np.sum(dZ) / m


def vec_db_per_example(W, b, X, Y):
    A = sigmoid(W @ X + b)
    return (A - Y) @ X.T / X.shape[1], (A - Y) / X.shape[1]


@pytest.mark.parametrize("fn", [vec_numpy, vec_keepdims, vec_loop, vec_float32])
def test_vectorised_right(fn):
    verdict = check_vectorised_code(fn)
    assert verdict, repr(verdict)


VECTORISED_MISTAKES = [
    (vec_transposed, ["shape (3, 1)", "transpose", "(1, 3)"]),
    (vec_flat, ["shape (3,)", "(1, 3)", "numbers are right"]),
    (vec_no_sigmoid, ["sigmoid is missing"]),
    (vec_no_bias, ["bias is missing"]),
    (vec_flipped, ["sign"]),
    (vec_sum, ["summed instead of averaged"]),
    (vec_wrong_count, ["number of features"]),
    (vec_through_the_loss, ["nan", "log(0)", "Ŷ − Y"]),
    (vec_db_per_example, ["db has shape (1, 7)", "one value per example"]),
]


@pytest.mark.parametrize(
    "fn, words", VECTORISED_MISTAKES, ids=[f.__name__ for f, _ in VECTORISED_MISTAKES]
)
def test_vectorised_mistake_is_named(fn, words):
    text = repr(check_vectorised_code(fn))
    assert text.startswith("Not yet") and all(w in text for w in words), text
    assert "The column layout in numpy" in text


# --- the engine on its own ------------------------------------------------------------------


def test_a_new_exercise_is_a_short_spec():
    loss = CodeExercise(
        reference=lambda m, c, x, y: np.mean((m * x + c - y) ** 2),
        draw=draw_line,
        outputs=("L",),
        hint="L = (1/N) Σ (y − (m·x + c))².",
    )
    assert loss.check(lambda m, c, x, y: np.mean((y - m * x - c) ** 2))
    assert loss.check(lambda m, c, x, y: [np.float32(np.mean((y - m * x - c) ** 2))])
    summed = repr(loss.check(lambda m, c, x, y: (np.sum((y - m * x - c) ** 2),)))
    assert "summed instead of averaged" in summed
    assert "returned 2 values" in repr(loss.check(lambda m, c, x, y: (1.0, 2.0)))
    assert "largest difference is in L" in repr(loss.check(lambda m, c, x, y: 1.0))
    assert repr(loss.check(lambda m, c, x, y: ...)).startswith("No answer yet")


def test_the_example_in_the_engine_docstring_runs():
    text = _code.__doc__.split("::\n", 1)[1].split("\n\n", 3)
    source = textwrap.dedent("\n\n".join(text[:3]))
    names = {"np": np, "mse": mse, "add_intercept": add_intercept, **vars(_code)}
    exec(source, names)
    check = names["check_loss_code"]
    assert check(lambda m, c, x, y: np.mean((y - m * x - c) ** 2))
    assert "bias is missing" in repr(check(lambda m, c, x, y: np.mean((y - m * x) ** 2)))


# A gradient in gdcore's own layout: one output, a vector of theta's shape.
LOG_LOSS_GRAD = CodeExercise(
    reference=log_loss_grad,
    draw=lambda rng, n: draw_rows(rng, n, labels=True),
    outputs=("grad",),
    hint="X.T @ (sigmoid(X @ theta) − y) / m.",
)


def rows_numpy(theta, X, y):
    return X.T @ (1 / (1 + np.exp(-X @ theta)) - y) / len(y)


@pytest.mark.parametrize(
    "fn, words",
    [
        (rows_numpy, ["Right"]),
        (lambda theta, X, y: list(rows_numpy(theta, X, y)), ["Right"]),
        (lambda theta, X, y: tuple(rows_numpy(theta, X, y)), ["Right"]),
        (lambda theta, X, y: (rows_numpy(theta, X, y),), ["Right"]),
        (lambda theta, X, y: rows_numpy(theta, X, y) * len(y), ["summed instead of averaged"]),
        (lambda theta, X, y: -rows_numpy(theta, X, y), ["sign is flipped"]),
        (lambda theta, X, y: rows_numpy(theta, X, y)[:, None], ["shape (3, 1)", "(3,)"]),
    ],
)
def test_one_vector_output(fn, words):
    text = repr(LOG_LOSS_GRAD.check(fn))
    assert all(w in text for w in words), text


def test_draw_rows_tells_mistakes_apart():
    rng = np.random.default_rng(1)
    theta, X, y = draw_rows(rng, 9, n_features=3, labels=True)
    assert theta.shape == (4,) and X.shape == (9, 4) and y.shape == (9,)
    assert np.all(X[:, 0] == 1) and X[:, 1:].min() >= 1 and set(y) == {0.0, 1.0}
    assert len(set(np.abs(theta).round(6))) == 4
    _, _, y = draw_rows(rng, 9)
    assert abs(np.mean(y)) > 1


# --- where a learner's exception is reported ------------------------------------------------


def sigmoid_helper(z):
    return 1 / (1 + np.exp(-z)) + {}["typo"]


def grad_calls_a_broken_helper(m, c, x, y):
    r = sigmoid_helper(m * x + c) - y
    return np.mean(r * x), np.mean(r)


class GradObject:
    def __call__(self, m, c, x, y):
        return 1 / 0, 0.0


def grad_with_k(m, c, x, y, k):
    return k / 0, 0.0


@pytest.mark.parametrize(
    "fn, words",
    [
        (grad_calls_a_broken_helper, ["KeyError: 'typo'", "of sigmoid_helper", '{}["typo"]']),
        (GradObject(), ["ZeroDivisionError", "`return 1 / 0, 0.0`"]),
        (functools.partial(grad_with_k, k=1), ["ZeroDivisionError", "`return k / 0, 0.0`"]),
        (lambda m, c, x, y: (np.ones(3) @ np.ones(4), 0), ["ValueError: matmul", "line"]),
    ],
)
def test_the_learners_line_is_found(fn, words):
    text = repr(check_gradient_code(fn))
    assert all(w in text for w in words) and "Traceback" not in text, text


def test_a_long_exception_message_is_cut():
    message = "a" * 500 + "\nsecond line"

    def raises(m, c, x, y):
        raise ValueError(message)

    text = repr(check_gradient_code(raises))
    assert "a" * 119 + "…" in text and "a" * 120 not in text and "second line" not in text


def test_a_hang_while_reading_an_output_is_stopped():
    class Hangs:
        def __array__(self, *args, **kwargs):
            while True:
                pass

    start = time.monotonic()
    verdict = GRADIENT_CODE.check(lambda m, c, x, y: (Hangs(), 0.0), seconds=0.5)
    assert "stopped after 0.5 s" in repr(verdict) and time.monotonic() - start < 1.5


def test_a_value_whose_repr_raises_is_still_described():
    class NoRepr:
        def __repr__(self):
            raise RuntimeError("no repr")

    assert "expected a function, got NoRepr" in repr(check_gradient_code(NoRepr()))
    assert "dL/dm should be a real number" in repr(
        check_gradient_code(lambda m, c, x, y: (NoRepr(), 0.0))
    )


def test_the_draws_tell_mistakes_apart():
    # Different N in every draw, none of them 2; x and y not centred; m and c of different sizes.
    sizes = GRADIENT_CODE.sizes
    assert len(set(sizes)) == len(sizes) and 2 not in sizes
    for m, c, x, y in (args for args, _ in GRADIENT_CODE._draws):
        assert x.min() >= 1 and abs(np.mean(y)) > 1 and abs(c) > 2 * abs(m)


def test_a_comprehension_is_not_named_as_a_helper():
    def grad_listcomp(m, c, x, y):
        return [1 / (float(xi) - xi) for xi in x.tolist()], 0.0

    text = repr(check_gradient_code(grad_listcomp))
    assert "ZeroDivisionError" in text and "of <" not in text and "[1 / (float(xi) - xi)" in text

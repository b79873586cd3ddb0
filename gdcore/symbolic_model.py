"""Bring your own model: the lessons' recipe, applied to a formula a learner types.

:func:`build` reads the text with :func:`gdcore.symbolic.parse_model`, puts it in
a loss, differentiates that loss with sympy, turns both into numpy with
:func:`gdcore.symbolic.as_function`, and checks the gradient against
:func:`gdcore.numerical_grad`. :func:`explore` opens the explorer on the result.
The model has two parameters, ``b`` and ``w``, and one input, ``x``.

Whatever goes wrong with the text comes back as a :class:`Problem` whose repr is
one line naming the symbol or the position, never as a traceback. The text is
never run (see :mod:`gdcore.symbolic_formula`), and the derivation and the check get
:data:`SECONDS` between them.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from . import symbolic
from ._limits import TimeLimit, time_limit
from .gradcheck import error_line, numerical_grad, relative_error

b, w, x, y = sp.symbols("b w x y", real=True)
PARAMS = (b, w)
NAMES = ("b", "w")
TOL = 1e-6  # largest relative error between the gradient and central differences
SECONDS = 3.0  # budget for reading, differentiating and checking one model


def _squared(y_hat, label):
    return (y_hat - label) ** 2


def _log(y_hat, label):
    return -(label * sp.log(y_hat) + (1 - label) * sp.log(1 - y_hat))


LOSSES = {"squared": _squared, "log": _log}


@dataclass(frozen=True)
class Problem:
    """Why a model could not be used; shows as its one-line message."""

    message: str

    def __bool__(self):
        return False

    def __repr__(self):
        return self.message

    @property
    def status(self) -> str:
        """The message again, so that a cell printing ``.status`` still reads well."""
        return self.message


@dataclass(frozen=True)
class YourModel:
    """A learner's model, with its loss and gradient as sympy and as numpy.

    Attributes
    ----------
    text : str
        What the learner typed.
    prediction : sympy expression in b, w, x
    per_example : sympy expression in b, w, x, y
        One example's loss.
    gradient : list of two sympy expressions
        ``d per_example / db`` and ``d per_example / dw``.
    loss, grad : callable, theta of shape (2,) or (k, 2) -> mean over the data
    predict : callable, (theta of shape (k, 2), xs of shape (p,)) -> (k, p)
    data : (x, y), ndarrays of shape (n_samples,)
    worst_error : float
        Worst relative error of ``grad`` against central differences of ``loss``.
    """

    text: str
    prediction: sp.Expr
    per_example: sp.Expr
    gradient: list
    loss: Callable
    grad: Callable
    predict: Callable
    data: tuple
    worst_error: float

    def __bool__(self):
        return True

    def _lines(self, show):
        check = error_line(self.worst_error, TOL)
        return [
            f"model: ŷ = {show(self.prediction)}",
            f"loss of one example: {show(self.per_example)}",
            *(f"∂/∂{n}: {show(g)}" for n, g in zip(NAMES, self.gradient)),
            f"gradient against gdcore.numerical_grad at random (b, w): {check}",
        ]

    def __repr__(self):
        return "\n".join(self._lines(sp.sstr))

    def _repr_markdown_(self):
        return "<br>\n".join(self._lines(lambda e: f"${sp.latex(e)}$"))


def build(text, x_data, y_data, *, loss="squared", rng=None) -> YourModel | Problem:
    """Parse, differentiate and check a model typed as text.

    Parameters
    ----------
    text : str
        The prediction, in ``b``, ``w`` and ``x``, e.g. ``"tanh(w*x + b)"``.
    x_data, y_data : ndarray of shape (n_samples,)
    loss : {"squared", "log"}
        Squared error ``(ŷ - y)**2``, or log-loss for ŷ in (0, 1) and y in {0, 1}.
    rng : numpy Generator, optional
        Draws the points where the gradient is checked.

    Returns
    -------
    YourModel, or Problem when the text cannot be used or takes longer than
    :data:`SECONDS` to differentiate and check.
    """
    try:
        with time_limit(SECONDS):
            return _build(text, np.asarray(x_data, float), np.asarray(y_data, float), loss, rng)
    except ValueError as err:
        return Problem(str(err).replace("\n", " "))
    except TimeLimit:
        return Problem(
            f"this model is too large to differentiate quickly (over {SECONDS:g} s); "
            "write a shorter one, e.g. 'tanh(w*x + b)'."
        )
    except Exception as err:  # sympy and numpy raise many kinds on odd models
        return Problem(
            f"could not differentiate or check this model ({type(err).__name__}); "
            "write it more simply, e.g. 'tanh(w*x + b)'."
        )


def _build(text, x_data, y_data, loss, rng):
    prediction = read(text)
    per_example = _loss_of(loss, y_data)(prediction, y)
    gradient = derive(per_example)
    loss_fn = _bind(symbolic.as_function(per_example, PARAMS, data=(x, y)), x_data, y_data)
    grad_fn = _bind(symbolic.as_function(gradient, PARAMS, data=(x, y)), x_data, y_data)
    error = check(loss_fn, grad_fn, rng or np.random.default_rng(0), text)
    predict = _predictor(prediction)
    return YourModel(
        text, prediction, per_example, gradient, loss_fn, grad_fn, predict, (x_data, y_data), error
    )


def read(text):
    """The prediction typed as ``text``, as a sympy expression in b, w and x.

    Raises
    ------
    ValueError
        In one line, naming the unknown symbol or where reading stopped.
    """
    expr = symbolic.parse_model(text, (b, w, x))
    if not expr.free_symbols & {b, w}:
        raise ValueError(
            f"the model {text!r} uses neither b nor w, so there is nothing to descend; "
            "write it with the parameters, e.g. 'tanh(w*x + b)'."
        )
    return expr


def _loss_of(name, y_data):
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(map(repr, LOSSES))}.")
    if name == "log" and not np.isin(y_data, (0, 1)).all():
        raise ValueError("the log loss needs labels in {0, 1}; map them, e.g. y = (y + 1) / 2.")
    return LOSSES[name]


def derive(per_example):
    """``d per_example / db`` and ``d per_example / dw``, each in its shortest quick form.

    The full ``sympy.simplify`` of :func:`gdcore.symbolic.derive` can take seconds
    on a single tanh; a few cheap rewritings, keeping the shortest, take milliseconds.
    """
    return symbolic.derive(per_example, PARAMS, simplify=_tidy)


def _tidy(expr):
    forms = [expr, sp.together(expr), sp.factor_terms(expr)]
    try:
        forms.append(sp.factor(expr))
    except (sp.PolynomialError, NotImplementedError):
        pass
    return min(forms, key=sp.count_ops)


def _bind(f, x_data, y_data):
    """``f(theta, x, y)`` with the data fixed, silent where the model overflows."""

    def bound(theta):
        with np.errstate(all="ignore"):
            return f(theta, x_data, y_data)

    return bound


def check(loss, grad, rng, text="the model", points=20):
    """Worst relative error of ``grad`` against central differences of ``loss``.

    The points are drawn from a standard normal distribution, one (b, w) per row.

    Raises
    ------
    ValueError
        When the loss or the gradient is not finite at one of the points.
    """
    errors = []
    for theta in rng.normal(size=(points, 2)):
        g = grad(theta)
        if not (np.isfinite(loss(theta)) and np.isfinite(g).all()):
            at = ", ".join(f"{v:.3g}" for v in theta)
            raise ValueError(
                f"the loss of {text!r} is not finite at (b, w) = ({at}) on these data; "
                "avoid log or sqrt of negative numbers and division by zero."
            )
        errors.append(relative_error(g, numerical_grad(loss, theta)))
    return max(errors)


def _predictor(prediction):
    """The prediction as numpy: (theta of shape (k, 2), xs of shape (p,)) -> (k, p)."""
    f = sp.lambdify([b, w, x], prediction, "numpy")

    def predict(theta, xs):
        theta, xs = np.asarray(theta, dtype=float), np.asarray(xs, dtype=float)
        with np.errstate(all="ignore"):
            ys = f(theta[..., 0, None], theta[..., 1, None], xs)
        return np.broadcast_to(np.asarray(ys, dtype=float), theta.shape[:-1] + xs.shape)

    return predict


def explore(model, theta0=(0.0, 0.0), **kwargs):
    """Open :func:`gdcore.widgets.explore` on a built model.

    A :class:`Problem` passes straight through, so the cell shows its message;
    so does a model whose loss has no minimum near ``theta0``. The keyword
    arguments go to the explorer (``lr``, ``steps``, ``extent``, ...).
    """
    if not model:
        return model
    from .widgets import explore as open_explorer

    options = {"names": NAMES, "data": model.data, "model": model.predict, "title": model.text}
    try:
        return open_explorer(model.loss, model.grad, theta0, **(options | kwargs))
    except (ValueError, np.linalg.LinAlgError) as err:
        return Problem(f"cannot explore {model.text!r} from (b, w) = {tuple(theta0)}: {err}")

"""gdcore: gradient descent update rules for the lessons.

Rows are examples: ``X`` has shape (m, n), ``y`` (m,), ``theta`` (n,). After
``add_intercept``, ``theta[0]`` is the bias. Importing gdcore imports numpy
only; ``gdcore.symbolic``, ``gdcore.plotting`` and ``gdcore.widgets`` bring in
sympy, matplotlib and the widget stack when a lesson asks for them.
"""

from .curvature import NoMinimum, find_minimum, stability_bound
from .descent import (
    Descent,
    coordinate_update,
    descend,
    descend_grid,
    gd_step,
    gd_update,
    momentum_update,
)
from .gradcheck import numerical_grad, numerical_hessian, relative_error
from .losses import (
    add_intercept,
    log_loss,
    log_loss_grad,
    logistic_mse,
    logistic_mse_grad,
    mse,
    mse_grad,
    sigmoid,
)

__all__ = [
    "Descent",
    "NoMinimum",
    "add_intercept",
    "coordinate_update",
    "descend",
    "descend_grid",
    "find_minimum",
    "gd_step",
    "gd_update",
    "log_loss",
    "log_loss_grad",
    "logistic_mse",
    "logistic_mse_grad",
    "momentum_update",
    "mse",
    "mse_grad",
    "numerical_grad",
    "numerical_hessian",
    "relative_error",
    "sigmoid",
    "stability_bound",
]

"""gdcore: gradient descent update rules for the lessons.

Rows are examples: ``X`` has shape (m, n), ``y`` (m,), ``theta`` (n,). After
``add_intercept``, ``theta[0]`` is the bias. Importing gdcore imports numpy
only; ``gdcore.symbolic``, ``gdcore.plotting`` and ``gdcore.widgets`` bring in
sympy, matplotlib and the widget stack when a lesson asks for them.
"""

from .curvature import NoMinimum, find_minimum, stability_bound
from .descent import Descent, descend, descend_grid, descend_grids, descend_minibatch, gd_step
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
from .rules import (
    adagrad_step,
    adam_step,
    coordinate_update,
    gd_update,
    momentum_step,
    momentum_update,
    nesterov_step,
    rmsprop_step,
    rule,
)

__all__ = [
    "Descent",
    "NoMinimum",
    "adagrad_step",
    "adam_step",
    "add_intercept",
    "coordinate_update",
    "descend",
    "descend_grid",
    "descend_grids",
    "descend_minibatch",
    "find_minimum",
    "gd_step",
    "gd_update",
    "log_loss",
    "log_loss_grad",
    "logistic_mse",
    "logistic_mse_grad",
    "momentum_step",
    "momentum_update",
    "mse",
    "mse_grad",
    "nesterov_step",
    "numerical_grad",
    "numerical_hessian",
    "relative_error",
    "rmsprop_step",
    "rule",
    "sigmoid",
    "stability_bound",
]

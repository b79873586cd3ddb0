"""Checks for lesson 01's exercises: one variable, one minimum."""

import sympy as sp

from ._check import check_expression, check_number

__all__ = ["check_bound", "check_derivative", "check_step"]

x = sp.Symbol("x")


def check_derivative(answer):
    """g(x) = x**4 - 3*x: what is g′(x)?"""
    return check_expression(
        answer, sp.diff(x**4 - 3 * x, x), "differentiate term by term: d/dx xⁿ = n·xⁿ⁻¹.", [x]
    )


def check_bound(answer):
    """g(x) = 5(x − 1)²: what is the largest learning rate that still converges?"""
    return check_number(answer, 2 / 10, "the bound is 2 / g″, and g″ is constant here.")


def check_step(answer):
    """f(x) = (x − 2)² + 1, x = 4, α = 0.1: where is x after one update?"""
    return check_number(answer, 4 - 0.1 * 2 * (4 - 2), "compute f′(4) first, then x − α·f′(x).")

"""Checks for lesson 09's exercises."""

__all__ = []

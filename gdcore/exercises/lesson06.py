"""Checks for lesson 06's exercises."""

__all__ = []

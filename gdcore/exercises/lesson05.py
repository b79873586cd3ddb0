"""Checks for lesson 05's exercises."""

__all__ = []

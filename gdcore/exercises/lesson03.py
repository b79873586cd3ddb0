"""Checks for lesson 03's exercises."""

__all__ = []

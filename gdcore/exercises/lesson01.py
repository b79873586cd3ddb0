"""Checks for lesson 01's exercises."""

__all__ = []

"""Checks for lesson 08's exercises."""

__all__ = []

"""Helpers for the Chengyu Book: data loading and validation, indicators, charts."""

__version__ = "0.1.0"

"""Glue values into the prose (myst-nb ``glue``), refusing what would print badly.

Every number in the book's text is glued from code. This wrapper converts numpy scalars to
Python numbers (``{glue:text}`` with a format spec fails on ``np.float64`` under numpy 2) and
raises on a missing value, so that prose never says "nan".
"""

from __future__ import annotations

import math
import numbers

from myst_nb import glue as _myst_glue


def plain(value):
    """``value`` as a plain Python int, float or str; ValueError if it is missing or not finite."""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"refusing to glue a missing or infinite value ({value})")
        return value
    raise ValueError(f"can only glue numbers and text, got {type(value).__name__}")


def glue(name: str, value) -> None:
    """Make ``value`` available to the prose as ``{glue:text}`name``` (not displayed here)."""
    _myst_glue(name, plain(value), display=False)


def glue_all(values: dict) -> None:
    """Glue several values at once, ``{name: value}``."""
    for name, value in values.items():
        glue(name, value)

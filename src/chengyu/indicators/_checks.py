"""Input checks shared by the indicator functions.

Every indicator takes pandas Series indexed by sector. These checks turn bad input
(mismatched sectors, negative or missing values, zero totals) into a ``ValueError`` that
says what is wrong, instead of a NaN further down.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def sector_values(values: pd.Series, name: str = "values") -> pd.Series:
    """Return ``values`` as a float Series after checking it can be read as a structure.

    Raises ``ValueError`` when the Series is empty, has duplicate or missing labels,
    holds a missing or negative value, or sums to zero.
    """
    if not isinstance(values, pd.Series):
        raise ValueError(
            f"{name}: expected a pandas Series indexed by sector, got {type(values).__name__}"
        )
    if values.empty:
        raise ValueError(f"{name}: no sectors given")
    if values.index.has_duplicates:
        dupes = sorted(map(str, values.index[values.index.duplicated()]))
        raise ValueError(f"{name}: duplicate sectors {dupes}")
    numeric = pd.to_numeric(values, errors="coerce").astype(float)
    missing = numeric.index[numeric.isna()]
    if len(missing):
        raise ValueError(
            f"{name}: missing or non-numeric value for {list(map(str, missing))}"
        )
    negative = numeric.index[numeric < 0]
    if len(negative):
        raise ValueError(f"{name}: negative value for {list(map(str, negative))}")
    if not np.isfinite(numeric).all():
        raise ValueError(f"{name}: infinite value")
    if numeric.sum() == 0:
        raise ValueError(f"{name}: values sum to zero, so shares are undefined")
    return numeric


def aligned(
    a: pd.Series, b: pd.Series, names: tuple[str, str] = ("a", "b")
) -> tuple[pd.Series, pd.Series]:
    """Check both Series and that they cover the same sectors; return them in ``a``'s order."""
    a = sector_values(a, names[0])
    b = sector_values(b, names[1])
    if set(a.index) != set(b.index):
        only_a = sorted(map(str, set(a.index) - set(b.index)))
        only_b = sorted(map(str, set(b.index) - set(a.index)))
        raise ValueError(
            f"{names[0]} and {names[1]} cover different sectors: "
            f"only in {names[0]} {only_a}, only in {names[1]} {only_b}"
        )
    return a, b.reindex(a.index)


def fractions(values: pd.Series) -> pd.Series:
    """Shares of the total as fractions (summing to 1), from checked values."""
    return values / values.sum()


def numbers_or_series(a, b, names: tuple[str, str]):
    """Check two numbers, or two Series covering the same labels, as non-negative and finite.

    A float and a Series are not mixed: ``aligned`` rejects the non-Series side.
    """
    if isinstance(a, pd.Series) or isinstance(b, pd.Series):
        return aligned(a, b, names)
    checked = []
    for value, name in zip((a, b), names, strict=True):
        value = float(value)
        if not math.isfinite(value) or value < 0:
            raise ValueError(
                f"{name}: expected a finite non-negative number, got {value!r}"
            )
        checked.append(value)
    return tuple(checked)


def positive(value, name: str) -> None:
    """Reject a zero denominator (number or Series); :func:`numbers_or_series` has already ruled out negatives."""
    if isinstance(value, pd.Series):
        zero = value.index[value <= 0]
        if len(zero):
            raise ValueError(f"{name}: must be > 0, is 0 for {list(map(str, zero))}")
    elif value <= 0:
        raise ValueError(f"{name}: must be > 0, got {value!r}")

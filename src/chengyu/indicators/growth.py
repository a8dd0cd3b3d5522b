"""Growth over time: compound annual growth, rebased index series and gap ratios."""

from __future__ import annotations

import math

import pandas as pd

from chengyu.indicators._checks import aligned, sector_values


def _pair(a, b, names: tuple[str, str]):
    """Check two numbers, or two Series covering the same labels, as non-negative and finite.

    A float and a Series are not mixed: ``aligned`` rejects the non-Series side.
    """
    if isinstance(a, pd.Series) or isinstance(b, pd.Series):
        return aligned(a, b, names)
    checked = []
    for value, name in zip((a, b), names):
        value = float(value)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{name}: expected a finite non-negative number, got {value!r}")
        checked.append(value)
    return tuple(checked)


def _positive(value, name: str) -> None:
    """Reject a zero denominator (number or Series); ``_pair`` has already ruled out negatives."""
    if isinstance(value, pd.Series):
        zero = value.index[value <= 0]
        if len(zero):
            raise ValueError(f"{name}: must be > 0, is 0 for {list(map(str, zero))}")
    elif value <= 0:
        raise ValueError(f"{name}: must be > 0, got {value!r}")


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent: ((end / start) ** (1 / years) - 1) * 100.

    The constant yearly rate that takes ``start`` to ``end`` in ``years`` years (the usual
    geometric-mean growth rate, 年均增长率). Raises ``ValueError`` for start <= 0, end < 0,
    years <= 0 or a NaN.
    """
    start, end = _pair(start, end, ("start", "end"))
    _positive(start, "start")
    years = float(years)
    if not years > 0:  # also catches NaN
        raise ValueError(f"years: must be > 0, got {years!r}")
    return ((end / start) ** (1 / years) - 1) * 100


def rebase(series: pd.Series, base) -> pd.Series:
    """Index a Series (indexed by year) to ``series[base] = 100``: series / series[base] * 100.

    The fixed-base index used for indices such as the Chengdu-Chongqing co-innovation index
    (2020 = 100). Raises ``ValueError`` if ``base`` is not in the index or the value there is 0.
    """
    series = sector_values(series, "series")
    if base not in series.index:
        raise ValueError(f"base {base!r} is not in the series index {list(series.index)}")
    if series[base] == 0:
        raise ValueError(f"series is 0 at base {base!r}, so it cannot be rebased")
    return series / series[base] * 100


def gap_ratio(a, b):
    """Ratio a / b of two non-negative quantities, e.g. two cities' R&D intensity.

    Works on numbers or, element-wise, on two Series covering the same labels. Raises
    ``ValueError`` if b is 0, or if either is negative or NaN.
    """
    a, b = _pair(a, b, ("a", "b"))
    _positive(b, "b")
    return a / b

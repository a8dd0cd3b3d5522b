"""Growth over time: compound annual growth, rebased index series and gap ratios."""

from __future__ import annotations

import pandas as pd

from chengyu.indicators._checks import numbers_or_series, positive, sector_values


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent: ((end / start) ** (1 / years) - 1) * 100.

    The constant yearly rate that takes ``start`` to ``end`` in ``years`` years (the usual
    geometric-mean growth rate, 年均增长率). Raises ``ValueError`` for start <= 0, end < 0,
    years <= 0 or a NaN.
    """
    start, end = numbers_or_series(start, end, ("start", "end"))
    positive(start, "start")
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
        raise ValueError(
            f"base {base!r} is not in the series index {list(series.index)}"
        )
    if series[base] == 0:
        raise ValueError(f"series is 0 at base {base!r}, so it cannot be rebased")
    return series / series[base] * 100


def gap_ratio(a, b):
    """Ratio a / b of two non-negative quantities, e.g. two cities' R&D intensity.

    Works on numbers or, element-wise, on two Series covering the same labels. Raises
    ``ValueError`` if b is 0, or if either is negative or NaN.
    """
    a, b = numbers_or_series(a, b, ("a", "b"))
    positive(b, "b")
    return a / b

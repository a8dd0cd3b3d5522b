"""The shape of a short series over the years: the trend classes the paper reads in its tables
(持续下滑 "falls every year", 倒"V"形 "inverted V", 总体上呈下滑趋势 "falls overall") as rules.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from chengyu.tables import listing

#: The classes returned by :func:`trend`, in the order its rules are tried.
TRENDS: tuple[str, ...] = (
    "falls every year",
    "rises every year",
    "inverted V",
    "V",
    "falls overall",
    "rises overall",
    "flat",
)

#: Each class of :data:`TRENDS` in Chinese, in the paper's words where it has them (持续下滑,
#: 倒"V"形, 总体上呈下滑趋势); full-width quotes, which Sphinx leaves as they are.
TRENDS_ZH: dict[str, str] = {
    "falls every year": "持续下滑",
    "rises every year": "持续上升",
    "inverted V": "倒“V”形",
    "V": "“V”形",
    "falls overall": "总体下滑",
    "rises overall": "总体上升",
    "flat": "首尾持平",
}


def trend_label(name: str, lang: str = "en") -> str:
    """A class of :data:`TRENDS` as prose shows it: itself in English, :data:`TRENDS_ZH` in Chinese."""
    if name not in TRENDS_ZH:
        raise ValueError(f"name: unknown trend class {name!r}")
    if lang not in ("en", "zh"):
        raise ValueError(f"lang: expected 'en' or 'zh', got {lang!r}")
    return TRENDS_ZH[name] if lang == "zh" else name


def _single_interior_peak(v: np.ndarray) -> bool:
    top = int(np.argmax(v))  # first position of the maximum
    return bool(
        v[top] > v[0]
        and v[top] > v[-1]
        and (np.diff(v[: top + 1]) >= 0).all()
        and (np.diff(v[top:]) <= 0).all()
    )


#: The test of each class of :data:`TRENDS`, on a 1-D array of at least 2 values. Each reads
#: the class's own words: "falls overall" is ``last < first``, whatever the path in between.
TREND_TESTS: dict[str, Callable[[np.ndarray], bool]] = {
    "falls every year": lambda v: bool((np.diff(v) < 0).all()),
    "rises every year": lambda v: bool((np.diff(v) > 0).all()),
    "inverted V": _single_interior_peak,
    "V": lambda v: _single_interior_peak(-v),
    "falls overall": lambda v: bool(v[-1] < v[0]),
    "rises overall": lambda v: bool(v[-1] > v[0]),
    "flat": lambda v: bool(v[-1] == v[0]),
}


def trend_values(values, decimals: int | None = None) -> np.ndarray:
    """``values`` as a checked 1-D float array, rounded to ``decimals`` if given (as a table prints them)."""
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or len(v) < 2:
        raise ValueError(
            f"values: need a 1-D series of at least 2 values, got shape {v.shape}"
        )
    if not np.isfinite(v).all():
        raise ValueError("values: missing or infinite value")
    return np.round(v, decimals) if decimals is not None else v


def trend(values, decimals: int | None = None, lang: str = "en") -> str:
    """Classify a short series, ordered by year, into one of :data:`TRENDS`.

    With ``decimals`` the values are first rounded (``numpy.round``) so that changes below the
    stated precision count as no change, as when reading a table printed to 2 decimals. Rules
    (:data:`TREND_TESTS`) are tried in this order and the first that holds wins, so the classes
    do not overlap:

    1. ``'falls every year'``: every consecutive change is < 0 (持续下滑).
    2. ``'rises every year'``: every consecutive change is > 0.
    3. ``'inverted V'`` (倒"V"形): the maximum is strictly above both the first and the last
       value (so it is interior), and the series is non-decreasing up to the maximum's first
       position and non-increasing after it.
    4. ``'V'``: the same with the minimum: strictly below both ends, non-increasing up to it
       and non-decreasing after it.
    5. ``'falls overall'`` (总体上呈下滑趋势): last < first.
    6. ``'rises overall'``: last > first.
    7. ``'flat'``: last == first. This means no net change, not necessarily constant: a
       zigzag that ends where it started is 'flat'.

    A 2-value series is 'falls every year', 'rises every year' or 'flat'. Raises
    ``ValueError`` for fewer than 2 values or a missing value. To check a *claimed* class,
    use :func:`trend_holds`: a series classed 'V' may still fall overall. With ``lang="zh"``
    the class is named in Chinese (:data:`TRENDS_ZH`).
    """
    v = trend_values(values, decimals)
    return trend_label(next(name for name in TRENDS if TREND_TESTS[name](v)), lang)


def trend_holds(values, claimed: str, decimals: int | None = None) -> bool:
    """Whether ``values`` (ordered by year) bear out the trend class ``claimed``.

    The claim is tested by its own rule in :data:`TREND_TESTS`, not by comparing it with
    :func:`trend`'s single class: (2.32, 2.31, 2.28, 2.31) is classed 'V', yet it does fall
    overall (2.31 < 2.32). ``decimals`` rounds first, as in :func:`trend`. Raises
    ``ValueError`` for a class not in :data:`TRENDS`.
    """
    if claimed not in TREND_TESTS:
        raise ValueError(
            f"claimed: unknown trend class {claimed!r}; expected one of {', '.join(TRENDS)}"
        )
    return TREND_TESTS[claimed](trend_values(values, decimals))


def yearly_directions(values: pd.Series) -> pd.Series:
    """The direction of each change of a series indexed by year: "rose", "fell" or "held".

    Indexed by the later year of each pair of consecutive entries, unrounded (a change of any
    size counts). For a sentence, see :func:`describe_directions`.
    """
    change = values.sort_index().diff().dropna()
    return change.map(lambda c: "rose" if c > 0 else "fell" if c < 0 else "held")


#: The words of :func:`yearly_directions` in Chinese, for :func:`describe_directions`.
DIRECTIONS_ZH = {"rose": "上升", "fell": "下降", "held": "持平"}


def describe_directions(directions: pd.Series, lang: str = "en") -> str:
    """A yearly direction series as words: "rose in 2021 and 2022 and fell in 2023"; in
    Chinese (``lang="zh"``) "2021和2022年上升，2023年下降"."""
    runs: list[tuple[str, list[int]]] = []
    for year, word in directions.items():
        if runs and runs[-1][0] == word:
            runs[-1][1].append(int(year))
        else:
            runs.append((word, [int(year)]))
    if lang == "zh":
        return "，".join(
            f"{listing(years, 'zh')}年{DIRECTIONS_ZH[word]}" for word, years in runs
        )
    parts = [f"{word} in {listing(years, lang)}" for word, years in runs]
    return listing(parts)


def biggest_move(series: pd.Series) -> tuple[int, int, float, float]:
    """The largest move between two consecutive entries of ``series`` (indexed by year), either way.

    Returns (year before, year, value before, value): the ``t`` maximising
    :math:`|x_t - x_{t-1}|` over consecutive index entries, the earliest of equal moves.
    """
    if len(series) < 2 or series.isna().any():
        raise ValueError("biggest_move: need at least two values and no gap")
    step = series.diff().abs().idxmax()
    before = series.index[series.index.get_loc(step) - 1]
    return int(before), int(step), float(series[before]), float(series[step])


def last_step_reading(last_step: float, lang: str = "en") -> str:
    """Whether a change rests on its last step, given the part of it (a fraction) that came then.

    "rests mostly" when more than half of the change came in the last step, else "does not
    rest"; in Chinese (``lang="zh"``) "主要取决于" or "并不取决于", read before the step named.
    """
    mostly = last_step > 0.5
    if lang == "zh":
        return "主要取决于" if mostly else "并不取决于"
    if lang != "en":
        raise ValueError(f"lang: expected 'en' or 'zh', got {lang!r}")
    return "rests mostly" if mostly else "does not rest"


def path_ratio(series: pd.Series) -> float:
    """How far a series travelled for how far it got: ``Σ |x_t − x_{t−1}| / |x_T − x_0|``.

    1 for a series that moved one way only; 3 for one whose yearly moves add up to three times
    its net change (it went back and forth). Infinite when it ended where it began.
    """
    if len(series) < 2 or series.isna().any():
        raise ValueError("path_ratio: need at least two values and no gap")
    net = abs(series.iloc[-1] - series.iloc[0])
    travelled = series.diff().abs().sum()
    return float(travelled / net) if net else math.inf


def describe_changes(series: pd.Series, decimals: int = 2, lang: str = "en") -> str:
    """The yearly changes of a series as prose lists them, signed: "+0.11, +0.06 and −1.90";
    in Chinese (``lang="zh"``) "+0.11、+0.06和−1.90"."""
    steps = series.diff().dropna()
    return listing((f"{step:+.{decimals}f}".replace("-", "−") for step in steps), lang)

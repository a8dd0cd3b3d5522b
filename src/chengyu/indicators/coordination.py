"""Indicators of industrial structure and coordination between two regions.

Structures are pandas Series indexed by sector (e.g. ``['primary', 'secondary', 'tertiary']``)
and are checked by :mod:`chengyu.indicators._checks`; indicator tables for the entropy weight
method are DataFrames with one row per observation and one column per indicator. Bad input
raises ``ValueError`` saying what is wrong.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable

import numpy as np
import pandas as pd

from chengyu.indicators._checks import aligned, fractions, sector_values

#: The usual ten coordination bands of width 0.1, as (lower bound, Chinese name, English name).
#: Each band runs from its lower bound up to the next one; the last one includes 1.
COORDINATION_BANDS: tuple[tuple[float, str, str], ...] = (
    (0.0, "极度失调", "extreme imbalance"),
    (0.1, "严重失调", "serious imbalance"),
    (0.2, "中度失调", "moderate imbalance"),
    (0.3, "轻度失调", "mild imbalance"),
    (0.4, "濒临失调", "on the verge of imbalance"),
    (0.5, "勉强协调", "barely coordinated"),
    (0.6, "初级协调", "primary coordination"),
    (0.7, "中级协调", "intermediate coordination"),
    (0.8, "良好协调", "good coordination"),
    (0.9, "优质协调", "high-quality coordination"),
)

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


def _no_zero_sector(nation: pd.Series) -> None:
    zero = nation.index[nation == 0]
    if len(zero):
        raise ValueError(f"nation: value is 0 for {list(map(str, zero))}, so the ratio is undefined")


def national_shares(region: pd.Series, nation: pd.Series) -> pd.Series:
    """Each sector's share of the national value, in percent: ``100 · xᵢ / Xᵢ``.

    ``region`` and ``nation`` hold the same sectors in the same unit (e.g. value added in 亿元).
    This is the measure of the paper's Table 2 (产业增加值占全国比重). Raises ``ValueError`` if a
    national value is 0.
    """
    region, nation = aligned(region, nation, ("region", "nation"))
    _no_zero_sector(nation)
    return region / nation * 100


def location_quotient(region: pd.Series, nation: pd.Series) -> pd.Series:
    """Location quotient (区位熵): ``(xᵢ / Σx) / (Xᵢ / ΣX)``.

    The region's share of sector i in its own total, over the nation's share of sector i in
    the national total: the standard measure of regional specialisation in regional economics.
    Above 1 the region is more specialised in sector i than the nation. Raises ``ValueError``
    if a national value is 0.
    """
    region, nation = aligned(region, nation, ("region", "nation"))
    _no_zero_sector(nation)
    return fractions(region) / fractions(nation)


def similarity_coefficient(a: pd.Series, b: pd.Series) -> float:
    """Structural similarity coefficient: ``Σ sₐᵢ s_bᵢ / √(Σ sₐᵢ² · Σ s_bᵢ²)``.

    The UNIDO (United Nations Industrial Development Organization) coefficient of industrial
    structure similarity (产业结构相似系数), on each region's sector shares sₐᵢ, s_bᵢ. It is the
    cosine of the angle between the two share vectors: 1 for identical structures, 0 for
    structures with no sector in common.
    """
    sa, sb = (fractions(s) for s in aligned(a, b))
    value = float((sa * sb).sum() / math.sqrt((sa**2).sum() * (sb**2).sum()))
    # Rounding can put a structure's similarity with itself a hair above 1.
    return min(value, 1.0)


def krugman_index(a: pd.Series, b: pd.Series) -> float:
    """Krugman specialisation index: ``Σ |sₐᵢ − s_bᵢ|`` on sector shares as fractions.

    Krugman (1991, *Geography and Trade*) index of regional specialisation (克鲁格曼专业化指数):
    0 for identical structures, 2 for structures with no sector in common.
    """
    sa, sb = (fractions(s) for s in aligned(a, b))
    return float((sa - sb).abs().sum())


def _indicator_frame(frame: pd.DataFrame, negative: Iterable[str]) -> tuple[pd.DataFrame, list[str]]:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"frame: expected a pandas DataFrame of indicators, got {type(frame).__name__}")
    if frame.shape[1] == 0:
        raise ValueError("frame: no indicator columns")
    if len(frame) < 2:
        raise ValueError(f"frame: need at least 2 rows (observations) to normalise, got {len(frame)}")
    if frame.columns.has_duplicates:
        dupes = sorted(map(str, frame.columns[frame.columns.duplicated()]))
        raise ValueError(f"frame: duplicate columns {dupes}")
    data = frame.apply(pd.to_numeric, errors="coerce").astype(float)
    bad = data.columns[~np.isfinite(data).all()]
    if len(bad):
        raise ValueError(f"frame: missing, non-numeric or infinite value in columns {list(map(str, bad))}")
    negative = [negative] if isinstance(negative, str) else list(negative)
    unknown = [c for c in negative if c not in data.columns]
    if unknown:
        raise ValueError(f"negative: columns {unknown} are not in the frame")
    return data, negative


def minmax_normalise(frame: pd.DataFrame, negative: Iterable[str] = ()) -> pd.DataFrame:
    """Min-max normalise each column of an indicator table to [0, 1].

    Rows are observations (e.g. years), columns indicators. A column where larger is better
    becomes ``(x − min) / (max − min)``; a column named in ``negative`` (larger is worse)
    becomes ``(max − x) / (max − min)``. A column with no variation (max == min) carries no
    information and is set to 1. Values may be negative (e.g. growth rates); missing or
    non-numeric values, fewer than 2 rows, or unknown ``negative`` names raise ``ValueError``.
    """
    data, negative = _indicator_frame(frame, negative)
    low, high = data.min(), data.max()
    span = high - low
    out = (data - low) / span
    out[negative] = (high[negative] - data[negative]) / span[negative]
    out.loc[:, span == 0] = 1.0
    return out


def entropy_weights(frame: pd.DataFrame, negative: Iterable[str] = ()) -> pd.Series:
    """Weights of the entropy weight method (熵权法), one per column, summing to 1.

    With n rows, each column j is min-max normalised (:func:`minmax_normalise`, honouring
    ``negative``) to x'ᵢⱼ, then::

        pᵢⱼ = x'ᵢⱼ / Σᵢ x'ᵢⱼ
        eⱼ  = −(1 / ln n) · Σᵢ pᵢⱼ ln pᵢⱼ        (entropy, in [0, 1])
        dⱼ  = 1 − eⱼ                            (degree of divergence)
        wⱼ  = dⱼ / Σⱼ dⱼ

    Zeros: min-max normalisation gives every varying column a 0, and this function takes
    ``0 · ln 0 = 0`` (the limit of p ln p as p → 0) instead of the other common convention of
    shifting normalised values by 0.0001 (平移); so weights do not depend on an arbitrary shift.

    A column with no variation (max == min) carries no information: its normalised values are
    1 and its weight is 0. Raises ``ValueError`` if every column is constant or there are
    fewer than 2 rows.
    """
    norm = minmax_normalise(frame, negative)
    # Every varying column has a 0 after normalisation, so only constant columns are all 1.
    constant = (norm == 1).all()
    if constant.all():
        raise ValueError("frame: every column is constant, so no column carries information")
    p = norm / norm.sum()
    # Taking ln 1 = 0 where p = 0 gives 0·ln 0 = 0 without a -inf·0 NaN.
    p_log_p = p * np.log(p.where(p > 0, 1.0))
    entropy = -p_log_p.sum() / math.log(len(norm))
    # A constant column's entropy is 1 only up to rounding; its weight must be exactly 0.
    divergence = (1 - entropy).where(~constant, 0.0)
    return divergence / divergence.sum()


def composite_scores(frame: pd.DataFrame, weights: pd.Series, negative: Iterable[str] = ()) -> pd.Series:
    """Composite score per row: ``Σⱼ wⱼ x'ᵢⱼ``, the weighted sum of min-max normalised values.

    ``weights`` is a Series indexed by the frame's columns, non-negative and summing to 1 (for
    example from :func:`entropy_weights`), so every score lies in [0, 1]. Columns are
    normalised by :func:`minmax_normalise`, honouring ``negative``.
    """
    norm = minmax_normalise(frame, negative)
    weights = sector_values(weights, "weights")
    if set(weights.index) != set(norm.columns):
        raise ValueError(
            f"weights and frame columns differ: weights {sorted(map(str, weights.index))}, "
            f"columns {sorted(map(str, norm.columns))}"
        )
    if not math.isclose(weights.sum(), 1.0, abs_tol=1e-9):
        raise ValueError(f"weights: must sum to 1, got {weights.sum()}")
    return (norm * weights).sum(axis=1)


def _unit_interval(u, name: str) -> np.ndarray:
    values = np.asarray(u, dtype=float)
    if np.isnan(values).any():
        raise ValueError(f"{name}: missing value")
    if ((values < 0) | (values > 1)).any():
        raise ValueError(f"{name}: values must lie in [0, 1]")
    return values


def coupling_coordination(u1, u2, alpha: float = 0.5, beta: float = 0.5):
    """Coupling coordination degree model (耦合协调度模型) of two systems: ``(C, T, D)``.

    The two-system form as commonly used in Chinese regional economics, with u₁, u₂ ∈ [0, 1]
    the composite scores of the two systems (e.g. from :func:`composite_scores`)::

        C = 2 √(u₁ u₂) / (u₁ + u₂)      coupling degree (耦合度), in [0, 1]
        T = α u₁ + β u₂                 comprehensive coordination index, α + β = 1
        D = √(C · T)                    coupling coordination degree (耦合协调度), in [0, 1]

    C is defined as 0 when u₁ + u₂ = 0: two systems that are both absent are not coupled.
    ``u1`` and ``u2`` are floats or array-likes of the same shape; the result is floats, numpy
    arrays, or pandas Series (with the Series' index) to match. Raises ``ValueError`` for a u
    outside [0, 1] or missing, for negative α or β, or for α + β ≠ 1.
    """
    if alpha < 0 or beta < 0 or not math.isclose(alpha + beta, 1.0):
        raise ValueError(f"alpha and beta must be non-negative and sum to 1, got {alpha} and {beta}")
    a, b = _unit_interval(u1, "u1"), _unit_interval(u2, "u2")
    if a.shape != b.shape:
        raise ValueError(f"u1 and u2 have different shapes: {a.shape} and {b.shape}")
    series = [u for u in (u1, u2) if isinstance(u, pd.Series)]
    if len(series) == 2 and not u1.index.equals(u2.index):
        raise ValueError("u1 and u2 have different indexes")
    total = a + b
    c = np.divide(2 * np.sqrt(a * b), total, out=np.zeros_like(total), where=total > 0)
    t = alpha * a + beta * b
    d = np.sqrt(c * t)
    if series:
        return tuple(pd.Series(x, index=series[0].index) for x in (c, t, d))
    if a.ndim == 0:
        return float(c), float(t), float(d)
    return c, t, d


def coordination_band(d: float) -> tuple[str, str]:
    """The coordination band ``(zh, en)`` of a coupling coordination degree d ∈ [0, 1].

    The usual ten-band classification of Chinese regional economics (commonly traced to
    廖重斌, 1999): bands of width 0.1, closed below and open above, except that the top band
    [0.9, 1.0] includes 1. See :data:`COORDINATION_BANDS`.
    """
    if not 0 <= d <= 1:  # also rejects NaN
        raise ValueError(f"d: coupling coordination degree must lie in [0, 1], got {d}")
    _, zh, en = COORDINATION_BANDS[bisect_right([lower for lower, _, _ in COORDINATION_BANDS], d) - 1]
    return zh, en


def _single_interior_peak(v: np.ndarray) -> bool:
    top = int(np.argmax(v))  # first position of the maximum
    return bool(
        v[top] > v[0]
        and v[top] > v[-1]
        and (np.diff(v[: top + 1]) >= 0).all()
        and (np.diff(v[top:]) <= 0).all()
    )


def trend(values, decimals: int | None = None) -> str:
    """Classify a short series, ordered by year, into one of :data:`TRENDS`.

    With ``decimals`` the values are first rounded (``numpy.round``) so that changes below the
    stated precision count as no change, as when reading a table printed to 2 decimals. Rules
    are tried in this order and the first that holds wins, so the classes do not overlap:

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
    ``ValueError`` for fewer than 2 values or a missing value.
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or len(v) < 2:
        raise ValueError(f"values: need a 1-D series of at least 2 values, got shape {v.shape}")
    if not np.isfinite(v).all():
        raise ValueError("values: missing or infinite value")
    if decimals is not None:
        v = np.round(v, decimals)
    steps = np.diff(v)
    if (steps < 0).all():
        return "falls every year"
    if (steps > 0).all():
        return "rises every year"
    if _single_interior_peak(v):
        return "inverted V"
    if _single_interior_peak(-v):
        return "V"
    if v[-1] < v[0]:
        return "falls overall"
    if v[-1] > v[0]:
        return "rises overall"
    return "flat"

"""The coupling coordination degree model (耦合协调度) of two systems, with its inputs: min-max
normalisation, entropy weights, composite scores, the ten coordination bands, and a city's
industrial system as the indicators the book feeds it.

Indicator tables are DataFrames with one row per observation (e.g. a year) and one column per
indicator. Bad input raises ``ValueError`` saying what is wrong.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable

import numpy as np
import pandas as pd

from chengyu.data import by_sector
from chengyu.indicators._checks import sector_values

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


def _indicator_frame(
    frame: pd.DataFrame, negative: Iterable[str]
) -> tuple[pd.DataFrame, list[str]]:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(
            f"frame: expected a pandas DataFrame of indicators, got {type(frame).__name__}"
        )
    if frame.shape[1] == 0:
        raise ValueError("frame: no indicator columns")
    if len(frame) < 2:
        raise ValueError(
            f"frame: need at least 2 rows (observations) to normalise, got {len(frame)}"
        )
    if frame.columns.has_duplicates:
        dupes = sorted(map(str, frame.columns[frame.columns.duplicated()]))
        raise ValueError(f"frame: duplicate columns {dupes}")
    data = frame.apply(pd.to_numeric, errors="coerce").astype(float)
    bad = data.columns[~np.isfinite(data).all()]
    if len(bad):
        raise ValueError(
            f"frame: missing, non-numeric or infinite value in columns {list(map(str, bad))}"
        )
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
        raise ValueError(
            "frame: every column is constant, so no column carries information"
        )
    p = norm / norm.sum()
    # Taking ln 1 = 0 where p = 0 gives 0·ln 0 = 0 without a -inf·0 NaN.
    p_log_p = p * np.log(p.where(p > 0, 1.0))
    entropy = -p_log_p.sum() / math.log(len(norm))
    # A constant column's entropy is 1 only up to rounding; its weight must be exactly 0.
    divergence = (1 - entropy).where(~constant, 0.0)
    return divergence / divergence.sum()


def composite_scores(
    frame: pd.DataFrame, weights: pd.Series, negative: Iterable[str] = ()
) -> pd.Series:
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
        raise ValueError(
            f"alpha and beta must be non-negative and sum to 1, got {alpha} and {beta}"
        )
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
    _, zh, en = COORDINATION_BANDS[
        bisect_right([lower for lower, _, _ in COORDINATION_BANDS], d) - 1
    ]
    return zh, en


#: The indicator system of each city's industrial system for the coupling coordination model,
#: as (column, Chinese name, English name, unit). Every indicator counts as larger-is-better.
INDUSTRIAL_SYSTEM: tuple[tuple[str, str, str, str], ...] = (
    ("secondary_value_added", "第二产业增加值", "secondary value added", "亿元"),
    ("tertiary_value_added", "第三产业增加值", "tertiary value added", "亿元"),
    (
        "advancement_ratio",
        "产业结构高级化",
        "tertiary / secondary value added",
        "ratio",
    ),
    ("national_share", "增加值占全国比重", "share of national value added", "%"),
)
#: The indicators of :data:`INDUSTRIAL_SYSTEM` that grow with the size of the economy: pooled,
#: they rank a larger region above a smaller one whatever its structure.
SIZE_INDICATORS: tuple[str, ...] = (
    "secondary_value_added",
    "tertiary_value_added",
    "national_share",
)


def industrial_system(
    value_added: pd.DataFrame, region: str, years: Iterable[int], nation: str = "china"
) -> pd.DataFrame:
    """A region's industrial system as the indicators of :data:`INDUSTRIAL_SYSTEM`, by year.

    One row per year (the index), one column per indicator:

    - ``secondary_value_added``, ``tertiary_value_added``: scale of industry and of services (亿元);
    - ``advancement_ratio``: tertiary over secondary value added (产业结构高级化, Gan, Zheng and
      Yu 2011), see :func:`chengyu.indicators.advancement_ratio`;
    - ``national_share``: the region's value added, all sectors, as a percentage of the
      nation's (its relative position, the measure of the paper's §4.1).
    """
    years = list(years)
    own = by_sector(value_added, region, years)
    national = by_sector(value_added, nation, years)
    frame = pd.DataFrame(
        {
            "secondary_value_added": own["secondary"],
            "tertiary_value_added": own["tertiary"],
            "advancement_ratio": own["tertiary"] / own["secondary"],
            "national_share": own.sum(axis=1) / national.sum(axis=1) * 100,
        }
    )
    frame.index.name = "year"
    frame.columns.name = None
    return frame.astype(float)


def equal_weights(frame: pd.DataFrame, negative: Iterable[str] = ()) -> pd.Series:
    """Every indicator (column) weighs the same, 1 / k: the usual alternative to entropy weights.

    ``negative`` is accepted so that the two weightings take the same arguments; it does not
    change equal weights.
    """
    _indicator_frame(frame, negative)
    return pd.Series(1 / frame.shape[1], index=frame.columns)


#: How :func:`coupling_coordination_table` can weigh the indicators.
WEIGHTINGS = {"entropy": entropy_weights, "equal": equal_weights}


def coupling_coordination_table(
    system_a: pd.DataFrame,
    system_b: pd.DataFrame,
    negative: Iterable[str] = (),
    pooled: bool = False,
    alpha: float = 0.5,
    beta: float = 0.5,
    weighting: str = "entropy",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Coupling coordination of two systems observed over the same periods: scores and weights.

    ``system_a`` and ``system_b`` have the same index (e.g. years) and the same indicator
    columns (e.g. from :func:`industrial_system`). Each system is min-max normalised
    (:func:`minmax_normalise`) and weighted by the entropy method (:func:`entropy_weights`)
    over its own rows, giving the composite scores u₁ and u₂ (:func:`composite_scores`); with
    ``pooled`` both systems' rows are normalised and weighted together, so the two scores share
    one scale and one set of weights. With ``weighting="equal"`` every indicator weighs the same
    (1 / k for k indicators) instead. Then C, T, D (:func:`coupling_coordination`) and the
    band (:func:`coordination_band`).

    Min-max over the observed rows makes every score relative to them: the lowest row of an
    indicator scores 0 on it, the highest 1, whatever their absolute levels.

    Returns ``(scores, weights)``: ``scores`` indexed like the systems with columns u1, u2, C,
    T, D, band_zh, band_en; ``weights`` indexed by indicator with columns ``a`` and ``b``.
    """
    if not system_a.index.equals(system_b.index):
        raise ValueError("system_a and system_b must cover the same rows (periods)")
    if list(system_a.columns) != list(system_b.columns):
        raise ValueError(
            f"system_a and system_b must have the same indicators: {list(system_a.columns)} and {list(system_b.columns)}"
        )
    if weighting not in WEIGHTINGS:
        raise ValueError(
            f"weighting: expected one of {', '.join(WEIGHTINGS)}, got {weighting!r}"
        )
    weigh = WEIGHTINGS[weighting]
    if pooled:
        both = pd.concat({"a": system_a, "b": system_b})
        weight = weigh(both, negative)
        score = composite_scores(both, weight, negative)
        u1, u2 = score.loc["a"], score.loc["b"]
        weights = pd.DataFrame({"a": weight, "b": weight})
    else:
        weights = pd.DataFrame(
            {"a": weigh(system_a, negative), "b": weigh(system_b, negative)}
        )
        u1 = composite_scores(system_a, weights["a"], negative)
        u2 = composite_scores(system_b, weights["b"], negative)
    # Sums of weights that are 1 up to rounding can put a score a hair above 1.
    u1, u2 = u1.clip(0, 1), u2.clip(0, 1)
    c, t, d = coupling_coordination(u1, u2, alpha, beta)
    bands = [coordination_band(float(x)) for x in d]
    scores = pd.DataFrame(
        {
            "u1": u1,
            "u2": u2,
            "C": c,
            "T": t,
            "D": d,
            "band_zh": [zh for zh, _ in bands],
            "band_en": [en for _, en in bands],
        },
        index=system_a.index,
    )
    return scores, weights


def coupling_sensitivity(
    system_a: pd.DataFrame, system_b: pd.DataFrame
) -> pd.DataFrame:
    """The coupling coordination degree under each weighting and each normalisation.

    Runs :func:`coupling_coordination_table` four ways: entropy or equal weights, each system
    normalised over its own rows or both pooled. Returns one row per variant and period:
    ``weighting``, ``normalisation`` ("own" or "pooled"), the period (the systems' index name,
    "year" by default), ``C``, ``T``, ``D``, ``band_zh`` and ``band_en``. A band that moves
    between variants for the same year is a band the data do not settle.
    """
    frames = []
    for weighting in WEIGHTINGS:
        for pooled in (False, True):
            scores, _ = coupling_coordination_table(
                system_a, system_b, pooled=pooled, weighting=weighting
            )
            frames.append(
                scores[["C", "T", "D", "band_zh", "band_en"]]
                .rename_axis(system_a.index.name or "year")
                .reset_index()
                .assign(
                    weighting=weighting, normalisation="pooled" if pooled else "own"
                )
            )
    table = pd.concat(frames, ignore_index=True)
    first = ["weighting", "normalisation"]
    return table[first + [c for c in table.columns if c not in first]]

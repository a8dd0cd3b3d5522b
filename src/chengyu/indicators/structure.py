"""Indicators of industrial structure and its change.

Inputs are pandas Series indexed by sector (e.g. ``primary``, ``secondary``, ``tertiary``),
in any unit; the checks in ``_checks`` turn mismatched sectors, negative or missing values and
zero totals into a ``ValueError``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chengyu.indicators._checks import aligned, fractions, sector_values
from chengyu.indicators.growth import _pair, _positive


def sector_shares(values: pd.Series) -> pd.Series:
    """Each sector's share of the total in percent: x_i / sum(x) * 100; the shares sum to 100.

    The three-sector structure (三次产业结构) of Fisher (1939) and Clark (1940), written
    in the statistical bulletins as primary:secondary:tertiary.
    """
    return fractions(sector_values(values)) * 100


def growth_rate(start, end):
    """Percent change from ``start`` to ``end``: (end / start - 1) * 100.

    Works on two numbers, or element-wise on two Series covering the same sectors.
    ``start`` must be > 0 (a sector with no start value has no growth rate).
    """
    start, end = _pair(start, end, ("start", "end"))
    _positive(start, "start")
    return (end / start - 1) * 100


def advancement_ratio(values: pd.Series) -> float:
    """Tertiary over secondary value added: x_tertiary / x_secondary (产业结构高级化).

    Gan, Zheng and Yu (2011, 经济研究) use this ratio to measure the "advancement" of the
    industrial structure: it rises as the economy moves from industry towards services.
    """
    values = sector_values(values)
    missing = [s for s in ("secondary", "tertiary") if s not in values.index]
    if missing:
        raise ValueError(f"advancement ratio needs sectors {missing}, got {list(map(str, values.index))}")
    if values["secondary"] == 0:
        raise ValueError("advancement ratio: secondary value is 0")
    return float(values["tertiary"] / values["secondary"])


def moore_index(before: pd.Series, after: pd.Series) -> float:
    """Moore (1978) structural change index: the angle in degrees between two share vectors.

    theta = arccos( sum(s0_i * s1_i) / sqrt(sum(s0_i ** 2) * sum(s1_i ** 2)) ), with s0, s1
    the sector shares before and after. 0 means no structural change, 90 means the two
    structures share no sector. Being an angle it does not depend on the unit of the values.
    """
    s0, s1 = (fractions(s) for s in aligned(before, after, ("before", "after")))
    cosine = (s0 * s1).sum() / np.sqrt((s0**2).sum() * (s1**2).sum())
    # Rounding can push the cosine of identical vectors just past 1, where arccos is NaN.
    return float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))


def shift_share(
    region_start: pd.Series,
    region_end: pd.Series,
    nation_start: pd.Series,
    nation_end: pd.Series,
) -> pd.DataFrame:
    """Classical shift-share decomposition (Dunn 1960) of each sector's regional change.

    With x0_i, x1_i the region's start and end values, G the nation's total growth and g_i,
    r_i the growth of sector i in the nation and in the region (all as fractions):

    - ``national``     = x0_i * G          (growth had the sector grown like the whole nation)
    - ``industry_mix`` = x0_i * (g_i - G)  (the sector grew faster or slower nationally)
    - ``competitive``  = x0_i * (r_i - g_i) (the region grew the sector faster or slower)
    - ``total``        = x1_i - x0_i, the sum of the three.

    Returns a DataFrame indexed by sector. All four Series must cover the same sectors and
    each national sector must have a start value > 0.
    """
    x0, x1 = aligned(region_start, region_end, ("region_start", "region_end"))
    _, n0 = aligned(x0, nation_start, ("region_start", "nation_start"))
    _, n1 = aligned(x0, nation_end, ("region_start", "nation_end"))
    _positive(n0, "nation_start")
    big_g = n1.sum() / n0.sum() - 1
    g = n1 / n0 - 1
    # x0_i * r_i is x1_i - x0_i; writing it so keeps a sector the region starts from 0 defined.
    total = x1 - x0
    return pd.DataFrame(
        {
            "national": x0 * big_g,
            "industry_mix": x0 * (g - big_g),
            "competitive": total - x0 * g,
            "total": total,
        }
    )


def sector_contributions(start: pd.Series, end: pd.Series) -> pd.Series:
    """Each sector's contribution to total growth in percentage points (拉动).

    (x1_i - x0_i) / sum(x0) * 100, as in the National Bureau of Statistics' "pull" of a
    sector on GDP growth. They sum to the total growth rate (sum(x1) / sum(x0) - 1) * 100.
    """
    x0, x1 = aligned(start, end, ("start", "end"))
    return (x1 - x0) / x0.sum() * 100


def contribution_shares(start: pd.Series, end: pd.Series) -> pd.Series:
    """Each sector's share of the total increase in percent (贡献率).

    (x1_i - x0_i) / sum(x1 - x0) * 100, as in the National Bureau of Statistics' contribution
    rate; they sum to 100. When the total falls, a sector that fell has a positive share.
    Raises ``ValueError`` if the total did not change.
    """
    x0, x1 = aligned(start, end, ("start", "end"))
    change = x1 - x0
    if change.sum() == 0:
        raise ValueError("contribution shares: the total did not change, so shares of it are undefined")
    return change / change.sum() * 100

"""Specialisation and similarity of regional structures: shares of the nation, location
quotients, the structural similarity coefficient and the Krugman index, and their tables.

Structures are pandas Series indexed by sector (e.g. ``['primary', 'secondary', 'tertiary']``),
checked by :mod:`chengyu.indicators._checks`; the table builders apply the measures to the tidy
``value_added`` frame of :mod:`chengyu.data` (columns region, year, sector, value). Bad input
raises ``ValueError`` saying what is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from chengyu.data import by_sector
from chengyu.indicators._checks import aligned, fractions


def _no_zero_sector(nation: pd.Series) -> None:
    zero = nation.index[nation == 0]
    if len(zero):
        raise ValueError(
            f"nation: value is 0 for {list(map(str, zero))}, so the ratio is undefined"
        )


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


def _per_sector_table(
    value_added, regions, years, nation, indicator, name
) -> pd.DataFrame:
    """``indicator(region, nation)`` per region, year and sector; NaN where a region lacks the year.

    The nation must have every year: without it no region's figure could be read.
    """
    years = list(years)
    national = by_sector(value_added, nation, years)
    records = []
    for region in regions:
        own = by_sector(value_added, region)
        for year in years:
            values = (
                indicator(own.loc[year], national.loc[year])
                if year in own.index
                else pd.Series(math.nan, index=national.columns)
            )
            for sector, value in values.items():
                records.append(
                    {
                        "region": region,
                        "year": year,
                        "sector": sector,
                        name: float(value),
                    }
                )
    return pd.DataFrame(records, columns=["region", "year", "sector", name])


def national_share_table(
    value_added: pd.DataFrame,
    regions: Iterable[str],
    years: Iterable[int],
    nation: str = "china",
) -> pd.DataFrame:
    """The paper's Table 2, recomputed: each region's share of national value added (percent).

    One row per (region, year, sector) with column ``share`` = ``100 · xᵢ / Xᵢ``
    (:func:`national_shares`), where X is the ``nation``'s value added in the same year. A year
    a region lacks is a row of NaN (a gap, not an estimate); a year the nation lacks raises
    ``ValueError``.
    """
    return _per_sector_table(
        value_added, regions, years, nation, national_shares, "share"
    )


def location_quotient_table(
    value_added: pd.DataFrame,
    regions: Iterable[str],
    years: Iterable[int],
    nation: str = "china",
) -> pd.DataFrame:
    """Location quotients (区位熵) against the nation, one row per (region, year, sector).

    Column ``lq`` = ``(xᵢ / Σx) / (Xᵢ / ΣX)`` (:func:`location_quotient`); NaN where a region
    lacks the year, ``ValueError`` where the nation does.
    """
    return _per_sector_table(
        value_added, regions, years, nation, location_quotient, "lq"
    )


def structure_similarity_table(
    value_added: pd.DataFrame, pairs: Iterable[tuple[str, str]], years: Iterable[int]
) -> pd.DataFrame:
    """Similarity coefficient and Krugman index of each pair of regions, by year.

    One row per (a, b, year) with ``similarity`` (:func:`similarity_coefficient`, 1 =
    identical structures) and ``krugman`` (:func:`krugman_index`, 0 = identical), both on the
    three-sector value added of each region; NaN in a year either region lacks.
    """
    years = list(years)
    records = []
    for a, b in pairs:
        ta, tb = by_sector(value_added, a), by_sector(value_added, b)
        for year in years:
            both = year in ta.index and year in tb.index
            records.append(
                {
                    "a": a,
                    "b": b,
                    "year": year,
                    "similarity": similarity_coefficient(ta.loc[year], tb.loc[year])
                    if both
                    else math.nan,
                    "krugman": krugman_index(ta.loc[year], tb.loc[year])
                    if both
                    else math.nan,
                }
            )
    return pd.DataFrame(records, columns=["a", "b", "year", "similarity", "krugman"])


def revised_denominator_shares(
    value_added: pd.DataFrame,
    regions: Iterable[str],
    year: int,
    nation: str,
    national_revised: pd.Series,
) -> pd.DataFrame:
    """Each region's share of national value added by sector in ``year``, against the nation's
    first release (``value_added``) and against revised national figures (``national_revised``,
    by sector): columns region, sector, first_release, revised and change (revised − first, in
    percentage points). The regions' own levels are as the package holds them: a sensitivity
    across vintages, not a revised table."""
    first = by_sector(value_added, nation, [year]).loc[year]
    records = []
    for region in regions:
        own = by_sector(value_added, region, [year]).loc[year]
        before = national_shares(own, first)
        after = national_shares(own, national_revised)
        for sector in first.index:
            records.append(
                {
                    "region": region,
                    "sector": sector,
                    "first_release": float(before[sector]),
                    "revised": float(after[sector]),
                    "change": float(after[sector] - before[sector]),
                }
            )
    return pd.DataFrame.from_records(
        records, columns=["region", "sector", "first_release", "revised", "change"]
    )

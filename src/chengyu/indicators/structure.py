"""Indicators of industrial structure and its change.

The indicators take pandas Series indexed by sector (e.g. ``primary``, ``secondary``,
``tertiary``), in any unit; the checks in ``_checks`` turn mismatched sectors, negative or
missing values and zero totals into a ``ValueError``.

The table builders further down apply them to the tidy ``value_added`` frame of
:mod:`chengyu.data` (columns region, year, sector, value) for several regions and years at
once. A year the data do not cover gives a row of NaN, never an estimate, so that a chart
shows the gap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from chengyu.data import SECTORS, by_sector
from chengyu.indicators._checks import (
    aligned,
    fractions,
    numbers_or_series,
    positive,
    sector_values,
)
from chengyu.tables import listing


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
    start, end = numbers_or_series(start, end, ("start", "end"))
    positive(start, "start")
    return (end / start - 1) * 100


def advancement_ratio(values: pd.Series) -> float:
    """Tertiary over secondary value added: x_tertiary / x_secondary (产业结构高级化).

    Gan, Zheng and Yu (2011, 经济研究) use this ratio to measure the "advancement" of the
    industrial structure: it rises as the economy moves from industry towards services.
    """
    values = sector_values(values)
    missing = [s for s in ("secondary", "tertiary") if s not in values.index]
    if missing:
        raise ValueError(
            f"advancement ratio needs sectors {missing}, got {list(map(str, values.index))}"
        )
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
    positive(n0, "nation_start")
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
        raise ValueError(
            "contribution shares: the total did not change, so shares of it are undefined"
        )
    return change / change.sum() * 100


def structure_ratio(shares: pd.Series, decimals: int = 1) -> str:
    """Shares written as the statistical bulletins write a structure: ``"3.7:30.6:65.7"``.

    ``shares`` is indexed by sector; they are written in the order of :data:`chengyu.data.SECTORS`
    (primary, secondary, tertiary), each rounded to ``decimals``.
    """
    missing = [s for s in SECTORS if s not in shares.index]
    if missing:
        raise ValueError(f"structure ratio needs sectors {missing}")
    return ":".join(f"{float(shares[s]):.{decimals}f}" for s in SECTORS)


# --- tables over regions and years ---------------------------------------------------------


def _regions_by_sector(
    value_added: pd.DataFrame, regions: Iterable[str]
) -> dict[str, pd.DataFrame]:
    return {region: by_sector(value_added, region) for region in regions}


def period_label(year_from: int, year_to: int) -> str:
    """A period as the book writes it: ``"2020–2023"`` (en dash)."""
    return f"{year_from}–{year_to}"


def table_by_sector(
    value_added: pd.DataFrame, regions: list[str], years: Iterable[int]
) -> pd.DataFrame:
    """Value added in the layout of the paper's Table 1: one row per sector and region, one column per year.

    Rows run sector by sector (primary, secondary, tertiary) and, within a sector, in the order of
    ``regions``; columns ``sector`` and ``region`` name the row. A year without data is NaN.
    """
    years = list(years)
    tables = _regions_by_sector(value_added, regions)
    rows = []
    for sector in SECTORS:
        for region in regions:
            values = tables[region][sector].reindex(years)
            rows.append(
                {
                    "sector": sector,
                    "region": region,
                    **{year: float(values[year]) for year in years},
                }
            )
    return pd.DataFrame(rows, columns=["sector", "region", *years])


def shares_by_year(
    value_added: pd.DataFrame, region: str, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """One region's three-sector structure (三次产业结构): a year × sector table of shares in percent.

    Each row is :func:`sector_shares` of that year's value added and sums to 100. With ``years``,
    the table has exactly those rows, and a year the data do not cover is a row of NaN.
    """
    shares = by_sector(value_added, region).apply(sector_shares, axis=1)
    return shares if years is None else shares.reindex(list(years))


def structure_over_years(
    value_added: pd.DataFrame, regions: list[str], years: Iterable[int]
) -> pd.DataFrame:
    """Value added, shares and the advancement ratio, tidy: one row per region, year and sector.

    Columns: ``region``, ``year``, ``sector``, ``value`` (亿元), ``share`` (percent of the region's
    value added that year) and ``advancement`` (tertiary / secondary, :func:`advancement_ratio`,
    the same on the three rows of a region-year). Years without data keep their rows, with NaN.
    """
    years = list(years)
    records = []
    for region, table in _regions_by_sector(value_added, regions).items():
        for year in years:
            present = year in table.index
            shares = sector_shares(table.loc[year]) if present else None
            ratio = advancement_ratio(table.loc[year]) if present else math.nan
            for sector in SECTORS:
                records.append(
                    {
                        "region": region,
                        "year": year,
                        "sector": sector,
                        "value": float(table.loc[year, sector])
                        if present
                        else math.nan,
                        "share": float(shares[sector]) if present else math.nan,
                        "advancement": ratio,
                    }
                )
    return pd.DataFrame.from_records(
        records, columns=["region", "year", "sector", "value", "share", "advancement"]
    )


def moore_by_period(
    value_added: pd.DataFrame, regions: list[str], periods: Iterable[tuple[int, int]]
) -> pd.DataFrame:
    """The Moore index (:func:`moore_index`, degrees) of each region over each period (year_from, year_to).

    Columns: ``region``, ``year_from``, ``year_to``, ``period`` (a label such as "2020–2021")
    and ``moore``, NaN when the data lack either year.
    """
    periods = list(periods)
    records = []
    for region, table in _regions_by_sector(value_added, regions).items():
        for start, end in periods:
            both = start in table.index and end in table.index
            angle = moore_index(table.loc[start], table.loc[end]) if both else math.nan
            records.append(
                {
                    "region": region,
                    "year_from": start,
                    "year_to": end,
                    "period": period_label(start, end),
                    "moore": angle,
                }
            )
    return pd.DataFrame.from_records(
        records, columns=["region", "year_from", "year_to", "period", "moore"]
    )


def shift_share_by_region(
    value_added: pd.DataFrame,
    regions: list[str],
    start: int,
    end: int,
    nation: str = "china",
) -> pd.DataFrame:
    """:func:`shift_share` of each region's change from ``start`` to ``end`` against ``nation``.

    One row per region and sector, columns ``region``, ``sector``, ``national``,
    ``industry_mix``, ``competitive`` and ``total`` (all in the unit of the data, 亿元). A
    region without both years is left out (its change is not defined); the nation must have
    both.
    """
    reference = by_sector(value_added, nation, [start, end])
    frames = []
    for region, table in _regions_by_sector(value_added, regions).items():
        if start not in table.index or end not in table.index:
            continue
        result = shift_share(
            table.loc[start], table.loc[end], reference.loc[start], reference.loc[end]
        )
        frames.append(result.rename_axis("sector").reset_index().assign(region=region))
    combined = pd.concat(frames, ignore_index=True)
    return combined[
        ["region", "sector", "national", "industry_mix", "competitive", "total"]
    ]


def contributions_by_period(
    value_added: pd.DataFrame, regions: list[str], periods: Iterable[tuple[int, int]]
) -> pd.DataFrame:
    """Each sector's part in each region's growth over each period (year_from, year_to).

    Columns: ``region``, ``year_from``, ``year_to``, ``period``, ``sector``, ``change``
    (x1 - x0, 亿元), ``points`` (:func:`sector_contributions`, percentage points of growth, 拉动)
    and ``share`` (:func:`contribution_shares`, percent of the increase, 贡献率). Periods with a
    year the data lack are left out: contributions have no meaningful gap to show.
    """
    periods = list(periods)
    frames = []
    for region, table in _regions_by_sector(value_added, regions).items():
        for start, end in periods:
            if start not in table.index or end not in table.index:
                continue
            x0, x1 = table.loc[start], table.loc[end]
            frames.append(
                pd.DataFrame(
                    {
                        "region": region,
                        "year_from": start,
                        "year_to": end,
                        "period": period_label(start, end),
                        "sector": list(SECTORS),
                        "change": (x1 - x0).to_numpy(),
                        "points": sector_contributions(x0, x1).to_numpy(),
                        "share": contribution_shares(x0, x1).to_numpy(),
                    }
                )
            )
    columns = [
        "region",
        "year_from",
        "year_to",
        "period",
        "sector",
        "change",
        "points",
        "share",
    ]
    return (
        pd.concat(frames, ignore_index=True)[columns]
        if frames
        else pd.DataFrame(columns=columns)
    )


def main_drivers(contributions: pd.DataFrame) -> pd.DataFrame:
    """The sector that added most to growth in each region and period of :func:`contributions_by_period`.

    Columns ``region``, ``period``, ``sector`` (the largest increase, 亿元) and ``share`` (its
    percent of the total increase).
    """
    best = contributions.loc[
        contributions.groupby(["region", "period"], sort=False)["change"].idxmax()
    ]
    return best[["region", "period", "sector", "share"]].reset_index(drop=True)


#: The ``verdict`` of :func:`driving_force_verdict` by whether the claim is borne out.
VERDICTS = {True: "borne out", False: "not borne out"}
VERDICTS_ZH = {True: "得到数据支持", False: "未得到数据支持"}


def driving_force_verdict(
    contributions: pd.DataFrame, sector: str, period: str, lang: str = "en"
) -> dict:
    """Is ``sector`` the main driving force (主要动力源) of growth over ``period`` in every region?

    Read "main driving force" as: the sector added more to value added than any other
    (:func:`main_drivers`). Returns ``borne_out`` (True when it did in every region),
    ``majority`` (True when it also gave more than half of the increase everywhere),
    ``regions_led`` and ``regions`` (counts) and ``verdict``, a short phrase for the text
    (in Chinese with ``lang="zh"``: 得到数据支持 or 未得到数据支持).
    """
    drivers = main_drivers(contributions[contributions["period"] == period])
    if drivers.empty:
        raise ValueError(f"no contributions for period {period!r}")
    own = contributions[
        (contributions["period"] == period) & (contributions["sector"] == sector)
    ]
    led = int((drivers["sector"] == sector).sum())
    borne_out = led == len(drivers)
    majority = bool(borne_out and (own["share"] > 50).all())
    verdict = VERDICTS_ZH[borne_out] if lang == "zh" else VERDICTS[borne_out]
    return {
        "borne_out": borne_out,
        "majority": majority,
        "regions_led": led,
        "regions": len(drivers),
        "verdict": verdict,
    }


def leading_sectors(nominal: pd.DataFrame, real: pd.DataFrame) -> pd.DataFrame:
    """The sector that added most to each region's growth in each year, at current and at
    constant prices, side by side, for the region-years both tables have.

    ``nominal`` is :func:`contributions_by_period` (its one-year periods are used), ``real`` is
    :func:`chengyu.indicators.real_contributions`. Columns ``region``, ``year``, ``nominal``,
    ``real`` (sector names) and ``same``.
    """
    yearly = nominal[nominal["year_to"] - nominal["year_from"] == 1]
    lead_nominal = yearly.loc[yearly.groupby(["region", "year_to"])["points"].idxmax()]
    lead_real = real.loc[real.groupby(["region", "year"])["points"].idxmax()]
    both = lead_nominal.rename(columns={"year_to": "year", "sector": "nominal"})[
        ["region", "year", "nominal"]
    ].merge(
        lead_real.rename(columns={"sector": "real"})[["region", "year", "real"]],
        on=["region", "year"],
    )
    return both.assign(same=both["nominal"] == both["real"]).reset_index(drop=True)


#: Sector names as Chinese prose uses them.
SECTOR_NAMES_ZH = {
    "primary": "第一产业",
    "secondary": "第二产业",
    "tertiary": "第三产业",
}


def describe_leaders(
    leading: pd.DataFrame, labels: dict[str, str], lang: str = "en"
) -> str:
    """The region-years of :func:`leading_sectors` whose leader differs between current and
    constant prices, as prose lists them: "China 中国 in 2021 (tertiary at constant prices,
    secondary at current prices)"; "none" when there is none. In Chinese (``lang="zh"``, with
    Chinese ``labels``): "中国2021年（按不变价为第三产业，按现价为第二产业）"; "无" for none."""
    differ = leading[~leading["same"]]
    if lang == "zh":
        return (
            listing(
                (
                    f"{labels[r.region]}{r.year}年（按不变价为{SECTOR_NAMES_ZH[r.real]}，"
                    f"按现价为{SECTOR_NAMES_ZH[r.nominal]}）"
                    for r in differ.itertuples()
                ),
                "zh",
            )
            if len(differ)
            else "无"
        )
    if differ.empty:
        return "none"
    return listing(
        f"{labels[r.region]} in {r.year} ({r.real} at constant prices, {r.nominal} at current "
        "prices)"
        for r in differ.itertuples()
    )

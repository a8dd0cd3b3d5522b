"""Innovation figures: gapped year grids, growth on an index's base, and shortfalls of a total.

Pure functions on the tidy ``indicators`` frame of :mod:`chengyu.data`. They serve the chapter
on the paper's innovation figures (§3.2.3, §4.2); whether a release states a figure of the paper
is :func:`chengyu.claims.claim_status`.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from chengyu.indicators.growth import cagr

_BASE_UNIT = re.compile(r"^(index|percent_vs)_(\d{4})(?:_100)?$")


def year_grid(
    indicators: pd.DataFrame, series: str, regions: list[str], years=None
) -> pd.DataFrame:
    """One indicator for ``regions`` on the complete region × year grid, NaN where unsourced.

    Returns columns ``region, year, value, unit, source`` with one row per (region, year) in
    the order given, so that a line chart breaks at a missing year instead of joining its
    neighbours (no interpolation). ``years`` defaults to every year from the first to the last
    that any of the regions has a figure for. Raises ``KeyError`` if a region has no row of the
    series at all (most likely a misspelt id), and ``ValueError`` if the series mixes units.
    """
    rows = indicators[
        (indicators["series"] == series) & indicators["region"].isin(regions)
    ]
    if years is None:
        years = range(int(rows["year"].min()), int(rows["year"].max()) + 1)
    years = [int(y) for y in years]
    absent = [r for r in regions if r not in set(rows["region"])]
    if absent:
        raise KeyError(f"no {series!r} figure for region(s) {absent}")
    if rows["unit"].nunique() > 1:
        raise ValueError(f"{series!r} mixes units {sorted(rows['unit'].unique())}")
    grid = pd.MultiIndex.from_product(
        [regions, years], names=["region", "year"]
    ).to_frame(index=False)
    grid = grid.merge(
        rows[["region", "year", "value", "unit", "source"]],
        on=["region", "year"],
        how="left",
    )
    grid["value"] = grid["value"].astype("float64")
    return grid


def base_year(unit: str) -> int:
    """The base year named by an index or change unit: ``index_2019_100`` or ``percent_vs_2019`` → 2019."""
    match = _BASE_UNIT.match(unit)
    if not match:
        raise ValueError(
            f"unit {unit!r} names no base year (expected index_YYYY_100 or percent_vs_YYYY)"
        )
    return int(match.group(2))


def growth_since_base(rows: pd.DataFrame) -> pd.DataFrame:
    """Growth of index figures over their own base year, in total and per year.

    For a level on a fixed base (unit ``index_YYYY_100``) the total growth is ``value − 100``;
    for a change on a base year (unit ``percent_vs_YYYY``) it is ``value`` itself. The yearly
    pace is the compound rate over the ``year − base`` years (:func:`~chengyu.indicators.cagr`):

    $$g = \\left(\\left(1 + \\tfrac{G}{100}\\right)^{1/(t - t_0)} - 1\\right) \\cdot 100.$$

    Rows at their own base year (the defining 100) say nothing about growth and are dropped.
    Returns ``series, region, base_year, year, growth, annual, unit, source`` (percent).
    """
    out = []
    for r in rows.itertuples():
        base = base_year(r.unit)
        if r.year == base:
            continue
        if r.year < base:
            raise ValueError(f"{r.series} {r.year}: year before its base year {base}")
        growth = float(r.value) - 100 if r.unit.startswith("index_") else float(r.value)
        out.append(
            {
                "series": r.series,
                "region": r.region,
                "base_year": base,
                "year": int(r.year),
                "growth": growth,
                "annual": cagr(100, 100 + growth, r.year - base),
                "unit": r.unit,
                "source": r.source,
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "series",
            "region",
            "base_year",
            "year",
            "growth",
            "annual",
            "unit",
            "source",
        ],
    )


def shortfall(claimed: float, parts: pd.Series) -> dict[str, float]:
    """Compare a claimed total with the sum of sourced parts.

    Returns ``total`` (Σ parts), ``difference`` (claimed − total, positive when the parts fall
    short) and ``percent`` (total / claimed · 100). Raises ``ValueError`` for no parts, a
    missing part or a claimed total that is not positive.
    """
    if parts.empty or parts.isna().any():
        raise ValueError(f"parts must be present and complete, got {parts.to_dict()}")
    claimed = float(claimed)
    if not (math.isfinite(claimed) and claimed > 0):
        raise ValueError(f"claimed total must be positive, got {claimed!r}")
    total = float(parts.sum())
    return {
        "total": total,
        "difference": claimed - total,
        "percent": total / claimed * 100,
    }

"""Innovation figures: gapped year grids, growth on an index's base, and the status of a claim.

Pure functions on the tidy frames of :mod:`chengyu.data` (``indicators``, ``sources`` and
``paper_claims``). They serve the chapter on the paper's innovation figures (§3.2.3, §4.2).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from chengyu.indicators.growth import cagr

STATUS_VERIFIED = "verified in a release"
STATUS_PAPER = "as reported by the paper only"

# Tier "P" in sources.csv marks the paper itself: a figure that only the paper gives is not verified.
PAPER_TIER = "P"

_BASE_UNIT = re.compile(r"^(index|percent_vs)_(\d{4})(?:_100)?$")


def year_grid(indicators: pd.DataFrame, series: str, regions: list[str], years) -> pd.DataFrame:
    """One indicator for ``regions`` on the complete region × year grid, NaN where unsourced.

    Returns columns ``region, year, value, unit, source`` with one row per (region, year) in
    the order given, so that a line chart breaks at a missing year instead of joining its
    neighbours (no interpolation). Raises ``KeyError`` if a region has no row of the series at
    all (most likely a misspelt id), and ``ValueError`` if the series mixes units.
    """
    years = [int(y) for y in years]
    rows = indicators[(indicators["series"] == series) & indicators["region"].isin(regions)]
    absent = [r for r in regions if r not in set(rows["region"])]
    if absent:
        raise KeyError(f"no {series!r} figure for region(s) {absent}")
    if rows["unit"].nunique() > 1:
        raise ValueError(f"{series!r} mixes units {sorted(rows['unit'].unique())}")
    grid = pd.MultiIndex.from_product([regions, years], names=["region", "year"]).to_frame(index=False)
    grid = grid.merge(rows[["region", "year", "value", "unit", "source"]], on=["region", "year"], how="left")
    grid["value"] = grid["value"].astype("float64")
    return grid


def base_year(unit: str) -> int:
    """The base year named by an index or change unit: ``index_2019_100`` or ``percent_vs_2019`` → 2019."""
    match = _BASE_UNIT.match(unit)
    if not match:
        raise ValueError(f"unit {unit!r} names no base year (expected index_YYYY_100 or percent_vs_YYYY)")
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
        out.append({
            "series": r.series, "region": r.region, "base_year": base, "year": int(r.year), "growth": growth,
            "annual": cagr(100, 100 + growth, r.year - base), "unit": r.unit, "source": r.source,
        })
    return pd.DataFrame(out, columns=["series", "region", "base_year", "year", "growth", "annual", "unit", "source"])


def printed_tolerance(value: float, decimals: int) -> float:
    """Half a unit of the last digit the paper printed: the widest gap that still rounds to it.

    With decimals (``decimals`` > 0) it is 0.5 · 10^−decimals, e.g. ±0.005 for 157.07. A whole
    number is read as stated to its last non-zero digit, as Chinese round figures are printed:
    "2.1万" firms, stored as 21000, is ±500; 2800 亿元 is ±50; 12379 is ±0.5.
    """
    if decimals > 0:
        return 0.5 * 10.0 ** -decimals
    digits = str(abs(int(round(value))))
    trailing_zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return 0.5 * 10.0 ** trailing_zeros


def _matches(claim, figure) -> bool:
    """Same quantity, region, unit and (if the claim has one) year, and equal at the printed precision."""
    if (figure.series, figure.region, figure.unit) != (claim.quantity, claim.region, claim.unit):
        return False
    if not pd.isna(claim.year_to) and int(figure.year) != int(claim.year_to):
        return False
    decimals = 0 if pd.isna(claim.decimals) else int(claim.decimals)
    # the relative slack absorbs binary rounding, so that 157.065 still rounds to 157.07
    return abs(float(figure.value) - float(claim.value)) <= printed_tolerance(float(claim.value), decimals) * (1 + 1e-9)


def claim_status(claims: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each claim with its ``status`` and the ``verified_by`` source id(s).

    A claim is :data:`STATUS_VERIFIED` when ``indicators`` holds a figure of the same quantity
    (``series``), region and unit, for the claim's final year if it names one (any year if it
    names none), equal to the claimed value at the precision printed
    (:func:`printed_tolerance`), from a publication that is not the
    paper (tier other than "P" in ``sources``). Otherwise, including claims with no value, it
    is :data:`STATUS_PAPER`: the book found no release that states it.
    """
    tiers = sources.set_index("id")["tier"]
    unknown = sorted(set(indicators["source"]) - set(tiers.index))
    if unknown:
        raise KeyError(f"indicator source(s) not in sources: {unknown}")
    released = indicators[indicators["source"].map(tiers) != PAPER_TIER]
    verified_by = []
    for claim in claims.itertuples():
        if pd.isna(claim.value) or pd.isna(claim.quantity):
            verified_by.append("")
            continue
        ids = sorted({f.source for f in released.itertuples() if _matches(claim, f)})
        verified_by.append(",".join(ids))
    result = claims.copy()
    result["verified_by"] = verified_by
    result["status"] = [STATUS_VERIFIED if ids else STATUS_PAPER for ids in verified_by]
    return result


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
    return {"total": total, "difference": claimed - total, "percent": total / claimed * 100}

"""The paper's figures checked against the data: one matching rule and the checks built on it.

Every figure the paper prints is compared with the recomputed or released figure by one rule,
:func:`agrees_at_precision`: a figure printed with ``d`` decimals agrees with ``x`` when ``x``
rounds to it, ``|x − p| ≤ ½·10^−d``. A round figure is stated at a negative number of
decimals, as its last printed digit says: "2.1万" (21,000) has ``d = −3`` and agrees with any
figure within ±500, "2800亿元" has ``d = −2`` (±50). The data package records ``d`` with each
printed figure (``decimals`` in ``paper_claims.csv`` and ``paper_tables.csv``), so the rule
itself never guesses a precision.

The checks: :func:`structure_claims` (§3.2.1: shares, changes, growth and levels recomputed from
value added), :func:`compare_with_printed` (a printed table beside the same table recomputed),
:func:`trend_claim_verdicts` (a trend read in a table, tested by its class's rule) and
:func:`claim_status` (a figure looked for among released figures).
"""

from __future__ import annotations

import pandas as pd

from chengyu.data import SECTORS, by_sector
from chengyu.indicators.structure import growth_rate, period_label, sector_shares
from chengyu.indicators.trends import trend, trend_holds, trend_values


def tolerance(decimals: int) -> float:
    """The widest gap :func:`agrees_at_precision` accepts at ``decimals``: ½·10^−decimals.

    ``decimals`` counts the digits printed after the point; a negative count stands for the
    zeros of a round figure: 2 → ±0.005 (157.07), 0 → ±0.5 (12379), −3 → ±500 (2.1万).
    """
    return 0.5 * 10.0 ** -int(decimals)


def agrees_at_precision(recomputed: float, printed: float, decimals: int) -> bool:
    """True when ``recomputed`` rounds to ``printed`` at ``decimals`` places: the one matching rule.

    Taken as ``|recomputed − printed| ≤ ½·10^−decimals`` (:func:`tolerance`), with 1e-9 of slack
    for binary rounding, so that a value exactly half-way (157.065 for a printed 157.07) agrees
    whichever way the paper rounded it.
    """
    return bool(abs(recomputed - printed) <= tolerance(decimals) + 1e-9)


#: The quantities :func:`structure_claims` can recompute, with how.
CLAIM_QUANTITIES = {
    "value_added": "value added in year_to, 亿元",
    "sector_share": "the sector's share of the region's value added in year_to, percent",
    "share_change": "share in year_to minus share in year_from, percentage points",
    "growth_rate": "growth of the sector's value added from year_from to year_to, percent",
}


def _recompute(
    quantity: str, table: pd.DataFrame, sector: str, year_from: int, year_to: int
) -> float:
    if quantity == "value_added":
        return float(table.loc[year_to, sector])
    if quantity == "sector_share":
        return float(sector_shares(table.loc[year_to])[sector])
    if quantity == "share_change":
        return float(
            sector_shares(table.loc[year_to])[sector]
            - sector_shares(table.loc[year_from])[sector]
        )
    if quantity == "growth_rate":
        return float(
            growth_rate(table.loc[year_from, sector], table.loc[year_to, sector])
        )
    raise ValueError(
        f"cannot recompute quantity {quantity!r}; known: {', '.join(CLAIM_QUANTITIES)}"
    )


def structure_claims(
    claims: pd.DataFrame, value_added: pd.DataFrame, section: str = "3.2.1"
) -> pd.DataFrame:
    """The paper's figures of ``section`` (rows of ``paper_claims``) beside the same figures recomputed.

    Each claim is recomputed from ``value_added`` by its ``quantity`` (:data:`CLAIM_QUANTITIES`)
    for its region, sector and years. Columns: ``id``, ``statement``, ``quantity``, ``region``,
    ``sector``, ``year_from``, ``year_to``, ``years`` (a label: "2023" for a level, "2020–2023"
    for a change), ``printed`` (the paper's value), ``decimals``,
    ``recomputed``, ``difference`` (recomputed - printed) and ``agrees``
    (:func:`agrees_at_precision`). Raises ``ValueError`` for a quantity it cannot recompute or
    a claim whose year is not in the data, rather than leaving it out.
    """
    rows = claims[claims["section"] == section]
    if rows.empty:
        raise ValueError(f"no claims for section {section!r}")
    tables = {
        region: by_sector(value_added, region) for region in sorted(set(rows["region"]))
    }
    records = []
    for claim in rows.itertuples(index=False):
        table = tables[claim.region]
        start, end = int(claim.year_from), int(claim.year_to)
        years = {start, end}
        missing = sorted(years - set(table.index))
        if missing:
            raise ValueError(
                f"claim {claim.id}: no value added for {claim.region} in {missing}"
            )
        recomputed = _recompute(claim.quantity, table, claim.sector, start, end)
        records.append(
            {
                "id": claim.id,
                "statement": claim.statement,
                "quantity": claim.quantity,
                "region": claim.region,
                "sector": claim.sector,
                "year_from": start,
                "year_to": end,
                "years": str(end) if start == end else period_label(start, end),
                "printed": float(claim.value),
                "decimals": int(claim.decimals),
                "recomputed": recomputed,
                "difference": recomputed - float(claim.value),
                "agrees": agrees_at_precision(
                    recomputed, float(claim.value), int(claim.decimals)
                ),
            }
        )
    return pd.DataFrame.from_records(records)


def printed_years(printed: pd.DataFrame) -> tuple[int, ...]:
    """The years a table of the paper prints (rows of ``paper_tables``), in order: the
    window on which the table is compared with the data, whatever years a study analyses."""
    if printed.empty:
        raise ValueError("no printed cells: which table of the paper is this?")
    return tuple(sorted(int(year) for year in printed["year"].unique()))


def printed_regions(printed: pd.DataFrame) -> tuple[str, ...]:
    """The regions a table of the paper prints (rows of ``paper_tables``), in the table's order:
    the paper's two cities, whatever pair a study focuses on. A cell that reproduces or audits the
    paper reads its regions here, not from ``study.yml``."""
    if printed.empty:
        raise ValueError("no printed cells: which table of the paper is this?")
    return tuple(dict.fromkeys(printed["region"]))


def compare_with_printed(
    computed: pd.DataFrame, printed: pd.DataFrame, column: str
) -> pd.DataFrame:
    """Each printed cell beside its recomputed value, and whether the two agree as printed.

    ``computed`` has columns region, year, sector and ``column``; ``printed`` holds the cells
    of one of the paper's tables (rows of ``paper_tables``: region, year, sector, value,
    decimals). Returns region, year, sector, ``recomputed``, ``printed``, ``decimals`` and
    ``match``: the recomputed value agrees with the printed one at the printed number of
    decimals (:func:`agrees_at_precision`, the rule the audit
    applies to every figure). Raises ``ValueError`` when a cell is on one side only, so that a match
    count always covers the whole printed table.
    """
    keys = ["region", "year", "sector"]
    merged = computed[keys + [column]].merge(
        printed[keys + ["value", "decimals"]], on=keys, how="outer", indicator=True
    )
    lonely = merged[merged["_merge"] != "both"]
    if len(lonely):
        cells = ", ".join(
            f"{r.region} {r.year} {r.sector}" for r in lonely.itertuples()
        )
        raise ValueError(f"computed and printed cover different cells: {cells}")
    merged = merged.rename(columns={column: "recomputed", "value": "printed"}).drop(
        columns="_merge"
    )
    merged["decimals"] = merged["decimals"].astype(int)
    merged["match"] = [
        agrees_at_precision(x, p, d)
        for x, p, d in zip(
            merged["recomputed"], merged["printed"], merged["decimals"], strict=True
        )
    ]
    order = merged["sector"].map({sector: i for i, sector in enumerate(SECTORS)})
    return (
        merged.assign(_order=order)
        .sort_values(["region", "year", "_order"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def paper_layout(comparison: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """A :func:`compare_with_printed` table in the layout of the paper's Table 2.

    Rows are (sector, region) in the order of :data:`chengyu.data.SECTORS` and ``regions``;
    columns are (year, ``"recomputed"`` | ``"printed"``), so each printed cell stands beside
    the value recomputed from the data.
    """
    wide = comparison.pivot_table(
        index=["sector", "region"], columns="year", values=["recomputed", "printed"]
    )
    wide = wide.swaplevel(axis=1)
    years = sorted(comparison["year"].unique())
    rows = pd.MultiIndex.from_product(
        [[s for s in SECTORS if s in set(comparison["sector"])], regions]
    )
    return wide.reindex(
        index=rows,
        columns=pd.MultiIndex.from_product([years, ["recomputed", "printed"]]),
    )


def trend_claim_verdicts(
    claims: pd.DataFrame,
    shares: pd.DataFrame,
    column: str = "share",
    rounded: bool = True,
) -> pd.DataFrame:
    """Check each trend claim of the paper against a recomputed series.

    ``claims`` are rows of ``paper_claims`` (id, statement, quantity, region, sector,
    year_from, year_to, decimals); only those whose quantity reads ``"trend:<class>"``, with a
    class of :data:`~chengyu.indicators.trends.TRENDS`, are checked. Each is tested on the region's and sector's series in
    ``shares[column]`` from year_from to year_to, ordered by year: with ``rounded`` the values
    are first rounded to the claim's ``decimals`` (the precision the paper read), otherwise
    they are taken at full precision.

    Returns one row per claim: id, region, sector, statement, ``claimed`` class, ``path``
    (the values as text, at the precision used), ``first``, ``last``, ``net_change`` (last −
    first), ``shape`` (the class :func:`trend` gives) and ``holds`` (:func:`trend_holds`).
    """
    trend_rows = claims[claims["quantity"].str.startswith("trend:")]
    records = []
    for claim in trend_rows.itertuples():
        claimed = claim.quantity.removeprefix("trend:")
        years = range(int(claim.year_from), int(claim.year_to) + 1)
        rows = shares[
            (shares["region"] == claim.region) & (shares["sector"] == claim.sector)
        ]
        series = rows.set_index("year")[column].reindex(years)
        if series.isna().any():
            missing = list(series.index[series.isna()])
            raise ValueError(
                f"claim {claim.id}: no {column} for {claim.region} {claim.sector} in {missing}"
            )
        decimals = int(claim.decimals) if rounded else None
        values = trend_values(series.to_numpy(), decimals)
        shown = decimals if rounded else int(claim.decimals) + 2
        records.append(
            {
                "id": claim.id,
                "region": claim.region,
                "sector": claim.sector,
                "statement": claim.statement,
                "claimed": claimed,
                "path": " → ".join(f"{v:.{shown}f}" for v in values),
                "first": float(values[0]),
                "last": float(values[-1]),
                "net_change": float(values[-1] - values[0]),
                "shape": trend(values),
                "holds": trend_holds(values, claimed),
            }
        )
    columns = [
        "id",
        "region",
        "sector",
        "statement",
        "claimed",
        "path",
        "first",
        "last",
        "net_change",
        "shape",
        "holds",
    ]
    return pd.DataFrame(records, columns=columns)


STATUS_VERIFIED = "verified in a release"


STATUS_PAPER = "as reported by the paper only"
#: The two statuses in Chinese, as the Chinese edition names them.
STATUSES_ZH = {STATUS_VERIFIED: "已在发布中核实", STATUS_PAPER: "仅见于论文"}

#: Tier "P" in sources.csv marks the paper itself: a figure only the paper gives verifies nothing.
PAPER_TIER = "P"


def _matches(claim, figure) -> bool:
    """Same quantity, region, unit and (if the claim has one) year, and equal at the printed precision."""
    if (figure.series, figure.region, figure.unit) != (
        claim.quantity,
        claim.region,
        claim.unit,
    ):
        return False
    if not pd.isna(claim.year_to) and int(figure.year) != int(claim.year_to):
        return False
    return agrees_at_precision(
        float(figure.value), float(claim.value), int(claim.decimals)
    )


def claim_status(
    claims: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """Each claim with its ``status`` and the ``verified_by`` source id(s).

    A claim is :data:`STATUS_VERIFIED` when ``indicators`` holds a figure of the same quantity
    (``series``), region and unit, for the claim's final year if it names one (any year if it
    names none), equal to the claimed value at the precision printed
    (:func:`agrees_at_precision`), stated in a publication that is not the paper (tier other
    than "P" in ``sources``; basis "stated", not derived by the package from other figures). Otherwise, including claims with no value, it
    is :data:`STATUS_PAPER`: the book found no release that states it.
    """
    tiers = sources.set_index("id")["tier"]
    unknown = sorted(set(indicators["source"]) - set(tiers.index))
    if unknown:
        raise KeyError(f"indicator source(s) not in sources: {unknown}")
    # a figure the package derives from others (basis "derived") states nothing itself
    released = indicators[
        (indicators["source"].map(tiers) != PAPER_TIER)
        & (indicators["basis"] == "stated")
    ]
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


def paper_only_regions(
    value_added: pd.DataFrame, sources: pd.DataFrame
) -> tuple[str, ...]:
    """The regions whose value added the package holds only as the paper prints it (tier P)."""
    tiers = value_added["source"].map(sources.set_index("id")["tier"])
    return tuple(dict.fromkeys(value_added.loc[tiers == PAPER_TIER, "region"]))


def years_by_basis(
    value_added: pd.DataFrame, sources: pd.DataFrame, region: str
) -> tuple[list[int], list[int]]:
    """A region's years of value added as (the years held only as the paper prints them, tier P;
    the years whose figures come from another publication), each in order."""
    rows = value_added[value_added["region"] == region]
    paper = rows["source"].map(sources.set_index("id")["tier"]) == PAPER_TIER
    return sorted(set(rows.loc[paper, "year"])), sorted(set(rows.loc[~paper, "year"]))


def totals_corroborated(
    value_added: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, region: str
) -> list[int]:
    """The years in which a region's value added, held only as the paper prints it, adds up to
    a GDP stated in a release (agreeing to the whole 亿元, :func:`agrees_at_precision` at 0).

    Such a year's total is corroborated; its split among the sectors is not.
    """
    tiers = sources.set_index("id")["tier"]
    own = value_added[
        (value_added["region"] == region)
        & (value_added["source"].map(tiers) == PAPER_TIER)
    ]
    gdp = figures[
        (figures["series"] == "gdp")
        & (figures["region"] == region)
        & (figures["source"].map(tiers) != PAPER_TIER)
        & (figures["basis"] == "stated")
    ].set_index("year")["value"]
    totals = own.groupby("year")["value"].sum()
    return [
        int(year)
        for year, total in totals.items()
        if year in gdp.index and agrees_at_precision(total, gdp[year], 0)
    ]

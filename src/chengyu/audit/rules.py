"""The audit's recomputation rules: one per kind of quantity the paper states.

Each rule takes a claim (a row of ``paper_claims``, or a table cell from
:func:`chengyu.audit.table_claims`) and a :class:`Context` (the data package and the study
definition), recomputes the figure with the chapters' own functions and returns a
:class:`Check`; :func:`chengyu.audit.audit` turns it into a status. :data:`RULES` registers
each rule under the quantity it recomputes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from chengyu import claims, indicators, tables
from chengyu.claims import PAPER_TIER
from chengyu.study import Study

TABLE_1_SOURCE = "xiang2024_table1"

_UNIT_SUFFIX = {
    "100m_yuan": " 亿元",
    "percent": "%",
    "percentage_points": " points",
    "percent_change": "%",
    "percent_of_national": "%",
    "percent_vs_2020": "%",
    "index_2020_100": " (2020 = 100)",
    "ratio": "",
}
_SIGNED_UNITS = {"percentage_points", "percent_change"}


@dataclass
class Check:
    """What a rule found for one claim.

    ``value`` is the recomputed number (None when there is none), ``text`` how to show it,
    ``sources`` the ids of the publications it rests on, ``agrees`` whether it bears out the
    claim (None: nothing to compare), ``derived`` whether it is computed from other figures
    (False for a level read directly), ``note`` a sentence for the reason column and ``units``,
    for a claim read unit by unit, whether each unit bears it out.
    """

    value: float | None
    text: str
    sources: frozenset[str]
    agrees: bool | None
    derived: bool
    note: str = ""
    printed: str | None = None  # how to show the paper's side, when it is not a number
    #: for a claim read on several units (the two cities, the circle): whether each bears it out
    units: dict[str, bool] | None = None


@dataclass
class Context:
    """What the rules read: the data package's frames and the study definition."""

    frames: dict[str, pd.DataFrame]
    study: Study
    tiers: pd.Series = field(init=False)
    names: pd.Series = field(init=False)

    def __post_init__(self):
        self.tiers = self.frames["sources"].set_index("id")["tier"]
        self.names = tables.short_names(self.frames["regions"])

    @property
    def value_added(self) -> pd.DataFrame:
        return self.frames["value_added"]

    @property
    def benchmark(self) -> str:
        return self.study.benchmark

    def va_sources(self, regions, years, sectors=None) -> frozenset[str]:
        va = self.value_added
        rows = va[va["region"].isin(list(regions)) & va["year"].isin(list(years))]
        if sectors is not None:
            rows = rows[rows["sector"].isin(list(sectors))]
        return frozenset(rows["source"])


# --- formatting ------------------------------------------------------------------------------


def number(value: float, decimals: int, unit: str) -> str:
    """A figure at ``decimals`` places (none for a round figure) with its unit: "+2.70 points"."""
    sign = "+" if unit in _SIGNED_UNITS else ""
    suffix = _UNIT_SUFFIX.get(unit, " " + unit.replace("_", " "))
    return f"{value:{sign},.{max(decimals, 0)}f}{suffix}"


def _level(value: float, unit: str) -> str:
    """A figure as stored, without padding zeros: 1803.33 → "1,803.33", 11643.0 → "11,643"."""
    return f"{value:,.10g}{_UNIT_SUFFIX.get(unit, ' ' + unit.replace('_', ' '))}"


def years_label(year_from, year_to) -> str:
    """A claim's years as the page shows them: "2023", "2020–2023", or "" when it names none."""
    if pd.isna(year_to):
        return ""
    if pd.isna(year_from) or int(year_from) == int(year_to):
        return str(int(year_to))
    return f"{int(year_from)}–{int(year_to)}"


def _qualifier(quantity: str) -> str:
    return quantity.split(":", 1)[1] if ":" in quantity else ""


def _path(values, decimals: int) -> str:
    return " → ".join(f"{v:.{decimals}f}" for v in values)


def _one(claim) -> pd.DataFrame:
    return pd.DataFrame([claim._asdict()])


# --- the rules -------------------------------------------------------------------------------


def _structure(claim, ctx: Context) -> Check:
    """§3.2.1 quantities (value added, shares, share changes, growth) by ``claims.structure_claims``."""
    row = claims.structure_claims(
        _one(claim), ctx.value_added, section=claim.section
    ).iloc[0]
    start, end = int(claim.year_from), int(claim.year_to)
    level = claim.quantity == "value_added"
    sectors = [claim.sector] if level or claim.quantity == "growth_rate" else None
    sources = ctx.va_sources([claim.region], {start, end}, sectors)
    text = (
        _level(row["recomputed"], claim.unit)
        if level
        else number(row["recomputed"], int(claim.decimals) + 2, claim.unit)
    )
    # Chengdu's levels as the paper prints them: what their sum says against the released GDP
    from_paper = level and any(ctx.tiers[s] == PAPER_TIER for s in sources)
    note = (
        _chengdu_totals(claim, ctx) if from_paper and claim.region == "chengdu" else ""
    )
    return Check(
        row["recomputed"],
        text,
        sources,
        bool(row["agrees"]),
        derived=not level,
        note=note,
    )


def _chengdu_totals(claim, ctx: Context) -> str:
    """How Chengdu's Table 1 sum for the year compares with the bulletin's GDP, where one is sourced."""
    figures = ctx.frames["indicators"]
    gdp = figures[
        (figures["series"] == "gdp")
        & (figures["region"] == "chengdu")
        & (figures["year"] == int(claim.year_to))
    ]
    gdp = gdp[gdp["source"].map(ctx.tiers) != PAPER_TIER]
    if gdp.empty:
        return f"No release in the data package gives Chengdu's GDP for {int(claim.year_to)} either."
    va = ctx.value_added
    total = va[(va["region"] == "chengdu") & (va["year"] == int(claim.year_to))][
        "value"
    ].sum()
    published = float(gdp["value"].iloc[0])
    return (
        f"The year's three Table 1 cells sum to {total:,.1f} 亿元 and the released GDP ({gdp['source'].iloc[0]}) "
        f"is {published:,.2f} 亿元, a difference of {abs(total - published):.2f}: the total is corroborated, the split is not."
    )


def _national_share(claim, ctx: Context) -> Check:
    """A Table 2 cell: the region's share of national value added, by ``compare_with_printed``."""
    year = int(claim.year_to)
    shares = indicators.national_share_table(
        ctx.value_added, [claim.region], [year], nation=ctx.benchmark
    )
    cell = shares[shares["sector"] == claim.sector]
    printed = pd.DataFrame(
        [
            {
                "region": claim.region,
                "year": year,
                "sector": claim.sector,
                "value": float(claim.value),
                "decimals": int(claim.decimals),
            }
        ]
    )
    row = claims.compare_with_printed(cell, printed, "share").iloc[0]
    sources = ctx.va_sources([claim.region, ctx.benchmark], [year], [claim.sector])
    return Check(
        float(row["recomputed"]),
        number(row["recomputed"], int(claim.decimals) + 2, claim.unit),
        sources,
        bool(row["match"]),
        derived=True,
    )


def _trend(claim, ctx: Context) -> Check:
    """A trend read in Table 2, tested by its class's rule (``claims.trend_claim_verdicts``)."""
    if claim.unit != "percent_of_national":
        raise ValueError(
            f"claim {claim.id}: trend claims are checked on shares of national value added, not {claim.unit!r}"
        )
    years = range(int(claim.year_from), int(claim.year_to) + 1)
    shares = indicators.national_share_table(
        ctx.value_added, [claim.region], years, nation=ctx.benchmark
    )
    # judged on the unrounded shares; the path is shown at two more decimals than printed
    verdict = claims.trend_claim_verdicts(_one(claim), shares, rounded=False).iloc[0]
    sources = ctx.va_sources([claim.region, ctx.benchmark], years, [claim.sector])
    return Check(
        None,
        f"{verdict['path']} ({verdict['shape']})",
        sources,
        bool(verdict["holds"]),
        derived=True,
        printed=verdict["claimed"],
    )


def _cities(claim, ctx: Context) -> tuple[str, ...]:
    """The regions a claim is read on: for a claim about the circle, the two cities of the
    paper's Tables 1 and 2 (its evidence, whatever pair the study focuses on), else the claim's
    own region."""
    if claim.region == "chengyu_circle":
        return claims.printed_regions(ctx.frames["paper_tables"])
    return (claim.region,)


def _core_cities_national_share(claim, ctx: Context, lang: str = "en") -> Check:
    """The relative position in the national economy, tested as a trend class, unit by unit.

    For a claim about the circle the units are the circle itself, on its published share of
    national GDP (the only years the package has), and each of the paper's two cities, on its
    share of national value added over the claim's years (the paper's evidence, Table 2), each
    judged unrounded. The claim is borne out where its class holds
    (``indicators.trend_holds``). With ``lang="zh"`` the paths name the units in Chinese.
    """
    zh = tables.short_names(ctx.frames["regions"], lang) if lang == "zh" else None
    claimed = _qualifier(claim.quantity)
    years = range(int(claim.year_from), int(claim.year_to) + 1)
    decimals = int(claim.decimals) + 2
    paths, units = [], {}
    circle = _circle_gdp_share(ctx) if claim.region == "chengyu_circle" else None
    if circle is not None and len(circle) >= 2:
        units[ctx.names["chengyu_circle"]] = indicators.trend_holds(
            circle.to_numpy(), claimed
        )
        if zh is not None:
            paths.append(
                f"{zh['chengyu_circle']}（经济总量占全国比重，{circle.index[0]}–{circle.index[-1]}年）"
                f"{_path(circle, decimals)}"
            )
        else:
            paths.append(
                f"{ctx.names['chengyu_circle']} (share of GDP, {circle.index[0]}–{circle.index[-1]}) "
                f"{_path(circle, decimals)}"
            )
    for city in _cities(claim, ctx):
        share = indicators.industrial_system(
            ctx.value_added, city, years, nation=ctx.benchmark
        )["national_share"]
        units[ctx.names[city]] = indicators.trend_holds(share.to_numpy(), claimed)
        if zh is not None:
            paths.append(f"{zh[city]}{_path(share, decimals)}")
        else:
            paths.append(f"{ctx.names[city]} {_path(share, decimals)}")
    cities = _cities(claim, ctx)
    sources = ctx.va_sources([*cities, ctx.benchmark], years)
    if circle is not None:
        sources |= _gdp_sources(ctx, ["chengyu_circle", ctx.benchmark], circle.index)
    note = (
        "Judged on each unit's share of the national economy, unrounded: "
        + "; ".join(
            f"{unit} {'bears it out' if ok else 'does not'}"
            for unit, ok in units.items()
        )
        + "."
    )
    return Check(
        None,
        "；".join(paths) if zh is not None else "; ".join(paths),
        sources,
        all(units.values()),
        derived=True,
        note=note,
        printed=claimed,
        units=units,
    )


def _circle_gdp_share(ctx: Context) -> pd.Series:
    """The circle's share of national GDP (percent) in the years both are published, by year."""
    figures = ctx.frames["indicators"]
    gdp = figures[figures["series"] == "gdp"].pivot_table(
        index="year", columns="region", values="value"
    )
    if "chengyu_circle" not in gdp or ctx.benchmark not in gdp:
        return pd.Series(dtype=float)
    both = gdp[["chengyu_circle", ctx.benchmark]].dropna()
    return both["chengyu_circle"] / both[ctx.benchmark] * 100


def _gdp_sources(ctx: Context, regions, years) -> frozenset[str]:
    figures = ctx.frames["indicators"]
    rows = figures[
        (figures["series"] == "gdp")
        & figures["region"].isin(regions)
        & figures["year"].isin(list(years))
    ]
    return frozenset(rows["source"])


def _location_quotient(claim, ctx: Context) -> Check:
    """The sector's location quotient (区位熵) of each city in each year, unrounded; 'above one'
    holds for a city whose quotient exceeds 1 in every year.

    Reads "the sector may have some competitive advantage nationally" as the only thing a
    location quotient measures: that the sector weighs more in the city's economy than in the
    nation's (specialisation, not competitiveness). The claim is read city by city.
    """
    if _qualifier(claim.quantity) != "above one":
        raise ValueError(
            f"claim {claim.id}: location quotient claims read 'above one', not {_qualifier(claim.quantity)!r}"
        )
    years = range(int(claim.year_from), int(claim.year_to) + 1)
    cities = _cities(claim, ctx)
    lq = indicators.location_quotient_table(
        ctx.value_added, list(cities), years, nation=ctx.benchmark
    )
    lq = lq[lq["sector"] == claim.sector]
    decimals = int(claim.decimals) + 2
    parts, units = [], {}
    for city in cities:
        values = lq.loc[lq["region"] == city, "lq"]
        parts.append(f"{ctx.names[city]} {_path(values, decimals)}")
        units[ctx.names[city]] = bool((values > 1).all())
    note = (
        f"Read as specialisation: the {claim.sector} sector's location quotient above 1, unrounded, in every "
        f"year, city by city. A location quotient measures how much a sector weighs in a city's economy "
        f"against the nation's, not competitiveness; a services quotient above 1 is usual for a large city."
    )
    return Check(
        None,
        "; ".join(parts),
        ctx.va_sources([*cities, ctx.benchmark], years),
        all(units.values()),
        derived=True,
        note=note,
        printed="above 1",
        units=units,
    )


def _industrial_system_count(claim, ctx: Context) -> Check:
    """A count of a city's industrial system (§3.1), from ``industrial_systems`` by its English group name."""
    qualifier = _qualifier(claim.quantity)
    systems = ctx.frames["industrial_systems"]
    rows = systems[
        (systems["city"] == claim.region)
        & systems["group_en"].str.contains(qualifier, case=False, regex=False)
    ]
    if len(rows) != 1:
        raise ValueError(
            f"claim {claim.id}: {len(rows)} groups of {claim.region} match {qualifier!r}, expected 1"
        )
    row = rows.iloc[0]
    document = ctx.frames["sources"].set_index("id").loc[row["source"], "document"]
    note = f"The paper cites it from {document}; the plan itself is not in the data package."
    if isinstance(row["members_zh"], str) and row["members_zh"]:
        note += f" The paper names {len(row['members_zh'].split('、'))} of them."
    value = float(row["count"])
    return Check(
        value,
        _level(value, claim.unit),
        frozenset([row["source"]]),
        claims.agrees_at_precision(value, float(claim.value), int(claim.decimals)),
        derived=False,
        note=note,
    )


def _released_figure(claim, ctx: Context) -> Check:
    """An innovation figure (§3.2.3): verified when a release states it (``claims.claim_status``)."""
    figures = ctx.frames["indicators"]
    status = claims.claim_status(_one(claim), figures, ctx.frames["sources"]).iloc[0]
    same = figures[
        (figures["series"] == claim.quantity) & (figures["unit"] == claim.unit)
    ]
    if status["verified_by"]:
        ids = status["verified_by"].split(",")
        match = same[(same["region"] == claim.region) & same["source"].isin(ids)]
        if not pd.isna(claim.year_to):
            match = match[match["year"] == int(claim.year_to)]
        value = float(match["value"].iloc[0])
        return Check(
            value,
            _level(value, claim.unit),
            frozenset(ids),
            True,
            derived=False,
            note=f"Matches at the precision printed (±{claims.tolerance(int(claim.decimals)):g}).",
        )
    own = same[
        (same["region"] == claim.region) & (same["source"].map(ctx.tiers) == PAPER_TIER)
    ]
    if not pd.isna(claim.year_to):
        own = own[own["year"] == int(claim.year_to)]
    released = same[same["source"].map(ctx.tiers) != PAPER_TIER]
    where = f"{ctx.names[claim.region]}" + (
        "" if pd.isna(claim.year_to) else f", {int(claim.year_to)}"
    )
    note = f"No release in the data package states this figure ({where})"
    note += "; the paper gives no year." if pd.isna(claim.year_to) else "."
    if len(released):
        listed = "; ".join(
            f"{ctx.names[r.region]} {r.year}: {_level(r.value, r.unit)}"
            for r in released.itertuples()
        )
        note += f" Releases give: {listed}."
    note += _related_release(claim, ctx)
    if own.empty:
        return Check(None, "", frozenset(), None, derived=False, note=note)
    value = float(own["value"].iloc[0])
    return Check(
        value,
        _level(value, claim.unit),
        frozenset(own["source"]),
        claims.agrees_at_precision(value, float(claim.value), int(claim.decimals)),
        derived=False,
        note=note,
    )


def _related_release(claim, ctx: Context) -> str:
    """A sentence naming the closest released series of the same family on another base, if any.

    The family is the claim's quantity as a prefix (``collaborative_innovation_index`` →
    ``collaborative_innovation_index_growth``); the shortest such series name is the closest.
    """
    figures = ctx.frames["indicators"]
    related = figures[
        figures["series"].str.startswith(claim.quantity + "_")
        & (figures["source"].map(ctx.tiers) != PAPER_TIER)
    ]
    if related.empty:
        return ""
    closest = related[related["series"] == min(related["series"], key=len)]
    listed = "; ".join(
        f"{r.year}: {r.value:g} ({r.unit}, {r.source})" for r in closest.itertuples()
    )
    return (
        f" A release gives {closest['series'].iloc[0]} on base year {indicators.base_year(closest['unit'].iloc[0])} "
        f"({listed}); without that edition's value for the paper's base year the two cannot be compared."
    )


def _index_growth(claim, ctx: Context) -> Check:
    """Growth of an index over its base (``indicators.growth_since_base``), from a release or the paper's levels."""
    released = _released_figure(claim, ctx)
    if (
        released.agrees
        and released.sources
        and all(ctx.tiers[s] != PAPER_TIER for s in released.sources)
    ):
        return released
    base = indicators.base_year(claim.unit)
    figures = ctx.frames["indicators"]
    series = claim.quantity.removesuffix("_growth")
    levels = figures[
        (figures["series"] == series)
        & (figures["region"] == claim.region)
        & (figures["unit"] == f"index_{base}_100")
    ]
    levels = levels[levels["year"].isin([base, int(claim.year_to)])]
    growth = indicators.growth_since_base(levels)
    if growth.empty:
        return Check(None, "", frozenset(), None, derived=True, note=released.note)
    value = float(growth["growth"].iloc[0])
    end = float(levels.loc[levels["year"] == int(claim.year_to), "value"].iloc[0])
    note = f"From the index levels the paper gives ({base} = 100, {int(claim.year_to)} = {end:g}); the level itself is not verifiable."
    return Check(
        value,
        number(value, int(claim.decimals) + 2, claim.unit),
        frozenset(levels["source"]),
        claims.agrees_at_precision(value, float(claim.value), int(claim.decimals)),
        derived=True,
        note=note,
    )


def _judgement(claim, ctx: Context) -> Check:
    """A judgement in words (§4.2): no open figure measures it."""
    return Check(
        None,
        "",
        frozenset(),
        None,
        derived=False,
        printed=_qualifier(claim.quantity) or "—",
        note=(
            "A judgement in words, with no figure. The data package holds no measure of interaction between the "
            "two cities' innovation systems (joint patents, technology flows between them, co-authored papers)."
        ),
    )


#: Recomputation rule of each quantity (the part of ``quantity`` before any ":"), with what it does.
RULES: dict[str, tuple[str, Callable[..., Check]]] = {
    "value_added": (
        "value added of the region and sector in year_to, from value_added",
        _structure,
    ),
    "sector_share": (
        "the sector's share of the region's value added, structure_claims",
        _structure,
    ),
    "share_change": (
        "change in the sector's share, percentage points, structure_claims",
        _structure,
    ),
    "growth_rate": ("growth of the sector's value added, structure_claims", _structure),
    "national_share": (
        "share of national value added, national_share_table and compare_with_printed",
        _national_share,
    ),
    "trend": (
        "class of the trend of the share of national value added, trend_claim_verdicts",
        _trend,
    ),
    "core_cities_national_share": (
        "trend of the core cities' combined share of national value added",
        _core_cities_national_share,
    ),
    "location_quotient": (
        "the sector's location quotient of each core city above 1",
        _location_quotient,
    ),
    "industrial_system_count": (
        "count of a group in industrial_systems",
        _industrial_system_count,
    ),
    "collaborative_innovation_index": (
        "figure stated by a release, claim_status",
        _released_figure,
    ),
    "collaborative_innovation_index_growth": (
        "growth over the index's base year, growth_since_base",
        _index_growth,
    ),
    "technology_based_firms": (
        "figure stated by a release, claim_status",
        _released_figure,
    ),
    "high_tech_enterprises": (
        "figure stated by a release, claim_status",
        _released_figure,
    ),
    "tech_contract_turnover": (
        "figure stated by a release, claim_status",
        _released_figure,
    ),
    "higher_education_institutions": (
        "figure stated by a release, claim_status",
        _released_figure,
    ),
    "co_innovation": ("a judgement in words: not recomputable", _judgement),
}

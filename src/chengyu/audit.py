"""The reproducibility audit: every figure of the paper beside the same figure recomputed.

Each quantitative statement of the paper is a row of ``paper_claims`` (the text) or a cell of
``paper_tables`` (Tables 1 and 2, turned into claims by :func:`table_claims`). :func:`audit`
recomputes each one from the data package with the chapters' own functions, by the rule
registered for its ``quantity`` in :data:`RULES`, and gives it one of :data:`STATUSES`:

- **reproduced**: the recomputed figure agrees with the printed one at the paper's precision
  (:func:`chengyu.indicators.agrees_at_precision`, i.e. ``|x − p| ≤ ½·10^−d``), or the claimed
  trend or reading holds by its rule;
- **differs**: it does not; both numbers are shown;
- **not verifiable with open data**: the data package holds no release that states the figure
  or the data to recompute it, or holds it only as the paper prints it (tier ``P`` in
  ``sources.csv``); the ``reason`` says which.

The ``basis`` says what a recomputation rests on: *official releases*, *the paper's own Table 1*
(Chengdu's sector split, which the data package holds only as the paper prints it) or *the
paper's own figures*. A figure derived only from the paper's own figures (a share or a growth
rate of Chengdu's Table 1 cells) can be *reproduced*, which then shows that the paper's
arithmetic is consistent, not that its inputs are right. A level held only as the paper prints
it is *not verifiable*, unless it disagrees with the paper's own table, which makes it *differs*.

A claim whose quantity has no rule raises ``ValueError``: a new claim cannot be skipped silently.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from chengyu import indicators
from chengyu.indicators.innovation import PAPER_TIER

#: The three outcomes of the audit, in the order the page lists them.
STATUSES: tuple[str, ...] = ("reproduced", "differs", "not verifiable with open data")
REPRODUCED, DIFFERS, NOT_VERIFIABLE = STATUSES

BASIS_OFFICIAL = "official releases"
BASIS_TABLE_1 = "the paper's own Table 1"
BASIS_PAPER = "the paper's own figures"

#: The book page that discusses each section of the paper (or table), in the paper's order.
CHAPTERS: dict[str, str] = {
    "3.1": "book/01-context",
    "3.2.1": "book/02-structure",
    "Table 1": "book/02-structure",
    "3.2.3": "book/04-innovation",
    "4.1": "book/03-chain-coordination",
    "Table 2": "book/03-chain-coordination",
    "4.2": "book/04-innovation",
}

#: Short titles of the chapters, for links.
CHAPTER_TITLES: dict[str, str] = {
    "book/01-context": "Context",
    "book/02-structure": "Structure",
    "book/03-chain-coordination": "Chain coordination",
    "book/04-innovation": "Innovation",
}

#: The two cities of the paper's Tables 1 and 2: its evidence for statements about the circle.
CORE_CITIES: tuple[str, ...] = ("chengdu", "chongqing")

#: Each resource of ``paper_tables`` becomes claims of this quantity, read by the paper's row labels.
TABLE_QUANTITIES = {"1": "value_added", "2": "national_share"}
TABLE_ROW_LABELS = {
    ("1", "primary"): "第一产增加值 (亿元)", ("1", "secondary"): "第二产增加值 (亿元)",
    ("1", "tertiary"): "第三产增加值 (亿元)", ("2", "primary"): "第一产业增加值比重",
    ("2", "secondary"): "第二产业增加值比重", ("2", "tertiary"): "第三产业增加值比重",
}

COLUMNS = [
    "id", "section", "statement", "quantity", "region", "sector", "years", "printed", "recomputed",
    "status", "basis", "reason", "chapter", "printed_value", "recomputed_value", "decimals", "unit", "sources",
]

TABLE_1_SOURCE = "xiang2024_table1"

_UNIT_SUFFIX = {
    "100m_yuan": " 亿元", "percent": "%", "percentage_points": " points", "percent_change": "%",
    "percent_of_national": "%", "percent_vs_2020": "%", "index_2020_100": " (2020 = 100)", "ratio": "",
}
_SIGNED_UNITS = {"percentage_points", "percent_change"}
_NATION = "china"


@dataclass
class Check:
    """What a rule found for one claim.

    ``value`` is the recomputed number (None when there is none), ``text`` how to show it,
    ``sources`` the ids of the publications it rests on, ``agrees`` whether it bears out the
    claim (None: nothing to compare), ``derived`` whether it is computed from other figures
    (False for a level read directly) and ``note`` a sentence for the reason column.
    """

    value: float | None
    text: str
    sources: frozenset[str]
    agrees: bool | None
    derived: bool
    note: str = ""
    printed: str | None = None  # how to show the paper's side, when it is not a number


@dataclass
class _Context:
    frames: dict[str, pd.DataFrame]
    tiers: pd.Series = field(init=False)
    names: pd.Series = field(init=False)

    def __post_init__(self):
        self.tiers = self.frames["sources"].set_index("id")["tier"]
        # "Chongqing Municipality" reads as "Chongqing" in a sentence about the two cities
        self.names = self.frames["regions"].set_index("id")["name_en"].str.replace(r" (Municipality|Province)$", "", regex=True)

    @property
    def value_added(self) -> pd.DataFrame:
        return self.frames["value_added"]

    def va_sources(self, regions, years, sectors=None) -> frozenset[str]:
        va = self.value_added
        rows = va[va["region"].isin(list(regions)) & va["year"].isin(list(years))]
        if sectors is not None:
            rows = rows[rows["sector"].isin(list(sectors))]
        return frozenset(rows["source"])


# --- formatting ------------------------------------------------------------------------------


def _number(value: float, decimals: int, unit: str) -> str:
    sign = "+" if unit in _SIGNED_UNITS else ""
    suffix = _UNIT_SUFFIX.get(unit, " " + unit.replace("_", " "))
    return f"{value:{sign},.{decimals}f}{suffix}"


def _level(value: float, unit: str) -> str:
    """A figure as stored, without padding zeros: 1803.33 → "1,803.33", 11643.0 → "11,643"."""
    return f"{value:,.10g}{_UNIT_SUFFIX.get(unit, ' ' + unit.replace('_', ' '))}"


def _years(year_from, year_to) -> str:
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


def _structure(claim, ctx: _Context) -> Check:
    """§3.2.1 quantities (value added, shares, share changes, growth) by ``indicators.structure_claims``."""
    row = indicators.structure_claims(_one(claim), ctx.value_added, section=claim.section).iloc[0]
    start, end = int(claim.year_from), int(claim.year_to)
    level = claim.quantity == "value_added"
    sectors = [claim.sector] if level or claim.quantity == "growth_rate" else None
    sources = ctx.va_sources([claim.region], {start, end}, sectors)
    text = _level(row["recomputed"], claim.unit) if level else _number(row["recomputed"], int(claim.decimals) + 2, claim.unit)
    note = _chengdu_totals(claim, ctx) if level and claim.region == "chengdu" else ""
    return Check(row["recomputed"], text, sources, bool(row["agrees"]), derived=not level, note=note)


def _chengdu_totals(claim, ctx: _Context) -> str:
    """How Chengdu's Table 1 sum for the year compares with the bulletin's GDP, where one is sourced."""
    figures = ctx.frames["indicators"]
    gdp = figures[(figures["series"] == "gdp") & (figures["region"] == "chengdu") & (figures["year"] == int(claim.year_to))]
    gdp = gdp[gdp["source"].map(ctx.tiers) != PAPER_TIER]
    if gdp.empty:
        return f"No release in the data package gives Chengdu's value added or GDP for {int(claim.year_to)}."
    va = ctx.value_added
    total = va[(va["region"] == "chengdu") & (va["year"] == int(claim.year_to))]["value"].sum()
    published = float(gdp["value"].iloc[0])
    return (
        f"The year's three Table 1 cells sum to {total:,.1f} 亿元 and the bulletin's GDP ({gdp['source'].iloc[0]}) "
        f"is {published:,.2f} 亿元, a difference of {abs(total - published):.2f}: the total is corroborated, the split is not."
    )


def _national_share(claim, ctx: _Context) -> Check:
    """A Table 2 cell: the region's share of national value added, by ``compare_with_printed``."""
    year = int(claim.year_to)
    shares = indicators.national_share_table(ctx.value_added, [claim.region], [year], nation=_NATION)
    cell = shares[shares["sector"] == claim.sector]
    printed = pd.DataFrame([{"region": claim.region, "year": year, "sector": claim.sector,
                             "value": float(claim.value), "decimals": int(claim.decimals)}])
    row = indicators.compare_with_printed(cell, printed, "share").iloc[0]
    sources = ctx.va_sources([claim.region, _NATION], [year], [claim.sector])
    return Check(float(row["recomputed"]), _number(row["recomputed"], int(claim.decimals) + 2, claim.unit),
                 sources, bool(row["match"]), derived=True)


def _trend(claim, ctx: _Context) -> Check:
    """A trend read in Table 2, tested by its class's rule (``indicators.trend_claim_verdicts``)."""
    if claim.unit != "percent_of_national":
        raise ValueError(f"claim {claim.id}: trend claims are checked on shares of national value added, not {claim.unit!r}")
    years = range(int(claim.year_from), int(claim.year_to) + 1)
    shares = indicators.national_share_table(ctx.value_added, [claim.region], years, nation=_NATION)
    verdict = indicators.trend_claim_verdicts(_one(claim), shares).iloc[0]
    sources = ctx.va_sources([claim.region, _NATION], years, [claim.sector])
    return Check(None, f"{verdict['path']} ({verdict['shape']})", sources, bool(verdict["holds"]), derived=True,
                 printed=verdict["claimed"])


def _cities(claim) -> tuple[str, ...]:
    return CORE_CITIES if claim.region == "chengyu_circle" else (claim.region,)


def _core_cities_national_share(claim, ctx: _Context) -> Check:
    """The cities' combined share of national value added (all sectors), tested as a trend class.

    For the circle, the cities are :data:`CORE_CITIES`, the paper's evidence (Table 2); each
    city's share is ``indicators.industrial_system(...)["national_share"]``.
    """
    claimed = _qualifier(claim.quantity)
    years = range(int(claim.year_from), int(claim.year_to) + 1)
    cities = _cities(claim)
    combined = sum(indicators.industrial_system(ctx.value_added, city, years, nation=_NATION)["national_share"] for city in cities)
    decimals = int(claim.decimals)
    holds = indicators.trend_holds(combined.to_numpy(), claimed, decimals)
    text = f"{_path(combined.round(decimals), decimals)} ({indicators.trend(combined.to_numpy(), decimals)})"
    names = " and ".join(ctx.names[c] for c in cities)
    note = f"Read on the paper's evidence, Table 2: the combined share of {names} in national value added. "
    circle = _circle_gdp_share(ctx)
    if circle:
        note += circle
    return Check(None, text, ctx.va_sources([*cities, _NATION], years), holds, derived=True, note=note.strip(),
                 printed=claimed)


def _circle_gdp_share(ctx: _Context) -> str:
    """The whole circle's share of national GDP in the years both are sourced, as a sentence."""
    figures = ctx.frames["indicators"]
    gdp = figures[figures["series"] == "gdp"].pivot_table(index="year", columns="region", values="value")
    if "chengyu_circle" not in gdp or _NATION not in gdp:
        return ""
    both = gdp[["chengyu_circle", _NATION]].dropna()
    if len(both) < 2:
        return ""
    shares = [indicators.share_percent(row["chengyu_circle"], row[_NATION]) for _, row in both.iterrows()]
    path = " → ".join(f"{s:.2f}%" for s in shares)
    return (f"The whole circle's share of national GDP is published only for {both.index[0]}–{both.index[-1]}: {path}.")


def _location_quotient(claim, ctx: _Context) -> Check:
    """The sector's location quotient (区位熵) of each city in each year; 'above one' holds if all are > 1.

    Reads "the sector may have a competitive advantage nationally" as "it weighs more in the
    city's economy than in the nation's", ``indicators.location_quotient_table``, rounded to
    the claim's decimals.
    """
    if _qualifier(claim.quantity) != "above one":
        raise ValueError(f"claim {claim.id}: location quotient claims read 'above one', not {_qualifier(claim.quantity)!r}")
    years = range(int(claim.year_from), int(claim.year_to) + 1)
    cities = _cities(claim)
    lq = indicators.location_quotient_table(ctx.value_added, list(cities), years, nation=_NATION)
    lq = lq[lq["sector"] == claim.sector]
    decimals = int(claim.decimals)
    parts, below = [], []
    for city in cities:
        values = lq.loc[lq["region"] == city, "lq"].round(decimals)
        parts.append(f"{ctx.names[city]} {_path(values, decimals)}")
        if not (values > 1).all():
            below.append(ctx.names[city])
    note = (f"Read as: the {claim.sector} sector's location quotient is above 1 in each city and year. "
            + (f"It is not for {', '.join(below)}." if below else "It is everywhere."))
    return Check(None, "; ".join(parts), ctx.va_sources([*cities, _NATION], years), not below, derived=True,
                 note=note, printed="above 1")


def _industrial_system_count(claim, ctx: _Context) -> Check:
    """A count of a city's industrial system (§3.1), from ``industrial_systems`` by its English group name."""
    qualifier = _qualifier(claim.quantity)
    systems = ctx.frames["industrial_systems"]
    rows = systems[(systems["city"] == claim.region) & systems["group_en"].str.contains(qualifier, case=False, regex=False)]
    if len(rows) != 1:
        raise ValueError(f"claim {claim.id}: {len(rows)} groups of {claim.region} match {qualifier!r}, expected 1")
    row = rows.iloc[0]
    document = ctx.frames["sources"].set_index("id").loc[row["source"], "document"]
    note = f"The paper cites it from {document}; the plan itself is not in the data package."
    if isinstance(row["members_zh"], str) and row["members_zh"]:
        note += f" The paper names {len(row['members_zh'].split('、'))} of them."
    value = float(row["count"])
    return Check(value, _level(value, claim.unit), frozenset([row["source"]]),
                 indicators.agrees_at_precision(value, float(claim.value), int(claim.decimals)), derived=False, note=note)


def _released_figure(claim, ctx: _Context) -> Check:
    """An innovation figure (§3.2.3): verified when a release states it (``indicators.claim_status``)."""
    figures = ctx.frames["indicators"]
    status = indicators.claim_status(_one(claim), figures, ctx.frames["sources"]).iloc[0]
    same = figures[(figures["series"] == claim.quantity) & (figures["unit"] == claim.unit)]
    if status["verified_by"]:
        ids = status["verified_by"].split(",")
        match = same[(same["region"] == claim.region) & same["source"].isin(ids)]
        if not pd.isna(claim.year_to):
            match = match[match["year"] == int(claim.year_to)]
        value = float(match["value"].iloc[0])
        return Check(value, _level(value, claim.unit), frozenset(ids), True, derived=False,
                     note=f"Matches at the precision printed (±{indicators.printed_tolerance(float(claim.value), int(claim.decimals)):g}).")
    own = same[(same["region"] == claim.region) & (same["source"].map(ctx.tiers) == PAPER_TIER)]
    if not pd.isna(claim.year_to):
        own = own[own["year"] == int(claim.year_to)]
    released = same[same["source"].map(ctx.tiers) != PAPER_TIER]
    where = f"{ctx.names[claim.region]}" + ("" if pd.isna(claim.year_to) else f", {int(claim.year_to)}")
    note = f"No release in the data package states this figure ({where})"
    note += "; the paper gives no year." if pd.isna(claim.year_to) else "."
    if len(released):
        listed = "; ".join(f"{ctx.names[r.region]} {r.year}: {_level(r.value, r.unit)}" for r in released.itertuples())
        note += f" Releases give: {listed}."
    note += _related_release(claim, ctx)
    if own.empty:
        return Check(None, "", frozenset(), None, derived=False, note=note)
    value = float(own["value"].iloc[0])
    return Check(value, _level(value, claim.unit), frozenset(own["source"]),
                 indicators.agrees_at_precision(value, float(claim.value), int(claim.decimals)), derived=False, note=note)


def _related_release(claim, ctx: _Context) -> str:
    """A sentence naming the closest released series of the same family on another base, if any.

    The family is the claim's quantity as a prefix (``collaborative_innovation_index`` →
    ``collaborative_innovation_index_growth``); the shortest such series name is the closest.
    """
    figures = ctx.frames["indicators"]
    related = figures[figures["series"].str.startswith(claim.quantity + "_") & (figures["source"].map(ctx.tiers) != PAPER_TIER)]
    if related.empty:
        return ""
    closest = related[related["series"] == min(related["series"], key=len)]
    listed = "; ".join(f"{r.year}: {r.value:g} ({r.unit}, {r.source})" for r in closest.itertuples())
    return (f" A release gives {closest['series'].iloc[0]} on base year {indicators.base_year(closest['unit'].iloc[0])} "
            f"({listed}); without that edition's value for the paper's base year the two cannot be compared.")


def _index_growth(claim, ctx: _Context) -> Check:
    """Growth of an index over its base (``indicators.growth_since_base``), from a release or the paper's levels."""
    released = _released_figure(claim, ctx)
    if released.agrees and released.sources and all(ctx.tiers[s] != PAPER_TIER for s in released.sources):
        return released
    base = indicators.base_year(claim.unit)
    figures = ctx.frames["indicators"]
    series = claim.quantity.removesuffix("_growth")
    levels = figures[(figures["series"] == series) & (figures["region"] == claim.region) & (figures["unit"] == f"index_{base}_100")]
    levels = levels[levels["year"].isin([base, int(claim.year_to)])]
    growth = indicators.growth_since_base(levels)
    if growth.empty:
        return Check(None, "", frozenset(), None, derived=True, note=released.note)
    value = float(growth["growth"].iloc[0])
    end = float(levels.loc[levels["year"] == int(claim.year_to), "value"].iloc[0])
    note = f"From the index levels the paper gives ({base} = 100, {int(claim.year_to)} = {end:g}); the level itself is not verifiable."
    return Check(value, _number(value, int(claim.decimals) + 2, claim.unit), frozenset(levels["source"]),
                 indicators.agrees_at_precision(value, float(claim.value), int(claim.decimals)), derived=True, note=note)


def _judgement(claim, ctx: _Context) -> Check:
    """A judgement in words (§4.2): no open figure measures it."""
    return Check(None, "", frozenset(), None, derived=False, printed=_qualifier(claim.quantity) or "—", note=(
        "A judgement in words, with no figure. The data package holds no measure of interaction between the "
        "two cities' innovation systems (joint patents, technology flows between them, co-authored papers)."))


#: Recomputation rule of each quantity (the part of ``quantity`` before any ":"), with what it does.
RULES: dict[str, tuple[str, Callable[..., Check]]] = {
    "value_added": ("value added of the region and sector in year_to, from value_added", _structure),
    "sector_share": ("the sector's share of the region's value added, structure_claims", _structure),
    "share_change": ("change in the sector's share, percentage points, structure_claims", _structure),
    "growth_rate": ("growth of the sector's value added, structure_claims", _structure),
    "national_share": ("share of national value added, national_share_table and compare_with_printed", _national_share),
    "trend": ("class of the trend of the share of national value added, trend_claim_verdicts", _trend),
    "core_cities_national_share": ("trend of the core cities' combined share of national value added", _core_cities_national_share),
    "location_quotient": ("the sector's location quotient of each core city above 1", _location_quotient),
    "industrial_system_count": ("count of a group in industrial_systems", _industrial_system_count),
    "collaborative_innovation_index": ("figure stated by a release, claim_status", _released_figure),
    "collaborative_innovation_index_growth": ("growth over the index's base year, growth_since_base", _index_growth),
    "technology_based_firms": ("figure stated by a release, claim_status", _released_figure),
    "high_tech_enterprises": ("figure stated by a release, claim_status", _released_figure),
    "tech_contract_turnover": ("figure stated by a release, claim_status", _released_figure),
    "higher_education_institutions": ("figure stated by a release, claim_status", _released_figure),
    "co_innovation": ("a judgement in words: not recomputable", _judgement),
}


# --- assembling the audit --------------------------------------------------------------------


def table_claims(paper_tables: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Each cell of the paper's tables as a claim, with the columns of ``paper_claims``.

    Ids read ``t<table>_<region>_<sector>_<year>`` (e.g. ``t1_chengdu_primary_2020``); the
    section is "Table 1" or "Table 2"; the statement names the cell by the paper's row label.
    """
    names = regions.set_index("id")["name_zh"]
    records = []
    for cell in paper_tables.itertuples():
        table = str(cell.table)
        records.append({
            "id": f"t{table}_{cell.region}_{cell.sector}_{cell.year}", "section": f"Table {table}",
            "statement": f"表{table} {TABLE_ROW_LABELS[(table, cell.sector)]}, {names[cell.region]}, {cell.year}年",
            "quantity": TABLE_QUANTITIES[table], "region": cell.region, "sector": cell.sector,
            "year_from": cell.year, "year_to": cell.year, "value": float(cell.value), "unit": cell.unit,
            "decimals": int(cell.decimals),
        })
    return pd.DataFrame.from_records(records)


def _rule(quantity: str) -> Callable[..., Check] | None:
    entry = RULES.get(quantity.split(":", 1)[0])
    return entry[1] if entry else None


def _basis(sources: frozenset[str], tiers: pd.Series) -> str:
    parts = []
    if TABLE_1_SOURCE in sources:
        parts.append(BASIS_TABLE_1)
    if any(tiers[s] == PAPER_TIER for s in sources - {TABLE_1_SOURCE}) or not sources:
        parts.append(BASIS_PAPER)
    if any(tiers[s] != PAPER_TIER for s in sources):
        parts.append(BASIS_OFFICIAL)
    return " and ".join(parts)


def _judge(claim, check: Check, ctx: _Context) -> tuple[str, str]:
    """(status, reason) of a claim from its check."""
    paper_only = bool(check.sources) and all(ctx.tiers[s] == PAPER_TIER for s in check.sources)
    printed = check.printed or _number(float(claim.value), int(claim.decimals), claim.unit)
    if check.agrees is None:
        return NOT_VERIFIABLE, check.note
    if not check.agrees:
        lead = f"The paper states {printed}; the data give {check.text}."
        if check.printed:
            lead = f"The paper's reading ({printed}) does not hold: the data give {check.text}."
        if paper_only and not check.derived:
            lead = f"The paper states {printed} here but {check.text} in its own figures."
        return DIFFERS, f"{lead} {check.note}".strip()
    if paper_only and not check.derived:
        lead = "The data package holds this figure only as the paper prints it (source tier P), so it cannot be checked here."
        return NOT_VERIFIABLE, f"{lead} {check.note}".strip()
    if paper_only:
        lead = f"Arithmetic consistency only: recomputed from {_basis(check.sources, ctx.tiers)}, not from a release."
        return REPRODUCED, f"{lead} {check.note}".strip()
    if check.printed:
        lead = "The claimed reading holds by its rule."
    else:
        lead = f"Agrees to within ±{0.5 * 10 ** -int(claim.decimals):g}, the paper's precision."
    if TABLE_1_SOURCE in check.sources:
        lead += " Chengdu's value added is the paper's own Table 1; the other figures are official releases."
    return REPRODUCED, f"{lead} {check.note}".strip()


def audit(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every claim of the paper (``paper_claims`` and each cell of ``paper_tables``), recomputed and judged.

    ``frames`` is :func:`chengyu.data.load_all`. Returns one row per claim, in the paper's order
    (by :data:`CHAPTERS`), with the columns of :data:`COLUMNS`: the claim (id, section, the
    paper's words, quantity, region, sector, years), ``printed`` and ``recomputed`` as text,
    ``status`` (one of :data:`STATUSES`), ``basis``, ``reason``, ``chapter`` (the page that
    discusses it), the two numbers (``printed_value``, ``recomputed_value``; NaN when there is
    none), ``decimals``, ``unit`` and ``sources`` (ids, comma-separated).

    Raises ``ValueError`` naming every claim whose quantity has no rule in :data:`RULES` or
    whose section has no chapter, before recomputing anything.
    """
    claims = pd.concat([frames["paper_claims"], table_claims(frames["paper_tables"], frames["regions"])], ignore_index=True)
    no_rule = [f"{c.id} ({c.quantity})" for c in claims.itertuples() if _rule(c.quantity) is None]
    if no_rule:
        raise ValueError(f"no recomputation rule for {', '.join(no_rule)}; known quantities: {', '.join(RULES)}")
    no_chapter = [f"{c.id} (section {c.section})" for c in claims.itertuples() if c.section not in CHAPTERS]
    if no_chapter:
        raise ValueError(f"no chapter for {', '.join(no_chapter)}; known sections: {', '.join(CHAPTERS)}")
    ctx = _Context(frames)
    records = []
    for claim in claims.itertuples(index=False):
        check = _rule(claim.quantity)(claim, ctx)
        status, reason = _judge(claim, check, ctx)
        has_value = not pd.isna(claim.value)
        # a figure held only as the paper prints it is no recomputation: show none
        shown = "" if status == NOT_VERIFIABLE else check.text
        records.append({
            "id": claim.id, "section": claim.section, "statement": claim.statement, "quantity": claim.quantity,
            "region": claim.region, "sector": "" if pd.isna(claim.sector) else claim.sector,
            "years": _years(claim.year_from, claim.year_to),
            "printed": check.printed or (_number(float(claim.value), int(claim.decimals), claim.unit) if has_value else "—"),
            "recomputed": shown or "—",
            "status": status, "basis": _basis(check.sources, ctx.tiers), "reason": reason,
            "chapter": CHAPTERS[claim.section],
            "printed_value": float(claim.value) if has_value else math.nan,
            "recomputed_value": check.value if (check.value is not None and shown) else math.nan,
            "decimals": int(claim.decimals), "unit": claim.unit, "sources": ",".join(sorted(check.sources)),
        })
    result = pd.DataFrame.from_records(records, columns=COLUMNS)
    order = result["section"].map(list(CHAPTERS).index)
    return result.assign(_order=order).sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def summary(audit_frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of claims of each status (columns, in :data:`STATUSES` order) by ``by`` (rows, in order of appearance).

    A ``total`` column sums each row; statuses no claim has are kept as 0.
    """
    counts = pd.crosstab(audit_frame[by], audit_frame["status"]).reindex(
        index=list(dict.fromkeys(audit_frame[by])), columns=list(STATUSES), fill_value=0)
    counts.columns.name = None
    return counts.assign(total=counts.sum(axis=1)).astype(int)


def status_counts(audit_frame: pd.DataFrame) -> pd.Series:
    """Number of claims with each status, indexed by :data:`STATUSES` in order (zeros included), as ints."""
    unknown = set(audit_frame["status"]) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status(es): {sorted(unknown)}")
    return audit_frame["status"].value_counts().reindex(list(STATUSES), fill_value=0).astype(int).rename("claims")


# --- the page's table --------------------------------------------------------------------------

#: The value of each row's ``data-status`` attribute, by status (no spaces, for CSS and scripts).
STATUS_SLUGS = {REPRODUCED: "reproduced", DIFFERS: "differs", NOT_VERIFIABLE: "not-verifiable"}
_STATUS_COLOURS = {REPRODUCED: "#e3f1e3", DIFFERS: "#f8dcdc", NOT_VERIFIABLE: "#ececec"}

_FILTER_SCRIPT = """<script>
(function () {
  var select = document.getElementById("audit-filter");
  var rows = document.querySelectorAll("#audit-claims tbody tr");
  select.addEventListener("change", function () {
    for (var i = 0; i < rows.length; i++) {
      var show = select.value === "all" || rows[i].getAttribute("data-status") === select.value;
      rows[i].style.display = show ? "" : "none";
    }
  });
})();
</script>"""


def to_html(audit_frame: pd.DataFrame, region_names: dict[str, str] | None = None) -> str:
    """The audit as one HTML table that a reader can filter by status, with a link to each chapter.

    Each row carries ``data-status`` (:data:`STATUS_SLUGS`); a ``<select>`` and a few lines of
    inline JavaScript, loading nothing, hide the other rows. Without JavaScript every row shows.
    The first cell names the claim, its section, region (``region_names``: id → display name)
    and years, and links to its chapter, relative to a page in ``book/`` (``02-structure.html``).
    """
    esc = html.escape
    names = region_names or {}
    counts = status_counts(audit_frame)
    options = [f'<option value="all">All claims ({len(audit_frame)})</option>'] + [
        f'<option value="{STATUS_SLUGS[s]}">{esc(s.capitalize())} ({counts[s]})</option>' for s in STATUSES
    ]
    head = ["Claim", "论文 (the paper's words)", "Paper", "Data", "Status and basis", "Why"]
    rows = []
    for r in audit_frame.itertuples():
        page = r.chapter.removeprefix("book/")
        section = r.section if r.section.startswith("Table") else f"§{r.section}"
        where = " · ".join(part for part in (section, names.get(r.region, r.region), r.years) if part)
        cells = [
            f'<code style="word-break:break-all">{esc(r.id)}</code><br><small>{esc(where)}</small><br>'
            f'<small><a href="{esc(page)}.html">{esc(CHAPTER_TITLES.get(r.chapter, page))}</a></small>',
            esc(r.statement), esc(r.printed), esc(r.recomputed),
            f'<span style="background:{_STATUS_COLOURS[r.status]};padding:0 0.3em">{esc(r.status)}</span>'
            f'<br><small>{esc(r.basis)}</small>',
            esc(r.reason),
        ]
        rows.append(f'<tr data-status="{STATUS_SLUGS[r.status]}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        '<div class="audit">'
        '<p><label for="audit-filter">Show: </label><select id="audit-filter">' + "".join(options) + "</select></p>"
        '<div style="overflow-x:auto"><table id="audit-claims" class="table" style="font-size:0.8em">'
        "<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table></div></div>" + _FILTER_SCRIPT
    )

"""Splits that add up: every region-year's three sectors against its published GDP, and tier C.

A tier-C source (``sources.csv``) is a transcription of a statistics bureau's release made by a
third party: a site that reposts bulletins, or a repository that parsed them into tables. It is
used only where no tier A or B copy of the release could be found, and only under checks that a
transcription error would fail. :func:`problems` reports, as ``FILE:ROW: FIELD: what is wrong``
(nothing is rewritten):

- a tier-C source whose row does not say where its figures were read (``where_read``: the page,
  or the repository, commit and path);
- a tier-C split without a GDP for its region and year in ``indicators.csv`` (series ``gdp``)
  from the same source, or from an A or B release (the transcription then agrees with it);
- any region-year, of any tier, whose three sectors do not add up to its published GDP within
  the rounding of the printed figures: :data:`ROUNDING_UNITS` units of the last decimal printed
  (four figures, each rounded by up to half a unit). A parse that caught pieces of two
  sentences, or a percentage for a value, fails; so does a split of one vintage beside a GDP of
  another.
"""

from __future__ import annotations

from collections import defaultdict

from chengyu.validate import Table

TIER = "C"
#: Tiers a transcription may lean on for its GDP besides its own source
CORROBORATING = ("A", "B")
ROUNDING_UNITS = 2


def decimals(value: float) -> int:
    """The decimals a number was printed with, as parsed: 2 for 210.18, 0 for 15695."""
    text = repr(float(value))
    whole, _, fraction = text.partition(".")
    return 0 if fraction == "0" else len(fraction)


def tolerance(values) -> float:
    """How far a sum of printed figures may be from a printed total: :data:`ROUNDING_UNITS`
    units of the coarsest last decimal among them."""
    return ROUNDING_UNITS * 10 ** -min(decimals(v) for v in values)


def problems(tables: dict[str, Table]) -> list[str]:
    """Every tier-C source or split, and every split against its GDP, that fails a check."""
    sources, value_added, indicators = (
        tables[name] for name in ("sources", "value_added", "indicators")
    )
    tier = {row["id"]: row["tier"] for row in sources.rows}
    found = []
    for row in sources.rows:
        if row["tier"] == TIER and not row.get("where_read"):
            found.append(
                f"{sources.path}:{row['_row']}: where_read: a tier-C source must say where "
                "its figures were read (a page, or a repository, commit and path)"
            )
    splits = defaultdict(list)
    for row in value_added.rows:
        splits[(row["region"], row["year"])].append(row)
    gdp = {
        (row["region"], row["year"]): row
        for row in indicators.rows
        if row["series"] == "gdp"
    }
    for (region, year), rows in splits.items():
        total = gdp.get((region, year))
        for source in sorted(
            {r["source"] for r in rows if tier.get(r["source"]) == TIER}
        ):
            if total is None or (
                total["source"] != source
                and tier.get(total["source"]) not in CORROBORATING
            ):
                first = min(r["_row"] for r in rows if r["source"] == source)
                found.append(
                    f"{value_added.path}:{first}: source: the tier-C split of {region} "
                    f"{year} ({source}) needs the GDP that {source} gives (or an A or B "
                    f"release), as a row of {indicators.path} (series gdp, {region}, {year})"
                )
        if total is None or len(rows) != 3:
            continue
        values = [r["value"] for r in rows]
        added = sum(values)
        if abs(added - total["value"]) > tolerance([*values, total["value"]]) + 1e-9:
            where = ", ".join(str(r["_row"]) for r in rows)
            found.append(
                f"{value_added.path}:{where}: value: the split of {region} {year} adds up to "
                f"{added:,.2f}, not to the GDP {total['value']:,.2f} published for it "
                f"({indicators.path}:{total['_row']}, {total['source']}); check the "
                "transcription, or the vintages of the two"
            )
    return found

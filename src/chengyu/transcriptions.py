"""Tier C: figures read in a secondary transcription of a release, and the checks they must pass.

A tier-C source (``sources.csv``) is a transcription of a statistics bureau's release made by a
third party: a site that reposts bulletins, or a repository that parsed them into tables. It is
used only where no tier A or B copy of the release could be found, and only under two checks
that a transcription error would fail:

- its row in ``sources.csv`` says where the figures were read (``where_read``: the page, or the
  repository, commit and path);
- each region-year split it gives adds up to the GDP that the same source gives for that region
  and year (``indicators.csv``, series ``gdp``, the same ``source``), within :data:`TOLERANCE`:
  a parse that caught pieces of two sentences, or a percentage for a value, does not.

:func:`problems` reports each failure as ``FILE:ROW: FIELD: what is wrong``; nothing is rewritten.
"""

from __future__ import annotations

from collections import defaultdict

from chengyu.validate import Table

TIER = "C"
#: 亿元: a split and a GDP printed to one decimal, each rounded by up to 0.05
TOLERANCE = 0.1


def problems(tables: dict[str, Table]) -> list[str]:
    """Every tier-C source or split that fails a check, one line each."""
    sources, value_added, indicators = (
        tables[name] for name in ("sources", "value_added", "indicators")
    )
    found = []
    tier_c = set()
    for row in sources.rows:
        if row["tier"] != TIER:
            continue
        tier_c.add(row["id"])
        if not row.get("where_read"):
            found.append(
                f"{sources.path}:{row['_row']}: where_read: a tier-C source must say where "
                "its figures were read (a page, or a repository, commit and path)"
            )
    splits = defaultdict(list)
    for row in value_added.rows:
        if row["source"] in tier_c:
            splits[(row["region"], row["year"], row["source"])].append(row)
    gdp = {
        (row["region"], row["year"]): row
        for row in indicators.rows
        if row["series"] == "gdp"
    }
    for (region, year, source), rows in splits.items():
        first = rows[0]["_row"]
        total = gdp.get((region, year))
        if total is None or total["source"] != source:
            found.append(
                f"{value_added.path}:{first}: source: the tier-C split of {region} {year} "
                f"({source}) needs the GDP that {source} gives, as a row of "
                f"{indicators.path} (series gdp, {region}, {year}, source {source})"
            )
            continue
        added = sum(row["value"] for row in rows)
        if len(rows) != 3 or abs(added - total["value"]) > TOLERANCE:
            where = ", ".join(str(row["_row"]) for row in rows)
            found.append(
                f"{value_added.path}:{where}: value: the tier-C split of {region} {year} "
                f"({source}) adds up to {added:,.2f} in {len(rows)} sector(s), not to the "
                f"GDP {total['value']:,.2f} that the same source gives "
                f"({indicators.path}:{total['_row']}); check the transcription"
            )
    return found

"""Locate, validate and load the book's data package (``data/``).

Every load validates the package first (:mod:`chengyu.validate`), so that a bad edit stops the
book with the same ``FILE:ROW: FIELD: what is wrong`` lines as ``chengyu check``, never with a
silent NaN further down.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from chengyu import transcriptions
from chengyu.validate import DESCRIPTOR, DataError, read_descriptor, read_package

__all__ = [
    "DESCRIPTOR",
    "SECTORS",
    "DataError",
    "by_sector",
    "data_dir",
    "descriptor",
    "load",
    "load_all",
    "revised_structure",
    "series",
    "series_regions",
    "split_tiers",
    "without_tier",
    "sources_of",
    "validate",
]

SECTORS = ("primary", "secondary", "tertiary")


def data_dir() -> Path:
    """The data package directory.

    ``$CHENGYU_DATA`` if set; otherwise the first ``data/`` holding a ``datapackage.json`` in
    the current directory or above it, as a chapter run from ``book/`` finds the book's own
    package. Raises :class:`DataError` when there is none.
    """
    env = os.environ.get("CHENGYU_DATA")
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / DESCRIPTOR).is_file():
            return folder / "data"
    raise DataError(
        [
            f"no data package found in {here} or above it (a data/{DESCRIPTOR}); "
            "run from inside the book's repository or set CHENGYU_DATA"
        ]
    )


def descriptor(directory: Path | str | None = None) -> dict:
    """The parsed ``datapackage.json`` of ``directory`` (default: :func:`data_dir`)."""
    return read_descriptor(Path(directory or data_dir()))


def _read_checked(directory: Path):
    """The package's tables and problems: its files against the descriptor, then (once they are
    valid) its tier-C figures against their checks (:mod:`chengyu.transcriptions`)."""
    tables, problems = read_package(directory)
    return tables, problems or transcriptions.problems(tables)


def validate(directory: Path | str | None = None) -> list[str]:
    """Check every file of the data package; return the problems (empty when valid).

    Each problem reads ``FILE:ROW: FIELD: what is wrong``. Files are only read, never rewritten.
    """
    try:
        return _read_checked(Path(directory or data_dir()))[1]
    except DataError as exc:
        return exc.problems


def load_all(directory: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Validate the package and return every resource as a DataFrame, by resource name.

    Raises :class:`DataError` listing every problem if any file is invalid, so that a bad
    edit stops the book build with the same message as ``chengyu check``.
    """
    tables, problems = _read_checked(Path(directory or data_dir()))
    if problems:
        raise DataError(problems)
    frames = {}
    for name, table in tables.items():
        columns = [f["name"] for f in table.schema["fields"]]
        frame = pd.DataFrame(
            [{c: r[c] for c in columns} for r in table.rows], columns=columns
        )
        for field in table.schema["fields"]:
            if field.get("type") == "integer":
                # an optional whole-number column keeps its gaps as <NA>, not as floats
                required = field.get("constraints", {}).get("required")
                frame[field["name"]] = frame[field["name"]].astype(
                    "int64" if required else "Int64"
                )
            elif field.get("type") == "number":
                frame[field["name"]] = frame[field["name"]].astype("float64")
        frames[name] = frame
    return frames


def load(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """One validated resource as a tidy DataFrame, e.g. ``load("value_added")``."""
    frames = load_all(directory)
    if name not in frames:
        raise KeyError(
            f"no resource {name!r} in the data package; there are {', '.join(frames)}"
        )
    return frames[name]


def by_sector(
    value_added: pd.DataFrame, region: str, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """One region's value added as a year × sector table (years as rows, sectors in order).

    With ``years``, exactly those rows: a year without figures raises ``ValueError`` naming it.
    A year with some sectors but not all is a :class:`DataError` in any case.
    """
    rows = value_added[value_added["region"] == region]
    if rows.empty:
        raise KeyError(f"no value added for region {region!r}")
    table = rows.pivot(index="year", columns="sector", values="value").reindex(
        columns=list(SECTORS)
    )
    missing = table.isna()
    gaps = [
        f"{year} {sector}"
        for year, row in missing[missing.any(axis=1)].iterrows()
        for sector in SECTORS
        if row[sector]
    ]
    if gaps:
        raise DataError(
            [f"value_added.csv: {region}: sector missing for {', '.join(gaps)}"]
        )
    if years is None:
        return table
    years = list(years)
    missing = [year for year in years if year not in table.index]
    if missing:
        raise ValueError(f"value_added: no figures for {region!r} in {missing}")
    return table.loc[years]


def sources_of(value_added: pd.DataFrame, regions, years) -> set[str]:
    """The source ids behind the value added of ``regions`` in ``years``, for a source note."""
    rows = value_added[
        value_added["region"].isin(list(regions))
        & value_added["year"].isin(list(years))
    ]
    return set(rows["source"])


def series(indicators: pd.DataFrame, name: str, region: str) -> pd.Series:
    """One indicator series for one region, indexed by year (only the years that are sourced)."""
    rows = indicators[(indicators["series"] == name) & (indicators["region"] == region)]
    if rows.empty:
        raise KeyError(f"no indicator {name!r} for region {region!r}")
    return rows.set_index("year")["value"].sort_index().rename(name)


def series_regions(indicators: pd.DataFrame, name: str) -> tuple[str, ...]:
    """The regions that have the indicator ``name``, in the order of their first row."""
    regions = tuple(
        dict.fromkeys(indicators.loc[indicators["series"] == name, "region"])
    )
    if not regions:
        raise KeyError(f"no region has the indicator {name!r}")
    return regions


REVISED = re.compile(r"revised to (\d+(?:\.\d+)?):(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)")


def revised_structure(note: str) -> pd.Series | None:
    """The revised three-sector structure that a source's note records ("… later revised to
    6.9:43.1:50"), as shares by sector; None when the note records none."""
    found = REVISED.search(note or "")
    if not found:
        return None
    return pd.Series([float(v) for v in found.groups()], index=list(SECTORS))


FIRST_PUBLISHED = re.compile(r"structure (\d[\d.:]*\d) as first published")


def vintage_note(note: str, lang: str = "en") -> str:
    """A source's note on the vintages of a structure, as the prose of ``lang`` quotes it:
    unchanged in English; in Chinese (``lang="zh"``) "structure 7.4:44.2:48.4 as first
    published; later revised to 6.9:43.1:50" reads "三次产业结构初次公布为7.4:44.2:48.4，后修订为
    6.9:43.1:50". A note in other words is returned unchanged."""
    first = FIRST_PUBLISHED.search(note or "")
    if lang == "en" or not first:
        return note
    text = f"三次产业结构初次公布为{first.group(1)}"
    revised = REVISED.search(note)
    if revised:
        text += "，后修订为" + ":".join(revised.groups())
    return text


def without_tier(
    value_added: pd.DataFrame, sources: pd.DataFrame, tier: str
) -> pd.DataFrame:
    """``value_added`` without the region-years whose split rests, in any sector, on a source of
    ``tier`` (e.g. "C"): a variant of the data for checking what a result owes to that tier."""
    tiers = value_added["source"].map(sources.set_index("id")["tier"])
    marked = value_added.assign(_tier=tiers == tier)
    rests = marked.groupby(["region", "year"])["_tier"].transform("any")
    return value_added[~rests]


def split_tiers(value_added: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The tier of each region-year's split (the sources' tiers joined, e.g. "A" or "B, C"):
    columns region, year, tier."""
    tiers = value_added.assign(
        tier=value_added["source"].map(sources.set_index("id")["tier"])
    )
    return (
        tiers.groupby(["region", "year"])["tier"]
        .agg(lambda t: ", ".join(sorted(set(t))))
        .reset_index()
    )


#: Phrases of the vintage notes in ``indicators.csv`` and ``value_added.csv``, in Chinese.
_NOTE_PHRASES_ZH = {
    "preliminary estimate": "初步核算数",
    "preliminary": "初步核算数",
}
_CENSUS_ORDINALS_ZH = {"3": "三", "4": "四", "5": "五"}
_REVISED_TO = re.compile(
    r"revised to ([\d.]+) after the (\d)(?:st|nd|rd|th) economic census"
)


def note_text(note: str, lang: str = "en") -> str:
    """A figure's vintage note as the prose quotes it: as written in English; in Chinese
    (``lang="zh"``) phrase by phrase, e.g. "preliminary estimate; revised to 919281 after the
    4th economic census" → 初步核算数；第四次全国经济普查后修订为919281. A phrase with no
    Chinese rendering raises ``ValueError`` rather than print English in Chinese prose."""
    if lang == "en":
        return note
    if lang != "zh":
        raise ValueError(f"unknown language {lang!r}")
    parts = []
    for phrase in (p.strip() for p in note.split(";")):
        revised = _REVISED_TO.fullmatch(phrase)
        if revised:
            value, census = revised.groups()
            parts.append(
                f"第{_CENSUS_ORDINALS_ZH[census]}次全国经济普查后修订为{value}"
            )
        elif phrase in _NOTE_PHRASES_ZH:
            parts.append(_NOTE_PHRASES_ZH[phrase])
        else:
            raise ValueError(f"no Chinese rendering for the note {phrase!r}")
    return "；".join(parts)

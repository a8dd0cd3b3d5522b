"""The study definition, ``data/study.yml``: which regions and years the book analyses.

Every chapter and the audit read the regions and years they show from here and from the data,
never from literals of their own, so that a fork changes what the book studies by editing
``data/``::

    focus: [chengdu, chongqing]   # the pair the book is about (the paper's two cities)
    benchmark: china              # the reference economy (national shares, LQ, shift-share)
    comparators: []               # other regions shown beside the focus pair
    paper_years: [2020, 2023]     # the paper's window: its tables are reproduced on it
    peer_pairs: []                # other city pairs measured like the focus pair

Two windows follow. The **paper window** (``paper_years``, inclusive) is where the paper's
Tables 1 and 2 and its §3.2.1 are reproduced cell for cell. The **analysis window** is every
year in which the focus regions and the benchmark all have the three sectors in
``value_added.csv``: everything the book adds beyond the paper runs over it, and its years after
the paper's are marked as such.

:func:`problems` checks the file against the data package and reports ``study.yml: FIELD: what
is wrong`` lines; :func:`load_study` raises :class:`~chengyu.validate.DataError` with the same lines.
The keys and their meaning are declared once, under ``study`` in ``datapackage.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from chengyu import data
from chengyu.tables import listing
from chengyu.validate import DataError

FILE = "study.yml"
#: More regions than the focus pair and this many comparators would crowd the charts.
MAX_COMPARATORS = 4


@dataclass(frozen=True)
class Study:
    """The study definition, checked against the data, with the analysis window it implies."""

    focus: tuple[str, str]
    benchmark: str
    comparators: tuple[str, ...]
    paper_years: tuple[int, int]
    peer_pairs: tuple[tuple[str, str], ...]
    analysis_years: tuple[int, ...]

    @property
    def paper_window(self) -> tuple[int, ...]:
        """Every year of the paper's window, first and last included."""
        return tuple(range(self.paper_years[0], self.paper_years[1] + 1))

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions shown region by region: the focus pair, then the comparators."""
        return self.focus + self.comparators

    @property
    def first_year(self) -> int:
        return self.analysis_years[0]

    @property
    def last_year(self) -> int:
        return self.analysis_years[-1]

    @property
    def window_label(self) -> str:
        """The analysis window as the book writes it, e.g. "2020–2023"."""
        return f"{self.first_year}–{self.last_year}"

    @property
    def paper_label(self) -> str:
        """The paper's window as the book writes it, e.g. "2020–2023"."""
        return f"{self.paper_years[0]}–{self.paper_years[1]}"

    @property
    def after_paper(self) -> tuple[int, ...]:
        """The years of the analysis window after the paper's last year."""
        return tuple(year for year in self.analysis_years if year > self.paper_years[1])

    def year_label(self, year: int) -> str:
        """A year as tables show it: "2024 (after the paper)" after the paper's window, else "2024"."""
        return f"{year} (after the paper)" if year > self.paper_years[1] else str(year)

    def periods(self) -> list[tuple[int, int]]:
        """Each pair of consecutive years of the analysis window, then the whole window, then the
        paper's window if it differs: the periods over which the chapters measure change."""
        years = self.analysis_years
        spans = [
            *zip(years, years[1:], strict=False),
            (years[0], years[-1]),
            self.paper_years,
        ]
        return list(dict.fromkeys(spans))

    @property
    def yearly_periods(self) -> list[tuple[int, int]]:
        """The pairs of consecutive years of the analysis window."""
        years = self.analysis_years
        return list(zip(years, years[1:], strict=False))


def complete_years(value_added: pd.DataFrame, region: str) -> set[int]:
    """The years in which ``region`` has value added for all three sectors."""
    rows = value_added[value_added["region"] == region]
    counts = rows.groupby("year")["sector"].nunique()
    return {int(year) for year, n in counts.items() if n == len(data.SECTORS)}


def analysis_years(value_added: pd.DataFrame, regions) -> tuple[int, ...]:
    """The years in which every region of ``regions`` has the three sectors, in order."""
    years = None
    for region in regions:
        years = (
            complete_years(value_added, region)
            if years is None
            else years & complete_years(value_added, region)
        )
    return tuple(sorted(years or ()))


def missing_years(value_added: pd.DataFrame, region: str, years) -> list[int]:
    """The years of ``years`` in which ``region`` lacks one or more sectors (a comparator's gaps)."""
    have = complete_years(value_added, region)
    return [year for year in years if year not in have]


def years_with_data(value_added: pd.DataFrame, regions) -> tuple[int, ...]:
    """Every year in which at least one of ``regions`` has the three sectors, in order."""
    return tuple(
        sorted(set().union(*(complete_years(value_added, r) for r in regions)))
    )


def gaps_note(
    study: Study, value_added: pd.DataFrame, labels: dict[str, str], lang: str = "en"
) -> str:
    """A sentence naming each comparator's years of the analysis window without the three sectors.

    Empty when every comparator is complete; a page shows it beside the charts that draw them.
    In Chinese with ``lang="zh"`` (and Chinese ``labels``).
    """
    parts = []
    for region in study.comparators:
        gaps = missing_years(value_added, region, study.analysis_years)
        if gaps:
            if lang == "zh":
                parts.append(f"{labels[region]}{listing(gaps, 'zh')}年")
            else:
                parts.append(f"{labels[region]} in {listing(gaps)}")
    if not parts:
        return ""
    if lang == "zh":
        return (
            "数据包中没有"
            + "、".join(parts)
            + "的三次产业增加值：图表中这些年份留空，不作估算。"
        )
    return (
        "The data package has no three-sector split for "
        + "; ".join(parts)
        + ": those years are left empty for that region, not estimated."
    )


def _read(directory: Path) -> tuple[object, list[str]]:
    path = directory / FILE
    if not path.is_file():
        return None, [
            f"{FILE}: missing (it names the regions and years the book studies; see {data.DESCRIPTOR})"
        ]
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), []
    except UnicodeDecodeError:
        return None, [f"{FILE}: not UTF-8 text"]
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        return None, [f"{FILE}: not valid YAML{line} ({getattr(exc, 'problem', exc)})"]


def _is_year(value) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and 1949 <= value <= 2100
    )


def _region_list(raw: dict, key: str, problems: list[str]) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            f"{FILE}: {key}: expected a list of region ids, e.g. [chengdu, chongqing], got {value!r}"
        )
        return []
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        problems.append(f"{FILE}: {key}: {', '.join(repeated)} listed twice")
    return value


def _known(
    key: str, ids, regions: set[str], with_data: set[str], problems: list[str]
) -> None:
    for region in ids:
        if region not in regions:
            problems.append(f"{FILE}: {key}: {region!r} is not a region in regions.csv")
        elif region not in with_data:
            problems.append(f"{FILE}: {key}: {region!r} has no rows in value_added.csv")


def _check(raw, frames: dict[str, pd.DataFrame], keys: list[str]) -> list[str]:
    if not isinstance(raw, dict):
        return [f"{FILE}: expected keys {', '.join(keys)}, got {type(raw).__name__}"]
    problems = [
        f"{FILE}: {key}: unknown key (expected {', '.join(keys)})"
        for key in raw
        if key not in keys
    ]
    problems += [
        f"{FILE}: {key}: missing"
        for key in keys
        if key not in raw and key != "peer_pairs"
    ]
    if problems:
        return problems
    value_added = frames["value_added"]
    regions, with_data = set(frames["regions"]["id"]), set(value_added["region"])

    focus = _region_list(raw, "focus", problems)
    if focus and len(focus) != 2:
        problems.append(
            f"{FILE}: focus: expected two regions (a pair), got {len(focus)}"
        )
    _known("focus", focus, regions, with_data, problems)
    benchmark = raw["benchmark"]
    if not isinstance(benchmark, str):
        problems.append(
            f"{FILE}: benchmark: expected one region id, e.g. china, got {benchmark!r}"
        )
    else:
        _known("benchmark", [benchmark], regions, with_data, problems)
    comparators = _region_list(raw, "comparators", problems)
    _known("comparators", comparators, regions, with_data, problems)
    clash = sorted(
        set(comparators)
        & ({*focus, benchmark} if isinstance(benchmark, str) else set(focus))
    )
    if clash:
        problems.append(
            f"{FILE}: comparators: {', '.join(clash)} already in focus or benchmark"
        )
    if len(comparators) > MAX_COMPARATORS:
        problems.append(
            f"{FILE}: comparators: at most {MAX_COMPARATORS} (the charts show the focus pair "
            f"and up to {MAX_COMPARATORS} more regions), got {len(comparators)}"
        )

    window = raw["paper_years"]
    if not (isinstance(window, list) and len(window) == 2):
        problems.append(
            f"{FILE}: paper_years: expected [first year, last year], e.g. [2020, 2023], got {window!r}"
        )
    elif not all(_is_year(year) for year in window):
        bad = next(year for year in window if not _is_year(year))
        problems.append(f"{FILE}: paper_years: {bad!r} is not a year")
    elif window[0] > window[1]:
        problems.append(
            f"{FILE}: paper_years: the window runs backwards ({window[0]} > {window[1]}); "
            f"write [{window[1]}, {window[0]}]"
        )

    pairs = raw.get("peer_pairs", [])
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 for p in pairs
    ):
        problems.append(
            f"{FILE}: peer_pairs: expected a list of pairs, e.g. [[beijing, tianjin]], got {pairs!r}"
        )
    else:
        for pair in pairs:
            if pair[0] == pair[1]:
                problems.append(
                    f"{FILE}: peer_pairs: {pair[0]!r} is paired with itself"
                )
            _known(
                "peer_pairs",
                [p for p in pair if isinstance(p, str)],
                regions,
                with_data,
                problems,
            )
    if problems:
        return problems

    for region in [*focus, benchmark]:
        gaps = missing_years(value_added, region, range(window[0], window[1] + 1))
        if gaps:
            problems.append(
                f"{FILE}: paper_years: {region} lacks the three sectors in {', '.join(map(str, gaps))} "
                "(the paper's tables are reproduced on this window)"
            )
    if not analysis_years(value_added, [*focus, benchmark]):
        problems.append(
            f"{FILE}: focus: no year in which {', '.join(focus)} and {benchmark} all have the three sectors"
        )
    return problems


def keys(descriptor: dict) -> list[str]:
    """The keys of ``study.yml``, as declared under ``study`` in ``datapackage.json``."""
    return list(descriptor["study"]["keys"])


def problems(
    directory: Path | str | None = None, frames: dict[str, pd.DataFrame] | None = None
) -> list[str]:
    """Check ``study.yml`` of the data package in ``directory``; ``study.yml: FIELD: what`` lines.

    ``frames`` (from :func:`chengyu.data.load_all`) saves reading the package again.
    """
    directory = Path(directory or data.data_dir())
    raw, found = _read(directory)
    if found:
        return found
    frames = frames if frames is not None else data.load_all(directory)
    return _check(raw, frames, keys(data.descriptor(directory)))


def load_study(
    frames: dict[str, pd.DataFrame] | None = None, directory: Path | str | None = None
) -> Study:
    """The checked study definition; raises :class:`~chengyu.validate.DataError` listing its problems."""
    directory = Path(directory or data.data_dir())
    frames = frames if frames is not None else data.load_all(directory)
    found = problems(directory, frames)
    if found:
        raise DataError(found)
    raw, _ = _read(directory)
    focus = tuple(raw["focus"])
    return Study(
        focus=focus,
        benchmark=raw["benchmark"],
        comparators=tuple(raw["comparators"]),
        paper_years=(raw["paper_years"][0], raw["paper_years"][1]),
        peer_pairs=tuple(tuple(pair) for pair in raw.get("peer_pairs") or ()),
        analysis_years=analysis_years(
            frames["value_added"], [*focus, raw["benchmark"]]
        ),
    )

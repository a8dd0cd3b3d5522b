"""After the paper: did the trends it read in its window go on in the years since?

Each function compares a measure in the paper's last year with the same measure in each year of
the analysis window after it (:attr:`chengyu.study.Study.after_paper`) and says whether the
direction the paper read continued. With no year after the paper in the data, each returns an
empty table and :func:`coverage` says what the data package does hold after the paper.

Every table has the columns of :data:`COLUMNS`: ``reading`` (what is checked), ``region``,
``direction`` ("rises" or "falls", the direction the reading implies at the window's end),
``paper_year`` and ``paper_value``, ``year`` and ``value`` (a year after the paper),
``change`` (value − paper_value) and ``continued`` (the change has the reading's direction).
"""

from __future__ import annotations

import pandas as pd

from chengyu import study as studies
from chengyu.indicators import specialisation, structure
from chengyu.tables import listing

COLUMNS = [
    "reading",
    "region",
    "direction",
    "paper_year",
    "paper_value",
    "year",
    "value",
    "change",
    "continued",
]

#: The direction each trend class of the paper implies at the end of its window.
END_DIRECTION = {
    "falls every year": "falls",
    "falls overall": "falls",
    "inverted V": "falls",
    "rises every year": "rises",
    "rises overall": "rises",
    "V": "rises",
}


def _rows(
    reading: str, region: str, direction: str, values: pd.Series, study: studies.Study
) -> list[dict]:
    end = study.paper_years[1]
    records = []
    if end not in values.index or pd.isna(values[end]):
        return records
    # every later year this region has, whether or not the pair and the benchmark all have it
    for year in (int(y) for y in values.index if y > end and pd.notna(values[y])):
        change = float(values[year] - values[end])
        records.append(
            {
                "reading": reading,
                "region": region,
                "direction": direction,
                "paper_year": end,
                "paper_value": float(values[end]),
                "year": year,
                "value": float(values[year]),
                "change": change,
                "continued": change > 0 if direction == "rises" else change < 0,
            }
        )
    return records


def _frame(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def tertiary_shares(value_added: pd.DataFrame, study: studies.Study) -> pd.DataFrame:
    """§3.2.1: the tertiary share of each focus region rose over the paper's window; did it go on rising?"""
    records = []
    for region in study.focus:
        years = sorted(studies.complete_years(value_added, region))
        shares = structure.shares_by_year(value_added, region, years)["tertiary"]
        records += _rows(
            "tertiary share of value added (%)", region, "rises", shares, study
        )
    return _frame(records)


def national_shares(
    value_added: pd.DataFrame, trend_claims: pd.DataFrame, study: studies.Study
) -> pd.DataFrame:
    """§4.1, Table 2: each row's share of national value added, in the direction the paper read.

    ``trend_claims`` are the paper's trend claims (quantity ``trend:<class>``); the direction is
    the one the class implies at the end of the window (:data:`END_DIRECTION`).
    """
    # the paper's readings are of its own cities, whatever pair the study focuses on
    table = specialisation.national_share_table(
        value_added,
        list(dict.fromkeys(trend_claims["region"])),
        sorted(studies.complete_years(value_added, study.benchmark)),
        study.benchmark,
    )
    records = []
    for claim in trend_claims.itertuples():
        direction = END_DIRECTION[claim.quantity.removeprefix("trend:")]
        rows = table[
            (table["region"] == claim.region) & (table["sector"] == claim.sector)
        ]
        records += _rows(
            f"{claim.sector} share of national value added (%)",
            claim.region,
            direction,
            rows.set_index("year")["share"],
            study,
        )
    return _frame(records)


def pair_structures(value_added: pd.DataFrame, study: studies.Study) -> pd.DataFrame:
    """The focus pair's structures drifted apart over the paper's window: did they go on drifting apart?

    Drifting apart is a falling similarity coefficient and a rising Krugman index.
    """
    a, b = study.focus
    table = specialisation.structure_similarity_table(
        value_added, [(a, b)], study.analysis_years
    ).set_index("year")
    pair = f"{a}–{b}"
    return _frame(
        _rows("similarity coefficient", pair, "falls", table["similarity"], study)
        + _rows("Krugman index", pair, "rises", table["krugman"], study)
    )


def coverage(
    frames: dict[str, pd.DataFrame],
    study: studies.Study,
    labels: dict[str, str],
    lang: str = "en",
) -> str:
    """What the data package holds after the paper's window for the focus regions and the benchmark.

    A sentence for each region: the later years with a three-sector split, and those with a
    published GDP but no split; the window's last year is the last year all of them have a split.
    In Chinese with ``lang="zh"`` (pass Chinese ``labels``, ``charts.region_labels(..., "zh")``).
    """
    end = study.paper_years[1]
    gdp = frames["indicators"][frames["indicators"]["series"] == "gdp"]
    parts = []
    for region in [*study.focus, study.benchmark]:
        split = sorted(
            y for y in studies.complete_years(frames["value_added"], region) if y > end
        )
        totals = sorted(
            set(gdp.loc[(gdp["region"] == region) & (gdp["year"] > end), "year"])
            - set(split)
        )
        if lang == "zh":
            parts.append(labels[region] + _held_zh(split, totals))
            continue
        held = []
        if split:
            held.append(f"a three-sector split for {listing(split)}")
        if totals:
            held.append(f"GDP only for {listing(totals)}")
        parts.append(f"{labels[region]}: {' and '.join(held) if held else 'nothing'}")
    if lang == "zh":
        return f"{end}年以后，数据包中" + "；".join(parts) + "。"
    return f"After {end} the data package holds, for " + "; ".join(parts) + "."


def _years_zh(years) -> str:
    """Years as a Chinese sentence lists them: "2024年和2025年"."""
    return listing([f"{year}年" for year in years], "zh")


def _held_zh(split: list[int], totals: list[int]) -> str:
    """What :func:`coverage` says the package holds for one region, in Chinese."""
    held = []
    if split:
        held.append(f"有{_years_zh(split)}的三次产业增加值")
    if totals:
        held.append(f"{'另有' if split else '仅有'}{_years_zh(totals)}的生产总值总量")
    return "，".join(held) if held else "无数据"


def summary(
    table: pd.DataFrame, paper_year: int, revised_years=(), lang: str = "en"
) -> str:
    """A sentence or two on a table of this module: how many readings went on after the paper,
    by year, for the regions that have the year.

    With no later year for any region, it says that the question stays open. When the package
    holds a revised vintage of ``paper_year`` (``revised_years``, e.g. after an economic
    census), it says that the comparison crosses vintages. In Chinese with ``lang="zh"``.
    """
    if lang == "zh":
        return _summary_zh(table, paper_year, revised_years)
    if table.empty:
        return (
            f"No region of these readings has a three-sector split after {paper_year}, so "
            "whether they went on cannot be checked yet."
        )
    parts = [
        f"{int(rows['continued'].sum())} of {len(rows)} in {year}"
        for year, rows in table.groupby("year")
    ]
    text = (
        f"Compared with {paper_year}, the direction the paper read continued for "
        + ", ".join(parts)
        + " (the table lists each, for the regions that have the year)."
    )
    if paper_year in set(revised_years):
        text += (
            f" Each comparison sets a later level, which the bureaus computed on a revised "
            f"{paper_year}, beside {paper_year} as first published: a step across vintages, "
            "which a revision alone can move."
        )
    return text


def _summary_zh(table: pd.DataFrame, paper_year: int, revised_years=()) -> str:
    """:func:`summary` in Chinese."""
    if table.empty:
        return (
            f"这些指标在{paper_year}年以后均没有地区具备三次产业划分，"
            "其走势是否延续尚无法检验。"
        )
    parts = [
        f"{year}年的{len(rows)}项中有{int(rows['continued'].sum())}项"
        for year, rows in table.groupby("year")
    ]
    text = (
        f"与{paper_year}年相比，"
        + "，".join(parts)
        + "延续了论文所述方向（表中逐项列出，仅含具备该年数据的地区）。"
    )
    if paper_year in set(revised_years):
        text += (
            f"每项比较都是把统计部门以修订后的{paper_year}年数据为基础推算的后续水平，"
            f"与初次公布的{paper_year}年数据相对照：这是跨数据版本的比较，"
            "仅数据修订一项就可能造成变动。"
        )
    return text

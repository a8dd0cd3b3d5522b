"""Peer pairs (对标): the measures of chapter 3, for the focus pair and for other pairs alike.

The paper calls the chain coordination of Chengdu and Chongqing "low" (较低), a comparative word.
These functions measure any pair of regions the way chapter 3 measures the focus pair, on the
three-sector value added of the years both regions and the nation have, so that the focus pair
can be placed among others:

- ``similarity``: the structural similarity coefficient (:func:`similarity_coefficient`);
- ``krugman``: the Krugman index (:func:`krugman_index`);
- ``lq_gap``: how differently the two are specialised, the mean absolute difference of their
  location quotients over the three sectors (:func:`lq_gap`), against the nation or, as a
  variant, against the pair's own combined structure;
- ``coupling``: the coupling coordination degree D of the two regions' industrial systems
  (:func:`industrial_system`), each region normalised over the pair's own years with entropy
  weights, chapter 3's usual choice; missing with fewer than :data:`MIN_COUPLING_YEARS` years.
  Min-max normalisation makes D relative to each pair's own period, so D ranks pairs only
  loosely; the chapter says so.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from chengyu.data import by_sector
from chengyu.indicators.coupling import coupling_coordination_table, industrial_system
from chengyu.indicators.specialisation import (
    krugman_index,
    location_quotient,
    similarity_coefficient,
)
from chengyu.study import analysis_years

#: Each measure: its name as a heading, and as a sentence names it. Ranks put the highest value
#: first whatever the measure means: a high similarity is alike, a high Krugman index different.
MEASURES: dict[str, tuple[str, str]] = {
    "similarity": ("Structural similarity coefficient", "the similarity coefficient"),
    "krugman": ("Krugman index", "the Krugman index"),
    "lq_gap": ("Location-quotient gap", "the location-quotient gap"),
    "coupling": ("Coupling coordination D", "the coupling coordination degree"),
}
#: The measures' names in Chinese, as :data:`MEASURES` gives them in English (heading, sentence)
MEASURES_ZH: dict[str, tuple[str, str]] = {
    "similarity": ("产业结构相似系数", "产业结构相似系数"),
    "krugman": ("克鲁格曼指数", "克鲁格曼指数"),
    "lq_gap": ("区位熵差距", "区位熵差距"),
    "coupling": ("耦合协调度D", "耦合协调度"),
}
LANGUAGES = ("en", "zh")
#: Fewer years leave min-max normalisation and entropy weights with almost nothing to work on.
MIN_COUPLING_YEARS = 3
BENCHMARKS = ("nation", "pair")


def with_focus(
    focus: tuple[str, str], peer_pairs: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The focus pair first, then each peer pair that is not the focus pair (in either order):
    the pairs a chapter compares, each once."""
    return [tuple(focus), *(tuple(p) for p in peer_pairs if set(p) != set(focus))]


def lq_gap(a: pd.Series, b: pd.Series, benchmark: pd.Series) -> float:
    """Mean absolute difference of two regions' location quotients over the sectors:
    ``(1/n) Σᵢ |LQ_a,i − LQ_b,i|`` with ``LQ_r,i = (x_r,i / Σx_r) / (X_i / ΣX)`` against
    ``benchmark`` (the nation, or the pair's combined value added). 0 when the two are
    specialised alike, whatever their size."""
    gaps = (location_quotient(a, benchmark) - location_quotient(b, benchmark)).abs()
    return float(gaps.mean())


def pair_measures(
    value_added: pd.DataFrame,
    a: str,
    b: str,
    nation: str = "china",
    benchmark: str = "nation",
) -> pd.DataFrame:
    """The measures of :data:`MEASURES` for the pair (a, b), one row per year that both regions
    and the nation have: columns a, b, year and one per measure.

    ``benchmark`` is the structure the location quotients compare with: ``"nation"`` (as in
    chapter 3) or ``"pair"`` (the two regions' value added added together).
    """
    if benchmark not in BENCHMARKS:
        raise ValueError(f"benchmark: expected one of {BENCHMARKS}, got {benchmark!r}")
    years = list(analysis_years(value_added, (a, b, nation)))
    if not years:
        raise ValueError(
            f"{a} and {b}: no year in which both and {nation} have three sectors"
        )
    ta, tb, tn = (by_sector(value_added, r, years) for r in (a, b, nation))
    coupling = pd.Series(np.nan, index=years)
    if len(years) >= MIN_COUPLING_YEARS:
        scores, _ = coupling_coordination_table(
            industrial_system(value_added, a, years, nation=nation),
            industrial_system(value_added, b, years, nation=nation),
        )
        coupling = scores["D"]
    records = []
    for year in years:
        reference = (
            tn.loc[year] if benchmark == "nation" else ta.loc[year] + tb.loc[year]
        )
        records.append(
            {
                "a": a,
                "b": b,
                "year": year,
                "similarity": similarity_coefficient(ta.loc[year], tb.loc[year]),
                "krugman": krugman_index(ta.loc[year], tb.loc[year]),
                "lq_gap": lq_gap(ta.loc[year], tb.loc[year], reference),
                "coupling": float(coupling[year]),
            }
        )
    return pd.DataFrame(records, columns=["a", "b", "year", *MEASURES])


def pairs_table(
    value_added: pd.DataFrame,
    pairs: Iterable[tuple[str, str]],
    nation: str = "china",
    benchmark: str = "nation",
) -> pd.DataFrame:
    """:func:`pair_measures` for every pair, one table."""
    return pd.concat(
        [pair_measures(value_added, a, b, nation, benchmark) for a, b in pairs],
        ignore_index=True,
    )


def with_gaps(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`pairs_table` with a row for every year between each pair's first and last, the
    measures missing (NaN) in a year the pair lacks: for charts, whose lines then break at the
    gap instead of drawing a year that is not there."""
    filled = []
    for (a, b), group in table.groupby(["a", "b"], sort=False):
        years = range(int(group["year"].min()), int(group["year"].max()) + 1)
        full = group.set_index("year").reindex(years).rename_axis("year").reset_index()
        filled.append(full.assign(a=a, b=b))
    return pd.concat(filled, ignore_index=True)[list(table.columns)]


def ranking(table: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Each pair's measures in one year, their change over the pair's years, and its rank.

    ``table`` is :func:`pairs_table`. For each pair (a, b): ``year`` (``year`` if given, else
    the pair's latest), ``first`` (its first year), for each measure its value in ``year``,
    ``<measure>_change`` (``year`` minus ``first``) and ``<measure>_rank`` (1 = the highest value
    among the pairs that have one; ties share the lower rank). A pair without ``year`` is left
    out.
    """
    rows = []
    for (a, b), group in table.groupby(["a", "b"], sort=False):
        group = group.set_index("year")
        at = int(group.index.max()) if year is None else year
        if at not in group.index:
            continue
        first = int(group.index.min())
        row = {"a": a, "b": b, "year": at, "first": first}
        for measure in MEASURES:
            row[measure] = group.loc[at, measure]
            row[f"{measure}_change"] = (
                group.loc[at, measure] - group.loc[first, measure]
            )
        rows.append(row)
    ranked = pd.DataFrame(rows)
    for measure in MEASURES:
        ranked[f"{measure}_rank"] = (
            ranked[measure].rank(ascending=False, method="min").astype("Int64")
        )
    return ranked


def common_year(table: pd.DataFrame) -> int:
    """The latest year that every pair of a :func:`pairs_table` has; ValueError if none."""
    shared = set.intersection(*(set(g["year"]) for _, g in table.groupby(["a", "b"])))
    if not shared:
        raise ValueError("the pairs have no year in common")
    return int(max(shared))


#: How a pair of administrative units reads, by the levels of regions.csv
_LEVEL_WORDS = {
    "municipality": "municipalities",
    "city": "cities",
    "province": "provinces",
}


#: The levels in Chinese: a city under a province is a 省辖市, beside the 直辖市 (municipality)
_LEVEL_ZH = {"municipality": "直辖市", "city": "省辖市", "province": "省"}


def _language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")


def pair_label(name_a: str, name_b: str, lang: str = "en") -> str:
    """Two region names as one pair: "Chengdu–Chongqing"; in Chinese with the dash (连接号)
    "成都市—重庆市"."""
    _language(lang)
    return f"{name_a}{'—' if lang == 'zh' else '–'}{name_b}"


def pair_kind(level_a: str, level_b: str, lang: str = "en") -> str:
    """The kind of a pair, from its regions' levels: "two municipalities", "a municipality and a
    city" (the levels in alphabetical order, so that the same kinds read the same); in Chinese
    "两个直辖市", "一个省辖市和一个直辖市"."""
    _language(lang)
    if lang == "zh":
        if level_a == level_b:
            return f"两个{_LEVEL_ZH.get(level_a, level_a)}"
        first, second = sorted((level_a, level_b))
        return f"一个{_LEVEL_ZH.get(first, first)}和一个{_LEVEL_ZH.get(second, second)}"
    if level_a == level_b:
        return f"two {_LEVEL_WORDS.get(level_a, level_a + 's')}"
    first, second = sorted((level_a, level_b))
    return f"a {first} and a {second}"


#: The standings of :func:`standing` in Chinese
_STANDING_ZH = {
    "the highest": "最高",
    "above the middle": "高于中位数",
    "in the middle": "居中",
    "below the middle": "低于中位数",
    "the lowest": "最低",
}


def standing(rank: int, n: int, lang: str = "en") -> str:
    """Where rank ``rank`` of ``n`` (1 = the highest) stands, in words: "the highest", "above
    the middle", "in the middle", "below the middle" or "the lowest"; in Chinese "最高",
    "高于中位数", "居中", "低于中位数" or "最低"."""
    _language(lang)
    if not 1 <= rank <= n:
        raise ValueError(f"rank {rank} is not between 1 and {n}")
    if lang == "zh":
        return _STANDING_ZH[standing(rank, n)]
    if rank == 1:
        return "the highest"
    if rank == n:
        return "the lowest"
    middle = (n + 1) / 2
    if rank == middle:
        return "in the middle"
    return "above the middle" if rank < middle else "below the middle"


def ranks_table(rankings: dict[str, pd.DataFrame], a: str, b: str) -> pd.DataFrame:
    """The rank of the pair (a, b) on each measure under each variant of the ranking.

    ``rankings`` maps a variant's name to a :func:`ranking`. Returns one row per variant with,
    for each measure, ``<measure>`` = "r of n" (n the pairs ranked on it), or the missing mark
    where the pair has no value.
    """
    rows = []
    for variant, ranked in rankings.items():
        row = {"variant": variant}
        mine = ranked[(ranked["a"] == a) & (ranked["b"] == b)]
        for measure in MEASURES:
            n = int(ranked[measure].notna().sum())
            rank = mine[f"{measure}_rank"].iloc[0] if len(mine) else pd.NA
            row[measure] = "—" if pd.isna(rank) else f"{int(rank)} of {n}"
        rows.append(row)
    return pd.DataFrame(rows, columns=["variant", *MEASURES])


def counterpart_reading(
    ranked: pd.DataFrame,
    focus: tuple[str, str],
    names: dict[str, str],
    lang: str = "en",
) -> str:
    """A sentence on the pairs of a :func:`ranking` that share a region with the ``focus`` pair
    (the same place at another level: Chongqing beside Sichuan Province), on the two structure
    measures; the empty string when there is none. In Chinese (``lang="zh"``, ``names`` the
    Chinese names) the sentence reads as a Chinese text puts it."""
    _language(lang)
    n = {m: int(ranked[m].notna().sum()) for m in ("similarity", "krugman")}
    sentences = []
    for row in ranked.itertuples():
        pair = (row.a, row.b)
        if pair == tuple(focus) or not set(pair) & set(focus):
            continue
        if lang == "zh":
            sentences.append(
                f"{pair_label(names[row.a], names[row.b], 'zh')}{row.year}年的产业结构相似系数"
                f"为{row.similarity:.3f}，在{n['similarity']}对中居第{row.similarity_rank}位"
                f"（{standing(row.similarity_rank, n['similarity'], 'zh')}）；克鲁格曼指数为"
                f"{row.krugman:.3f}，在{n['krugman']}对中居第{row.krugman_rank}位"
                f"（{standing(row.krugman_rank, n['krugman'], 'zh')}）。"
            )
            continue
        sentences.append(
            f"{names[row.a]}–{names[row.b]} ranks {row.similarity_rank} of "
            f"{n['similarity']} on the similarity coefficient ({row.similarity:.3f}, "
            f"{standing(row.similarity_rank, n['similarity'])}) and {row.krugman_rank} of "
            f"{n['krugman']} on the Krugman index ({row.krugman:.3f}, "
            f"{standing(row.krugman_rank, n['krugman'])}) in {row.year}."
        )
    return ("" if lang == "zh" else " ").join(sentences)


#: The chapter's other phrases that depend on a finding, in English and Chinese
PHRASES: dict[str, dict[str, str]] = {
    "no_counterpart": {
        "en": "The data package holds no such pair.",
        "zh": "数据包中没有这样的城市对。",
    },
    "no_same_kind": {"en": "none of the peers", "zh": "无其他对标城市对"},
    "more_alike": {
        "en": "are more alike than the city and the municipality",
        "zh": "比由一个省辖市和一个直辖市组成的焦点城市对更为相似",
    },
    "not_more_alike": {
        "en": "are not more alike than the city and the municipality",
        "zh": "并不比由一个省辖市和一个直辖市组成的焦点城市对更为相似",
    },
    "agree": {"en": "agree", "zh": "一致"},
    "disagree": {"en": "do not agree", "zh": "不一致"},
    "none": {"en": "none", "zh": "无"},
}


def phrase(key: str, lang: str = "en") -> str:
    """One of :data:`PHRASES` in ``lang``."""
    _language(lang)
    return PHRASES[key][lang]


#: Fewer pairs than this are too few to place one of them among the others
MIN_RANKED = 3


def standing_moves(rankings: dict[str, pd.DataFrame], a: str, b: str) -> list[str]:
    """The measures on which the standing (:func:`standing`) of the pair (a, b) differs between
    the variants of ``rankings`` that rank at least :data:`MIN_RANKED` pairs on that measure."""
    moved = []
    for measure in MEASURES:
        standings = set()
        for ranked in rankings.values():
            n = int(ranked[measure].notna().sum())
            mine = ranked[(ranked["a"] == a) & (ranked["b"] == b)]
            if (
                n < MIN_RANKED
                or not len(mine)
                or pd.isna(mine[f"{measure}_rank"].iloc[0])
            ):
                continue
            standings.add(standing(int(mine[f"{measure}_rank"].iloc[0]), n))
        if len(standings) > 1:
            moved.append(measure)
    return moved


__all__ = [
    "BENCHMARKS",
    "LANGUAGES",
    "MEASURES",
    "MEASURES_ZH",
    "MIN_COUPLING_YEARS",
    "MIN_RANKED",
    "PHRASES",
    "common_year",
    "counterpart_reading",
    "lq_gap",
    "pair_kind",
    "pair_label",
    "pair_measures",
    "pairs_table",
    "phrase",
    "ranking",
    "ranks_table",
    "standing",
    "standing_moves",
    "with_focus",
    "with_gaps",
]

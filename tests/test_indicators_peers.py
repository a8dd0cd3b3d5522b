"""The peers chapter's measures (chengyu.indicators.peers), on hand-checked worked examples."""

from __future__ import annotations

import pandas as pd
import pytest

from chengyu.indicators import peers
from chengyu.study import analysis_years
from conftest import sectors


def value_added(
    rows: dict[tuple[str, int], tuple[float, float, float]],
) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"region": region, "year": year, "sector": sector, "value": value}
            for (region, year), values in rows.items()
            for sector, value in zip(
                ("primary", "secondary", "tertiary"), values, strict=True
            )
        ]
    )


def test_the_lq_gap_is_the_mean_absolute_difference_of_the_quotients():
    # a = nation's structure: LQs 1, 1, 1; b = (5, 45, 50): shares .05, .45, .50 against
    # .10, .40, .50 give LQs 0.5, 1.125, 1; gaps 0.5, 0.125, 0 → mean 0.208333
    nation = sectors(10, 40, 50)
    gap = peers.lq_gap(sectors(10, 40, 50), sectors(5, 45, 50), nation)
    assert gap == pytest.approx(0.625 / 3)
    assert peers.lq_gap(sectors(1, 4, 5), sectors(10, 40, 50), nation) == 0  # size-free


def test_a_pairs_measures_cover_the_years_both_regions_and_the_nation_have():
    rows = value_added(
        {
            ("x", 2020): (10, 40, 50),
            ("x", 2021): (10, 40, 50),
            ("y", 2021): (5, 45, 50),
            ("y", 2022): (5, 45, 50),
            ("china", 2020): (10, 40, 50),
            ("china", 2021): (10, 40, 50),
            ("china", 2022): (10, 40, 50),
        }
    )
    table = peers.pair_measures(rows, "x", "y")
    assert list(table["year"]) == [2021]
    (row,) = table.itertuples()
    # Krugman: |.10 − .05| + |.40 − .45| + |.50 − .50| = 0.10
    assert row.krugman == pytest.approx(0.10)
    assert row.lq_gap == pytest.approx(0.625 / 3)
    assert pd.isna(row.coupling)  # one year: fewer than MIN_COUPLING_YEARS


def test_against_the_pair_the_quotients_compare_with_the_two_regions_together():
    # x = (10, 40, 50), y = (30, 20, 50): together (40, 60, 100), shares .2, .3, .5;
    # LQ_x = .5, 1.333, 1; LQ_y = 1.5, .667, 1; gaps 1, .667, 0 → mean 0.5556
    rows = value_added(
        {
            ("x", 2020): (10, 40, 50),
            ("y", 2020): (30, 20, 50),
            ("china", 2020): (10, 40, 50),
        }
    )
    (row,) = peers.pair_measures(rows, "x", "y", benchmark="pair").itertuples()
    assert row.lq_gap == pytest.approx((1 + 2 / 3) / 3)
    with pytest.raises(ValueError, match="benchmark"):
        peers.pair_measures(rows, "x", "y", benchmark="province")


def test_the_ranking_takes_each_pairs_latest_year_and_ranks_the_highest_first():
    table = pd.DataFrame(
        {
            "a": ["p", "p", "q", "q"],
            "b": ["r", "r", "s", "s"],
            "year": [2020, 2023, 2021, 2022],
            "similarity": [0.90, 0.95, 0.99, 0.98],
            "krugman": [0.4, 0.3, 0.1, 0.2],
            "lq_gap": [0.2, 0.2, 0.1, 0.1],
            "coupling": [0.5, 0.9, float("nan"), float("nan")],
        }
    )
    ranked = peers.ranking(table).set_index("a")
    assert ranked.loc["p", "year"] == 2023 and ranked.loc["q", "year"] == 2022
    assert ranked.loc["p", "similarity_change"] == pytest.approx(0.05)
    assert ranked.loc["q", "similarity_rank"] == 1  # 0.98 > 0.95
    assert ranked.loc["p", "krugman_rank"] == 1  # 0.3 > 0.2
    assert ranked.loc["p", "coupling_rank"] == 1 and pd.isna(
        ranked.loc["q", "coupling_rank"]
    )
    common = peers.ranking(table, year=2022)
    assert list(common["a"]) == ["q"]  # p has no 2022


def test_the_common_year_is_the_latest_every_pair_has():
    table = pd.DataFrame(
        {
            "a": ["p", "p", "q", "q"],
            "b": ["r", "r", "s", "s"],
            "year": [2021, 2022, 2022, 2023],
        }
    )
    assert peers.common_year(table) == 2022
    with pytest.raises(ValueError, match="no year in common"):
        peers.common_year(table[table["year"] != 2022])


def test_a_pair_reads_by_its_levels_whatever_their_order():
    assert peers.pair_kind("municipality", "municipality") == "two municipalities"
    assert peers.pair_kind("city", "city") == "two cities"
    assert peers.pair_kind("municipality", "city") == "a city and a municipality"
    assert peers.pair_kind("city", "municipality") == "a city and a municipality"


@pytest.mark.parametrize(
    ("rank", "n", "words"),
    [
        (1, 5, "the highest"),
        (2, 5, "above the middle"),
        (3, 5, "in the middle"),
        (4, 5, "below the middle"),
        (5, 5, "the lowest"),
        (2, 4, "above the middle"),
        (3, 4, "below the middle"),
    ],
)
def test_a_rank_reads_as_its_standing(rank, n, words):
    assert peers.standing(rank, n) == words


def test_the_ranks_table_gives_the_pairs_rank_under_each_variant():
    one = pd.DataFrame(
        {
            "a": ["p", "q"],
            "b": ["r", "s"],
            **{m: [0.2, 0.1] for m in peers.MEASURES},
            **{f"{m}_rank": pd.array([1, 2], dtype="Int64") for m in peers.MEASURES},
        }
    )
    other = one[one["a"] == "q"].assign(
        **{f"{m}_rank": pd.array([1], dtype="Int64") for m in peers.MEASURES}
    )
    table = peers.ranks_table({"all": one, "without p": other}, "p", "r").set_index(
        "variant"
    )
    assert table.loc["all", "krugman"] == "1 of 2"
    assert table.loc["without p", "krugman"] == "—"


def test_a_region_without_rows_leaves_a_pair_no_years():
    rows = value_added({("x", 2020): (10, 40, 50), ("china", 2020): (10, 40, 50)})
    assert analysis_years(rows, ("x", "china")) == (2020,)
    assert analysis_years(rows, ("x", "y", "china")) == ()


#: ranked pairs for the counterpart reading: the focus (cd–cq), a peer, and sc–cq sharing cq
COUNTERPART_RANKED = pd.DataFrame(
    {
        "a": ["cd", "bj", "sc"],
        "b": ["cq", "tj", "cq"],
        "year": [2023, 2023, 2024],
        "similarity": [0.97, 0.94, 0.998],
        "krugman": [0.28, 0.44, 0.07],
        "similarity_rank": [2, 3, 1],
        "krugman_rank": [2, 1, 3],
    }
)


def test_the_counterpart_reading_names_pairs_sharing_a_region_with_the_focus():
    ranked = COUNTERPART_RANKED
    names = {
        "cd": "Chengdu",
        "cq": "Chongqing",
        "bj": "Beijing",
        "tj": "Tianjin",
        "sc": "Sichuan",
    }
    assert peers.counterpart_reading(ranked, ("cd", "cq"), names) == (
        "Sichuan–Chongqing ranks 1 of 3 on the similarity coefficient (0.998, the highest) "
        "and 3 of 3 on the Krugman index (0.070, the lowest) in 2024."
    )
    assert peers.counterpart_reading(ranked.iloc[:2], ("cd", "cq"), names) == ""


def test_the_pairs_compared_are_the_focus_first_and_each_peer_once():
    assert peers.with_focus(("bj", "tj"), [("gz", "sz"), ("tj", "bj")]) == [
        ("bj", "tj"),
        ("gz", "sz"),
    ]


def test_a_year_a_pair_lacks_is_a_gap_in_its_rows_for_charts():
    table = pd.DataFrame(
        {
            "a": ["w", "w", "w"],
            "b": ["c", "c", "c"],
            "year": [2020, 2022, 2023],
            **{m: [0.1, 0.2, 0.3] for m in peers.MEASURES},
        }
    )
    filled = peers.with_gaps(table)
    assert list(filled["year"]) == [2020, 2021, 2022, 2023]
    assert filled.loc[1, list(peers.MEASURES)].isna().all()
    assert list(filled.columns) == list(table.columns)


def test_a_standing_moves_only_between_variants_that_rank_enough_pairs():
    def ranked(ranks: list[int], pairs: list[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "a": pairs,
                "b": [p.upper() for p in pairs],
                **{m: [0.1] * len(pairs) for m in peers.MEASURES},
                **{f"{m}_rank": pd.array(ranks, dtype="Int64") for m in peers.MEASURES},
            }
        )

    base = ranked([4, 1, 2, 3], ["f", "p", "q", "r"])  # f: 4 of 4, the lowest
    same = ranked([3, 1, 2], ["f", "p", "q"])  # 3 of 3, the lowest again
    few = ranked([1, 2], ["f", "p"])  # 1 of 2: too few pairs to count
    assert peers.standing_moves({"a": base, "b": same, "c": few}, "f", "F") == []
    up = ranked([1, 2, 3], ["f", "p", "q"])
    assert peers.standing_moves({"a": base, "b": up}, "f", "F") == list(peers.MEASURES)


def test_shares_against_a_revised_national_denominator_fall_when_the_nation_is_revised_up():
    from chengyu import indicators

    rows = value_added({("x", 2023): (1, 4, 5), ("china", 2023): (100, 400, 500)})
    revised = pd.Series({"primary": 125.0, "secondary": 400.0, "tertiary": 500.0})
    table = indicators.revised_denominator_shares(rows, ["x"], 2023, "china", revised)
    primary = table.set_index("sector").loc["primary"]
    # 1 / 100 = 1.0 % of the first release; 1 / 125 = 0.8 % of the revised figure
    assert (primary["first_release"], primary["revised"]) == pytest.approx((1.0, 0.8))
    assert primary["change"] == pytest.approx(-0.2)
    assert table.set_index("sector").loc["secondary", "change"] == 0


def test_in_chinese_a_pair_reads_by_its_levels_and_its_names_join_with_the_dash():
    assert peers.pair_kind("municipality", "municipality", "zh") == "两个直辖市"
    assert peers.pair_kind("municipality", "city", "zh") == "一个省辖市和一个直辖市"
    assert peers.pair_kind("province", "municipality", "zh") == "一个直辖市和一个省"
    assert peers.pair_label("成都市", "重庆市", "zh") == "成都市—重庆市"
    assert peers.pair_label("Chengdu", "Chongqing") == "Chengdu–Chongqing"
    with pytest.raises(ValueError, match="unknown language"):
        peers.pair_kind("city", "city", "fr")


@pytest.mark.parametrize(
    ("rank", "n", "words"),
    [
        (1, 5, "最高"),
        (2, 5, "高于中位数"),
        (3, 5, "居中"),
        (4, 5, "低于中位数"),
        (5, 5, "最低"),
    ],
)
def test_in_chinese_a_rank_reads_as_its_standing(rank, n, words):
    assert peers.standing(rank, n, "zh") == words


def test_in_chinese_the_counterpart_reading_names_the_pair_and_its_ranks():
    ranked = COUNTERPART_RANKED
    names = {
        "cd": "成都市",
        "cq": "重庆市",
        "bj": "北京市",
        "tj": "天津市",
        "sc": "四川省",
    }
    assert peers.counterpart_reading(ranked, ("cd", "cq"), names, lang="zh") == (
        "四川省—重庆市2024年的产业结构相似系数为0.998，在3对中居第1位（最高）；"
        "克鲁格曼指数为0.070，在3对中居第3位（最低）。"
    )
    assert peers.counterpart_reading(ranked.iloc[:2], ("cd", "cq"), names, "zh") == ""


def test_the_chapters_phrases_have_both_languages_and_no_ascii_quotes():
    for key, words in peers.PHRASES.items():
        assert set(words) == set(peers.LANGUAGES), key
        assert not set("'\"") & set(words["zh"]), key
    assert peers.phrase("agree", "zh") == "一致"
    assert (
        peers.phrase("more_alike")
        == "are more alike than the city and the municipality"
    )
    assert set(peers.MEASURES_ZH) == set(peers.MEASURES)

"""After the paper: each reading of the paper compared with the years after its window.

Worked on the real data with the paper's window shortened to 2020-2022, so that 2023 is a year
"after the paper" whose values can be checked by hand from data/value_added.csv.
"""

from __future__ import annotations

import dataclasses

import pytest

from chengyu import after_paper, charts, data
from chengyu.study import load_study

FRAMES = data.load_all()
VALUE_ADDED = FRAMES["value_added"]
STUDY = load_study(FRAMES)
SHORT = dataclasses.replace(STUDY, paper_years=(2020, 2022))  # 2023 comes "after"


def test_after_the_paper_each_region_is_read_in_the_years_it_has():
    # Chongqing has 2024 and 2025 (tier C), Chengdu nothing after 2023: the pair's own
    # structure measures cannot go on, Chongqing's share can
    shares = after_paper.tertiary_shares(VALUE_ADDED, STUDY)
    assert set(shares["region"]) == {"chongqing"} and set(shares["year"]) == {
        2024,
        2025,
    }
    assert after_paper.pair_structures(VALUE_ADDED, STUDY).empty
    assert "cannot be checked yet" in after_paper.summary(shares.iloc[:0], 2023)


def test_a_comparison_with_a_revised_year_says_it_crosses_vintages():
    shares = after_paper.tertiary_shares(VALUE_ADDED, STUDY)
    assert "across vintages" in after_paper.summary(shares, 2023, revised_years=[2023])
    assert "across vintages" not in after_paper.summary(shares, 2023)


def test_the_tertiary_share_after_the_window_is_compared_with_the_windows_last_year():
    table = after_paper.tertiary_shares(VALUE_ADDED, SHORT).set_index("region")
    # Chengdu: 13825 / 20817.5 = 66.41 % in 2022; 15109 / 22074.8 = 68.44 % in 2023
    assert table.loc["chengdu", "paper_value"] == pytest.approx(66.41, abs=0.01)
    assert table.loc["chengdu", "value"] == pytest.approx(68.44, abs=0.01)
    assert table.loc["chengdu", "continued"]
    assert table.loc["chengdu", "year"] == 2023
    assert set(table.loc["chongqing", "year"]) == {2023, 2024, 2025}
    assert set(table["direction"]) == {"rises"}


def test_table_2_rows_are_read_in_the_direction_each_claim_implies_at_its_end():
    claims = FRAMES["paper_claims"][
        FRAMES["paper_claims"]["quantity"].str.startswith("trend:")
    ]
    table = (
        after_paper.national_shares(VALUE_ADDED, claims, SHORT)
        .query("year == 2023")
        .set_index(["region", "reading"])
    )
    # Chongqing's tertiary share is an inverted V: read as falling at the end
    tertiary = table.loc[("chongqing", "tertiary share of national value added (%)")]
    assert tertiary["direction"] == "falls"
    # 16371.97 / 688238 = 2.3788 % in 2023 against 15423.12 / 638698 = 2.4148 % in 2022: it fell
    assert (
        tertiary["value"] == pytest.approx(2.3788, abs=1e-4) and tertiary["continued"]
    )


def test_drifting_apart_is_a_falling_similarity_and_a_rising_krugman_index():
    table = after_paper.pair_structures(VALUE_ADDED, SHORT).set_index("reading")
    assert table.loc["similarity coefficient", "direction"] == "falls"
    assert table.loc["Krugman index", "direction"] == "rises"


def test_the_summary_counts_the_readings_that_continued_by_year():
    table = after_paper.tertiary_shares(VALUE_ADDED, SHORT)
    assert after_paper.summary(table, 2022) == (
        "Compared with 2022, the direction the paper read continued for 2 of 2 in 2023, 1 of 1 in 2024, "
        "1 of 1 in 2025 (the table lists each, for the regions that have the year)."
    )


def test_coverage_names_what_the_package_holds_after_the_paper():
    labels = charts.region_labels(FRAMES["regions"])
    text = after_paper.coverage(FRAMES, STUDY, labels)
    # Chengdu: 2024 GDP only; Chongqing (tier C) and the nation (2024 tier A, 2025 tier B):
    # the splits of 2024 and 2025
    assert text == (
        "After 2023 the data package holds, for Chengdu 成都市: GDP only for 2024; "
        "Chongqing Municipality 重庆市: a three-sector split for 2024 and 2025; "
        "China 中国: a three-sector split for 2024 and 2025."
    )


def test_the_summary_and_the_coverage_in_chinese():
    table = after_paper.tertiary_shares(VALUE_ADDED, SHORT)
    assert after_paper.summary(table, 2022, lang="zh") == (
        "与2022年相比，2023年的2项中有2项，2024年的1项中有1项，2025年的1项中有1项"
        "延续了论文所述方向（表中逐项列出，仅含具备该年数据的地区）。"
    )
    assert after_paper.summary(table.iloc[0:0], 2022, lang="zh") == (
        "这些指标在2022年以后均没有地区具备三次产业划分，其走势是否延续尚无法检验。"
    )
    labels = charts.region_labels(FRAMES["regions"], "zh")
    assert after_paper.coverage(FRAMES, STUDY, labels, lang="zh") == (
        "2023年以后，数据包中成都市仅有2024年的生产总值总量；"
        "重庆市有2024年和2025年的三次产业增加值；全国有2024年和2025年的三次产业增加值。"
    )

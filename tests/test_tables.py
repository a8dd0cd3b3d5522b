"""The lookups a chapter's sentences quote: one value from one row, or an error naming why."""

from __future__ import annotations

import pandas as pd
import pytest

from chengyu.indicators import biggest_move
from chengyu.tables import (
    listing,
    phrase,
    pick,
    region_years,
    short_names,
    years_by_region,
)

# GDP, 100 million yuan: the sum of the three sectors in data/value_added.csv (Table 1)
PROFILE = pd.DataFrame(
    {
        "region": ["chengdu", "chengdu", "chongqing", "chongqing"],
        "year": [2020, 2021, 2020, 2021],
        "gdp": [17716.7, 19917.0, 25002.79, 27894.02],
    }
)


def test_pick_gives_the_value_of_the_one_row_with_those_keys():
    assert pick(PROFILE, "gdp", region="chongqing", year=2021) == 27894.02


def test_pick_refuses_no_row_and_names_the_keys():
    with pytest.raises(KeyError, match=r"0 rows with region='chengdu', year=2019"):
        pick(PROFILE, "gdp", region="chengdu", year=2019)


def test_pick_refuses_several_rows_instead_of_taking_the_first():
    with pytest.raises(
        KeyError, match=r"2 rows with region='chengdu'; one was expected"
    ):
        pick(PROFILE, "gdp", region="chengdu")


def test_pick_names_a_column_the_table_lacks():
    with pytest.raises(KeyError, match=r"no column\(s\) \['population'\]"):
        pick(PROFILE, "population", region="chengdu", year=2020)


def test_biggest_move_finds_the_largest_step_either_way():
    # a ratio that jumps in 2021 (+0.5) and falls back a little in 2022 (-0.2)
    ratio = pd.Series([1.0, 1.5, 1.3, 1.4], index=[2020, 2021, 2022, 2023])
    assert biggest_move(ratio) == (2020, 2021, 1.0, 1.5)
    falls = pd.Series([2.0, 1.9, 1.2], index=[2020, 2021, 2022])  # -0.7 in 2022
    assert biggest_move(falls) == (2021, 2022, 1.9, 1.2)


def test_biggest_move_takes_the_earliest_of_equal_moves():
    assert biggest_move(pd.Series([1.0, 2.0, 1.0], index=[2020, 2021, 2022])) == (
        2020,
        2021,
        1.0,
        2.0,
    )


def test_biggest_move_refuses_a_gap_or_a_single_value():
    with pytest.raises(ValueError, match="no gap"):
        biggest_move(pd.Series([1.0, None, 2.0], index=[2020, 2021, 2022]))
    with pytest.raises(ValueError, match="at least two"):
        biggest_move(pd.Series([1.0], index=[2020]))


def test_a_municipality_or_province_is_named_without_its_level_in_a_sentence():
    regions = pd.DataFrame(
        {
            "id": ["chongqing", "sichuan", "chengdu"],
            "name_en": ["Chongqing Municipality", "Sichuan Province", "Chengdu"],
            "name_zh": ["重庆市", "四川省", "成都市"],
        }
    )
    assert short_names(regions).to_dict() == {
        "chongqing": "Chongqing",
        "sichuan": "Sichuan",
        "chengdu": "Chengdu",
    }


def test_a_chinese_sentence_names_a_region_by_its_official_name_and_the_nation_全国():
    regions = pd.DataFrame(
        {
            "id": ["chongqing", "china"],
            "name_en": ["Chongqing Municipality", "China"],
            "name_zh": ["重庆市", "中国"],
            "level": ["province", "country"],
        }
    )
    assert short_names(regions, "zh").to_dict() == {
        "chongqing": "重庆市",
        "china": "全国",
    }


def test_a_list_reads_as_each_language_writes_one():
    assert listing([2020]) == "2020"
    assert listing([2020, 2023]) == "2020 and 2023"
    assert listing([2020, 2021, 2023]) == "2020, 2021 and 2023"
    assert listing([2020, 2021, 2023], "zh") == "2020、2021和2023"
    assert listing(["成都市", "重庆市"], "zh") == "成都市和重庆市"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        listing([2020], "fr")


def test_region_years_names_each_regions_years_in_english_and_chinese():
    rows = pd.DataFrame(
        {
            "region": ["chengdu", "chongqing", "chongqing"],
            "year": [2020, 2023, 2020],
        }
    )
    labels = {"chengdu": "Chengdu 成都市", "chongqing": "Chongqing Municipality 重庆市"}
    assert (
        region_years(rows, labels)
        == "Chengdu 成都市 in 2020; Chongqing Municipality 重庆市 in 2020 and 2023"
    )
    zh = {"chengdu": "成都市", "chongqing": "重庆市"}
    assert region_years(rows, zh, "zh") == "成都市2020年；重庆市2020年和2023年"
    with pytest.raises(ValueError):
        region_years(rows, labels, "fr")


def test_a_chosen_word_reads_in_chinese():
    assert phrase("above") == "above"
    assert phrase("above", "zh") == "高于"
    assert phrase("more than half", "zh") == "均超过一半"
    assert phrase("1.16", "zh") == "1.16"  # a number as text is the same in both
    with pytest.raises(ValueError, match="unknown language"):
        phrase("above", "fr")


def test_years_are_listed_by_region_in_each_language():
    years = {"Chengdu 成都市": [2022, 2023], "China 中国": [2020]}
    assert years_by_region(years, word="in") == (
        "Chengdu 成都市 in 2022 and 2023; China 中国 in 2020"
    )
    assert years_by_region({"成都市": [2022, 2023], "中国": [2020]}, "zh") == (
        "成都市2022年和2023年；中国2020年"
    )

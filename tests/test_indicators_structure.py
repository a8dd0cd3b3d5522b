"""Specification of the structure indicators, checked against the paper and by hand.

Paper values are from §3.2.1 and Table 1 of Xiang (2024) (value added in 亿元, current prices;
source: the cities' statistical bulletins).
"""

import math

import numpy as np
import pandas as pd
import pytest

from chengyu import indicators
from chengyu.indicators.structure import (
    advancement_ratio,
    contribution_shares,
    growth_rate,
    moore_index,
    sector_contributions,
    sector_shares,
    shift_share,
)
from conftest import SECTORS, sectors

# Table 1 of the paper.
CHENGDU_2020 = sectors(655.2, 5418.5, 11643)
CHENGDU_2023 = sectors(594.9, 6370.9, 15109)
CHONGQING_2020 = sectors(1803.33, 9992.21, 13207.25)
CHONGQING_2023 = sectors(2074.68, 11699.14, 16371.97)


# --- sector_shares -----------------------------------------------------------------------


# The structure ratios are the ones §3.2.1 states; by hand for Chengdu 2020: total
# 655.2 + 5418.5 + 11643 = 17716.7, and 655.2 / 17716.7 = 3.698 %, 5418.5 / 17716.7 = 30.584 %,
# 11643 / 17716.7 = 65.718 %.
@pytest.mark.parametrize(
    ("values", "paper_ratio"),
    [
        (CHENGDU_2020, [3.7, 30.6, 65.7]),
        (CHONGQING_2020, [7.2, 40.0, 52.8]),
        (CHENGDU_2023, [2.7, 28.9, 68.4]),
        (CHONGQING_2023, [6.9, 38.8, 54.3]),
    ],
    ids=["chengdu_2020", "chongqing_2020", "chengdu_2023", "chongqing_2023"],
)
def test_shares_from_table_1_match_paper_ratio(values, paper_ratio):
    assert sector_shares(values).round(1).tolist() == paper_ratio


def test_share_shifts_2020_2023_match_paper_percentage_points():
    # §3.2.1: Chengdu primary -1.0, secondary -1.7, tertiary +2.7 points;
    # Chongqing -0.3, -1.2, +1.5 points.
    chengdu = sector_shares(CHENGDU_2023) - sector_shares(CHENGDU_2020)
    chongqing = sector_shares(CHONGQING_2023) - sector_shares(CHONGQING_2020)
    assert chengdu.round(1).tolist() == [-1.0, -1.7, 2.7]
    assert chongqing.round(1).tolist() == [-0.3, -1.2, 1.5]


def test_shares_sum_to_100_in_any_unit():
    shares = sector_shares(CHONGQING_2023 * 1e8)  # 亿元 to yuan
    assert shares.sum() == pytest.approx(100)
    pd.testing.assert_series_equal(shares, sector_shares(CHONGQING_2023))


def test_shares_keep_the_sector_labels():
    assert sector_shares(CHENGDU_2020).index.tolist() == SECTORS


# --- growth_rate -------------------------------------------------------------------------


def test_growth_rates_2020_2023_match_paper():
    # §3.2.1: Chengdu primary -9.2 %, secondary +17.58 %, tertiary +29.77 %. By hand:
    # 594.9 / 655.2 = 0.90797 -> -9.20 %; 6370.9 / 5418.5 = 1.17577; 15109 / 11643 = 1.29769.
    chengdu = growth_rate(CHENGDU_2020, CHENGDU_2023)
    assert round(chengdu["primary"], 1) == -9.2
    assert chengdu[["secondary", "tertiary"]].round(2).tolist() == [17.58, 29.77]
    # Chongqing +15.05 %, +17.08 %, +23.96 %.
    chongqing = growth_rate(CHONGQING_2020, CHONGQING_2023)
    assert chongqing.round(2).tolist() == [15.05, 17.08, 23.96]


def test_growth_rate_of_numbers():
    # 120 / 80 = 1.5.
    assert growth_rate(80, 120) == pytest.approx(50)
    assert growth_rate(80, 0) == pytest.approx(-100)


def test_growth_rate_pairs_series_by_sector_not_position():
    end = CHENGDU_2023[["tertiary", "primary", "secondary"]]
    pd.testing.assert_series_equal(
        growth_rate(CHENGDU_2020, end), growth_rate(CHENGDU_2020, CHENGDU_2023)
    )


# --- advancement_ratio -------------------------------------------------------------------


def test_advancement_ratio_is_tertiary_over_secondary():
    # Chengdu 2020: 11643 / 5418.5 = 2.1487; 2023: 15109 / 6370.9 = 2.3716, rising with the
    # tertiary share the paper describes.
    assert advancement_ratio(CHENGDU_2020) == pytest.approx(2.1487, abs=1e-4)
    assert advancement_ratio(CHENGDU_2023) == pytest.approx(2.3716, abs=1e-4)


def test_advancement_ratio_needs_no_primary_sector():
    assert advancement_ratio(pd.Series({"secondary": 4.0, "tertiary": 5.0})) == 1.25


# --- moore_index -------------------------------------------------------------------------


def test_moore_index_is_zero_when_nothing_moved():
    assert moore_index(CHENGDU_2020, CHENGDU_2020) == 0.0


def test_moore_index_ignores_the_unit():
    assert moore_index(CHENGDU_2020, CHENGDU_2020 * 1e8) == pytest.approx(0, abs=1e-6)


def test_moore_index_is_symmetric():
    assert moore_index(CHENGDU_2020, CHENGDU_2023) == moore_index(
        CHENGDU_2023, CHENGDU_2020
    )


def test_moore_index_is_90_degrees_for_orthogonal_structures():
    # cos = (1*0 + 0*1) / (1 * 1) = 0 -> 90°.
    a = pd.Series({"x": 1.0, "y": 0.0})
    b = pd.Series({"x": 0.0, "y": 1.0})
    assert moore_index(a, b) == pytest.approx(90)


def test_moore_index_worked_example_45_degrees():
    # Shares (0.5, 0.5) -> (1, 0): cos = 0.5 / sqrt(0.5 * 1) = 1 / sqrt(2) -> 45°.
    before = pd.Series({"x": 0.5, "y": 0.5})
    after = pd.Series({"x": 1.0, "y": 0.0})
    assert moore_index(before, after) == pytest.approx(45)


def test_chengdu_structure_changed_more_than_chongqing_2020_2023():
    # The paper's share shifts are larger for Chengdu (1.0/1.7/2.7 points) than for
    # Chongqing (0.3/1.2/1.5); the angle agrees (about 2.25° against 1.59°).
    chengdu = moore_index(CHENGDU_2020, CHENGDU_2023)
    chongqing = moore_index(CHONGQING_2020, CHONGQING_2023)
    assert chengdu == pytest.approx(2.25, abs=0.01)
    assert chongqing == pytest.approx(1.59, abs=0.01)


# --- shift_share -------------------------------------------------------------------------


def test_shift_share_worked_example():
    # Region A 100 -> 120, B 50 -> 70; nation A 1000 -> 1100, B 1000 -> 1300.
    # G = 2400 / 2000 - 1 = 0.2; g_A = 0.1, g_B = 0.3; r_A = 0.2, r_B = 0.4.
    # A: national 100*0.2 = 20, mix 100*(0.1-0.2) = -10, competitive 100*(0.2-0.1) = 10, total 20.
    # B: national  50*0.2 = 10, mix  50*(0.3-0.2) =   5, competitive  50*(0.4-0.3) =  5, total 20.
    result = shift_share(
        pd.Series({"A": 100.0, "B": 50.0}),
        pd.Series({"A": 120.0, "B": 70.0}),
        pd.Series({"A": 1000.0, "B": 1000.0}),
        pd.Series({"A": 1100.0, "B": 1300.0}),
    )
    expected = pd.DataFrame(
        {
            "national": [20.0, 10.0],
            "industry_mix": [-10.0, 5.0],
            "competitive": [10.0, 5.0],
            "total": [20.0, 20.0],
        },
        index=["A", "B"],
    )
    pd.testing.assert_frame_equal(result, expected)


def test_shift_share_components_sum_to_actual_change():
    # Chongqing against Chengdu as the reference economy: any reference will do for the identity.
    result = shift_share(CHONGQING_2020, CHONGQING_2023, CHENGDU_2020, CHENGDU_2023)
    components = result[["national", "industry_mix", "competitive"]].sum(axis=1)
    np.testing.assert_allclose(components, CHONGQING_2023 - CHONGQING_2020)
    np.testing.assert_allclose(result["total"], CHONGQING_2023 - CHONGQING_2020)


def test_shift_share_of_a_sector_the_region_starts_from_zero_is_all_competitive():
    result = shift_share(
        pd.Series({"A": 100.0, "B": 0.0}),
        pd.Series({"A": 110.0, "B": 5.0}),
        pd.Series({"A": 10.0, "B": 10.0}),
        pd.Series({"A": 11.0, "B": 12.0}),
    )
    assert result.loc["B"].tolist() == [0.0, 0.0, 5.0, 5.0]


# --- sector_contributions and contribution_shares ---------------------------------------


def test_contributions_sum_to_total_growth_rate():
    # Chengdu 2020-2023: total 17716.7 -> 22074.8, +24.60 %. By hand: primary -60.3 / 17716.7
    # = -0.34 points, secondary 952.4 / 17716.7 = 5.38, tertiary 3466 / 17716.7 = 19.56.
    contributions = sector_contributions(CHENGDU_2020, CHENGDU_2023)
    assert contributions.round(2).tolist() == [-0.34, 5.38, 19.56]
    assert contributions.sum() == pytest.approx(
        growth_rate(CHENGDU_2020.sum(), CHENGDU_2023.sum())
    )
    assert contributions.sum() == pytest.approx(24.60, abs=0.005)


def test_contribution_shares_worked_example():
    # Increase 30 - 10 = 20 in total: A +15 -> 75 %, B +5 -> 25 %.
    shares = contribution_shares(
        pd.Series({"A": 5.0, "B": 5.0}), pd.Series({"A": 20.0, "B": 10.0})
    )
    assert shares.tolist() == [75.0, 25.0]


def test_contribution_shares_sum_to_100():
    assert contribution_shares(CHONGQING_2020, CHONGQING_2023).sum() == pytest.approx(
        100
    )


# --- bad input ---------------------------------------------------------------------------


def test_mismatched_sectors_are_rejected():
    two_sectors = CHENGDU_2023[["primary", "secondary"]]
    with pytest.raises(ValueError, match="cover different sectors"):
        growth_rate(CHENGDU_2020, two_sectors)
    with pytest.raises(ValueError, match="cover different sectors"):
        moore_index(CHENGDU_2020, two_sectors)
    with pytest.raises(ValueError, match="cover different sectors"):
        sector_contributions(CHENGDU_2020, two_sectors)
    with pytest.raises(
        ValueError, match="region_start and nation_end cover different sectors"
    ):
        shift_share(
            CHENGDU_2020,
            CHENGDU_2023,
            CHONGQING_2020,
            CHONGQING_2023[["primary", "tertiary"]],
        )


def test_negative_value_is_rejected():
    negative = sectors(-1.0, 5418.5, 11643)
    with pytest.raises(ValueError, match="negative value for \\['primary'\\]"):
        sector_shares(negative)
    with pytest.raises(ValueError, match="negative"):
        growth_rate(-1.0, 2.0)
    with pytest.raises(ValueError, match="negative"):
        shift_share(CHENGDU_2020, negative, CHONGQING_2020, CHONGQING_2023)


def test_zero_total_is_rejected():
    with pytest.raises(ValueError, match="sum to zero"):
        sector_shares(sectors(0, 0, 0))
    with pytest.raises(ValueError, match="sum to zero"):
        moore_index(CHENGDU_2020, sectors(0, 0, 0))


def test_nan_is_rejected():
    with pytest.raises(
        ValueError, match="missing or non-numeric value for \\['secondary'\\]"
    ):
        sector_shares(sectors(655.2, np.nan, 11643))
    with pytest.raises(ValueError, match="finite non-negative number"):
        growth_rate(np.nan, 1.0)


def test_growth_rate_needs_a_positive_start():
    with pytest.raises(ValueError, match="start: must be > 0"):
        growth_rate(0, 10)
    with pytest.raises(
        ValueError, match="start: must be > 0, is 0 for \\['primary'\\]"
    ):
        growth_rate(sectors(0, 1, 1), sectors(1, 1, 1))


def test_growth_rate_does_not_mix_a_number_and_a_series():
    with pytest.raises(ValueError, match="expected a pandas Series"):
        growth_rate(100.0, CHENGDU_2023)


def test_advancement_ratio_needs_secondary_and_tertiary():
    with pytest.raises(ValueError, match="needs sectors \\['tertiary'\\]"):
        advancement_ratio(pd.Series({"primary": 1.0, "secondary": 2.0}))
    with pytest.raises(ValueError, match="secondary value is 0"):
        advancement_ratio(sectors(1, 0, 2))


def test_shift_share_needs_positive_national_start():
    with pytest.raises(ValueError, match="nation_start: must be > 0"):
        shift_share(CHENGDU_2020, CHENGDU_2023, sectors(0, 1, 1), CHONGQING_2023)


def test_contribution_shares_reject_an_unchanged_total():
    # A +1, B -1: the total did not move.
    with pytest.raises(ValueError, match="total did not change"):
        contribution_shares(
            pd.Series({"A": 1.0, "B": 2.0}), pd.Series({"A": 2.0, "B": 1.0})
        )


def test_the_path_ratio_is_the_yearly_moves_over_the_net_change():
    # worked example: 0 → 1 → 0.5 → 2 moves 1 + 0.5 + 1.5 = 3 for a net change of 2
    assert indicators.path_ratio(pd.Series([0, 1, 0.5, 2.0])) == pytest.approx(1.5)
    assert indicators.path_ratio(pd.Series([1.0, 2.0, 4.0])) == 1.0  # one way
    assert indicators.path_ratio(pd.Series([1.0, 2.0, 1.0])) == math.inf


def test_yearly_changes_are_listed_signed_with_a_true_minus():
    shares = pd.Series([30.58, 30.69, 30.75, 28.85], index=[2020, 2021, 2022, 2023])
    assert indicators.describe_changes(shares) == "+0.11, +0.06 and −1.90"


def test_the_leading_sector_is_compared_at_current_and_constant_prices():
    nominal = pd.DataFrame(
        {
            "region": ["x"] * 3,
            "year_from": [2021] * 3,
            "year_to": [2022] * 3,
            "sector": ["primary", "secondary", "tertiary"],
            "points": [0.1, 1.0, 2.0],  # services led at current prices
        }
    )
    real = pd.DataFrame(
        {
            "region": ["x"] * 3,
            "year": [2022] * 3,
            "sector": ["primary", "secondary", "tertiary"],
            "points": [0.2, 1.5, 0.9],  # industry led at constant prices
        }
    )
    (row,) = indicators.leading_sectors(nominal, real).itertuples()
    assert (row.year, row.nominal, row.real, row.same) == (
        2022,
        "tertiary",
        "secondary",
        False,
    )


#: the leading sector by prices: region x differs in 2021, y agrees in 2022
LEADERS = pd.DataFrame(
    {
        "region": ["x", "y"],
        "year": [2021, 2022],
        "nominal": ["secondary", "tertiary"],
        "real": ["tertiary", "tertiary"],
        "same": [False, True],
    }
)


def test_the_years_whose_leader_depends_on_prices_are_listed():
    leading = LEADERS
    labels = {"x": "X", "y": "Y"}
    assert indicators.describe_leaders(leading, labels) == (
        "X in 2021 (tertiary at constant prices, secondary at current prices)"
    )
    assert indicators.describe_leaders(leading[leading["same"]], labels) == "none"


def test_yearly_changes_are_listed_in_chinese_with_the_enumeration_comma():
    shares = pd.Series([30.58, 30.69, 30.75, 28.85], index=[2020, 2021, 2022, 2023])
    assert indicators.describe_changes(shares, lang="zh") == "+0.11、+0.06和−1.90"


def test_the_years_whose_leader_depends_on_prices_are_listed_in_chinese():
    leading = LEADERS
    labels = {"x": "中国", "y": "重庆市"}
    assert indicators.describe_leaders(leading, labels, "zh") == (
        "中国2021年（按不变价为第三产业，按现价为第二产业）"
    )
    assert indicators.describe_leaders(leading[leading["same"]], labels, "zh") == "无"

"""Specification of the growth indicators, checked against the paper and by hand."""

import numpy as np
import pandas as pd
import pytest

from chengyu import indicators
from chengyu.indicators.growth import cagr, gap_ratio, rebase

# Chengdu tertiary value added, Table 1 of the paper (亿元).
CHENGDU_TERTIARY = pd.Series(
    {2020: 11643.0, 2021: 13219.9, 2022: 13825.0, 2023: 15109.0}
)


# --- cagr --------------------------------------------------------------------------------


def test_cagr_worked_example():
    # 100 * 1.1 * 1.1 = 121, so 10 % a year for two years.
    assert cagr(100, 121, 2) == pytest.approx(10)


def test_cagr_of_co_innovation_index():
    # §3.2.3: the co-innovation index went from 100 (2020) to 157.07 (2022), "+57.07 %";
    # per year sqrt(1.5707) = 1.25328, i.e. 25.33 %.
    assert cagr(100, 157.07, 2) == pytest.approx(25.33, abs=0.005)


def test_cagr_over_one_year_is_the_growth_rate():
    assert cagr(655.2, 594.9, 1) == pytest.approx((594.9 / 655.2 - 1) * 100)


def test_cagr_of_a_total_loss_is_minus_100():
    assert cagr(50, 0, 3) == -100


@pytest.mark.parametrize(
    ("start", "end", "years", "message"),
    [
        (0, 10, 2, "start: must be > 0"),
        (-5, 10, 2, "start: expected a finite non-negative number"),
        (10, -1, 2, "end: expected a finite non-negative number"),
        (10, 20, 0, "years: must be > 0"),
        (10, 20, -1, "years: must be > 0"),
        (10, 20, np.nan, "years: must be > 0"),
        (np.nan, 20, 2, "start: expected a finite non-negative number"),
    ],
)
def test_cagr_rejects_bad_input(start, end, years, message):
    with pytest.raises(ValueError, match=message):
        cagr(start, end, years)


# --- rebase ------------------------------------------------------------------------------


def test_rebase_worked_example():
    # 50, 75, 100 with the first year as base: 50/50, 75/50, 100/50 -> 100, 150, 200.
    rebased = rebase(pd.Series({2020: 50.0, 2021: 75.0, 2022: 100.0}), 2020)
    pd.testing.assert_series_equal(
        rebased, pd.Series({2020: 100.0, 2021: 150.0, 2022: 200.0})
    )


def test_rebased_chengdu_tertiary_2023_matches_paper_growth():
    # §3.2.1: Chengdu tertiary +29.77 % from 2020 to 2023, so 2023 is 129.77 on 2020 = 100.
    rebased = rebase(CHENGDU_TERTIARY, 2020)
    assert rebased[2020] == 100
    assert round(rebased[2023], 2) == 129.77


def test_rebase_to_a_later_year():
    # 11643 / 15109 * 100 = 77.06.
    assert rebase(CHENGDU_TERTIARY, 2023)[2020] == pytest.approx(77.06, abs=0.005)


def test_rebase_rejects_a_missing_base_year():
    with pytest.raises(ValueError, match="base 2019 is not in the series index"):
        rebase(CHENGDU_TERTIARY, 2019)


def test_rebase_rejects_zero_at_base():
    with pytest.raises(ValueError, match="series is 0 at base 2020"):
        rebase(pd.Series({2020: 0.0, 2021: 5.0}), 2020)


def test_rebase_rejects_missing_and_negative_values():
    with pytest.raises(
        ValueError, match="missing or non-numeric value for \\['2021'\\]"
    ):
        rebase(pd.Series({2020: 1.0, 2021: np.nan}), 2020)
    with pytest.raises(ValueError, match="negative value for \\['2021'\\]"):
        rebase(pd.Series({2020: 1.0, 2021: -1.0}), 2020)


# --- gap_ratio ---------------------------------------------------------------------------


def test_gap_ratio_of_numbers():
    # Table 2, 2023: primary value added is 2.31 % of the national total for Chongqing and
    # 0.66 % for Chengdu; 0.66 * 3.5 = 2.31.
    assert gap_ratio(2.31, 0.66) == pytest.approx(3.5)


def test_gap_ratio_of_series_pairs_by_label():
    # Table 2, 2023, Chongqing over Chengdu: 2.31 / 0.66 = 3.5, 2.42 / 1.32 = 11/6, 2.38 / 2.20.
    chongqing = pd.Series({"primary": 2.31, "secondary": 2.42, "tertiary": 2.38})
    chengdu = pd.Series({"tertiary": 2.20, "secondary": 1.32, "primary": 0.66})
    ratio = gap_ratio(chongqing, chengdu)
    assert ratio.index.tolist() == ["primary", "secondary", "tertiary"]
    np.testing.assert_allclose(ratio, [3.5, 11 / 6, 2.38 / 2.20])


def test_gap_ratio_of_equal_values_is_one():
    assert gap_ratio(1.7, 1.7) == 1


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (1.0, 0.0, "b: must be > 0"),
        (-1.0, 2.0, "a: expected a finite non-negative number"),
        (1.0, -2.0, "b: expected a finite non-negative number"),
        (np.nan, 2.0, "a: expected a finite non-negative number"),
        (1.0, np.nan, "b: expected a finite non-negative number"),
    ],
)
def test_gap_ratio_rejects_bad_numbers(a, b, message):
    with pytest.raises(ValueError, match=message):
        gap_ratio(a, b)


def test_gap_ratio_rejects_bad_series():
    a = pd.Series({"x": 1.0, "y": 2.0})
    with pytest.raises(ValueError, match="b: must be > 0, is 0 for \\['y'\\]"):
        gap_ratio(a, pd.Series({"x": 1.0, "y": 0.0}))
    with pytest.raises(ValueError, match="a and b cover different sectors"):
        gap_ratio(a, pd.Series({"x": 1.0, "z": 1.0}))
    with pytest.raises(ValueError, match="b: missing or non-numeric value"):
        gap_ratio(a, pd.Series({"x": 1.0, "y": np.nan}))


def test_nominal_growth_from_value_added_beside_the_real_growth_released():
    from chengyu import data
    from chengyu.indicators.growth import nominal_and_real

    frames = data.load_all()
    table = nominal_and_real(frames["value_added"], frames["indicators"], "chongqing")
    row = table.query("year == 2021 and sector == 'secondary'").iloc[0]
    # 11184.94 / 9992.21 - 1 = 11.937 % nominal; the 2021 release: +7.3 % at comparable prices
    assert row["nominal"] == pytest.approx(11.937, abs=0.001)
    assert row["real"] == 7.3 and row["prices"] == pytest.approx(4.637, abs=0.001)
    assert list(table.query("year == 2021")["sector"]) == [
        "primary",
        "secondary",
        "tertiary",
        "total",
    ]
    # Chengdu: GDP growth only where the year before has value added (2022 on 2021: 2.8 %
    # released against 20817.5 / 19917.0 - 1 = 4.52 % nominal, on Table 1's 2021 sum), no sector's
    chengdu = nominal_and_real(frames["value_added"], frames["indicators"], "chengdu")
    assert set(chengdu["sector"]) == {"total"}
    row = chengdu.query("year == 2022").iloc[0]
    assert row["real"] == 2.8 and row["nominal"] == pytest.approx(4.521, abs=0.001)


def test_real_contributions_weight_each_sectors_real_growth_by_last_years_value_added():
    # worked example: 2020 value added (10, 40, 50); 2021 real growth 2 %, 4 %, 6 % (GDP 4.8 %)
    # real increases 0.2, 1.6, 3.0 (of 4.8): pulls 0.2, 1.6, 3.0 points; shares 4.17, 33.3, 62.5
    value_added = pd.DataFrame(
        {
            "region": ["x"] * 3,
            "year": [2020] * 3,
            "sector": ["primary", "secondary", "tertiary"],
            "value": [10.0, 40.0, 50.0],
        }
    )
    figures = pd.DataFrame(
        {
            "series": [
                f"real_growth_{s}" for s in ("primary", "secondary", "tertiary", "gdp")
            ],
            "region": ["x"] * 4,
            "year": [2021] * 4,
            "value": [2.0, 4.0, 6.0, 4.8],
        }
    )
    table = indicators.real_contributions(value_added, figures, ["x"]).set_index(
        "sector"
    )
    assert list(table["points"]) == pytest.approx([0.2, 1.6, 3.0])
    assert list(table["share"]) == pytest.approx([100 / 24, 100 / 3, 62.5])
    assert table["points"].sum() == pytest.approx(table.loc["primary", "gdp_growth"])


def test_a_year_without_all_three_real_rates_or_last_years_values_is_left_out():
    value_added = pd.DataFrame(
        {
            "region": ["x"] * 3,
            "year": [2020] * 3,
            "sector": ["primary", "secondary", "tertiary"],
            "value": [1.0, 1.0, 1.0],
        }
    )
    only_gdp = pd.DataFrame(
        {"series": ["real_growth_gdp"], "region": ["x"], "year": [2021], "value": [5.0]}
    )
    assert indicators.real_contributions(value_added, only_gdp, ["x"]).empty

"""Specification of the measures of coordination between regions: chengyu.indicators'
specialisation, coupling and trends modules, and the checks of the paper's Table 2 in
chengyu.claims (compare_with_printed, paper_layout, trend_claim_verdicts).

Expected values are checked by hand (arithmetic in the comments) or taken from the paper
(/work/shared/paper/xiang-2024-chengyu-industrial-coordination.txt, Tables 1 and 2).
"""

import math

import numpy as np
import pandas as pd
import pytest

from chengyu.claims import compare_with_printed, paper_layout, trend_claim_verdicts
from chengyu.indicators import (
    COORDINATION_BANDS,
    INDUSTRIAL_SYSTEM,
    TRENDS,
    composite_scores,
    coordination_band,
    coupling_coordination,
    coupling_coordination_table,
    coupling_sensitivity,
    describe_directions,
    entropy_weights,
    equal_weights,
    industrial_system,
    krugman_index,
    location_quotient,
    location_quotient_table,
    minmax_normalise,
    national_share_table,
    national_shares,
    similarity_coefficient,
    structure_similarity_table,
    trend,
    trend_holds,
    yearly_directions,
)
from conftest import SECTORS, sectors

# Value added, 亿元. National: NBS preliminary estimates; cities: the paper's Table 1.
NATION = {2020: sectors(77754, 384255, 553977), 2023: sectors(89755, 482589, 688238)}
CHENGDU = {2020: sectors(655.2, 5418.5, 11643), 2023: sectors(594.9, 6370.9, 15109)}
CHONGQING = {
    2020: sectors(1803.33, 9992.21, 13207.25),
    2023: sectors(2074.68, 11699.14, 16371.97),
}

# log₃2, which the hand-computed entropy examples reduce to.
LOG3_2 = math.log(2) / math.log(3)


# --- national_shares: the paper's Table 2 --------------------------------------------------


@pytest.mark.parametrize(
    ("city", "year", "table_2"),
    [
        # Table 2, percent of the national value added, 2 decimals.
        (CHENGDU, 2020, (0.84, 1.41, 2.10)),
        (CHONGQING, 2020, (2.32, 2.60, 2.38)),
        (CHENGDU, 2023, (0.66, 1.32, 2.20)),
        (CHONGQING, 2023, (2.31, 2.42, 2.38)),
    ],
    ids=["Chengdu-2020", "Chongqing-2020", "Chengdu-2023", "Chongqing-2023"],
)
def test_national_shares_reproduce_table_2_at_two_decimals(city, year, table_2):
    # e.g. Chengdu 2020 primary: 655.2 / 77754 · 100 = 0.8427 → 0.84.
    shares = national_shares(city[year], NATION[year])
    assert list(shares.round(2)) == list(table_2)


def test_national_shares_are_each_sector_over_its_national_value_in_percent():
    # 1/4 · 100 = 25, 3/10 · 100 = 30, 0/5 · 100 = 0: each sector on its own national value.
    shares = national_shares(sectors(1, 3, 0), sectors(4, 10, 5))
    assert list(shares) == [25.0, 30.0, 0.0]


def test_national_shares_follow_the_region_sector_order():
    nation = pd.Series({"tertiary": 10.0, "primary": 4.0, "secondary": 10.0})
    assert list(national_shares(sectors(1, 3, 5), nation).index) == SECTORS


# --- location_quotient ---------------------------------------------------------------------


def test_location_quotient_of_the_nation_against_itself_is_one_for_every_sector():
    assert location_quotient(NATION[2023], NATION[2023]).tolist() == pytest.approx(
        [1, 1, 1]
    )


def test_location_quotient_is_the_region_share_over_the_national_share():
    # Region shares 10/100, 30/100, 60/100 = 0.1, 0.3, 0.6; nation 100/400, 100/400, 200/400
    # = 0.25, 0.25, 0.5; LQ = 0.1/0.25, 0.3/0.25, 0.6/0.5 = 0.4, 1.2, 1.2.
    lq = location_quotient(sectors(10, 30, 60), sectors(100, 100, 200))
    assert lq.tolist() == pytest.approx([0.4, 1.2, 1.2])


# --- similarity_coefficient and krugman_index ----------------------------------------------


def test_similarity_of_a_structure_with_itself_is_one_and_krugman_zero():
    chengdu = CHENGDU[2023]
    assert similarity_coefficient(chengdu, chengdu) == pytest.approx(1)
    assert krugman_index(chengdu, chengdu) == pytest.approx(0)


def test_similarity_with_a_scaled_copy_is_one_and_krugman_zero():
    # Both work on shares, so a copy in 万元 instead of 亿元 has the same structure.
    chengdu = CHENGDU[2023]
    assert similarity_coefficient(chengdu, chengdu * 10_000) == pytest.approx(1)
    assert krugman_index(chengdu, chengdu * 10_000) == pytest.approx(0)


def test_structures_with_no_sector_in_common_have_similarity_zero_and_krugman_two():
    a = pd.Series({"x": 1.0, "y": 0.0})
    b = pd.Series({"x": 0.0, "y": 1.0})
    # Shares (1, 0) and (0, 1): Σ sₐ s_b = 0; Σ |sₐ − s_b| = 1 + 1 = 2.
    assert similarity_coefficient(a, b) == 0
    assert krugman_index(a, b) == 2


def test_similarity_and_krugman_on_a_hand_example():
    # Shares (0.5, 0.5, 0) and (1, 0, 0).
    # Similarity: (0.5·1) / √((0.25 + 0.25) · 1) = 0.5 / √0.5 = √0.5 = 0.70711.
    # Krugman: |0.5 − 1| + |0.5 − 0| + 0 = 1.
    a, b = sectors(2, 2, 0), sectors(7, 0, 0)
    assert similarity_coefficient(a, b) == pytest.approx(math.sqrt(0.5))
    assert krugman_index(a, b) == pytest.approx(1)


def test_similarity_and_krugman_stay_in_their_ranges_for_the_two_cities():
    for year in (2020, 2023):
        assert 0 <= similarity_coefficient(CHENGDU[year], CHONGQING[year]) <= 1
        assert 0 <= krugman_index(CHENGDU[year], CHONGQING[year]) <= 2


# --- minmax_normalise, entropy_weights, composite_scores ----------------------------------

# x: larger is better; y: larger is worse (named in `negative`); z: constant.
INDICATORS = pd.DataFrame(
    {"x": [1.0, 2.0, 3.0], "y": [4.0, 2.0, 2.0], "z": [5.0, 5.0, 5.0]}
)


def test_minmax_normalise_maps_each_column_onto_zero_to_one():
    # x: (x − 1) / (3 − 1) = 0, 0.5, 1. y is negative: (4 − y) / (4 − 2) = 0, 1, 1.
    # z has no variation and is set to 1.
    norm = minmax_normalise(INDICATORS, negative=["y"])
    assert norm.to_dict("list") == {"x": [0, 0.5, 1], "y": [0, 1, 1], "z": [1, 1, 1]}


def test_minmax_normalise_without_negative_treats_every_column_as_larger_is_better():
    # y: (y − 2) / (4 − 2) = 1, 0, 0.
    assert minmax_normalise(INDICATORS)["y"].tolist() == [1, 0, 0]


def test_minmax_normalise_accepts_negative_values():
    # Growth rates can be negative: (−2, 0, 2) → (−2 + 2) / 4, (0 + 2) / 4, (2 + 2) / 4.
    norm = minmax_normalise(pd.DataFrame({"growth": [-2.0, 0.0, 2.0]}))
    assert norm["growth"].tolist() == [0, 0.5, 1]


def test_entropy_weights_on_a_three_row_hand_example():
    # n = 3 rows, ln n = ln 3. Normalised as in the minmax test above.
    # x: x' = (0, 0.5, 1), Σ = 1.5, p = (0, 1/3, 2/3).
    #    e = −(1/ln3)·(0 + ⅓ ln⅓ + ⅔ ln⅔) = (⅓ ln3 + ⅔ ln1.5) / ln3 = 1 − ⅔·log₃2
    #      = 1 − ⅔·0.630930 = 0.579380;  d = ⅔·log₃2 = 0.420620.
    # y: y' = (0, 1, 1), p = (0, ½, ½).
    #    e = −(1/ln3)·2·(½ ln½) = ln2/ln3 = log₃2 = 0.630930;  d = 1 − log₃2 = 0.369070.
    # z: constant, d = 0.
    # Σd = 1 − ⅓·log₃2 = 0.789690.
    # w_x = (⅔·log₃2) / (1 − ⅓·log₃2) = 2·log₃2 / (3 − log₃2) = 1.261860 / 2.369070 = 0.532639.
    # w_y = 1 − w_x = 0.467361; w_z = 0.
    weights = entropy_weights(INDICATORS, negative=["y"])
    w_x = 2 * LOG3_2 / (3 - LOG3_2)
    assert weights.to_dict() == pytest.approx({"x": w_x, "y": 1 - w_x, "z": 0})
    assert weights["x"] == pytest.approx(0.532639, abs=1e-6)


def test_entropy_weights_sum_to_one():
    rng = np.random.default_rng(2024)
    frame = pd.DataFrame(rng.uniform(0, 100, size=(6, 4)), columns=list("abcd"))
    weights = entropy_weights(frame, negative=["b"])
    assert weights.sum() == pytest.approx(1)
    assert (weights >= 0).all()
    assert list(weights.index) == list("abcd")


def test_entropy_weights_take_zero_log_zero_as_zero_without_shifting():
    # a = (1, 1, 5) normalises to (0, 0, 1): p = (0, 0, 1), and with 0·ln0 = 0 its entropy is
    # exactly 0, so d_a = 1. b = (1, 2, 3) has d_b = ⅔·log₃2 (hand example above).
    # w_a = 1 / (1 + ⅔·log₃2) = 3 / (3 + 2·log₃2) = 3 / 4.261860 = 0.703918.
    # A 0.0001 shift (平移) would give p_a slightly above 0 and e_a > 0, so w_a < 0.703918.
    frame = pd.DataFrame({"a": [1.0, 1.0, 5.0], "b": [1.0, 2.0, 3.0]})
    assert entropy_weights(frame)["a"] == pytest.approx(3 / (3 + 2 * LOG3_2), abs=1e-12)


def test_entropy_gives_a_constant_column_weight_zero():
    # z carries no information: weight exactly 0, and the others split all the weight.
    weights = entropy_weights(INDICATORS)
    assert weights["z"] == 0
    assert weights[["x", "y"]].sum() == pytest.approx(1)


def test_entropy_weights_with_two_rows_split_evenly_between_varying_columns():
    # With 2 rows every varying column normalises to (0, 1): p = (0, 1), e = 0, d = 1.
    frame = pd.DataFrame({"a": [1.0, 9.0], "b": [3.0, 2.0]})
    assert entropy_weights(frame).tolist() == [0.5, 0.5]


def test_composite_scores_are_weighted_sums_of_normalised_values():
    # x' = (0, 0.5, 1), y' = (0, 1, 1) (y negative); 0.25·x' + 0.75·y' = 0, 0.875, 1.
    frame = INDICATORS[["x", "y"]]
    scores = composite_scores(frame, pd.Series({"y": 0.75, "x": 0.25}), negative=["y"])
    assert scores.tolist() == pytest.approx([0, 0.875, 1])


def test_composite_scores_with_entropy_weights_lie_in_zero_to_one():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(rng.normal(size=(8, 3)), columns=["a", "b", "c"])
    scores = composite_scores(frame, entropy_weights(frame, ["c"]), ["c"])
    assert ((scores >= 0) & (scores <= 1 + 1e-12)).all()


# --- coupling_coordination and coordination_band ------------------------------------------


def test_coupling_coordination_on_a_hand_example():
    # u1 = 0.3, u2 = 0.6: C = 2√0.18 / 0.9 = 2·0.424264 / 0.9 = 0.942809;
    # T = 0.5·0.3 + 0.5·0.6 = 0.45; D = √(0.942809 · 0.45) = √0.424264 = 0.651356.
    c, t, d = coupling_coordination(0.3, 0.6)
    assert (c, t, d) == pytest.approx((0.942809, 0.45, 0.651356), abs=1e-6)


def test_coupling_coordination_weights_the_two_systems_in_t():
    # T = 0.2·0.3 + 0.8·0.6 = 0.06 + 0.48 = 0.54; C does not depend on alpha and beta.
    c, t, _ = coupling_coordination(0.3, 0.6, alpha=0.2, beta=0.8)
    assert t == pytest.approx(0.54)
    assert c == pytest.approx(coupling_coordination(0.3, 0.6)[0])


def test_d_is_the_square_root_of_u_when_both_systems_score_u():
    # u1 = u2 = u > 0: C = 2√(u²) / 2u = 1 and T = 0.5u + 0.5u = u, so D = √(C·T) = √u.
    # (D equals u itself only at u = 1.)
    for u in np.linspace(0.05, 1, 20):
        c, t, d = coupling_coordination(u, u)
        assert (c, t, d) == pytest.approx((1, u, math.sqrt(u)))


def test_d_lies_in_zero_to_one_over_a_grid_of_u():
    u1, u2 = (
        g.ravel() for g in np.meshgrid(np.linspace(0, 1, 41), np.linspace(0, 1, 41))
    )
    c, t, d = coupling_coordination(u1, u2)
    for values in (c, t, d):
        assert ((values >= 0) & (values <= 1)).all()


def test_coupling_is_zero_when_both_systems_score_zero():
    # u1 + u2 = 0: C is defined as 0 rather than 0/0, so T = 0 and D = 0.
    assert coupling_coordination(0.0, 0.0) == (0.0, 0.0, 0.0)


def test_coupling_coordination_returns_the_kind_it_was_given():
    c, t, d = coupling_coordination(0.3, 0.6)
    assert all(type(x) is float for x in (c, t, d))
    arrays = coupling_coordination(np.array([0.3, 0.0]), np.array([0.6, 0.0]))
    assert all(isinstance(x, np.ndarray) for x in arrays)
    assert arrays[0].tolist() == pytest.approx([0.942809, 0], abs=1e-6)
    years = pd.Index([2020, 2021], name="year")
    series = coupling_coordination(
        pd.Series([0.3, 0.0], index=years), pd.Series([0.6, 0.0], index=years)
    )
    assert all(isinstance(x, pd.Series) and x.index.equals(years) for x in series)
    assert series[2][2020] == pytest.approx(0.651356, abs=1e-6)


@pytest.mark.parametrize(
    ("d", "band"),
    [
        (0.0, ("极度失调", "extreme imbalance")),
        (0.0999, ("极度失调", "extreme imbalance")),
        (0.1, ("严重失调", "serious imbalance")),
        (0.3, ("轻度失调", "mild imbalance")),
        (0.4999, ("濒临失调", "on the verge of imbalance")),
        (0.5, ("勉强协调", "barely coordinated")),
        (0.651356, ("初级协调", "primary coordination")),
        (0.9, ("优质协调", "high-quality coordination")),
        (0.95, ("优质协调", "high-quality coordination")),
        (1.0, ("优质协调", "high-quality coordination")),
    ],
)
def test_coordination_band_edges_are_closed_below_and_the_top_band_includes_one(
    d, band
):
    assert coordination_band(d) == band


def test_the_band_table_has_ten_bands_of_width_one_tenth():
    lowers = [lower for lower, _, _ in COORDINATION_BANDS]
    assert lowers == pytest.approx([i / 10 for i in range(10)])
    assert len({zh for _, zh, _ in COORDINATION_BANDS}) == 10


# --- trend ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((5, 4, 3, 1), "falls every year"),
        ((1, 2, 4, 5), "rises every year"),
        ((1, 3, 2, 1), "inverted V"),
        ((1, 3, 3, 2), "inverted V"),  # a flat top is still a single peak
        ((1, 4, 2), "inverted V"),  # the ends need not be equal
        ((3, 1, 2, 3), "V"),
        ((5, 1, 4), "V"),
        ((5, 3, 3, 2), "falls overall"),  # no change in one year, so not every year
        (
            (5, 3, 4, 2),
            "falls overall",
        ),  # zigzag: neither a single peak nor a single trough
        ((1, 1, 2), "rises overall"),
        ((2, 3, 2, 3), "rises overall"),
        ((2, 2, 2), "flat"),
        ((2, 3, 1, 2), "flat"),  # no net change, though not constant
        ((4, 4), "flat"),
    ],
)
def test_trend_classifies_each_shape(values, expected):
    assert trend(values) == expected
    assert expected in TRENDS


@pytest.mark.parametrize(
    ("row", "values", "expected"),
    [
        # Table 2, 2020-2023. Paper (§4.1): Chengdu primary and secondary 持续下滑.
        ("Chengdu primary", (0.84, 0.70, 0.67, 0.66), "falls every year"),
        ("Chengdu secondary", (1.41, 1.36, 1.33, 1.32), "falls every year"),
        # Paper: Chengdu tertiary 总体上呈上升趋势.
        ("Chengdu tertiary", (2.10, 2.17, 2.16, 2.20), "rises overall"),
        # Paper: Chongqing primary and secondary 总体上呈下滑趋势. Secondary matches. Primary
        # dips to 2.28 and recovers to 2.31, just below 2.32: by these rules a V, not
        # 'falls overall' (the V rule comes first).
        ("Chongqing primary", (2.32, 2.31, 2.28, 2.31), "V"),
        ("Chongqing secondary", (2.60, 2.48, 2.42, 2.42), "falls overall"),
        # Paper: Chongqing tertiary 倒"V"形.
        ("Chongqing tertiary", (2.38, 2.43, 2.41, 2.38), "inverted V"),
    ],
)
def test_trend_of_table_2_rows(row, values, expected):
    assert trend(values, decimals=2) == expected


def test_trend_compares_at_the_given_precision():
    # 1.001, 1.004, 1.002 is an inverted V, but all three print as 1.00 at 2 decimals.
    assert trend([1.001, 1.004, 1.002]) == "inverted V"
    assert trend([1.001, 1.004, 1.002], decimals=2) == "flat"


def test_trend_reads_a_series_in_its_given_order():
    shares = pd.Series([0.84, 0.70, 0.67, 0.66], index=[2020, 2021, 2022, 2023])
    assert trend(shares) == "falls every year"


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("indicator", [national_shares, location_quotient])
def test_ratio_to_the_nation_rejects_a_zero_national_value(indicator):
    with pytest.raises(ValueError, match=r"nation: value is 0 for \['primary'\]"):
        indicator(sectors(1, 2, 3), sectors(0, 5, 5))


@pytest.mark.parametrize(
    "indicator",
    [national_shares, location_quotient, similarity_coefficient, krugman_index],
)
@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (
            sectors(1, 2, 3),
            pd.Series({"primary": 1.0, "secondary": 2.0}),
            "cover different sectors",
        ),
        (sectors(1, -2, 3), sectors(1, 2, 3), "negative value for"),
        (sectors(1, np.nan, 3), sectors(1, 2, 3), "missing or non-numeric value"),
        (sectors(0, 0, 0), sectors(1, 2, 3), "sum to zero"),
    ],
    ids=["mismatched-sectors", "negative", "NaN", "zero-total"],
)
def test_structure_indicators_reject_bad_structures(indicator, a, b, message):
    with pytest.raises(ValueError, match=message):
        indicator(a, b)


@pytest.mark.parametrize("indicator", [minmax_normalise, entropy_weights])
@pytest.mark.parametrize(
    ("frame", "negative", "message"),
    [
        (pd.DataFrame({"x": [1.0]}), (), "at least 2 rows"),
        (pd.DataFrame({"x": [1.0, np.nan]}), (), r"missing, .* in columns \['x'\]"),
        (
            pd.DataFrame({"x": [1.0, 2.0], "y": ["a", 2.0]}),
            (),
            r"non-numeric .* in columns \['y'\]",
        ),
        (
            pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], columns=["x", "x"]),
            (),
            r"duplicate columns \['x'\]",
        ),
        (
            pd.DataFrame({"x": [1.0, 2.0]}),
            ["cost"],
            r"columns \['cost'\] are not in the frame",
        ),
        (pd.DataFrame(index=[0, 1]), (), "no indicator columns"),
        (pd.Series([1.0, 2.0]), (), "expected a pandas DataFrame"),
    ],
    ids=[
        "one-row",
        "NaN",
        "non-numeric",
        "duplicate-columns",
        "unknown-negative",
        "no-columns",
        "not-a-frame",
    ],
)
def test_indicator_tables_reject_bad_input(indicator, frame, negative, message):
    with pytest.raises(ValueError, match=message):
        indicator(frame, negative)


def test_entropy_weights_reject_a_frame_where_every_column_is_constant():
    with pytest.raises(ValueError, match="every column is constant"):
        entropy_weights(pd.DataFrame({"x": [1.0, 1.0], "y": [2.0, 2.0]}))


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (pd.Series({"x": 0.5, "z": 0.5}), "weights and frame columns differ"),
        (pd.Series({"x": 0.5, "y": 0.6}), "must sum to 1"),
        (pd.Series({"x": 1.5, "y": -0.5}), "negative value for"),
    ],
    ids=["other-columns", "sum-not-one", "negative-weight"],
)
def test_composite_scores_reject_bad_weights(weights, message):
    with pytest.raises(ValueError, match=message):
        composite_scores(INDICATORS[["x", "y"]], weights)


@pytest.mark.parametrize(
    ("u1", "u2", "kwargs", "message"),
    [
        (1.2, 0.5, {}, r"u1: values must lie in \[0, 1\]"),
        (0.5, -0.1, {}, r"u2: values must lie in \[0, 1\]"),
        (np.array([0.5, np.nan]), np.array([0.5, 0.5]), {}, "u1: missing value"),
        (0.5, 0.5, {"alpha": 0.6, "beta": 0.6}, "sum to 1"),
        (0.5, 0.5, {"alpha": 1.5, "beta": -0.5}, "non-negative"),
        (np.array([0.5, 0.5]), np.array([0.5, 0.5, 0.5]), {}, "different shapes"),
        (
            pd.Series([0.5], index=[2020]),
            pd.Series([0.5], index=[2021]),
            {},
            "different indexes",
        ),
    ],
    ids=[
        "u1-above-1",
        "u2-below-0",
        "NaN",
        "weights-sum",
        "negative-weight",
        "shapes",
        "indexes",
    ],
)
def test_coupling_coordination_rejects_bad_input(u1, u2, kwargs, message):
    with pytest.raises(ValueError, match=message):
        coupling_coordination(u1, u2, **kwargs)


@pytest.mark.parametrize("d", [-0.01, 1.01, float("nan")])
def test_coordination_band_rejects_d_outside_zero_to_one(d):
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\]"):
        coordination_band(d)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([1.0], "at least 2 values"),
        ([[1.0, 2.0]], "1-D"),
        ([1.0, np.nan, 2.0], "missing or infinite"),
    ],
    ids=["one-value", "two-dimensional", "NaN"],
)
def test_trend_rejects_bad_input(values, message):
    with pytest.raises(ValueError, match=message):
        trend(values)


# --- trend_holds: each claimed class by its own rule ----------------------------------------


@pytest.mark.parametrize(
    ("values", "claimed", "holds"),
    [
        # Chongqing primary, Table 2: classed 'V', yet last < first (2.31 < 2.32).
        ((2.32, 2.31, 2.28, 2.31), "falls overall", True),
        ((2.32, 2.31, 2.28, 2.31), "V", True),
        ((2.32, 2.31, 2.28, 2.31), "falls every year", False),  # 2.28 → 2.31 is a rise
        # Chongqing secondary, Table 2: 2.42 → 2.42 is no fall, so not 'every year'.
        ((2.60, 2.48, 2.42, 2.42), "falls every year", False),
        ((2.60, 2.48, 2.42, 2.42), "falls overall", True),
        # Chengdu tertiary: a dip in 2022, still up overall, and no single peak.
        ((2.10, 2.17, 2.16, 2.20), "rises overall", True),
        ((2.10, 2.17, 2.16, 2.20), "inverted V", False),
        ((2.38, 2.43, 2.41, 2.38), "inverted V", True),
        ((2.38, 2.43, 2.41, 2.38), "flat", True),  # ends where it started
    ],
)
def test_trend_holds_tests_the_claimed_class_by_its_own_rule(values, claimed, holds):
    assert trend_holds(values, claimed, decimals=2) is holds


def test_trend_is_the_first_class_whose_rule_holds():
    # (1, 3, 2, 4) rises overall but not every year (3 → 2), and its peak is at the end, not
    # inside: the first rule that holds, in the order of TRENDS, is 'rises overall'.
    assert trend((1, 3, 2, 4)) == "rises overall"
    assert not trend_holds((1, 3, 2, 4), "rises every year")
    # (1, 2, 3) bears out both 'rises every year' and 'rises overall'; the narrower comes first.
    assert (
        trend_holds((1, 2, 3), "rises overall")
        and trend((1, 2, 3)) == "rises every year"
    )


def test_trend_holds_rounds_to_the_given_precision_first():
    # 2.3193 → 2.3115 falls unrounded; at 1 decimal both are 2.3, so it is flat.
    assert trend_holds([2.3193, 2.3115], "falls overall")
    assert not trend_holds([2.3193, 2.3115], "falls overall", decimals=1)


def test_trend_holds_rejects_an_unknown_class():
    with pytest.raises(ValueError, match="unknown trend class 'U-shaped'"):
        trend_holds([1, 2, 1], "U-shaped")


#: A series of each class, worked by hand against the rules of ``trend``.
CLASS_EXAMPLES = {
    "falls every year": (3, 2, 1),
    "rises every year": (1, 2, 3),
    "inverted V": (1, 3, 2),
    "V": (3, 1, 2),
    "falls overall": (
        3,
        1,
        2,
        1,
    ),  # the lowest point is not inside the path alone: not a V
    "rises overall": (1, 3, 2, 4),
    "flat": (1, 2, 1, 2, 1),  # ends where it started, with no single peak or trough
}


@pytest.mark.parametrize("shape", TRENDS)
def test_every_trend_class_is_reached_by_a_series_of_its_own(shape):
    # a class shadowed by an earlier rule could never be returned; each must be
    assert trend(CLASS_EXAMPLES[shape]) == shape


# --- tables assembled from a tidy value_added frame -----------------------------------------


def tidy(rows):
    """A value_added frame from {(region, year): (primary, secondary, tertiary)}."""
    return pd.DataFrame(
        [
            {"region": region, "year": year, "sector": sector, "value": float(value)}
            for (region, year), values in rows.items()
            for sector, value in zip(SECTORS, values, strict=True)
        ]
    )


TOY = tidy(
    {
        ("nation", 2020): (100, 400, 500),
        ("nation", 2021): (100, 500, 400),
        ("a", 2020): (10, 40, 50),
        ("a", 2021): (5, 20, 75),
        ("b", 2020): (20, 20, 60),
        ("b", 2021): (20, 20, 60),
    }
)


def test_national_share_table_is_long_with_one_row_per_region_year_and_sector():
    table = national_share_table(TOY, ["a", "b"], [2020, 2021], nation="nation")
    assert list(table.columns) == ["region", "year", "sector", "share"]
    assert len(table) == 2 * 2 * 3
    # a 2021: 5/100, 20/500, 75/400 → 5%, 4%, 18.75%.
    a_2021 = table[(table["region"] == "a") & (table["year"] == 2021)]["share"].tolist()
    assert a_2021 == pytest.approx([5, 4, 18.75])


def test_location_quotient_table_uses_each_years_national_structure():
    table = location_quotient_table(
        TOY, ["a"], [2020, 2021], nation="nation"
    ).set_index(["year", "sector"])["lq"]
    # 2020: a's shares 0.1, 0.4, 0.5 equal the nation's → 1, 1, 1.
    assert table.loc[2020].tolist() == pytest.approx([1, 1, 1])
    # 2021: a 0.05, 0.2, 0.75 over nation 0.1, 0.5, 0.4 → 0.5, 0.4, 1.875.
    assert table.loc[2021].tolist() == pytest.approx([0.5, 0.4, 1.875])


def test_a_year_a_region_lacks_is_a_gap_and_a_year_the_nation_lacks_an_error():
    # The nation has 2022 here, region a does not: a's 2022 rows are NaN, not estimates.
    with_2022 = pd.concat([TOY, tidy({("nation", 2022): (100, 500, 400)})])
    table = national_share_table(with_2022, ["a"], [2021, 2022], nation="nation")
    assert table.query("year == 2022")["share"].isna().all()
    assert table.query("year == 2021")["share"].notna().all()
    pairs = structure_similarity_table(with_2022, [("a", "nation")], [2021, 2022])
    assert pairs.set_index("year").loc[2022, ["similarity", "krugman"]].isna().all()
    with pytest.raises(ValueError, match=r"no figures for 'nation' in \[2023\]"):
        location_quotient_table(with_2022, ["a"], [2023], nation="nation")


def printed_cells(values, decimals=2):
    return pd.DataFrame(
        [
            {"region": "a", "year": 2020, "sector": s, "value": v, "decimals": decimals}
            for s, v in zip(SECTORS, values, strict=True)
        ]
    )


def test_compare_with_printed_matches_after_rounding_to_the_printed_decimals():
    computed = pd.DataFrame(
        {
            "region": "a",
            "year": 2020,
            "sector": SECTORS,
            "share": [0.8427, 1.415, 2.0949],
        }
    )
    # 0.8427 → 0.84 (match); 1.415 → 1.42 or 1.41 but not 1.40 (no match); 2.0949 → 2.09 (match).
    comparison = compare_with_printed(
        computed, printed_cells([0.84, 1.40, 2.09]), "share"
    )
    assert comparison["match"].tolist() == [True, False, True]
    assert list(comparison.columns) == [
        "region",
        "year",
        "sector",
        "recomputed",
        "printed",
        "decimals",
        "match",
    ]


def test_compare_with_printed_refuses_cells_on_one_side_only():
    computed = pd.DataFrame(
        {"region": "a", "year": 2020, "sector": SECTORS[:2], "share": [0.84, 1.41]}
    )
    with pytest.raises(ValueError, match="different cells: a 2020 tertiary"):
        compare_with_printed(computed, printed_cells([0.84, 1.41, 2.10]), "share")


def test_paper_layout_puts_each_printed_cell_beside_its_recomputed_value():
    computed = pd.DataFrame(
        {
            "region": "a",
            "year": 2020,
            "sector": SECTORS,
            "share": [0.8427, 1.4101, 2.1017],
        }
    )
    layout = paper_layout(
        compare_with_printed(computed, printed_cells([0.84, 1.41, 2.10]), "share"),
        ["a"],
    )
    assert list(layout.columns) == [(2020, "recomputed"), (2020, "printed")]
    assert layout.loc[("tertiary", "a")].tolist() == pytest.approx([2.1017, 2.10])


CLAIM_ROWS = pd.DataFrame(
    [
        {
            "id": "s41_x",
            "statement": "持续下滑",
            "quantity": "trend:falls every year",
            "region": "a",
            "sector": "primary",
            "year_from": 2020,
            "year_to": 2022,
            "decimals": 1,
        },
        {
            "id": "s321_y",
            "statement": "3.7",
            "quantity": "sector_share",
            "region": "a",
            "sector": "primary",
            "year_from": 2020,
            "year_to": 2020,
            "decimals": 1,
        },
    ]
)


def claim_shares(values):
    return pd.DataFrame(
        {
            "region": "a",
            "year": [2020, 2021, 2022],
            "sector": "primary",
            "share": values,
        }
    )


def test_trend_claim_verdicts_check_only_trend_claims_at_the_printed_precision():
    # 0.84, 0.81, 0.79 → 0.8, 0.8, 0.8 at 1 decimal: flat, so 'falls every year' fails;
    # unrounded it falls every year.
    shares = claim_shares([0.84, 0.81, 0.79])
    rounded = trend_claim_verdicts(CLAIM_ROWS, shares)
    assert rounded["id"].tolist() == ["s41_x"]
    row = rounded.iloc[0]
    assert (row["claimed"], row["path"], row["shape"], bool(row["holds"])) == (
        "falls every year",
        "0.8 → 0.8 → 0.8",
        "flat",
        False,
    )
    unrounded = trend_claim_verdicts(CLAIM_ROWS, shares, rounded=False).iloc[0]
    assert (unrounded["path"], unrounded["shape"], bool(unrounded["holds"])) == (
        "0.840 → 0.810 → 0.790",
        "falls every year",
        True,
    )
    assert unrounded["net_change"] == pytest.approx(-0.05)


def test_trend_claim_verdicts_refuse_a_missing_year():
    shares = claim_shares([0.84, 0.81, 0.79]).iloc[:2]
    with pytest.raises(
        ValueError, match=r"claim s41_x: no share for a primary in \[2022\]"
    ):
        trend_claim_verdicts(CLAIM_ROWS, shares)


def test_structure_similarity_table_compares_each_pair_each_year():
    table = structure_similarity_table(TOY, [("a", "nation"), ("a", "b")], [2020, 2021])
    assert list(table.columns) == ["a", "b", "year", "similarity", "krugman"]
    same = table[(table["b"] == "nation") & (table["year"] == 2020)]
    # a's 2020 structure is the nation's: similarity 1, Krugman 0.
    assert same["similarity"].item() == pytest.approx(1)
    assert same["krugman"].item() == pytest.approx(0)
    # 2020, a (0.1, 0.4, 0.5) against b (0.2, 0.2, 0.6): K = 0.1 + 0.2 + 0.1 = 0.4.
    ab = table[(table["b"] == "b") & (table["year"] == 2020)]
    assert ab["krugman"].item() == pytest.approx(0.4)


def test_industrial_system_on_a_hand_example():
    system = industrial_system(TOY, "a", [2020, 2021], nation="nation")
    assert list(system.columns) == [column for column, *_ in INDUSTRIAL_SYSTEM]
    # 2020: secondary 40, tertiary 50, 50/40 = 1.25, (10+40+50)/(100+400+500)·100 = 10.
    assert system.loc[2020].tolist() == pytest.approx([40, 50, 1.25, 10])
    # 2021: 20, 75, 75/20 = 3.75, 100/1000·100 = 10.
    assert system.loc[2021].tolist() == pytest.approx([20, 75, 3.75, 10])


YEARS_2 = pd.Index([2020, 2021], name="year")
SYSTEM_A = pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 5.0]}, index=YEARS_2)
SYSTEM_B = pd.DataFrame({"x": [2.0, 1.0], "y": [3.0, 5.0]}, index=YEARS_2)


def test_coupling_coordination_table_on_a_hand_example():
    # Two rows: every varying column normalises to (0, 1) or (1, 0), weights ½ and ½.
    # u₁ = ½(0, 1) + ½(0, 1) = (0, 1); u₂ = ½(1, 0) + ½(0, 1) = (0.5, 0.5).
    # 2020: u₁ = 0, so C = 0 and D = 0 (极度失调).
    # 2021: C = 2√0.5 / 1.5 = 0.942809, T = 0.75, D = √(0.942809 · 0.75) = 0.840896 (良好协调).
    scores, weights = coupling_coordination_table(SYSTEM_A, SYSTEM_B)
    assert weights.to_dict() == {"a": {"x": 0.5, "y": 0.5}, "b": {"x": 0.5, "y": 0.5}}
    assert scores["u1"].tolist() == [0, 1]
    assert scores["u2"].tolist() == [0.5, 0.5]
    assert scores.loc[2021, ["C", "T", "D"]].tolist() == pytest.approx(
        [0.942809, 0.75, 0.840896], abs=1e-6
    )
    assert scores["band_zh"].tolist() == ["极度失调", "良好协调"]
    assert scores.index.equals(YEARS_2)


def test_pooling_puts_both_systems_on_one_scale():
    # One indicator, a = (1, 2), b = (3, 4). Each on its own: both (0, 1).
    # Pooled over 1, 2, 3, 4: a = (0, ⅓), b = (⅔, 1), with one weight for both.
    a = pd.DataFrame({"x": [1.0, 2.0]}, index=YEARS_2)
    b = pd.DataFrame({"x": [3.0, 4.0]}, index=YEARS_2)
    own, _ = coupling_coordination_table(a, b)
    assert own["u1"].tolist() == own["u2"].tolist() == [0, 1]
    pooled, weights = coupling_coordination_table(a, b, pooled=True)
    assert pooled["u1"].tolist() == pytest.approx([0, 1 / 3])
    assert pooled["u2"].tolist() == pytest.approx([2 / 3, 1])
    assert weights["a"].equals(weights["b"])


@pytest.mark.parametrize(
    ("b", "message"),
    [
        (SYSTEM_B.set_axis([2021, 2022]), "same rows"),
        (SYSTEM_B[["y", "x"]], "same indicators"),
    ],
    ids=["other-years", "other-indicators"],
)
def test_coupling_coordination_table_rejects_systems_that_do_not_line_up(b, message):
    with pytest.raises(ValueError, match=message):
        coupling_coordination_table(SYSTEM_A, b)


# --- equal weights and the sensitivity of the coupling coordination degree -------------------


def test_equal_weights_give_every_indicator_one_kth():
    frame = pd.DataFrame(
        {"a": [1.0, 2.0, 3.0], "b": [5.0, 5.0, 6.0], "c": [0.0, 1.0, 0.0]}
    )
    assert equal_weights(frame).tolist() == pytest.approx([1 / 3] * 3)


def test_coupling_sensitivity_runs_four_variants_and_equal_weights_change_the_scores():
    a = pd.DataFrame(
        {"x": [1.0, 2.0, 4.0], "y": [3.0, 3.5, 3.6]},
        index=pd.Index([2020, 2021, 2022], name="year"),
    )
    b = pd.DataFrame({"x": [2.0, 2.5, 3.0], "y": [1.0, 1.2, 1.1]}, index=a.index)
    table = coupling_sensitivity(a, b)
    assert len(table) == 4 * 3
    assert set(zip(table["weighting"], table["normalisation"], strict=True)) == {
        ("entropy", "own"), ("entropy", "pooled"), ("equal", "own"), ("equal", "pooled"),
    }  # fmt: skip
    # equal weights, own years: a's normalised x is (0, 1/3, 1), y (0, 5/6, 1), so u1 in 2021
    # is (1/3 + 5/6) / 2 = 7/12; b's x (0, 1/2, 1), y (0, 1, 1/2): u2 = 3/4; T = (7/12 + 3/4) / 2 = 2/3
    row = table.query(
        "weighting == 'equal' and normalisation == 'own' and year == 2021"
    ).iloc[0]
    assert row["T"] == pytest.approx(2 / 3)


def test_an_unknown_weighting_is_refused():
    a = pd.DataFrame({"x": [1.0, 2.0]})
    with pytest.raises(ValueError, match="weighting: expected one of entropy, equal"):
        coupling_coordination_table(a, a, weighting="pca")


def test_yearly_directions_and_their_description():
    shares = pd.Series([30.58, 30.7, 30.76, 28.86], index=[2020, 2021, 2022, 2023])
    assert yearly_directions(shares).tolist() == ["rose", "rose", "fell"]
    assert (
        describe_directions(yearly_directions(shares))
        == "rose in 2021 and 2022 and fell in 2023"
    )
    zigzag = pd.Series([1.0, 2.0, 1.0, 1.0], index=[2020, 2021, 2022, 2023])
    assert (
        describe_directions(yearly_directions(zigzag))
        == "rose in 2021, fell in 2022 and held in 2023"
    )


def test_yearly_directions_are_described_in_chinese():
    shares = pd.Series([30.58, 30.7, 30.76, 28.86], index=[2020, 2021, 2022, 2023])
    assert (
        describe_directions(yearly_directions(shares), "zh")
        == "2021和2022年上升，2023年下降"
    )
    zigzag = pd.Series([1.0, 2.0, 1.0, 1.0], index=[2020, 2021, 2022, 2023])
    assert (
        describe_directions(yearly_directions(zigzag), "zh")
        == "2021年上升，2022年下降，2023年持平"
    )


def test_trend_names_each_class_in_chinese():
    from chengyu.indicators import trends

    # Table 2: Chengdu primary 持续下滑, Chongqing tertiary 倒"V"形 (the paper's words)
    assert trend((0.84, 0.70, 0.67, 0.66), lang="zh") == "持续下滑"
    assert trend((2.38, 2.43, 2.41, 2.38), decimals=2, lang="zh") == "倒“V”形"
    assert trend((2.32, 2.31, 2.28, 2.31), decimals=2, lang="zh") == "“V”形"
    assert trends.trend_label("rises overall", "zh") == "总体上升"
    assert trends.trend_label("flat") == "flat"
    assert set(trends.TRENDS_ZH) == set(TRENDS)
    assert not any(q in name for name in trends.TRENDS_ZH.values() for q in "'\"")
    with pytest.raises(ValueError, match="unknown trend class"):
        trends.trend_label("up")


def test_last_step_reading_in_both_languages():
    from chengyu.indicators import trends

    assert trends.last_step_reading(0.7) == "rests mostly"
    assert trends.last_step_reading(0.3) == "does not rest"
    assert trends.last_step_reading(0.7, "zh") == "主要取决于"
    assert trends.last_step_reading(0.5, "zh") == "并不取决于"

"""Specification of the chain-coordination chapter (book/03-chain-coordination.md) on the real data.

The paper's printed figures are read from data/paper_tables.csv and data/paper_claims.csv; a few
are also written out below, checked by hand against the paper's Table 2 and §4.1
(/work/shared/paper/xiang-2024-chengyu-industrial-coordination.txt).
"""

import pytest

from chengyu import claims, data, indicators

FRAMES = data.load_all()
VALUE_ADDED = FRAMES["value_added"]
CITIES = ["chengdu", "chongqing"]
YEARS = range(2020, 2024)
SHARES = indicators.national_share_table(VALUE_ADDED, CITIES, YEARS)
PRINTED = FRAMES["paper_tables"][FRAMES["paper_tables"]["table"] == "2"]
CLAIMS = FRAMES["paper_claims"][
    FRAMES["paper_claims"]["id"].str.startswith("s41_")
    & FRAMES["paper_claims"]["quantity"].str.startswith("trend:")
]


def share(region, sector, year):
    rows = SHARES[(SHARES["region"] == region) & (SHARES["sector"] == sector)]
    return rows.loc[rows["year"] == year, "share"].item()


# --- Table 2 -------------------------------------------------------------------------------


def test_every_cell_of_table_2_is_recomputed_and_equals_the_paper_at_its_precision():
    comparison = claims.compare_with_printed(SHARES, PRINTED, "share")
    assert len(comparison) == 24  # 2 cities × 3 sectors × 4 years, as printed
    for cell in comparison.itertuples():
        assert round(cell.recomputed, cell.decimals) == pytest.approx(
            cell.printed, abs=1e-9
        ), cell
    assert comparison["match"].all()


@pytest.mark.parametrize(
    ("region", "sector", "year", "by_hand", "printed"),
    [
        # 655.2 / 77754 · 100 = 0.84266 (Chengdu primary, Table 1 over the 2020 NBS bulletin).
        ("chengdu", "primary", 2020, 0.84266, 0.84),
        # 15109 / 688238 · 100 = 2.19532 (Chengdu tertiary 2023).
        ("chengdu", "tertiary", 2023, 2.19532, 2.20),
        # 11184.94 / 450904 · 100 = 2.48056 (Chongqing secondary 2021).
        ("chongqing", "secondary", 2021, 2.48056, 2.48),
        # 2012.05 / 88345 · 100 = 2.27749 (Chongqing primary 2022, the dip of the V).
        ("chongqing", "primary", 2022, 2.27749, 2.28),
    ],
)
def test_hand_checked_cells_of_table_2(region, sector, year, by_hand, printed):
    assert share(region, sector, year) == pytest.approx(by_hand, abs=5e-6)
    assert round(share(region, sector, year), 2) == printed


def test_table_2_is_compared_on_the_years_it_prints():
    # Table 2 prints 2020-2023: the chapter compares on them whatever years a study analyses
    assert claims.printed_years(PRINTED) == tuple(YEARS)
    with pytest.raises(ValueError, match="no printed cells"):
        claims.printed_years(PRINTED.iloc[0:0])


def test_paper_layout_has_the_papers_rows_and_columns():
    comparison = claims.compare_with_printed(SHARES, PRINTED, "share")
    layout = claims.paper_layout(comparison, CITIES)
    # Rows as in the paper: sector, then 成都 before 重庆; each year has both values.
    assert list(layout.index) == [(s, c) for s in data.SECTORS for c in CITIES]
    assert list(layout.columns) == [
        (y, side) for y in YEARS for side in ("recomputed", "printed")
    ]
    assert layout.loc[("secondary", "chongqing"), (2020, "printed")] == 2.60
    assert layout.loc[
        ("secondary", "chongqing"), (2020, "recomputed")
    ] == pytest.approx(2.60041, abs=5e-6)


# --- The trend claims of §4.1 --------------------------------------------------------------


def test_the_six_trend_claims_of_section_4_1_are_in_the_data_package():
    # 成都第一、二产业 持续下滑; 成都第三产业 总体上呈上升趋势; 重庆第一、二产业 总体上呈下滑趋势;
    # 重庆第三产业 倒"V"形.
    claimed = {(c.region, c.sector): c.quantity for c in CLAIMS.itertuples()}
    assert claimed == {
        ("chengdu", "primary"): "trend:falls every year",
        ("chengdu", "secondary"): "trend:falls every year",
        ("chengdu", "tertiary"): "trend:rises overall",
        ("chongqing", "primary"): "trend:falls overall",
        ("chongqing", "secondary"): "trend:falls overall",
        ("chongqing", "tertiary"): "trend:inverted V",
    }
    assert CLAIMS["value"].isna().all()  # a trend claim states no number


def test_every_trend_claim_is_borne_out_at_the_printed_precision_and_unrounded():
    for rounded in (True, False):
        verdicts = claims.trend_claim_verdicts(CLAIMS, SHARES, rounded=rounded)
        assert len(verdicts) == 6
        assert verdicts["holds"].all(), verdicts[~verdicts["holds"]]


def test_chongqing_primary_falls_overall_by_one_hundredth_over_a_v_shaped_path():
    # Table 2: 2.32, 2.31, 2.28, 2.31. Net change 2.31 − 2.32 = −0.01; the dip makes it a V.
    verdicts = claims.trend_claim_verdicts(CLAIMS, SHARES).set_index("id")
    row = verdicts.loc["s41_chongqing_primary_trend"]
    assert row["path"] == "2.32 → 2.31 → 2.28 → 2.31"
    assert row["net_change"] == pytest.approx(-0.01)
    assert row["shape"] == "V"
    assert row["holds"]


def test_chongqing_secondary_stops_falling_in_2023_once_unrounded():
    # Printed 2.42, 2.42; unrounded 11693.86 / 483164 = 2.42026 and 11699.14 / 482589 = 2.42424.
    printed = claims.trend_claim_verdicts(CLAIMS, SHARES).set_index("id")
    unrounded = claims.trend_claim_verdicts(CLAIMS, SHARES, rounded=False).set_index(
        "id"
    )
    assert printed.loc["s41_chongqing_secondary_trend", "shape"] == "falls overall"
    assert unrounded.loc["s41_chongqing_secondary_trend", "shape"] == "V"


# --- Measures beyond the paper -------------------------------------------------------------


def test_location_quotients_show_chengdu_specialised_in_services_and_chongqing_near_the_nation():
    lq = indicators.location_quotient_table(VALUE_ADDED, CITIES, YEARS).set_index(
        ["region", "year", "sector"]
    )["lq"]
    # Chengdu 2023 tertiary: (15109 / 22074.8) / (688238 / 1260582) = 0.68445 / 0.54596 = 1.2537.
    assert lq[("chengdu", 2023, "tertiary")] == pytest.approx(1.2537, abs=1e-4)
    assert (lq.loc["chengdu"].xs("secondary", level="sector") < 1).all()
    assert ((lq.loc["chongqing"] - 1).abs() < 0.1).all()


def test_the_two_cities_structures_drift_apart_from_2020_to_2023():
    table = indicators.structure_similarity_table(
        VALUE_ADDED, [("chengdu", "chongqing")], YEARS
    )
    assert indicators.trend(table["similarity"].to_numpy()) == "falls every year"
    assert indicators.trend(table["krugman"].to_numpy()) == "rises every year"
    # 2020 shares (%): Chengdu 3.70, 30.58, 65.72; Chongqing 7.21, 39.96, 52.82.
    # K = |0.0370 − 0.0721| + |0.3058 − 0.3996| + |0.6572 − 0.5282| = 0.0352 + 0.0938 + 0.1289 = 0.2579.
    assert table.loc[table["year"] == 2020, "krugman"].item() == pytest.approx(
        0.2579, abs=1e-4
    )


def test_coupling_coordination_of_the_two_cities_rises_under_both_normalisations():
    systems = [
        indicators.industrial_system(VALUE_ADDED, city, YEARS) for city in CITIES
    ]
    for pooled in (False, True):
        scores, weights = indicators.coupling_coordination_table(
            *systems, pooled=pooled
        )
        assert scores.loc[2023, "D"] > scores.loc[2020, "D"]
        assert weights.sum().tolist() == pytest.approx([1, 1])
    scores, _ = indicators.coupling_coordination_table(*systems)
    # Min-max over the years: every indicator of both cities peaks in 2023 except Chengdu's
    # secondary value added (2022) and the national shares, so u₁ and u₂ are highest in 2023.
    assert scores["u1"].idxmax() == 2023 and scores["u2"].idxmax() == 2023

"""Specification of the innovation chapter's helpers, checked by hand and against the data package."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from chengyu import claims, data, indicators
from chengyu.claims import STATUS_PAPER, STATUS_VERIFIED

FRAMES = data.load_all()

SOURCES = pd.DataFrame({"id": ["paper", "bulletin"], "tier": ["P", "A"]})
FIGURES = pd.DataFrame(
    {
        "series": ["high_tech_enterprises", "high_tech_enterprises", "rd_intensity"],
        "region": ["sichuan", "chongqing", "chengdu"],
        "year": [2022, 2022, 2022],
        "value": [12379.0, 6348.0, 3.52],
        "unit": ["firms", "firms", "percent_of_gdp"],
        "source": ["bulletin", "bulletin", "paper"],
        "basis": ["stated", "stated", "stated"],
    }
)


def claim(**fields) -> pd.DataFrame:
    row = {
        "id": "c",
        "section": "3.2.3",
        "statement": "",
        "quantity": "high_tech_enterprises",
        "region": "sichuan",
        "sector": None,
        "year_from": None,
        "year_to": 2022,
        "value": 12379.0,
        "unit": "firms",
        "decimals": 0,
    }
    row.update(fields)
    return pd.DataFrame([row])


def status_of(**fields) -> str:
    return claims.claim_status(claim(**fields), FIGURES, SOURCES)["status"].item()


# --- year_grid ---------------------------------------------------------------------------


def test_year_grid_keeps_unsourced_years_missing():
    grid = indicators.year_grid(
        FRAMES["indicators"],
        "rd_intensity",
        ["chengdu", "chongqing"],
        range(2020, 2023),
    )
    # indicators.csv: Chengdu only 2022 (3.52); Chongqing 2020 (2.11) and 2022 (2.36), not 2021.
    assert grid[["region", "year"]].values.tolist() == [
        ["chengdu", 2020],
        ["chengdu", 2021],
        ["chengdu", 2022],
        ["chongqing", 2020],
        ["chongqing", 2021],
        ["chongqing", 2022],
    ]
    assert grid["value"].isna().tolist() == [True, True, False, False, True, False]
    assert grid.loc[5, "value"] == 2.36 and grid.loc[5, "source"] == "cq_kjj_rd_2022"


def test_year_grid_drops_years_outside_the_grid():
    # Chongqing R&D intensity 2018 (2.01) lies outside 2020-2022.
    grid = indicators.year_grid(
        FRAMES["indicators"], "rd_intensity", ["chongqing"], [2020, 2021, 2022]
    )
    assert 2018 not in set(grid["year"])


def test_year_grid_rejects_a_region_without_the_series():
    with pytest.raises(
        KeyError,
        match="no 'rd_intensity' figure for region\\(s\\) \\['chengyu_circle'\\]",
    ):
        indicators.year_grid(
            FRAMES["indicators"], "rd_intensity", ["chengdu", "chengyu_circle"], [2022]
        )


def test_year_grid_rejects_mixed_units():
    mixed = FIGURES.assign(series="x")
    with pytest.raises(ValueError, match="mixes units"):
        indicators.year_grid(mixed, "x", ["sichuan", "chengdu"], [2022])


# --- base_year and growth_since_base -----------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "year"),
    [("index_2019_100", 2019), ("index_2020_100", 2020), ("percent_vs_2019", 2019)],
)
def test_base_year_is_read_from_the_unit(unit, year):
    assert indicators.base_year(unit) == year


def test_base_year_rejects_a_unit_without_a_base():
    with pytest.raises(ValueError, match="names no base year"):
        indicators.base_year("percent_of_gdp")


def test_growth_of_the_papers_index_and_of_the_2019_edition():
    rows = FRAMES["indicators"]
    rows = rows[
        rows["series"].isin(
            ["collaborative_innovation_index", "collaborative_innovation_index_growth"]
        )
    ]
    growth = indicators.growth_since_base(rows).set_index("series")
    # §3.2.3: 100 (2020) to 157.07 (2022), "增长了57.07%"; sqrt(1.5707) - 1 = 25.33 % a year.
    paper = growth.loc["collaborative_innovation_index"]
    assert (paper["base_year"], paper["year"]) == (2020, 2022)
    assert paper["growth"] == pytest.approx(57.07)
    assert paper["annual"] == pytest.approx(25.33, abs=0.005)
    # 2022 edition: +20.01 % in 2021 over 2019; sqrt(1.2001) - 1 = 9.55 % a year.
    edition = growth.loc["collaborative_innovation_index_growth"]
    assert (edition["base_year"], edition["year"]) == (2019, 2021)
    assert edition["growth"] == pytest.approx(20.01)
    assert edition["annual"] == pytest.approx(9.55, abs=0.005)


def test_growth_since_base_drops_the_defining_base_row():
    # The paper's 2020 = 100 row defines the base; it is not growth.
    rows = FRAMES["indicators"]
    rows = rows[rows["series"] == "collaborative_innovation_index"]
    assert indicators.growth_since_base(rows)["year"].tolist() == [2022]


def test_growth_since_base_over_three_years():
    # Science-and-technology sub-index 120.33 in 2022 on 2019 = 100: 1.2033 ** (1/3) = 1.06363 (1.06363 ** 3 = 1.20329).
    rows = pd.DataFrame(
        [
            {
                "series": "s",
                "region": "r",
                "year": 2022,
                "value": 120.33,
                "unit": "index_2019_100",
                "source": "x",
            }
        ]
    )
    assert indicators.growth_since_base(rows)["annual"].item() == pytest.approx(
        6.363, abs=0.001
    )


def test_growth_since_base_rejects_a_year_before_the_base():
    rows = pd.DataFrame(
        [
            {
                "series": "s",
                "region": "r",
                "year": 2018,
                "value": 90.0,
                "unit": "index_2019_100",
                "source": "x",
            }
        ]
    )
    with pytest.raises(ValueError, match="before its base year 2019"):
        indicators.growth_since_base(rows)


# --- claim_status ------------------------------------------------------------------------


def test_a_claim_equal_to_a_released_figure_is_verified():
    result = claims.claim_status(claim(), FIGURES, SOURCES)
    assert result["status"].item() == STATUS_VERIFIED
    assert result["verified_by"].item() == "bulletin"


def test_a_claim_matches_at_its_printed_precision():
    # "1.2万" firms (12000, stated to thousands, decimals -3: ±500) covers 12379; "12400" (-2: ±50) too.
    assert status_of(value=12000.0, decimals=-3) == STATUS_VERIFIED
    assert status_of(value=12400.0, decimals=-2) == STATUS_VERIFIED
    # "12300" (±50) does not: 12379 - 12300 = 79; nor does 12000 read as exact (±0.5).
    assert status_of(value=12300.0, decimals=-2) == STATUS_PAPER
    assert status_of(value=12000.0, decimals=0) == STATUS_PAPER


@pytest.mark.parametrize(
    ("decimals", "tolerance"),
    [(2, 0.005), (1, 0.05), (0, 0.5), (-2, 50), (-3, 500), (-4, 5000)],
)
def test_tolerance_is_half_the_last_printed_digit(decimals, tolerance):
    # 157.07 (2), 2.5 (1), 12379 (0), "2800亿元" (-2), "2.1万" (-3), "近7万" (-4)
    assert claims.tolerance(decimals) == pytest.approx(tolerance)


def test_the_round_figures_of_the_paper_carry_their_precision_in_the_data():
    stated = data.load("paper_claims").set_index("id")["decimals"]
    assert stated["s323_high_tech_enterprises"] == -3  # 2.1万家
    assert stated["s323_tech_firms"] == -4  # 近7万家
    assert stated["s323_tech_contract_turnover"] == -2  # 2800亿元


def test_a_figure_the_package_derives_verifies_nothing():
    derived = FIGURES.assign(basis=["derived", "stated", "stated"])
    assert (
        claims.claim_status(claim(), derived, SOURCES)["status"].item() == STATUS_PAPER
    )


def test_a_claim_differing_in_region_unit_or_year_is_not_verified():
    assert status_of(region="chongqing") == STATUS_PAPER
    assert status_of(unit="100m_yuan") == STATUS_PAPER
    assert status_of(year_to=2021) == STATUS_PAPER


def test_a_claim_without_a_year_matches_any_year():
    assert status_of(year_to=None) == STATUS_VERIFIED


def test_a_figure_only_the_paper_gives_does_not_verify_a_claim():
    # Chengdu's 3.52 is sourced to the paper (tier P) in FIGURES, so it cannot verify the claim.
    assert (
        status_of(
            quantity="rd_intensity",
            region="chengdu",
            unit="percent_of_gdp",
            value=3.52,
            decimals=2,
        )
        == STATUS_PAPER
    )


def test_a_claim_with_no_figure_is_reported_by_the_paper_only():
    assert status_of(quantity=None, value=None) == STATUS_PAPER


def test_claim_status_rejects_an_unknown_source():
    with pytest.raises(KeyError, match="not in sources"):
        claims.claim_status(claim(), FIGURES.assign(source="nowhere"), SOURCES)


def test_no_release_in_the_package_verifies_the_index_value_157_07():
    # The edition found uses 2019 as base; the only 157.07 in the package is the paper's own.
    paper_index = claim(
        quantity="collaborative_innovation_index",
        region="chengyu_circle",
        year_from=2020,
        year_to=2022,
        value=157.07,
        unit="index_2020_100",
        decimals=2,
    )
    result = claims.claim_status(paper_index, FRAMES["indicators"], FRAMES["sources"])
    assert result["status"].item() == STATUS_PAPER


# --- shortfall ---------------------------------------------------------------------------


def test_shortfall_of_high_tech_enterprises_against_the_papers_21000():
    # Sichuan 12379 + Chongqing 6348 = 18727 high-tech enterprises (2022); 21000 - 18727 = 2273;
    # 18727 / 21000 = 89.18 %.
    result = indicators.shortfall(
        21000, pd.Series({"sichuan": 12379.0, "chongqing": 6348.0})
    )
    assert result["total"] == 18727
    assert result["difference"] == 2273
    assert result["percent"] == pytest.approx(89.176, abs=0.001)


def test_shortfall_is_negative_when_the_parts_exceed_the_claim():
    assert indicators.shortfall(10, pd.Series([6.0, 6.0]))["difference"] == -2


@pytest.mark.parametrize(
    ("claimed", "parts"),
    [
        (0, pd.Series([1.0])),
        (math.nan, pd.Series([1.0])),
        (10, pd.Series([], dtype=float)),
        (10, pd.Series([1.0, math.nan])),
    ],
)
def test_shortfall_rejects_bad_input(claimed, parts):
    with pytest.raises(ValueError):
        indicators.shortfall(claimed, parts)


# --- the paper's claims in the data package ----------------------------------------------


def test_every_innovation_figure_of_section_3_2_3_is_a_claim_in_the_data():
    # §3.2.3: 157.07 (2022, 2020 = 100), 增长了57.07%, 近7万家, 2.1万家, 突破2800亿元, 200多所.
    claims = FRAMES["paper_claims"]
    values = claims.loc[claims["id"].str.startswith("s323_"), "value"]
    assert sorted(values) == [57.07, 157.07, 200, 2800, 21000, 70000]


def test_the_weak_co_innovation_judgement_of_section_4_2_is_a_claim_without_a_figure():
    weak = FRAMES["paper_claims"].set_index("id").loc["s42_weak_co_innovation"]
    assert weak["section"] == "4.2" and pd.isna(weak["value"])
    assert "技术协同创新能力不强" in weak["statement"]


# --- the horizontal bar chart ------------------------------------------------------------


def test_hbars_draws_a_bar_and_a_value_label_per_row_in_the_given_order():
    from chengyu import charts

    frame = pd.DataFrame({"label": ["b", "a"], "x": [2.0, 1.0], "group": ["g", "h"]})
    spec = charts.hbars(frame, "label", "x", "group", x_title="X").to_dict()
    marks = [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in spec["layer"]
    ]
    assert marks == ["bar", "text"]
    # sort=None keeps the frame's order (b before a) instead of sorting alphabetically.
    assert spec["layer"][0]["encoding"]["y"]["sort"] is None

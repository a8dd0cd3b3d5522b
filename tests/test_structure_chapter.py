"""Specification of the structure chapter (book/02-structure.md) and the table builders behind it.

The paper's §3.2.1 figures are typed below ONCE, from the paper's text, as the reference the
data package's ``paper_claims.csv`` must transcribe and the data must reproduce at the paper's
precision. Other expected values were worked by hand from ``data/value_added.csv`` (each test
says how).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from chengyu import charts, claims, data, indicators

FRAMES = data.load_all()
VALUE_ADDED = FRAMES["value_added"]
CHAPTER = Path(__file__).resolve().parents[1] / "book" / "02-structure.md"

# §3.2.1 of Xiang (2024), as printed: id -> (value, decimals printed). A fall (下降) is negative.
PAPER_321 = {
    # 成都市三次产业结构由2020年3.7:30.6:65.7转变为2023年2.7:28.9:68.4
    "s321_chengdu_share_2020_primary": (3.7, 1),
    "s321_chengdu_share_2020_secondary": (30.6, 1),
    "s321_chengdu_share_2020_tertiary": (65.7, 1),
    "s321_chengdu_share_2023_primary": (2.7, 1),
    "s321_chengdu_share_2023_secondary": (28.9, 1),
    "s321_chengdu_share_2023_tertiary": (68.4, 1),
    # 第一产业比重下降1.0个百分点, 第二产业比重下降1.7个百分点, 第三产业比重提高2.7个百分点
    "s321_chengdu_share_change_primary": (-1.0, 1),
    "s321_chengdu_share_change_secondary": (-1.7, 1),
    "s321_chengdu_share_change_tertiary": (2.7, 1),
    # 重庆市三次产业结构由2020年7.2:40.0:52.8转变为2023年6.9:38.8:54.3
    "s321_chongqing_share_2020_primary": (7.2, 1),
    "s321_chongqing_share_2020_secondary": (40.0, 1),
    "s321_chongqing_share_2020_tertiary": (52.8, 1),
    "s321_chongqing_share_2023_primary": (6.9, 1),
    "s321_chongqing_share_2023_secondary": (38.8, 1),
    "s321_chongqing_share_2023_tertiary": (54.3, 1),
    # 下降0.3个百分点, 下降1.2个百分点, 提高1.5个百分点
    "s321_chongqing_share_change_primary": (-0.3, 1),
    "s321_chongqing_share_change_secondary": (-1.2, 1),
    "s321_chongqing_share_change_tertiary": (1.5, 1),
    # 成都市第一产业增加值由2020年655.2亿元转变为2023年594.9亿元，相比2020年下降9.2%
    "s321_chengdu_value_added_2020_primary": (655.2, 1),
    "s321_chengdu_value_added_2023_primary": (594.9, 1),
    "s321_chengdu_growth_primary": (-9.2, 1),
    # 重庆市第一产业增加值由2020年1803.33亿元转变为2023年2074.68亿元，相比2020年增加15.05%
    "s321_chongqing_value_added_2020_primary": (1803.33, 2),
    "s321_chongqing_value_added_2023_primary": (2074.68, 2),
    "s321_chongqing_growth_primary": (15.05, 2),
    # 成都市第二产业增加值由2020年5418.5亿元转变为2023年6370.9亿元，相比2020年增加17.58%
    "s321_chengdu_value_added_2020_secondary": (5418.5, 1),
    "s321_chengdu_value_added_2023_secondary": (6370.9, 1),
    "s321_chengdu_growth_secondary": (17.58, 2),
    # 重庆市第二产业增加值由2020年9992.21亿元转变为2023年11699.14亿元，相比2020年增加17.08%
    "s321_chongqing_value_added_2020_secondary": (9992.21, 2),
    "s321_chongqing_value_added_2023_secondary": (11699.14, 2),
    "s321_chongqing_growth_secondary": (17.08, 2),
    # 成都市第三产业增加值由2020年11643.0亿元转变为2023年15109.0亿元，相比2020年增加29.77%
    "s321_chengdu_value_added_2020_tertiary": (11643.0, 1),
    "s321_chengdu_value_added_2023_tertiary": (15109.0, 1),
    "s321_chengdu_growth_tertiary": (29.77, 2),
    # 重庆市第三产业增加值由2020年13207.25亿元转变为2023年16371.97亿元，相比2020年增加23.96%
    "s321_chongqing_value_added_2020_tertiary": (13207.25, 2),
    "s321_chongqing_value_added_2023_tertiary": (16371.97, 2),
    "s321_chongqing_growth_tertiary": (23.96, 2),
}


@pytest.fixture(scope="module")
def check() -> pd.DataFrame:
    return claims.structure_claims(
        FRAMES["paper_claims"], VALUE_ADDED, section="3.2.1"
    ).set_index("id")


# --- the paper's §3.2.1, reproduced ------------------------------------------------------------


def test_paper_claims_transcribe_every_number_of_section_3_2_1():
    claims = FRAMES["paper_claims"].query("section == '3.2.1'").set_index("id")
    assert set(claims.index) == set(PAPER_321)
    for claim_id, (value, decimals) in PAPER_321.items():
        assert claims.loc[claim_id, "value"] == value, claim_id
        assert claims.loc[claim_id, "decimals"] == decimals, claim_id


@pytest.mark.parametrize("claim_id", sorted(PAPER_321))
def test_each_paper_figure_is_reproduced_from_the_data_at_the_papers_precision(
    check, claim_id
):
    value, decimals = PAPER_321[claim_id]
    recomputed = check.loc[claim_id, "recomputed"]
    assert abs(recomputed - value) <= 0.5 * 10**-decimals, (claim_id, recomputed, value)
    assert check.loc[claim_id, "agrees"]


def test_claims_recompute_by_the_stated_formula(check):
    # Chengdu tertiary growth by hand: 15109 / 11643 = 1.297690 -> +29.769 %.
    assert check.loc["s321_chengdu_growth_tertiary", "recomputed"] == pytest.approx(
        29.769, abs=1e-3
    )
    # Chongqing secondary share change by hand: 11699.14 / 30145.79 = 38.8085 %, 9992.21 / 25002.79
    # = 39.9644 %, difference -1.1558 points (the paper: -1.2).
    assert check.loc[
        "s321_chongqing_share_change_secondary", "recomputed"
    ] == pytest.approx(-1.1558, abs=1e-4)
    assert check.loc[
        "s321_chongqing_share_change_secondary", "difference"
    ] == pytest.approx(0.0442, abs=1e-4)
    assert check.loc["s321_chengdu_value_added_2020_primary", "years"] == "2020"
    assert check.loc["s321_chengdu_growth_primary", "years"] == "2020–2023"


def test_a_misprinted_figure_is_flagged_not_hidden():
    printed = FRAMES["paper_claims"].copy()
    printed.loc[printed["id"] == "s321_chengdu_growth_tertiary", "value"] = 29.87
    result = claims.structure_claims(printed, VALUE_ADDED).set_index("id")
    assert not result.loc["s321_chengdu_growth_tertiary", "agrees"]
    assert result.loc["s321_chengdu_growth_tertiary", "difference"] == pytest.approx(
        29.769 - 29.87, abs=1e-3
    )
    assert result["agrees"].sum() == len(PAPER_321) - 1


def test_claims_refuse_what_they_cannot_recompute():
    printed = (
        FRAMES["paper_claims"].query("id == 's321_chengdu_growth_tertiary'").copy()
    )
    with pytest.raises(ValueError, match="cannot recompute quantity 'gdp_per_head'"):
        claims.structure_claims(printed.assign(quantity="gdp_per_head"), VALUE_ADDED)
    with pytest.raises(ValueError, match=r"no value added for chengdu in \[2019\]"):
        claims.structure_claims(printed.assign(year_from=2019), VALUE_ADDED)
    with pytest.raises(ValueError, match="no claims for section '9.9'"):
        claims.structure_claims(printed, VALUE_ADDED, section="9.9")


def test_agreement_at_precision_accepts_either_rounding_of_a_half():
    assert claims.agrees_at_precision(3.698206, 3.7, 1)  # rounds to 3.7
    assert not claims.agrees_at_precision(3.64, 3.7, 1)  # rounds to 3.6
    assert claims.agrees_at_precision(2.25, 2.2, 1) and claims.agrees_at_precision(
        2.25, 2.3, 1
    )
    assert not claims.agrees_at_precision(2.26, 2.2, 1)
    assert claims.agrees_at_precision(11643.0, 11643, 0)


def test_structure_ratio_is_written_as_the_bulletins_write_it():
    # Chengdu 2020 from Table 1 (see test_indicators_structure); Chongqing keeps the 0 of 40.0.
    chengdu = indicators.sector_shares(data.by_sector(VALUE_ADDED, "chengdu").loc[2020])
    assert indicators.structure_ratio(chengdu) == "3.7:30.6:65.7"
    chongqing = indicators.sector_shares(
        data.by_sector(VALUE_ADDED, "chongqing").loc[2020]
    )
    assert (
        indicators.structure_ratio(chongqing[["tertiary", "primary", "secondary"]])
        == "7.2:40.0:52.8"
    )
    assert indicators.structure_ratio(chongqing, 2) == "7.21:39.96:52.82"
    with pytest.raises(ValueError, match=r"needs sectors \['primary'\]"):
        indicators.structure_ratio(chongqing[["secondary", "tertiary"]])


# --- table builders --------------------------------------------------------------------------


def test_table_1_layout_runs_sector_by_sector_then_city():
    table = indicators.table_by_sector(
        VALUE_ADDED, ["chengdu", "chongqing"], [2019, 2020, 2023]
    )
    assert list(zip(table["sector"], table["region"], strict=True)) == [
        ("primary", "chengdu"),
        ("primary", "chongqing"),
        ("secondary", "chengdu"),
        ("secondary", "chongqing"),
        ("tertiary", "chengdu"),
        ("tertiary", "chongqing"),
    ]
    # The paper's Table 1: Chengdu primary 655.2 (2020) and 594.9 (2023); Chongqing tertiary 13207.25.
    assert table.loc[0, [2020, 2023]].tolist() == [655.2, 594.9]
    assert table.loc[5, 2020] == 13207.25
    assert table[2019].isna().all()  # no three-sector split for either city in 2019


def test_shares_by_year_sum_to_100_and_keep_gaps():
    shares = indicators.shares_by_year(VALUE_ADDED, "chongqing", range(2015, 2024))
    assert list(shares.index) == list(range(2015, 2024))
    present = shares.dropna()
    assert list(present.index) == [2016, 2020, 2021, 2022, 2023]
    assert present.sum(axis=1).tolist() == pytest.approx([100.0] * 5)
    # Chongqing 2016 by hand: 1303.24 + 7755.16 + 8500.36 = 17558.76, 1303.24 / 17558.76 = 7.422 %,
    # 7755.16 / 17558.76 = 44.167 %: the 7.4:44.2:48.4 of the bulletin as first published.
    assert indicators.structure_ratio(present.loc[2016]) == "7.4:44.2:48.4"
    assert present.loc[2016, "primary"] == pytest.approx(7.422, abs=1e-3)


def test_structure_over_years_has_three_rows_per_region_and_year():
    frame = indicators.structure_over_years(
        VALUE_ADDED, ["china", "chengdu"], range(2019, 2021)
    )
    assert len(frame) == 2 * 2 * 3
    chengdu_2019 = frame.query("region == 'chengdu' and year == 2019")
    assert chengdu_2019[["value", "share", "advancement"]].isna().all().all()
    china_2020 = frame.query("region == 'china' and year == 2020")
    # by hand: 553977 / 384255 = 1.44169, the same on each sector's row
    assert china_2020["advancement"].tolist() == pytest.approx([1.44169] * 3, abs=1e-5)
    assert china_2020["share"].sum() == pytest.approx(100)


def test_moore_by_period_leaves_missing_years_missing():
    moore = indicators.moore_by_period(
        VALUE_ADDED, ["chengdu"], [(2019, 2020), (2020, 2023)]
    ).set_index("period")
    assert math.isnan(moore.loc["2019–2020", "moore"])
    # 2.25° for Chengdu 2020 -> 2023, as in test_indicators_structure
    assert moore.loc["2020–2023", "moore"] == pytest.approx(2.25, abs=0.01)


def test_yearly_moore_angles_add_up_to_at_least_the_net_angle():
    # An angle between directions obeys the triangle inequality: going via 2021 and 2022 is never
    # shorter than going straight from 2020 to 2023 (equal only when the change keeps one direction).
    for region in ("china", "chengdu", "chongqing"):
        moore = indicators.moore_by_period(
            VALUE_ADDED,
            [region],
            [(2020, 2021), (2021, 2022), (2022, 2023), (2020, 2023)],
        )
        yearly, net = moore["moore"].iloc[:3].sum(), moore["moore"].iloc[3]
        assert yearly >= net - 1e-9, region
    # the nation moved back and forth: 1.76 + 0.62 + 2.07 = 4.44° against a net 0.56° (printed above)
    china = indicators.moore_by_period(VALUE_ADDED, ["china"], [(2020, 2023)])
    assert china["moore"].item() == pytest.approx(0.564, abs=1e-3)


def test_shift_share_by_region_against_the_nation():
    shifts = indicators.shift_share_by_region(
        VALUE_ADDED, ["chengdu", "chongqing"], 2020, 2023
    )
    assert len(shifts) == 6
    parts = shifts[["national", "industry_mix", "competitive"]].sum(axis=1)
    assert parts.tolist() == pytest.approx(shifts["total"].tolist())
    chengdu = shifts.query("region == 'chengdu'").set_index("sector")
    # By hand: national value added 1015986 (2020) -> 1260582 (2023), G = 244596 / 1015986 = 0.240748;
    # Chengdu tertiary 11643 * G = 2803.0; total 15109 - 11643 = 3466.
    assert chengdu.loc["tertiary", "national"] == pytest.approx(2803.0, abs=0.1)
    assert chengdu.loc["tertiary", "total"] == pytest.approx(3466.0)
    # National secondary grew 482589 / 384255 - 1 = 25.59 %, Chengdu's 17.58 %: a competitive loss of
    # 5418.5 * (0.17577 - 0.25591) = -434.2.
    assert chengdu.loc["secondary", "competitive"] == pytest.approx(-434.2, abs=0.1)


def test_contributions_by_period_add_up_and_skip_missing_years():
    periods = [(2019, 2020), (2022, 2023), (2020, 2023)]
    contributions = indicators.contributions_by_period(
        VALUE_ADDED, ["chengdu"], periods
    )
    assert set(contributions["period"]) == {"2022–2023", "2020–2023"}
    for _, group in contributions.groupby("period"):
        assert group["share"].sum() == pytest.approx(100)
    overall = contributions.query("period == '2020–2023'")
    # the pulls add up to total growth: 22074.8 / 17716.7 - 1 = 24.60 %
    assert overall["points"].sum() == pytest.approx(24.60, abs=0.005)
    # 2022 -> 2023 by hand: +6.5, -33.2, +1284.0, total +1257.3; tertiary 1284 / 1257.3 = 102.12 %,
    # more than all of the increase because industry shrank.
    latest = contributions.query("period == '2022–2023'").set_index("sector")
    assert latest.loc["tertiary", "share"] == pytest.approx(102.12, abs=0.01)
    assert latest.loc["secondary", "change"] == pytest.approx(-33.2)


def test_main_drivers_and_the_verdict_on_the_tertiary_sector():
    periods = [(2020, 2021), (2020, 2023)]
    contributions = indicators.contributions_by_period(
        VALUE_ADDED, ["china", "chengdu", "chongqing"], periods
    )
    drivers = indicators.main_drivers(contributions).set_index(["region", "period"])
    # nationally 2020 -> 2021 industry added 450904 - 384255 = 66649, services 609680 - 553977 = 55703
    assert drivers.loc[("china", "2020–2021"), "sector"] == "secondary"
    # Chengdu 2020 -> 2023: tertiary 3466 of 4358.1 = 79.53 %
    assert drivers.loc[("chengdu", "2020–2023"), "sector"] == "tertiary"
    assert drivers.loc[("chengdu", "2020–2023"), "share"] == pytest.approx(
        79.53, abs=0.01
    )

    cities = contributions.query("region != 'china'")
    verdict = indicators.driving_force_verdict(cities, "tertiary", "2020–2023")
    assert verdict == {
        "borne_out": True,
        "majority": True,
        "regions_led": 2,
        "regions": 2,
        "verdict": "borne out",
    }
    nation = indicators.driving_force_verdict(contributions, "tertiary", "2020–2021")
    assert (
        nation["verdict"] == "not borne out"
        and nation["regions_led"] == 2
        and nation["regions"] == 3
    )
    with pytest.raises(ValueError, match="no contributions for period '2015–2016'"):
        indicators.driving_force_verdict(contributions, "tertiary", "2015–2016")
    # the same verdicts in Chinese
    assert (
        indicators.driving_force_verdict(cities, "tertiary", "2020–2023", lang="zh")[
            "verdict"
        ]
        == "得到数据支持"
    )
    assert (
        indicators.driving_force_verdict(
            contributions, "tertiary", "2020–2021", lang="zh"
        )["verdict"]
        == "未得到数据支持"
    )


def test_leading_without_a_majority_is_borne_out_but_not_a_majority():
    # Worked example: A +40, B +35, C +25 of a total +100: A leads with 40 % of the increase.
    frame = pd.DataFrame(
        {
            "region": ["r"] * 3,
            "period": ["p"] * 3,
            "sector": ["a", "b", "c"],
            "change": [40.0, 35.0, 25.0],
            "share": [40.0, 35.0, 25.0],
        }
    )
    verdict = indicators.driving_force_verdict(frame, "a", "p")
    assert verdict["borne_out"] and not verdict["majority"]


# --- the chapter's charts ----------------------------------------------------------------------


def test_panels_draw_one_titled_panel_per_group_on_a_shared_scale():
    frame = pd.DataFrame(
        {
            "year": [2020, 2021] * 2,
            "v": [1.0, 2.0, 3.0, 4.0],
            "c": ["x"] * 4,
            "g": ["A", "A", "B", "B"],
        }
    )
    spec = charts.panels(
        frame, "g", charts.line, x="year", y="v", colour="c", y_title="V"
    ).to_dict()
    assert [panel["title"]["text"] for panel in spec["concat"]] == ["A", "B"]
    assert spec["columns"] == 2 and spec["resolve"]["scale"]["y"] == "shared"
    stacked = charts.panels(
        frame,
        "g",
        charts.line,
        columns=1,
        shared_y=False,
        x="year",
        y="v",
        colour="c",
        y_title="V",
    ).to_dict()
    assert stacked["columns"] == 1 and stacked["resolve"]["scale"]["y"] == "independent"


def test_composition_axis_is_fixed_at_0_to_100():
    # shares that add to 100 plus a rounding error must not stretch the axis to 110
    frame = pd.DataFrame(
        {
            "year": [2020] * 3,
            "share": [3.7, 30.6, 65.70000001],
            "sector": list(charts.SECTOR_LABELS.values()),
        }
    )
    encoding = charts.composition(
        frame, "year", "share", "sector", scale=charts.sector_scale(), y_title="Share"
    ).to_dict()["encoding"]
    assert encoding["y"]["scale"]["domain"] == [0, 100]
    assert encoding["color"]["sort"] == list(charts.SECTOR_LABELS.values())


# --- the chapter's text --------------------------------------------------------------------------


def test_the_chapter_cites_the_methods_it_uses():
    text = CHAPTER.read_text(encoding="utf-8")
    bib = (CHAPTER.parents[1] / "references.bib").read_text(encoding="utf-8")
    for key in re.findall(r"\{cite:p\}`([^`]+)`", text):
        assert f"{{{key}," in bib, key
    assert {"struct_moore1978", "struct_dunn1960", "struct_gan2011"} <= set(
        re.findall(r"\{cite:p\}`([^`]+)`", text)
    )


def test_chengdus_table_1_totals_are_corroborated_where_a_released_gdp_exists():
    # the years held only as the paper prints them: 655.2 + 5418.5 + 11643 = 17716.7 vs
    # 17716.67 (2020); 19917.0 vs 19916.98 (2021). 2022 and 2023 rest on a transcription of the
    # bulletins, which checks the split itself, not only its total.
    years = claims.totals_corroborated(
        VALUE_ADDED, FRAMES["indicators"], FRAMES["sources"], "chengdu"
    )
    assert years == [2020, 2021]


def test_the_papers_cities_are_read_from_its_tables_in_their_order():
    # Table 1 and Table 2 both print Chengdu first, then Chongqing (the paper, §3.2.1 and §4.1)
    printed = FRAMES["paper_tables"]
    for table in ("1", "2"):
        assert claims.printed_regions(printed[printed["table"] == table]) == (
            "chengdu",
            "chongqing",
        )
    with pytest.raises(ValueError, match="no printed cells"):
        claims.printed_regions(printed.iloc[:0])


def test_the_region_held_only_as_the_paper_prints_it_is_chengdu():
    # data/value_added.csv: Chengdu 2020-2023 cite xiang2024_table1 (tier P); no other region
    # has a tier-P row
    assert claims.paper_only_regions(VALUE_ADDED, FRAMES["sources"]) == ("chengdu",)


def test_the_regions_of_an_indicator_are_those_with_a_row_of_it():
    figures = FRAMES["indicators"]
    # the only revised structure in the package is the circle's 2022 (data/indicators.csv)
    assert data.series_regions(figures, "share_secondary_revised") == (
        "chengyu_circle",
    )
    assert set(data.series_regions(figures, "rd_intensity")) == {
        "chengdu",
        "chongqing",
        "sichuan",
        "china",
    }
    with pytest.raises(KeyError, match="no region has the indicator 'no_such'"):
        data.series_regions(figures, "no_such")


def test_chengdus_years_split_into_the_papers_own_and_those_a_copy_was_found_for():
    # 2020-2021: xiang2024_table1 (tier P); 2022-2023: the bulletins' transcription (tier C)
    assert claims.years_by_basis(VALUE_ADDED, FRAMES["sources"], "chengdu") == (
        [2020, 2021],
        [2022, 2023],
    )

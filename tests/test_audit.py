"""Specification of the reproducibility audit (chengyu.audit, book/appendix-audit.md).

Expected values are worked by hand from data/value_added.csv and data/indicators.csv, or read in
the paper (/work/shared/paper/xiang-2024-chengyu-industrial-coordination.txt); each test says which.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pandas as pd
import pytest

from chengyu import audit, data
from chengyu.audit.page import STATUS_SLUGS, claims_table
from chengyu.study import load_study

ROOT = Path(__file__).resolve().parents[1]
FRAMES = data.load_all()
STUDY = load_study(FRAMES)
RESULT = audit.audit(FRAMES, STUDY).set_index("id")

# The claims each status holds today. Any change (a claim that stops matching, or a new one that
# starts) must be looked at and these sets updated on purpose.
CHENGDU, CHONGQING = "chengdu", "chongqing"
SECTION_321 = set(FRAMES["paper_claims"].query("section == '3.2.1'")["id"])
SECTION_321_LEVELS_CHENGDU = {
    f"s321_chengdu_value_added_{y}_{s}" for y in (2020, 2023) for s in data.SECTORS
}
SECTION_321_CHENGDU = {i for i in SECTION_321 if "_chengdu_" in i}
# Chengdu's 2023 levels and shares rest on a transcription of its bulletin (tier C); its 2020
# ones on the paper's Table 1 alone
SECTION_321_CHENGDU_2023 = {
    i
    for i in SECTION_321_CHENGDU
    if i.endswith(("_2023_primary", "_2023_secondary", "_2023_tertiary"))
}
YEARS = range(2020, 2024)
# Chengdu's split: the paper's Table 1 for 2020-2021, a transcription of the bulletins for 2022-2023
CHENGDU_PAPER_YEARS, CHENGDU_TRANSCRIBED_YEARS = (2020, 2021), (2022, 2023)


def cells(table: int, city: str, years=YEARS) -> set[str]:
    return {f"t{table}_{city}_{s}_{y}" for s in data.SECTORS for y in years}


def trends(city: str) -> set[str]:
    return {f"s41_{city}_{s}_trend" for s in data.SECTORS}


# Every input a release (tier A or B) or a transcription of one (tier C): Chongqing's figures,
# its Table 1 and 2 cells and trends; Chengdu's 2022-2023 cells and its 2023 levels and shares.
EXPECTED_REPRODUCED = (
    (SECTION_321 - SECTION_321_CHENGDU)
    | SECTION_321_CHENGDU_2023
    | cells(1, CHONGQING)
    | cells(2, CHONGQING)
    | trends(CHONGQING)
    | cells(1, CHENGDU, CHENGDU_TRANSCRIBED_YEARS)
    | cells(2, CHENGDU, CHENGDU_TRANSCRIBED_YEARS)
)
# Arithmetic on the paper's own figures: what rests on Chengdu's 2020-2021 split (shares and
# changes from 2020, growth, its Table 2 cells and trends), and the index growth (157.07 - 100).
EXPECTED_CONSISTENT = (
    (SECTION_321_CHENGDU - SECTION_321_LEVELS_CHENGDU - SECTION_321_CHENGDU_2023)
    | cells(2, CHENGDU, CHENGDU_PAPER_YEARS)
    | trends(CHENGDU)
    | {"s323_innovation_index_growth"}
)
EXPECTED_PARTLY = {"s41_tertiary_advantage", "s41_relative_position"}
# searched for (searches.csv) and not found: Chengdu's split, the index, three counts
EXPECTED_NO_RELEASE = (
    (SECTION_321_LEVELS_CHENGDU - SECTION_321_CHENGDU_2023)
    | cells(1, CHENGDU, CHENGDU_PAPER_YEARS)
    | {
        "s323_innovation_index_2022",
        "s323_tech_firms",
        "s323_high_tech_enterprises",
        "s323_tech_contract_turnover",
    }
)
# never collected: the two plans' counts, the universities, the judgement in words
EXPECTED_NOT_COLLECTED = {
    "s31_chengdu_ecosystems", "s31_chengdu_key_chains", "s31_chongqing_leading_clusters",
    "s31_chongqing_pillar_clusters", "s31_chongqing_distinctive_clusters",
    "s31_chongqing_new_star_clusters", "s323_universities", "s42_weak_co_innovation",
}  # fmt: skip


def frames_with(resource: str, edit) -> dict[str, pd.DataFrame]:
    """A deep copy of the data frames with one resource edited in memory by ``edit(frame)``."""
    frames = copy.deepcopy(FRAMES)
    frames[resource] = edit(frames[resource].copy())
    return frames


def set_value(frame: pd.DataFrame, mask, column: str, value) -> pd.DataFrame:
    assert mask.sum() == 1
    frame.loc[mask, column] = value
    return frame


# --- coverage --------------------------------------------------------------------------------


def test_every_text_claim_and_every_table_cell_is_audited_once():
    tables = RESULT[RESULT["section"].str.startswith("Table")]
    assert len(tables) == 48  # Table 1 and Table 2: 2 cities × 3 sectors × 4 years each
    assert len(RESULT) == len(FRAMES["paper_claims"]) + 48
    assert RESULT.index.is_unique
    assert set(FRAMES["paper_claims"]["id"]) <= set(RESULT.index)
    assert (
        "t1_chengdu_primary_2020" in RESULT.index
        and "t2_chongqing_tertiary_2023" in RESULT.index
    )


def test_every_claim_has_a_status_a_basis_and_an_existing_chapter():
    assert set(RESULT["status"]) <= set(audit.STATUSES)
    assert (RESULT["basis"] != "").all()
    for chapter in set(RESULT["chapter"]):
        assert (ROOT / "book" / f"{chapter}.md").is_file(), chapter
    assert RESULT.loc["t1_chengdu_primary_2020", "chapter"] == "02-structure"
    assert RESULT.loc["t2_chengdu_primary_2020", "chapter"] == "03-chain-coordination"
    assert RESULT.loc["s31_chengdu_ecosystems", "chapter"] == "01-context"
    assert RESULT.loc["s42_weak_co_innovation", "chapter"] == "04-innovation"


def test_a_claim_whose_quantity_has_no_rule_stops_the_audit():
    def add_claim(claims):
        extra = claims.iloc[[0]].assign(id="s99_gdp_per_head", quantity="gdp_per_head")
        return pd.concat([claims, extra], ignore_index=True)

    with pytest.raises(
        ValueError, match=r"no recomputation rule for s99_gdp_per_head \(gdp_per_head\)"
    ):
        audit.audit(frames_with("paper_claims", add_claim), STUDY)


def test_a_claim_in_a_section_no_chapter_discusses_stops_the_audit():
    claims = FRAMES["paper_claims"]
    edited = frames_with(
        "paper_claims",
        lambda c: set_value(c, c["id"] == "s323_tech_firms", "section", "5.2"),
    )
    with pytest.raises(
        ValueError, match=r"no chapter for s323_tech_firms \(section 5\.2\)"
    ):
        audit.audit(edited, STUDY)
    assert (
        claims.set_index("id").loc["s323_tech_firms", "section"] == "3.2.3"
    )  # the shared frames are untouched


# --- what is reproduced, and on what basis ---------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (audit.REPRODUCED, EXPECTED_REPRODUCED),
        (audit.CONSISTENT, EXPECTED_CONSISTENT),
        (audit.PARTLY, EXPECTED_PARTLY),
        (audit.DIFFERS, set()),
        (audit.NO_RELEASE, EXPECTED_NO_RELEASE),
        (audit.NOT_COLLECTED, EXPECTED_NOT_COLLECTED),
    ],
)
def test_each_status_holds_exactly_the_expected_claims(status, expected):
    found = set(RESULT.index[RESULT["status"] == status])
    assert found == expected, found ^ expected


@pytest.mark.parametrize(
    ("claim_id", "by_hand"),
    [
        # Table 2: 11184.94 / 450904 · 100 = 2.48056 (Chongqing secondary 2021 over the NBS bulletin).
        ("t2_chongqing_secondary_2021", 2.48056),
        # Table 2: 655.2 / 77754 · 100 = 0.84266 (Chengdu primary 2020: Table 1 over the NBS bulletin).
        ("t2_chengdu_primary_2020", 0.84266),
        # Table 1: Chongqing tertiary 2023, 16371.97 in the 2023 economic release.
        ("t1_chongqing_tertiary_2023", 16371.97),
        # §3.2.1: (15109 / 11643 − 1) · 100 = 29.7690 (Chengdu tertiary growth, paper 29.77).
        ("s321_chengdu_growth_tertiary", 29.7690),
        # §3.2.1: Chongqing primary share 2020 = 1803.33 / (1803.33 + 9992.21 + 13207.25) · 100 = 7.2125 (paper 7.2).
        ("s321_chongqing_share_2020_primary", 7.2125),
    ],
)
def test_hand_checked_recomputations(claim_id, by_hand):
    assert RESULT.loc[claim_id, "recomputed_value"] == pytest.approx(by_hand, abs=5e-5)
    assert RESULT.loc[claim_id, "status"] in (audit.REPRODUCED, audit.CONSISTENT)


def test_the_basis_says_whether_a_check_rests_on_releases_or_on_the_papers_own_figures():
    assert RESULT.loc["t1_chongqing_primary_2020", "basis"] == audit.BASIS_OFFICIAL
    # Chengdu's shares come from Table 1 alone: consistent arithmetic, not a check against a release.
    chengdu_share = RESULT.loc["s321_chengdu_share_2020_primary"]
    assert chengdu_share["basis"] == audit.BASIS_TABLE_1
    assert chengdu_share["status"] == audit.CONSISTENT
    assert (
        "Arithmetic only: recomputed from the paper's own Table 1"
        in chengdu_share["reason"]
    )
    # Table 2 for Chengdu divides Table 1 by the national bulletins.
    assert (
        RESULT.loc["t2_chengdu_primary_2020", "basis"]
        == f"{audit.BASIS_TABLE_1} and {audit.BASIS_OFFICIAL}"
    )
    # 157.07 − 100 = 57.07: arithmetic on the paper's own index levels.
    growth = RESULT.loc["s323_innovation_index_growth"]
    assert growth["basis"] == audit.BASIS_PAPER and growth[
        "recomputed_value"
    ] == pytest.approx(57.07)


def test_chengdus_table_1_cells_were_searched_for_and_the_reason_compares_the_total_with_gdp():
    chengdu = RESULT.loc[sorted(cells(1, CHENGDU, CHENGDU_PAPER_YEARS))]
    assert (chengdu["status"] == audit.NO_RELEASE).all()
    assert (
        chengdu["reason"]
        .str.startswith("Searched (2026-12): Chengdu's statistical bulletins")
        .all()
    )
    assert (chengdu["basis"] == audit.BASIS_TABLE_1).all()
    assert (
        chengdu["recomputed_value"].isna().all()
    )  # the paper's own figure is no recomputation
    # 655.2 + 5418.5 + 11643 = 17716.7 against the 2020 bulletin's GDP of 17716.67.
    reason = RESULT.loc["t1_chengdu_primary_2020", "reason"]
    assert "17,716.7 亿元" in reason and "17,716.67 亿元" in reason
    # 582.8 + 6114.3 + 13219.9 = 19917.0 against the 2021 GDP of 19916.98 (cd_gdp_report_2021)
    reason = RESULT.loc["t1_chengdu_primary_2021", "reason"]
    assert "19,917.0 亿元" in reason and "19,916.98 亿元" in reason


def test_chengdus_later_cells_are_reproduced_from_a_transcription_and_say_so():
    # 2022 and 2023: cd_bulletin_2022_hongheiku and cd_bulletin_2023_hongheiku (tier C), whose
    # split equals the paper's Table 1 (588.4, 6404.1, 13825.0 in 2022)
    later = RESULT.loc[sorted(cells(1, CHENGDU, CHENGDU_TRANSCRIBED_YEARS))]
    assert (later["status"] == audit.REPRODUCED).all()
    assert (later["basis"] == audit.BASIS_TRANSCRIPTION).all()
    assert (
        later["reason"]
        .str.contains("a transcription of one (tier C)", regex=False)
        .all()
    )
    assert RESULT.loc["t1_chengdu_primary_2022", "recomputed_value"] == 588.4
    assert "the split is not" not in " ".join(later["reason"])


def test_a_figure_searched_for_says_what_was_searched_and_one_never_collected_says_so():
    searched = RESULT.loc["s323_high_tech_enterprises"]
    assert (
        searched["status"] == audit.NO_RELEASE
        and searched["basis"] == audit.BASIS_PAPER
    )
    assert searched["reason"].startswith(
        "Searched (2026-11): 川渝两地 高新技术企业 2.1万家"
    )
    # the releases' 12,379 (Sichuan) and 6,348 (Chongqing) high-tech enterprises of 2022 are named
    assert "12,379" in searched["reason"]
    assert "base year 2019" in RESULT.loc["s323_innovation_index_2022", "reason"]
    plan = RESULT.loc["s31_chengdu_ecosystems"]
    assert plan["status"] == audit.NOT_COLLECTED
    assert plan["reason"].startswith(
        "The data package has not collected what would check this."
    )


def test_a_claim_read_city_by_city_is_partly_borne_out_where_one_city_bears_it_out():
    # Chongqing's tertiary location quotient, unrounded: (13207.25 / 25002.79) / (553977 / 1015986)
    # = 0.9688 in 2020, then 0.9944, 1.0033, 0.9947;
    # 2022 is above 1 once unrounded (it prints as 1.00), the others are not
    row = RESULT.loc["s41_tertiary_advantage"]
    assert row["status"] == audit.PARTLY
    assert "Chongqing 0.9688 → 0.9944 → 1.0033 → 0.9947" in row["recomputed"]
    assert "holds for Chengdu but not for Chongqing" in row["reason"]
    assert "not competitiveness" in row["reason"]


def test_the_relative_position_is_judged_on_the_circle_and_on_each_city():
    # the circle's share of national GDP: 77587.99 / 1210207 = 6.4111% in 2022, 81986.7 / 1260582
    # = 6.5039% in 2023 (rose); Chengdu 1.7437% -> 1.7512% (rose); Chongqing 2.4609% -> 2.3914% (fell)
    row = RESULT.loc["s41_relative_position"]
    assert row["status"] == audit.PARTLY
    assert "(share of GDP, 2022–2023) 6.4111 → 6.5039" in row["recomputed"]
    assert "holds for Chongqing but not for" in row["reason"]


def test_the_relative_position_paths_in_chinese():
    # the same unrounded shares as above, each unit by its Chinese name
    assert audit.recomputed_text(FRAMES, STUDY, "s41_relative_position", lang="zh") == (
        "成渝地区双城经济圈（经济总量占全国比重，2022–2023年）6.4111 → 6.5039；"
        "成都市1.7438 → 1.7415 → 1.7202 → 1.7512；"
        "重庆市2.4609 → 2.4390 → 2.4069 → 2.3914"
    )
    assert (
        audit.recomputed_text(FRAMES, STUDY, "s41_relative_position")
        == RESULT.loc["s41_relative_position", "recomputed"]
    )


def test_statuses_and_years_in_chinese():
    assert audit.status_label(audit.PARTLY) == "partly borne out"
    assert audit.status_label(audit.PARTLY, "zh") == "部分成立"
    assert audit.status_label(audit.REPRODUCED, "zh") == "据发布数据复现"
    assert audit.years_or_none([2020, 2021], "zh") == "2020和2021"
    assert audit.years_or_none([], "zh") == "无"
    assert audit.years_or_none([]) == "no year"


# --- a wrong figure is caught ---------------------------------------------------------------


def test_a_wrong_table_cell_differs_and_shows_both_numbers():
    cells = FRAMES["paper_tables"]

    def wrong(table):
        mask = (
            (table["table"] == "2")
            & (table["region"] == "chongqing")
            & (table["year"] == 2021)
            & (table["sector"] == "secondary")
        )
        return set_value(table, mask, "value", 2.50)

    row = (
        audit.audit(frames_with("paper_tables", wrong), STUDY)
        .set_index("id")
        .loc["t2_chongqing_secondary_2021"]
    )
    assert row["status"] == audit.DIFFERS
    assert row["printed"] == "2.50%" and row["recomputed"] == "2.4806%"
    assert row["printed_value"] == 2.50 and row["recomputed_value"] == pytest.approx(
        2.48056, abs=5e-6
    )
    assert "2.50%" in row["reason"] and "2.4806%" in row["reason"]
    assert (
        cells.loc[
            (cells["table"] == "2")
            & (cells["region"] == "chongqing")
            & (cells["year"] == 2021)
            & (cells["sector"] == "secondary"),
            "value",
        ].item()
        == 2.48
    )


def test_a_wrong_growth_rate_in_the_text_differs():
    edited = frames_with(
        "paper_claims",
        lambda c: set_value(
            c, c["id"] == "s321_chongqing_growth_tertiary", "value", 24.96
        ),
    )
    row = (
        audit.audit(edited, STUDY).set_index("id").loc["s321_chongqing_growth_tertiary"]
    )
    # (16371.97 / 13207.25 − 1) · 100 = 23.9620, not 24.96.
    assert row["status"] == audit.DIFFERS
    assert "+24.96%" in row["reason"] and "+23.9620%" in row["reason"]


def test_text_that_contradicts_the_papers_own_table_differs():
    # Had the text said 656.2 for Chengdu's 2020 primary value added, it would contradict Table 1 (655.2).
    edited = frames_with(
        "paper_claims",
        lambda c: set_value(
            c, c["id"] == "s321_chengdu_value_added_2020_primary", "value", 656.2
        ),
    )
    row = (
        audit.audit(edited, STUDY)
        .set_index("id")
        .loc["s321_chengdu_value_added_2020_primary"]
    )
    assert row["status"] == audit.DIFFERS
    assert "656.2 亿元" in row["reason"] and "655.2 亿元" in row["reason"]


def test_a_trend_that_no_longer_holds_differs():
    # Chengdu's primary shares, unrounded 655.2 / 77754 = 0.8427 %, then 0.7014, 0.6660, 0.6628,
    # do not "rise overall"
    edited = frames_with(
        "paper_claims",
        lambda c: set_value(
            c, c["id"] == "s41_chengdu_primary_trend", "quantity", "trend:rises overall"
        ),
    )
    row = audit.audit(edited, STUDY).set_index("id").loc["s41_chengdu_primary_trend"]
    assert row["status"] == audit.DIFFERS
    assert row["recomputed"] == "0.8427 → 0.7014 → 0.6660 → 0.6628 (falls every year)"


def test_a_figure_a_release_states_is_reproduced_on_official_releases():
    # Were a release to give 21,000 high-tech enterprises for the circle, the paper's 2.1万 (±500) would match.
    def add(figures):
        extra = (
            figures[figures["series"] == "high_tech_enterprises"]
            .iloc[[0]]
            .assign(region="chengyu_circle", value=21100.0)
        )
        return pd.concat([figures, extra], ignore_index=True)

    row = (
        audit.audit(frames_with("indicators", add), STUDY)
        .set_index("id")
        .loc["s323_high_tech_enterprises"]
    )
    assert row["status"] == audit.REPRODUCED and row["basis"] == audit.BASIS_OFFICIAL
    assert row["recomputed_value"] == 21100.0


# --- counts and the page's table ------------------------------------------------------------


def test_status_counts_cover_every_status_in_order_and_sum_to_the_total():
    counts = audit.status_counts(RESULT)
    assert list(counts.index) == list(audit.STATUSES)
    assert counts.sum() == len(RESULT)
    assert counts[audit.REPRODUCED] == len(EXPECTED_REPRODUCED)
    only_tables = audit.status_counts(RESULT[RESULT.index.str.startswith("t2_")])
    # Chongqing's 12 cells and Chengdu's 6 of 2022-2023 rest on releases (or a transcription);
    # Chengdu's 6 of 2020-2021 on the paper's Table 1
    assert only_tables[audit.REPRODUCED] == 18 and only_tables[audit.CONSISTENT] == 6
    assert only_tables.sum() == 24
    assert all(isinstance(n, int) for n in counts.tolist())


def test_summary_counts_statuses_by_section_in_the_papers_order():
    summary = audit.summary(RESULT.reset_index(), "section")
    assert list(summary.index) == list(audit.CHAPTERS)
    assert summary.loc["Table 1"].to_dict() == {
        audit.REPRODUCED: 18,
        audit.CONSISTENT: 0,
        audit.PARTLY: 0,
        audit.DIFFERS: 0,
        audit.NO_RELEASE: 6,
        audit.NOT_COLLECTED: 0,
        "total": 24,
    }
    assert summary["total"].sum() == len(RESULT)


def test_the_page_table_has_a_row_per_claim_with_its_status_and_a_checked_link_to_its_chapter():
    page = claims_table(RESULT.reset_index(), {"chengdu": "Chengdu"})
    assert page.startswith("```{list-table}") and page.rstrip().endswith("```")
    rows = re.findall(r'<span class="audit-status" data-status="([a-z-]+)">', page)
    assert len(rows) == len(RESULT)
    assert set(rows) == {STATUS_SLUGS[s] for s in set(RESULT["status"])}
    # links are {doc} references, which Sphinx resolves (and -n refuses when a page is missing)
    assert (
        page.count("{doc}`Structure <02-structure>`")
        == (RESULT["chapter"] == "02-structure").sum()
    )
    assert "href=" not in page and "<script" not in page


def test_markup_in_the_papers_words_is_escaped_not_interpreted():
    from chengyu.audit.page import escape

    assert escape("a_b *c* [d](e) $x$ <i>") == r"a\_b \*c\* \[d\](e) \$x\$ \<i\>"

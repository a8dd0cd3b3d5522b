"""The data package itself: complete, consistent with the paper, traceable, valid for Frictionless too."""

from __future__ import annotations

import pandas as pd
import pytest
from frictionless import Package

from chengyu import data

FRAMES = data.load_all()


def paper_table(number: str) -> pd.DataFrame:
    tables = FRAMES["paper_tables"]
    return tables[tables["table"] == number].set_index(["region", "year", "sector"])


def test_frictionless_validates_the_package_independently():
    report = Package(str(data.data_dir() / data.DESCRIPTOR)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_required_regions_are_present():
    assert {"china", "sichuan", "chongqing", "chengdu", "chengyu_circle"} <= set(
        FRAMES["regions"]["id"]
    )


def test_national_value_added_covers_2015_to_2025():
    # 2024: the NBS bulletin in a verbatim archived copy (nbs_bulletin_2024, tier A)
    china = data.by_sector(FRAMES["value_added"], "china")
    assert list(china.index) == list(range(2015, 2026))
    assert china.loc[2024].sum() == 91414 + 492087 + 765583 == 1349084


def test_national_2025_sectors_add_up_to_its_gdp():
    # 2025 bulletin: 93347 + 499653 + 808879 = 1401879 亿元
    china = data.by_sector(FRAMES["value_added"], "china")
    gdp = data.series(FRAMES["indicators"], "gdp", "china")
    assert china.loc[2025].sum() == gdp[2025] == 1401879


def test_chongqing_bulletins_agree_with_the_papers_table_1_in_every_cell():
    # value_added.csv holds Chongqing 2020-2023 from Chongqing's own releases; the paper's
    # Table 1 prints the same cells to 2 decimals.
    chongqing = data.by_sector(FRAMES["value_added"], "chongqing")
    table = paper_table("1").loc["chongqing"]
    assert len(table) == 12
    for (year, sector), row in table.iterrows():
        assert round(chongqing.loc[year, sector], 2) == row["value"], (year, sector)
    sources = FRAMES["value_added"].query("region == 'chongqing' and year >= 2020")[
        "source"
    ]
    assert not sources.str.startswith("xiang2024").any()


def test_chengdu_table_1_totals_agree_with_the_published_gdp():
    # Chengdu's bulletins give GDP 17716.67 (2020) and 22074.7 (2023); the paper's sectors sum
    # to 17716.7 and 22074.8, equal at the paper's one decimal up to rounding of three terms.
    chengdu = data.by_sector(FRAMES["value_added"], "chengdu")
    gdp = data.series(FRAMES["indicators"], "gdp", "chengdu")
    for year in (2020, 2023):
        assert chengdu.loc[year].sum() == pytest.approx(gdp.loc[year], abs=0.15)


def test_chengdu_value_added_is_the_papers_table_1():
    chengdu = data.by_sector(FRAMES["value_added"], "chengdu")
    for (year, sector), row in paper_table("1").loc["chengdu"].iterrows():
        assert chengdu.loc[year, sector] == row["value"]


def test_papers_tables_have_all_48_cells():
    assert len(paper_table("1")) == 24
    assert len(paper_table("2")) == 24


def test_every_figure_names_a_publication_with_a_publisher_and_document():
    sources = FRAMES["sources"].set_index("id")
    for name in (
        "value_added",
        "indicators",
        "paper_tables",
        "policies",
        "industrial_systems",
    ):
        used = set(FRAMES[name]["source"])
        assert used <= set(sources.index), name
    assert (
        sources["publisher"].str.strip().all() and sources["document"].str.strip().all()
    )


def test_every_region_has_a_chinese_and_english_name():
    regions = FRAMES["regions"]
    assert regions["name_zh"].str.strip().all() and regions["name_en"].str.strip().all()


def test_chengdu_ecosystem_list_matches_its_count():
    # the paper (§3.1) names 8 ecosystems and lists each of them
    systems = FRAMES["industrial_systems"].set_index(["city", "group_en"])
    row = systems.loc[("chengdu", "industrial ecosystems")]
    assert row["count"] == 8
    assert len(row["members_zh"].split("、")) == row["count"]
    assert len(row["members_en"].split(", ")) == row["count"]


def test_chongqing_cluster_counts_spell_33618():
    counts = FRAMES["industrial_systems"].query("city == 'chongqing'")["count"]
    assert "".join(map(str, counts)) == "33618"


def test_a_variant_without_a_tier_drops_whole_region_years():
    from chengyu import data as chengyu_data

    value_added = pd.DataFrame(
        {
            "region": ["x", "x", "x", "x", "x", "x"],
            "year": [2020, 2020, 2020, 2021, 2021, 2021],
            "sector": ["primary", "secondary", "tertiary"] * 2,
            "value": [1, 2, 3, 1, 2, 3],
            "source": ["a", "a", "c", "a", "a", "a"],
        }
    )
    sources = pd.DataFrame({"id": ["a", "c"], "tier": ["A", "C"]})
    kept = chengyu_data.without_tier(value_added, sources, "C")
    assert set(kept["year"]) == {2021}  # 2020 rests on a tier-C figure in one sector
    tiers = chengyu_data.split_tiers(value_added, sources)
    assert list(tiers["tier"]) == ["A, C", "A"]


def test_every_tier_c_source_says_where_it_was_read_and_cites_the_original_release():
    sources = FRAMES["sources"]
    tier_c = sources[sources["tier"] == "C"]
    assert len(tier_c) > 0
    assert tier_c["where_read"].notna().all()
    # the document names the bulletin or release, not only the page it was read on
    assert (
        tier_c["document"]
        .str.contains("公报|经济运行|统计局|生产总值|主要经济指标|economic census")
        .all()
    )


def test_each_peer_pair_has_years_in_common_with_the_nation_and_known_levels():
    from chengyu.study import analysis_years, load_study

    study = load_study(FRAMES)
    levels = FRAMES["regions"].set_index("id")["level"]
    assert len(study.peer_pairs) >= 4
    for a, b in study.peer_pairs:
        assert {levels[a], levels[b]} <= {"municipality", "city", "province"}
        assert len(analysis_years(FRAMES["value_added"], (a, b, "china"))) >= 3


def test_the_peer_ranking_is_recomputed_from_the_data():
    from chengyu.indicators import peers

    pairs = [("shanghai", "hangzhou"), ("beijing", "tianjin")]
    before = peers.ranking(peers.pairs_table(FRAMES["value_added"], pairs))
    edited = FRAMES["value_added"].copy()
    # Hangzhou's 2025 primary value added ten times larger: its structure moves away
    at = (edited["region"] == "hangzhou") & (edited["year"] == 2025)
    edited.loc[at & (edited["sector"] == "primary"), "value"] *= 10
    after = peers.ranking(peers.pairs_table(edited, pairs))
    assert after.loc[0, "similarity"] < before.loc[0, "similarity"]
    assert after.loc[0, "krugman"] > before.loc[0, "krugman"]


def test_a_vintage_note_in_chinese():
    note = "preliminary estimate; revised to 919281 after the 4th economic census"
    assert data.note_text(note) == note
    assert data.note_text(note, "zh") == "初步核算数；第四次全国经济普查后修订为919281"
    with pytest.raises(ValueError, match="no Chinese rendering"):
        data.note_text("sector split not verified", "zh")


def test_a_vintage_note_is_quoted_in_chinese():
    note = "structure 7.4:44.2:48.4 as first published; later revised to 6.9:43.1:50"
    assert data.vintage_note(note) == note
    assert data.vintage_note(note, "zh") == (
        "三次产业结构初次公布为7.4:44.2:48.4，后修订为6.9:43.1:50"
    )
    assert data.vintage_note("national accounts", "zh") == "national accounts"

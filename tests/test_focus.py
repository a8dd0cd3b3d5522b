"""Any focus pair: the book built on another pair measures that pair.

In a copy of the repository, study.yml's focus becomes [beijing, tianjin], two of the peer
pairs' cities whose rows the data package holds (tiers A, B and C), and one more peer pair is
listed (Shanghai–Suzhou), as a fork would. `make book` must succeed;
the structure and chain-coordination chapters must measure Beijing–Tianjin (each value checked
by hand below); the reproduction of the paper (its Tables 1 and 2, the audit) must stay on the
paper's two cities, with the same counts as the book itself.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from chengyu import data
from conftest import COPY_IGNORE, ROOT, english_only, make_book

pytestmark = pytest.mark.build

# data/value_added.csv, 亿元: primary, secondary, tertiary
BEIJING_2023 = (105.5, 6525.6, 37129.6)  # bj_bulletin_2023 (tier A)
BEIJING_2025 = (109.2, 7187.4, 44776.9)  # bj_bulletin_2025 (tier C)
TIANJIN_2025 = (293.55, 6154.46, 12091.81)  # tj_bulletin_2025 (tier C)
# 2025, the last year Beijing, Tianjin and the nation all have. By hand from those rows: shares
# a = (0.002097, 0.138024, 0.859879), b = (0.015833, 0.331959, 0.652208);
# Σ a·b / √(Σa² · Σb²) = 0.60667 / 0.63749 = 0.9517; Σ |a − b| = 0.4153
SIMILARITY_2025 = "0.952"
KRUGMAN_2025 = "0.415"
# Beijing's tertiary over secondary value added in 2023, the paper's last year: 37129.6 / 6525.6
ADVANCEMENT_2023 = "5.69"


@pytest.fixture(scope="module")
def focus_book(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("focus") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    study = copy / "data" / "study.yml"
    text = study.read_text(encoding="utf-8")
    assert re.search(r"^focus: \[chengdu, chongqing\]", text, re.M)
    study.write_text(
        re.sub(
            r"^focus: \[chengdu, chongqing\]",
            "focus: [beijing, tianjin]",
            text,
            flags=re.M,
        ),
        encoding="utf-8",
    )
    with study.open("a", encoding="utf-8") as extra:
        extra.write("  - [shanghai, suzhou]\n")  # appended to the peer_pairs list
    # a fork studying another pair may want one language: one setting turns Chinese off
    english_only(copy)
    done = make_book(copy)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
    return copy


def prose(repo: Path, page: str) -> dict[str, str]:
    """{inline expression: the text the page shows for it} of a built chapter."""
    notebook = json.loads(
        (repo / "_build" / "html" / "book" / f"{page}.ipynb").read_text(
            encoding="utf-8"
        )
    )
    return {
        e["expression"]: e["page"] for e in notebook["metadata"]["chengyu"]["prose"]
    }


def test_the_hand_checked_rows_are_the_data_packages():
    table = (
        data.load_all()["value_added"]
        .set_index(["region", "year", "sector"])
        .sort_index()
    )
    for region, year, values in (
        ("beijing", 2023, BEIJING_2023),
        ("beijing", 2025, BEIJING_2025),
        ("tianjin", 2025, TIANJIN_2025),
    ):
        assert tuple(table.loc[(region, year), "value"]) == values


def test_chain_coordination_measures_the_new_pair(focus_book):
    values = prose(focus_book, "03-chain-coordination")
    assert values["last"] == "2025"
    assert values['f"{s_cities_last:.3f}"'] == SIMILARITY_2025
    assert values['f"{k_cities_last:.3f}"'] == KRUGMAN_2025


def test_structure_chapter_measures_the_new_pair(focus_book):
    values = prose(focus_book, "02-structure")
    assert values['f"{adv_cd_paper_end:.2f}"'] == ADVANCEMENT_2023


@pytest.mark.parametrize(
    "page", ["01-context", "02-structure", "03-chain-coordination"]
)
def test_the_measuring_chapters_show_the_new_pair(focus_book, page):
    html = (focus_book / "_build" / "html" / "book" / f"{page}.html").read_text(
        encoding="utf-8"
    )
    assert "Tianjin" in html and "Beijing" in html


def test_the_papers_tables_and_audit_stay_on_the_papers_cities(focus_book, built_book):
    for page, names in (
        ("03-chain-coordination", ("t2_matches", "t2_cells")),
        ("02-structure", ("t1_cells", "t1_released_agree")),
    ):
        moved, book = prose(focus_book, page), prose(built_book, page)
        for name in names:
            assert moved[name] == book[name], (page, name)
    assert prose(focus_book, "appendix-audit") == prose(built_book, "appendix-audit")


def test_a_pair_added_to_the_study_is_measured_in_the_peers_chapter(focus_book):
    page = (focus_book / "_build" / "html" / "book" / "05-peers.html").read_text(
        encoding="utf-8"
    )
    assert "Shanghai–Suzhou" in page and "Beijing–Tianjin" in page
    values = prose(focus_book, "05-peers")
    assert values["focus_label"] == "Beijing–Tianjin"
    assert (
        values["n_pairs"] == "6"
    )  # the focus, four of the book's peers and the new pair


def test_a_fork_switches_the_chinese_edition_off_in_one_setting(focus_book):
    site = focus_book / "_build" / "html"
    assert not (site / "zh").exists()
    chapter = (site / "book" / "03-chain-coordination.html").read_text(encoding="utf-8")
    assert (
        "chengyu-language-switch" not in chapter and 'hreflang="zh-CN"' not in chapter
    )
    assert "<strong>摘要</strong>" not in chapter  # the Chinese cells are left out
    assert "<strong>Abstract.</strong>" in chapter

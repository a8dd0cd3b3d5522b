"""Any focus pair: the book built on another pair measures that pair.

In a copy of the repository, Beijing's rows (the worked example of book/extend.md) and
Tianjin's (tests/fixtures/tianjin, real first releases, tiers B and C) are added to data/ and
study.yml's focus becomes [beijing, tianjin]. `make book` must succeed; the structure and
chain-coordination chapters must measure Beijing–Tianjin (each value checked by hand below); the
reproduction of the paper (its Tables 1 and 2, the audit) must stay on the paper's two cities,
with the same counts as the book itself.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from test_extend import worked_example

from conftest import COPY_IGNORE, ROOT, make_book

pytestmark = pytest.mark.build

FIXTURE = ROOT / "tests" / "fixtures" / "tianjin"

# Beijing 2023 (bj_bulletin_2023 in book/extend.md) and Tianjin 2023 (tj_bulletin_2023), 亿元:
# primary, secondary, tertiary
BEIJING_2023 = (105.5, 6525.6, 37129.6)
TIANJIN_2023 = (268.53, 5982.62, 10486.15)
# By hand from those rows: shares a = (0.002411, 0.149118, 0.848471) and
# b = (0.016044, 0.357441, 0.626515); Σ a·b / √(Σa² · Σb²) = 0.9411, Σ |a − b| = 0.4439
SIMILARITY_2023 = "0.941"
KRUGMAN_2023 = "0.444"
# Beijing's tertiary over secondary value added in 2023: 37129.6 / 6525.6
ADVANCEMENT_2023 = "5.69"


def append_rows(path: Path, lines: list[str]) -> None:
    path.write_text(
        path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def focus_book(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("focus") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    example = worked_example()
    for name in ("regions.csv", "sources.csv", "value_added.csv"):
        append_rows(copy / "data" / name, example[name])
    for name in ("regions.csv", "sources.csv", "value_added.csv", "indicators.csv"):
        rows = (FIXTURE / name).read_text(encoding="utf-8").splitlines()[1:]
        append_rows(copy / "data" / name, rows)
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


def test_the_fixture_is_the_figures_it_cites():
    rows = (FIXTURE / "value_added.csv").read_text(encoding="utf-8").splitlines()
    tianjin_2023 = [float(r.split(",")[3]) for r in rows if ",2023," in r]
    assert tuple(tianjin_2023) == TIANJIN_2023
    beijing_2023 = [
        float(r.split(",")[3])
        for r in worked_example()["value_added.csv"]
        if r.startswith("beijing,2023,")
    ]
    assert tuple(beijing_2023) == BEIJING_2023


def test_chain_coordination_measures_the_new_pair(focus_book):
    values = prose(focus_book, "03-chain-coordination")
    assert values['f"{s_cities_last:.3f}"'] == SIMILARITY_2023
    assert values['f"{k_cities_last:.3f}"'] == KRUGMAN_2023
    assert values["last"] == "2023"


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

"""Fork to extend, end to end: the worked example of book/extend.md, built.

In a copy of the built book, the rows that book/extend.md shows (Xi'an as a comparator, with
its sources and GDP) are added to data/ and named in study.yml, and an invented later year is added for
the focus regions and the benchmark (the latest year grown by five per cent, a test-only
source). After `make book` the city and the year must be in the chart data and tables of
chapters 1-3, the paper's Table 2 must still match 24/24 and the audit's counts must not move.
Removing the rows again must remove the city from the book, and execute nothing: the chapters
executed with the original data are taken back from the build's earlier execution cache.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from pathlib import Path

import pytest

from chengyu import data
from conftest import ROOT, english_only, make_book

pytestmark = pytest.mark.build

EXTEND = ROOT / "book" / "extend.md"
CITY_LABEL = "Xi'an 西安市"
DATA_FILES = (
    "regions.csv",
    "sources.csv",
    "value_added.csv",
    "indicators.csv",
    "study.yml",
)


def worked_example() -> dict[str, list[str]]:
    """The lines book/extend.md adds, by the file its code block is captioned with."""
    text = EXTEND.read_text(encoding="utf-8")
    blocks = re.findall(
        r"```\{code-block\} \w+\n:caption: (\S+)\n\n(.*?)```", text, re.S
    )
    return {name: body.strip().splitlines() for name, body in blocks}


def add_the_city(repo: Path) -> None:
    example = worked_example()
    assert set(example) == {
        "regions.csv",
        "sources.csv",
        "value_added.csv",
        "indicators.csv",
        "study.yml",
    }
    for name in ("regions.csv", "sources.csv", "value_added.csv", "indicators.csv"):
        path = repo / "data" / name
        path.write_text(
            path.read_text(encoding="utf-8") + "\n".join(example[name]) + "\n",
            encoding="utf-8",
        )
    study = repo / "data" / "study.yml"
    (line,) = example["study.yml"]
    text = study.read_text(encoding="utf-8")
    assert re.search(r"^comparators: \[\]", text, re.M)
    study.write_text(
        re.sub(r"^comparators: \[\]", line, text, flags=re.M), encoding="utf-8"
    )


def add_an_invented_year(repo: Path) -> int:
    """A year after every year the focus pair and the benchmark have: each region's latest
    figures +5 %."""
    frames = data.load_all(repo / "data")
    rows = frames["value_added"]
    mine = rows[rows["region"].isin(["chengdu", "chongqing", "china"])]
    year = int(mine["year"].max()) + 1
    latest = mine[mine["year"] == mine.groupby("region")["year"].transform("max")]
    added = [
        f"{r.region},{year},{r.sector},{round(r.value * 1.05, 1)},100m_yuan,test_invented_year,invented by the test"
        for r in latest.itertuples()
    ]
    path = repo / "data" / "value_added.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n".join(added) + "\n", encoding="utf-8"
    )
    sources = repo / "data" / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "test_invented_year,The tests,an invented year (not data),,B,,\n",
        encoding="utf-8",
    )
    return year


def chart_rows(html_dir: Path, page: str, chart: str) -> list[dict]:
    text = (html_dir / "book" / f"{page}-{chart}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def page_text(html_dir: Path, page: str) -> str:
    """A built page's HTML, with the apostrophe as typed: Sphinx sets "Xi'an" as "Xi’an"."""
    text = (html_dir / "book" / f"{page}.html").read_text(encoding="utf-8")
    return html.unescape(text).replace("\u2019", "'")


def audit_counts(html_dir: Path) -> str:
    index = re.sub(r"<[^>]+>", "", page_text(html_dir, "index"))
    return re.search(
        r"quantitative statements.*?what would check them", index, re.S
    ).group(0)


@pytest.fixture(scope="module")
def extended(built_book, tmp_path_factory):
    """A copy of the built book, extended by a city and a year, built; then the same copy restored."""
    copy = tmp_path_factory.mktemp("extended") / "repo"
    shutil.copytree(built_book, copy, symlinks=True)
    originals = {name: (copy / "data" / name).read_bytes() for name in DATA_FILES}
    # the English edition alone: extending is the same in both (a region's Chinese name is
    # in regions.csv), and the suite's time goes elsewhere
    english_only(copy)
    add_the_city(copy)
    year = add_an_invented_year(copy)
    done = make_book(copy)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
    return copy, originals, year


def test_the_worked_example_passes_chengyu_check(extended):
    copy, _, _ = extended
    assert data.validate(copy / "data") == []


def test_the_city_and_the_year_show_in_the_context_chapter(extended, built_book):
    copy, _, year = extended
    html = copy / "_build" / "html"
    gdp = chart_rows(html, "01-context", "gdp")
    assert any(row["region_label"] == CITY_LABEL for row in gdp)
    assert any(row["year"] == str(year) for row in gdp)
    text = page_text(html, "01-context")
    assert CITY_LABEL in text and f"{year} (after the paper)" in text
    # the city lacks the invented year: the page says so instead of filling it
    assert f"no three-sector split for {CITY_LABEL} in {year}" in text


def test_the_city_and_the_year_show_in_the_structure_chapter(extended):
    copy, _, year = extended
    html = copy / "_build" / "html"
    structure = chart_rows(html, "02-structure", "structure-of-the-pair")
    assert {row["region_label"] for row in structure} >= {CITY_LABEL}
    assert str(year) in {row["year"] for row in structure}
    contributions = chart_rows(html, "02-structure", "contributions")
    assert CITY_LABEL in {row["region_label"] for row in contributions}
    # the shift-share runs over the whole window, and the city lacks the invented last year
    shifts = chart_rows(html, "02-structure", "shift-share")
    assert CITY_LABEL not in {row["region_label"] for row in shifts}
    text = page_text(html, "02-structure")
    assert "after the paper" in text
    # the section "After the paper" now compares the invented year with the paper's last one
    prose = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))
    assert re.search(rf"paper read continued for .*\d of \d in {year}", prose)


def test_the_city_and_the_year_show_in_the_chain_chapter_and_table_2_still_matches(
    extended,
):
    copy, _, year = extended
    html = copy / "_build" / "html"
    lq = chart_rows(html, "03-chain-coordination", "location-quotients")
    assert CITY_LABEL in {row["city"] for row in lq} and str(year) in {
        row["year"] for row in lq
    }
    shares = chart_rows(html, "03-chain-coordination", "shares-of-national-value-added")
    assert CITY_LABEL in {row["city"] for row in shares}
    text = re.sub(r"<[^>]+>", "", page_text(html, "03-chain-coordination"))
    assert re.search(r"24\s+of the\s+24\s+cells of Table 2", text)


def test_the_audit_of_the_papers_window_does_not_move(extended, built_book):
    copy, _, _ = extended
    assert audit_counts(copy / "_build" / "html") == audit_counts(
        built_book / "_build" / "html"
    )


@pytest.fixture(scope="module")
def restored(extended):
    """The same copy with the rows removed again; built."""
    copy, originals, year = extended
    for name, content in originals.items():
        (copy / "data" / name).write_bytes(content)
    done = make_book(copy)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
    return copy, year, done


def test_removing_the_rows_removes_the_city_again(restored):
    copy, year, _ = restored
    html = copy / "_build" / "html"
    for page in ("01-context", "02-structure", "03-chain-coordination"):
        assert CITY_LABEL not in page_text(html, page), page
        assert f"{year} (after the paper)" not in page_text(html, page), page


def test_undoing_the_edit_executes_nothing_again(restored, built_book):
    # the chapters executed with the original data, in the copied build, are taken back
    copy, _, done = restored
    assert "took back the execution cache an earlier build made with these inputs" in (
        done.stdout
    )
    assert "a cell failed" not in done.stdout
    assert audit_counts(copy / "_build" / "html") == audit_counts(
        built_book / "_build" / "html"
    )

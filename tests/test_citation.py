"""The book is citable: valid CITATION.cff, citations generated from it, Highwire tags on every
page, and each chapter's executed notebook and chart data downloadable from the built site."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import nbformat
import pandas as pd
import pytest

from bookbuild import citation
from conftest import ROOT, executable_pages, toc_pages

SCHEMA = ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json"
CFF = citation.load()


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(
        CFF, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def test_the_book_is_authored_by_the_contributors_entity_and_credits_the_paper():
    assert CFF["authors"] == [{"name": "The Chengyu Book contributors"}]
    paper = citation.paper(CFF)
    assert paper["authors"] == [{"family-names": "Xiang", "given-names": "Ling"}]
    assert paper["license"] == "CC-BY-4.0" and paper["year"] == 2024


def test_no_identifier_or_address_is_claimed_before_the_book_has_one():
    assert not {"doi", "url", "repository-code", "identifiers"} & set(CFF)


def test_plain_text_and_bibtex_citations_come_from_the_cff():
    assert citation.book_plain_text(CFF) == (
        f"The Chengyu Book contributors ({CFF['date-released'][:4]}). {CFF['title']} (version {CFF['version']})."
    )
    entry = citation.book_bibtex(CFF)
    assert (
        entry.startswith("@misc{chengyu_book,")
        and "author       = {{The Chengyu Book contributors}}" in entry
    )
    assert citation.paper_plain_text(CFF).startswith(
        "Xiang, Ling (2024). 成渝地区产业协同发展的成效、挑战和展望 [The Achievements"
    )


def test_highwire_tags_for_the_book_and_a_chapter():
    root = citation.highwire_tags(CFF, "Home", is_root=True)
    assert root[0] == ("citation_title", CFF["title"])
    assert ("citation_author", "The Chengyu Book contributors") in root
    assert ("citation_publication_date", CFF["date-released"].replace("-", "/")) in root
    assert not any(name == "citation_fulltext_html_url" for name, _ in root)
    chapter = dict(
        citation.highwire_tags(
            CFF,
            "Context",
            is_root=False,
            fulltext_url="https://example.org/book/01-context.html",
        )
    )
    assert (
        chapter["citation_title"] == "Context"
        and chapter["citation_inbook_title"] == CFF["title"]
    )
    assert (
        chapter["citation_fulltext_html_url"]
        == "https://example.org/book/01-context.html"
    )


class MetaTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or "").startswith("citation_"):
            self.tags.append((attrs["name"], attrs.get("content", "")))


@pytest.mark.build
def test_every_built_page_carries_highwire_tags(built_book):
    for page in toc_pages(built_book):
        parser = MetaTags()
        parser.feed(
            (built_book / "_build" / "html" / f"{page}.html").read_text(
                encoding="utf-8"
            )
        )
        names = [name for name, _ in parser.tags]
        assert names.count("citation_title") == 1, page
        assert ("citation_author", "The Chengyu Book contributors") in parser.tags, page
        assert names.count("citation_publication_date") == 1, page


@pytest.mark.build
def test_each_chapter_offers_its_executed_notebook(built_book):
    for page in executable_pages(built_book):
        html = (built_book / "_build" / "html" / f"{page}.html").read_text(
            encoding="utf-8"
        )
        name = page.rsplit("/", 1)[-1] + ".ipynb"
        assert f'href="{name}" download' in html, page
        notebook = nbformat.read(
            built_book / "_build" / "html" / f"{page}.ipynb", as_version=4
        )
        nbformat.validate(notebook)
        assert any(
            cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"
        ), page


@pytest.mark.build
def test_every_chart_in_the_built_book_offers_its_data_as_a_csv_file(built_book):
    count = 0
    for page in toc_pages(built_book):
        html = (built_book / "_build" / "html" / f"{page}.html").read_text(
            encoding="utf-8"
        )
        figures = html.count('<figure class="chengyu-chart"')
        links = re.findall(
            r'class="chengyu-chart-data" download="[^"]+\.csv" href="([^"]+\.csv)"',
            html,
        )
        assert len(links) == figures, page
        assert "data:text/csv" not in html, (
            page
        )  # the page does not carry the data twice
        for link in links:
            # named after the chart, not its position: <page>-<chart name>.csv
            assert re.fullmatch(
                rf"{Path(page).name}-[a-z0-9]+(-[a-z0-9]+)*\.csv", link
            ), link
            assert not re.fullmatch(r".*-chart-\d+\.csv", link), link
            table = pd.read_csv(
                built_book / "_build" / "html" / Path(page).parent / link
            )
            assert len(table) > 0 and len(table.columns) > 0
        count += figures
    assert count >= 4 + 4 + 4 + 3  # the chapters' acceptance minimums

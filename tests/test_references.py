"""The bibliography: it parses, and it covers the paper, its references, the sources and the citations."""

from __future__ import annotations

import csv
import re

import pybtex.database
import pytest

from conftest import ROOT

BIB = ROOT / "references.bib"
CITE_ROLE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")


def bibliography():
    """Parse references.bib; pybtex raises on a syntax error or a duplicate key."""
    return pybtex.database.parse_file(str(BIB))


def statistical_sources() -> list[dict[str, str]]:
    """Rows of data/sources.csv that are original publications, not the paper itself."""
    with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        return [
            row for row in csv.DictReader(f) if not row["id"].startswith("xiang2024")
        ]


def plain(field: str) -> str:
    """A BibTeX field as text: without protecting braces and with \\& \\% \\# \\_ un-escaped."""
    return re.sub(r"\\([&%#_])", r"\1", field.replace("{", "").replace("}", ""))


def test_bibliography_parses_with_unique_keys():
    assert len(bibliography().entries) > 0


@pytest.mark.parametrize("source", statistical_sources(), ids=lambda row: row["id"])
def test_each_statistical_source_has_an_entry_titled_as_the_document(source):
    entries = bibliography().entries
    assert source["id"] in entries
    assert plain(entries[source["id"]].fields["title"]) == source["document"]


def test_the_paper_and_its_sixteen_references_are_present():
    expected = {"xiang2024"} | {f"xiang_ref{n:02d}" for n in range(1, 17)}
    assert expected <= set(bibliography().entries)


def test_every_key_cited_in_the_book_is_in_the_bibliography():
    cited = {
        key.strip()
        for page in (ROOT / "book").glob("*.md")
        for keys in CITE_ROLE.findall(page.read_text(encoding="utf-8"))
        for key in keys.split(",")
    }
    assert cited, "no {cite} roles found: has the syntax changed?"
    assert cited <= set(bibliography().entries), sorted(
        cited - set(bibliography().entries)
    )

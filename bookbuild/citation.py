"""How to cite the book and the paper: one source of truth, ``CITATION.cff``.

The how-to-cite page renders these strings, and the Sphinx extension turns the same metadata
into Highwire Press ``<meta>`` tags (``citation_title``, one ``citation_author`` per author,
``citation_publication_date``), which Google Scholar and Zotero read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CFF = "CITATION.cff"


def load(root: Path = ROOT) -> dict:
    """The parsed ``CITATION.cff``, with dates as ISO strings."""
    cff = yaml.safe_load((Path(root) / CFF).read_text(encoding="utf-8"))

    def iso(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: iso(v) for k, v in value.items()}
        if isinstance(value, list):
            return [iso(v) for v in value]
        return value

    return iso(cff)


def author_names(authors: list[dict]) -> list[str]:
    """Display names: an entity's ``name``, or a person's given and family names."""
    return [
        a["name"] if "name" in a else f"{a['given-names']} {a['family-names']}"
        for a in authors
    ]


def book_year(cff: dict) -> str:
    return cff["date-released"][:4]


def version_text(cff: dict) -> str:
    """The version line of the how-to-cite page and the PDF's title page."""
    return f"Version {cff['version']}, released {cff['date-released']}."


def book_plain_text(cff: dict) -> str:
    """The book's citation as one line: authors (year). Title (version X)."""
    return f"{', '.join(author_names(cff['authors']))} ({book_year(cff)}). {cff['title']} (version {cff['version']})."


def book_bibtex(cff: dict, key: str = "chengyu_book") -> str:
    """A BibTeX ``@misc`` entry for the book (entities in double braces, as BibTeX needs)."""
    authors = " and ".join(
        "{" + a["name"] + "}"
        if "name" in a
        else f"{a['family-names']}, {a['given-names']}"
        for a in cff["authors"]
    )
    return (
        f"@misc{{{key},\n"
        f"  author       = {{{authors}}},\n"
        f"  title        = {{{cff['title']}}},\n"
        f"  year         = {{{book_year(cff)}}},\n"
        f"  howpublished = {{Executable research book, version {cff['version']}}},\n"
        f"  note         = {{Released {cff['date-released']}. Text CC BY 4.0, code MIT}},\n"
        "}"
    )


def paper(cff: dict) -> dict:
    """The accompanied paper: the first ``article`` among the references."""
    return next(r for r in cff["references"] if r["type"] == "article")


def paper_plain_text(cff: dict) -> str:
    """The paper's citation as one line, with its English title from the abstract field."""
    ref = paper(cff)
    person = ref["authors"][0]
    english = ref["abstract"].replace("English title:", "").strip().rstrip(".")
    return (
        f"{person['family-names']}, {person['given-names']} ({ref['year']}). {ref['title']} [{english}]. "
        f"{ref['publisher']['name']}, published {ref['date-published']}. {ref['license'].replace('-', ' ')}."
    )


def bibtex_entry(key: str, root: Path = ROOT) -> str:
    """One entry of the book's ``references.bib``, as BibTeX text."""
    from pybtex.database import BibliographyData, parse_file

    entries = parse_file(str(Path(root) / "references.bib")).entries
    return BibliographyData({key: entries[key]}).to_string("bibtex").strip()


def highwire_tags(
    cff: dict,
    page_title: str,
    is_root: bool,
    fulltext_url: str | None = None,
    language: str = "en",
    book_title: str | None = None,
) -> list[tuple[str, str]]:
    """Highwire Press tags for one page, as (name, content) pairs in document order.

    The root page is the book; any other page is a chapter of it (``citation_inbook_title``).
    ``fulltext_url`` is given only when the site's public address is known. ``language`` is the
    page's (``en``, ``zh-CN``), and ``book_title`` the book's title in it (``CITATION.cff``'s,
    in English, when not given).
    """
    book_title = book_title or cff["title"]
    tags = [("citation_title", book_title if is_root else page_title)]
    if not is_root:
        tags.append(("citation_inbook_title", book_title))
    tags += [("citation_author", name) for name in author_names(cff["authors"])]
    tags.append(("citation_publication_date", cff["date-released"].replace("-", "/")))
    tags.append(("citation_language", language))
    if fulltext_url:
        tags.append(("citation_fulltext_html_url", fulltext_url))
    return tags

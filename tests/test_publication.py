"""Publication, part one: the same bytes from the same sources, and no address claimed when none
is given.

A second copy of the repository, in a folder of another name and depth, is built cold and
compared with the shared build byte for byte. Publishing with an address, launch buttons and
the PDF edition is checked in tests/test_publish.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import COPY_IGNORE, ROOT, make_book, toc_pages

pytestmark = pytest.mark.build

BOOK_URL = "https://example.org/chengyu/"
REPOSITORY = "https://github.com/example/chengyu-book"
PDF = "chengyu-book.pdf"


@pytest.fixture(scope="module")
def second_book(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("elsewhere") / "deeper" / "chengyu"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    done = make_book(copy)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
    return copy


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def html_pages(repo: Path) -> dict[str, str]:
    site = repo / "_build" / "html"
    return {
        page: (site / f"{page}.html").read_text(encoding="utf-8")
        for page in toc_pages()
    }


def page_title(page_html: str) -> str:
    """The text of the page's heading (the article's h1, the one with a permalink)."""
    h1 = next(
        h for h in re.findall(r"<h1>(.*?)</h1>", page_html, re.S) if "headerlink" in h
    )
    return re.sub(r"<[^>]+>", "", h1.split('<a class="headerlink"')[0]).strip()


def pdf_text(pdf: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", *span, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


# --- the same bytes ------------------------------------------------------------------------


def test_two_cold_builds_in_two_folders_are_byte_identical(second_book, built_book):
    # second_book first: its cold build starts while another test process builds built_book
    first, second = built_book / "_build" / "html", second_book / "_build" / "html"
    assert files(first) == files(second)
    differing = sorted(
        name
        for name in files(first)
        if (first / name).read_bytes() != (second / name).read_bytes()
    )
    assert differing == []


# --- an address only when one is given -----------------------------------------------------


def test_without_book_url_no_page_claims_an_address(built_book):
    site = built_book / "_build" / "html"
    assert not (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()
    for page, text in html_pages(built_book).items():
        assert 'rel="canonical"' not in text, page
        assert "citation_fulltext_html_url" not in text, page

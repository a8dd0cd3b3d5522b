"""Publication, part two: a build published as a fork's workflow publishes it
(`BOOK_URL=… BOOK_REPOSITORY=… make pdf`): an address with its sitemap and citation URLs,
launch buttons with a repository, the PDF edition served and linked, and one version everywhere
it is cited.

The published build is a copy of the shared cold build (execution cache included), so that it
runs beside the second cold build of tests/test_publication.py rather than after it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from test_publication import BOOK_URL, PDF, REPOSITORY, html_pages, page_title, pdf_text

from bookbuild import citation
from chengyu import claims, data, indicators, study
from conftest import ROOT, make_book, toc_pages

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def published(built_book, tmp_path_factory) -> Path:
    """A copy of the shared build, published: an address, a repository, the PDF printed."""
    copy = tmp_path_factory.mktemp("published") / "repo"
    shutil.copytree(built_book, copy, symlinks=True)
    done = make_book(copy, "pdf", BOOK_URL=BOOK_URL, BOOK_REPOSITORY=REPOSITORY)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
    return copy


def test_book_url_gives_a_sitemap_robots_txt_and_full_text_urls(published):
    site = published / "_build" / "html"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"<loc>(.*?)</loc>", sitemap)) == sorted(
        f"{BOOK_URL}{folder}{page}.html"
        for page in toc_pages()
        for folder in ("", "zh/")
    )
    # each page names itself and its counterpart in the other edition (hreflang)
    chapter_entry = re.search(
        rf"<url><loc>{BOOK_URL}book/01-context.html</loc>(.*?)</url>", sitemap
    )
    assert chapter_entry and chapter_entry[1] == (
        f'<xhtml:link rel="alternate" hreflang="en" href="{BOOK_URL}book/01-context.html"/>'
        f'<xhtml:link rel="alternate" hreflang="zh-CN" href="{BOOK_URL}zh/book/01-context.html"/>'
    )
    assert (
        not (site / "zh" / "sitemap.xml").exists()
        and not (site / "zh" / "robots.txt").exists()
    )
    chinese = (site / "zh" / "book" / "01-context.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BOOK_URL}zh/book/01-context.html"' in chinese
    assert (
        f'<link rel="alternate" hreflang="en" href="{BOOK_URL}book/01-context.html">'
        in chinese
    )
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BOOK_URL}sitemap.xml" in robots
    chapter = html_pages(published)["book/01-context"]
    assert (
        f'<meta name="citation_fulltext_html_url" content="{BOOK_URL}book/01-context.html"'
        in chapter
    )
    assert f'<link rel="canonical" href="{BOOK_URL}book/01-context.html"' in chapter


# --- launch buttons only with a repository -------------------------------------------------


def test_launch_buttons_appear_only_when_the_repository_is_set(built_book, published):
    assert not any("mybinder.org" in text for text in html_pages(built_book).values())
    chapter = html_pages(published)["book/03-chain-coordination"]
    assert (
        "https://mybinder.org/v2/gh/example/chengyu-book/main"
        "?urlpath=lab/tree/book/03-chain-coordination.md"
    ) in chapter
    assert f'href="{REPOSITORY}"' in chapter


def test_the_binder_environment_is_the_lock(published):
    binder = ROOT / "binder"
    assert (binder / "requirements.txt").read_text(encoding="utf-8").split() == [
        "-r",
        "../requirements.txt",
    ]
    python = re.search(r"python-version (\d+\.\d+)", (ROOT / "Makefile").read_text())
    assert (binder / "runtime.txt").read_text().strip() == f"python-{python.group(1)}"
    post_build = binder / "postBuild"
    assert post_build.stat().st_mode & 0o111, "postBuild must be executable"
    assert "pip install --no-deps -e ." in post_build.read_text()


# --- the PDF edition -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(published) -> Path:
    return published / "_build" / "pdf" / PDF


def test_the_pdf_embeds_a_cjk_font_and_its_text_has_the_chinese_title(pdf):
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    embedded_cjk = [
        line
        for line in fonts.splitlines()
        if re.search(r"WenQuanYi|NotoSansCJK|NotoSerifCJK", line)
        and re.search(r"\byes\b", line)
    ]
    assert embedded_cjk, fonts
    assert "成渝地区双城经济圈" in pdf_text(pdf)


def test_the_pdf_has_table_2_as_recomputed_from_the_data(pdf):
    frames = data.load_all()
    definition = study.load_study(frames)
    shares = indicators.national_share_table(
        frames["value_added"], definition.focus, definition.paper_window
    )
    printed = frames["paper_tables"][frames["paper_tables"]["table"] == "2"]
    comparison = claims.compare_with_printed(shares, printed, "share")
    shown = int(comparison["decimals"].max()) + 2  # as the chapter shows them
    text = pdf_text(pdf)
    missing = [
        f"{value:.{shown}f}"
        for value in comparison["recomputed"]
        if f"{value:.{shown}f}" not in text
    ]
    assert len(comparison) == 24 and missing == []


def test_every_page_title_is_in_the_pdf_outline_in_toc_order(published, pdf):
    from pypdf import PdfReader

    def titles(outline) -> list[str]:
        found = []
        for entry in outline:
            found += titles(entry) if isinstance(entry, list) else [entry.title]
        return found

    outline = [" ".join(t.split()) for t in titles(PdfReader(pdf).outline)]
    wanted = [page_title(text) for text in html_pages(published).values()]
    positions = [outline.index(" ".join(title.split())) for title in wanted]
    assert positions == sorted(positions)


def test_the_site_serves_the_pdf_and_links_it(built_book, published):
    site = published / "_build" / "html"
    assert (site / PDF).read_bytes() == (
        published / "_build" / "pdf" / PDF
    ).read_bytes()
    cite = html_pages(published)["book/how-to-cite"]
    assert f'<a href="../{PDF}" download>' in cite
    chapter = html_pages(published)["book/01-context"]
    assert f'href="../{PDF}" download>the whole book as one PDF' in chapter
    menu = chapter.split('class="dropdown dropdown-download-buttons"')[1].split(
        "</ul>"
    )[0]
    assert f'href="../{PDF}"' in menu and "Book (.pdf)" in menu
    unprinted = html_pages(built_book)
    assert "this build has none" in unprinted["book/how-to-cite"]
    assert not any(PDF in text for text in unprinted.values())


# --- one version ---------------------------------------------------------------------------


def test_the_version_and_release_date_agree_everywhere_they_are_cited(published, pdf):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == cff["version"]
    line = citation.version_text(citation.load(ROOT))
    assert line == f"Version {cff['version']}, released {cff['date-released']}."
    assert line in html_pages(published)["book/how-to-cite"]
    assert line in " ".join(pdf_text(pdf, 1).split())  # the title page


def test_make_pdf_prints_the_chinese_edition_too_with_its_fonts_and_chinese_pages(
    published,
):
    pdf = published / "_build" / "pdf" / "chengyu-book-zh.pdf"
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"(WenQuanYi|NotoSansCJK).*\byes\b", fonts), fonts
    title_page = pdf_text(pdf, 1)
    assert "成渝地区双城经济圈产业协同：可执行研究读本" in title_page
    assert "引用本书" in title_page
    text = pdf_text(pdf)
    assert "产业结构相似系数" in text and "摘要" in text
    assert "Abstract." not in text  # the English cells are left out
    site = published / "_build" / "html" / "zh"
    assert (site / "chengyu-book-zh.pdf").read_bytes() == pdf.read_bytes()
    how_to_cite = (site / "book" / "how-to-cite.html").read_text(encoding="utf-8")
    assert 'href="../chengyu-book-zh.pdf" download' in how_to_cite

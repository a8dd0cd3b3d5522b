"""Publication: the same bytes from the same sources, a PDF edition, an address only when one is
given, launch buttons only with a repository, and one version everywhere it is cited.

A second copy of the repository, in a folder of another name and depth, is built cold and
compared with the shared build byte for byte; it is then published as a fork's workflow would
(`BOOK_URL=… BOOK_REPOSITORY=… make pdf`), and the published site and the PDF are checked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from bookbuild import citation
from chengyu import claims, data, indicators, study
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


@pytest.fixture(scope="module")
def published(second_book) -> Path:
    """The second copy published: with an address and a repository, and its PDF printed."""
    done = make_book(second_book, "pdf", BOOK_URL=BOOK_URL, BOOK_REPOSITORY=REPOSITORY)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
    return second_book


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


def test_book_url_gives_a_sitemap_robots_txt_and_full_text_urls(published):
    site = published / "_build" / "html"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"<loc>(.*?)</loc>", sitemap)) == sorted(
        f"{BOOK_URL}{page}.html" for page in toc_pages()
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

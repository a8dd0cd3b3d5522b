"""The whole book, built as `make book` builds it, in a private copy of the repository.

The cold build is checked as it is; a second copy of it (cache included) is then edited the
ways an author edits it: the citation and a stylesheet, built twice at once (the pages must
follow, nothing be executed, the second build wait for the first), a broken data file, a bad
study definition, a failing cell and a broken link (the build must fail and say why). A data
edit, which executes every chapter again, is built with the worked example of
``tests/test_extend.py``.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bookbuild import editions
from bookbuild.execute import INLINE
from bookbuild.inline import literal
from bookbuild.sphinxext import PYTHON_REPR
from conftest import (
    COPY_IGNORE,
    ROOT,
    chengdu_gdp,
    english_only,
    executable_pages,
    make_book,
    pasted_values,
    replace_in,
    toc_pages,
)

pytestmark = pytest.mark.build


class ExternalResources(HTMLParser):
    """Collects every URL a page would *load* (not links a reader may follow) that is not local."""

    LOADING = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
        "embed": "src",
        "object": "data",
    }

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        urls = []
        if tag in self.LOADING:
            urls.append(attrs.get(self.LOADING[tag]))
        if tag == "link" and set((attrs.get("rel") or "").split()) & {
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
            "prefetch",
            "preconnect",
            "dns-prefetch",
            "manifest",
        }:
            urls.append(attrs.get("href"))
        urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs.get("style") or "")
        self.found += [u for u in urls if u and re.match(r"^(https?:)?//", u.strip())]


def external_urls_in_css(css: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(
        r"@import\s+['\"]([^'\"]+)", css
    )
    return [u for u in urls if re.match(r"^(https?:)?//", u.strip())]


@pytest.fixture(scope="module")
def repo(built_book) -> Path:
    return built_book


@pytest.fixture(scope="module")
def edited(built_book, tmp_path_factory) -> Path:
    """A copy of the built book, build directory and execution cache included, to edit."""
    copy = tmp_path_factory.mktemp("edited") / "repo"
    shutil.copytree(built_book, copy, symlinks=True)
    # rendering edits re-render every page: in the English edition alone, to save the time
    english_only(copy)
    return copy


def test_every_page_in_the_toc_is_built(repo):
    for page in toc_pages(repo):
        assert (repo / "_build" / "html" / f"{page}.html").is_file(), page


def test_each_page_loads_the_chart_and_formula_scripts_only_if_it_uses_them(repo):
    loads = {}
    for page in toc_pages(repo):
        text = (repo / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")
        has = ('class="chengyu-chart"' in text, 'class="math' in text)
        loads[page] = (has, ("vega-bundle.js" in text, "mathjax/tex-chtml.js" in text))
    assert all(has == loaded for has, loaded in loads.values()), loads
    # the introduction has neither; chapter 2 has both (its charts and its formulas)
    assert loads["book/index"][1] == (False, False)
    assert loads["book/02-structure"][1] == (True, True)


def test_search_scripts_and_index_load_only_on_the_search_page(repo):
    html_dir = repo / "_build" / "html"
    search = ("searchindex.js", "searchtools.js", "language_data.js")
    for page in toc_pages(repo):
        text = (html_dir / f"{page}.html").read_text(encoding="utf-8")
        assert [name for name in search if name in text] == [], page
    text = (html_dir / "search.html").read_text(encoding="utf-8")
    assert all(f'src="{name}"' in text or f"_static/{name}" in text for name in search)


def test_no_page_loads_sphinx_design_or_thebe_assets_it_does_not_use(repo):
    for page in toc_pages(repo):
        text = (repo / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")
        assert 'class="sd-' not in text  # no page uses sphinx-design today
        assert "sphinx-design.min.css" not in text and "design-tabs.js" not in text, (
            page
        )
        assert "thebe" not in text, page  # its scripts, its style, its configuration


def test_the_icon_script_holds_only_the_icons_the_pages_and_scripts_name(repo):
    script = repo / "_build" / "html" / "_static" / "scripts" / "fontawesome.js"
    text = script.read_text(encoding="utf-8")
    assert script.stat().st_size < 20_000  # the theme's bundle: 1.45 MB
    for icon in ("fas magnifying-glass", "fas download", "fas file-pdf", "fas sun"):
        assert f'"{icon}": [' in text
    # the banners' close button, which the theme's script makes
    assert '"fas xmark": [' in text
    assert '"fab github"' not in text  # no repository button without BOOK_REPOSITORY


def test_static_charts_are_files_beside_the_page_and_load_when_seen(repo):
    html_dir = repo / "_build" / "html" / "book"
    text = (html_dir / "02-structure.html").read_text(encoding="utf-8")
    images = re.findall(
        r'<img src="(02-structure-[a-z0-9-]+\.svg)" alt="" loading="lazy"', text
    )
    assert len(images) == text.count('<figure class="chengyu-chart"') == 6
    for image in images:
        assert (html_dir / image).read_text(encoding="utf-8").startswith("<svg")
    assert "<svg" not in text.split('class="chengyu-chart-static"')[1][:200]


def test_no_built_page_loads_anything_from_another_host(repo):
    html_dir = repo / "_build" / "html"
    problems = []
    for page in html_dir.rglob("*.html"):
        parser = ExternalResources()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(html_dir)}: {url}" for url in parser.found]
    for sheet in html_dir.rglob("*.css"):
        problems += [
            f"{sheet.relative_to(html_dir)}: {url}"
            for url in external_urls_in_css(
                sheet.read_text(encoding="utf-8", errors="replace")
            )
        ]
    assert problems == []


def test_the_scanner_catches_an_external_script_stylesheet_image_and_font():
    parser = ExternalResources()
    parser.feed(
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//cdn.example/s.css">'
        '<img src="http://img.example/a.png"><a href="https://example.org/">a link is fine</a>'
    )
    assert parser.found == [
        "https://cdn.example/x.js",
        "//cdn.example/s.css",
        "http://img.example/a.png",
    ]
    assert external_urls_in_css(
        "@font-face { src: url('https://fonts.example/f.woff2') }"
    ) == ["https://fonts.example/f.woff2"]


def test_charts_are_served_from_the_book_itself(repo):
    static = repo / "_build" / "html" / "_static"
    bundle = (static / "vega-bundle.js").read_text(encoding="utf-8")
    assert bundle.startswith("(function () {") and "window.vegaEmbed=" in bundle
    assert (static / "chengyu-charts.js").is_file()
    assert (static / "mathjax" / "tex-chtml.js").is_file()
    context = (repo / "_build" / "html" / "book" / "01-context.html").read_text(
        encoding="utf-8"
    )
    assert context.count('<figure class="chengyu-chart"') == 4
    assert "_static/vega-bundle.js" in context


def test_no_page_shows_a_python_repr(repo):
    html_dir = repo / "_build" / "html"
    shown = {
        page.relative_to(html_dir).as_posix(): PYTHON_REPR.findall(
            html.unescape(page.read_text(encoding="utf-8"))
        )
        for page in html_dir.rglob("*.html")
    }
    assert {page: found for page, found in shown.items() if found} == {}


def test_context_chapter_shows_numbers_computed_from_the_data(repo):
    context = (repo / "_build" / "html" / "book" / "01-context.html").read_text(
        encoding="utf-8"
    )
    assert f"{chengdu_gdp(repo, 2022):,.2f}" in context  # the profile table
    assert "nan" not in re.sub(r"<[^>]+>", " ", context).split()


def test_after_the_parallel_pre_execution_sphinx_executes_nothing(repo):
    log = (repo / "_build" / "make-book.log").read_text(encoding="utf-8")
    assert "Using cached notebook" in log
    assert "Executing notebook" not in log


@pytest.mark.parametrize("page", executable_pages())
def test_each_inline_value_on_the_page_is_what_the_kernel_gives_at_its_paragraph(
    repo, page
):
    """The build stepped through the chapter as a reader in JupyterLab does and kept, for each
    {eval} expression in reading order, the kernel's value at its paragraph and the page's text
    (bookbuild/execute.py): one to one with the inline values of each edition's page (the
    English cells' on the English page, the Chinese cells' on the Chinese one), and equal."""
    html = repo / "_build" / "html"
    notebook = json.loads((html / f"{page}.ipynb").read_text(encoding="utf-8"))
    prose = notebook["metadata"]["chengyu"]["prose"]
    source = (repo / f"{page}.md").read_text(encoding="utf-8")
    assert [entry["expression"] for entry in prose] == INLINE.findall(source)
    languages = [
        cell.lang
        for cell in editions.cells(source)
        for _ in INLINE.findall(cell.text)
        if cell.kind == "markdown"
    ]
    assert len(languages) == len(prose)
    for edition, folder in (("en", html), ("zh", html / "zh")):
        shown = [
            e
            for e, lang in zip(prose, languages, strict=True)
            if lang in (None, edition)
        ]
        assert [entry["page"] for entry in shown] == pasted_values(
            folder / f"{page}.html"
        )
    assert [str(literal(entry["value"])) for entry in prose] == [
        entry["page"] for entry in prose
    ]


def test_a_second_make_book_with_nothing_changed_starts_nothing(repo):
    log = (repo / "_build" / "make-book-again.log").read_text(encoding="utf-8")
    assert "bookbuild: nothing changed since the last build" in log
    assert "Running Sphinx" not in log and "Executing" not in log


def test_the_cold_build_says_where_its_time_went(repo):
    log = (repo / "_build" / "make-book.log").read_text(encoding="utf-8")
    line = re.search(r"^bookbuild: built in ([\d.]+) s \((.*)\)$", log, re.M)
    stages = dict(part.rsplit(" ", 1) for part in line[2].split(", "))
    assert list(stages) == [
        "check data",
        "execute",
        "sphinx start",
        "sphinx read",
        "sphinx write",
        "post-build",
    ]
    # each figure printed to a tenth: their sum may differ from the total by half a tenth each
    assert sum(map(float, stages.values())) == pytest.approx(
        float(line[1]), abs=0.05 * (len(stages) + 1)
    )


CITATION_BUMP = (
    "version: 0.1.0\ndate-released: 2026-11-26",
    "version: 9.9.9\ndate-released: 2031-02-03",
)
STYLESHEET_EDIT = ("/* Charts:", "/* an edit */ /* Charts:")


@pytest.fixture(scope="module")
def rendering_edits(edited) -> list[subprocess.CompletedProcess]:
    """A citation bump and a stylesheet edit (rendering inputs), then two `make book` started
    at once in the same checkout, as an impatient author would; the edits are then undone."""
    replace_in(edited / "CITATION.cff", *CITATION_BUMP)
    replace_in(edited / "bookbuild" / "static" / "chengyu.css", *STYLESHEET_EDIT)
    try:
        with ThreadPoolExecutor(2) as pool:
            builds = list(pool.map(lambda _: make_book(edited), range(2)))
    finally:
        replace_in(edited / "CITATION.cff", *reversed(CITATION_BUMP))
        replace_in(
            edited / "bookbuild" / "static" / "chengyu.css", *reversed(STYLESHEET_EDIT)
        )
    for done in builds:
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return builds


def test_a_citation_bump_shows_on_the_how_to_cite_page_and_in_every_pages_metadata(
    edited, rendering_edits
):
    html = edited / "_build" / "html"
    assert "(version 9.9.9)" in (html / "book" / "how-to-cite.html").read_text(
        encoding="utf-8"
    )
    for page in toc_pages(edited):
        assert '<meta name="citation_publication_date" content="2031/02/03" />' in (
            html / f"{page}.html"
        ).read_text(encoding="utf-8"), page


def test_a_stylesheet_edit_reaches_the_site(edited, rendering_edits):
    assert "/* an edit */" in (
        edited / "_build" / "html" / "_static" / "chengyu.css"
    ).read_text(encoding="utf-8")


def test_rendering_edits_execute_no_notebook(rendering_edits):
    for done in rendering_edits:
        assert "Executing" not in done.stdout
        assert "cleared the execution cache" not in done.stdout


def test_two_builds_at_once_take_turns_and_the_second_finds_nothing_to_do(
    rendering_edits,
):
    outputs = sorted((done.stdout for done in rendering_edits), key=len)
    waited, built = outputs
    assert "waiting for it to finish" in waited
    assert "bookbuild: nothing changed since the last build" in waited
    assert "every page is rendered again" in built and "bookbuild: built in" in built


# --- What goes wrong, in a small book ----------------------------------------------------
# The machinery that stops a build is the same for one chapter as for six: these scenarios
# run on the book cut down to its data page (one notebook) and the page it links to.

SMALL_TOC = """format: jb-book
root: book/data
parts:
  - caption: Appendices
    chapters:
      - file: book/extend
"""


@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("small") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    (copy / "_toc.yml").write_text(SMALL_TOC, encoding="utf-8")
    # how a build fails is the same in both editions: the English one alone, built faster
    english_only(copy)
    done = make_book(copy)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return copy


def build_with_edit(repo: Path, path: str, old: str, new: str):
    """Make one edit, build, undo the edit; return the build (a CompletedProcess)."""
    replace_in(repo / path, old, new)
    try:
        return make_book(repo)
    finally:
        replace_in(repo / path, new, old)


def build_output_after_breaking_edit(
    repo: Path, path: str, old: str, new: str
) -> tuple[int, str]:
    """Make one edit, build, undo the edit; return the build's exit code and output."""
    done = build_with_edit(repo, path, old, new)
    return done.returncode, done.stdout + done.stderr


def test_a_bad_data_edit_fails_the_build_with_file_row_and_field(small_book):
    code, output = build_output_after_breaking_edit(
        small_book,
        "data/value_added.csv",
        "china,2015,primary,60863,",
        "china,2015,primary,6O863,",
    )
    assert code != 0
    assert "value_added.csv:2: value: '6O863' is not a number" in output
    assert "Traceback" not in output  # stopped before any notebook ran


def test_a_bad_study_definition_fails_the_build_before_anything_runs(small_book):
    code, output = build_output_after_breaking_edit(
        small_book, "data/study.yml", "comparators: []", "comparators: [beijng]"
    )
    assert code != 0
    assert "study.yml: comparators: 'beijng' is not a region in regions.csv" in output
    assert "Running Sphinx" not in output and "Traceback" not in output


def test_a_failing_cell_fails_the_build_with_its_traceback(small_book):
    code, output = build_output_after_breaking_edit(
        small_book,
        "book/data.md",
        "frames = data.load_all()\n",
        "frames = data.load_all()\n1 / 0\n",
    )
    assert code != 0
    assert "data.md: a cell failed" in output
    assert "ZeroDivisionError" in output and "1 / 0" in output
    assert "Running Sphinx" not in output  # stopped before Sphinx


def test_a_sphinx_warning_fails_the_build(small_book):
    # a link to a page that does not exist is only a warning in Sphinx; here it must stop the build
    code, output = build_output_after_breaking_edit(
        small_book, "book/data.md", "{doc}`extend`", "{doc}`no-such-page`"
    )
    assert code != 0
    assert "unknown document" in output


@pytest.fixture(scope="module")
def data_edit_from_a_broken_cache(small_book) -> subprocess.CompletedProcess:
    """The national GDP of 2018, which the data page quotes, edited; and the execution cache
    broken as a crash or a full disk leaves it. Then `make book`."""
    (small_book / "_build" / ".jupyter_cache" / "global.db").write_bytes(
        b"\0not a database" * 64
    )
    done = build_with_edit(small_book, "data/indicators.csv", *GDP_2018_EDIT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done


# within the rounding the split allows: 64734 + 366001 + 469575 = 900310 (chengyu check refuses
# a GDP further from its split)
GDP_2018_EDIT = ("gdp,china,2018,900309,", "gdp,china,2018,900310,")


def test_editing_a_data_value_changes_the_numbers_that_depend_on_it(
    small_book, data_edit_from_a_broken_cache
):
    assert "cleared the execution cache" in data_edit_from_a_broken_cache.stdout
    page = (small_book / "_build" / "html" / "book" / "data.html").read_text("utf-8")
    assert "900,310" in page and "900,309" not in page


def test_an_unreadable_execution_cache_is_discarded_in_one_line_and_the_book_builds(
    data_edit_from_a_broken_cache,
):
    done = data_edit_from_a_broken_cache
    said = [line for line in done.stdout.splitlines() if "could not be read" in line]
    assert len(said) == 1 and "file is not a database" in said[0]
    assert "discarded it, every notebook is executed again" in said[0]
    assert "Traceback" not in done.stdout + done.stderr


def test_a_chapter_edit_shows_on_its_page(small_book):
    done = build_with_edit(small_book, "book/data.md", *HEADING_EDIT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    page = (small_book / "_build" / "html" / "book" / "data.html").read_text("utf-8")
    assert "Data sources, vintages and an edit" in page


HEADING_EDIT = ("# Data sources and vintages", "# Data sources, vintages and an edit")

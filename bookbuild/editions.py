"""Two editions of the book, English and Chinese (中文版), from one source, executed once.

Every page holds both languages. A prose cell is a pair, English then Chinese, each introduced
by a jupytext cell marker with the cell's language as metadata::

    +++ {"lang": "en"}

    English prose, quoting {eval}`name`.

    +++ {"lang": "zh"}

    中文，引用同一个值 {eval}`name`。

A notebook (jupytext MyST) reads these as two markdown cells, so JupyterLab shows both, each
marked in its metadata. Plain pages use the same markers. A cell without ``lang`` belongs to
both editions and holds no prose (a target, a directive without text).

Sphinx builds each edition in its own run (:func:`sphinx_overrides`): English into the site's
root, Chinese into ``zh/``, with ``language`` and a tag (``en`` or ``zh``) set, so that
``{only}`` works too. On ``source-read`` (:func:`keep`) the other language's cells are blanked
out, line for line, so that Sphinx's line numbers stay those of the file. Code cells are never
touched: both runs find the same notebooks in jupyter-cache, and each notebook is executed once
per build, not once per edition.

Outputs that show words (charts, tables) carry both languages (``chengyu.editions`` in the
package); :func:`keep_output` keeps the page's own.

:func:`drift` names every English cell without its Chinese counterpart and the other way round,
and a pair whose cells quote different values, cite different works or link different pages:
the build stops on it, so the editions cannot drift apart. A fork that wants one language sets
``chengyu_editions: [en]`` under ``sphinx: config:`` in ``_config.yml``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

#: the editions, in the order they are built; the first one is the site's root
EDITIONS = ("en", "zh")
#: the language a page declares (``<html lang>``, ``hreflang``), by edition
HTML_LANG = {"en": "en", "zh": "zh-CN"}
#: Sphinx's ``language`` setting, by edition (the theme's own words, the search's stemmer)
SPHINX_LANGUAGE = {"en": "en", "zh": "zh_CN"}
#: where an edition sits inside the site
FOLDER = {"en": "", "zh": "zh"}
#: the name of the switch to an edition, in that edition's language
NAMES = {"en": "English", "zh": "中文"}

_MARKER = re.compile(r"^\+\+\+(?:[ \t]+(?P<meta>\{.*\}))?[ \t]*$")
_CODE = re.compile(r"^(?P<fence>`{3,})\{code-cell\}")
_EVAL = re.compile(r"\{eval\}`(?P<expr>[^`]+)`")
_GLUE = re.compile(r"\{glue(?::\w+)?\}`(?P<key>[^`]+)`")
_CITE = re.compile(r"\{cite(?::\w+)?\}`(?P<keys>[^`]+)`")
_LINK = re.compile(r"\{(?:doc|ref|numref)\}`(?:[^`<]*<)?(?P<target>[^`>]+)>?`")
_ZH = re.compile(r"(?<=\w)_zh\b")


@dataclass(frozen=True)
class Cell:
    kind: str  # "header", "markdown" or "code"
    lang: str | None  # "en", "zh" or None (both editions)
    start: int  # first line (0-based), the marker line if there is one
    end: int  # one past the last line
    text: str


def cells(text: str) -> list[Cell]:
    """The page's cells as jupytext reads MyST: front matter, code cells, and markdown cells
    separated by ``+++`` markers or code cells. ValueError on a marker whose metadata is not a
    JSON object."""
    lines = text.split("\n")
    found: list[Cell] = []
    i = 0
    if lines and lines[0].strip() == "---":
        close = next(
            (j for j in range(1, len(lines)) if lines[j].strip() == "---"), None
        )
        if close is not None:
            found.append(
                Cell("header", None, 0, close + 1, "\n".join(lines[: close + 1]))
            )
            i = close + 1
    start, lang = i, None
    while i < len(lines):
        marker, code = _MARKER.match(lines[i]), _CODE.match(lines[i])
        if marker or code:
            if i > start:
                _markdown(found, lang, start, i, lines)
            if marker:
                meta = json.loads(marker["meta"]) if marker["meta"] else {}
                if not isinstance(meta, dict):
                    raise ValueError(
                        f"line {i + 1}: cell metadata must be a JSON object"
                    )
                start, lang, i = i, meta.get("lang"), i + 1
                continue
            fence = code["fence"]
            close = next(
                (j for j in range(i + 1, len(lines)) if lines[j].rstrip() == fence),
                len(lines) - 1,
            )
            found.append(
                Cell("code", None, i, close + 1, "\n".join(lines[i : close + 1]))
            )
            i = start = close + 1
            lang = None
            continue
        i += 1
    if len(lines) > start:
        _markdown(found, lang, start, len(lines), lines)
    return found


def _markdown(found: list[Cell], lang, start: int, end: int, lines: list[str]) -> None:
    """Add the markdown cell ``lines[start:end]``, unless it is white space between cells."""
    text = "\n".join(lines[start:end])
    if lang is not None or (text.strip() and not _MARKER.match(text.strip())):
        found.append(Cell("markdown", lang, start, end, text))


def keep(text: str, edition: str) -> str:
    """The page as ``edition`` shows it: the other language's cells blanked, line for line."""
    lines = text.split("\n")
    for cell in cells(text):
        if cell.kind == "markdown" and cell.lang not in (None, edition):
            lines[cell.start : cell.end] = [""] * (cell.end - cell.start)
    return "\n".join(lines)


def _prose(cell: Cell) -> str:
    """What a reader reads of a cell: its text without markers, fences, targets, comments and
    directive options."""
    kept = []
    for line in cell.text.split("\n"):
        bare = line.strip()
        if (
            _MARKER.match(line)
            or bare.startswith(("```", ":::", "%", ":"))
            or re.fullmatch(r"\([\w.-]+\)=", bare)
        ):
            continue
        kept.append(bare)
    return " ".join(kept).strip()


def quoted(text: str) -> dict[str, set[str]]:
    """What a cell quotes that its counterpart must quote too: values (``{eval}`` expressions,
    a Chinese text value ``x_zh`` counting as its English ``x``), glued values of other pages,
    citations and links."""
    return {
        "values": {_ZH.sub("", m["expr"]) for m in _EVAL.finditer(text)},
        "glued values": {m["key"] for m in _GLUE.finditer(text)},
        "citations": {
            key.strip() for m in _CITE.finditer(text) for key in m["keys"].split(",")
        },
        "links": {m["target"].strip() for m in _LINK.finditer(text)},
    }


def drift(text: str, page: str) -> list[str]:
    """Every way the two editions of ``page`` differ, one line each (none: they agree)."""
    problems = []
    found = [cell for cell in cells(text) if cell.kind == "markdown"]
    for index, cell in enumerate(found):
        where = f"{page}:{cell.start + 1}"
        before = found[index - 1] if index else None
        after = found[index + 1] if index + 1 < len(found) else None
        if cell.lang not in (None, *EDITIONS):
            problems.append(f"{where}: unknown language {cell.lang!r}; use en or zh")
        elif cell.lang is None and _prose(cell):
            problems.append(
                f'{where}: prose in no language: mark it +++ {{"lang": "en"}} and give it'
                " its Chinese counterpart"
            )
        elif cell.lang == "en" and not (after and after.lang == "zh"):
            problems.append(
                f"{where}: English cell without a Chinese counterpart after it"
            )
        elif cell.lang == "zh" and not (before and before.lang == "en"):
            problems.append(
                f"{where}: Chinese cell without an English counterpart before it"
            )
        elif cell.lang == "zh":
            english, chinese = quoted(before.text), quoted(cell.text)
            for what in english:
                missing = sorted(english[what] - chinese[what])
                extra = sorted(chinese[what] - english[what])
                if missing:
                    problems.append(f"{where}: the Chinese cell lacks {what} {missing}")
                if extra:
                    problems.append(
                        f"{where}: the Chinese cell has {what} its English one lacks {extra}"
                    )
    return problems


def edition_of(language: str | None) -> str:
    """The edition a Sphinx ``language`` setting builds."""
    return "zh" if (language or "").startswith("zh") else "en"


def counterpart_path(pagename: str, edition: str, other: str) -> str:
    """The relative link from ``pagename`` in ``edition`` to the same page in ``other``."""
    up = "../" * pagename.count("/") + ("../" if FOLDER[edition] else "")
    folder = f"{FOLDER[other]}/" if FOLDER[other] else ""
    return f"{up}{folder}{pagename}.html"


_OUTPUT = re.compile(
    r"<!--chengyu-edition:(?P<lang>\w+)-->(?P<body>.*?)<!--/chengyu-edition:(?P=lang)-->",
    re.S,
)
_HIDDEN = re.compile(r'(<div class="chengyu-edition" lang="[\w-]+") hidden>')


def keep_output(body: str, edition: str) -> str:
    """A page's HTML with only ``edition``'s version of each output that has two, shown."""

    def one(match: re.Match) -> str:
        if match["lang"] != edition:
            return ""
        return _HIDDEN.sub(r"\1>", match["body"], count=1)

    return _OUTPUT.sub(one, body)


def toc_for(edition: str, toc: Path, captions: dict[str, str], target: Path) -> Path:
    """``_toc.yml`` with its part captions in ``edition``'s language, written to ``target``."""
    import yaml

    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    for part in data.get("parts", []):
        caption = part.get("caption")
        if caption is not None:
            if caption not in captions:
                raise KeyError(f"{toc.name}: no {edition} caption for part {caption!r}")
            part["caption"] = captions[caption]
    target.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )
    return target


# --- Sphinx: one edition per run ------------------------------------------------------------


def _configure(app, config) -> None:
    edition = edition_of(config.language)
    if edition not in config.chengyu_editions:
        raise ValueError(
            f"language {config.language!r} builds the {edition} edition, which"
            f" chengyu_editions ({config.chengyu_editions}) leaves out"
        )
    if len(config.chengyu_editions) > 1:
        options = config.html_theme_options
        options["article_header_end"] = [
            "language-switch.html",
            "article-header-buttons.html",
        ]
    if edition == "en":
        return
    words = config.chengyu_translations[edition]
    config.html_title = config.project = words["title"]
    # MyST-NB's line that unfolds a code cell ("Show code cell source")
    config.nb_code_prompt_show = words["code_prompt_show"]
    config.nb_code_prompt_hide = words["code_prompt_hide"]
    config.html_theme_options.update(
        search_bar_text=words["search_bar_text"], extra_footer=words["footer"]
    )
    if config.html_baseurl:
        config.html_baseurl = config.html_baseurl + FOLDER[edition] + "/"


def _source(app, docname: str, source: list[str]) -> None:
    edition = edition_of(app.config.language)
    editions = app.config.chengyu_editions
    if len(editions) > 1 and edition == editions[0]:
        from sphinx.util import logging

        for problem in drift(source[0], app.env.doc2path(docname, False)):
            logging.getLogger(__name__).warning(
                f"the editions drift apart: {problem}",
                type="chengyu",
                subtype="editions",
            )
    source[0] = keep(source[0], edition)


def _page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    edition = edition_of(app.config.language)
    context["body"] = keep_output(context.get("body", ""), edition)
    context["chengyu_edition"] = edition
    others = [e for e in app.config.chengyu_editions if e != edition]
    if app.builder.name != "html" or not others or doctree is None:
        context["chengyu_switch"] = None
        return
    other = others[0]
    context["chengyu_switch"] = {
        "href": counterpart_path(pagename, edition, other),
        "hreflang": HTML_LANG[other],
        "name": NAMES[other],
    }
    from bookbuild.sphinxext import book_url

    url = book_url()
    links = []
    for each in app.config.chengyu_editions:
        if url:
            folder = f"{FOLDER[each]}/" if FOLDER[each] else ""
            href = f"{url}{folder}{pagename}.html"
        else:
            href = (
                f"{pagename.rsplit('/', 1)[-1]}.html"
                if each == edition
                else counterpart_path(pagename, edition, each)
            )
        links.append(
            f'<link rel="alternate" hreflang="{HTML_LANG[each]}" href="{href}">'
        )
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links) + "\n"


_LOC = re.compile(r"<loc>(.*?)</loc>")


def sitemap(site: Path, url: str, built: list[str]) -> str:
    """The site's ``sitemap.xml``: every page of every edition, each naming the same page in
    the other editions (``xhtml:link rel="alternate" hreflang``). The pages are those of the
    first edition's sitemap (sphinx-sitemap's, at the site's root)."""
    pages = [
        loc[len(url) :]
        for loc in _LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8"))
    ]

    def address(edition: str, page: str) -> str:
        return f"{url}{FOLDER[edition] + '/' if FOLDER[edition] else ''}{page}"

    entries = []
    for page in pages:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{HTML_LANG[e]}" href="{address(e, page)}"/>'
            for e in built
        )
        entries += [
            f"<url><loc>{address(e, page)}</loc>{alternates}</url>" for e in built
        ]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def publish(build_dir: Path, builder: str, built: list[str]) -> None:
    """After every edition is built: each edition after the first goes into its folder of the
    site (``_build/html/zh``), and, when the site has an address, one sitemap at its root
    names every page in both editions."""
    import shutil

    from bookbuild.sphinxext import book_url

    site = build_dir / builder
    for edition in built:
        if FOLDER[edition]:
            target = site / FOLDER[edition]
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(build_dir / FOLDER[edition] / builder, target)
            (target / "sitemap.xml").unlink(missing_ok=True)
    url = book_url()
    if builder == "html" and url and len(built) > 1:
        (site / "sitemap.xml").write_text(sitemap(site, url, built), encoding="utf-8")


def setup(app) -> dict:
    app.add_config_value("chengyu_editions", list(EDITIONS), "html")
    app.add_config_value("chengyu_translations", {}, "html")
    app.connect(
        "config-inited", _configure, priority=600
    )  # after the site's address is set
    app.connect("source-read", _source)
    app.connect(
        "html-page-context", _page, priority=400
    )  # before the chart files are written
    return {"parallel_read_safe": True, "parallel_write_safe": True}

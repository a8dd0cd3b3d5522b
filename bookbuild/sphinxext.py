"""Sphinx extension for the Chengyu Book: offline scripts, citation metadata, downloads.

* Serves every script the pages need from ``_static``: the vega + vega-lite + vega-embed bundle
  (from vl-convert, so its versions match the ones the static SVGs were drawn with), wrapped in
  a function scope because the raw bundle declares top-level names that collide with Sphinx's
  own scripts; ``chengyu-charts.js`` and ``chengyu.css`` (``bookbuild/static``); and MathJax 3
  from the ``django-static-mathjax`` package in place of Sphinx's default CDN address.
* Drops sphinx-thebe's scripts, which Jupyter Book loads unasked: they would fetch thebe from a
  CDN on demand, and they are included twice, which is a JavaScript error on every page.
* Gives each page Highwire Press citation tags from ``CITATION.cff`` (:mod:`bookbuild.citation`),
  and provides the ``chengyu-citation`` directive that the how-to-cite page renders them with.
* Offers each executed notebook for download beside its page, and writes each chart's data
  and static SVG, which a notebook carries inline, to files named after the chart.
* Stops the build on a page that shows a Python repr (``<… object>``) in place of an output.
* Makes the same sources give the same bytes: pandas' random table ids and jupytext's random
  cell ids become numbers in page order, memory addresses are dropped from text output.
* Leaves Sphinx's search scripts and index to the search page (``templates/layout.html``).
* Replaces the theme's Font Awesome bundle (1.45 MB on every page) by the icons the pages
  show (:mod:`bookbuild.icons`).
* Publication: ``BOOK_URL`` and ``BOOK_REPOSITORY`` from the environment (address, sitemap,
  robots.txt, launch buttons; nothing when unset), the PDF edition served and linked when
  ``make pdf`` has printed it, and the PDF's title and contents pages in the single-page build.

Generated files go to ``share/chengyu-book/static`` in the Python environment (the venv) and are
reused while the versions that made them are unchanged, so a build costs nothing here.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
from contextlib import suppress
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urljoin

import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from bookbuild import citation, editions, icons
from bookbuild.prebuild import toc_parts

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
VEGA_BUNDLE = "vega-bundle.js"
PDF_NAME = "chengyu-book.pdf"  # the PDF edition (``make pdf``), served beside the site
PDF_PLACEHOLDER = "CHENGYU-PDF-LINK"
MATHJAX_FILES = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")


def _vega_bundle(target: Path, stamp: Path) -> None:
    version = metadata.version("vl-convert-python")
    if target.is_file() and stamp.is_file() and stamp.read_text() == version:
        return
    import vl_convert

    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_text(
        "(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n",
        encoding="utf-8",
    )
    partial.replace(target)
    stamp.write_text(version)


def _mathjax(target: Path, stamp: Path) -> None:
    import mathjax  # the django-static-mathjax distribution: static files only

    version = metadata.version("django-static-mathjax")
    if target.is_dir() and stamp.is_file() and stamp.read_text() == version:
        return
    origin = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    for name in MATHJAX_FILES:
        source, dest = origin / name, partial / name
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    stamp.write_text(version)


def _prepare_static(app: Sphinx) -> None:
    # Made from installed packages alone, so made once per environment, beside it (a cold
    # build, with no build directory, reuses them): the vega bundle takes 1.8 s to make.
    work = Path(sys.prefix) / "share" / "chengyu-book"
    # copied to _static as it is; the version stamps stay beside it
    generated = work / "static"
    generated.mkdir(parents=True, exist_ok=True)
    _vega_bundle(generated / VEGA_BUNDLE, work / "vega.version")
    _mathjax(generated / "mathjax", work / "mathjax.version")
    app.config.html_static_path.extend([str(STATIC), str(generated)])


def _drop_thebe(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    _drop_files(pagename, context, "script_files", "thebe", "THEBE_JS_URL")
    _drop_files(
        pagename, context, "css_files", "thebe"
    )  # its style, without its scripts


def _drop_files(
    pagename: str, context: dict, kind: str, *names: str, required: bool = True
) -> None:
    """Drop the page's ``kind`` (``script_files``, ``css_files``) whose file name, or inline
    text, holds one of ``names``. In place: the list is the builder's own, to which a later
    handler may add a page's file (Sphinx restores the site's list after each page).

    A ``required`` file is one that Jupyter Book or its extensions add to every page: a page
    without it means they changed, and the build stops rather than keep a patch that no longer
    finds what it should remove."""

    def holds(file) -> bool:
        text = str(getattr(file, "filename", file) or "")
        text += str(getattr(file, "attributes", {}).get("body", ""))
        return any(name in text for name in names)

    files = context.get(kind, [])
    kept = [file for file in files if not holds(file)]
    if required and len(kept) == len(files):
        raise ExtensionError(
            f"{pagename}: no file of {kind} names {' or '.join(names)}: the theme or an"
            " extension changed what it adds to a page; revisit bookbuild/sphinxext.py"
        )
    files[:] = kept


def _drop_thebe_config(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """sphinx-thebe puts its configuration (``<script type="text/x-thebe-config">``, naming a
    Binder repository of its own examples) and a ``kernelName`` script into every page, for
    the thebe scripts that :func:`_drop_thebe` removes. Both go; a page without them stops the
    build, as above."""
    added = [
        node
        for node in doctree.findall(nodes.raw)
        if "text/x-thebe-config" in node.astext() or "kernelName = " in node.astext()
    ]
    if len(added) != 2:
        raise ExtensionError(
            f"{docname}: sphinx-thebe's configuration scripts not found as expected"
            f" ({len(added)} of 2); revisit bookbuild/sphinxext.py"
        )
    for node in added:
        node.parent.remove(node)


# What Python prints for an object that has no display of its own, e.g. an empty Markdown
PYTHON_REPR = re.compile(r"<[A-Za-z_][\w.]* object(?: at 0x[0-9a-fA-F]+)?>")


def _no_python_repr(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A cell whose output is an object without a display shows its repr
    (``<IPython.core.display.Markdown object>``): stop the build, naming the page."""
    for node in doctree.findall(nodes.Text):
        found = PYTHON_REPR.search(node.astext())
        if found:
            raise ExtensionError(
                f"{docname}: a cell shows a Python repr, {found[0]!r}, not its content;"
                " display text, a table or chengyu.tables.markdown(...) instead"
            )


def _citation_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    base = app.config.html_baseurl
    edition = editions.edition_of(app.config.language)
    tags = citation.highwire_tags(
        citation.load(Path(app.confdir)),
        page_title=html.unescape(context.get("title", "")),
        is_root=pagename == app.config.root_doc,
        fulltext_url=urljoin(base.rstrip("/") + "/", f"{pagename}.html")
        if base
        else None,
        language=editions.HTML_LANG[edition],
        book_title=None if edition == "en" else app.config.html_title,
    )
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{name}" content="{html.escape(content, quote=True)}" />'
        for name, content in tags
    )


class CitationDirective(SphinxDirective):
    """``{chengyu-citation} version|book|book-bibtex|paper|paper-bibtex|pdf``: from ``CITATION.cff``.

    The plain-text forms become a paragraph, the BibTeX forms a code block. The paper's BibTeX
    entry is the book's ``references.bib`` entry ``xiang2024``. ``pdf`` is the link to the PDF
    edition, filled in when the page is written (the PDF is printed after the pages are read).
    """

    required_arguments = 1
    FORMS = {
        "version": lambda root: citation.version_text(citation.load(root)),
        "pdf": lambda root: PDF_PLACEHOLDER,
        "book": lambda root: citation.book_plain_text(citation.load(root)),
        "book-bibtex": lambda root: citation.book_bibtex(citation.load(root)),
        "paper": lambda root: citation.paper_plain_text(citation.load(root)),
        "paper-bibtex": lambda root: citation.bibtex_entry("xiang2024", root),
    }

    def run(self) -> list[nodes.Node]:
        form = self.arguments[0]
        if form not in self.FORMS:
            raise self.error(
                f"unknown citation form {form!r}; expected one of {', '.join(self.FORMS)}"
            )
        text = self.FORMS[form](Path(self.env.app.confdir))
        if form.endswith("bibtex"):
            block = nodes.literal_block(text, text, language="bibtex")
            return [block]
        if form == "pdf":
            return [nodes.raw("", f"<p>{text}</p>", format="html")]
        return [nodes.paragraph(text, text, classes=["chengyu-citation"])]


def _notebook_download(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if doctree is None or not executed.is_file():
        return
    target = Path(app.outdir) / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.read(executed, as_version=4)
    # myst-nb writes the notebook without the outputs it took from the execution cache;
    # Jupyter Book keeps the cache beside the HTML unless execute.cache names another place
    cache_path = Path(
        app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
    )
    if cache_path.is_dir():
        from jupyter_cache import get_cache

        with suppress(KeyError):
            # with what the build checked of its prose (bookbuild/execute.py)
            _, notebook = get_cache(cache_path).merge_match_into_notebook(
                notebook, nb_meta=("kernelspec", "language_info", "widgets", "chengyu")
            )
    for number, cell in enumerate(notebook.cells, start=1):
        cell["id"] = f"cell-{number}"  # jupytext draws random ids on every read
    nbformat.write(notebook, target)
    text = _steady_table_ids(target.read_text(encoding="utf-8"), pagename)
    # an object's plain-text repr carries its memory address, which differs on every run
    target.write_text(_ADDRESS.sub(">", text), encoding="utf-8")
    chinese = _edition(app) == "zh"
    words = _DOWNLOADS["zh" if chinese else "en"]
    charts = words["charts"] if 'class="chengyu-chart"' in context["body"] else ""
    pdf = (
        f'{words["sep"]}<a href="{pathto_root(pagename)}{app.config.chengyu_pdf}" download>{words["pdf"]}</a>'
        if app.builder.name == "html" and app.config.chengyu_pdf
        else ""
    )
    context["body"] += (
        f'<div class="chengyu-downloads"><p><strong>{words["title"]}</strong> '
        f'<a href="{html.escape(target.name)}" download>{words["notebook"]}</a>{charts}{pdf}{words["end"]}</p></div>'
    )


#: the downloads line under each chapter, by edition
_DOWNLOADS = {
    "en": {
        "title": "Downloads.",
        "notebook": "This page as an executed notebook (.ipynb)",
        "charts": "; the data behind each chart: the “Data (CSV)” link under it",
        "sep": "; ",
        "pdf": "the whole book as one PDF",
        "end": ".",
    },
    "zh": {
        "title": "下载：",
        "notebook": "本页的已执行notebook（.ipynb）",
        "charts": "；各图表的数据：图下的“数据（CSV）”链接",
        "sep": "；",
        "pdf": "全书PDF版",
        "end": "。",
    },
}


_ADDRESS = re.compile(r" at 0x[0-9a-f]+>")
_STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?![0-9A-Za-z])")


def _steady_table_ids(text: str, page: str) -> str:
    """pandas gives every styled table a random id (``T_63f91``); number them in page order.

    The same commit then gives the same bytes, whichever build made them.
    """
    names: dict[str, str] = {}
    slug = re.sub(r"[^0-9A-Za-z]+", "-", page).strip("-")

    def steady(match: re.Match) -> str:
        return names.setdefault(match.group(0), f"T_{slug}-{len(names) + 1}")

    return _STYLER_ID.sub(steady, text)


def _steady_ids(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    context["body"] = _steady_table_ids(context.get("body", ""), pagename)


FOLDED_CODE = re.compile(r'<details class="[^"]*\bhide\b')
FOLDED_SUMMARY = '<summary aria-label="Toggle hidden content">'


def _summary_names(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """MyST-NB names the line that unfolds a code cell "Toggle hidden content" while it shows
    "Show code cell source": an accessible name must hold the words a reader sees (WCAG 2.5.3,
    "label in name", serious in axe-core 4.14). Without the label, the name is the line's text.
    A page with folded code whose summary is written otherwise stops the build."""
    body = context.get("body", "")
    folded, labelled = len(FOLDED_CODE.findall(body)), body.count(FOLDED_SUMMARY)
    if folded != labelled:
        raise ExtensionError(
            f"{pagename}: {folded} folded code cells but {labelled} summaries labelled"
            f" {FOLDED_SUMMARY!r}: MyST-NB changed how it folds code; revisit"
            " bookbuild/sphinxext.py"
        )
    context["body"] = body.replace(FOLDED_SUMMARY, "<summary>")


def _citation_roles(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """Sphinx writes the reference list as ``role="list"`` holding ``role="doc-biblioentry"``
    entries: a list without list items to assistive technology (axe's critical
    ``aria-required-children``), in a role DPUB-ARIA 1.1 deprecates. Its entries become list
    items."""
    body = context.get("body", "")
    if 'class="citation-list"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


_FIGURE = re.compile(r'<figure class="chengyu-chart".*?</figure>', re.S)
_CSV_LINK = re.compile(
    r'download="([^"]+)\.csv" href="data:text/csv;charset=utf-8,([^"]*)"'
)
_STATIC_SVG = re.compile(
    r'<div class="chengyu-chart-static">(<svg\b.*?</svg>)</div>', re.S
)
_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def _chart_files(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """Write each chart's data (carried in the page as a data: link) to
    ``<page>-<chart name>.csv`` and, in the HTML site, its static SVG to ``<page>-<chart
    name>.svg``, shown by an image that loads only when it comes into view.

    A notebook carries both inside its output; left there, the static SVGs are two fifths of a
    chapter page (151 of 387 KB for chapter 2), though the interactive chart replaces each as
    soon as the page runs its scripts. The single-page build (the PDF's source) keeps them
    inline: a printed chart must not wait for an image."""
    page = Path(pagename)
    written: set[str] = set()
    outside = app.builder.name == "html"

    def write(name: str, text: str) -> str:
        filename = f"{page.name}-{name}"
        target = Path(app.outdir) / page.parent / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return filename

    def files(figure: re.Match) -> str:
        text = figure.group(0)
        link = _CSV_LINK.search(text)
        if link is None:
            return text
        name = link.group(1)
        if name in written:
            raise ExtensionError(
                f"{pagename}: two charts are named {name!r}; give each chart its own name"
            )
        written.add(name)
        csv = write(f"{name}.csv", unquote(html.unescape(link.group(2))))
        text = text.replace(link.group(0), f'download="{csv}" href="{csv}"')
        static = _STATIC_SVG.search(text)
        if outside and static:
            svg = write(f"{name}.svg", static.group(1))
            size = _SIZE.search(static.group(1))
            box = f' width="{size[1]}" height="{size[2]}"' if size else ""
            image = f'<img src="{svg}" alt="" loading="lazy"{box}>'
            text = text.replace(static.group(1), image)
        return text

    context["body"] = _FIGURE.sub(files, context.get("body", ""))


def _title_page(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """The single-page build (the PDF's source) opens with a title page, with the citation and
    the version from ``CITATION.cff``, and a contents page in the order of ``_toc.yml``."""
    if app.builder.name != "singlehtml" or pagename != app.config.root_doc:
        return
    cff = citation.load(Path(app.confdir))
    authors = ", ".join(citation.author_names(cff["authors"]))
    chinese = _edition(app) == "zh"
    words = _TITLE_PAGE["zh" if chinese else "en"]
    title = app.config.html_title if chinese else cff["title"]
    captions = app.config.chengyu_translations["zh"]["captions"] if chinese else {}
    contents = "".join(
        f"<p><strong>{html.escape(captions.get(caption, caption))}</strong></p><ul>"
        + "".join(
            f'<li><a href="#document-{page}">'
            f"{html.escape(app.env.titles[page].astext())}</a></li>"
            for page in pages
        )
        + "</ul>"
        for caption, pages in toc_parts(Path(app.confdir))
    )
    context["body"] = (
        '<section class="chengyu-title-page">'
        f'<p class="chengyu-title">{html.escape(title)}</p>'
        f"<p>{html.escape(authors)}</p>"
        f'<p class="chengyu-version">{html.escape(citation.version_text(cff))}</p>'
        f"<p><strong>{words['cite_book']}</strong><br>"
        + html.escape(citation.book_plain_text(cff))
        + f"</p><p><strong>{words['cite_paper']}</strong><br>"
        + html.escape(citation.paper_plain_text(cff))
        + f"</p><p>{words['licence']}</p>"
        f'</section><nav class="chengyu-contents" aria-label="{words["contents"]}">'
        f"<h2>{words['contents']}</h2>{contents}</nav>" + context.get("body", "")
    )


#: the PDF's title page, by edition
_TITLE_PAGE = {
    "en": {
        "cite_book": "Cite the book as",
        "cite_paper": "and the paper it accompanies as",
        "licence": "Text CC BY 4.0, code MIT. The paper is CC BY 4.0 by its author.",
        "contents": "Contents",
    },
    "zh": {
        "cite_book": "引用本书：",
        "cite_paper": "引用本书所伴随的论文：",
        "licence": "正文采用 CC BY 4.0 许可，代码采用 MIT 许可。论文由其作者以 CC BY 4.0 许可发布。",
        "contents": "目录",
    },
}


def _publication(app: Sphinx, config) -> None:
    """Where the book is published, from the environment; nothing is claimed when unset.

    ``BOOK_URL`` (the site's public address) fills ``html_baseurl``, from which come the
    canonical links, the citation metadata's full-text URLs, ``sitemap.xml`` and ``robots.txt``.
    ``BOOK_REPOSITORY`` (the repository's web address) turns on the repository button and the
    launch buttons (mybinder.org, which builds the environment from ``binder/``).
    ``chengyu_pdf`` names the PDF edition when ``make pdf`` has printed it.
    """
    url = book_url()
    if url:
        config.html_baseurl = url
        config.sitemap_url_scheme = (
            "{link}"  # no language or version folder in the address
        )
        config.sitemap_excludes = [
            "search.html",
            "genindex.html",
        ]  # the book's pages only
    repository = os.environ.get("BOOK_REPOSITORY", "").strip().rstrip("/")
    if repository:
        options = config.html_theme_options
        options.update(repository_url=repository, use_repository_button=True)
        options["launch_buttons"] = {
            **options.get("launch_buttons", {}),
            "binderhub_url": "https://mybinder.org",
        }
    config.chengyu_pdf = pdf_name(_edition(app)) if (_pdf_path(app)).is_file() else ""


def _templates(app: Sphinx, config) -> None:
    # relative to the book, as Sphinx records the setting in .buildinfo: the same in any folder
    config.templates_path.insert(0, os.path.relpath(TEMPLATES, app.confdir))


def book_url() -> str:
    """``BOOK_URL`` with one trailing slash, or "" when the book has no public address."""
    url = os.environ.get("BOOK_URL", "").strip()
    return url.rstrip("/") + "/" if url else ""


def pdf_name(edition: str) -> str:
    """The file name of an edition's PDF: ``chengyu-book.pdf``, ``chengyu-book-zh.pdf``."""
    return PDF_NAME if edition == "en" else PDF_NAME.replace(".pdf", f"-{edition}.pdf")


def _edition(app: Sphinx) -> str:
    return editions.edition_of(app.config.language)


def _pdf_path(app: Sphinx) -> Path:
    site = Path(app.outdir)
    if editions.FOLDER[_edition(app)]:
        site = site.parent
    return site.parent / "pdf" / pdf_name(_edition(app))


def _pdf_links(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """Links to the PDF edition in the site (not in the PDF's own source, the single page)."""
    body = context.get("body", "")
    if PDF_PLACEHOLDER not in body:
        return
    name = app.config.chengyu_pdf
    chinese = _edition(app) == "zh"
    if app.builder.name == "html" and name:
        link = f'<a href="{pathto_root(pagename)}{name}" download>{name}</a>'
        text = (
            f"全书PDF版（本版本）：{link}。"
            if chinese
            else f"The whole book as one PDF, this version: {link}."
        )
    elif chinese:
        text = "全书PDF版由 <code>make pdf</code> 生成；本次构建没有PDF版。"
    else:
        text = (
            "The whole book as one PDF is printed by <code>make pdf</code>; "
            "this build has none."
        )
    context["body"] = body.replace(PDF_PLACEHOLDER, text)


def _pdf_menu_item(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """The theme's download menu offers the PDF edition too, when there is one."""
    if app.builder.name != "html" or not app.config.chengyu_pdf:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append(
                {
                    "type": "link",
                    "url": f"{pathto_root(pagename)}{app.config.chengyu_pdf}",
                    "text": "全书 (.pdf)" if _edition(app) == "zh" else "Book (.pdf)",
                    "tooltip": "全书PDF版"
                    if _edition(app) == "zh"
                    else "The whole book as one PDF",
                    "icon": "fas fa-file-pdf",
                    "label": "download-book-pdf-button",
                }
            )


def pathto_root(pagename: str) -> str:
    """The relative path from a page to the site's root, e.g. "../" from "book/how-to-cite"."""
    return "../" * pagename.count("/")


def _publish_files(app: Sphinx, exception) -> None:
    """Beside the HTML site: the PDF edition, when there is one, and, when the site has an
    address, a robots.txt pointing to the sitemap."""
    if exception or app.builder.name != "html":
        return
    out = Path(app.outdir)
    if app.config.chengyu_pdf:
        shutil.copyfile(_pdf_path(app), out / app.config.chengyu_pdf)
    if editions.FOLDER[_edition(app)]:
        return  # one robots.txt and one sitemap, at the site's root (bookbuild/editions.py)
    url = book_url()
    robots = out / "robots.txt"
    if url:
        robots.write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {url}sitemap.xml\n", encoding="utf-8"
        )
    else:
        robots.unlink(missing_ok=True)
        (out / "sitemap.xml").unlink(missing_ok=True)


def _icon_subset(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        icons.replace_bundle(Path(app.outdir))


def _page_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """Each page loads the scripts it uses: the charts' (vega, 877 KB) where it has a chart,
    MathJax (1.1 MB with its fonts) where it has a formula, the audit filter on the audit,
    sphinx-design's style and tabs (which Jupyter Book adds everywhere) where it has one of its
    components."""
    body = context.get("body", "")
    if 'class="sd-' not in body:
        _drop_files(pagename, context, "css_files", "sphinx-design")
        _drop_files(pagename, context, "script_files", "design-tabs")
    if 'class="chengyu-chart"' in body:
        app.add_js_file(VEGA_BUNDLE)
        app.add_js_file("chengyu-charts.js")
    if 'class="audit-claims' in body:
        app.add_js_file("chengyu-audit.js")
    if 'class="math' not in body:
        # Sphinx adds MathJax where its parser saw an equation, not on every page
        _drop_files(
            pagename,
            context,
            "script_files",
            "mathjax",
            "window.MathJax",
            required=False,
        )


def setup(app: Sphinx) -> dict:
    app.add_config_value("chengyu_pdf", "", "html")
    if book_url():
        app.setup_extension("sphinx_sitemap")
    app.connect("config-inited", _publication)
    app.connect("config-inited", _templates)
    app.connect("build-finished", _publish_files)
    app.connect("build-finished", _icon_subset)
    app.connect("html-page-context", _pdf_links)
    app.connect(
        "html-page-context", _pdf_menu_item, priority=600
    )  # after the theme's menu
    app.connect("builder-inited", _prepare_static)
    app.connect("html-page-context", _drop_thebe)
    app.connect(
        "doctree-resolved", _drop_thebe_config, priority=900
    )  # after sphinx-thebe
    app.connect("doctree-resolved", _no_python_repr)
    app.connect("html-page-context", _steady_ids)
    app.connect("html-page-context", _citation_roles)
    app.connect("html-page-context", _summary_names)
    app.connect("html-page-context", _citation_tags)
    app.connect("html-page-context", _notebook_download)
    app.connect("html-page-context", _chart_files)
    app.connect("html-page-context", _page_scripts, priority=900)  # after MathJax's own
    app.connect("html-page-context", _title_page)
    app.add_directive("chengyu-citation", CitationDirective)
    app.add_css_file("chengyu.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

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
* Offers each executed notebook for download beside its page, and writes each chart's data,
  which a notebook carries inline, to a CSV file named after the chart.

Generated files go to ``<build dir>/.chengyu-static/static`` and are reused while the versions
that made them are unchanged, so a rebuild costs nothing here.
"""

from __future__ import annotations

import html
import re
import shutil
from contextlib import suppress
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urljoin

import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from bookbuild import citation

STATIC = Path(__file__).parent / "static"
VEGA_BUNDLE = "vega-bundle.js"
MATHJAX_FILES = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")


def _vega_bundle(target: Path, stamp: Path) -> None:
    version = metadata.version("vl-convert-python")
    if target.is_file() and stamp.is_file() and stamp.read_text() == version:
        return
    import vl_convert

    target.write_text(
        "(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n",
        encoding="utf-8",
    )
    stamp.write_text(version)


def _mathjax(target: Path, stamp: Path) -> None:
    import mathjax  # the django-static-mathjax distribution: static files only

    version = metadata.version("django-static-mathjax")
    if target.is_dir() and stamp.is_file() and stamp.read_text() == version:
        return
    origin = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    shutil.rmtree(target, ignore_errors=True)
    for name in MATHJAX_FILES:
        source, dest = origin / name, target / name
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
    stamp.write_text(version)


def _prepare_static(app: Sphinx) -> None:
    work = Path(app.outdir).parent / ".chengyu-static"
    generated = (
        work / "static"
    )  # copied to _static as it is; the version stamps stay beside it
    generated.mkdir(parents=True, exist_ok=True)
    _vega_bundle(generated / VEGA_BUNDLE, work / "vega.version")
    _mathjax(generated / "mathjax", work / "mathjax.version")
    app.config.html_static_path.extend([str(STATIC), str(generated)])


def _drop_thebe(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    scripts = context.get("script_files", [])
    # in place: the list is the builder's own, to which a later handler may add a page's script
    scripts[:] = [
        script
        for script in scripts
        if "thebe" not in str(getattr(script, "filename", script) or "")
        and "THEBE_JS_URL" not in str(getattr(script, "attributes", {}).get("body", ""))
    ]


def _citation_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    base = app.config.html_baseurl
    tags = citation.highwire_tags(
        citation.load(Path(app.confdir)),
        page_title=html.unescape(context.get("title", "")),
        is_root=pagename == app.config.root_doc,
        fulltext_url=urljoin(base.rstrip("/") + "/", f"{pagename}.html")
        if base
        else None,
    )
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{name}" content="{html.escape(content, quote=True)}" />'
        for name, content in tags
    )


class CitationDirective(SphinxDirective):
    """``{chengyu-citation} book|book-bibtex|paper|paper-bibtex``: a citation from ``CITATION.cff``.

    The plain-text forms become a paragraph, the BibTeX forms a code block. The paper's BibTeX
    entry is the book's ``references.bib`` entry ``xiang2024``.
    """

    required_arguments = 1
    FORMS = {
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
            _, notebook = get_cache(cache_path).merge_match_into_notebook(notebook)
    nbformat.write(notebook, target)
    charts = (
        "; the data behind each chart: the “Data (CSV)” link under it"
        if 'class="chengyu-chart"' in context["body"]
        else ""
    )
    context["body"] += (
        '<div class="chengyu-downloads"><p><strong>Downloads.</strong> '
        f'<a href="{html.escape(target.name)}" download>This page as an executed notebook (.ipynb)</a>{charts}.</p></div>'
    )


_CSV_LINK = re.compile(
    r'download="([^"]+)\.csv" href="data:text/csv;charset=utf-8,([^"]*)"'
)


def _chart_data_files(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """Write each chart's data (carried in the page as a data: link) to ``<page>-<chart name>.csv``."""
    page = Path(pagename)
    written: set[str] = set()

    def to_file(match: re.Match) -> str:
        name = f"{page.name}-{match.group(1)}.csv"
        if name in written:
            raise ExtensionError(
                f"{pagename}: two charts are named {match.group(1)!r}; give each chart its own name"
            )
        written.add(name)
        target = Path(app.outdir) / page.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(unquote(html.unescape(match.group(2))), encoding="utf-8")
        return f'download="{name}" href="{name}"'

    context["body"] = _CSV_LINK.sub(to_file, context.get("body", ""))


def _audit_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    """The audit table's filter, on the page that has the table only."""
    if 'class="audit-claims' in context.get("body", ""):
        app.add_js_file("chengyu-audit.js")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _prepare_static)
    app.connect("html-page-context", _drop_thebe)
    app.connect("html-page-context", _citation_tags)
    app.connect("html-page-context", _notebook_download)
    app.connect("html-page-context", _chart_data_files)
    app.connect("html-page-context", _audit_script)
    app.add_directive("chengyu-citation", CitationDirective)
    app.add_js_file(VEGA_BUNDLE)
    app.add_js_file("chengyu-charts.js")
    app.add_css_file("chengyu.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

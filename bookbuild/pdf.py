"""`make pdf`: the whole book as one PDF, printed by Chromium from a single-page build.

Jupyter Book's ``singlehtml`` builder puts every page of the table of contents, in order, into
one HTML page (the executed notebooks come from the cache: nothing runs again). This script
serves that page on 127.0.0.1, opens it in headless Chromium (Debian's, driven by Playwright),
waits for the charts, and prints it with the book's print stylesheet: A4, page numbers in the
footer, an outline (bookmarks) from the headings, fonts embedded (Noto CJK for the Chinese),
charts as vectors (SVG). The title page, with the citation, is drawn by the book's Sphinx
extension from ``CITATION.cff``.

Usage: ``python -m bookbuild.pdf BUILD_DIR`` writes ``BUILD_DIR/pdf/chengyu-book.pdf`` and, for
the Chinese edition, ``chengyu-book-zh.pdf`` (from ``BUILD_DIR/zh/singlehtml``). The
next HTML build copies it beside the site and links it from the how-to-cite page and each
chapter's downloads (``make pdf`` runs that build).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from bookbuild import editions
from bookbuild.build import book_config
from bookbuild.chromium import CHROMIUM, CHROMIUM_ARGS
from bookbuild.prebuild import toc_pages
from bookbuild.sphinxext import pdf_name

FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
CHART_TIMEOUT_MS = 60_000


class _Site(http.server.SimpleHTTPRequestHandler):
    """Serves the single-page build. Its page sits in ``book/`` but links its assets as if it
    sat at the root (``_static/…``), so a path not found under ``book/`` is looked up from the
    root."""

    def translate_path(self, path: str) -> str:
        found = super().translate_path(path)
        if not Path(found).exists() and path.count("/") > 1:
            found = super().translate_path("/" + path.lstrip("/").split("/", 1)[1])
        return found

    def log_message(self, *args):
        pass


HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.offsetParent !== null)
  .map(h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
              return c.textContent.replace(/\\s+/g, ' ').trim(); })"""


def _squashed(text: str) -> str:
    return "".join(text.split())


def repeats(title: str, heading: str) -> bool:
    """Whether a bookmark's ``title`` is ``heading`` as Chromium may write it: without spaces,
    after copies of the heading or of its first lines ("…ownShift-share: …ownperformance")."""
    title, heading = _squashed(title), _squashed(heading)
    if not heading or not title.endswith(heading):
        return False
    rest = title[: len(title) - len(heading)]
    while rest.startswith(heading):
        rest = rest[len(heading) :]
    return heading.startswith(rest)


def mend_outline(pdf: Path, headings: list[str]) -> int:
    """Give each bookmark its heading's text; return how many were mended.

    Chromium builds the outline from the laid-out lines of each heading: a heading that wraps
    loses the space at the break ("can andcannot show") and may repeat its first lines.
    Bookmarks follow the headings in order, so each is matched to the next heading whose text,
    without spaces, it repeats.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=str(pdf))
    items, stack = [], [writer.root_object["/Outlines"].get_object().get("/First")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        item = node.get_object()
        items.append(item)
        stack += [
            item.get("/Next"),
            item.get("/First"),
        ]  # depth first, in reading order
    mended, start = 0, 0
    for item in items:
        for index in range(start, len(headings)):
            heading = headings[index]
            if repeats(str(item["/Title"]), heading):
                if str(item["/Title"]) != heading:
                    item[NameObject("/Title")] = TextStringObject(heading)
                    mended += 1
                start = index + 1
                break
    writer.write(str(pdf))
    return mended


def print_pdf(site: Path, page: str, target: Path) -> list[str]:
    """Print ``site/page`` (the root page of a single-page build) to ``target`` with Chromium;
    return the text of its printed headings, in order."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(
            f"make pdf needs Chromium at {CHROMIUM}: install Debian's chromium (.ci/run does)"
        )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Site, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{server.server_port}/{page}", wait_until="load")
            tab.wait_for_function(
                "[...document.querySelectorAll('figure.chengyu-chart')].every(f => f.dataset.rendered)",
                timeout=CHART_TIMEOUT_MS,
            )
            tab.emulate_media(media="print")
            # what printing from the browser does first: the charts' sources open in full
            tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            headings = tab.evaluate(HEADINGS_JS)
            target.parent.mkdir(parents=True, exist_ok=True)
            tab.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin={
                    "top": "18mm",
                    "bottom": "18mm",
                    "left": "16mm",
                    "right": "16mm",
                },
                outline=True,
                tagged=True,
            )
            browser.close()
    finally:
        server.shutdown()
    return headings


def print_edition(build: Path, edition: str) -> Path:
    """Print one edition's single-page build to its PDF, with its outline mended."""
    folder = editions.FOLDER[edition]
    site = build / folder / "singlehtml" if folder else build / "singlehtml"
    target = build / "pdf" / pdf_name(edition)
    mend_outline(target, print_pdf(site, f"{toc_pages()[0]}.html", target))
    return target


def main(argv: list[str]) -> int:
    """Print every edition the book builds, side by side (a browser spends much of a print
    waiting for its charts): ``chengyu-book.pdf``, ``chengyu-book-zh.pdf``."""
    from concurrent.futures import ProcessPoolExecutor

    build = Path(argv[0]) if argv else Path("_build")
    built = book_config().get("chengyu_editions", ["en"])
    with ProcessPoolExecutor(len(built)) as pool:
        for target in pool.map(print_edition, [build] * len(built), built):
            print(f"The PDF is in {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Shared fixtures: a private copy of the data package for tests that break it on purpose."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from bookbuild.chromium import CHROMIUM, CHROMIUM_ARGS
from bookbuild.prebuild import executable_pages, toc_pages  # noqa: F401 (re-exported for the tests)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    "_build",
    ".git",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    ".ipynb_checkpoints",
)


# The files that take longest run first, so that `make test`'s processes (pytest-xdist, one
# file to a process) finish together: the second cold build (publication), the cold build of
# `built_book` that most files wait for, then the published build with its PDFs and the cold
# build of another focus pair.
LONGEST_FIRST = [
    "test_publication.py",
    "test_book_build.py",
    "test_publish.py",
    "test_focus.py",
    "test_lab.py",
    "test_extend.py",
    "test_browser.py",
    "test_browser_phone.py",
]


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        name = item.path.name
        return (
            LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
        )

    items.sort(key=rank)  # stable: each file's tests keep their order


SECTORS = ["primary", "secondary", "tertiary"]


def sectors(*values) -> pd.Series:
    """A three-sector structure, e.g. ``sectors(655.2, 5418.5, 11643)`` (Chengdu 2020, Table 1)."""
    return pd.Series(values, index=SECTORS, dtype=float)


# The publication settings (bookbuild/sphinxext.py); a test that wants them passes them.
PUBLICATION_SETTINGS = ("BOOK_URL", "BOOK_REPOSITORY")


def make_book(
    repo: Path, target: str = "book", **settings: str
) -> subprocess.CompletedProcess:
    """Run `make book` (or another target) in ``repo`` with this checkout's venv, as an author
    would; ``settings`` are environment variables such as ``BOOK_URL``, unset otherwise."""
    env = {k: v for k, v in os.environ.items() if k not in PUBLICATION_SETTINGS}
    return subprocess.run(
        ["make", target, f"VENV={ROOT / '.venv'}"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env=env | settings,
    )


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id) -> Path:
    """A private copy of the repository with the book built cold by `make book`. Read-only.

    One copy for the whole run, whichever test process (pytest-xdist) asks first: the others
    wait for it, and their `make book` finds nothing changed. ``_build/make-book.log`` is the
    output of the cold build, ``_build/make-book-again.log`` that of a second `make book`.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # a pytest-xdist worker: its folder's parent is the run's
        shared = shared.parent
    copy = shared / "built-book" / "repo"
    with (shared / "built-book.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (copy / "_build" / "make-book.log").is_file():
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
            done = make_book(copy)
            assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
            again = make_book(copy)
            assert again.returncode == 0, again.stdout[-6000:] + again.stderr[-4000:]
            (copy / "_build" / "make-book-again.log").write_text(
                again.stdout + again.stderr, encoding="utf-8"
            )
            (copy / "_build" / "make-book.log").write_text(
                done.stdout + done.stderr, encoding="utf-8"
            )
    return copy


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of ``data/`` that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


class PastedText(HTMLParser):
    """The values a built page pasted into its prose (``span.pasted-text``), in order."""

    def __init__(self):
        super().__init__()
        self.values: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "span" and "pasted-text" in (dict(attrs).get("class") or ""):
            self.depth = 1
            self.values.append("")

    def handle_endtag(self, tag):
        if tag == "span" and self.depth:
            self.depth = 0

    def handle_data(self, data):
        if self.depth:
            self.values[-1] += data


def pasted_values(page_html: Path) -> list[str]:
    """The inline values of a built page, in reading order, white space as one space."""
    parser = PastedText()
    parser.feed(page_html.read_text("utf-8"))
    return [re.sub(r"\s+", " ", value) for value in parser.values]


def chengdu_gdp(repo: Path, year: int) -> float:
    """Chengdu's GDP in ``year`` from the data package of ``repo``, as the context chapter shows it."""
    from chengyu import data, indicators

    frames = data.load_all(repo / "data")
    gdp = indicators.gdp_by_year(frames["value_added"], frames["indicators"], "chengdu")
    return gdp.loc[year, "gdp"]


def english_only(repo: Path) -> None:
    """Set a copy of the book to build its English edition alone (``_config.yml``)."""
    replace_in(
        repo / "_config.yml", "chengyu_editions: [en, zh]", "chengyu_editions: [en]"
    )


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a UTF-8 file, insisting that ``old`` is there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- The built book in a browser (tests/test_browser.py, tests/test_browser_phone.py) -------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def serve():
    """Serve directories on 127.0.0.1; returns a function giving the base URL for a directory."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"chromium not found at {CHROMIUM}: install Debian's chromium (.ci/run does)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def book_url(built_book, serve) -> str:
    return serve(built_book / "_build" / "html")

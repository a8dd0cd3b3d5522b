"""The chapters in a real JupyterLab, as a reader who re-executes them sees it.

A JupyterLab server is started on 127.0.0.1 with a token, the repository's lab settings and a
fresh workspace folder (as `make lab` starts it). Debian's chromium, driven by Playwright with
every other host unreachable, opens Lab as a new user does (quietly, on the chapters' folder)
and chapter 3 as a reader does: Run All, read the prose, save. Every code cell must run
without error; the prose must show its numbers (the built page's, in the same order) and no
MyST markup; the static charts must hold their text; a save
of an unedited chapter must leave the file byte-identical; an edit to the code must change the
number shown. A reader's change to the study must not stop chapter 3 (nbclient). Screenshots
are written to ``_build/screenshots/lab-*.png``. The server is stopped by its PID. Every
chapter, stepped through in a kernel cell by cell as jupyterlab-myst evaluates it, is checked
against its page by the build (``bookbuild/execute.py``; ``tests/test_book_build.py``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from conftest import ROOT, pasted_values

pytestmark = pytest.mark.lab
playwright = pytest.importorskip("playwright.sync_api")

SETTINGS = ROOT / ".jupyter" / "lab" / "user-settings"
SCREENSHOTS = ROOT / "_build" / "screenshots"
RUN_TIMEOUT_S = 180
# MyST left as source: a role ({eval}`…`, {glue:text}`…`, {cite:p}`…`) or a directive fence
RAW_MYST = re.compile(r"\{[a-z][\w:.-]*\}`|\{glue|^(```|:::)\{", re.M)
CHAIN = "book/03-chain-coordination"
# the chapter-3 sentence that quotes the similarity coefficient of the two cities
SIMILARITY = "The similarity coefficient of the two cities is high, "


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def snapshot() -> dict[str, bytes]:
    """The files a Lab session could rewrite: its settings and the pages."""
    files = [*SETTINGS.rglob("*"), *(ROOT / "book").glob("*.md")]
    return {str(f.relative_to(ROOT)): f.read_bytes() for f in files if f.is_file()}


BEFORE: dict[str, bytes] = {}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    BEFORE.update(snapshot())
    port, token = free_port(), secrets.token_hex(16)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(SETTINGS),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path_factory.mktemp("lab-workspaces")),
        JUPYTER_RUNTIME_DIR=str(runtime),
    )
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
        "--LabApp.default_url=/lab/tree/book",  # as `make lab`
    ]
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = (runtime / "lab.log").open("w")
    server = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(base, token, "/api/status")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(
                    "JupyterLab did not start:\n" + (runtime / "lab.log").read_text()
                )
            time.sleep(0.5)
    yield base, token
    os.kill(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def get(base: str, token: str, path: str) -> dict:
    return call(base, token, path)


def call(base: str, token: str, path: str, method: str = "GET"):
    request = urllib.request.Request(
        base + path, method=method, headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def test_lab_opens_markdown_chapters_as_notebooks_by_default(lab):
    settings = get(*lab, "/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    assert settings["settings"]["defaultViewers"]["markdown"] == "Jupytext Notebook"


def test_a_readers_change_to_the_study_runs_through_the_chapter():
    # chapter 3 compares with the paper on the years the paper printed, whatever `study` says:
    # a reader who moves the paper's window, and the analysis years, gets a chapter that runs
    change = "paper_years=(2021, 2023), analysis_years=(2020, 2021, 2022)"
    notebook = jupytext.read(ROOT / "book" / "03-chain-coordination.md")
    cell = next(c for c in notebook.cells if "study = load_study(" in c.source)
    cell.source = re.sub(
        r"study = load_study\(\s*frames\s*\)",
        f"import dataclasses\nstudy = dataclasses.replace(load_study(frames), {change})",
        cell.source,
    )
    assert "dataclasses.replace" in cell.source
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "book")}},
    ).execute()  # raises on the first error
    last = [
        output["data"]["application/papermill.record/text/plain"]
        for c in notebook.cells
        for output in c.get("outputs", [])
        if output.get("metadata", {}).get("scrapbook", {}).get("name") == "last"
    ]
    assert last == ["2022"]


# --- In the browser ----------------------------------------------------------------------


# `browser`: the fixture of tests/conftest.py (Debian's chromium, every other host unreachable)


class Lab:
    """One browser page on the Lab server: what it requested from other hosts, how to drive it."""

    def __init__(self, browser, lab, path: str):
        self.base, self.token = lab
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.foreign: list[str] = []
        self.page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else self.foreign.append(r.url)
            ),
        )
        # `reset`: a fresh workspace, no tab left open by an earlier test
        self.page.goto(f"{self.base}{path}?token={self.token}&reset")

    def close(self):
        self.page.close()
        for session in get(self.base, self.token, "/api/sessions"):
            call(self.base, self.token, f"/api/sessions/{session['id']}", "DELETE")

    def menu(self, *items: str):
        for item in items:
            self.page.get_by_role("menuitem", name=item, exact=True).first.click()

    def open_chapter(self, page: str):
        """Wait until the chapter is shown and its kernel has started and is idle."""
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        deadline = time.monotonic() + 60
        while not any(
            session["path"] == f"{page}.md"
            and session["kernel"]["execution_state"] == "idle"
            for session in get(self.base, self.token, "/api/sessions")
        ):
            assert time.monotonic() < deadline, f"no idle kernel for {page}"
            time.sleep(0.3)
        self.page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)

    def run_all(self):
        self.menu("Run", "Run All Cells")
        self.page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
                const busy = document.querySelector(
                    ".jp-Notebook-ExecutionIndicator:not([data-status='idle'])");
                return prompts.length > 0 && !busy
                    && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""",
            timeout=RUN_TIMEOUT_S * 1000,
        )

    def edit_cell(self, path: Path, old: str, new: str):
        """Replace ``old`` by ``new`` in the code cell holding it, as a reader types."""
        cells = jupytext.read(path).cells
        index = next(i for i, cell in enumerate(cells) if old in cell.source)
        # Lab draws only the cells in view: walk to the cell from the first in command mode
        self.page.locator(".jp-NotebookPanel .jp-Cell").first.click()
        self.page.keyboard.press("Escape")
        for _ in range(index):
            self.page.keyboard.press("j")
        self.page.keyboard.press("Enter")
        self.page.keyboard.press("Control+a")
        self.page.keyboard.insert_text(cells[index].source.replace(old, new, 1))
        self.page.keyboard.press("Escape")

    def prose(self, shows: Callable[[str], bool]) -> list[str]:
        """The rendered text of every markdown cell (jupyterlab-myst renders into .myst).

        The kernel evaluates the inline expressions cell by cell after the code has run, and
        Lab renders them as it gets to them: read until the text ``shows`` what the test
        expects, for at most a minute, and return the last reading either way (the test's
        assertions say what is missing). A second without change is no sign that Lab has
        finished: on a loaded machine, CI once read chapter 2 before its last cell had
        rendered."""
        deadline = time.monotonic() + 60
        while True:
            self.page.wait_for_timeout(1000)
            shown = self.page.eval_on_selector_all(
                ".jp-NotebookPanel .jp-MarkdownCell .myst",
                "els => els.map(e => e.textContent.replace(/\\s+/g, ' '))",
            )
            if shows("\n".join(shown)) or time.monotonic() > deadline:
                return shown

    def errors(self) -> list[str]:
        return [
            text[:300]
            for text in self.page.eval_on_selector_all(
                ".jp-OutputArea-output", "els => els.map(e => e.textContent)"
            )
            if "Traceback" in text
        ]

    def charts_overflowing(self) -> list[str]:
        """Static charts with a text drawn beyond the chart's edge (clipped)."""
        return self.page.eval_on_selector_all(
            ".chengyu-chart-static > svg",
            """svgs => svgs.flatMap((svg, i) => {
                const box = svg.getBoundingClientRect();
                return [...svg.querySelectorAll('text')].filter(t => {
                    const r = t.getBoundingClientRect();
                    return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
                }).map(t => `chart ${i + 1}: "${t.textContent}"`);
            })""",
        )

    def screenshot(
        self, name: str, selector: str | None = None, text: str | None = None
    ):
        """A screenshot of the window, showing the first ``selector`` (holding ``text``).

        Its cell is selected, so that Lab scrolls to it and keeps it there (Lab draws only the
        cells in view, and moves the view as it draws them)."""
        target = self.page.locator(selector, has_text=text) if selector else None
        if target is not None and target.count():
            target.first.click(position={"x": 2, "y": 2})
            self.page.wait_for_timeout(1000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"lab-{name}.png"))

    def save_and_wait(self, path: Path):
        before = path.stat().st_mtime_ns
        self.page.locator(".jp-NotebookPanel .jp-Notebook").first.click(
            position={"x": 5, "y": 5}
        )
        self.page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while path.stat().st_mtime_ns == before:
            assert time.monotonic() < deadline, f"{path.name} was not saved"
            time.sleep(0.2)
        self.page.wait_for_timeout(500)


def missing_in_order(values: list[str], text: str) -> list[str]:
    """The values not found in ``text`` in this order (each after the one before)."""
    missing, at = [], 0
    for value in values:
        found = text.find(value, at)
        if found < 0:
            missing.append(value)
        else:
            at = found + len(value)
    return missing


def glued(built_book: Path, page: str, key: str):
    """A value the built (executed) notebook glued under ``key``."""
    notebook = json.loads(
        (built_book / "_build" / "html" / f"{page}.ipynb").read_text("utf-8")
    )
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {})
            if record.get("name") == key:
                return eval(output["data"][record["mime_prefix"] + "text/plain"])  # noqa: S307
    raise KeyError(key)


def quoted(page: str, key: str, value) -> str:
    """``value`` as the chapter's prose formats ``key`` (its {eval} expression's format)."""
    source = (ROOT / f"{page}.md").read_text("utf-8")
    spec = re.search(r'\{eval\}`f"\{' + key + r':([^}]*)\}"`', source)
    return format(value, spec[1]) if spec else str(value)


def test_a_first_start_is_quiet_and_shows_the_chapters(browser, lab):
    lab_page = Lab(browser, lab, "/")  # where `make lab` sends the reader
    try:
        listing = lab_page.page.locator(".jp-DirListing-item", has_text="03-chain")
        listing.first.wait_for(timeout=60_000)
        lab_page.page.wait_for_timeout(3000)  # time for a news prompt to appear
        lab_page.screenshot("first-start")
        breadcrumbs = lab_page.page.locator(".jp-BreadCrumbs").first.text_content()
        assert "book" in breadcrumbs
        assert lab_page.page.get_by_text("official Jupyter news").count() == 0
        assert lab_page.foreign == []
    finally:
        lab_page.close()


def test_run_all_shows_the_prose_with_the_built_pages_numbers_and_an_edit_changes_them(
    browser, lab, built_book
):
    # one chapter, the one with charts, tables and prose numbers of every kind; that every
    # chapter's prose shows the page's numbers to a reader stepping through it in a kernel is
    # checked by the build itself (bookbuild/execute.py, tests/test_book_build.py)
    page = CHAIN
    path = ROOT / f"{page}.md"
    original = path.read_bytes()
    last = glued(built_book, page, "last")
    similarity = quoted(page, "s_cities_last", glued(built_book, page, "s_cities_last"))
    lab_page = Lab(browser, lab, f"/lab/tree/{page}.md")
    try:
        lab_page.open_chapter(page)
        lab_page.run_all()
        values = pasted_values(built_book / "_build" / "html" / f"{page}.html")
        prose = lab_page.prose(lambda text: not missing_in_order(values, text))
        lab_page.screenshot(Path(page).name, ".chengyu-chart")
        assert prose, "no rendered markdown cell"
        assert [m for text in prose for m in RAW_MYST.findall(text)] == []
        assert lab_page.errors() == []
        assert missing_in_order(values, "\n".join(prose)) == []
        # a known number: the similarity coefficient of the last year
        assert similarity_sentence(built_book) in " ".join(prose)
        assert lab_page.charts_overflowing() == []
        lab_page.save_and_wait(path)
        assert path.read_bytes() == original, f"saving {page}.md unedited changed it"

        # the reader moves the chapter's last year back by one and runs all again
        edit = "first, last = study.first_year, study.last_year"
        lab_page.edit_cell(path, edit, edit + " - 1")
        lab_page.run_all()
        moved = re.escape(SIMILARITY) + rf"\S+ in {last - 1}"
        prose = lab_page.prose(lambda text: re.search(moved, text) is not None)
        sentence = next(t for t in prose if SIMILARITY in t)
        lab_page.screenshot("03-chain-coordination-edited", ".myst", SIMILARITY.strip())
        shown = re.search(re.escape(SIMILARITY) + r"([\d.]+) in (\d{4})", sentence)
        assert shown[2] == str(last - 1)
        assert shown[1] != similarity
        assert lab_page.errors() == []

        # and then discards the edit: the file on disk is the chapter
        lab_page.menu("File")
        lab_page.page.get_by_role(
            "menuitem", name=re.compile(r"^Reload .* from Disk")
        ).first.click()
        lab_page.page.get_by_role("button", name="Reload", exact=True).click()
        assert lab_page.foreign == []
    finally:
        lab_page.close()
        changed = path.read_bytes() != original
        if changed:  # never leave a chapter changed by the test
            path.write_bytes(original)
    assert not changed, "the edit was saved"


def similarity_sentence(built_book: Path) -> str:
    """Chapter 3's sentence with the built book's value and year, as the prose formats it."""
    value = glued(built_book, CHAIN, "s_cities_last")
    return f"{SIMILARITY}{quoted(CHAIN, 's_cities_last', value)} in {glued(built_book, CHAIN, 'last')}"


def test_the_lab_session_left_settings_and_pages_as_they_were(lab):
    # after every test above: Lab rewrites a setting on start (jupyterlab-myst), saves pages
    after = snapshot()
    assert [name for name in after if after[name] != BEFORE.get(name)] == []

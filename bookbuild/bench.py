"""`make bench`: how fast the book builds and how heavy and quick its pages are.

Works on a fresh copy of the repository (so the developer's own _build is not disturbed), with
this checkout's .venv, and measures:

- cold build (empty execution cache and build directory), by stage (the build's own record,
  ``bookbuild/stages.py``), no-change rebuild, and rebuild after editing one data value,
  checking that the edited number appears in the built page;
- a cold build of the English edition alone (``chengyu_editions: [en]``), and what the Chinese
  edition adds to a cold build, as a ratio (its notebooks carry both languages' charts either
  way: the ratio is the cost of the second Sphinx run);
- a fresh clone of the last commit to a built book: `git clone`, then `make book` with a new
  venv (the installer's download cache as this machine has it);
- the test suite, `make test` in this checkout;
- each page's HTML, and its weight raw and gzipped: its HTML plus the local files it names that
  no other page loads; files that several pages load are listed once as shared (the vega bundle
  among them);
- time from navigation to the first interactive chart, per chapter, in headless Chromium;
- each page's first visit: the gzip size of every file Chromium requests with an empty cache.

Writes _build/bench.json and prints a table beside the targets. Targets are reported, not
enforced: timings depend on the machine and its load. The speed targets are those of the issue
"Fast again" (2026-12), on a 2-core machine; the page budgets those of the reading issue.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bookbuild import prebuild
from bookbuild.chromium import CHROMIUM, CHROMIUM_ARGS
from chengyu import data, indicators

ROOT = Path(__file__).resolve().parents[1]

TARGETS = {
    "test_s": 240.0,
    "cold_s": 20.0,
    "no_change_s": 1.5,  # the goal is 1 s
    "fresh_clone_s": 60.0,
    "first_chart_s": 1.0,
    "page_kb": 300.0,
    "first_visit_kb": 150.0,  # a page with neither charts nor formulas (the introduction)
    "first_visit_heavy_kb": 800.0,  # a chapter with charts and formulas
    "bundle_kb": 1024.0,
    # a cold build of both editions against one of the English edition alone (issue 中文版)
    "editions_ratio": 1.5,
}
IGNORE = shutil.ignore_patterns(
    ".venv",
    "_build",
    ".git",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    ".ipynb_checkpoints",
)


def timed(command: list[str], cwd: Path) -> float:
    """Seconds ``command`` took in ``cwd``; stops the bench if it failed."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(
            f"{' '.join(command)} failed in {cwd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return elapsed


def make_book(repo: Path) -> float:
    return timed(["make", "book", f"VENV={ROOT / '.venv'}"], repo)


def fresh_clone_to_book(folder: Path) -> float:
    """`git clone` of this checkout's last commit, then `make book` with its own new venv."""
    start = time.perf_counter()
    timed(["git", "clone", "--quiet", str(ROOT), str(folder)], ROOT)
    timed(["make", "book"], folder)
    return time.perf_counter() - start


def english_only_cold(folder: Path) -> float:
    """A cold build of a copy whose ``_config.yml`` builds the English edition alone."""
    shutil.copytree(ROOT, folder, ignore=IGNORE)
    config = folder / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "chengyu_editions: [en, zh]" in text
    config.write_text(
        text.replace("chengyu_editions: [en, zh]", "chengyu_editions: [en]"),
        encoding="utf-8",
    )
    return make_book(folder)


class Loads(HTMLParser):
    """Local files a page loads: scripts, stylesheets, images, icons."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if (
            tag == "link"
            and attrs.get("href")
            and set((attrs.get("rel") or "").split())
            & {"stylesheet", "icon", "preload"}
        ):
            self.urls.append(attrs["href"])


def page_weights(html_dir: Path, pages: list[str]) -> tuple[dict, dict]:
    loads: dict[str, set[Path]] = {}
    for page in pages:
        parser = Loads()
        parser.feed((html_dir / f"{page}.html").read_text(encoding="utf-8"))
        files = set()
        for url in parser.urls:
            if urlsplit(url).scheme or url.startswith("//"):
                continue
            target = (
                html_dir / urlsplit(urljoin(f"/{page}.html", url)).path.lstrip("/")
            ).resolve()
            if target.is_file():
                files.add(target)
        loads[page] = files
    counts: dict[Path, int] = {}
    for files in loads.values():
        for f in files:
            counts[f] = counts.get(f, 0) + 1
    weights = {}
    for page, files in loads.items():
        own = [html_dir / f"{page}.html"] + [f for f in files if counts[f] == 1]
        weights[page] = {
            "html": round((html_dir / f"{page}.html").stat().st_size / 1024, 1),
            "raw": round(sum(f.stat().st_size for f in own) / 1024, 1),
            "gzip": round(
                sum(len(gzip.compress(f.read_bytes())) for f in own) / 1024, 1
            ),
        }
    shared = {
        str(f.relative_to(html_dir)): round(f.stat().st_size / 1024, 1)
        for f, n in counts.items()
        if n > 1
    }
    return weights, shared


def in_browser(html_dir: Path, pages: list[str]) -> tuple[dict, dict]:
    """In headless Chromium: each chapter's time to its first interactive chart (median of
    three), and each page's first-visit weight."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            times = first_chart_times(browser, base, html_dir, pages)
            visits = {
                page: first_visit(browser, base, html_dir, page) for page in pages
            }
            browser.close()
    finally:
        server.shutdown()
    return times, visits


def first_chart_times(browser, base: str, html_dir: Path, pages: list[str]) -> dict:
    times = {}
    for page_name in pages:
        html = (html_dir / f"{page_name}.html").read_text(encoding="utf-8")
        if 'class="chengyu-chart"' not in html:
            continue
        runs = []
        for _ in range(3):
            page = browser.new_page()
            page.goto(f"{base}{page_name}.html", wait_until="commit")
            page.wait_for_function(
                "document.querySelector('figure.chengyu-chart[data-rendered=\"vega\"]')",
                polling=10,
                timeout=20000,
            )
            runs.append(page.evaluate("performance.now()") / 1000)
            page.close()
        times[page_name] = round(statistics.median(runs), 3)
    return times


def first_visit(browser, base: str, html_dir: Path, page_name: str) -> dict:
    """What a first visit of the page costs: every file Chromium requests (empty cache, until
    the network is idle), counted at its gzip size, as a server that compresses sends it; and
    whether the page has charts or formulas (the two budgets)."""
    context = browser.new_context()  # an empty cache
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}{page_name}.html", wait_until="networkidle")
    context.close()
    files = {
        html_dir / urlsplit(url).path.lstrip("/")
        for url in requested
        if url.startswith(base)
    }
    html = (html_dir / f"{page_name}.html").read_text(encoding="utf-8")
    return {
        "files": len(files),
        "gzip_kb": round(
            sum(len(gzip.compress(f.read_bytes())) for f in files if f.is_file())
            / 1024,
            1,
        ),
        "heavy": 'class="chengyu-chart"' in html or 'class="math' in html,
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="chengyu-bench-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT, repo, ignore=IGNORE)
        cold = make_book(repo)
        stages = json.loads(
            (repo / "_build" / ".chengyu-stages-html.json").read_text(encoding="utf-8")
        )
        no_change = make_book(repo)
        # one data edit that a page shows: Chengdu's 2022 secondary value added feeds its GDP
        path = repo / "data" / "value_added.csv"
        text = path.read_text(encoding="utf-8")
        old = "chengdu,2022,secondary,6404.1,"
        assert old in text
        path.write_text(
            text.replace(old, "chengdu,2022,secondary,6504.1,"), encoding="utf-8"
        )
        frames = data.load_all(repo / "data")
        expected = indicators.gdp_by_year(
            frames["value_added"], frames["indicators"], "chengdu"
        ).loc[2022, "gdp"]
        data_edit = make_book(repo)
        html_dir = repo / "_build" / "html"
        right_numbers = f"{expected:,.2f}" in (
            html_dir / "book" / "01-context.html"
        ).read_text(encoding="utf-8")
        pages = prebuild.toc_pages(repo)
        weights, shared = page_weights(html_dir, pages)
        charts, visits = in_browser(html_dir, pages)
        fresh_clone = fresh_clone_to_book(Path(tmp) / "clone")
        english_only = english_only_cold(Path(tmp) / "english")
    suite = timed(["make", "test"], ROOT)
    bundle_kb = shared.get("_static/vega-bundle.js")
    result = {
        "machine_cores": os.cpu_count(),
        "test_s": round(suite, 1),
        "cold_s": round(cold, 2),
        "cold_stages_s": stages,
        "cold_english_only_s": round(english_only, 2),
        "editions_ratio": round(cold / english_only, 2),
        "no_change_s": round(no_change, 2),
        "data_edit_s": round(data_edit, 2),
        "data_edit_right_numbers": right_numbers,
        "fresh_clone_s": round(fresh_clone, 1),
        "page_kb": weights,
        "shared_kb": shared,
        "bundle_kb": bundle_kb,
        "first_chart_s": charts,
        "first_visit": visits,
        "targets": TARGETS,
    }
    out = ROOT / "_build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )

    def row(name, value, target, ok):
        print(f"{name:<38}{value:>14}{target:>14}  {'ok' if ok else 'OVER'}")

    print(f"{'measure':<38}{'value':>14}{'target':>14}")
    row(
        "make test (s)",
        f"{suite:.0f}",
        f"≤ {TARGETS['test_s']:.0f}",
        suite <= TARGETS["test_s"],
    )
    row(
        "cold build (s)",
        f"{cold:.1f}",
        f"≤ {TARGETS['cold_s']:.0f}",
        cold <= TARGETS["cold_s"],
    )
    for stage, seconds in stages.items():
        row(f"  {stage} (s)", f"{seconds:.1f}", "", True)
    row("cold build, English alone (s)", f"{english_only:.1f}", "", True)
    ratio = cold / english_only
    row(
        "  both editions / English alone",
        f"{ratio:.2f}",
        f"≤ {TARGETS['editions_ratio']:.1f}",
        ratio <= TARGETS["editions_ratio"],
    )
    row(
        "no-change rebuild (s)",
        f"{no_change:.2f}",
        f"≤ {TARGETS['no_change_s']:.1f}",
        no_change <= TARGETS["no_change_s"],
    )
    row("data-edit rebuild (s)", f"{data_edit:.1f}", "", True)
    row("  shows the edited number", str(right_numbers), "True", right_numbers)
    row(
        "fresh clone to built book (s)",
        f"{fresh_clone:.0f}",
        f"≤ {TARGETS['fresh_clone_s']:.0f}",
        fresh_clone <= TARGETS["fresh_clone_s"],
    )
    for page, kb in weights.items():
        row(
            f"page {page} HTML (KB)",
            f"{kb['html']:.0f}",
            f"≤ {TARGETS['page_kb']:.0f}",
            kb["html"] <= TARGETS["page_kb"],
        )
    row(
        "shared vega bundle (KB)",
        f"{bundle_kb:.0f}",
        f"≤ {TARGETS['bundle_kb']:.0f}",
        bundle_kb <= TARGETS["bundle_kb"],
    )
    for page, visit in visits.items():
        budget = TARGETS["first_visit_heavy_kb" if visit["heavy"] else "first_visit_kb"]
        row(
            f"first visit {page} (KB gzip)",
            f"{visit['gzip_kb']:.0f}",
            f"≤ {budget:.0f}",
            visit["gzip_kb"] <= budget,
        )
    for page, seconds in charts.items():
        row(
            f"first chart {page} (s)",
            f"{seconds:.2f}",
            f"≤ {TARGETS['first_chart_s']:.0f}",
            seconds <= TARGETS["first_chart_s"],
        )
    print(f"shared files (KB, counted once): {json.dumps(shared)}")
    print(f"written to {out}")


if __name__ == "__main__":
    main()

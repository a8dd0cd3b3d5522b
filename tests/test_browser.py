"""The built book in a real browser (Debian's chromium driven by Playwright), offline.

Every page of the table of contents is opened with every other host unreachable: its charts
must render (Vega's marks drawn, no chart reporting an error), it must request nothing from
another host, and its console must stay free of errors. At 1280 px, axe-core must find no
serious or critical accessibility violation and every icon must be drawn; at 1280 px and at
390 px (a phone) nothing may be wider than the window, a table wider than its column must
scroll in a container of its own, no Chinese label may be set one character per line, and
the page shows one search entry (the sidebar's field, or the header's button on a phone). A
screenshot of each page at each width is written to ``_build/screenshots/`` for review. The
search page must find Chinese and English words. The phone's checks are in
``tests/test_browser_phone.py``, a file of their own so that they run beside these.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, toc_pages

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

CHART_TIMEOUT_MS = 20_000
SCREENSHOTS = ROOT / "_build" / "screenshots"
WIDE, PHONE = 1280, 390
SERIOUS = ("serious", "critical")  # axe-core's two highest impacts


def open_page(browser, url: str, width: int = WIDE):
    """Open ``url`` and return (page, problems): foreign requests, console errors, chart errors."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    local = urlsplit(url).netloc

    def on_request(request):
        netloc = urlsplit(request.url).netloc
        if request.url.startswith(("http:", "https:")) and netloc != local:
            problems.append(f"request to another host: {request.url}")

    page.on("request", on_request)
    page.on(
        "console",
        lambda msg: (
            msg.type == "error" and problems.append(f"console error: {msg.text}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(url, wait_until="load")
    return page, problems


def chart_problems(page) -> list[str]:
    """Wait for every chart to settle, then list the charts that show no Vega marks or an error."""
    page.wait_for_function(
        "[...document.querySelectorAll('figure.chengyu-chart')].every(f => f.dataset.rendered)",
        timeout=CHART_TIMEOUT_MS,
    )
    charts = page.evaluate(
        """[...document.querySelectorAll('figure.chengyu-chart')].map((f, i) => ({
            index: i,
            rendered: f.dataset.rendered,
            error: f.dataset.error || null,
            marks: f.querySelectorAll('.chengyu-chart-live svg [class*="mark-"] > *, .chengyu-chart-live canvas').length,
        }))"""
    )
    return [
        f"chart {c['index']}: {c['error'] or 'no marks drawn'}"
        for c in charts
        if c["rendered"] != "vega" or c["marks"] == 0
    ]


# axe-core as the lock in tests/axe pins it (`make test` installs it), not the older copy that
# axe-playwright-python bundles: 4.14 runs WCAG 2.5.3 "label in name" by default
AXE_SCRIPT = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def axe() -> Axe:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: `make test` installs it (npm ci)")
    return Axe(axe_script=AXE_SCRIPT.read_text(encoding="utf-8"))


def accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page: rule, impact, element, why."""
    # no preload: axe would fetch the theme's `@import "../basic.css"` against the page's address
    # rather than the stylesheet's, a 404 of its own making in the console
    options = {"resultTypes": ["violations"], "preload": False}
    violations = axe().run(page, options=options).response["violations"]
    return [
        f"axe {rule['id']} ({rule['impact']}) at {node['target']}: "
        + node["failureSummary"].replace("\n", " ")[:300]
        for rule in violations
        if rule["impact"] in SERIOUS
        for node in rule["nodes"]
    ]


def icon_problems(page) -> list[str]:
    """Icons the theme names (Font Awesome classes) that were not drawn (bookbuild/icons.py)."""
    return page.eval_on_selector_all(
        "i[class*='fa-'], span[class*='fa-']",
        "els => els.filter(e => !e.querySelector('svg.svg-inline--fa'))"
        ".map(e => `icon not drawn: ${e.className}`)",
    )


LAYOUT_PROBLEMS = """() => {
    const problems = [];
    const searches = [...document.querySelectorAll('.search-button__button')].filter(e =>
        e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility === 'visible');
    if (searches.length !== 1)
        problems.push(`${searches.length} search entries shown, not one`);
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
        problems.push(`page ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
    const scrolls = (element) => {
        for (let e = element.parentElement; e && e !== document.body; e = e.parentElement)
            if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true;
        return false;
    };
    for (const table of document.querySelectorAll('main table')) {
        if (table.getBoundingClientRect().width > table.parentElement.clientWidth + 1
                && !scrolls(table))
            problems.push(`table wider than its column, in no scroll container: `
                          + (table.id || table.className || table.rows[0]?.textContent.slice(0, 60)));
    }
    // three or more Chinese characters, each on a line of its own
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode;
        for (const run of text.textContent.matchAll(/[\u3400-\u9fff]{3,}/g)) {
            const range = document.createRange();
            range.setStart(text, run.index);
            range.setEnd(text, run.index + run[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            const where = text.parentElement.closest('table, figure, p, li, dt, dd, h1, h2, h3, div');
            if (lines.size >= run[0].length)
                problems.push(`"${run[0]}" set one character per line, in <${where.localName}`
                              + ` id="${where.id}" class="${where.className}">`);
        }
    }
    return problems;
}"""


def layout_problems(page) -> list[str]:
    """What does not fit the window: the page, wide tables without a scroll container, Chinese
    set one character per line; and more or fewer than one search entry in view."""
    return page.evaluate(LAYOUT_PROBLEMS)


def screenshot(page, page_name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / f"{page_name.replace('/', '_')}-{width}.png"),
        full_page=True,
    )


@pytest.mark.parametrize("page_name", toc_pages())
def test_page_renders_offline_with_its_charts_and_a_clean_console(
    browser, book_url, page_name
):
    page, problems = open_page(browser, f"{book_url}/{page_name}.html")
    problems += chart_problems(page)
    problems += accessibility_problems(page)
    problems += icon_problems(page)
    problems += layout_problems(page)
    screenshot(page, page_name, WIDE)
    page.close()
    assert problems == []


PRINT_PROBLEMS = """() => {
    const problems = [];
    const shown = (e) => e.getClientRects().length > 0;
    for (const selector of ['.bd-sidebar-primary', '.bd-sidebar-secondary', '.bd-header-article',
                            '.prev-next-area', 'button', '.chengyu-chart-download',
                            '.vega-embed > details'])
        for (const e of document.querySelectorAll(selector))
            if (shown(e)) problems.push(`printed: ${selector}`);
    for (const figure of document.querySelectorAll('figure.chengyu-chart'))
        if (!figure.querySelector(':scope > .chengyu-chart-live svg'))
            problems.push(`a chart is not printed as a vector: ${figure.ariaLabel}`);
    for (const sources of document.querySelectorAll('details.chengyu-chart-sources'))
        if (!sources.open) problems.push(`sources folded in print: ${sources.textContent.slice(0, 40)}`);
    for (const table of document.querySelectorAll('main table'))
        for (let e = table; e && e !== document.body; e = e.parentElement)
            if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                problems.push(`table cut off in print: ${table.id} in ${e.className}`);
    return problems;
}"""


def test_a_chapter_prints_its_text_charts_and_tables_only(browser, book_url):
    """Ctrl+P: no sidebars or buttons, charts as vectors with their sources, tables whole."""
    page, problems = open_page(browser, f"{book_url}/book/03-chain-coordination.html")
    problems += chart_problems(page)
    page.emulate_media(media="print")
    page.evaluate(
        "window.dispatchEvent(new Event('beforeprint'))"
    )  # as the browser does
    problems += page.evaluate(PRINT_PROBLEMS)
    page.close()
    assert problems == []


def test_chapters_have_charts(built_book):
    # guards the test above against passing vacuously on chapters that lost their charts
    for page_name in toc_pages(built_book):
        if Path(page_name).name[:2].isdigit():
            html = (built_book / "_build" / "html" / f"{page_name}.html").read_text(
                encoding="utf-8"
            )
            assert 'class="chengyu-chart"' in html, page_name


@pytest.mark.parametrize("query", ["成都", "产业协同", "coordination"])
def test_search_finds_chinese_and_english_words(browser, book_url, query):
    page, problems = open_page(browser, f"{book_url}/search.html?q={quote(query)}")
    page.wait_for_selector(
        "#search-results .search-summary, #search-results p", timeout=CHART_TIMEOUT_MS
    )
    page.wait_for_function(
        "!document.querySelector('#search-results h2') || document.querySelector('#search-results p')"
    )
    hits = page.locator("#search-results ul.search li").count()
    page.close()
    assert hits >= 1, f"no page found for {query!r}"
    assert problems == []


STATIC_TEXT_OUTSIDE = """svgs => svgs.flatMap(svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(t => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
    }).map(t => `${svg.parentElement.dataset.name}: "${t.textContent}"`);
})"""


def test_every_static_chart_keeps_its_text_within_its_edges(browser, built_book):
    """The static SVG of every chart, as JupyterLab, the PDF and a reader without JavaScript
    show it (the files beside the pages): no text is drawn beyond the chart's edge."""
    charts = sorted((built_book / "_build" / "html" / "book").glob("*.svg"))
    assert len(charts) >= 20
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_content(
        "<!doctype html><html><head><meta charset='utf-8'></head><body>"
        + "".join(
            f'<div data-name="{svg.name}">{svg.read_text(encoding="utf-8")}</div>'
            for svg in charts
        )
        + "</body></html>"
    )
    outside = page.eval_on_selector_all("div[data-name] > svg", STATIC_TEXT_OUTSIDE)
    page.close()
    assert outside == []


def test_the_accessibility_checker_is_axe_core_4_14_or_later(browser, book_url):
    page, _ = open_page(browser, f"{book_url}/book/index.html")
    axe().run(page, options={"runOnly": ["label-content-name-mismatch"]})
    version = page.evaluate("axe.version")
    page.close()
    assert tuple(map(int, version.split(".")[:2])) >= (4, 14), version


def test_icons_are_drawn_at_load_and_when_a_script_adds_them_later(browser, book_url):
    """bookbuild/icons.py's script: the page's icons have their SVG, and so does one that a
    script adds after load (as the theme's script gives its banners a close button), or whose
    class comes to name an icon."""
    page, problems = open_page(browser, f"{book_url}/book/index.html")
    assert page.locator("i.fa-magnifying-glass > svg.svg-inline--fa").count() >= 1
    problems += icon_problems(page)
    page.evaluate(
        """() => {
            const link = document.createElement("a"), icon = document.createElement("i");
            link.append(icon);
            icon.classList = "fa-solid fa-xmark";  // as pydata-sphinx-theme.js does
            icon.id = "added";
            document.body.append(link, Object.assign(document.createElement("i"), {id: "later"}));
        }"""
    )
    page.wait_for_selector(
        "#added > svg.svg-inline--fa", state="attached", timeout=2000
    )
    page.evaluate("document.getElementById('later').className = 'fa-solid fa-bars'")
    page.wait_for_selector(
        "#later > svg.svg-inline--fa", state="attached", timeout=2000
    )
    page.close()
    assert problems == []


# --- the checks catch what they are meant to catch ---------------------------------------


def tiny_page(directory: Path, body: str) -> None:
    """A page that loads the built book's chart scripts, with ``body`` as its content."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<link rel='icon' href='data:,'>"
        "<script src='vega-bundle.js'></script><script src='chengyu-charts.js'></script>"
        f"</head><body>{body}</body></html>",
        encoding="utf-8",
    )


def figure(spec: str) -> str:
    return (
        '<figure class="chengyu-chart"><div class="chengyu-chart-static"><svg></svg></div>'
        f'<script type="application/json" class="chengyu-chart-spec">{spec}</script></figure>'
    )


GOOD_SPEC = (
    '{"$schema":"https://vega.github.io/schema/vega-lite/v6.json","data":{"values":[{"x":1,"y":2},{"x":2,"y":3}]},'
    '"mark":"point","encoding":{"x":{"field":"x","type":"quantitative"},"y":{"field":"y","type":"quantitative"}}}'
)


@pytest.fixture
def tiny_site(built_book, tmp_path):
    static = built_book / "_build" / "html" / "_static"
    for name in ("vega-bundle.js", "chengyu-charts.js"):
        (tmp_path / "site").mkdir(exist_ok=True)
        shutil.copy(static / name, tmp_path / "site" / name)
    return tmp_path / "site"


def test_a_good_chart_on_a_tiny_page_passes(browser, serve, tiny_site):
    tiny_page(tiny_site, figure(GOOD_SPEC))
    page, problems = open_page(browser, serve(tiny_site) + "/index.html")
    problems += chart_problems(page)
    page.close()
    assert problems == []


def test_a_broken_chart_spec_is_caught(browser, serve, tiny_site):
    broken = GOOD_SPEC.replace('"mark":"point"', '"mark":"no-such-mark"')
    tiny_page(tiny_site, figure(broken))
    page, problems = open_page(browser, serve(tiny_site) + "/index.html")
    problems += chart_problems(page)
    page.close()
    assert any(p.startswith("chart 0:") for p in problems), problems


def test_an_external_script_is_caught(browser, serve, tiny_site):
    tiny_page(
        tiny_site,
        figure(GOOD_SPEC)
        + "<script src='https://cdn.jsdelivr.net/npm/vega@6'></script>",
    )
    page, problems = open_page(browser, serve(tiny_site) + "/index.html")
    page.close()
    assert any(
        p.startswith("request to another host: https://cdn.jsdelivr.net/")
        for p in problems
    ), problems

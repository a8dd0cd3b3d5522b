"""The English and the Chinese edition (中文版): one source, each page in both languages, the same
numbers on both, and a check that names any block without its counterpart (bookbuild/editions.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import pytest

from bookbuild import editions
from chengyu import charts, labels
from conftest import pasted_values

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "book").glob("*.md"))
CJK = re.compile(r"[\u3400-\u9fff]")

PAGE = """---
jupytext:
  text_representation: {format_name: myst}
---

+++ {"lang": "en"}

# Title

Chengdu's share is {eval}`share` and it {eval}`trend`; see {cite}`xiang2024`.

+++ {"lang": "zh"}

# 标题

成都市的比重为{eval}`share`，{eval}`trend_zh`；见{cite}`xiang2024`。

```{code-cell} ipython3
glue("share", 1.5)
```

+++

(sec-x)=
"""


def test_a_page_keeps_its_editions_cells_line_for_line_and_every_code_cell():
    english, chinese = editions.keep(PAGE, "en"), editions.keep(PAGE, "zh")
    assert english.count("\n") == chinese.count("\n") == PAGE.count("\n")
    assert "Chengdu's share" in english and "成都市" not in english
    assert "成都市的比重" in chinese and "Chengdu's share" not in chinese
    for edition in (english, chinese):
        assert 'glue("share", 1.5)' in edition and "(sec-x)=" in edition


def test_the_cells_are_read_as_jupytext_reads_them():
    kinds = [(c.kind, c.lang) for c in editions.cells(PAGE)]
    assert kinds == [
        ("header", None),
        ("markdown", "en"),
        ("markdown", "zh"),
        ("code", None),
        ("markdown", None),
    ]
    notebook = jupytext.reads(PAGE, fmt="md:myst")
    assert [c.metadata.get("lang") for c in notebook.cells] == ["en", "zh", None, None]


def test_editions_that_agree_have_no_drift():
    assert editions.drift(PAGE, "page.md") == []


def test_a_deleted_chinese_block_is_named():
    start = PAGE.index('+++ {"lang": "zh"}')
    deleted = PAGE[:start] + PAGE[PAGE.index("```{code-cell}") :]
    assert editions.drift(deleted, "page.md") == [
        "page.md:6: English cell without a Chinese counterpart after it"
    ]


def test_a_chinese_block_without_its_english_is_named():
    start = PAGE.index('+++ {"lang": "en"}')
    deleted = PAGE[:start] + PAGE[PAGE.index('+++ {"lang": "zh"}') :]
    assert editions.drift(deleted, "page.md") == [
        "page.md:6: Chinese cell without an English counterpart before it"
    ]


def test_a_chinese_block_that_quotes_other_numbers_or_works_is_named():
    changed = PAGE.replace("为{eval}`share`", '为{eval}`f"{share:.1f}"`').replace(
        "见{cite}`xiang2024`", "见{cite}`other2020`"
    )
    assert editions.drift(changed, "page.md") == [
        "page.md:12: the Chinese cell lacks values ['share']",
        "page.md:12: the Chinese cell has values its English one lacks ['f\"{share:.1f}\"']",
        "page.md:12: the Chinese cell lacks citations ['xiang2024']",
        "page.md:12: the Chinese cell has citations its English one lacks ['other2020']",
    ]


def test_prose_in_no_language_is_named():
    unmarked = PAGE + "\nA sentence for nobody.\n"
    assert editions.drift(unmarked, "page.md") == [
        'page.md:22: prose in no language: mark it +++ {"lang": "en"} and give it its'
        " Chinese counterpart"
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_has_both_editions_block_by_block(page):
    assert editions.drift(page.read_text(encoding="utf-8"), page.name) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_deleting_a_chinese_block_of_a_real_page_fails_the_check(page):
    text = page.read_text(encoding="utf-8")
    block = next(c for c in editions.cells(text) if c.lang == "zh")
    lines = text.split("\n")
    deleted = "\n".join(lines[: block.start] + lines[block.end :])
    assert any(
        "English cell without a Chinese counterpart" in problem
        for problem in editions.drift(deleted, page.name)
    )


def test_in_jupyterlab_each_prose_cell_says_its_language():
    """JupyterLab shows both languages, one cell each; each cell's metadata names its language."""
    notebook = jupytext.read(ROOT / "book" / "03-chain-coordination.md")
    prose = [
        c for c in notebook.cells if c.cell_type == "markdown" and c.source.strip()
    ]
    languages = [c.metadata.get("lang") for c in prose]
    assert set(languages) == {"en", "zh"} and languages.count("en") == languages.count(
        "zh"
    )


def test_the_link_to_the_other_edition_is_relative_to_the_page():
    assert (
        editions.counterpart_path("book/index", "en", "zh") == "../zh/book/index.html"
    )
    assert (
        editions.counterpart_path("book/index", "zh", "en") == "../../book/index.html"
    )
    assert editions.counterpart_path("search", "en", "zh") == "zh/search.html"


def test_an_output_in_both_languages_keeps_the_pages_own():
    both = labels.both("<p>Chart</p>", "<p>图</p>")
    assert (
        editions.keep_output(both, "en")
        == '<div class="chengyu-edition" lang="en"><p>Chart</p></div>'
    )
    assert (
        editions.keep_output(both, "zh")
        == '<div class="chengyu-edition" lang="zh-CN"><p>图</p></div>'
    )


def test_the_sitemap_names_each_page_in_both_editions(tmp_path):
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://example.org/b/book/index.html</loc></url></urlset>"
    )
    text = editions.sitemap(tmp_path, "https://example.org/b/", ["en", "zh"])
    assert re.findall(r"<loc>(.*?)</loc>", text) == [
        "https://example.org/b/book/index.html",
        "https://example.org/b/zh/book/index.html",
    ]
    assert (
        text.count('hreflang="zh-CN" href="https://example.org/b/zh/book/index.html"')
        == 2
    )


def test_chart_labels_are_translated_once_by_pattern_or_refused():
    assert labels.zh("Share of national GDP (%)") == "占全国GDP比重（%）"
    assert labels.zh("Each region's share of national GDP, 2020–2023") == (
        "各地区占全国GDP的比重，2020–2023"
    )
    assert labels.zh("Chengdu 成都市") == "成都市"
    assert labels.zh("中级协调 intermediate coordination") == "中级协调"
    assert labels.zh("Chengdu–Chongqing") == "成都市–重庆市"
    assert labels.zh("Weight, Chongqing Municipality") == "权重，重庆市"
    assert labels.zh("2020") == "2020"
    with pytest.raises(KeyError, match="no Chinese for the label 'Unheard of'"):
        labels.zh("Unheard of")


def test_a_table_has_its_headers_in_chinese():
    html = '<table><tr><th class="col">Region</th><th>2020</th></tr><tr><td>x</td></tr></table>'
    assert labels.headers_zh(html) == (
        '<table><tr><th class="col">地区</th><th>2020</th></tr><tr><td>x</td></tr></table>'
    )


def test_a_chart_in_chinese_has_chinese_titles_categories_and_csv_header():
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame(
        {
            "year": [2020, 2021],
            "share": [1.0, 2.0],
            "region_label": ["Chengdu 成都市"] * 2,
        }
    )
    chart = charts.finish(
        charts.line(frame, "year", "share", "region_label", y_title="Share (%)"),
        title="GDP, 2020–2021",
        source="National Bureau of Statistics: 统计公报",
        name="test-chart",
    )
    spec = charts.localised(chart.to_dict())
    assert spec["title"] == "地区生产总值，2020–2021"
    assert spec["usermeta"]["chengyu"]["source"] == "国家统计局：统计公报"
    rows = next(iter(spec["datasets"].values()))
    assert {row["region_label"] for row in rows} == {"成都市"}
    assert charts.chart_data_csv(spec, "zh").splitlines()[0] == "年份,比重,地区"
    assert isinstance(chart, alt.TopLevelMixin)


# --- the built book ----------------------------------------------------------------------


def english_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "book").glob("*.html"))


def test_every_english_page_links_to_its_chinese_counterpart_and_back(built_book):
    site = built_book / "_build" / "html"
    pages = english_pages(site)
    assert len(pages) == len(PAGES)
    for page in pages:
        chinese = site / "zh" / "book" / page.name
        english_html, chinese_html = page.read_text("utf-8"), chinese.read_text("utf-8")
        assert (
            '<html lang="en"' in english_html and '<html lang="zh-CN"' in chinese_html
        )
        for html, own, other in (
            (english_html, page, chinese),
            (chinese_html, chinese, page),
        ):
            switch = re.search(
                r'class="[^"]*chengyu-language-switch" href="([^"]+)"', html
            )
            assert switch and (own.parent / switch[1]).resolve() == other.resolve()
            alternates = dict(
                re.findall(
                    r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html
                )
            )
            assert {(own.parent / href).resolve() for href in alternates.values()} == {
                page.resolve(),
                chinese.resolve(),
            }
        assert '<meta name="citation_language" content="zh-CN"' in chinese_html


def _by_name(page: Path) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    html = page.read_text("utf-8")
    for name, text in re.findall(
        r'<span class="pasted-text glued-(\w+)">(.*?)</span>', html, flags=re.S
    ):
        values.setdefault(name, []).append(re.sub(r"\s+", " ", text))
    return values


# a number, not an English ordinal ("the 4th census" is 第四次 in Chinese)
def _unnamed(page: Path) -> list[str]:
    return re.findall(
        r'<span class="pasted-text">(.*?)</span>', page.read_text("utf-8")
    )


NUMBER = re.compile(r"[−+-]?\d+(?:,\d{3})*(?:\.\d+)?(?!\d|st\b|nd\b|rd\b|th\b)")


def test_a_chinese_page_carries_every_inline_number_of_its_english_page(built_book):
    """Page by page: each value the English prose quotes is on the Chinese page, the same
    text; a text value the Chinese quotes as ``x_zh`` holds the same numbers as ``x``."""
    site = built_book / "_build" / "html"
    compared = 0
    for page in english_pages(site):
        english, chinese = _by_name(page), _by_name(site / "zh" / "book" / page.name)
        # values glued on another page ({glue:text}) carry no name: the same ones on both
        other_pages = [_unnamed(page), _unnamed(site / "zh" / "book" / page.name)]
        assert sorted(other_pages[0]) == sorted(other_pages[1]), page.name
        assert len(pasted_values(page)) == sum(map(len, english.values())) + len(
            other_pages[0]
        )
        for name, shown in english.items():
            if name in chinese:
                assert set(chinese[name]) == set(shown), (page.name, name)
            else:
                assert f"{name}_zh" in chinese, (
                    f"{page.name}: {name} is not on the Chinese page"
                )
                assert sorted(
                    NUMBER.findall(" ".join(chinese[f"{name}_zh"]))
                ) == sorted(NUMBER.findall(" ".join(shown))), (page.name, name)
            compared += 1
        assert not {n for n in chinese if not n.endswith("_zh")} - set(english), (
            page.name
        )
    assert compared > 400


def test_the_chinese_editions_charts_and_their_data_are_labelled_in_chinese(built_book):
    site = built_book / "_build" / "html" / "zh" / "book"
    specs = [
        json.loads(match.replace("<\\/", "</"))
        for page in site.glob("*.html")
        for match in re.findall(
            r'<script type="application/json" class="chengyu-chart-spec">(.*?)</script>',
            page.read_text("utf-8"),
            flags=re.S,
        )
    ]
    assert len(specs) >= 20
    for spec in specs:
        title = (
            spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
        )
        assert CJK.search(title), title
    headers = [p.read_text("utf-8").splitlines()[0] for p in site.glob("*.csv")]
    chinese_columns = set(labels.COLUMNS_ZH.values())
    assert headers and all(set(h.split(",")) <= chinese_columns for h in headers), (
        headers
    )
    # tables: each header cell in Chinese (Table 1's: 增加值（亿元）, 城市, the years)
    cells = re.findall(
        r"<th\b[^>]*>([^<]*)</th>", (site / "02-structure.html").read_text("utf-8")
    )
    assert "增加值（亿元）" in cells and "城市" in cells
    assert not set(cells) & (set(labels.ZH) - set(labels.ZH.values())), cells
    english = (built_book / "_build" / "html" / "book" / "02-structure.html").read_text(
        "utf-8"
    )
    assert 'lang="zh-CN" hidden' not in english and "chengyu-edition:zh" not in english


def test_the_chinese_search_finds_the_fields_terms(built_book):
    index = (built_book / "_build" / "html" / "zh" / "searchindex.js").read_text(
        "utf-8"
    )
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    for word in ("区位熵", "产业结构相似系数"):
        assert word in terms, word

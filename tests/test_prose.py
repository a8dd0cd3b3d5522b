"""No number typed twice: the prose of every page quotes its numbers from code (glue), never by hand.

Numbers that are words, not data, are allowed: years as labels, the paper's section, table and
reference numbers, an index's base ("2019 = 100"), "100 million yuan" (the unit 亿元), "UTF-8",
the licence "CC BY 4.0" and the numbers of a numbered list. Maths, code, roles and inline code
are not prose; constants such as "above one" are written as words.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, toc_pages

ALLOWED = (
    r"(19|20)\d\d|§\d+(\.\d+)*|Tables? \d( and \d)?|表 ?\d|\[\d+\]|= 100\b|100 million yuan|UTF-8"
    r"|CC BY 4\.0|(?m:^\d+\.(?= ))"
)


def prose(text: str) -> str:
    """A page's narrative: no front matter, code cells, directives' options, maths, roles or inline code."""
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    # code cells, code blocks and plain fences (```console, ```csv), not directives' prose
    text = re.sub(
        r"```(\{code-cell\}|\{code-block\}|[a-z]*\n).*?```", " ", text, flags=re.S
    )
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = re.sub(r"\{[a-z:-]+\}`[^`]*`", " ", text)
    text = re.sub(r"^:[a-z-]+:.*$", " ", text, flags=re.M)
    return re.sub(r"`[^`]*`", " ", text)


def typed_numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d.,]*", re.sub(ALLOWED, " ", prose(text)))


@pytest.mark.parametrize("page", toc_pages())
def test_the_page_types_no_number_in_its_prose(page):
    assert typed_numbers((ROOT / f"{page}.md").read_text(encoding="utf-8")) == []


def test_the_prose_scanner_finds_a_typed_number():
    sample = "---\nx\n---\nShares were 3.7 in 2020 ($x_1$) and {glue:text}`a:.1f`.\n```{code-cell} ipython3\ny = 5\n```\n"
    assert typed_numbers(sample) == ["3.7"]


CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"


@pytest.mark.parametrize(
    "page", sorted((ROOT / "book").glob("*.md")), ids=lambda p: p.stem
)
def test_no_line_breaks_inside_chinese_text(page):
    """A line break in Markdown renders as a space, and Chinese has none: "竞争\\n优势" would
    show as "竞争 优势" inside a quotation of the paper."""
    text = page.read_text(encoding="utf-8")
    breaks = [
        f"line {text[: m.start()].count(chr(10)) + 1}: {m.group(0)!r}"
        for m in re.finditer(CJK + r"\n[ \t]*" + CJK, text)
    ]
    assert breaks == []

"""The book's Chinese and English search index (bookbuild/search.py) holds Sphinx's own words.

Every text of every built page is split and stemmed by Sphinx's Chinese indexer
(``sphinx.search.zh.SearchChinese``) and by the book's linear one: the words must be the same,
in the same order.
"""

from __future__ import annotations

from html.parser import HTMLParser

from sphinx.search.zh import SearchChinese

from bookbuild.search import LinearSearchChinese
from conftest import ROOT, toc_pages

OPTIONS = {"dict": str(ROOT / "book" / "search-words.txt")}


class Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data)


def test_the_linear_indexer_splits_and_stems_every_text_of_the_book_as_sphinx_does(
    built_book,
):
    parser = Texts()
    for page in toc_pages(built_book):
        parser.feed(
            (built_book / "_build" / "html" / f"{page}.html").read_text("utf-8")
        )
    assert len(parser.texts) > 1000
    sphinx, linear = SearchChinese(OPTIONS), LinearSearchChinese(OPTIONS)
    words: dict[str, None] = {}
    # each distinct text once: every page repeats the navigation's, and a text splits the same
    # wherever it is (Sphinx's splitter is quadratic in the words it has seen)
    for text in dict.fromkeys(parser.texts):
        split = sphinx.split(text)
        assert linear.split(text) == split, text
        words.update(dict.fromkeys(split))
    # Sphinx's list of Latin words, without repeats: the same answers to `in`, in less time
    sphinx.latin_terms[:] = dict.fromkeys(sphinx.latin_terms)
    assert set(sphinx.latin_terms) == linear.latin_terms
    assert {w: linear.stem(w) for w in words} == {w: sphinx.stem(w) for w in words}

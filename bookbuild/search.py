"""The search index for Chinese and English (``html_search_language: zh``), built in linear time.

Sphinx's Chinese indexer (``sphinx.search.zh.SearchChinese``, Sphinx 7.4) keeps every Latin word
it has split in a list, which grows with the book, and asks of each word it stems whether the
word is in that list: the index took 2.6 of a cold build's 9.6 s in Sphinx. The same index is
made here with a set of those words, with the English stemmer's results remembered, and with
jieba's segmentation of each run of word characters remembered (jieba segments a text run by
run, so the words are the same); a test compares the index with Sphinx's own, page by page.
"""

from __future__ import annotations

from functools import lru_cache

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.search import languages
from sphinx.search.zh import JIEBA, SearchChinese

if JIEBA:
    import jieba

SPHINX_CLASS = "sphinx.search.zh.SearchChinese"


class LinearSearchChinese(SearchChinese):
    """``SearchChinese`` with a set of Latin words and a remembering stemmer; same results."""

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        # an instance's own, where Sphinx shares a list on the class
        self.latin_terms = set()
        self._stem_word = lru_cache(maxsize=None)(self.stemmer.stemWord)
        self._cut_block = lru_cache(maxsize=None)(
            lambda block: tuple(jieba.cut_for_search(block))
        )

    def split(self, input: str) -> list[str]:
        chinese = self._cut_for_search(input) if JIEBA else []
        latin1 = [term.strip() for term in self.latin1_letters.findall(input)]
        self.latin_terms.update(latin1)
        return chinese + latin1

    def _cut_for_search(self, text: str) -> list[str]:
        """``jieba.cut_for_search(text)``, block by block as jieba cuts it, each word block cut
        once: a book repeats its words ("the", "Chengdu", 成渝) in thousands of text nodes."""
        words: list[str] = []
        for block in jieba.re_han_default.split(text):
            if not block:
                continue
            if jieba.re_han_default.match(block):
                words.extend(self._cut_block(block))
                continue
            for part in jieba.re_skip_default.split(block):
                if jieba.re_skip_default.match(part):
                    words.append(part)
                else:
                    words.extend(part)  # jieba yields the rest one character at a time
        return words

    def stem(self, word: str) -> str:
        lowered = word.lower()
        stemmed = self._stem_word(lowered)
        if word in self.latin_terms and len(word) >= 3 and len(stemmed) < 3:
            return lowered
        return stemmed


def setup(app: Sphinx) -> dict:
    # a second build in the same process (the Chinese edition) finds it replaced already
    if languages.get("zh") not in (SPHINX_CLASS, LinearSearchChinese):
        raise ExtensionError(
            f"bookbuild.search replaces Sphinx's Chinese indexer {SPHINX_CLASS}, but Sphinx now"
            f" names {languages.get('zh')!r}: check that the replacement still fits"
        )
    languages["zh"] = LinearSearchChinese
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""The PDF's bookmarks carry their headings' text (bookbuild/pdf.py). The broken titles below
are the ones Chromium 156 wrote for this book's headings, read back with pypdf."""

from __future__ import annotations

import pytest

from bookbuild.pdf import repeats

SHIFT_SHARE = (
    "Shift-share: national growth, industry mix and the cities’ own performance"
)


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("Glossary", "Glossary"),
        # a heading that wraps loses the space at the break
        (
            "Chain coordination (产业链协同): what Table 2 can andcannot show",
            "Chain coordination (产业链协同): what Table 2 can and cannot show",
        ),
        # …and may come out twice
        ("After the paperAfter the paper", "After the paper"),
        # …or after a copy of its first line
        (
            "Shift-share: national growth, industry mix and the cities’ own"
            "Shift-share: national growth, industry mix and the cities’ ownperformance",
            SHIFT_SHARE,
        ),
    ],
)
def test_a_bookmark_written_from_a_headings_lines_is_recognised(title, heading):
    assert repeats(title, heading)


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("After the paper", "Beyond the paper"),
        ("Caveats", "After the paper"),
        (
            "The paperAfter the paper",
            "After the paper",
        ),  # "The paper" does not begin it
        ("", "After the paper"),
    ],
)
def test_another_headings_bookmark_is_not(title, heading):
    assert not repeats(title, heading)

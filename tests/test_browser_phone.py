"""Every page of the built book on a phone (390 px), offline: its charts render, axe-core finds
no serious or critical accessibility violation, nothing is wider than the window, no Chinese
label is set one character per line, one search entry shows.

The browser and the server are the fixtures of ``tests/conftest.py``, the checks those of
``tests/test_browser.py``.
"""

from __future__ import annotations

import pytest
from test_browser import (
    PHONE,
    accessibility_problems,
    chart_problems,
    layout_problems,
    open_page,
    screenshot,
)

from conftest import toc_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_name", toc_pages())
def test_page_fits_a_phone(browser, book_url, page_name):
    page, problems = open_page(browser, f"{book_url}/{page_name}.html", PHONE)
    problems += chart_problems(page)
    problems += accessibility_problems(page)
    problems += layout_problems(page)
    screenshot(page, page_name, PHONE)
    page.close()
    assert problems == []

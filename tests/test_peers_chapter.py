"""The peers chapter (book/05-peers.md) as built: its chart data against an independent
recomputation from data/value_added.csv, with the formulas written out here (not the package's).
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build

SECTORS = ("primary", "secondary", "tertiary")
MEASURES = {
    "similarity": "Structural similarity coefficient",
    "krugman": "Krugman index",
}


def splits() -> dict[tuple[str, int], tuple[float, float, float]]:
    """{(region, year): (primary, secondary, tertiary)} straight from the CSV file."""
    cells = defaultdict(dict)
    with open(ROOT / "data" / "value_added.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cells[(row["region"], int(row["year"]))][row["sector"]] = float(
                row["value"]
            )
    return {
        key: tuple(v[s] for s in SECTORS) for key, v in cells.items() if len(v) == 3
    }


def shares(values) -> list[float]:
    return [v / sum(values) for v in values]


def similarity(a, b) -> float:
    sa, sb = shares(a), shares(b)
    dot = sum(x * y for x, y in zip(sa, sb, strict=True))
    return dot / math.sqrt(sum(x * x for x in sa) * sum(y * y for y in sb))


def krugman(a, b) -> float:
    return sum(abs(x - y) for x, y in zip(shares(a), shares(b), strict=True))


@pytest.fixture(scope="module")
def chart_rows(built_book) -> list[dict]:
    path: Path = built_book / "_build" / "html" / "book" / "05-peers-peer-measures.csv"
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_every_pairs_similarity_and_krugman_index_equal_a_recomputation_to_four_decimals(
    chart_rows,
):
    names = {}
    with open(ROOT / "data" / "regions.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names[
                row["name_en"].removesuffix(" Municipality").removesuffix(" Province")
            ] = row["id"]
    data = splits()
    checked = defaultdict(set)
    for row in chart_rows:
        if row["value"] == "" or row["measure"] not in MEASURES.values():
            continue
        a, b = (names[n] for n in row["pair"].split("–"))
        year = int(row["year"])
        formula = similarity if row["measure"] == MEASURES["similarity"] else krugman
        expected = formula(data[(a, year)], data[(b, year)])
        assert float(row["value"]) == pytest.approx(expected, abs=5e-5), (row, expected)
        checked[row["pair"]].add(year)
    # the focus pair and its peers, three or more of them with three or more common years
    assert "Chengdu–Chongqing" in checked
    assert (
        sum(
            len(years) >= 3
            for pair, years in checked.items()
            if pair != "Chengdu–Chongqing"
        )
        >= 3
    )

"""The study definition, data/study.yml: loaded as a typed object, checked against the data.

Each bad study.yml is written into a copy of the data package; `chengyu check` must exit 1 with
the exact `study.yml: FIELD: what is wrong` line and leave the file as it was.
"""

from __future__ import annotations

import dataclasses

import pytest

from chengyu import data, study
from chengyu.cli import main
from chengyu.study import Study, load_study

FRAMES = data.load_all()
STUDY = load_study(FRAMES)


def check(directory, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(directory)])
    return code, capsys.readouterr().out.splitlines()


def test_the_books_study_is_the_papers_pair_against_the_nation_on_the_papers_window():
    assert STUDY.focus == ("chengdu", "chongqing")
    assert STUDY.benchmark == "china"
    assert STUDY.comparators == ()
    assert STUDY.paper_years == (2020, 2023)
    assert STUDY.paper_window == (2020, 2021, 2022, 2023)


def test_the_analysis_window_is_every_year_the_focus_and_the_benchmark_all_have_three_sectors():
    # Chengdu's split covers 2020-2023 only; China has 2015-2023 and 2025; Chongqing adds 2016
    assert STUDY.analysis_years == (2020, 2021, 2022, 2023)
    assert STUDY.window_label == "2020–2023" and STUDY.after_paper == ()


def test_years_after_the_paper_are_labelled_and_periods_cover_them():
    later = dataclasses.replace(STUDY, analysis_years=(2020, 2021, 2022, 2023, 2024))
    assert later.after_paper == (2024,)
    assert later.year_label(2024) == "2024 (after the paper)"
    assert later.year_label(2023) == "2023"
    assert later.periods() == [
        (2020, 2021), (2021, 2022), (2022, 2023), (2023, 2024), (2020, 2024), (2020, 2023),
    ]  # fmt: skip


def test_a_comparators_missing_years_are_named_not_filled():
    frame = FRAMES["value_added"]
    assert study.missing_years(frame, "chongqing", range(2015, 2018)) == [2015, 2017]
    with_sichuan = Study(
        ("chengdu", "chongqing"),
        "china",
        ("chengyu_circle",),
        (2020, 2023),
        (),
        (2020, 2021, 2022, 2023),
    )
    labels = {"chengyu_circle": "the circle"}
    assert study.gaps_note(with_sichuan, frame, labels) == (
        "The data package has no three-sector split for the circle in 2020, 2021 and 2023: "
        "those years are left empty for that region, not estimated."
    )
    assert study.gaps_note(STUDY, frame, labels) == ""
    assert study.gaps_note(with_sichuan, frame, {"chengyu_circle": "经济圈"}, "zh") == (
        "数据包中没有经济圈2020、2021和2023年的三次产业增加值：图表中这些年份留空，不作估算。"
    )


GOOD = "focus: [chengdu, chongqing]\nbenchmark: china\ncomparators: []\npaper_years: [2020, 2023]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("comparators: []", "comparators: [beijng]"),
         "study.yml: comparators: 'beijng' is not a region in regions.csv"),
        (GOOD.replace("comparators: []", "comparators: [xian]"),
         "study.yml: comparators: 'xian' has no rows in value_added.csv"),
        (GOOD.replace("[2020, 2023]", "[2023, 2020]"),
         "study.yml: paper_years: the window runs backwards (2023 > 2020); write [2020, 2023]"),
        (GOOD.replace("[2020, 2023]", "[2020, 2023a]"),
         "study.yml: paper_years: '2023a' is not a year"),
        (GOOD.replace("[2020, 2023]", "[2020]"),
         "study.yml: paper_years: expected [first year, last year], e.g. [2020, 2023], got [2020]"),
        (GOOD.replace("[2020, 2023]", "[2019, 2023]"),
         "study.yml: paper_years: chengdu lacks the three sectors in 2019 (the paper's tables are reproduced on this window)"),
        (GOOD.replace("focus: [chengdu, chongqing]", "focus: [chengdu]"),
         "study.yml: focus: expected two regions (a pair), got 1"),
        (GOOD.replace("benchmark: china", "benchmark: [china]"),
         "study.yml: benchmark: expected one region id, e.g. china, got ['china']"),
        (GOOD.replace("comparators: []", "comparators: [china]"),
         "study.yml: comparators: china already in focus or benchmark"),
        (GOOD + "regions: [chengdu]\n",
         "study.yml: regions: unknown key (expected focus, benchmark, comparators, paper_years, peer_pairs)"),
        (GOOD.replace("benchmark: china\n", ""), "study.yml: benchmark: missing"),
        (GOOD.replace("comparators: []", "comparators: [a, b"), "study.yml: not valid YAML at line 4"),
    ],
)  # fmt: skip
def test_a_bad_study_is_refused_with_field_and_reason_and_left_unchanged(
    data_copy, capsys, text, message
):
    # a region named in regions.csv before any of its figures are added (book/extend.md)
    regions = data_copy / "regions.csv"
    regions.write_text(
        regions.read_text(encoding="utf-8") + "xian,西安市,Xi'an,city\n",
        encoding="utf-8",
    )
    (data_copy / "study.yml").write_text(text, encoding="utf-8")
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out[0].startswith(message), out
    assert all(line.startswith("study.yml: ") for line in out), out
    assert (data_copy / "study.yml").read_text(encoding="utf-8") == text


def test_a_missing_study_file_is_named(data_copy, capsys):
    (data_copy / "study.yml").unlink()
    code, out = check(data_copy, capsys)
    assert code == 1 and out[0].startswith("study.yml: missing")


def test_the_loader_raises_the_same_lines(data_copy):
    (data_copy / "study.yml").write_text(
        GOOD.replace("[2020, 2023]", "[2023, 2020]"), encoding="utf-8"
    )
    with pytest.raises(data.DataError) as raised:
        load_study(data.load_all(data_copy), data_copy)
    assert raised.value.problems == [
        "study.yml: paper_years: the window runs backwards (2023 > 2020); write [2020, 2023]"
    ]


def test_more_comparators_than_the_charts_hold_are_refused(data_copy, capsys):
    regions = data_copy / "regions.csv"
    value_added = data_copy / "value_added.csv"
    extra = [f"extra_{c}" for c in "abcde"]
    regions.write_text(
        regions.read_text(encoding="utf-8")
        + "".join(f"{r},{r},{r},city\n" for r in extra),
        encoding="utf-8",
    )
    value_added.write_text(
        value_added.read_text(encoding="utf-8")
        + "".join(
            f"{r},2020,{s},1,100m_yuan,nbs_bulletin_2020,\n"
            for r in extra
            for s in data.SECTORS
        ),
        encoding="utf-8",
    )
    (data_copy / "study.yml").write_text(
        GOOD.replace("[]", f"[{', '.join(extra)}]"), encoding="utf-8"
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "study.yml: comparators: at most 4 (the charts show the focus pair and up to 4 more regions), got 5"
    ]

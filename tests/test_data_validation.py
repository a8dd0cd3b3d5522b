"""`chengyu check` and the loaders reject bad data with one line per problem: FILE:ROW: FIELD: what.

Each test breaks a copy of the real data package in one way a hand edit could, and asserts the
exit code and the exact location (file, spreadsheet row, field) of the message.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from chengyu import data, transcriptions
from chengyu.cli import main
from conftest import replace_in


def check(directory, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(directory)])
    return code, capsys.readouterr().out.splitlines()


def test_the_real_package_is_valid(capsys):
    code, out = check(data.data_dir(), capsys)
    assert code == 0
    assert out[-1].endswith(": valid")


def test_python_dash_m_runs_the_same_check():
    done = subprocess.run(
        [sys.executable, "-m", "chengyu", "check", str(data.data_dir())],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_non_numeric_value_is_named_by_file_row_and_field(data_copy, capsys):
    # row 2 of value_added.csv is China 2015 primary, 60863
    replace_in(
        data_copy / "value_added.csv",
        "china,2015,primary,60863,",
        "china,2015,primary,6O863,",
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == ["value_added.csv:2: value: '6O863' is not a number"]


def test_negative_value_is_rejected(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv",
        "china,2015,primary,60863,",
        "china,2015,primary,-60863,",
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "value_added.csv:2: value: -60863.0 is below the minimum 0 (negative)"
    ]


def test_duplicate_key_names_both_rows(data_copy, capsys):
    # make row 3 (China 2015 secondary) a second China 2015 primary
    replace_in(
        data_copy / "value_added.csv", "china,2015,secondary,", "china,2015,primary,"
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "value_added.csv:3: region,year,sector: duplicate key (china, 2015, primary), first at row 2"
    ]


def test_unknown_region_is_rejected(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv", "china,2015,primary,", "chinaa,2015,primary,"
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "value_added.csv:2: region: unknown region 'chinaa' (not in regions.csv)"
    ]


def test_unknown_sector_is_rejected(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv", "china,2015,primary,", "china,2015,quaternary,"
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "value_added.csv:2: sector: 'quaternary' is not one of primary, secondary, tertiary"
    ]


def test_unknown_source_id_is_rejected(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv",
        "60863,100m_yuan,nbs_gdp_release_2015",
        "60863,100m_yuan,nbs_gdp_release_2051",
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "value_added.csv:2: source: unknown source 'nbs_gdp_release_2051' (not in sources.csv)"
    ]


def test_missing_column_is_reported_on_the_header_row(data_copy, capsys):
    path = data_copy / "regions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(",".join(line.split(",")[:3]) for line in lines) + "\n",
        encoding="utf-8",
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert (
        out[0]
        == "regions.csv:1: level: column missing (the header is id,name_zh,name_en)"
    )


def test_renamed_column_is_reported_as_missing_and_unknown(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv",
        "region,year,sector,value,",
        "region,year,sector,valeu,",
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "value_added.csv:1: value: column missing (the header is region,year,sector,valeu,unit,source,note)",
        "value_added.csv:1: valeu: unknown column (expected region,year,sector,value,unit,source,note)",
    ]


def test_empty_file_is_rejected(data_copy, capsys):
    (data_copy / "indicators.csv").write_bytes(b"")
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        "indicators.csv:1: the file is empty (expected the header series,region,year,value,unit,source,basis,note)"
    ]


def test_year_that_is_not_a_whole_number_is_rejected(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv", "china,2015,primary,", "china,2015.5,primary,"
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == ["value_added.csv:2: year: '2015.5' is not a whole number"]


def test_file_that_is_not_utf8_is_named(data_copy, capsys):
    path = data_copy / "regions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    code, out = check(data_copy, capsys)
    assert code == 1
    assert len(out) == 1
    assert out[0].startswith("regions.csv: not UTF-8 text (byte 0x")
    assert "save the file as UTF-8" in out[0]


def test_bom_and_crlf_as_spreadsheets_save_them_are_valid_and_left_untouched(
    data_copy, capsys
):
    path = data_copy / "value_added.csv"
    saved = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(saved)
    code, out = check(data_copy, capsys)
    assert code == 0, out
    assert path.read_bytes() == saved  # validation never rewrites a data file


def test_missing_required_value_is_rejected(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv",
        "china,2015,primary,60863,100m_yuan,nbs_gdp_release_2015",
        "china,2015,primary,,100m_yuan,nbs_gdp_release_2015",
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == ["value_added.csv:2: value: value missing"]


def test_every_problem_is_listed_not_just_the_first(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv",
        "china,2015,primary,60863,",
        "china,2015,primary,abc,",
    )
    replace_in(data_copy / "indicators.csv", ",chengdu,2022,", ",chengdo,2022,")
    code, out = check(data_copy, capsys)
    assert code == 1
    assert len(out) == 2
    assert out[0].startswith("value_added.csv:2: value:")
    assert (
        out[1].startswith("indicators.csv:")
        and ": region: unknown region 'chengdo'" in out[1]
    )


def test_loader_raises_one_error_type_with_the_same_messages(data_copy, capsys):
    replace_in(
        data_copy / "value_added.csv",
        "china,2015,primary,60863,",
        "china,2015,primary,6O863,",
    )
    _, out = check(data_copy, capsys)
    with pytest.raises(data.DataError) as raised:
        data.load("value_added", data_copy)
    assert raised.value.problems == out
    assert "value_added.csv:2: value: '6O863' is not a number" in str(raised.value)


def test_loader_reads_typed_columns():
    value_added = data.load("value_added")
    assert str(value_added["year"].dtype) == "int64"
    assert str(value_added["value"].dtype) == "float64"
    assert set(value_added["sector"]) == set(data.SECTORS)


def test_incomplete_sector_split_is_an_error_not_a_gap(data_copy):
    path = data_copy / "value_added.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(
            line for line in lines if not line.startswith("chengdu,2021,secondary,")
        ),
        encoding="utf-8",
    )
    frame = data.load("value_added", data_copy)
    with pytest.raises(
        data.DataError, match="chengdu: sector missing for 2021 secondary"
    ):
        data.by_sector(frame, "chengdu")


# --- what chengyu check implements, and what it refuses to pretend it checked ------------------


def edit_descriptor(directory, edit) -> None:
    path = directory / data.DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    edit(descriptor)
    path.write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def field(descriptor: dict, resource: str, name: str) -> dict:
    (found,) = [
        f
        for r in descriptor["resources"]
        if r["name"] == resource
        for f in r["schema"]["fields"]
        if f["name"] == name
    ]
    return found


def as_date(descriptor: dict) -> None:
    field(descriptor, "policies", "date").update(type="date", constraints={})


def impossible_date(directory) -> None:
    """Declare policies.date a Table Schema date, give every row a full date and row 3 2021-13-45."""
    path = directory / "policies.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    rows = [
        re.sub(r"^[^,]*,", "2021-13-45," if i == 1 else "2021-11-16,", row)
        for i, row in enumerate(rows)
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    edit_descriptor(directory, as_date)


def test_a_date_field_holding_an_impossible_date_is_refused_with_file_row_and_field(
    data_copy, capsys
):
    impossible_date(data_copy)
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == ["policies.csv:3: date: '2021-13-45' is not a date (YYYY-MM-DD)"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: field(d, "policies", "date").update(type="datetime"),
            "datapackage.json: resources[policies].schema.fields[date]: type 'datetime' is not checked by chengyu check",
        ),
        (
            lambda d: (
                field(d, "regions", "name_en")
                .setdefault("constraints", {})
                .update(minLength=3)
            ),
            "datapackage.json: resources[regions].schema.fields[name_en]: constraint 'minLength' on a string field is not checked",
        ),
        (
            lambda d: field(d, "sources", "published").update(format="email"),
            "datapackage.json: resources[sources].schema.fields[published]: field property 'format' is not checked",
        ),
        (
            lambda d: d["resources"][0].update(dialect={"delimiter": ";"}),
            "datapackage.json: resources[regions]: resource property 'dialect' is not checked",
        ),
        (
            lambda d: d["resources"][0].update(encoding="gbk"),
            "datapackage.json: resources[regions]: encoding 'gbk' is not checked",
        ),
        (
            lambda d: d["resources"][0]["schema"].update(missingValues=["", "NA"]),
            "datapackage.json: resources[regions].schema: schema property 'missingValues' is not checked",
        ),
    ],
)
def test_a_schema_it_cannot_check_is_refused_never_passed(
    data_copy, capsys, edit, message
):
    edit_descriptor(data_copy, edit)
    code, out = check(data_copy, capsys)
    assert code == 1
    assert len(out) == 1 and out[0].startswith(message), out


BAD_PACKAGES = {
    "a non-number": lambda d: replace_in(
        d / "value_added.csv", "china,2015,primary,60863,", "china,2015,primary,6O863,"
    ),
    "a negative value": lambda d: replace_in(
        d / "value_added.csv", "china,2015,primary,60863,", "china,2015,primary,-60863,"
    ),
    "a duplicate key": lambda d: replace_in(
        d / "value_added.csv", "china,2015,secondary,", "china,2015,primary,"
    ),
    "an unknown region": lambda d: replace_in(
        d / "value_added.csv", "china,2015,primary,", "chinaa,2015,primary,"
    ),
    "a value outside the enum": lambda d: replace_in(
        d / "value_added.csv", "china,2015,primary,", "china,2015,primery,"
    ),
    "a missing required value": lambda d: replace_in(
        d / "value_added.csv", "china,2015,primary,60863,", "china,2015,primary,,"
    ),
    "an impossible date": impossible_date,
    "a type it does not implement": lambda d: edit_descriptor(
        d, lambda x: field(x, "policies", "title_en").update(type="object")
    ),
}


@pytest.mark.parametrize("breakage", BAD_PACKAGES)
def test_frictionless_and_chengyu_check_both_refuse_the_same_bad_package(
    data_copy, capsys, breakage
):
    from frictionless import Package

    BAD_PACKAGES[breakage](data_copy)
    assert not Package(str(data_copy / data.DESCRIPTOR)).validate().valid
    code, out = check(data_copy, capsys)
    assert code == 1 and out


def test_by_sector_with_years_gives_exactly_those_rows_or_names_the_missing_year():
    frame = data.load("value_added")
    assert list(data.by_sector(frame, "chongqing", [2023, 2020]).index) == [2023, 2020]
    with pytest.raises(ValueError, match=r"no figures for 'chengdu' in \[2019\]"):
        data.by_sector(frame, "chengdu", [2019, 2020])


# --- splits that add up, and tier C (chengyu.transcriptions) ------------------------------
# Tianjin's rows in the package: 2020 from a named outlet (tier B), 2021-2025 transcriptions
# of the bulletins (tier C), each with the GDP that the same transcription gives.


def row_of(path, start: str) -> int:
    """The spreadsheet row (header = 1) of the line that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    (row,) = [n for n, line in enumerate(lines, start=1) if line.startswith(start)]
    return row


def test_the_package_holds_tier_c_splits_and_they_pass_their_checks(capsys):
    frames = data.load_all()
    tiers = frames["value_added"]["source"].map(
        frames["sources"].set_index("id")["tier"]
    )
    assert (tiers == "C").sum() > 0
    code, _ = check(data.data_dir(), capsys)
    assert code == 0


def test_a_tier_c_split_that_does_not_add_up_to_its_gdp_is_refused(data_copy, capsys):
    # a transcription error: Tianjin 2021 tertiary 9615.37 read as 9651.37 (+36)
    replace_in(data_copy / "value_added.csv", "tertiary,9615.37,", "tertiary,9651.37,")
    code, out = check(data_copy, capsys)
    first = row_of(data_copy / "value_added.csv", "tianjin,2021,primary")
    gdp = row_of(data_copy / "indicators.csv", "gdp,tianjin,2021,")
    assert code == 1
    assert out == [
        f"value_added.csv:{first}, {first + 1}, {first + 2}: value: the split of tianjin "
        "2021 adds up to 15,731.05, not to the GDP 15,695.00 published for it "
        f"(indicators.csv:{gdp}, tj_bulletin_2021); check the transcription, or the "
        "vintages of the two"
    ]


def test_a_sector_off_by_five_is_refused_whatever_the_tier(data_copy, capsys):
    # Chongqing 2022 (cq_bulletin_2022, tier B): secondary 11693.86 → 11698.86
    replace_in(
        data_copy / "value_added.csv", "secondary,11693.86,", "secondary,11698.86,"
    )
    code, out = check(data_copy, capsys)
    assert code == 1
    assert len(out) == 1 and "the split of chongqing 2022 adds up to" in out[0]


def test_a_tier_c_split_without_a_gdp_to_check_it_is_refused(data_copy, capsys):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith("gdp,tianjin,2022,")),
        encoding="utf-8",
    )
    code, out = check(data_copy, capsys)
    first = row_of(data_copy / "value_added.csv", "tianjin,2022,primary")
    assert code == 1
    assert out == [
        f"value_added.csv:{first}: source: the tier-C split of tianjin 2022 "
        "(tj_bulletin_2022) needs the GDP that tj_bulletin_2022 gives (or an A or B "
        "release), as a row of indicators.csv (series gdp, tianjin, 2022)"
    ]


def test_a_tier_c_split_may_lean_on_an_a_or_b_gdp_that_it_agrees_with(
    data_copy, capsys
):
    # the 2022 GDP credited to the tier-B release instead of the transcription: same number
    replace_in(
        data_copy / "indicators.csv",
        "gdp,tianjin,2022,16311.34,100m_yuan,tj_bulletin_2022,",
        "gdp,tianjin,2022,16311.34,100m_yuan,tj_economy_release_2020,",
    )
    code, _ = check(data_copy, capsys)
    assert code == 0


def test_the_rounding_allowed_is_two_units_of_the_coarsest_printed_decimal():
    assert transcriptions.decimals(210.18) == 2 and transcriptions.decimals(15695) == 0
    assert transcriptions.tolerance([225.41, 5854.27, 9615.37, 15695]) == 2
    assert transcriptions.tolerance(
        [6056.6, 21306.7, 32769.5, 60132.9]
    ) == pytest.approx(0.2)


def test_a_tier_c_source_must_say_where_it_was_read(data_copy, capsys):
    path = data_copy / "sources.csv"
    row = row_of(path, "tj_bulletin_2023,")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[row - 1] = lines[row - 1].rsplit(",", 1)[0] + ",\n"
    path.write_text("".join(lines), encoding="utf-8")
    code, out = check(data_copy, capsys)
    assert code == 1
    assert out == [
        f"sources.csv:{row}: where_read: a tier-C source must say where "
        "its figures were read (a page, or a repository, commit and path)"
    ]

"""Locate, validate and load the book's data package (``data/``).

The Frictionless descriptor ``data/datapackage.json`` is the single statement of what a valid
file looks like: column names, types, ``required``, ``minimum``/``maximum``, ``enum``,
``pattern``, ``unique``, ``primaryKey`` and ``foreignKeys``. This module checks the CSV files
against it with no dependency beyond the standard library and pandas, so that the notebooks
can validate on every load at no noticeable cost, and reports each problem as one line::

    value_added.csv:7: value: 'abc' is not a number

Row numbers are those a spreadsheet shows (the header is row 1). ``frictionless validate
data/datapackage.json`` checks the same descriptor independently.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DESCRIPTOR = "datapackage.json"
SECTORS = ("primary", "secondary", "tertiary")


class DataError(ValueError):
    """The data package is invalid; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid data package:\n" + "\n".join(self.problems))


def data_dir() -> Path:
    """The data package directory: ``$CHENGYU_DATA`` if set, else ``data/`` of this repository."""
    env = os.environ.get("CHENGYU_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"


def descriptor(directory: Path | str | None = None) -> dict:
    """The parsed ``datapackage.json`` of ``directory`` (default: :func:`data_dir`)."""
    path = Path(directory or data_dir()) / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([f"{path}: no data package descriptor here"]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError([f"{DESCRIPTOR}: not valid UTF-8 JSON ({exc})"]) from None


@dataclass
class _Table:
    """One resource as read: its file name, schema and rows of typed cells (None = empty)."""

    path: str
    schema: dict
    rows: list[dict]  # each has "_row": the spreadsheet row number
    ok: bool  # header and encoding were readable


def _read_text(path: Path) -> tuple[str | None, str | None]:
    raw = path.read_bytes()
    try:
        # utf-8-sig accepts the BOM that spreadsheet programs write
        return codecs.decode(raw, "utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, (
            f"{path.name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet program)"
        )


def _parse(value: str, field: dict) -> tuple[object, str | None]:
    """Convert one non-empty cell by the field's type; return (value, problem)."""
    kind = field.get("type", "string")
    if kind == "integer":
        if re.fullmatch(r"[+-]?\d+", value):
            return int(value), None
        return None, f"{value!r} is not a whole number"
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            return None, f"{value!r} is not a number"
        if number != number or number in (float("inf"), float("-inf")):
            return None, f"{value!r} is not a finite number"
        return number, None
    return value, None


def _check_cell(value: object, field: dict) -> str | None:
    c = field.get("constraints", {})
    if "minimum" in c and value < c["minimum"]:
        return f"{value!r} is below the minimum {c['minimum']}" + (" (negative)" if c["minimum"] == 0 else "")
    if "maximum" in c and value > c["maximum"]:
        return f"{value!r} is above the maximum {c['maximum']}"
    if "enum" in c and value not in c["enum"]:
        return f"{value!r} is not one of {', '.join(map(str, c['enum']))}"
    if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
        return f"{value!r} does not match the pattern {c['pattern']}"
    return None


def _read_table(directory: Path, resource: dict, problems: list[str]) -> _Table:
    name, schema = resource["path"], resource["schema"]
    fields = schema["fields"]
    table = _Table(name, schema, [], ok=False)
    path = directory / name
    if not path.is_file():
        problems.append(f"{name}: file missing")
        return table
    text, problem = _read_text(path)
    if problem:
        problems.append(problem)
        return table
    records = list(csv.reader(io.StringIO(text, newline="")))
    expected = [f["name"] for f in fields]
    if not records or not any(cell.strip() for cell in records[0]):
        problems.append(f"{name}:1: the file is empty (expected the header {','.join(expected)})")
        return table
    header = [cell.strip() for cell in records[0]]
    missing = [col for col in expected if col not in header]
    unknown = [col for col in header if col not in expected]
    for col in missing:
        problems.append(f"{name}:1: {col}: column missing (the header is {','.join(header)})")
    for col in unknown:
        problems.append(f"{name}:1: {col}: unknown column (expected {','.join(expected)})")
    if missing or unknown:
        return table
    table.ok = True
    by_name = {f["name"]: f for f in fields}
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line, as editors leave at the end
        if len(record) != len(header):
            problems.append(f"{name}:{number}: has {len(record)} cells, the header has {len(header)}")
            continue
        row: dict = {"_row": number}
        for col, cell in zip(header, record):
            field, cell = by_name[col], cell.strip()
            if cell == "":
                if field.get("constraints", {}).get("required"):
                    problems.append(f"{name}:{number}: {col}: value missing")
                row[col] = None
                continue
            value, problem = _parse(cell, field)
            problem = problem or _check_cell(value, field)
            if problem:
                problems.append(f"{name}:{number}: {col}: {problem}")
            row[col] = value if not problem else None
        table.rows.append(row)
    return table


def _key_list(key: str | list[str]) -> list[str]:
    return [key] if isinstance(key, str) else list(key)


def _check_keys(table: _Table, tables: dict[str, _Table], problems: list[str]) -> None:
    schema = table.schema
    unique = [[f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    keys = [_key_list(schema["primaryKey"])] if "primaryKey" in schema else []
    for key in keys + [u for u in unique if u not in keys]:
        seen: dict[tuple, int] = {}
        for row in table.rows:
            value = tuple(row[col] for col in key)
            if None in value:
                continue
            if value in seen:
                shown = ", ".join(map(str, value))
                problems.append(
                    f"{table.path}:{row['_row']}: {','.join(key)}: duplicate key ({shown}), first at row {seen[value]}"
                )
            else:
                seen[value] = row["_row"]
    for fk in schema.get("foreignKeys", []):
        cols, ref = _key_list(fk["fields"]), fk["reference"]
        target = tables.get(ref["resource"])
        if target is None or not target.ok:
            continue  # the target's own problem is already reported
        known = {tuple(r[c] for c in _key_list(ref["fields"])) for r in target.rows}
        for row in table.rows:
            value = tuple(row[col] for col in cols)
            if None not in value and value not in known:
                shown = ", ".join(map(str, value))
                problems.append(f"{table.path}:{row['_row']}: {','.join(cols)}: unknown {','.join(cols)} '{shown}' (not in {target.path})")


def _read_package(directory: Path | str | None = None) -> tuple[dict[str, _Table], list[str]]:
    directory = Path(directory or data_dir())
    problems: list[str] = []
    tables = {}
    for resource in descriptor(directory)["resources"]:
        tables[resource["name"]] = _read_table(directory, resource, problems)
    for table in tables.values():
        if table.ok:
            _check_keys(table, tables, problems)
    return tables, problems


def validate(directory: Path | str | None = None) -> list[str]:
    """Check every file of the data package; return the problems (empty when valid).

    Each problem reads ``FILE:ROW: FIELD: what is wrong``. Files are only read, never rewritten.
    """
    try:
        return _read_package(directory)[1]
    except DataError as exc:
        return exc.problems


def load_all(directory: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Validate the package and return every resource as a DataFrame, by resource name.

    Raises :class:`DataError` listing every problem if any file is invalid, so that a bad
    edit stops the book build with the same message as ``chengyu check``.
    """
    tables, problems = _read_package(directory)
    if problems:
        raise DataError(problems)
    frames = {}
    for name, table in tables.items():
        columns = [f["name"] for f in table.schema["fields"]]
        frame = pd.DataFrame([{c: r[c] for c in columns} for r in table.rows], columns=columns)
        for field in table.schema["fields"]:
            if field.get("type") == "integer":
                # an optional whole-number column keeps its gaps as <NA>, not as floats
                required = field.get("constraints", {}).get("required")
                frame[field["name"]] = frame[field["name"]].astype("int64" if required else "Int64")
            elif field.get("type") == "number":
                frame[field["name"]] = frame[field["name"]].astype("float64")
        frames[name] = frame
    return frames


def load(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """One validated resource as a tidy DataFrame, e.g. ``load("value_added")``."""
    frames = load_all(directory)
    if name not in frames:
        raise KeyError(f"no resource {name!r} in the data package; there are {', '.join(frames)}")
    return frames[name]


def by_sector(value_added: pd.DataFrame, region: str) -> pd.DataFrame:
    """One region's value added as a year × sector table (years as rows, sectors in order)."""
    rows = value_added[value_added["region"] == region]
    if rows.empty:
        raise KeyError(f"no value added for region {region!r}")
    table = rows.pivot(index="year", columns="sector", values="value").reindex(columns=list(SECTORS))
    gaps = [f"{year} {sector}" for year, row in table.iterrows() for sector in SECTORS if pd.isna(row[sector])]
    if gaps:
        raise DataError([f"value_added.csv: {region}: sector missing for {', '.join(gaps)}"])
    return table


def series(indicators: pd.DataFrame, name: str, region: str) -> pd.Series:
    """One indicator series for one region, indexed by year (only the years that are sourced)."""
    rows = indicators[(indicators["series"] == name) & (indicators["region"] == region)]
    if rows.empty:
        raise KeyError(f"no indicator {name!r} for region {region!r}")
    return rows.set_index("year")["value"].sort_index().rename(name)

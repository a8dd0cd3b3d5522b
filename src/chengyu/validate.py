"""Check the data package's CSV files against its Frictionless descriptor, one line per problem.

The descriptor ``data/datapackage.json`` is the single statement of what a valid file looks
like. This module implements the part of Table Schema the package uses, with no dependency
beyond the standard library, so that every load can validate at no noticeable cost:

- field types ``string``, ``integer``, ``number`` and ``date`` (ISO ``YYYY-MM-DD``);
- constraints ``required``, ``unique``, ``minimum``, ``maximum`` (numbers), ``enum`` and
  ``pattern`` (strings);
- the schema's ``primaryKey`` and ``foreignKeys``, and UTF-8 CSV files with a header row.

Anything else a descriptor may say (another type, a ``format``, ``minLength``, a dialect, an
encoding other than UTF-8, …) is **refused** with a line naming it, never silently passed:
a check that is not made must not read as a check that passed. ``frictionless validate
data/datapackage.json`` implements all of Table Schema and checks the same package
independently.

Problems read ``FILE:ROW: FIELD: what is wrong``, rows numbered as a spreadsheet shows them
(the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

DESCRIPTOR = "datapackage.json"

TYPES = ("string", "integer", "number", "date")
#: Constraints this checker implements, by field type.
CONSTRAINTS = {
    "string": {"required", "unique", "enum", "pattern"},
    "integer": {"required", "unique", "enum", "minimum", "maximum"},
    "number": {"required", "unique", "enum", "minimum", "maximum"},
    "date": {"required", "unique"},
}
#: Keys that describe and do not constrain: they need no check.
DESCRIPTIVE = {
    "package": {
        "name",
        "title",
        "description",
        "licenses",
        "contributors",
        "resources",
        "profile",
        "homepage",
        "version",
        "keywords",
        "created",
        "sources",
        "study",
    },
    "resource": {
        "name",
        "path",
        "title",
        "description",
        "profile",
        "licenses",
        "sources",
        "schema",
        "format",
        "mediatype",
        "encoding",
    },
    "schema": {"fields", "primaryKey", "foreignKeys"},
    "field": {"name", "type", "title", "description", "example", "constraints"},
}
#: The only values these resource keys may take: what this checker reads.
FIXED = {"format": ("csv",), "mediatype": ("text/csv",), "encoding": ("utf-8", "utf8")}


class DataError(ValueError):
    """The data package is invalid; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("invalid data package:\n" + "\n".join(self.problems))


def read_descriptor(directory: Path) -> dict:
    """The parsed ``datapackage.json`` of ``directory``; :class:`DataError` if absent or unreadable."""
    path = Path(directory) / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([f"{path}: no data package descriptor here"]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError([f"{DESCRIPTOR}: not valid UTF-8 JSON ({exc})"]) from None


def unsupported(descriptor: dict) -> list[str]:
    """What the descriptor asks for that this checker does not implement, one line each."""
    problems = []

    def refuse(where: str, what: str) -> None:
        problems.append(
            f"{DESCRIPTOR}: {where}: {what} is not checked by chengyu check; "
            "remove it or validate with frictionless"
        )

    for key in sorted(set(descriptor) - DESCRIPTIVE["package"]):
        refuse(key, f"package property {key!r}")
    for resource in descriptor.get("resources", []):
        where = f"resources[{resource.get('name', '?')}]"
        for key in sorted(set(resource) - DESCRIPTIVE["resource"]):
            refuse(where, f"resource property {key!r}")
        for key, allowed in FIXED.items():
            if key in resource and str(resource[key]).lower() not in allowed:
                refuse(where, f"{key} {resource[key]!r}")
        schema = resource.get("schema", {})
        for key in sorted(set(schema) - DESCRIPTIVE["schema"]):
            refuse(f"{where}.schema", f"schema property {key!r}")
        for field in schema.get("fields", []):
            at = f"{where}.schema.fields[{field.get('name', '?')}]"
            for key in sorted(set(field) - DESCRIPTIVE["field"]):
                refuse(at, f"field property {key!r}")
            kind = field.get("type", "string")
            if kind not in TYPES:
                refuse(at, f"type {kind!r}")
                continue
            for key in sorted(set(field.get("constraints", {})) - CONSTRAINTS[kind]):
                refuse(at, f"constraint {key!r} on a {kind} field")
    return problems


@dataclass
class Table:
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
    if kind == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return dt.date.fromisoformat(value), None
        except ValueError:
            return None, f"{value!r} is not a date (YYYY-MM-DD)"
    return value, None


def _check_cell(value: object, field: dict) -> str | None:
    c = field.get("constraints", {})
    if "minimum" in c and value < c["minimum"]:
        return f"{value!r} is below the minimum {c['minimum']}" + (
            " (negative)" if c["minimum"] == 0 else ""
        )
    if "maximum" in c and value > c["maximum"]:
        return f"{value!r} is above the maximum {c['maximum']}"
    if "enum" in c and value not in c["enum"]:
        return f"{value!r} is not one of {', '.join(map(str, c['enum']))}"
    if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
        return f"{value!r} does not match the pattern {c['pattern']}"
    return None


def _read_table(directory: Path, resource: dict, problems: list[str]) -> Table:
    name, schema = resource["path"], resource["schema"]
    fields = schema["fields"]
    table = Table(name, schema, [], ok=False)
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
        problems.append(
            f"{name}:1: the file is empty (expected the header {','.join(expected)})"
        )
        return table
    header = [cell.strip() for cell in records[0]]
    missing = [col for col in expected if col not in header]
    unknown = [col for col in header if col not in expected]
    for col in missing:
        problems.append(
            f"{name}:1: {col}: column missing (the header is {','.join(header)})"
        )
    for col in unknown:
        problems.append(
            f"{name}:1: {col}: unknown column (expected {','.join(expected)})"
        )
    if missing or unknown:
        return table
    table.ok = True
    by_name = {f["name"]: f for f in fields}
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line, as editors leave at the end
        if len(record) != len(header):
            problems.append(
                f"{name}:{number}: has {len(record)} cells, the header has {len(header)}"
            )
            continue
        row: dict = {"_row": number}
        for col, cell in zip(header, record, strict=True):
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


def _check_keys(table: Table, tables: dict[str, Table], problems: list[str]) -> None:
    schema = table.schema
    unique = [
        [f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique")
    ]
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
        if target is None:
            problems.append(
                f"{DESCRIPTOR}: {table.path}: foreign key to unknown resource {ref['resource']!r}"
            )
            continue
        if not target.ok:
            continue  # the target's own problem is already reported
        known = {tuple(r[c] for c in _key_list(ref["fields"])) for r in target.rows}
        for row in table.rows:
            value = tuple(row[col] for col in cols)
            if None not in value and value not in known:
                shown = ", ".join(map(str, value))
                problems.append(
                    f"{table.path}:{row['_row']}: {','.join(cols)}: unknown {','.join(cols)} '{shown}' (not in {target.path})"
                )


def read_package(directory: Path) -> tuple[dict[str, Table], list[str]]:
    """Every resource of the package read and checked: ({name: Table}, problems).

    A descriptor that asks for a check this module does not implement yields only those
    problems: its files are not read, since no result could be trusted.
    """
    directory = Path(directory)
    descriptor = read_descriptor(directory)
    problems = unsupported(descriptor)
    if problems:
        return {}, problems
    tables = {}
    for resource in descriptor["resources"]:
        tables[resource["name"]] = _read_table(directory, resource, problems)
    for table in tables.values():
        if table.ok:
            _check_keys(table, tables, problems)
    return tables, problems

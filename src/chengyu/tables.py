"""Tables for display: readable headers, numbers formatted at a stated precision, gaps marked.

A missing figure is shown as an em dash (—) and never as "nan"; the page says what it means.
"""

from __future__ import annotations

import pandas as pd

MISSING = "—"


def formatted(
    frame: pd.DataFrame, formats: dict[str, str], rename: dict[str, str] | None = None
) -> pd.DataFrame:
    """A copy of ``frame`` with the columns in ``formats`` turned into text by format spec.

    ``formats`` maps a column to a format spec such as ``",.1f"``; missing values become
    :data:`MISSING`. ``rename`` then gives the columns their display names.
    """
    unknown = set(formats) - set(frame.columns)
    if unknown:
        raise KeyError(f"no column(s) {sorted(unknown)} to format")
    shown = frame.copy()
    for column, spec in formats.items():
        shown[column] = [
            MISSING if pd.isna(v) else format(v, spec) for v in frame[column]
        ]
    return shown.rename(columns=rename or {})


def source_ids(values: pd.Series) -> set[str]:
    """The distinct source ids in a column of comma-separated ids."""
    return {sid for cell in values.dropna() for sid in str(cell).split(",") if sid}


def listing(items) -> str:
    """Items as prose lists them: "2020", "2020 and 2023", "2020, 2021 and 2023"."""
    words = [str(item) for item in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

"""Tables for display and for prose: readable headers, numbers formatted at a stated precision,
gaps marked, and the one value a sentence quotes (:func:`pick`).

A missing figure is shown as an em dash (—) and never as "nan"; the page says what it means.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown
from pandas.io.formats.style import Styler

from chengyu import labels

MISSING = "—"


def markdown(text: str, zh: str | None = None) -> Markdown | None:
    """``text`` shown as Markdown below a cell, or nothing when it is empty: an empty
    ``Markdown`` has no Markdown to show, and the page would print its Python repr instead.

    With ``zh``, its Chinese: each edition of the book shows its own (JupyterLab the English)."""
    if not text.strip():
        return None
    if zh is None:
        return Markdown(text)
    english, chinese = (
        f'\n<div class="chengyu-edition" lang="{lang}"{extra}>\n\n{body}\n\n</div>\n'
        for lang, extra, body in (("en", "", text), ("zh-CN", " hidden", zh))
    )
    return Markdown(
        f"<!--chengyu-edition:en-->{english}<!--/chengyu-edition:en-->\n\n"
        f"<!--chengyu-edition:zh-->{chinese}<!--/chengyu-edition:zh-->"
    )


def _styler_html(styler: Styler) -> str:
    """A styled table in both editions: its header cells in Chinese for the Chinese one."""
    english = styler.to_html()
    return labels.both(english, labels.headers_zh(english))


def _show_tables_in_both_editions() -> None:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(Styler, _styler_html)


_show_tables_in_both_editions()


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


def pick(frame: pd.DataFrame, column: str, **keys):
    """The value of ``column`` in the one row of ``frame`` whose columns equal ``keys``.

    ``pick(profile, "gdp", region="chengdu", year=2020)`` is Chengdu's GDP in 2020. A chapter's
    sentence quotes one figure: no row, or several, is an error that names the keys, never a
    silent first match.
    """
    unknown = sorted({column, *keys} - set(frame.columns))
    if unknown:
        raise KeyError(f"no column(s) {unknown} in the table")
    rows = frame
    for key, value in keys.items():
        rows = rows[rows[key] == value]
    if len(rows) != 1:
        wanted = ", ".join(f"{key}={value!r}" for key, value in keys.items())
        raise KeyError(f"{len(rows)} rows with {wanted}; one was expected")
    return rows[column].iloc[0]


def source_ids(values: pd.Series) -> set[str]:
    """The distinct source ids in a column of comma-separated ids."""
    return {sid for cell in values.dropna() for sid in str(cell).split(",") if sid}


def short_names(regions: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Region names by id as a sentence uses them. English drops the kind of unit:
    "Chongqing Municipality" reads as "Chongqing", "Sichuan Province" as "Sichuan". Chinese
    keeps the official name (重庆市, 四川省), as a Chinese text names a region, and calls the
    nation, the benchmark, 全国 (as statistical bulletins and regional economics do)."""
    if lang == "zh":
        names = regions.set_index("id")
        if "level" not in names:
            return names["name_zh"]
        return names["name_zh"].where(names["level"] != "country", "全国")
    _language(lang)
    return regions.set_index("id")["name_en"].str.replace(
        r" (Municipality|Province)$", "", regex=True
    )


LANGUAGES = ("en", "zh")


def _language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(
            f"unknown language {lang!r}; the book has {', '.join(LANGUAGES)}"
        )


def listing(items, lang: str = "en") -> str:
    """Items as prose lists them: "2020", "2020 and 2023", "2020, 2021 and 2023"; in Chinese
    with the enumeration comma (顿号) and 和: "2020、2021和2023"."""
    _language(lang)
    words = [str(item) for item in items]
    if len(words) == 1:
        return words[0]
    comma, last = ("、", "和") if lang == "zh" else (", ", " and ")
    return comma.join(words[:-1]) + last + words[-1]


def region_years(rows: pd.DataFrame, labels: dict[str, str], lang: str = "en") -> str:
    """Each region's years in ``rows`` (columns ``region`` and ``year``), regions in the order
    they first appear: "Chengdu 成都市 in 2020; Chongqing Municipality 重庆市 in 2020 and 2023";
    in Chinese (``labels`` then the Chinese names) "成都市2020年；重庆市2020年和2023年"."""
    years = {
        labels[region]: sorted(set(group["year"]))
        for region, group in rows.groupby("region", sort=False)
    }
    return years_by_region(years, lang, word="in")


#: Short words the structure chapter's code chooses between, in Chinese (see :func:`phrase`).
PHRASES_ZH = {
    "above": "高于",
    "below": "低于",
    "larger": "大于",
    "smaller": "小于",
    "more than half": "均超过一半",
    "not everywhere more than half": "并非处处超过一半",
    "none of the two": "无",
    "none recorded": "无记录",
    "no region": "无",
}


def phrase(words: str, lang: str = "en") -> str:
    """A short English word or phrase that a notebook chose (``"above"``, ``"more than half"``)
    as the prose of ``lang`` says it: unchanged in English, from :data:`PHRASES_ZH` in Chinese
    (``phrase("above", "zh")`` is "高于"); a number as text is the same in both."""
    _language(lang)
    if lang == "en" or words not in PHRASES_ZH and _is_number(words):
        return words
    return PHRASES_ZH[words]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def years_by_region(years: dict[str, list], lang: str = "en", word: str = "for") -> str:
    """Years by region label as prose lists them: "Chengdu 成都市 for 2022 and 2023; China 中国
    for 2020 and 2021" (``word`` joins a label and its years); in Chinese (``lang="zh"``, with
    Chinese labels) "成都市2022和2023年；中国2020和2021年"."""
    _language(lang)
    if lang == "zh":
        return "；".join(
            f"{label}{listing([f'{y}年' for y in ys], 'zh')}"
            for label, ys in years.items()
        )
    return "; ".join(f"{label} {word} {listing(ys)}" for label, ys in years.items())

"""The audit's table for the book page, as MyST Markdown.

One row per claim, its first cell linking to the chapter that discusses it with a ``{doc}``
reference, so that Sphinx resolves the link and a wrong page name fails the build. Each row's
status is a ``<span class="audit-status" data-status="…">``: the book's stylesheet colours it,
and a small script served with the book (``chengyu-audit.js``) offers a filter by status.
Without the script every row shows.
"""

from __future__ import annotations

import re

import pandas as pd

from chengyu.audit import CHAPTER_TITLES, STATUSES, basis_label, status_label

#: The value of each row's ``data-status``, by status (no spaces, for CSS and scripts).
STATUS_SLUGS = dict(
    zip(
        STATUSES,
        (
            "reproduced",
            "consistent",
            "partly",
            "differs",
            "no-release",
            "not-collected",
        ),
        strict=True,
    )
)
#: The page's headings of the table's columns.
HEADINGS = (
    "Claim",
    "论文 (the paper's words)",
    "Paper",
    "Data",
    "Status and basis",
    "Why",
)

#: The same headings in the Chinese edition; the reasons are written in English only.
HEADINGS_ZH = (
    "论断",
    "论文原文",
    "论文数字",
    "数据",
    "状态与依据",
    "说明（英文）",
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$~!])")


def escape(text: str) -> str:
    """``text`` with every character MyST would read as markup backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", str(text))


def claims_table(
    audit_frame: pd.DataFrame, region_names: dict[str, str], lang: str = "en"
) -> str:
    """The audit as a MyST ``list-table`` (class ``audit-claims``), one row per claim.

    ``region_names`` maps a region id to its display name. The first cell names the claim (id,
    section, region, years) and links to its chapter (:data:`~chengyu.audit.CHAPTER_TITLES`).
    In Chinese (``lang="zh"``, with Chinese ``region_names``) the headings, statuses and bases
    are Chinese, a link shows the chapter's own (Chinese) title, and the table has no name of
    its own (the English one's, ``audit-claims``, is the page's only).
    """
    chinese = lang == "zh"
    lines = [
        "```{list-table}",
        ":header-rows: 1",
        ":class: audit-claims",
        *([] if chinese else [":name: audit-claims"]),
        "",
        "* - "
        + "\n  - ".join(escape(h) for h in (HEADINGS_ZH if chinese else HEADINGS)),
    ]
    for r in audit_frame.itertuples():
        if r.section.startswith("Table"):
            section = r.section.replace("Table ", "表") if chinese else r.section
        else:
            section = f"§{r.section}"
        where = " · ".join(
            part
            for part in (section, region_names.get(r.region, r.region), r.years)
            if part
        )
        status = (
            f'<span class="audit-status" data-status="{STATUS_SLUGS[r.status]}">'
            f"{escape(status_label(r.status, lang))}</span>"
            f"<br>{escape(basis_label(r.basis, lang))}"
        )
        link = (
            f"{{doc}}`{r.chapter}`"
            if chinese
            else f"{{doc}}`{CHAPTER_TITLES[r.chapter]} <{r.chapter}>`"
        )
        cells = [
            f"`{r.id}`<br>{escape(where)}<br>{link}",
            escape(r.statement),
            escape(r.printed),
            escape(r.recomputed),
            status,
            escape(r.reason),
        ]
        lines.append("* - " + "\n  - ".join(cells))
    lines.append("```")
    return "\n".join(lines) + "\n"

"""The reproducibility audit: every figure of the paper beside the same figure recomputed.

Each quantitative statement of the paper is a row of ``paper_claims`` (the text) or a cell of
``paper_tables`` (Tables 1 and 2, turned into claims by :func:`table_claims`). :func:`audit`
recomputes each one from the data package with the chapters' own functions, by the rule
registered for its ``quantity`` in :data:`chengyu.audit.rules.RULES`, and gives it one of
:data:`STATUSES`, which say what was checked:

- **reproduced from releases**: the recomputed figure agrees with the printed one at the
  paper's precision (:func:`chengyu.claims.agrees_at_precision`, ``|x − p| ≤ ½·10^−d``), or the
  claimed trend or reading holds by its rule, and every input is an official release (tier A
  or B in ``sources.csv``): an independent reproduction;
- **consistent with the paper's own figures**: the same agreement, but an input is the paper's
  own (tier P: Chengdu's sector split in its Table 1, its index levels): the arithmetic is
  consistent, the inputs are not checked;
- **partly borne out**: a claim read unit by unit (the two cities, the circle) holds for some
  units and not for others. One rule for every such claim, hedged (可能, 一定程度) or not;
- **differs**: the claim does not hold, or the paper's figure disagrees with its own table;
- **no release found**: no release stating the figure, or the data to recompute it, could be
  found; ``searches.csv`` records what was searched, when, and what was found;
- **not collected**: the figure could be checked but the data package has not collected what
  it would take (the plans the paper cites, a count it gives no source for).

Every reading is judged on unrounded data, not on the roundings a table prints. The
``basis`` says what a check rests on: *official releases*, *the paper's own Table 1* or *the
paper's own figures*.

A claim whose quantity has no rule raises ``ValueError``: a new claim cannot be skipped silently.
The rules live in :mod:`chengyu.audit.rules`, the page's table in :mod:`chengyu.audit.page`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from chengyu import claims
from chengyu.audit import rules
from chengyu.audit.rules import Check
from chengyu.study import Study
from chengyu.tables import listing
from chengyu.transcriptions import TIER as TRANSCRIPTION_TIER

#: The outcomes of the audit, in the order the page lists them.
STATUSES: tuple[str, ...] = (
    "reproduced from releases",
    "consistent with the paper's own figures",
    "partly borne out",
    "differs",
    "no release found",
    "not collected",
)
REPRODUCED, CONSISTENT, PARTLY, DIFFERS, NO_RELEASE, NOT_COLLECTED = STATUSES
#: The statuses of a claim that could not be checked at all.
UNCHECKED = (NO_RELEASE, NOT_COLLECTED)
#: The statuses in Chinese, for the Chinese edition's prose.
STATUSES_ZH: dict[str, str] = dict(
    zip(
        STATUSES,
        (
            "据发布数据复现",
            "与论文自身数据一致",
            "部分成立",
            "不符",
            "未找到发布数据",
            "未收集",
        ),
        strict=True,
    )
)

#: What a check rests on, in Chinese (the parts of ``basis``, joined by " and ").
BASIS_ZH = {
    "official releases": "官方发布数据",
    "transcriptions of official releases (tier C)": "官方发布数据的转录（层级C）",
    "the paper's own Table 1": "论文自身的表1",
    "the paper's own figures": "论文自身的数字",
}


def basis_label(basis: str, lang: str = "en") -> str:
    """A basis (:func:`_basis`) as ``lang`` says it: "official releases and …" or "官方发布数据、…"."""
    if lang == "en":
        return basis
    return "、".join(BASIS_ZH[part] for part in basis.split(" and ")) if basis else ""


BASIS_OFFICIAL = "official releases"
BASIS_TRANSCRIPTION = "transcriptions of official releases (tier C)"
BASIS_TABLE_1 = "the paper's own Table 1"
BASIS_PAPER = "the paper's own figures"

#: The book page that discusses each section of the paper (or table), in the paper's order, as
#: a document name relative to the audit page (``book/``): the page's links are ``{doc}``
#: references, which Sphinx resolves and checks.
CHAPTERS: dict[str, str] = {
    "3.1": "01-context",
    "3.2.1": "02-structure",
    "Table 1": "02-structure",
    "3.2.3": "04-innovation",
    "4.1": "03-chain-coordination",
    "Table 2": "03-chain-coordination",
    "4.2": "04-innovation",
}

#: Short titles of the chapters, for the table's links.
CHAPTER_TITLES: dict[str, str] = {
    "01-context": "Context",
    "02-structure": "Structure",
    "03-chain-coordination": "Chain coordination",
    "04-innovation": "Innovation",
}

#: Each resource of ``paper_tables`` becomes claims of this quantity, read by the paper's row labels.
TABLE_QUANTITIES = {"1": "value_added", "2": "national_share"}
TABLE_ROW_LABELS = {
    ("1", "primary"): "第一产增加值 (亿元)",
    ("1", "secondary"): "第二产增加值 (亿元)",
    ("1", "tertiary"): "第三产增加值 (亿元)",
    ("2", "primary"): "第一产业增加值比重",
    ("2", "secondary"): "第二产业增加值比重",
    ("2", "tertiary"): "第三产业增加值比重",
}

#: The columns of :func:`audit`'s table.
COLUMNS = [
    "id",
    "section",
    "statement",
    "quantity",
    "region",
    "sector",
    "years",
    "printed",
    "recomputed",
    "status",
    "basis",
    "reason",
    "chapter",
    "printed_value",
    "recomputed_value",
    "decimals",
    "unit",
    "sources",
]


def table_claims(paper_tables: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Each cell of the paper's tables as a claim, with the columns of ``paper_claims``.

    Ids read ``t<table>_<region>_<sector>_<year>`` (e.g. ``t1_chengdu_primary_2020``); the
    section is "Table 1" or "Table 2"; the statement names the cell by the paper's row label.
    """
    names = regions.set_index("id")["name_zh"]
    records = []
    for cell in paper_tables.itertuples():
        table = str(cell.table)
        records.append(
            {
                "id": f"t{table}_{cell.region}_{cell.sector}_{cell.year}",
                "section": f"Table {table}",
                "statement": f"表{table} {TABLE_ROW_LABELS[(table, cell.sector)]}, {names[cell.region]}, {cell.year}年",
                "quantity": TABLE_QUANTITIES[table],
                "region": cell.region,
                "sector": cell.sector,
                "year_from": cell.year,
                "year_to": cell.year,
                "value": float(cell.value),
                "unit": cell.unit,
                "decimals": int(cell.decimals),
            }
        )
    return pd.DataFrame.from_records(records)


def _rule(quantity: str) -> Callable[..., Check] | None:
    entry = rules.RULES.get(quantity.split(":", 1)[0])
    return entry[1] if entry else None


def _basis(sources: frozenset[str], tiers: pd.Series) -> str:
    parts = []
    if rules.TABLE_1_SOURCE in sources:
        parts.append(BASIS_TABLE_1)
    if (
        any(tiers[s] == claims.PAPER_TIER for s in sources - {rules.TABLE_1_SOURCE})
        or not sources
    ):
        parts.append(BASIS_PAPER)
    if any(tiers[s] not in (claims.PAPER_TIER, TRANSCRIPTION_TIER) for s in sources):
        parts.append(BASIS_OFFICIAL)
    if any(tiers[s] == TRANSCRIPTION_TIER for s in sources):
        parts.append(BASIS_TRANSCRIPTION)
    return " and ".join(parts)


def _search(claim, searches: pd.DataFrame):
    """The row of ``searches`` for the claim's quantity and region (and year, if one is given)."""
    quantity = claim.quantity.split(":", 1)[0]
    rows = searches[
        (searches["quantity"] == quantity) & (searches["region"] == claim.region)
    ]
    for row in rows.itertuples():
        if pd.isna(row.years) or pd.isna(claim.year_to):
            return row
        first, _, last = row.years.partition("-")
        if int(first) <= int(claim.year_to) <= int(last or first):
            return row
    return None


def _unchecked(claim, note: str, ctx: rules.Context) -> tuple[str, str]:
    """(status, reason) of a claim nothing could be checked against: searched or not."""
    found = _search(claim, ctx.frames["searches"])
    if found is None:
        return (
            NOT_COLLECTED,
            f"The data package has not collected what would check this. {note}".strip(),
        )
    searched = f"Searched ({found.month}): {found.searched}; {found.found}."
    return NO_RELEASE, f"{searched} {note}".strip()


def _judge(claim, check: Check, ctx: rules.Context) -> tuple[str, str]:
    """(status, reason) of a claim from its check."""
    tiers = [ctx.tiers[s] for s in check.sources]
    paper_only = bool(tiers) and all(t == claims.PAPER_TIER for t in tiers)
    some_paper = any(t == claims.PAPER_TIER for t in tiers)
    printed = check.printed or rules.number(
        float(claim.value), int(claim.decimals), claim.unit
    )
    if check.agrees is None:
        return _unchecked(claim, check.note, ctx)
    if check.units is not None and not check.agrees:
        held = [unit for unit, ok in check.units.items() if ok]
        if held:
            missed = [unit for unit, ok in check.units.items() if not ok]
            lead = (
                f"The paper's reading ({printed}) holds for {listing(held)} "
                f"but not for {listing(missed)}."
            )
            return PARTLY, f"{lead} {check.note}".strip()
    if not check.agrees:
        lead = f"The paper states {printed}; the data give {check.text}."
        if check.printed:
            lead = f"The paper's reading ({printed}) does not hold: the data give {check.text}."
        if paper_only and not check.derived:
            lead = (
                f"The paper states {printed} here but {check.text} in its own figures."
            )
        return DIFFERS, f"{lead} {check.note}".strip()
    if paper_only and not check.derived:
        lead = "The data package holds this figure only as the paper prints it (source tier P)."
        return _unchecked(claim, f"{lead} {check.note}".strip(), ctx)
    if check.printed:
        lead = "The claimed reading holds by its rule."
    else:
        lead = f"Agrees to within ±{claims.tolerance(int(claim.decimals)):g}, the paper's precision."
    if some_paper:
        inputs = _basis(check.sources, ctx.tiers)
        return (
            CONSISTENT,
            f"{lead} Arithmetic only: recomputed from {inputs}. {check.note}".strip(),
        )
    inputs = (
        "an official release or a transcription of one (tier C)"
        if any(ctx.tiers[s] == TRANSCRIPTION_TIER for s in check.sources)
        else "an official release"
    )
    return (
        REPRODUCED,
        f"{lead} Every input is {inputs}. {check.note}".strip(),
    )


def audit(frames: dict[str, pd.DataFrame], study: Study) -> pd.DataFrame:
    """Every claim of the paper (``paper_claims`` and each cell of ``paper_tables``), recomputed and judged.

    ``frames`` is :func:`chengyu.data.load_all` and ``study`` :func:`chengyu.study.load`: a claim
    about the economic circle is read on the paper's two cities, its own evidence, against the
    benchmark. Returns one row per claim, in the paper's order
    (by :data:`CHAPTERS`), with the columns of :data:`COLUMNS`: the claim (id, section, the
    paper's words, quantity, region, sector, years), ``printed`` and ``recomputed`` as text,
    ``status`` (one of :data:`STATUSES`), ``basis``, ``reason``, ``chapter`` (the page that
    discusses it), the two numbers (``printed_value``, ``recomputed_value``; NaN when there is
    none), ``decimals``, ``unit`` and ``sources`` (ids, comma-separated).

    Raises ``ValueError`` naming every claim whose quantity has no rule in ``rules.RULES`` or
    whose section has no chapter, before recomputing anything.
    """
    every = pd.concat(
        [
            frames["paper_claims"],
            table_claims(frames["paper_tables"], frames["regions"]),
        ],
        ignore_index=True,
    )
    no_rule = [
        f"{c.id} ({c.quantity})"
        for c in every.itertuples()
        if _rule(c.quantity) is None
    ]
    if no_rule:
        raise ValueError(
            f"no recomputation rule for {', '.join(no_rule)}; known quantities: {', '.join(rules.RULES)}"
        )
    no_chapter = [
        f"{c.id} (section {c.section})"
        for c in every.itertuples()
        if c.section not in CHAPTERS
    ]
    if no_chapter:
        raise ValueError(
            f"no chapter for {', '.join(no_chapter)}; known sections: {', '.join(CHAPTERS)}"
        )
    ctx = rules.Context(frames, study)
    records = []
    for claim in every.itertuples(index=False):
        check = _rule(claim.quantity)(claim, ctx)
        status, reason = _judge(claim, check, ctx)
        has_value = not pd.isna(claim.value)
        # a figure held only as the paper prints it is no recomputation: show none
        shown = "" if status in UNCHECKED else check.text
        records.append(
            {
                "id": claim.id,
                "section": claim.section,
                "statement": claim.statement,
                "quantity": claim.quantity,
                "region": claim.region,
                "sector": "" if pd.isna(claim.sector) else claim.sector,
                "years": rules.years_label(claim.year_from, claim.year_to),
                "printed": check.printed
                or (
                    rules.number(float(claim.value), int(claim.decimals), claim.unit)
                    if has_value
                    else "—"
                ),
                "recomputed": shown or "—",
                "status": status,
                "basis": _basis(check.sources, ctx.tiers),
                "reason": reason,
                "chapter": CHAPTERS[claim.section],
                "printed_value": float(claim.value) if has_value else math.nan,
                "recomputed_value": check.value
                if (check.value is not None and shown)
                else math.nan,
                "decimals": int(claim.decimals),
                "unit": claim.unit,
                "sources": ",".join(sorted(check.sources)),
            }
        )
    result = pd.DataFrame.from_records(records, columns=COLUMNS)
    order = result["section"].map(list(CHAPTERS).index)
    return (
        result.assign(_order=order)
        .sort_values("_order", kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def status_label(status: str, lang: str = "en") -> str:
    """A status as the prose names it: as it is in English, from :data:`STATUSES_ZH` in Chinese."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if lang == "zh":
        return STATUSES_ZH[status]
    if lang != "en":
        raise ValueError(f"unknown language {lang!r}")
    return status


def years_or_none(years, lang: str = "en") -> str:
    """Years as prose lists them ("2020 and 2023"; 2020和2023), or "no year" (无) when there are none."""
    years = list(years)
    if years:
        return listing(years, lang)
    return "无" if lang == "zh" else "no year"


def recomputed_text(
    frames: dict[str, pd.DataFrame], study: Study, claim_id: str, lang: str = "en"
) -> str:
    """The recomputed side of one claim of ``paper_claims``, as :func:`audit` shows it, in
    English or, for a rule that takes ``lang`` (the relative position of §4.1), in Chinese."""
    claim = next(
        c for c in frames["paper_claims"].itertuples(index=False) if c.id == claim_id
    )
    rule = _rule(claim.quantity)
    ctx = rules.Context(frames, study)
    check = rule(claim, ctx) if lang == "en" else rule(claim, ctx, lang=lang)
    return check.text


def summary(audit_frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of claims of each status (columns, in :data:`STATUSES` order) by ``by`` (rows, in order of appearance).

    A ``total`` column sums each row; statuses no claim has are kept as 0.
    """
    counts = pd.crosstab(audit_frame[by], audit_frame["status"]).reindex(
        index=list(dict.fromkeys(audit_frame[by])), columns=list(STATUSES), fill_value=0
    )
    counts.columns.name = None
    return counts.assign(total=counts.sum(axis=1)).astype(int)


def status_counts(audit_frame: pd.DataFrame) -> pd.Series:
    """Number of claims with each status, indexed by :data:`STATUSES` in order (zeros included), as ints."""
    unknown = set(audit_frame["status"]) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status(es): {sorted(unknown)}")
    return (
        audit_frame["status"]
        .value_counts()
        .reindex(list(STATUSES), fill_value=0)
        .astype(int)
        .rename("claims")
    )

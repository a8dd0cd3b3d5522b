"""Indicators of industrial structure and coordination between two regions.

Structures are pandas Series indexed by sector (e.g. ``['primary', 'secondary', 'tertiary']``)
and are checked by :mod:`chengyu.indicators._checks`; indicator tables for the entropy weight
method are DataFrames with one row per observation and one column per indicator. Bad input
raises ``ValueError`` saying what is wrong.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from chengyu.data import SECTORS, by_sector
from chengyu.indicators._checks import aligned, fractions, sector_values
from chengyu.indicators.structure import agrees_at_precision

#: The usual ten coordination bands of width 0.1, as (lower bound, Chinese name, English name).
#: Each band runs from its lower bound up to the next one; the last one includes 1.
COORDINATION_BANDS: tuple[tuple[float, str, str], ...] = (
    (0.0, "极度失调", "extreme imbalance"),
    (0.1, "严重失调", "serious imbalance"),
    (0.2, "中度失调", "moderate imbalance"),
    (0.3, "轻度失调", "mild imbalance"),
    (0.4, "濒临失调", "on the verge of imbalance"),
    (0.5, "勉强协调", "barely coordinated"),
    (0.6, "初级协调", "primary coordination"),
    (0.7, "中级协调", "intermediate coordination"),
    (0.8, "良好协调", "good coordination"),
    (0.9, "优质协调", "high-quality coordination"),
)

#: The classes returned by :func:`trend`, in the order its rules are tried.
TRENDS: tuple[str, ...] = (
    "falls every year",
    "rises every year",
    "inverted V",
    "V",
    "falls overall",
    "rises overall",
    "flat",
)


def _no_zero_sector(nation: pd.Series) -> None:
    zero = nation.index[nation == 0]
    if len(zero):
        raise ValueError(f"nation: value is 0 for {list(map(str, zero))}, so the ratio is undefined")


def national_shares(region: pd.Series, nation: pd.Series) -> pd.Series:
    """Each sector's share of the national value, in percent: ``100 · xᵢ / Xᵢ``.

    ``region`` and ``nation`` hold the same sectors in the same unit (e.g. value added in 亿元).
    This is the measure of the paper's Table 2 (产业增加值占全国比重). Raises ``ValueError`` if a
    national value is 0.
    """
    region, nation = aligned(region, nation, ("region", "nation"))
    _no_zero_sector(nation)
    return region / nation * 100


def location_quotient(region: pd.Series, nation: pd.Series) -> pd.Series:
    """Location quotient (区位熵): ``(xᵢ / Σx) / (Xᵢ / ΣX)``.

    The region's share of sector i in its own total, over the nation's share of sector i in
    the national total: the standard measure of regional specialisation in regional economics.
    Above 1 the region is more specialised in sector i than the nation. Raises ``ValueError``
    if a national value is 0.
    """
    region, nation = aligned(region, nation, ("region", "nation"))
    _no_zero_sector(nation)
    return fractions(region) / fractions(nation)


def similarity_coefficient(a: pd.Series, b: pd.Series) -> float:
    """Structural similarity coefficient: ``Σ sₐᵢ s_bᵢ / √(Σ sₐᵢ² · Σ s_bᵢ²)``.

    The UNIDO (United Nations Industrial Development Organization) coefficient of industrial
    structure similarity (产业结构相似系数), on each region's sector shares sₐᵢ, s_bᵢ. It is the
    cosine of the angle between the two share vectors: 1 for identical structures, 0 for
    structures with no sector in common.
    """
    sa, sb = (fractions(s) for s in aligned(a, b))
    value = float((sa * sb).sum() / math.sqrt((sa**2).sum() * (sb**2).sum()))
    # Rounding can put a structure's similarity with itself a hair above 1.
    return min(value, 1.0)


def krugman_index(a: pd.Series, b: pd.Series) -> float:
    """Krugman specialisation index: ``Σ |sₐᵢ − s_bᵢ|`` on sector shares as fractions.

    Krugman (1991, *Geography and Trade*) index of regional specialisation (克鲁格曼专业化指数):
    0 for identical structures, 2 for structures with no sector in common.
    """
    sa, sb = (fractions(s) for s in aligned(a, b))
    return float((sa - sb).abs().sum())


def _indicator_frame(frame: pd.DataFrame, negative: Iterable[str]) -> tuple[pd.DataFrame, list[str]]:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"frame: expected a pandas DataFrame of indicators, got {type(frame).__name__}")
    if frame.shape[1] == 0:
        raise ValueError("frame: no indicator columns")
    if len(frame) < 2:
        raise ValueError(f"frame: need at least 2 rows (observations) to normalise, got {len(frame)}")
    if frame.columns.has_duplicates:
        dupes = sorted(map(str, frame.columns[frame.columns.duplicated()]))
        raise ValueError(f"frame: duplicate columns {dupes}")
    data = frame.apply(pd.to_numeric, errors="coerce").astype(float)
    bad = data.columns[~np.isfinite(data).all()]
    if len(bad):
        raise ValueError(f"frame: missing, non-numeric or infinite value in columns {list(map(str, bad))}")
    negative = [negative] if isinstance(negative, str) else list(negative)
    unknown = [c for c in negative if c not in data.columns]
    if unknown:
        raise ValueError(f"negative: columns {unknown} are not in the frame")
    return data, negative


def minmax_normalise(frame: pd.DataFrame, negative: Iterable[str] = ()) -> pd.DataFrame:
    """Min-max normalise each column of an indicator table to [0, 1].

    Rows are observations (e.g. years), columns indicators. A column where larger is better
    becomes ``(x − min) / (max − min)``; a column named in ``negative`` (larger is worse)
    becomes ``(max − x) / (max − min)``. A column with no variation (max == min) carries no
    information and is set to 1. Values may be negative (e.g. growth rates); missing or
    non-numeric values, fewer than 2 rows, or unknown ``negative`` names raise ``ValueError``.
    """
    data, negative = _indicator_frame(frame, negative)
    low, high = data.min(), data.max()
    span = high - low
    out = (data - low) / span
    out[negative] = (high[negative] - data[negative]) / span[negative]
    out.loc[:, span == 0] = 1.0
    return out


def entropy_weights(frame: pd.DataFrame, negative: Iterable[str] = ()) -> pd.Series:
    """Weights of the entropy weight method (熵权法), one per column, summing to 1.

    With n rows, each column j is min-max normalised (:func:`minmax_normalise`, honouring
    ``negative``) to x'ᵢⱼ, then::

        pᵢⱼ = x'ᵢⱼ / Σᵢ x'ᵢⱼ
        eⱼ  = −(1 / ln n) · Σᵢ pᵢⱼ ln pᵢⱼ        (entropy, in [0, 1])
        dⱼ  = 1 − eⱼ                            (degree of divergence)
        wⱼ  = dⱼ / Σⱼ dⱼ

    Zeros: min-max normalisation gives every varying column a 0, and this function takes
    ``0 · ln 0 = 0`` (the limit of p ln p as p → 0) instead of the other common convention of
    shifting normalised values by 0.0001 (平移); so weights do not depend on an arbitrary shift.

    A column with no variation (max == min) carries no information: its normalised values are
    1 and its weight is 0. Raises ``ValueError`` if every column is constant or there are
    fewer than 2 rows.
    """
    norm = minmax_normalise(frame, negative)
    # Every varying column has a 0 after normalisation, so only constant columns are all 1.
    constant = (norm == 1).all()
    if constant.all():
        raise ValueError("frame: every column is constant, so no column carries information")
    p = norm / norm.sum()
    # Taking ln 1 = 0 where p = 0 gives 0·ln 0 = 0 without a -inf·0 NaN.
    p_log_p = p * np.log(p.where(p > 0, 1.0))
    entropy = -p_log_p.sum() / math.log(len(norm))
    # A constant column's entropy is 1 only up to rounding; its weight must be exactly 0.
    divergence = (1 - entropy).where(~constant, 0.0)
    return divergence / divergence.sum()


def composite_scores(frame: pd.DataFrame, weights: pd.Series, negative: Iterable[str] = ()) -> pd.Series:
    """Composite score per row: ``Σⱼ wⱼ x'ᵢⱼ``, the weighted sum of min-max normalised values.

    ``weights`` is a Series indexed by the frame's columns, non-negative and summing to 1 (for
    example from :func:`entropy_weights`), so every score lies in [0, 1]. Columns are
    normalised by :func:`minmax_normalise`, honouring ``negative``.
    """
    norm = minmax_normalise(frame, negative)
    weights = sector_values(weights, "weights")
    if set(weights.index) != set(norm.columns):
        raise ValueError(
            f"weights and frame columns differ: weights {sorted(map(str, weights.index))}, "
            f"columns {sorted(map(str, norm.columns))}"
        )
    if not math.isclose(weights.sum(), 1.0, abs_tol=1e-9):
        raise ValueError(f"weights: must sum to 1, got {weights.sum()}")
    return (norm * weights).sum(axis=1)


def _unit_interval(u, name: str) -> np.ndarray:
    values = np.asarray(u, dtype=float)
    if np.isnan(values).any():
        raise ValueError(f"{name}: missing value")
    if ((values < 0) | (values > 1)).any():
        raise ValueError(f"{name}: values must lie in [0, 1]")
    return values


def coupling_coordination(u1, u2, alpha: float = 0.5, beta: float = 0.5):
    """Coupling coordination degree model (耦合协调度模型) of two systems: ``(C, T, D)``.

    The two-system form as commonly used in Chinese regional economics, with u₁, u₂ ∈ [0, 1]
    the composite scores of the two systems (e.g. from :func:`composite_scores`)::

        C = 2 √(u₁ u₂) / (u₁ + u₂)      coupling degree (耦合度), in [0, 1]
        T = α u₁ + β u₂                 comprehensive coordination index, α + β = 1
        D = √(C · T)                    coupling coordination degree (耦合协调度), in [0, 1]

    C is defined as 0 when u₁ + u₂ = 0: two systems that are both absent are not coupled.
    ``u1`` and ``u2`` are floats or array-likes of the same shape; the result is floats, numpy
    arrays, or pandas Series (with the Series' index) to match. Raises ``ValueError`` for a u
    outside [0, 1] or missing, for negative α or β, or for α + β ≠ 1.
    """
    if alpha < 0 or beta < 0 or not math.isclose(alpha + beta, 1.0):
        raise ValueError(f"alpha and beta must be non-negative and sum to 1, got {alpha} and {beta}")
    a, b = _unit_interval(u1, "u1"), _unit_interval(u2, "u2")
    if a.shape != b.shape:
        raise ValueError(f"u1 and u2 have different shapes: {a.shape} and {b.shape}")
    series = [u for u in (u1, u2) if isinstance(u, pd.Series)]
    if len(series) == 2 and not u1.index.equals(u2.index):
        raise ValueError("u1 and u2 have different indexes")
    total = a + b
    c = np.divide(2 * np.sqrt(a * b), total, out=np.zeros_like(total), where=total > 0)
    t = alpha * a + beta * b
    d = np.sqrt(c * t)
    if series:
        return tuple(pd.Series(x, index=series[0].index) for x in (c, t, d))
    if a.ndim == 0:
        return float(c), float(t), float(d)
    return c, t, d


def coordination_band(d: float) -> tuple[str, str]:
    """The coordination band ``(zh, en)`` of a coupling coordination degree d ∈ [0, 1].

    The usual ten-band classification of Chinese regional economics (commonly traced to
    廖重斌, 1999): bands of width 0.1, closed below and open above, except that the top band
    [0.9, 1.0] includes 1. See :data:`COORDINATION_BANDS`.
    """
    if not 0 <= d <= 1:  # also rejects NaN
        raise ValueError(f"d: coupling coordination degree must lie in [0, 1], got {d}")
    _, zh, en = COORDINATION_BANDS[bisect_right([lower for lower, _, _ in COORDINATION_BANDS], d) - 1]
    return zh, en


def _single_interior_peak(v: np.ndarray) -> bool:
    top = int(np.argmax(v))  # first position of the maximum
    return bool(
        v[top] > v[0]
        and v[top] > v[-1]
        and (np.diff(v[: top + 1]) >= 0).all()
        and (np.diff(v[top:]) <= 0).all()
    )


#: The test of each class of :data:`TRENDS`, on a 1-D array of at least 2 values. Each reads
#: the class's own words: "falls overall" is ``last < first``, whatever the path in between.
TREND_TESTS: dict[str, Callable[[np.ndarray], bool]] = {
    "falls every year": lambda v: bool((np.diff(v) < 0).all()),
    "rises every year": lambda v: bool((np.diff(v) > 0).all()),
    "inverted V": _single_interior_peak,
    "V": lambda v: _single_interior_peak(-v),
    "falls overall": lambda v: bool(v[-1] < v[0]),
    "rises overall": lambda v: bool(v[-1] > v[0]),
    "flat": lambda v: bool(v[-1] == v[0]),
}


def _trend_values(values, decimals: int | None) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or len(v) < 2:
        raise ValueError(f"values: need a 1-D series of at least 2 values, got shape {v.shape}")
    if not np.isfinite(v).all():
        raise ValueError("values: missing or infinite value")
    return np.round(v, decimals) if decimals is not None else v


def trend(values, decimals: int | None = None) -> str:
    """Classify a short series, ordered by year, into one of :data:`TRENDS`.

    With ``decimals`` the values are first rounded (``numpy.round``) so that changes below the
    stated precision count as no change, as when reading a table printed to 2 decimals. Rules
    (:data:`TREND_TESTS`) are tried in this order and the first that holds wins, so the classes
    do not overlap:

    1. ``'falls every year'``: every consecutive change is < 0 (持续下滑).
    2. ``'rises every year'``: every consecutive change is > 0.
    3. ``'inverted V'`` (倒"V"形): the maximum is strictly above both the first and the last
       value (so it is interior), and the series is non-decreasing up to the maximum's first
       position and non-increasing after it.
    4. ``'V'``: the same with the minimum: strictly below both ends, non-increasing up to it
       and non-decreasing after it.
    5. ``'falls overall'`` (总体上呈下滑趋势): last < first.
    6. ``'rises overall'``: last > first.
    7. ``'flat'``: last == first. This means no net change, not necessarily constant: a
       zigzag that ends where it started is 'flat'.

    A 2-value series is 'falls every year', 'rises every year' or 'flat'. Raises
    ``ValueError`` for fewer than 2 values or a missing value. To check a *claimed* class,
    use :func:`trend_holds`: a series classed 'V' may still fall overall.
    """
    v = _trend_values(values, decimals)
    return next(name for name in TRENDS if TREND_TESTS[name](v))


def trend_holds(values, claimed: str, decimals: int | None = None) -> bool:
    """Whether ``values`` (ordered by year) bear out the trend class ``claimed``.

    The claim is tested by its own rule in :data:`TREND_TESTS`, not by comparing it with
    :func:`trend`'s single class: (2.32, 2.31, 2.28, 2.31) is classed 'V', yet it does fall
    overall (2.31 < 2.32). ``decimals`` rounds first, as in :func:`trend`. Raises
    ``ValueError`` for a class not in :data:`TRENDS`.
    """
    if claimed not in TREND_TESTS:
        raise ValueError(f"claimed: unknown trend class {claimed!r}; expected one of {', '.join(TRENDS)}")
    return TREND_TESTS[claimed](_trend_values(values, decimals))


# --- Tables assembled from the data package -------------------------------------------------
#
# These take the tidy ``value_added`` frame of :mod:`chengyu.data` (columns region, year,
# sector, value) and return tidy tables for the book's chapter on chain coordination (§4.1).


def _sectors_by_year(value_added: pd.DataFrame, region: str, years: Iterable[int]) -> pd.DataFrame:
    table = by_sector(value_added, region)
    years = list(years)
    missing = [year for year in years if year not in table.index]
    if missing:
        raise ValueError(f"value_added: no figures for {region!r} in {missing}")
    return table.loc[years]


def _per_sector_table(value_added, regions, years, nation, indicator, name) -> pd.DataFrame:
    years = list(years)
    national = _sectors_by_year(value_added, nation, years)
    records = []
    for region in regions:
        own = _sectors_by_year(value_added, region, years)
        for year in years:
            for sector, value in indicator(own.loc[year], national.loc[year]).items():
                records.append({"region": region, "year": year, "sector": sector, name: float(value)})
    return pd.DataFrame(records, columns=["region", "year", "sector", name])


def national_share_table(value_added: pd.DataFrame, regions: Iterable[str], years: Iterable[int], nation: str = "china") -> pd.DataFrame:
    """The paper's Table 2, recomputed: each region's share of national value added (percent).

    One row per (region, year, sector) with column ``share`` = ``100 · xᵢ / Xᵢ``
    (:func:`national_shares`), where X is the ``nation``'s value added in the same year. Raises
    ``ValueError`` if a region or the nation lacks a year.
    """
    return _per_sector_table(value_added, regions, years, nation, national_shares, "share")


def location_quotient_table(value_added: pd.DataFrame, regions: Iterable[str], years: Iterable[int], nation: str = "china") -> pd.DataFrame:
    """Location quotients (区位熵) against the nation, one row per (region, year, sector).

    Column ``lq`` = ``(xᵢ / Σx) / (Xᵢ / ΣX)`` (:func:`location_quotient`).
    """
    return _per_sector_table(value_added, regions, years, nation, location_quotient, "lq")


def compare_with_printed(computed: pd.DataFrame, printed: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each printed cell beside its recomputed value, and whether the two agree as printed.

    ``computed`` has columns region, year, sector and ``column``; ``printed`` holds the cells
    of one of the paper's tables (rows of ``paper_tables``: region, year, sector, value,
    decimals). Returns region, year, sector, ``recomputed``, ``printed``, ``decimals`` and
    ``match``: the recomputed value agrees with the printed one at the printed number of
    decimals (:func:`~chengyu.indicators.structure.agrees_at_precision`, the rule the audit
    applies to every figure). Raises ``ValueError`` when a cell is on one side only, so that a match
    count always covers the whole printed table.
    """
    keys = ["region", "year", "sector"]
    merged = computed[keys + [column]].merge(
        printed[keys + ["value", "decimals"]], on=keys, how="outer", indicator=True
    )
    lonely = merged[merged["_merge"] != "both"]
    if len(lonely):
        cells = ", ".join(f"{r.region} {r.year} {r.sector}" for r in lonely.itertuples())
        raise ValueError(f"computed and printed cover different cells: {cells}")
    merged = merged.rename(columns={column: "recomputed", "value": "printed"}).drop(columns="_merge")
    merged["decimals"] = merged["decimals"].astype(int)
    merged["match"] = [
        agrees_at_precision(x, p, d) for x, p, d in zip(merged["recomputed"], merged["printed"], merged["decimals"])
    ]
    order = merged["sector"].map({sector: i for i, sector in enumerate(SECTORS)})
    return merged.assign(_order=order).sort_values(["region", "year", "_order"]).drop(columns="_order").reset_index(drop=True)


def paper_layout(comparison: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """A :func:`compare_with_printed` table in the layout of the paper's Table 2.

    Rows are (sector, region) in the order of :data:`chengyu.data.SECTORS` and ``regions``;
    columns are (year, ``"recomputed"`` | ``"printed"``), so each printed cell stands beside
    the value recomputed from the data.
    """
    wide = comparison.pivot_table(index=["sector", "region"], columns="year", values=["recomputed", "printed"])
    wide = wide.swaplevel(axis=1)
    years = sorted(comparison["year"].unique())
    rows = pd.MultiIndex.from_product([[s for s in SECTORS if s in set(comparison["sector"])], regions])
    return wide.reindex(index=rows, columns=pd.MultiIndex.from_product([years, ["recomputed", "printed"]]))


def trend_claim_verdicts(claims: pd.DataFrame, shares: pd.DataFrame, column: str = "share", rounded: bool = True) -> pd.DataFrame:
    """Check each trend claim of the paper against a recomputed series.

    ``claims`` are rows of ``paper_claims`` (id, statement, quantity, region, sector,
    year_from, year_to, decimals); only those whose quantity reads ``"trend:<class>"``, with a
    class of :data:`TRENDS`, are checked. Each is tested on the region's and sector's series in
    ``shares[column]`` from year_from to year_to, ordered by year: with ``rounded`` the values
    are first rounded to the claim's ``decimals`` (the precision the paper read), otherwise
    they are taken at full precision.

    Returns one row per claim: id, region, sector, statement, ``claimed`` class, ``path``
    (the values as text, at the precision used), ``first``, ``last``, ``net_change`` (last −
    first), ``shape`` (the class :func:`trend` gives) and ``holds`` (:func:`trend_holds`).
    """
    trend_rows = claims[claims["quantity"].str.startswith("trend:")]
    records = []
    for claim in trend_rows.itertuples():
        claimed = claim.quantity.removeprefix("trend:")
        years = range(int(claim.year_from), int(claim.year_to) + 1)
        rows = shares[(shares["region"] == claim.region) & (shares["sector"] == claim.sector)]
        series = rows.set_index("year")[column].reindex(years)
        if series.isna().any():
            missing = list(series.index[series.isna()])
            raise ValueError(f"claim {claim.id}: no {column} for {claim.region} {claim.sector} in {missing}")
        decimals = int(claim.decimals) if rounded else None
        values = _trend_values(series.to_numpy(), decimals)
        shown = decimals if rounded else int(claim.decimals) + 2
        records.append({
            "id": claim.id, "region": claim.region, "sector": claim.sector, "statement": claim.statement,
            "claimed": claimed, "path": " → ".join(f"{v:.{shown}f}" for v in values),
            "first": float(values[0]), "last": float(values[-1]), "net_change": float(values[-1] - values[0]),
            "shape": trend(values), "holds": trend_holds(values, claimed),
        })
    columns = ["id", "region", "sector", "statement", "claimed", "path", "first", "last", "net_change", "shape", "holds"]
    return pd.DataFrame(records, columns=columns)


def structure_similarity_table(value_added: pd.DataFrame, pairs: Iterable[tuple[str, str]], years: Iterable[int]) -> pd.DataFrame:
    """Similarity coefficient and Krugman index of each pair of regions, by year.

    One row per (a, b, year) with ``similarity`` (:func:`similarity_coefficient`, 1 =
    identical structures) and ``krugman`` (:func:`krugman_index`, 0 = identical), both on the
    three-sector value added of each region.
    """
    years = list(years)
    records = []
    for a, b in pairs:
        ta, tb = _sectors_by_year(value_added, a, years), _sectors_by_year(value_added, b, years)
        for year in years:
            records.append({
                "a": a, "b": b, "year": year,
                "similarity": similarity_coefficient(ta.loc[year], tb.loc[year]),
                "krugman": krugman_index(ta.loc[year], tb.loc[year]),
            })
    return pd.DataFrame(records, columns=["a", "b", "year", "similarity", "krugman"])


#: The indicator system of each city's industrial system for the coupling coordination model,
#: as (column, Chinese name, English name, unit). Every indicator counts as larger-is-better.
INDUSTRIAL_SYSTEM: tuple[tuple[str, str, str, str], ...] = (
    ("secondary_value_added", "第二产业增加值", "secondary value added", "亿元"),
    ("tertiary_value_added", "第三产业增加值", "tertiary value added", "亿元"),
    ("advancement_ratio", "产业结构高级化", "tertiary / secondary value added", "ratio"),
    ("national_share", "增加值占全国比重", "share of national value added", "%"),
)


def industrial_system(value_added: pd.DataFrame, region: str, years: Iterable[int], nation: str = "china") -> pd.DataFrame:
    """A region's industrial system as the indicators of :data:`INDUSTRIAL_SYSTEM`, by year.

    One row per year (the index), one column per indicator:

    - ``secondary_value_added``, ``tertiary_value_added``: scale of industry and of services (亿元);
    - ``advancement_ratio``: tertiary over secondary value added (产业结构高级化, Gan, Zheng and
      Yu 2011), see :func:`chengyu.indicators.advancement_ratio`;
    - ``national_share``: the region's value added, all sectors, as a percentage of the
      nation's (its relative position, the measure of the paper's §4.1).
    """
    years = list(years)
    own = _sectors_by_year(value_added, region, years)
    national = _sectors_by_year(value_added, nation, years)
    frame = pd.DataFrame({
        "secondary_value_added": own["secondary"],
        "tertiary_value_added": own["tertiary"],
        "advancement_ratio": own["tertiary"] / own["secondary"],
        "national_share": own.sum(axis=1) / national.sum(axis=1) * 100,
    })
    frame.index.name = "year"
    frame.columns.name = None
    return frame.astype(float)


def coupling_coordination_table(
    system_a: pd.DataFrame,
    system_b: pd.DataFrame,
    negative: Iterable[str] = (),
    pooled: bool = False,
    alpha: float = 0.5,
    beta: float = 0.5,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Coupling coordination of two systems observed over the same periods: scores and weights.

    ``system_a`` and ``system_b`` have the same index (e.g. years) and the same indicator
    columns (e.g. from :func:`industrial_system`). Each system is min-max normalised
    (:func:`minmax_normalise`) and weighted by the entropy method (:func:`entropy_weights`)
    over its own rows, giving the composite scores u₁ and u₂ (:func:`composite_scores`); with
    ``pooled`` both systems' rows are normalised and weighted together, so the two scores share
    one scale and one set of weights. Then C, T, D (:func:`coupling_coordination`) and the band
    (:func:`coordination_band`).

    Min-max over the observed rows makes every score relative to them: the lowest row of an
    indicator scores 0 on it, the highest 1, whatever their absolute levels.

    Returns ``(scores, weights)``: ``scores`` indexed like the systems with columns u1, u2, C,
    T, D, band_zh, band_en; ``weights`` indexed by indicator with columns ``a`` and ``b``.
    """
    if not system_a.index.equals(system_b.index):
        raise ValueError("system_a and system_b must cover the same rows (periods)")
    if list(system_a.columns) != list(system_b.columns):
        raise ValueError(
            f"system_a and system_b must have the same indicators: {list(system_a.columns)} and {list(system_b.columns)}"
        )
    if pooled:
        both = pd.concat({"a": system_a, "b": system_b})
        weight = entropy_weights(both, negative)
        score = composite_scores(both, weight, negative)
        u1, u2 = score.loc["a"], score.loc["b"]
        weights = pd.DataFrame({"a": weight, "b": weight})
    else:
        weights = pd.DataFrame({"a": entropy_weights(system_a, negative), "b": entropy_weights(system_b, negative)})
        u1 = composite_scores(system_a, weights["a"], negative)
        u2 = composite_scores(system_b, weights["b"], negative)
    # Sums of weights that are 1 up to rounding can put a score a hair above 1.
    u1, u2 = u1.clip(0, 1), u2.clip(0, 1)
    c, t, d = coupling_coordination(u1, u2, alpha, beta)
    bands = [coordination_band(float(x)) for x in d]
    scores = pd.DataFrame({
        "u1": u1, "u2": u2, "C": c, "T": t, "D": d,
        "band_zh": [zh for zh, _ in bands], "band_en": [en for _, en in bands],
    }, index=system_a.index)
    return scores, weights

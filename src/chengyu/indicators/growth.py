"""Growth over time: compound annual growth, rebased index series and gap ratios."""

from __future__ import annotations

import pandas as pd

from chengyu.data import SECTORS
from chengyu.indicators._checks import numbers_or_series, positive, sector_values


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent: ((end / start) ** (1 / years) - 1) * 100.

    The constant yearly rate that takes ``start`` to ``end`` in ``years`` years (the usual
    geometric-mean growth rate, 年均增长率). Raises ``ValueError`` for start <= 0, end < 0,
    years <= 0 or a NaN.
    """
    start, end = numbers_or_series(start, end, ("start", "end"))
    positive(start, "start")
    years = float(years)
    if not years > 0:  # also catches NaN
        raise ValueError(f"years: must be > 0, got {years!r}")
    return ((end / start) ** (1 / years) - 1) * 100


def rebase(series: pd.Series, base) -> pd.Series:
    """Index a Series (indexed by year) to ``series[base] = 100``: series / series[base] * 100.

    The fixed-base index used for indices such as the Chengdu-Chongqing co-innovation index
    (2020 = 100). Raises ``ValueError`` if ``base`` is not in the index or the value there is 0.
    """
    series = sector_values(series, "series")
    if base not in series.index:
        raise ValueError(
            f"base {base!r} is not in the series index {list(series.index)}"
        )
    if series[base] == 0:
        raise ValueError(f"series is 0 at base {base!r}, so it cannot be rebased")
    return series / series[base] * 100


def gap_ratio(a, b):
    """Ratio a / b of two non-negative quantities, e.g. two cities' R&D intensity.

    Works on numbers or, element-wise, on two Series covering the same labels. Raises
    ``ValueError`` if b is 0, or if either is negative or NaN.
    """
    a, b = numbers_or_series(a, b, ("a", "b"))
    positive(b, "b")
    return a / b


def nominal_and_real(
    value_added: pd.DataFrame, figures: pd.DataFrame, region: str
) -> pd.DataFrame:
    """A region's nominal growth by sector, from value added, beside the real growth released.

    For each year with released real growth (series ``real_growth_<sector>`` and
    ``real_growth_gdp`` in ``figures``, percent on the previous year at comparable prices) and
    value added for that year and the one before, one row per sector and the total: ``year``,
    ``sector`` ("total" for GDP), ``nominal`` ((x₁ / x₀ − 1) · 100 at current prices),
    ``real`` (as released) and ``prices`` (nominal − real, roughly the growth of the sector's
    prices). Empty when the region has no released real growth.
    """
    table = value_added[value_added["region"] == region].pivot(
        index="year", columns="sector", values="value"
    )
    table["total"] = table.sum(axis=1)
    real = figures[
        (figures["region"] == region) & figures["series"].str.startswith("real_growth_")
    ]
    records = []
    for row in real.itertuples():
        sector = row.series.removeprefix("real_growth_").replace("gdp", "total")
        year = int(row.year)
        if year in table.index and year - 1 in table.index:
            nominal = (table.loc[year, sector] / table.loc[year - 1, sector] - 1) * 100
            records.append(
                {
                    "year": year,
                    "sector": sector,
                    "nominal": float(nominal),
                    "real": float(row.value),
                    "prices": float(nominal - row.value),
                }
            )
    order = {s: i for i, s in enumerate(("primary", "secondary", "tertiary", "total"))}
    frame = pd.DataFrame(
        records, columns=["year", "sector", "nominal", "real", "prices"]
    )
    return frame.sort_values(
        ["year", "sector"], key=lambda c: c.map(order) if c.name == "sector" else c
    ).reset_index(drop=True)


def real_contributions(
    value_added: pd.DataFrame, figures: pd.DataFrame, regions
) -> pd.DataFrame:
    """Each sector's part in a year's real growth (at constant prices), as the bureaus compute it.

    For a region and year t with released real growth ``g_i`` of all three sectors (series
    ``real_growth_<sector>`` in ``figures``, percent on the previous year at comparable prices)
    and value added ``x_i`` of t − 1 at current prices: the real increase of sector i, at t − 1's
    prices, is ``x_i · g_i / 100``, so

    - its pull (拉动), in percentage points of real growth: ``p_i = x_i · g_i / Σ_j x_j``;
    - its contribution rate (贡献率), its percent of the real increase:
      ``c_i = x_i · g_i / Σ_j x_j · g_j · 100``.

    The pulls add up to the real growth of value added that the three rates imply, which
    differs from the released GDP growth only by the rounding of the rates (the bureaus weight by
    the previous year's prices, as here). Columns: ``region``, ``year``, ``sector``,
    ``real_growth``, ``points``, ``share``, and ``gdp_growth`` (released, where the package has it).
    """
    needed = [f"real_growth_{s}" for s in SECTORS]
    records = []
    for region in regions:
        own = figures[figures["region"] == region]
        rates = own[own["series"].str.startswith("real_growth_")]
        rates = rates.pivot(index="year", columns="series", values="value")
        table = value_added[value_added["region"] == region].pivot(
            index="year", columns="sector", values="value"
        )
        for year in rates.index:
            if (
                not set(needed) <= set(rates.columns)
                or rates.loc[year, needed].isna().any()
            ):
                continue
            if year - 1 not in table.index:
                continue
            weights = table.loc[year - 1, list(SECTORS)]
            growth = rates.loc[year, needed].set_axis(weights.index)
            increase = weights * growth / 100
            gdp = rates.loc[year].get("real_growth_gdp", float("nan"))
            for sector in weights.index:
                records.append(
                    {
                        "region": region,
                        "year": int(year),
                        "sector": sector,
                        "real_growth": float(growth[sector]),
                        "points": float(increase[sector] / weights.sum() * 100),
                        "share": float(increase[sector] / increase.sum() * 100),
                        "gdp_growth": float(gdp),
                    }
                )
    columns = [
        "region",
        "year",
        "sector",
        "real_growth",
        "points",
        "share",
        "gdp_growth",
    ]
    return pd.DataFrame.from_records(records, columns=columns)

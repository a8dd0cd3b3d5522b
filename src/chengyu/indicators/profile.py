"""Regional profile: GDP, GDP per head and share of the national economy.

Pure functions on the tidy frames of :mod:`chengyu.data` (``value_added`` and ``indicators``).
"""

from __future__ import annotations

import pandas as pd

from chengyu.data import SECTORS


def per_head(gdp: float, population: float) -> float:
    """GDP per head in yuan: GDP in 亿元 (1e8 yuan) over population in 万人 (1e4 persons).

    gdp · 1e8 / (population · 1e4) = gdp / population · 1e4. Official per-head GDP divides by
    the year's *average* population; with year-end population, as here, it is slightly lower
    in a growing city.
    """
    if not population > 0:
        raise ValueError(f"population must be positive, got {population!r}")
    if not gdp >= 0:
        raise ValueError(f"GDP must be non-negative, got {gdp!r}")
    return gdp / population * 1e4


def share_percent(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``: part / whole · 100."""
    if not whole > 0:
        raise ValueError(f"the whole must be positive, got {whole!r}")
    if not part >= 0:
        raise ValueError(f"the part must be non-negative, got {part!r}")
    return part / whole * 100


def gdp_by_year(
    value_added: pd.DataFrame, indicators: pd.DataFrame, region: str
) -> pd.DataFrame:
    """A region's GDP by year: the published figure where sourced, else the sum of its sectors.

    GDP equals the sum of value added over the three sectors (by definition of the
    production approach), so a year with all three sectors but no published total still has
    a GDP. Columns: ``gdp`` (亿元), ``basis`` ("published" or "sum of sectors"), ``source``.
    """
    published = indicators[
        (indicators["series"] == "gdp") & (indicators["region"] == region)
    ]
    rows = {
        int(r.year): (float(r.value), "published", r.source)
        for r in published.itertuples()
    }
    sectors = value_added[value_added["region"] == region]
    for year, group in sectors.groupby("year"):
        if int(year) not in rows and set(group["sector"]) == set(SECTORS):
            rows[int(year)] = (
                float(group["value"].sum()),
                "sum of sectors",
                ",".join(sorted(set(group["source"]))),
            )
    frame = pd.DataFrame.from_dict(
        rows, orient="index", columns=["gdp", "basis", "source"]
    ).sort_index()
    frame.index.name = "year"
    return frame


def regional_profile(
    value_added: pd.DataFrame,
    indicators: pd.DataFrame,
    regions: list[str],
    years: range,
    nation: str = "china",
) -> pd.DataFrame:
    """GDP, year-end population, GDP per head and share of national GDP, by region and year.

    One row per (region, year) in ``years``; a figure that is not sourced stays missing
    (NaN) rather than being estimated; ``sources`` lists the ids of the publications each row
    rests on, comma-separated. The national GDP is the preliminary estimate of each
    year's statistical bulletin, as stored in the data package.
    """
    national_gdp = gdp_by_year(value_added, indicators, nation)
    national = national_gdp["gdp"]
    people = indicators[indicators["series"] == "population"].set_index(
        ["region", "year"]
    )
    population = people["value"]
    records = []
    for region in regions:
        gdp = gdp_by_year(value_added, indicators, region)
        for year in years:
            row = {
                "region": region,
                "year": year,
                "gdp": float("nan"),
                "gdp_basis": None,
                "population": float("nan"),
                "gdp_per_head": float("nan"),
                "share_of_national_gdp": float("nan"),
            }
            used = set()
            if year in gdp.index:
                row["gdp"] = float(gdp.loc[year, "gdp"])
                row["gdp_basis"] = gdp.loc[year, "basis"]
                used.update(gdp.loc[year, "source"].split(","))
                if year in national.index:
                    row["share_of_national_gdp"] = share_percent(
                        row["gdp"], float(national.loc[year])
                    )
                    used.update(national_gdp.loc[year, "source"].split(","))
            if (region, year) in population.index:
                row["population"] = float(population.loc[(region, year)])
                used.add(people.loc[(region, year), "source"])
                if year in gdp.index:
                    row["gdp_per_head"] = per_head(row["gdp"], row["population"])
            row["sources"] = ",".join(sorted(used))
            records.append(row)
    return pd.DataFrame.from_records(records)

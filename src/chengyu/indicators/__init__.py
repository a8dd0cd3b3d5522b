"""Indicators: pure functions on pandas objects, each documented with its formula and source.

Grouped by theme in small modules and re-exported here, so that a notebook writes
``from chengyu import indicators`` and calls ``indicators.sector_shares(...)``:

- :mod:`~chengyu.indicators.structure`: sector shares, advancement, Moore index, shift-share and
  contributions to growth, over regions and years;
- :mod:`~chengyu.indicators.specialisation`: shares of the nation, location quotients,
  similarity coefficient and Krugman index;
- :mod:`~chengyu.indicators.coupling`: the coupling coordination degree model;
- :mod:`~chengyu.indicators.peers`: the same measures for any pair of regions, to set the focus
  pair among its peers (called as ``indicators.peers.pairs_table(...)``);
- :mod:`~chengyu.indicators.trends`: the shape of a short series (the paper's trend readings);
- :mod:`~chengyu.indicators.growth`, :mod:`~chengyu.indicators.profile`,
  :mod:`~chengyu.indicators.innovation`: growth rates, regional profiles, innovation figures.

Checking the paper's own figures against these is :mod:`chengyu.claims`.
"""

from chengyu.indicators import peers
from chengyu.indicators.coupling import (
    COORDINATION_BANDS,
    INDUSTRIAL_SYSTEM,
    SIZE_INDICATORS,
    composite_scores,
    coordination_band,
    coupling_coordination,
    coupling_coordination_table,
    coupling_sensitivity,
    entropy_weights,
    equal_weights,
    industrial_system,
    minmax_normalise,
)
from chengyu.indicators.growth import (
    cagr,
    gap_ratio,
    nominal_and_real,
    real_contributions,
    rebase,
)
from chengyu.indicators.innovation import (
    base_year,
    growth_since_base,
    shortfall,
    year_grid,
)
from chengyu.indicators.profile import (
    gdp_by_year,
    per_head,
    regional_profile,
    share_percent,
)
from chengyu.indicators.specialisation import (
    krugman_index,
    location_quotient,
    location_quotient_table,
    national_share_table,
    national_shares,
    revised_denominator_shares,
    similarity_coefficient,
    structure_similarity_table,
)
from chengyu.indicators.structure import (
    advancement_ratio,
    contribution_shares,
    contributions_by_period,
    describe_leaders,
    driving_force_verdict,
    growth_rate,
    leading_sectors,
    main_drivers,
    moore_by_period,
    moore_index,
    period_label,
    sector_contributions,
    sector_shares,
    shares_by_year,
    shift_share,
    shift_share_by_region,
    structure_over_years,
    structure_ratio,
    table_by_sector,
)
from chengyu.indicators.trends import (
    TREND_TESTS,
    TRENDS,
    biggest_move,
    describe_changes,
    describe_directions,
    path_ratio,
    trend,
    trend_holds,
    trend_values,
    yearly_directions,
)

__all__ = [
    "COORDINATION_BANDS",
    "INDUSTRIAL_SYSTEM",
    "peers",
    "SIZE_INDICATORS",
    "TRENDS",
    "TREND_TESTS",
    "advancement_ratio",
    "base_year",
    "biggest_move",
    "cagr",
    "composite_scores",
    "contribution_shares",
    "contributions_by_period",
    "coordination_band",
    "coupling_coordination",
    "coupling_coordination_table",
    "coupling_sensitivity",
    "driving_force_verdict",
    "entropy_weights",
    "equal_weights",
    "gap_ratio",
    "gdp_by_year",
    "growth_rate",
    "growth_since_base",
    "industrial_system",
    "krugman_index",
    "location_quotient",
    "location_quotient_table",
    "describe_leaders",
    "leading_sectors",
    "main_drivers",
    "minmax_normalise",
    "nominal_and_real",
    "real_contributions",
    "moore_by_period",
    "moore_index",
    "national_share_table",
    "revised_denominator_shares",
    "national_shares",
    "per_head",
    "period_label",
    "rebase",
    "regional_profile",
    "sector_contributions",
    "sector_shares",
    "share_percent",
    "shares_by_year",
    "shift_share",
    "shift_share_by_region",
    "shortfall",
    "similarity_coefficient",
    "structure_over_years",
    "structure_ratio",
    "structure_similarity_table",
    "table_by_sector",
    "trend",
    "trend_holds",
    "trend_values",
    "yearly_directions",
    "describe_directions",
    "describe_changes",
    "path_ratio",
    "year_grid",
]

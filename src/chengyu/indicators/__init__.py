"""Indicators: pure functions on pandas objects, each documented with its formula and source.

Grouped by theme in small modules and re-exported here, so a notebook writes
``from chengyu import indicators`` and calls ``indicators.sector_shares(...)``.
"""

from chengyu.indicators.coordination import (
    COORDINATION_BANDS,
    INDUSTRIAL_SYSTEM,
    TREND_TESTS,
    TRENDS,
    compare_with_printed,
    composite_scores,
    coordination_band,
    coupling_coordination,
    coupling_coordination_table,
    entropy_weights,
    industrial_system,
    krugman_index,
    location_quotient,
    location_quotient_table,
    minmax_normalise,
    national_share_table,
    national_shares,
    paper_layout,
    similarity_coefficient,
    structure_similarity_table,
    trend,
    trend_claim_verdicts,
    trend_holds,
)
from chengyu.indicators.growth import cagr, gap_ratio, rebase
from chengyu.indicators.innovation import (
    STATUS_PAPER,
    STATUS_VERIFIED,
    base_year,
    claim_status,
    growth_since_base,
    printed_tolerance,
    shortfall,
    year_grid,
)
from chengyu.indicators.profile import gdp_by_year, per_head, regional_profile, share_percent
from chengyu.indicators.structure import (
    CLAIM_QUANTITIES,
    advancement_ratio,
    agrees_at_precision,
    contribution_shares,
    contributions_by_period,
    driving_force_verdict,
    growth_rate,
    main_drivers,
    moore_by_period,
    moore_index,
    sector_contributions,
    sector_shares,
    shares_by_year,
    shift_share,
    shift_share_by_region,
    structure_claims,
    structure_over_years,
    structure_ratio,
    table_by_sector,
)

__all__ = [
    "INDUSTRIAL_SYSTEM", "TREND_TESTS", "compare_with_printed", "coupling_coordination_table",
    "industrial_system", "location_quotient_table", "national_share_table", "paper_layout",
    "structure_similarity_table", "trend_claim_verdicts", "trend_holds",
    "STATUS_PAPER", "STATUS_VERIFIED", "base_year", "claim_status", "growth_since_base",
    "printed_tolerance", "shortfall", "year_grid",
    "COORDINATION_BANDS", "TRENDS", "advancement_ratio", "cagr", "composite_scores",
    "contribution_shares", "coordination_band", "coupling_coordination", "entropy_weights",
    "gap_ratio", "gdp_by_year", "growth_rate", "krugman_index", "location_quotient",
    "minmax_normalise", "moore_index", "national_shares", "per_head", "rebase",
    "regional_profile", "sector_contributions", "sector_shares", "share_percent",
    "shift_share", "similarity_coefficient", "trend",
    "CLAIM_QUANTITIES", "agrees_at_precision", "contributions_by_period", "driving_force_verdict",
    "main_drivers", "moore_by_period", "shares_by_year", "shift_share_by_region", "structure_claims",
    "structure_over_years", "structure_ratio", "table_by_sector",
]

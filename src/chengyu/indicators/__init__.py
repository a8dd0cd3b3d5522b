"""Indicators: pure functions on pandas objects, each documented with its formula and source.

Grouped by theme in small modules and re-exported here, so a notebook writes
``from chengyu import indicators`` and calls ``indicators.sector_shares(...)``.
"""

from chengyu.indicators.coordination import (
    COORDINATION_BANDS,
    TRENDS,
    composite_scores,
    coordination_band,
    coupling_coordination,
    entropy_weights,
    krugman_index,
    location_quotient,
    minmax_normalise,
    national_shares,
    similarity_coefficient,
    trend,
)
from chengyu.indicators.growth import cagr, gap_ratio, rebase
from chengyu.indicators.profile import gdp_by_year, per_head, regional_profile, share_percent
from chengyu.indicators.structure import (
    advancement_ratio,
    contribution_shares,
    growth_rate,
    moore_index,
    sector_contributions,
    sector_shares,
    shift_share,
)

__all__ = [
    "COORDINATION_BANDS", "TRENDS", "advancement_ratio", "cagr", "composite_scores",
    "contribution_shares", "coordination_band", "coupling_coordination", "entropy_weights",
    "gap_ratio", "gdp_by_year", "growth_rate", "krugman_index", "location_quotient",
    "minmax_normalise", "moore_index", "national_shares", "per_head", "rebase",
    "regional_profile", "sector_contributions", "sector_shares", "share_percent",
    "shift_share", "similarity_coefficient", "trend",
]

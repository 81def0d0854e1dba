"""Every component ID in one place (STYLE.md 6)."""

from __future__ import annotations

# Shell
URL = "url"
NAVBAR = "navbar"
FILTER_COL = "filter-col"
PAGE = "page"
PAGE_COL = "page-col"
RENDER_KEY = "render-key"
LANG_SINK = "lang-sink"
DATA_VERSION = "data-version"
REFRESH = "refresh-interval"
UPDATED_AT = "updated-at"
DB_BANNER = "db-banner"
NOTICES = "notices"
DEMO_BADGE = "demo-badge"
FILTER_COLLAPSE = "filter-collapse"
FILTER_TOGGLE = "filter-toggle"

# Filter controls
F_RAION = "filter-raion"
F_SERVICE = "filter-service"
F_PERIOD = "filter-period"
F_DATES = "filter-dates"
F_KIND = "filter-kind"
F_TIER = "filter-tier"
F_FORMAT = "filter-format"
F_RESET = "filter-reset"

# Overview
KPI_ROW = "kpi-row"
TREND = "trend-graph"
TREND_METRIC = "trend-metric"
BY_SERVICE = "by-service-graph"
BY_AUDIENCE = "by-audience-graph"
BY_FORMAT = "by-format-graph"
BY_BEHALF = "by-behalf-graph"
TOP_RAIONS = "top-raions-graph"
BOTTOM_RAIONS = "bottom-raions-graph"

# Map
MAP = "raion-map"
MAP_METRIC = "map-metric"
MAP_PER_CAPITA = "map-per-capita"
MAP_CLEAR = "map-clear-raions"
MAP_SELECTION = "map-selection"
MAP_DRAWN = "map-drawn"


def nav_link(page: str) -> dict[str, str]:
    return {"type": "nav-link", "page": page}


def lang_link(lang: str) -> dict[str, str]:
    return {"type": "lang-link", "lang": lang}


def kpi(metric: str) -> dict[str, str]:
    return {"type": "kpi", "metric": metric}


def chart_message(chart: str) -> dict[str, str]:
    return {"type": "chart-message", "chart": chart}

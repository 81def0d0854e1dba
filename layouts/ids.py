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


def kpi_part(metric: str, part: str) -> dict[str, str]:
    """The value / change / note / target slot of a KPI card."""
    return {"type": "kpi-part", "metric": metric, "part": part}


def chart_message(chart: str) -> dict[str, str]:
    return {"type": "chart-message", "chart": chart}


# ---------------------------------------------------------------------------------------------
# Program pages (issue 4): targets, coverage, directory, presentation.
# ---------------------------------------------------------------------------------------------

# Targets (/tinte)
TARGETS_SUMMARY = "targets-summary"
TARGETS_PICKER = "targets-picker"
TARGETS_CHART = "targets-chart"
TARGETS_GRID = "targets-grid"
TARGETS_RAION_GRID = "targets-raion-grid"
TARGETS_AMBASSADOR_GRID = "targets-ambassador-grid"
TARGETS_LOCALS_TITLE = "targets-locals-title"
TARGETS_LOCALS_GRID = "targets-locals-grid"

# Coverage (/acoperire)
COVERAGE_INIT = "coverage-init"
COVERAGE_DAYS = "coverage-dormant-days"
COVERAGE_KM = "coverage-max-km"
COVERAGE_RANKING = "coverage-ranking-graph"
COVERAGE_NO_ACTIVE = "coverage-no-active"
COVERAGE_DORMANT_TITLE = "coverage-dormant-title"
COVERAGE_DORMANT_GRID = "coverage-dormant-grid"
COVERAGE_FAR_TITLE = "coverage-far-title"
COVERAGE_FAR_MAP = "coverage-far-map"
COVERAGE_FAR_COUNTS = "coverage-far-counts-graph"
COVERAGE_SCORE_GRID = "coverage-score-grid"
COVERAGE_FORMULA = "coverage-formula"
COVERAGE_EXPORT_CSV = "coverage-export-csv"
COVERAGE_EXPORT_XLSX = "coverage-export-xlsx"
COVERAGE_DOWNLOAD = "coverage-download"
COVERAGE_FAR_DRAWN = "coverage-far-drawn"  # what the far map holds (full draw once)

# Directory (/director): one set per table
DIRECTORY_AMB_GRID = "directory-ambassadors-grid"
DIRECTORY_AMB_SEARCH = "directory-ambassadors-search"
DIRECTORY_AMB_CSV = "directory-ambassadors-csv"
DIRECTORY_AMB_XLSX = "directory-ambassadors-xlsx"
DIRECTORY_AMB_DOWNLOAD = "directory-ambassadors-download"
DIRECTORY_LIB_GRID = "directory-libraries-grid"
DIRECTORY_LIB_SEARCH = "directory-libraries-search"
DIRECTORY_LIB_CSV = "directory-libraries-csv"
DIRECTORY_LIB_XLSX = "directory-libraries-xlsx"
DIRECTORY_LIB_DOWNLOAD = "directory-libraries-download"

# Presentation (/prezentare)
PRES_SUBTITLE = "pres-subtitle"
PRES_SLIDE = "pres-slide-picker"
PRES_PREVIOUS = "pres-previous"
PRES_NEXT = "pres-next"
PRES_AUTO = "pres-auto"
PRES_INTERVAL = "pres-interval"
PRES_KPIS = "pres-kpis"
PRES_MAP = "pres-map"
PRES_TREND = "pres-trend"
PRES_TOP = "pres-top"


def pres_slide(slide: str) -> dict[str, str]:
    return {"type": "pres-slide", "slide": slide}


# Data page (/date)
DATA_UPLOAD = "data-upload"
DATA_UPLOAD_HINT = "data-upload-hint"
DATA_UPLOAD_LIMIT = "data-upload-limit"
DATA_UPLOAD_GUARD = "data-upload-guard"
DATA_FILE = "data-file"
DATA_FILE_INFO = "data-file-info"
DATA_KIND = "data-kind"
DATA_REPORT = "data-report"
DATA_ERRORS_GRID = "data-errors-grid"
DATA_INSPECTED = "data-inspected"
DATA_CONFIRM = "data-confirm"
DATA_CONFIRM_NOTE = "data-confirm-note"
DATA_RESULT = "data-result"
DATA_IMPORTED = "data-imported"
DATA_FORMAT = "data-format"
DATA_DOWNLOAD = "data-template-download"
DATA_HISTORY_GRID = "data-history-grid"
DATA_HISTORY_INTRO = "data-history-intro"


def data_template(kind: object, file_format: object) -> dict[str, object]:
    """A template download button; pass ``dash.ALL`` for both in the callback."""
    return {"type": "data-template", "kind": kind, "format": file_format}

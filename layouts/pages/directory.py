"""Directory (``/director``): ambassadors and libraries with their activity for the current
filters — sortable, searchable, paginated, exportable (CSV/XLSX of the whole view: filters,
search text, column filters and sort). Server grids: the browser holds one block of rows."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import t
from layouts import ids
from layouts.grid import DATE, INT, LABEL, TEXT, Column, data_grid

AMBASSADOR_COLUMNS = [
    Column("name", "directory.col.name", TEXT, min_width=180, pinned=True),
    Column("tier", "directory.col.tier", LABEL, labels="tier", min_width=130),
    Column("library_name", "common.library", TEXT, min_width=220),
    Column("raion_name", "common.raion", TEXT, min_width=120),
    Column("trained_by", "directory.col.trained_by", TEXT, min_width=160),
    Column("certified_on", "directory.col.certified_on", DATE),
    Column("sessions", "metric.sessions", INT),
    Column("participants", "metric.participants", INT),
    Column("requests", "metric.requests", INT),
    Column("last_activity", "common.last_activity", DATE, missing_key="common.never"),
]
LIBRARY_COLUMNS = [
    Column("name", "directory.col.library_name", TEXT, min_width=240, pinned=True),
    Column("kind", "directory.col.kind", LABEL, labels="kind", min_width=120),
    Column("locality", "coverage.col.locality", TEXT, min_width=130),
    Column("raion_name", "common.raion", TEXT, min_width=120),
    Column("accredited_on", "coverage.col.accredited_on", DATE),
    Column("ambassadors_in_service", "directory.col.ambassadors_in_service", INT),
    Column("sessions", "metric.sessions", INT),
    Column("participants", "metric.participants", INT),
    Column("requests", "metric.requests", INT),
    Column("last_activity", "common.last_activity", DATE, missing_key="coverage.no_activity_3y"),
    Column("status", "directory.col.status", LABEL, labels="directory.status"),
]


def library_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``libraries_directory`` rows plus ``status``: active / dormant access point, or not one."""
    out = frame.copy()
    status = pd.Series("active", index=out.index)
    status[out["dormant"].astype(bool)] = "dormant"
    status[~out["is_access_point"].astype(bool)] = "not_point"
    out["status"] = status
    return out


def _table(title: str, grid_id: str, search_id: str, csv_id: str, xlsx_id: str,
           download_id: str, columns: list[Column], lang: str) -> dbc.Card:  # fmt: skip
    toolbar = html.Div([
        dbc.Label(t("directory.search", lang), html_for=search_id, className="visually-hidden"),
        dbc.Input(id=search_id, type="search", placeholder=t("directory.search", lang),
                  debounce=300, className="grid-search"),
        html.Div([
            dbc.Button(t("export.csv", lang), id=csv_id, size="sm", color="primary",
                       outline=True, className="me-2"),
            dbc.Button(t("export.xlsx", lang), id=xlsx_id, size="sm", color="primary",
                       outline=True),
            dcc.Download(id=download_id),
        ], className="export-buttons", title=t("export.hint", lang)),
    ], className="grid-toolbar")  # fmt: skip
    return dbc.Card([
        dbc.CardHeader(html.H2(title, className="chart-title"), className="chart-header"),
        dbc.CardBody([toolbar, data_grid(grid_id, columns, lang, page_size=20, height=560,
                                         server=True)]),
    ], className="chart-card mb-3")  # fmt: skip


def layout(lang: str) -> html.Div:
    return html.Div([
        html.H1(t("directory.title", lang), className="page-title"),
        html.P(t("directory.intro", lang), className="text-muted small page-intro"),
        _table(t("directory.ambassadors", lang), ids.DIRECTORY_AMB_GRID, ids.DIRECTORY_AMB_SEARCH,
               ids.DIRECTORY_AMB_CSV, ids.DIRECTORY_AMB_XLSX, ids.DIRECTORY_AMB_DOWNLOAD,
               AMBASSADOR_COLUMNS, lang),
        _table(t("directory.libraries", lang), ids.DIRECTORY_LIB_GRID, ids.DIRECTORY_LIB_SEARCH,
               ids.DIRECTORY_LIB_CSV, ids.DIRECTORY_LIB_XLSX, ids.DIRECTORY_LIB_DOWNLOAD,
               LIBRARY_COLUMNS, lang),
    ])  # fmt: skip

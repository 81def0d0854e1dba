"""Directory callbacks, the same three for each table: rows for the current filters, the search
box (the grid's quick filter) and the CSV/XLSX export of the rows the grid shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import DATA_INPUTS, guarded
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import t
from data_access.queries import directory
from layouts import ids
from layouts.grid import Column, file_name, grid_rows, rows_in_view, table_download
from layouts.pages.directory import AMBASSADOR_COLUMNS, LIBRARY_COLUMNS, library_rows


@dataclass(frozen=True)
class Table:
    name: str
    grid: str
    search: str
    csv: str
    xlsx: str
    download: str
    columns: list[Column]
    row_id: str
    query: Callable[[Session, Filters, int], pd.DataFrame]


def _ambassadors(s: Session, filters: Filters, _days: int) -> pd.DataFrame:
    return directory.ambassadors_directory(s, filters)


def _libraries(s: Session, filters: Filters, days: int) -> pd.DataFrame:
    return library_rows(directory.libraries_directory(s, filters, days))


TABLES = (
    Table("ambassadors", ids.DIRECTORY_AMB_GRID, ids.DIRECTORY_AMB_SEARCH, ids.DIRECTORY_AMB_CSV,
          ids.DIRECTORY_AMB_XLSX, ids.DIRECTORY_AMB_DOWNLOAD, AMBASSADOR_COLUMNS, "ambassador_id",
          _ambassadors),
    Table("libraries", ids.DIRECTORY_LIB_GRID, ids.DIRECTORY_LIB_SEARCH, ids.DIRECTORY_LIB_CSV,
          ids.DIRECTORY_LIB_XLSX, ids.DIRECTORY_LIB_DOWNLOAD, LIBRARY_COLUMNS, "library_id",
          _libraries),
)  # fmt: skip


def table_frame(app_ctx: AppContext, table: Table, filters: Filters, version: Any) -> pd.DataFrame:
    days = app_ctx.settings.dormant_days

    def compute() -> pd.DataFrame:
        with app_ctx.db.session() as s:
            return table.query(s, filters, days)

    return app_ctx.memo(f"directory.{table.name}", (filters.cache_key(), version, days), compute)


def quick_filter(text: object) -> Patch:
    """Only the grid's quick filter changes (its other options stay as the layout set them)."""
    patched = Patch()
    patched["quickFilterText"] = text[:200] if isinstance(text, str) else ""
    return patched


def register_table(app: Dash, app_ctx: AppContext, table: Table) -> None:
    @app.callback(Output(table.grid, "rowData"), *DATA_INPUTS)
    @guarded(lambda _lang, _message: [])
    def update_rows(search: str | None, version: Any) -> list[dict[str, Any]]:
        filters, _, lang = app_ctx.parse(search)
        frame = table_frame(app_ctx, table, filters, version)
        return grid_rows(frame, table.columns, lang, table.row_id)

    @app.callback(
        Output(table.grid, "dashGridOptions"),
        Input(table.search, "value", allow_optional=True),
        prevent_initial_call=True,
    )
    def search_rows(text: Any) -> Patch:
        return quick_filter(text)

    @app.callback(
        Output(table.download, "data"),
        State(ids.URL, "search"),
        State(ids.DATA_VERSION, "data"),
        Input(table.csv, "n_clicks", allow_optional=True),
        Input(table.xlsx, "n_clicks", allow_optional=True),
        State(table.grid, "virtualRowData", allow_optional=True),
        prevent_initial_call=True,
    )
    @guarded(lambda _lang, _message: no_update)
    def export_rows(search: str | None, version: Any, _csv: Any, _xlsx: Any,
                    view: Any) -> dict[str, Any]:  # fmt: skip
        if ctx.triggered_id not in (table.csv, table.xlsx):
            raise PreventUpdate
        filters, _, lang = app_ctx.parse(search)
        frame = rows_in_view(table_frame(app_ctx, table, filters, version), table.row_id, view)
        kind = "xlsx" if ctx.triggered_id == table.xlsx else "csv"
        name = file_name(t(f"directory.file.{table.name}", lang), filters.date_to, lang,
                         demo=app_ctx.status().is_demo)  # fmt: skip
        return table_download(frame, table.columns, lang, kind, name)


def register(app: Dash, app_ctx: AppContext) -> None:
    for table in TABLES:
        register_table(app, app_ctx, table)

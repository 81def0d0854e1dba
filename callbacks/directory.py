"""Directory callbacks: two server grids (ambassadors, libraries), each with its search box and
its CSV/XLSX export of the whole view (see :mod:`callbacks.server_grid`)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash

from callbacks import server_grid
from callbacks.server_grid import Export, ServerGrid
from dashboard.context import AppContext
from dashboard.filters import Filters
from data_access.queries import directory
from layouts import ids
from layouts.pages.directory import AMBASSADOR_COLUMNS, LIBRARY_COLUMNS, library_rows


def _ambassadors(app_ctx: AppContext, filters: Filters, _version: Any, _lang: str) -> pd.DataFrame:
    with app_ctx.db.session() as s:
        return directory.ambassadors_directory(s, filters)


def _libraries(app_ctx: AppContext, filters: Filters, _version: Any, _lang: str) -> pd.DataFrame:
    with app_ctx.db.session() as s:
        return library_rows(
            directory.libraries_directory(s, filters, app_ctx.settings.dormant_days)
        )


GRIDS = (
    ServerGrid("directory.ambassadors", ids.DIRECTORY_AMB_GRID, AMBASSADOR_COLUMNS,
               "ambassador_id", _ambassadors, search=ids.DIRECTORY_AMB_SEARCH,
               export=Export(ids.DIRECTORY_AMB_CSV, ids.DIRECTORY_AMB_XLSX,
                             ids.DIRECTORY_AMB_DOWNLOAD, "directory.file.ambassadors")),
    ServerGrid("directory.libraries", ids.DIRECTORY_LIB_GRID, LIBRARY_COLUMNS, "library_id",
               _libraries, search=ids.DIRECTORY_LIB_SEARCH,
               export=Export(ids.DIRECTORY_LIB_CSV, ids.DIRECTORY_LIB_XLSX,
                             ids.DIRECTORY_LIB_DOWNLOAD, "directory.file.libraries")),
)  # fmt: skip


def register(app: Dash, app_ctx: AppContext) -> None:
    for grid in GRIDS:
        server_grid.register(app, app_ctx, grid)

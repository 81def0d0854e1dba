"""Server grids (AG Grid's infinite row model), wired the same way on every page: the block of
rows a grid asks for, a fresh first block whenever the view changes, and the CSV/XLSX export of
the whole view (current filters, search text, column filters and sort), built on the server.

The table behind a grid is computed once per filters, data version, language and
page controls (``app_ctx.memo``): paging, sorting and searching never re-run a query, and every
response holds one block (at most :data:`layouts.table_view.MAX_ROWS` rows).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import cached_output, guarded
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import t
from layouts import ids
from layouts.grid import Column
from layouts.grid_export import file_name, table_download
from layouts.table_view import apply_view, block, search_texts, text_keys, view_of

EMPTY = {"rowData": [], "rowCount": 0}

# Runs in the browser when the view changes: back to the first page, rows fetched again. A new
# data version alone keeps the page and refreshes the rows in place. (Its output only names the
# grid it resets: Dash tells output-less callbacks apart by their inputs, the same for each grid
# of a page.)
RESET_JS = """
function () {
    var keep = window.dash_clientside.no_update, api = null;
    try { api = window.dash_ag_grid.getApi(%s); } catch (e) { return keep; }
    if (!api || api.isDestroyed()) { return keep; }
    var fired = (window.dash_clientside.callback_context.triggered || []).map(
        function (t) { return t.prop_id; });
    if (fired.length === 1 && fired[0] === %s) { api.refreshInfiniteCache(); return keep; }
    api.paginationGoToFirstPage();
    api.purgeInfiniteCache();
    return keep;
}
"""


@dataclass(frozen=True)
class Export:
    csv: str
    xlsx: str
    download: str
    file_key: str  # i18n key of the file name ("eambasadori" + date)


@dataclass(frozen=True)
class ServerGrid:
    """One server grid. ``frame(app_ctx, filters, version, lang, *controls)`` gives its whole
    table; ``controls`` are more ``(id, property)`` values that shape it (e.g. a days box)."""

    name: str
    grid: str
    columns: Sequence[Column]
    row_id: str
    frame: Callable[..., pd.DataFrame]
    search: str | None = None
    controls: tuple[tuple[str, str], ...] = ()
    keep: tuple[str, ...] = ()
    export: Export | None = None

    def view_states(self) -> list[State]:
        """The search box and the controls, in that order (see :meth:`split`)."""
        deps = [(self.search, "value")] if self.search else []
        return [State(cid, prop, allow_optional=True) for cid, prop in [*deps, *self.controls]]

    def split(self, values: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
        """(search text, control values) from the values of :meth:`view_states`."""
        return (values[0], values[1:]) if self.search else (None, values)


def grid_view(
    app_ctx: AppContext, grid: ServerGrid, search: str | None, version: Any, request: Any,
    view: tuple[Any, ...],
) -> tuple[pd.DataFrame, Filters, str]:  # fmt: skip
    """The rows of ``grid`` its view shows (all of them, in order), the filters and language.

    The table (from its second request on), its search texts once someone searches and the
    folded texts of the columns a view sorts or filters on come from the result cache (keyed
    by the filters, data version, language and page controls)."""
    filters, _, lang = app_ctx.parse(search)
    text, controls = grid.split(view)
    key = (filters.cache_key(), version, lang, *(repr(value) for value in controls))

    def compute() -> pd.DataFrame:
        return grid.frame(app_ctx, filters, version, lang, *controls).reset_index(drop=True)

    # stored when a second request needs it (another page, a sort, a search, an export): a
    # filter change asks once, and storing a directory's table costs ~10 ms
    table = app_ctx.memo(f"grid.{grid.name}", key, compute, on_reuse=True)

    def texts() -> pd.Series:
        return app_ctx.memo(f"grid.{grid.name}.search", key,
                            lambda: search_texts(table, grid.columns, lang))  # fmt: skip

    def keys(column: Column) -> pd.Series:
        return app_ctx.memo(f"grid.{grid.name}.keys.{column.field}", key,
                            lambda: text_keys(table, column, lang))  # fmt: skip

    view = view_of(request, text, grid.columns)
    return apply_view(table, grid.columns, lang, view, texts, keys), filters, lang


def register(app: Dash, app_ctx: AppContext, grid: ServerGrid) -> None:
    triggers = [Input(ids.URL, "search"), Input(ids.DATA_VERSION, "data")]
    triggers += [Input(s.component_id, s.component_property) for s in grid.view_states()]
    reset = RESET_JS % (json.dumps(grid.grid), json.dumps(f"{ids.DATA_VERSION}.data"))
    app.clientside_callback(
        reset, Output(grid.grid, "paginationGoTo"), *triggers, prevent_initial_call=True
    )

    @app.callback(
        Output(grid.grid, "getRowsResponse"),
        State(ids.URL, "search"),
        State(ids.DATA_VERSION, "data"),
        Input(grid.grid, "getRowsRequest"),
        *grid.view_states(),
        prevent_initial_call=True,
    )
    @guarded(lambda _lang, _message: EMPTY)
    @cached_output
    def rows(search: str | None, version: Any, request: Any, *view: Any) -> dict[str, Any]:
        shown, _, lang = grid_view(app_ctx, grid, search, version, request, view)
        return block(shown, grid.columns, lang, grid.row_id, request, grid.keep)

    if grid.export is not None:
        register_export(app, app_ctx, grid, grid.export)


def register_export(app: Dash, app_ctx: AppContext, grid: ServerGrid, export: Export) -> None:
    @app.callback(
        Output(export.download, "data"),
        State(ids.URL, "search"),
        State(ids.DATA_VERSION, "data"),
        Input(export.csv, "n_clicks", allow_optional=True),
        Input(export.xlsx, "n_clicks", allow_optional=True),
        State(grid.grid, "getRowsRequest", allow_optional=True),  # its sort and column filters
        *grid.view_states(),
        prevent_initial_call=True,
    )
    @guarded(lambda _lang, _message: no_update)
    def export_view(search: str | None, version: Any, _csv: Any, _xlsx: Any, request: Any,
                    *view: Any) -> dict[str, Any]:  # fmt: skip
        if ctx.triggered_id not in (export.csv, export.xlsx):
            raise PreventUpdate
        shown, filters, lang = grid_view(app_ctx, grid, search, version, request, view)
        kind = "xlsx" if ctx.triggered_id == export.xlsx else "csv"
        name = file_name(t(export.file_key, lang), filters.date_to, lang,
                         demo=app_ctx.status().is_demo)  # fmt: skip
        return table_download(shown, grid.columns, lang, kind, name)

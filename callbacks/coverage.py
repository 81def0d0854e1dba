"""Coverage callbacks: ranking, dormant access points (a server grid), far localities, the
underserved score and its export. Thin: parse -> query (cached per filters, data version and
page controls) -> build.

The far-localities map is drawn like the national map: the first draw (and a data change)
sends every locality, a filter, control or language change only a ``Patch`` of what changes.

The dormant-days control starts at ``settings.dormant_days``: the layout cannot know the
settings, so one small callback fills it in, and the callbacks that depend on it run once that
value is set (``prevent_initial_call``), never twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks import server_grid
from callbacks.common import DATA_INPUTS, cached_output, figures_fallback, guarded
from callbacks.server_grid import ServerGrid
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import fmt_int, fmt_number, t
from data_access.queries import coverage, coverage_points
from layouts import ids
from layouts.figures.coverage import (
    FAR_DOTS,
    far_counts_figure,
    far_map_figure,
    far_map_updates,
    ranking_figure,
)
from layouts.grid import column_defs, grid_rows, rows_in_view
from layouts.grid_export import file_name, table_download
from layouts.pages.coverage import DEFAULT_KM, DORMANT_COLUMNS, SCORE_COLUMNS, no_active_list

GEOJSON_ASSET = "geo/raions.geojson"
CONTROLS = [
    Input(ids.COVERAGE_DAYS, "value", allow_optional=True),
    Input(ids.COVERAGE_KM, "value", allow_optional=True),
]


def dormant_days(app_ctx: AppContext, value: object) -> int:
    """The control's value when it is a sensible whole number of days, else the setting."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 3650:
        return int(value)
    return app_ctx.settings.dormant_days


def max_km(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 200:
        return float(value)
    return float(DEFAULT_KM)


def cached(app_ctx: AppContext, name: str, filters: Filters, parts: tuple[object, ...],
           query: Callable[..., Any], *args: object) -> Any:  # fmt: skip
    """``query(session, filters, *args)`` through the result cache."""

    def compute() -> Any:
        with app_ctx.db.session() as s:
            return query(s, filters, *args)

    return app_ctx.memo(name, (filters.cache_key(), *parts), compute)


def far_view(
    places: pd.DataFrame, units: pd.DataFrame, km: float
) -> tuple[pd.Series, pd.DataFrame]:
    """Which of ``places`` (every locality in scope) are far (the data layer's definition) and
    in the units in view, and the far localities counted per unit in view."""
    in_view = places["raion_code"].isin(units["raion_code"])
    far = in_view & coverage.is_far(places["distance_km"], km)
    return far, coverage.far_counts(places[in_view], units, km)


def far_places(app_ctx: AppContext, filters: Filters, version: Any, days: int) -> pd.DataFrame:
    """Every locality in the viewer's scope with its nearest active access point: the raion
    filter set aside (the nearest point is searched in the whole scope anyway), so the map
    holds the same dots, in the same order, whatever raions are selected."""
    shared = coverage.distance_filters(filters)

    def compute() -> pd.DataFrame:
        points = scope_points(app_ctx, filters, version, days)
        with app_ctx.db.session() as s:
            return coverage.locality_distances(s, shared, days, points=points)

    return app_ctx.memo("coverage.distances", (shared.cache_key(), version, days), compute)


def scope_points(app_ctx: AppContext, filters: Filters, version: Any, days: int) -> pd.DataFrame:
    """The access points of the viewer's scope with their dormant flags: one read for the
    dormant list, the units without an active point, the far localities and the score, and for
    every view with the same period end, kinds and scope."""
    return cached(app_ctx, "coverage.scope_points", coverage.distance_filters(filters),
                  (version, days), coverage_points.points_in_scope, days)  # fmt: skip


def far_patch(updates: dict[str, Any]) -> Patch:
    """Positions and names stay put: which dots show, their sizes, hover data and the
    language's number separators change."""
    patched = Patch()
    for key in ("lat", "customdata", "hovertemplate"):
        patched["data"][FAR_DOTS][key] = updates[key]
    patched["data"][FAR_DOTS]["marker"]["size"] = updates["size"]
    for key in ("separators", "meta", "annotations"):
        patched["layout"][key] = updates[key]
    return patched


def from_scope_points(app_ctx: AppContext, name: str, filters: Filters, version: Any, days: int,
                      query: Callable[..., pd.DataFrame]) -> pd.DataFrame:  # fmt: skip
    """``query(session, filters, days, points=...)`` on the scope's access points
    (:func:`scope_points`), through the result cache."""

    def compute() -> pd.DataFrame:
        points = scope_points(app_ctx, filters, version, days)
        with app_ctx.db.session() as s:
            return query(s, filters, days, points=points)

    return app_ctx.memo(name, (filters.cache_key(), version, days), compute)


def dormant_frame(app_ctx: AppContext, filters: Filters, version: Any, _lang: str,
                  days_value: Any) -> pd.DataFrame:  # fmt: skip
    days = dormant_days(app_ctx, days_value)
    return from_scope_points(app_ctx, "coverage.dormant", filters, version, days,
                             coverage_points.dormant_points)  # fmt: skip


DORMANT_GRID = ServerGrid(
    "coverage.dormant",
    ids.COVERAGE_DORMANT_GRID,
    DORMANT_COLUMNS,
    "library_id",
    dormant_frame,
    controls=((ids.COVERAGE_DAYS, "value"),),
)


def _outline(app_ctx: AppContext) -> list[str]:
    """Every unit's code (read on first use: registering callbacks never touches the database)."""
    return sorted(r.code for r in app_ctx.filter_options.raions)


def register(app: Dash, app_ctx: AppContext) -> None:
    geojson_url = app.get_asset_url(GEOJSON_ASSET)
    server_grid.register(app, app_ctx, DORMANT_GRID)

    @app.callback(Output(ids.COVERAGE_DAYS, "value"), Input(ids.COVERAGE_INIT, "data"))
    def initial_days(_init: Any) -> int:
        return app_ctx.settings.dormant_days

    @app.callback(Output(ids.COVERAGE_RANKING, "figure"), *DATA_INPUTS)
    @guarded(figures_fallback(1))
    @cached_output
    def update_ranking(search: str | None, version: Any) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        ranking, median = cached(app_ctx, "coverage.ranking", filters, (version,),
                                 coverage.coverage_ranking)  # fmt: skip
        return ranking_figure(ranking, median, lang)

    @app.callback(
        Output(ids.COVERAGE_DORMANT_TITLE, "children"),
        Output(ids.COVERAGE_NO_ACTIVE, "children"),
        *DATA_INPUTS, CONTROLS[0],
        prevent_initial_call=True,
    )  # fmt: skip
    @guarded(lambda lang, message: (message, message))
    @cached_output
    def update_points(search: str | None, version: Any, days_value: Any) -> tuple[Any, ...]:
        filters, _, lang = app_ctx.parse(search)
        days = dormant_days(app_ctx, days_value)
        dormant = dormant_frame(app_ctx, filters, version, lang, days_value)
        units = from_scope_points(app_ctx, "coverage.no_active", filters, version, days,
                                  coverage_points.units_without_active_point)  # fmt: skip
        title = f"{t('coverage.dormant.title', lang, days=days)}: {fmt_int(len(dormant), lang)}"
        return title, no_active_list(units, lang)

    @app.callback(
        Output(ids.COVERAGE_FAR_TITLE, "children"),
        Output(ids.COVERAGE_FAR_MAP, "figure"),
        Output(ids.COVERAGE_FAR_COUNTS, "figure"),
        Output(ids.COVERAGE_FAR_DRAWN, "data"),
        *DATA_INPUTS, *CONTROLS,
        State(ids.COVERAGE_FAR_DRAWN, "data", allow_optional=True),
        prevent_initial_call=True,
    )  # fmt: skip
    @guarded(lambda lang, message: (message, *figures_fallback(2)(lang, message), None))
    @cached_output
    def update_far(
        search: str | None, version: Any, days_value: Any, km_value: Any, drawn: Any
    ) -> tuple[Any, ...]:
        """The first draw (and a data change) sends the full map; then a Patch."""
        filters, _, lang = app_ctx.parse(search)
        days, km = dormant_days(app_ctx, days_value), max_km(km_value)
        places = far_places(app_ctx, filters, version, days)
        units = cached(app_ctx, "coverage.units", filters, (version,),
                       coverage_points.program_units)  # fmt: skip
        far, counts = app_ctx.memo("coverage.far_view", (filters.cache_key(), version, days, km),
                                   lambda: far_view(places, units, km))  # fmt: skip
        km_text = fmt_number(km, lang, 0)
        title = f"{t('coverage.far.title', lang, km=km_text)}: {fmt_int(int(far.sum()), lang)}"
        token = [version, len(places)]  # the dots drawn (names are not translated)
        figure = (far_patch(far_map_updates(places, far, km, lang)) if drawn == token
                  else far_map_figure(places, far, _outline(app_ctx), km, lang,
                                      geojson_url))  # fmt: skip
        return title, figure, far_counts_figure(counts, km, lang), token

    @app.callback(
        Output(ids.COVERAGE_SCORE_GRID, "columnDefs"),
        Output(ids.COVERAGE_SCORE_GRID, "rowData"),
        Output(ids.COVERAGE_FORMULA, "children"),
        *DATA_INPUTS, *CONTROLS,
        prevent_initial_call=True,
    )  # fmt: skip
    @guarded(lambda _lang, message: (no_update, [], message))
    @cached_output
    def update_scores(
        search: str | None, version: Any, days_value: Any, km_value: Any
    ) -> tuple[Any, ...]:
        filters, _, lang = app_ctx.parse(search)
        days, km = dormant_days(app_ctx, days_value), max_km(km_value)
        scores = score_frame(app_ctx, filters, version, days, km)
        km_text = fmt_number(km, lang, 0)
        return (column_defs(SCORE_COLUMNS, lang, km=km_text),
                grid_rows(scores, SCORE_COLUMNS, lang, "raion_code"),
                t("coverage.score.formula", lang, km=km_text, days=days))  # fmt: skip

    @app.callback(
        Output(ids.COVERAGE_DOWNLOAD, "data"),
        State(ids.URL, "search"), State(ids.DATA_VERSION, "data"),
        Input(ids.COVERAGE_EXPORT_CSV, "n_clicks", allow_optional=True),
        Input(ids.COVERAGE_EXPORT_XLSX, "n_clicks", allow_optional=True),
        State(ids.COVERAGE_DAYS, "value", allow_optional=True),
        State(ids.COVERAGE_KM, "value", allow_optional=True),
        State(ids.COVERAGE_SCORE_GRID, "virtualRowData", allow_optional=True),
        prevent_initial_call=True,
    )  # fmt: skip
    @guarded(lambda _lang, _message: no_update)
    def export_scores(search: str | None, version: Any, _csv: Any, _xlsx: Any, days_value: Any,
                      km_value: Any, view: Any) -> dict[str, Any]:  # fmt: skip
        if ctx.triggered_id not in (ids.COVERAGE_EXPORT_CSV, ids.COVERAGE_EXPORT_XLSX):
            raise PreventUpdate
        filters, _, lang = app_ctx.parse(search)
        days, km = dormant_days(app_ctx, days_value), max_km(km_value)
        scores = rows_in_view(score_frame(app_ctx, filters, version, days, km), "raion_code", view)
        kind = "xlsx" if ctx.triggered_id == ids.COVERAGE_EXPORT_XLSX else "csv"
        name = file_name(t("coverage.file.scores", lang), filters.date_to, lang,
                         demo=app_ctx.status().is_demo)  # fmt: skip
        return table_download(scores, SCORE_COLUMNS, lang, kind, name, km=fmt_number(km, lang, 0))


def score_frame(app_ctx: AppContext, filters: Filters, version: Any, days: int,
                km: float) -> pd.DataFrame:  # fmt: skip
    def compute() -> pd.DataFrame:
        places = far_places(app_ctx, filters, version, days)  # shared with the far map
        points = scope_points(app_ctx, filters, version, days)  # and these with the distances
        ranking = cached(app_ctx, "coverage.ranking", filters, (version,),
                         coverage.coverage_ranking)  # fmt: skip
        with app_ctx.db.session() as s:
            return coverage.underserved_scores(s, filters, km, days, places, ranking=ranking,
                                               points=points)  # fmt: skip

    return app_ctx.memo("coverage.scores", (filters.cache_key(), version, days, km), compute)

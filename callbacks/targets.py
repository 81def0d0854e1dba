"""Targets callbacks: the status summary and the chart's picker, the cumulative chart, three
server grids (every target, per raion, per ambassador) and the locals a national ambassador
trained. Thin: parse -> query -> build.

The picker lists the national targets and those of the raions in the filter (a few dozen); the
others are found by typing (the server searches every target in view)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from callbacks import server_grid
from callbacks.common import DATA_INPUTS, cached_output, figures_fallback, guarded
from callbacks.server_grid import ServerGrid
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import t
from data_access.queries import directory, target_cascade, targets
from layouts import ids
from layouts.figures import targets as figures
from layouts.grid import grid_rows
from layouts.pages.targets import (
    AMBASSADOR_COLUMNS,
    LOCAL_COLUMNS,
    RAION_COLUMNS,
    TARGET_COLUMNS,
    status_summary,
)

SEARCH_STATE = [State(ids.URL, "search"), State(ids.DATA_VERSION, "data")]


def targets_frame(app_ctx: AppContext, filters: Filters, version: Any) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        with app_ctx.db.session() as s:
            return targets.targets_table(s, filters, app_ctx.today())

    return app_ctx.memo("targets.table", (filters.cache_key(), version), compute)


def _query(app_ctx: AppContext, name: str, filters: Filters, version: Any, query: Any) -> Any:
    """``query(session, filters, today)`` through the result cache: stored when asked for a
    second time (only its grid asks, and the grid keeps its own table once paged or sorted)."""

    def compute() -> Any:
        with app_ctx.db.session() as s:
            return query(s, filters, app_ctx.today())

    return app_ctx.memo(name, (filters.cache_key(), version), compute, on_reuse=True)


def _all_targets(app_ctx: AppContext, filters: Filters, version: Any, lang: str) -> pd.DataFrame:
    return figures.with_labels(targets_frame(app_ctx, filters, version), lang)


def _raions(app_ctx: AppContext, filters: Filters, version: Any, lang: str) -> pd.DataFrame:
    frame = _query(app_ctx, "targets.raions", filters, version, targets.attainment_by_raion)
    return figures.raion_rows(frame, lang)


def _ambassadors(app_ctx: AppContext, filters: Filters, version: Any, _lang: str) -> pd.DataFrame:
    frame = _query(app_ctx, "targets.ambassadors", filters, version,
                   target_cascade.attainment_by_ambassador)  # fmt: skip
    return figures.ambassador_rows(frame)


GRIDS = (
    ServerGrid("targets.all", ids.TARGETS_GRID, TARGET_COLUMNS, "target_id", _all_targets),
    ServerGrid("targets.raions", ids.TARGETS_RAION_GRID, RAION_COLUMNS, "row_key", _raions),
    ServerGrid("targets.ambassadors", ids.TARGETS_AMBASSADOR_GRID, AMBASSADOR_COLUMNS, "row_key",
               _ambassadors, keep=("ambassador_id",)),
)  # fmt: skip


def _locals(s: Any, filters: Filters, _today: Any) -> pd.DataFrame:
    """Every local ambassador in scope (wherever they work), for the cascade drill-down."""
    everyone = replace(filters, raions=(), library_kinds=(), tiers=("local",))
    return directory.ambassadors_directory(s, everyone)


def _selected_ambassador(rows: Any) -> tuple[int, str] | None:
    try:
        row = rows[0]
        return int(row["ambassador_id"]), str(row["name"])
    except (TypeError, KeyError, IndexError, ValueError):
        return None


def register(app: Dash, app_ctx: AppContext) -> None:
    for grid in GRIDS:
        server_grid.register(app, app_ctx, grid)

    @app.callback(
        Output(ids.TARGETS_SUMMARY, "children"),
        Output(ids.TARGETS_PICKER, "options"),
        Output(ids.TARGETS_PICKER, "value"),
        *DATA_INPUTS,
        State(ids.TARGETS_PICKER, "value", allow_optional=True),
    )
    @guarded(lambda lang, message: (html.Div(message, className="text-warning"), [], None))
    @cached_output
    def update_targets(search: str | None, version: Any, chosen: Any) -> tuple[Any, ...]:
        filters, _, lang = app_ctx.parse(search)
        frame = figures.with_labels(targets_frame(app_ctx, filters, version), lang)
        if frame.empty:
            return html.Div(t("targets.no_targets", lang), className="text-muted"), [], None
        keep = figures.target_row(frame, chosen) is not None
        value = chosen if keep else figures.default_target(frame, app_ctx.today())
        summary = status_summary(figures.status_counts(frame), lang)
        shortlist = figures.picker_shortlist(frame, filters.raions, value)
        return summary, figures.picker_options(shortlist), value

    @app.callback(
        Output(ids.TARGETS_PICKER, "options", allow_duplicate=True),
        *SEARCH_STATE,
        Input(ids.TARGETS_PICKER, "search_value", allow_optional=True),
        State(ids.TARGETS_PICKER, "value", allow_optional=True),
        prevent_initial_call=True,
    )
    @guarded(lambda _lang, _message: [])
    def find_targets(search: str | None, version: Any, text: Any, chosen: Any) -> list[Any]:
        if not isinstance(text, str) or not text.strip():
            raise PreventUpdate  # the list stays as the filters left it
        filters, _, lang = app_ctx.parse(search)
        frame = figures.with_labels(targets_frame(app_ctx, filters, version), lang)
        return figures.picker_options(figures.picker_matches(frame, text, chosen))

    @app.callback(
        Output(ids.TARGETS_CHART, "figure"),
        *SEARCH_STATE,
        Input(ids.TARGETS_PICKER, "value", allow_optional=True),
        prevent_initial_call=True,
    )
    @guarded(figures_fallback(1))
    @cached_output
    def update_chart(search: str | None, version: Any, target_id: Any) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        row = figures.target_row(targets_frame(app_ctx, filters, version), target_id)
        if row is None:
            return figures.cumulative_figure(pd.DataFrame(), {}, lang)

        def compute() -> pd.DataFrame:
            with app_ctx.db.session() as s:
                return targets.cumulative_progress(
                    s, filters, row["metric"], row["period_start"], row["period_end"],
                    app_ctx.today(), row["scope_kind"], row["scope_value"],
                    target_value=row["target"],
                )  # fmt: skip

        key = (filters.cache_key(), version, target_id)
        return figures.cumulative_figure(app_ctx.memo("targets.progress", key, compute), row, lang)

    @app.callback(
        Output(ids.TARGETS_LOCALS_TITLE, "children"),
        Output(ids.TARGETS_LOCALS_GRID, "rowData"),
        *DATA_INPUTS,  # the selection may outlive a filter change (rows keep their ids)
        Input(ids.TARGETS_AMBASSADOR_GRID, "selectedRows", allow_optional=True),
        prevent_initial_call=True,
    )
    @guarded(lambda lang, message: (message, []))
    def update_locals(search: str | None, version: Any, selected: Any) -> tuple[str, list[Any]]:
        filters, _, lang = app_ctx.parse(search)
        person = _selected_ambassador(selected)
        if person is None:
            return t("targets.cascade_hint", lang), []
        people = _query(app_ctx, "targets.locals", filters, version, _locals)
        trained = figures.trained_by(people, person[0])
        title = t("targets.locals_of", lang, name=person[1])
        return title, grid_rows(trained, LOCAL_COLUMNS, lang, "ambassador_id")

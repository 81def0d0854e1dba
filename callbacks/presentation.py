"""Presentation callbacks: key figures, map, trend and top raions for the URL's filters, and the
slide show (buttons, arrows, auto-advance). Thin: parse -> query (cached) -> build."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from callbacks.common import DATA_INPUTS, cached_output, figures_fallback, guarded
from callbacks.map import GEOJSON_ASSET, map_data
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import fmt_date, t
from data_access.queries import breakdowns
from data_access.queries.kpi_panel import current_kpis
from layouts import ids
from layouts.figures.breakdowns import raion_rank_figure
from layouts.figures.presentation import for_projector, regions_only
from layouts.figures.raion_map import map_figure
from layouts.figures.trend import trend_figure
from layouts.pages.presentation import KPI_ORDER, SLIDES, kpi_tiles, next_slide, slide_class

TOP_COUNT = 10


def view_text(filters: Filters, names: dict[str, str], lang: str) -> str:
    """ "1 dec. 2025 – 25 nov. 2026 · Toată țara" (or the raions chosen, and the services)."""
    period = f"{fmt_date(filters.date_from, lang)} – {fmt_date(filters.date_to, lang)}"
    raions = filters.effective_raions
    where = (t("presentation.whole_country", lang) if raions is None
             else ", ".join(names.get(code, code) for code in raions))  # fmt: skip
    parts = [period, where]
    if filters.services:
        parts.append(t("presentation.services", lang, count=len(filters.services)))
    return " · ".join(parts)


def register(app: Dash, app_ctx: AppContext) -> None:
    geojson_url = app.get_asset_url(GEOJSON_ASSET)

    def by(name: str, filters: Filters, version: Any, query: Any) -> Any:
        def compute() -> Any:
            with app_ctx.db.session() as s:
                return query(s, filters)

        return app_ctx.memo(name, (filters.cache_key(), version), compute)

    @app.callback(Output(ids.PRES_KPIS, "children"), Output(ids.PRES_SUBTITLE, "children"),
                  *DATA_INPUTS)  # fmt: skip
    @guarded(lambda _lang, message: (dbc.Alert(message, color="warning"), ""))
    @cached_output
    def update_kpis(search: str | None, version: Any) -> tuple[Any, str]:
        filters, _, lang = app_ctx.parse(search)
        days = app_ctx.settings.dormant_days
        kpis = by("presentation.kpis", filters, version,
                  lambda s, f: current_kpis(s, f, days))  # fmt: skip
        values = {metric: kpis.value(metric) for metric in KPI_ORDER}
        names = {r.code: r.name for r in app_ctx.filter_options.raions}
        return kpi_tiles(values, lang), view_text(filters, names, lang)

    @app.callback(Output(ids.PRES_MAP, "figure"), *DATA_INPUTS)
    @guarded(figures_fallback(1))
    @cached_output
    def update_map(search: str | None, version: Any) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        raions, libraries = app_ctx.memo(
            "map.data", (filters.cache_key(), version), lambda: map_data(app_ctx, filters)
        )
        figure = map_figure(raions, libraries, "citizens_served", True, lang, geojson_url)
        return for_projector(regions_only(figure), font_size=18)

    @app.callback(Output(ids.PRES_TREND, "figure"), *DATA_INPUTS)
    @guarded(figures_fallback(1))
    @cached_output
    def update_trend(search: str | None, version: Any) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        months = by("presentation.months", filters, version, breakdowns.by_month)
        return for_projector(trend_figure(months, "citizens_served", lang))

    @app.callback(Output(ids.PRES_TOP, "figure"), *DATA_INPUTS)
    @guarded(figures_fallback(1))
    @cached_output
    def update_top(search: str | None, version: Any) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        raions = by("presentation.raions", filters, version, breakdowns.by_raion)
        figure = raion_rank_figure(raions, "citizens_served", lang, ascending=False,
                                   count=TOP_COUNT)  # fmt: skip
        return for_projector(figure)

    @app.callback(
        Output(ids.PRES_SLIDE, "value"),
        Input(ids.PRES_INTERVAL, "n_intervals", allow_optional=True),
        Input(ids.PRES_PREVIOUS, "n_clicks", allow_optional=True),
        Input(ids.PRES_NEXT, "n_clicks", allow_optional=True),
        State(ids.PRES_SLIDE, "value", allow_optional=True),
        prevent_initial_call=True,
    )
    def advance(_ticks: Any, _previous: Any, _next: Any, current: Any) -> str:
        if ctx.triggered_id not in (ids.PRES_INTERVAL, ids.PRES_PREVIOUS, ids.PRES_NEXT):
            raise PreventUpdate
        return next_slide(current, -1 if ctx.triggered_id == ids.PRES_PREVIOUS else 1)

    @app.callback(
        Output({"type": "pres-slide", "slide": ALL}, "className"),
        Input(ids.PRES_SLIDE, "value", allow_optional=True),
    )
    def show_slide(active: Any) -> list[str]:
        active = active if active in SLIDES else SLIDES[0]
        return [slide_class(o["id"]["slide"], active) for o in ctx.outputs_list]

    @app.callback(
        Output(ids.PRES_INTERVAL, "disabled"),
        Input(ids.PRES_AUTO, "value", allow_optional=True),
    )
    def toggle_auto(on: Any) -> bool:
        return on is not True

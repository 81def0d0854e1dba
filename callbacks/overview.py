"""Overview callbacks: trend and breakdowns (the KPI cards: callbacks/overview_kpis.py)."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output

from callbacks.common import DATA_INPUTS, cached_output, figures_fallback, guarded
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import t
from data_access.queries import breakdowns
from layouts import ids
from layouts.figures.breakdowns import (
    raion_rank_figure,
    service_figure,
    session_dimension_figure,
    share_figure,
)
from layouts.figures.trend import trend_figure

BREAKDOWN_OUTPUTS = [
    ids.BY_SERVICE,
    ids.BY_AUDIENCE,
    ids.BY_FORMAT,
    ids.BY_BEHALF,
    ids.TOP_RAIONS,
    ids.BOTTOM_RAIONS,
]


def breakdown_figures(app_ctx: AppContext, filters: Filters, lang: str) -> list[dict[str, Any]]:
    with app_ctx.db.session() as s:
        services = breakdowns.by_service(s, filters)
        audience = breakdowns.by_session_dimension(s, filters, "audience")
        formats = breakdowns.by_session_dimension(s, filters, "format").set_index("format")
        profile = breakdowns.request_profile(s, filters)
        raions = breakdowns.by_raion(s, filters)
    format_keys = ("in_person", "online")
    behalf_keys = ("self", "relative_abroad", "other")
    return [
        service_figure(services, lang),
        session_dimension_figure(audience, "audience", lang),
        share_figure(
            [t(f"format.{k}", lang) for k in format_keys],
            [int(formats["sessions"].get(k, 0)) for k in format_keys],
            lang,
        ),
        share_figure(
            [t(f"on_behalf.{k}", lang) for k in behalf_keys],
            [profile[f"on_behalf_{k}"] for k in behalf_keys],
            lang,
        ),
        raion_rank_figure(raions, "citizens_served", lang, ascending=False),
        raion_rank_figure(raions, "citizens_served", lang, ascending=True),
    ]


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(ids.TREND, "figure"),
        *DATA_INPUTS,
        Input(ids.TREND_METRIC, "value", allow_optional=True),
    )
    @guarded(figures_fallback(1))
    @cached_output(app_ctx, "overview.trend")
    def update_trend(search: str | None, version: Any, metric: str | None) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        metric = metric if metric in ("sessions", "participants", "requests") else "citizens_served"

        def build() -> dict[str, Any]:
            with app_ctx.db.session() as s:
                return trend_figure(breakdowns.by_month(s, filters), metric, lang)

        return app_ctx.memo("overview.trend", (filters.cache_key(), version, lang, metric), build)

    @app.callback([Output(i, "figure") for i in BREAKDOWN_OUTPUTS], *DATA_INPUTS)
    @guarded(figures_fallback(len(BREAKDOWN_OUTPUTS)))
    @cached_output(app_ctx, "overview.breakdowns")
    def update_breakdowns(search: str | None, version: Any) -> list[dict[str, Any]]:
        filters, _, lang = app_ctx.parse(search)
        return app_ctx.memo(
            "overview.breakdowns",
            (filters.cache_key(), version, lang),
            lambda: breakdown_figures(app_ctx, filters, lang),
        )

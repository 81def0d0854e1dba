"""Overview callbacks: KPI cards, trend, breakdowns. Thin: parse -> query -> build."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output

from callbacks.common import DATA_INPUTS, figures_fallback, guarded
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import t
from data_access.queries import breakdowns, metrics
from data_access.queries.kpi_targets import current_targets
from data_access.queries.metrics import Kpis
from layouts import ids
from layouts.components import kpi_card
from layouts.figures.breakdowns import (
    raion_rank_figure,
    service_figure,
    session_dimension_figure,
    share_figure,
)
from layouts.figures.trend import trend_figure

KPI_METRICS = metrics.METRICS
BREAKDOWN_OUTPUTS = [
    ids.BY_SERVICE,
    ids.BY_AUDIENCE,
    ids.BY_FORMAT,
    ids.BY_BEHALF,
    ids.TOP_RAIONS,
    ids.BOTTOM_RAIONS,
]


KpiData = tuple[Kpis, Kpis, dict[str, dict[str, Any]]]


def kpi_values(app_ctx: AppContext, filters: Filters) -> KpiData:
    """This period's and the previous equal period's headline metrics, and current targets."""
    days = app_ctx.settings.dormant_days
    with app_ctx.db.session() as s:
        current = metrics.kpis(s, filters, days)
        previous = metrics.kpis(s, filters.previous_period(), days, with_dormant=False)
        targets = current_targets(s, filters, app_ctx.today())
    return current, previous, targets


def kpi_cards(data: KpiData, lang: str, dormant_days: int) -> list[Any]:
    current, previous, targets = data
    cards = []
    for metric in KPI_METRICS:
        note = None
        if metric == "access_points":
            note = t(
                "kpi.dormant_note", lang, count=current.dormant_access_points, days=dormant_days
            )
        definition = t(f"metric.{metric}.def", lang)
        card = kpi_card(metric, current.value(metric), previous.value(metric), lang,
                        definition=definition, note=note, progress=targets.get(metric))  # fmt: skip
        cards.append(dbc.Col(card, xs=12, sm=6, xl=4, xxl=2))
    return cards


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


def _kpi_fallback(_lang: str, message: str) -> list[Any]:
    return [dbc.Col(dbc.Alert(message, color="warning"))]


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(Output(ids.KPI_ROW, "children"), *DATA_INPUTS)
    @guarded(_kpi_fallback)
    def update_kpis(search: str | None, version: Any) -> list[Any]:
        filters, _, lang = app_ctx.parse(search)
        data = app_ctx.memo(
            "overview.kpis", (filters.cache_key(), version), lambda: kpi_values(app_ctx, filters)
        )
        return kpi_cards(data, lang, app_ctx.settings.dormant_days)

    @app.callback(
        Output(ids.TREND, "figure"),
        *DATA_INPUTS,
        Input(ids.TREND_METRIC, "value", allow_optional=True),
    )
    @guarded(figures_fallback(1))
    def update_trend(search: str | None, version: Any, metric: str | None) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        metric = metric if metric in ("sessions", "participants", "requests") else "citizens_served"

        def build() -> dict[str, Any]:
            with app_ctx.db.session() as s:
                return trend_figure(breakdowns.by_month(s, filters), metric, lang)

        return app_ctx.memo("overview.trend", (filters.cache_key(), version, lang, metric), build)

    @app.callback([Output(i, "figure") for i in BREAKDOWN_OUTPUTS], *DATA_INPUTS)
    @guarded(figures_fallback(len(BREAKDOWN_OUTPUTS)))
    def update_breakdowns(search: str | None, version: Any) -> list[dict[str, Any]]:
        filters, _, lang = app_ctx.parse(search)
        return app_ctx.memo(
            "overview.breakdowns",
            (filters.cache_key(), version, lang),
            lambda: breakdown_figures(app_ctx, filters, lang),
        )

"""Overview callbacks: trend and breakdowns (the KPI cards: callbacks/overview_kpis.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import Dash, Input, Output
from sqlalchemy.orm import Session

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
from layouts.figures.common import message_figure
from layouts.figures.trend import trend_figure


def service_figures(session: Session, filters: Filters, lang: str) -> list[dict[str, Any]]:
    return [service_figure(breakdowns.by_service(session, filters), lang)]


def share_figures(session: Session, filters: Filters, lang: str) -> list[dict[str, Any]]:
    """Sessions by audience and by format, requests by on whose behalf."""
    audience = breakdowns.by_session_dimension(session, filters, "audience")
    formats = breakdowns.by_session_dimension(session, filters, "format").set_index("format")
    profile = breakdowns.request_profile(session, filters)
    format_keys = ("in_person", "online")
    behalf_keys = ("self", "relative_abroad", "other")
    return [
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
    ]


def raion_figures(session: Session, filters: Filters, lang: str) -> list[dict[str, Any]]:
    raions = breakdowns.by_raion(session, filters)
    return [
        raion_rank_figure(raions, "citizens_served", lang, ascending=False),
        raion_rank_figure(raions, "citizens_served", lang, ascending=True),
    ]


FigureBuilder = Callable[[Session, Filters, str], list[dict[str, Any]]]
# Three callbacks, not one: the browser asks for them at once, so the page's charts are drawn
# in parallel (by several workers) instead of one after the other.
BREAKDOWNS: dict[str, tuple[list[str], FigureBuilder]] = {
    "services": ([ids.BY_SERVICE], service_figures),
    "shares": ([ids.BY_AUDIENCE, ids.BY_FORMAT, ids.BY_BEHALF], share_figures),
    "raions": ([ids.TOP_RAIONS, ids.BOTTOM_RAIONS], raion_figures),
}


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(ids.TREND, "figure"),
        *DATA_INPUTS,
        Input(ids.TREND_METRIC, "value", allow_optional=True),
    )
    @guarded(figures_fallback(1))
    @cached_output
    def update_trend(search: str | None, version: Any, metric: str | None) -> dict[str, Any]:
        filters, _, lang = app_ctx.parse(search)
        metric = metric if metric in ("sessions", "participants", "requests") else "citizens_served"

        def build() -> dict[str, Any]:
            with app_ctx.db.session() as s:
                return trend_figure(breakdowns.by_month(s, filters), metric, lang)

        return app_ctx.memo("overview.trend", (filters.cache_key(), version, lang, metric), build)

    for name, (outputs, build) in BREAKDOWNS.items():
        _register_breakdown(app, app_ctx, name, outputs, build)


def _register_breakdown(app: Dash, app_ctx: AppContext, name: str, outputs: list[str],
                        build: FigureBuilder) -> None:  # fmt: skip
    @app.callback([Output(i, "figure") for i in outputs], *DATA_INPUTS)
    @guarded(lambda _lang, message: [message_figure(message) for _ in outputs])
    @cached_output
    def update_breakdown(search: str | None, version: Any) -> list[dict[str, Any]]:
        filters, _, lang = app_ctx.parse(search)
        with app_ctx.db.session() as s:
            return build(s, filters, lang)

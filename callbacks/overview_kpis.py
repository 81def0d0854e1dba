"""The overview's KPI cards, filled by three callbacks the browser runs in parallel: activity,
ambassadors and access points, and progress against the targets."""

from __future__ import annotations

from typing import Any

from dash import Dash, Output, html

from callbacks.common import DATA_INPUTS, cached_output, guarded
from dashboard.context import AppContext
from dashboard.i18n import t
from data_access.queries.kpi_panel import Pair, activity_pairs, place_pairs
from data_access.queries.kpi_targets import current_targets
from layouts import ids
from layouts.components import change_badge, kpi_value, target_line
from layouts.pages.overview import KPI_METRICS

ACTIVITY = ("sessions", "participants", "requests", "citizens_served")
PLACES = ("active_ambassadors", "access_points")
DORMANT_NOTE = Output(ids.kpi_part("access_points", "note"), "children")


def _slots(metrics: tuple[str, ...], *parts: str) -> list[Output]:
    return [Output(ids.kpi_part(m, p), "children") for m in metrics for p in parts]


def value_and_change(pairs: dict[str, Pair], lang: str) -> list[Any]:
    """[value, change] per metric, in the order of ``pairs``."""
    out: list[Any] = []
    for current, previous in pairs.values():
        out += [kpi_value(current, lang), change_badge(current, previous, lang)]
    return out


def _message_first(count: int) -> Any:
    def build(_lang: str, message: str) -> list[Any]:
        return [html.Div(message, className="kpi-error")] + [None] * (count - 1)

    return build


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(*_slots(ACTIVITY, "value", "change"), *DATA_INPUTS)
    @guarded(_message_first(2 * len(ACTIVITY)))
    @cached_output
    def update_activity(search: str | None, version: Any) -> list[Any]:
        filters, _, lang = app_ctx.parse(search)

        def compute() -> dict[str, Pair]:
            with app_ctx.db.session() as s:
                return activity_pairs(s, filters)

        pairs = app_ctx.memo("kpi.activity", (filters.cache_key(), version), compute)
        return value_and_change(pairs, lang)

    @app.callback(*_slots(PLACES, "value", "change"), DORMANT_NOTE, *DATA_INPUTS)
    @guarded(_message_first(2 * len(PLACES) + 1))
    @cached_output
    def update_places(search: str | None, version: Any) -> list[Any]:
        filters, _, lang = app_ctx.parse(search)
        days = app_ctx.settings.dormant_days

        def compute() -> tuple[dict[str, Pair], int]:
            with app_ctx.db.session() as s:
                return place_pairs(s, filters, days)

        pairs, dormant = app_ctx.memo("kpi.places", (filters.cache_key(), version, days), compute)
        note = html.Div(t("kpi.dormant_note", lang, count=dormant, days=days), className="kpi-note")
        return [*value_and_change(pairs, lang), note]

    @app.callback(*_slots(KPI_METRICS, "target"), *DATA_INPUTS)
    @guarded(_message_first(len(KPI_METRICS)))
    @cached_output
    def update_targets(search: str | None, version: Any) -> list[Any]:
        filters, _, lang = app_ctx.parse(search)

        def compute() -> dict[str, dict[str, Any]]:
            with app_ctx.db.session() as s:
                return current_targets(s, filters, app_ctx.today())

        progress = app_ctx.memo("kpi.targets", (filters.cache_key(), version), compute)
        return [target_line(progress.get(m), lang) for m in KPI_METRICS]

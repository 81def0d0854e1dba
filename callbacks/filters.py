"""The filter panel and the URL kept in step: the URL is the state (bookmarkable, shareable).

A control change rewrites the URL; a URL change (back/forward, a map click, a shared link)
resets the controls. Both directions go through the one validating parser.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, ctx, no_update

from callbacks.shell import notices_alert
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.url_state import parse_filters, to_query
from layouts import ids
from layouts.filter_panel import CUSTOM_PERIOD

CONTROLS = [
    (ids.F_RAION, "value"),
    (ids.F_SERVICE, "value"),
    (ids.F_PERIOD, "value"),
    (ids.F_DATES, "start_date"),
    (ids.F_DATES, "end_date"),
    (ids.F_KIND, "value"),
    (ids.F_TIER, "value"),
    (ids.F_FORMAT, "value"),
]


def control_values(filters: Filters) -> tuple[Any, ...]:
    return (
        list(filters.raions),
        list(filters.services),
        filters.period.value if filters.period else CUSTOM_PERIOD,
        filters.date_from.isoformat(),
        filters.date_to.isoformat(),
        list(filters.library_kinds),
        list(filters.tiers),
        list(filters.formats),
    )


def params_from_controls(values: tuple[Any, ...], dates_changed: bool) -> dict[str, Any]:
    """Raw parameters from the control values (validated afterwards like any URL)."""
    raion, service, period, start, end, kind, tier, fmt = values
    params: dict[str, Any] = {
        "raion": raion, "serviciu": service, "tip": kind, "nivel": tier, "format": fmt,
    }  # fmt: skip
    if dates_changed or period == CUSTOM_PERIOD:
        params |= {"de": start, "pana": end}
    elif period is not None:
        # a preset, or anything a crafted request sent: the parser keeps presets only (never
        # ``in`` a set here: a dict is unhashable and would raise)
        params["perioada"] = period
    return {k: v for k, v in params.items() if v not in ("", [], None)}


def sync(
    app_ctx: AppContext, trigger: Any, search: str | None, values: tuple[Any, ...]
) -> tuple[Any, ...]:
    _, _, lang = app_ctx.parse(search)
    language = None if lang == "ro" else lang
    if trigger == ids.URL:
        filters, notices, _ = app_ctx.parse(search)
        return (no_update, *control_values(filters), notices_alert(notices, lang))
    params = {} if trigger == ids.F_RESET else params_from_controls(values, trigger == ids.F_DATES)
    filters, notices = parse_filters(params, app_ctx.vocabulary, app_ctx.today(), app_ctx.scope())
    return (to_query(filters, language), *control_values(filters), notices_alert(notices, lang))


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        *[Output(cid, prop) for cid, prop in CONTROLS],
        Output(ids.NOTICES, "children"),
        Input(ids.URL, "search"),
        *[Input(cid, prop, allow_optional=True) for cid, prop in CONTROLS],
        Input(ids.F_RESET, "n_clicks", allow_optional=True),
        prevent_initial_call=True,
    )
    def sync_filters(search: str | None, *values: Any) -> tuple[Any, ...]:
        return sync(app_ctx, ctx.triggered_id, search, values[:-1])

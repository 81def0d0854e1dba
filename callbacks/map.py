"""Map callbacks: the choropleth + markers (full figure once, ``Patch`` on filter changes) and
clicking a raion to filter by it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, Patch, State, ctx, no_update

from callbacks.common import DATA_INPUTS, cached_output, figures_fallback, guarded
from dashboard.context import AppContext
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.url_state import to_query
from data_access.queries.libraries import library_roster, map_frames
from layouts import ids
from layouts.figures.raion_map import LIBRARIES, map_figure, map_updates
from layouts.pages.map import MAP_METRICS

GEOJSON_ASSET = "geo/raions.geojson"


def map_data(app_ctx: AppContext, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    with app_ctx.db.session() as s:
        return map_frames(s, filters, app_ctx.settings.dormant_days)


def selection_text(filters: Filters, names: dict[str, str], lang: str) -> str:
    if not filters.raions:
        return t("map.none_selected", lang)
    return t("map.selected", lang, names=", ".join(names.get(c, c) for c in filters.raions))


def register(app: Dash, app_ctx: AppContext) -> None:
    geojson_url = app.get_asset_url(GEOJSON_ASSET)

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.MAP_SELECTION, "children"),
        Output(ids.MAP_DRAWN, "data"),
        *DATA_INPUTS,
        Input(ids.MAP_METRIC, "value", allow_optional=True),
        Input(ids.MAP_PER_CAPITA, "value", allow_optional=True),
        State(ids.MAP_DRAWN, "data", allow_optional=True),
    )
    @guarded(lambda lang, message: (figures_fallback(1)(lang, message), "", None))
    @cached_output
    def update_map(
        search: str | None, version: Any, metric: Any, mode: Any, drawn: Any
    ) -> tuple[Any, str, Any]:
        """The first draw (and a data change) sends the full figure; a filter change a Patch."""
        filters, _, lang = app_ctx.parse(search)
        metric = metric if metric in MAP_METRICS else "citizens_served"
        per_capita = mode != "absolute"
        names = {r.code: r.name for r in app_ctx.filter_options.raions}
        raions, libraries = app_ctx.memo(
            "map.data", (filters.cache_key(), version), lambda: map_data(app_ctx, filters)
        )
        text = selection_text(filters, names, lang)
        token = [version, lang, len(libraries)]
        if drawn == token:
            return _patch(map_updates(raions, libraries, metric, per_capita, lang)), text, token
        return map_figure(raions, libraries, metric, per_capita, lang, geojson_url), text, token

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.MAP, "clickData", allow_optional=True),
        Input(ids.MAP_CLEAR, "n_clicks", allow_optional=True),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def click_raion(click: Any, _clear: Any, search: str | None) -> Any:
        filters, _, lang = app_ctx.parse(search)
        language = None if lang == "ro" else lang
        if ctx.triggered_id == ids.MAP_CLEAR:
            return to_query(replace(filters, raions=()), language)
        code = _clicked_raion(click, lambda: library_raions(app_ctx))
        if code is None or code not in app_ctx.vocabulary.raions or code in filters.raions:
            return no_update
        return to_query(replace(filters, raions=tuple(sorted({*filters.raions, code}))), language)


def library_raions(app_ctx: AppContext) -> list[str]:
    """Raion of each library marker, in the markers' order (library id)."""
    with app_ctx.db.session() as s:
        return library_roster(s, app_ctx.today())["raion_code"].tolist()


def _clicked_raion(click: Any, marker_raions: Callable[[], list[str]]) -> str | None:
    """The raion clicked: a raion shape, or the raion of a clicked library marker."""
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict):
        return None
    location = point.get("location")
    if isinstance(location, str):
        return location
    index = point.get("pointNumber")
    if point.get("curveNumber") == LIBRARIES and isinstance(index, int):
        raions = marker_raions()
        return raions[index] if 0 <= index < len(raions) else None
    return None


def _patch(updates: dict[str, Any]) -> Patch:
    """Only values change on a filter change: geometry and library positions stay put."""
    patched = Patch()
    for trace, part in ((0, "choropleth"), (1, "no_population")):
        for key, value in updates[part].items():
            patched["data"][trace][key] = value
    markers = updates["libraries"]
    for key in ("size", "color", "opacity"):
        patched["data"][2]["marker"][key] = markers[key]
    patched["data"][2]["customdata"] = markers["customdata"]
    patched["layout"]["annotations"] = updates["annotations"]  # the "no data" message, or none
    return patched

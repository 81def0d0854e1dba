"""The national map: raion choropleth + library markers, drawn offline from bundled GeoJSON.

The geometry is referenced by URL (fetched once, cached by the browser) and library positions
and names are sent once; a filter change only updates values (see :func:`map_updates`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from dashboard.i18n import fmt_int, fmt_number, t
from layouts.figures.theme import (
    DORMANT_COLOR,
    NO_DATA_COLOR,
    PALETTE,
    SEQUENTIAL,
    TIER_COLORS,
    base_layout,
    separators,
)

CHOROPLETH, NO_POPULATION, LIBRARIES = 0, 1, 2
MARKER_CLASSES = ("national", "local", "none", "dormant")  # colour index of a library marker
_CLASS_COLORS = [TIER_COLORS["national"], TIER_COLORS["local"], TIER_COLORS["none"], DORMANT_COLOR]
_CLASS_INDEX = {name: i for i, name in enumerate(MARKER_CLASSES)}
MIN_SIZE, MAX_SIZE = 3.0, 16.0


def marker_colorscale() -> list[list[Any]]:
    """A stepped scale so the integer class index picks its own colour exactly."""
    n = len(_CLASS_COLORS)
    scale: list[list[Any]] = []
    for i, color in enumerate(_CLASS_COLORS):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def marker_sizes(activity: pd.Series) -> list[float]:
    """Area proportional to activity; libraries with none get the smallest visible size."""
    values = np.clip(activity.to_numpy(dtype=float, na_value=0.0), 0.0, None)
    peak = float(values.max()) if len(values) else 0.0
    if peak <= 0:
        return [MIN_SIZE] * len(values)
    return np.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * np.sqrt(values / peak), 1).tolist()


def marker_customdata(libraries: pd.DataFrame) -> list[list[int | None]]:
    """Per marker: sessions, participants, requests and days since the last activity (None when
    the library never had any); built column-wise, it runs once per filter change."""
    counts = np.column_stack(
        [libraries[c].to_numpy(dtype=np.int64) for c in ("sessions", "participants", "requests")]
    ).tolist()
    days = libraries["days_since_activity"]
    known = days.notna().to_numpy()
    day_values = days.to_numpy(dtype=float, na_value=0.0).astype(np.int64).tolist()
    for row, day, is_known in zip(counts, day_values, known.tolist(), strict=True):
        row.append(day if is_known else None)
    return counts


def _raion_hover(names: list[str], counts: list[float], rates: list[float], metric: str,
                 lang: str) -> list[str]:  # fmt: skip
    name = t(f"metric.{metric}", lang)
    per = t("metric.per_10k", lang)
    no_population = t("common.no_population", lang)
    return [
        f"<b>{raion}</b><br>{name}: {fmt_int(count, lang)}<br>"
        + (no_population if math.isnan(rate) else f"{fmt_number(rate, lang)} {per}")
        for raion, count, rate in zip(names, counts, rates, strict=True)
    ]


def no_data_annotations(raions: pd.DataFrame, metric: str, lang: str) -> list[dict[str, Any]]:
    """A message over the map, in words, when no unit has any of ``metric`` (an all-zero map
    would otherwise look like a map of real zeros); no annotation when there is data."""
    if (raions[metric].fillna(0).to_numpy(np.float64) != 0).any():
        return []
    return [
        {
            "text": t("common.no_data", lang),
            "showarrow": False,
            "xref": "paper",
            "yref": "paper",
            "x": 0.5,
            "y": 0.5,
            "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 8,
            "font": {"size": 15, "color": PALETTE["ink"]},
        }
    ]


def map_updates(
    raions: pd.DataFrame, libraries: pd.DataFrame, metric: str, per_capita: bool, lang: str
) -> dict[str, Any]:
    """The data-dependent parts of the map, keyed by trace index (used for the full figure and
    for ``Patch`` updates on filter changes)."""
    # per capita: the units with a census population only (the others are drawn apart)
    shown = raions["population"].notna().to_numpy() if per_capita else np.ones(len(raions), bool)
    values = raions[f"{metric}_per_10k" if per_capita else metric].to_numpy(np.float64)[shown]
    rates = raions[f"{metric}_per_10k"].to_numpy(np.float64)[shown].tolist()
    counts = raions[metric].to_numpy(np.float64)[shown].tolist()
    names = raions["name_ro"].to_numpy()[shown].tolist()
    activity = libraries[metric] if metric in libraries else libraries["citizens_served"]
    unpopulated = raions[raions["population"].isna()] if per_capita else raions.iloc[0:0]
    no_data_label = t("common.no_population", lang)
    return {
        "annotations": no_data_annotations(raions, metric, lang),
        "choropleth": {
            "locations": raions["raion_code"].to_numpy()[shown].tolist(),
            "z": [None if math.isnan(v) else round(v, 2) for v in values.tolist()],
            "text": _raion_hover(names, counts, rates, metric, lang),
        },
        "no_population": {
            "locations": unpopulated["raion_code"].tolist(),
            "z": [0] * len(unpopulated),
            "text": [f"<b>{n}</b><br>{no_data_label}" for n in unpopulated["name_ro"]],
        },
        "libraries": {
            "size": marker_sizes(activity),
            "color": [_CLASS_INDEX[c] for c in libraries["marker_class"].tolist()],
            "opacity": np.where(libraries["visible"].to_numpy(dtype=bool), 0.8, 0.0).tolist(),
            "customdata": marker_customdata(libraries),
        },
    }


def _library_hovertemplate(lang: str) -> str:
    return (
        "<b>%{text}</b><br>"
        f"{t('metric.sessions', lang)}: %{{customdata[0]:,.0f}}<br>"
        f"{t('metric.participants', lang)}: %{{customdata[1]:,.0f}}<br>"
        f"{t('metric.requests', lang)}: %{{customdata[2]:,.0f}}<br>"
        f"{t('map.days_since_activity', lang)}: %{{customdata[3]}}"
        "<extra></extra>"
    )


def map_figure(
    raions: pd.DataFrame,
    libraries: pd.DataFrame,
    metric: str,
    per_capita: bool,
    lang: str,
    geojson_url: str,
) -> dict[str, Any]:
    """The full map figure. ``raions`` comes from ``breakdowns.by_raion``; ``libraries`` has one
    row per library (static: name, lat, lon; dynamic: activity, marker_class, visible)."""
    updates = map_updates(raions, libraries, metric, per_capita, lang)
    choropleth = {
        "type": "choropleth",
        "geojson": geojson_url,
        "featureidkey": "properties.raion_code",
        **updates["choropleth"],
        "colorscale": SEQUENTIAL,
        "zmin": 0,
        "marker": {"line": {"color": "#ffffff", "width": 0.8}},
        "hovertemplate": "%{text}<extra></extra>",
        "colorbar": {"thickness": 12, "len": 0.6, "x": 0.98, "tickformat": ",.0f"},
    }
    no_population = {
        "type": "choropleth",
        "geojson": geojson_url,
        "featureidkey": "properties.raion_code",
        **updates["no_population"],
        "colorscale": [[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
        "showscale": False,
        "marker": {"line": {"color": "#ffffff", "width": 0.8}},
        "hovertemplate": "%{text}<extra></extra>",
    }
    markers = {
        "type": "scattergeo",
        "lat": libraries["lat"].round(5).tolist(),
        "lon": libraries["lon"].round(5).tolist(),
        "text": (libraries["name"] + " · " + libraries["locality"]).tolist(),
        "mode": "markers",
        "marker": {
            **{k: v for k, v in updates["libraries"].items() if k != "customdata"},
            "cmin": 0,
            "cmax": len(MARKER_CLASSES) - 1,
            "colorscale": marker_colorscale(),
            "line": {"color": "#ffffff", "width": 0.5},
        },
        "customdata": updates["libraries"]["customdata"],
        "hovertemplate": _library_hovertemplate(lang),
    }
    return {
        "data": [choropleth, no_population, markers],
        "layout": base_layout(
            height=560,
            separators=separators(lang),
            geo={
                "fitbounds": "locations",
                "visible": False,
                "projection": {"type": "mercator"},
                "bgcolor": "rgba(0,0,0,0)",
            },
            uirevision="map",
            clickmode="event",
            annotations=updates["annotations"],
        ),
    }

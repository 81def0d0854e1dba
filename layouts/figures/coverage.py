"""Coverage page figures: the per-capita ranking with the national median, the map of localities
far from an active access point, and the far localities counted per unit.

Pure functions of DataFrames (from ``data_access.queries.coverage``). The map references the
bundled raion GeoJSON by URL, like the national map: geometry is never embedded. Like the
national map too, it draws every locality once and a filter change only patches in what changes
(:func:`far_map_updates`: which dots show, their sizes, hover data and language).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from dashboard.i18n import fmt_int, fmt_number, t
from layouts.figures.common import hbar_figure, message_figure
from layouts.figures.theme import DORMANT_COLOR, NO_DATA_COLOR, PALETTE, base_layout, separators

ABOVE, BELOW = PALETTE["blue"], PALETTE["orange"]
MIN_DOT, MAX_DOT = 5, 14
FAR_DOTS = 1  # trace index of the locality dots on the far-localities map
_DECIMALS = 4  # ~11 m: far finer than a dot


def _rate_hover(lang: str) -> str:
    served = t("metric.citizens_served", lang)
    per = t("metric.per_10k", lang)
    return (f"<b>%{{y}}</b><br>%{{x:,.1f}} {per}<br>{served}: %{{customdata[0]}}"
            f"<br>{t('common.population', lang)}: %{{customdata[1]}}<extra></extra>")  # fmt: skip


def ranking_figure(ranking: pd.DataFrame, median: float | None, lang: str) -> dict[str, Any]:
    """Units ranked by citizens served per 10,000 inhabitants (rank 1 on top), bars below the
    national median in a second colour, and the median as a vertical line."""
    if ranking.empty:
        return message_figure(t("common.no_data", lang))
    rates = ranking["citizens_served_per_10k"].astype(float)
    below = rates < median if median is not None else pd.Series(False, index=ranking.index)
    traces = []
    for mask, color, key in ((~below, ABOVE, "coverage.above_median"),
                             (below, BELOW, "coverage.below_median")):  # fmt: skip
        part = ranking[mask]
        traces.append({
            "type": "bar", "orientation": "h", "name": t(key, lang),
            "y": part["raion_name"].tolist(),
            "x": part["citizens_served_per_10k"].round(1).tolist(),
            "marker": {"color": color},
            "text": [fmt_number(v, lang) for v in part["citizens_served_per_10k"]],
            "textposition": "outside", "cliponaxis": False,
            "customdata": [
                [fmt_int(s, lang), fmt_int(p, lang)]
                for s, p in zip(part["citizens_served"], part["population"], strict=True)
            ],
            "hovertemplate": _rate_hover(lang),
        })  # fmt: skip
    layout = base_layout(
        height=max(260, 22 * len(ranking) + 90),
        separators=separators(lang),
        showlegend=True,
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        margin={"l": 10, "r": 60, "t": 50, "b": 30},
        bargap=0.25,
        barmode="overlay",
        xaxis={"tickformat": ",.0f", "gridcolor": "#eef1f4", "automargin": True,
               "rangemode": "tozero"},
        yaxis={"automargin": True, "ticksuffix": "  ", "categoryorder": "array",
               "categoryarray": ranking["raion_name"].tolist()[::-1]},
        meta={"median": median},
    )  # fmt: skip
    if median is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": median,
                "x1": median,
                "y0": 0,
                "y1": 1,
                "line": {"color": PALETTE["ink"], "width": 2, "dash": "dash"},
            }
        ]
        layout["annotations"] = [{"x": median, "xref": "x", "y": 1, "yref": "paper",
                                  "yanchor": "bottom", "showarrow": False, "xanchor": "left",
                                  "text": t("coverage.median_short", lang,
                                            value=fmt_number(median, lang)),
                                  "font": {"color": PALETTE["ink"]}}]  # fmt: skip
    return {"data": traces, "layout": layout}


def dot_sizes(distances: Sequence[float], cap: float) -> list[int]:
    """Area grows with the distance; no active point at all (NaN) draws the biggest dot. Whole
    pixels: ten sizes read as well as a hundred, and cost less to send for 1,500 dots."""
    top = max([d for d in distances if not math.isnan(d)] + [cap, 1.0])
    return [
        MAX_DOT if math.isnan(d) else round(MIN_DOT + (MAX_DOT - MIN_DOT) * math.sqrt(d / top))
        for d in distances
    ]


def _far_hovertemplate(lang: str, no_active_point: bool) -> str:
    if no_active_point:  # nothing is active anywhere: there is no distance to give
        where = t("coverage.no_active_point_anywhere", lang)
    else:
        nearest = t("coverage.col.nearest_library", lang)
        where = f"%{{customdata[0]:,.1f}} km · {nearest}: %{{customdata[1]}}"
    return f"<b>%{{text}}</b> (%{{hovertext}})<br>{where}<extra></extra>"


def far_map_updates(
    places: pd.DataFrame, far: pd.Series | Sequence[bool], km: float, lang: str
) -> dict[str, Any]:
    """What a filter change changes on the far-localities map, one value per row of ``places``
    (every locality, drawn once by :func:`far_map_figure`).

    A far locality gets its latitude, a dot size and its hover data (distance in km and the
    locality of the nearest active access point); any other gets no latitude (NaN, sent as
    null), which hides both its dot and its hover (a dot of size 0 would still answer the
    mouse), size 0 and no data. Numbers go out as arrays: fast to serialise, nulls included.
    """
    shown = np.asarray(far, dtype=bool)
    distances = places["distance_km"].to_numpy(dtype=float)
    sizes = np.zeros(len(places), dtype=int)
    sizes[shown] = dot_sizes(distances[shown].tolist(), km)
    count = int(shown.sum())
    no_active_point = count > 0 and bool(np.isnan(distances[shown]).all())
    updates: dict[str, Any] = {
        "lat": np.where(shown, places["lat"].to_numpy(dtype=float).round(_DECIMALS), np.nan),
        "size": sizes,
        "customdata": [
            [round(d, 1), str(where)] if s and not math.isnan(d) else 0
            for d, where, s in zip(
                distances.tolist(), places["nearest_library_locality"], shown.tolist(), strict=True
            )
        ],
        "hovertemplate": _far_hovertemplate(lang, no_active_point),
        "separators": separators(lang),
        "meta": {"far": count},
        "annotations": [],
    }
    if not count:
        updates["annotations"] = [{
            "text": t("coverage.far.none", lang, km=fmt_number(km, lang, 0)), "showarrow": False,
            "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.02,
            "font": {"size": 15, "color": PALETTE["ink"]}, "bgcolor": "rgba(255,255,255,0.8)",
        }]  # fmt: skip
    return updates


def far_map_figure(
    places: pd.DataFrame,
    far: pd.Series | Sequence[bool],
    outline: Sequence[str],
    km: float,
    lang: str,
    geojson_url: str,
) -> dict[str, Any]:
    """Every locality of ``places`` (rows of ``locality_distances``) as a dot over the raion
    outlines (``outline``: the raion codes to draw), only the ``far`` ones visible.

    Positions and names are sent once; a filter change patches :func:`far_map_updates` in.
    """
    updates = far_map_updates(places, far, km, lang)
    shapes = {
        "type": "choropleth", "geojson": geojson_url, "featureidkey": "properties.raion_code",
        "locations": list(outline), "z": [0] * len(outline),
        "colorscale": [[0, "#f3f4f6"], [1, "#f3f4f6"]], "showscale": False,
        "marker": {"line": {"color": NO_DATA_COLOR, "width": 0.8}}, "hoverinfo": "skip",
    }  # fmt: skip
    dots = {
        "type": "scattergeo", "mode": "markers",
        "lat": updates["lat"], "lon": places["lon"].to_numpy(dtype=float).round(_DECIMALS),
        "text": places["locality"].tolist(), "hovertext": places["raion_name"].tolist(),
        "customdata": updates["customdata"], "hovertemplate": updates["hovertemplate"],
        "marker": {"size": updates["size"], "color": DORMANT_COLOR, "opacity": 0.8,
                   "line": {"color": "#ffffff", "width": 0.6}},
    }  # fmt: skip
    layout = base_layout(
        height=520,
        separators=updates["separators"],
        geo={"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"},
             "bgcolor": "rgba(0,0,0,0)"},
        uirevision="coverage-map",
        meta=updates["meta"],
        annotations=updates["annotations"],
    )  # fmt: skip
    return {"data": [shapes, dots], "layout": layout}


def far_counts_figure(counts: pd.DataFrame, km: float, lang: str) -> dict[str, Any]:
    """Far localities per unit (units with none left out), most first, "n / all" as text."""
    shown = counts[counts["far_localities"] > 0].sort_values(
        ["far_localities", "raion_name"], ascending=[False, True]
    )
    if shown.empty:
        return message_figure(t("coverage.far.none", lang, km=fmt_number(km, lang, 0)))
    text = [f"{fmt_int(f, lang)} / {fmt_int(n, lang)}"
            for f, n in zip(shown["far_localities"], shown["localities"], strict=True)]  # fmt: skip
    return hbar_figure(
        shown["raion_name"].tolist(),
        shown["far_localities"].tolist(),
        lang=lang,
        color=DORMANT_COLOR,
        value_label=t("coverage.col.far_localities", lang, km=fmt_number(km, lang, 0)),
        text=text,
    )

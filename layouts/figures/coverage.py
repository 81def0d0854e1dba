"""Coverage page figures: the per-capita ranking with the national median, the map of localities
far from an active access point, and the far localities counted per unit.

Pure functions of DataFrames (from ``data_access.queries.coverage``). The map references the
bundled raion GeoJSON by URL, like the national map: geometry is never embedded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard.i18n import fmt_int, fmt_number, t
from layouts.figures.common import hbar_figure, message_figure
from layouts.figures.theme import DORMANT_COLOR, NO_DATA_COLOR, PALETTE, base_layout, separators

ABOVE, BELOW = PALETTE["blue"], PALETTE["orange"]
MIN_DOT, MAX_DOT = 5.0, 14.0


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


def dot_sizes(distances: Sequence[float], cap: float) -> list[float]:
    """Area grows with the distance; no active point at all (NaN) draws the biggest dot."""
    top = max([d for d in distances if not math.isnan(d)] + [cap, 1.0])
    return [
        MAX_DOT if math.isnan(d) else round(MIN_DOT + (MAX_DOT - MIN_DOT) * math.sqrt(d / top), 1)
        for d in distances
    ]


def _far_hover(far: pd.DataFrame, lang: str) -> list[str]:
    nearest = t("coverage.col.nearest_library", lang)
    texts = []
    for row in far.itertuples():
        if pd.isna(row.distance_km):
            where = t("coverage.no_active_point_anywhere", lang)
        else:
            where = (f"{fmt_number(row.distance_km, lang)} km · {nearest}: "
                     f"{row.nearest_library} ({row.nearest_library_locality})")  # fmt: skip
        texts.append(f"<b>{row.locality}</b> ({row.raion_name})<br>{where}")
    return texts


def far_map_figure(
    far: pd.DataFrame, outline: Sequence[str], km: float, lang: str, geojson_url: str
) -> dict[str, Any]:
    """Far localities (``far``: rows of ``locality_distances`` beyond ``km``) as dots over the
    raion outlines (``outline``: the raion codes to draw)."""
    shapes = {
        "type": "choropleth", "geojson": geojson_url, "featureidkey": "properties.raion_code",
        "locations": list(outline), "z": [0] * len(outline),
        "colorscale": [[0, "#f3f4f6"], [1, "#f3f4f6"]], "showscale": False,
        "marker": {"line": {"color": NO_DATA_COLOR, "width": 0.8}}, "hoverinfo": "skip",
    }  # fmt: skip
    distances = [float(d) for d in far["distance_km"].astype(float)]
    dots = {
        "type": "scattergeo", "mode": "markers",
        "lat": far["lat"].round(5).tolist(), "lon": far["lon"].round(5).tolist(),
        "text": _far_hover(far, lang), "hovertemplate": "%{text}<extra></extra>",
        "marker": {"size": dot_sizes(distances, km), "color": DORMANT_COLOR, "opacity": 0.8,
                   "line": {"color": "#ffffff", "width": 0.6}},
    }  # fmt: skip
    layout = base_layout(
        height=520,
        separators=separators(lang),
        geo={"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"},
             "bgcolor": "rgba(0,0,0,0)"},
        uirevision="coverage-map",
        meta={"far": len(far)},
    )  # fmt: skip
    if far.empty:
        layout["annotations"] = [{
            "text": t("coverage.far.none", lang, km=fmt_number(km, lang, 0)), "showarrow": False,
            "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.02,
            "font": {"size": 15, "color": PALETTE["ink"]}, "bgcolor": "rgba(255,255,255,0.8)",
        }]  # fmt: skip
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

"""Breakdown charts of the overview: service types, audiences, formats, raions, on-behalf-of."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.i18n import fmt_int, fmt_number, t
from layouts.figures.common import hbar_figure, message_figure
from layouts.figures.theme import METRIC_COLORS, PALETTE, SERIES, base_layout, separators


def service_figure(frame: pd.DataFrame, lang: str, top: int = 10) -> dict[str, Any]:
    """Requests per service type (names in ``lang``), largest first."""
    shown = frame[frame["requests"] > 0].head(top)
    if shown.empty:
        return message_figure(t("common.no_data", lang))
    return hbar_figure(
        shown[f"name_{lang}"].tolist(),
        shown["requests"].tolist(),
        lang=lang,
        color=METRIC_COLORS["requests"],
        value_label=t("metric.requests", lang),
    )


def session_dimension_figure(frame: pd.DataFrame, dimension: str, lang: str) -> dict[str, Any]:
    """Sessions by audience (bars) — ``dimension`` is the prefix of the value labels."""
    shown = frame[frame["sessions"] > 0]
    if shown.empty:
        return message_figure(t("common.no_data", lang))
    return hbar_figure(
        [t(f"{dimension}.{v}", lang) for v in shown.iloc[:, 0]],
        shown["sessions"].tolist(),
        lang=lang,
        color=METRIC_COLORS["sessions"],
        value_label=t("metric.sessions", lang),
    )


def share_figure(labels: list[str], values: list[int], lang: str) -> dict[str, Any]:
    """A donut of shares (formats, on-behalf-of); says so when everything is zero."""
    if sum(values) == 0:
        return message_figure(t("common.no_data", lang))
    return {
        "data": [
            {
                "type": "pie",
                "labels": labels,
                "values": values,
                "hole": 0.55,
                "sort": False,
                "marker": {"colors": SERIES[: len(values)]},
                "textinfo": "percent",
                "hovertemplate": "%{label}: %{value:,.0f} (%{percent})<extra></extra>",
            }
        ],
        "layout": base_layout(
            height=260,
            separators=separators(lang),
            showlegend=True,
            legend={"orientation": "h", "y": -0.1},
        ),
    }


def raion_rank_figure(
    frame: pd.DataFrame, metric: str, lang: str, *, ascending: bool, count: int = 5
) -> dict[str, Any]:
    """Top (or bottom) raions by ``metric`` per 10,000 inhabitants; no-population units excluded."""
    column = f"{metric}_per_10k"
    populated = frame.dropna(subset=[column])
    # all zero: nothing to rank, either way (the bottom five would be bars of length zero)
    if populated.empty or not (populated[column] != 0).any():
        return message_figure(t("common.no_data", lang))
    ranked = populated.sort_values(column, ascending=ascending).head(count)
    text = [fmt_number(v, lang) for v in ranked[column]]
    figure = hbar_figure(
        ranked["name_ro"].tolist(),
        ranked[column].round(1).tolist(),
        lang=lang,
        color=PALETTE["vermillion"] if ascending else PALETTE["green"],
        value_label=f"{t(f'metric.{metric}', lang)} {t('metric.per_10k', lang)}",
        text=text,
    )
    figure["data"][0]["customdata"] = [fmt_int(v, lang) for v in ranked[metric]][::-1]
    return figure

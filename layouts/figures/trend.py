"""Monthly trend of one metric."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.i18n import fmt_month, t
from layouts.figures.common import message_figure
from layouts.figures.theme import METRIC_COLORS, PALETTE, base_layout, separators


def trend_figure(frame: pd.DataFrame, metric: str, lang: str) -> dict[str, Any]:
    """Bars per month of ``metric`` (a column of ``frame``, which has ``month_key``)."""
    if frame.empty or int(frame[metric].sum()) == 0:
        return message_figure(t("common.no_data", lang))
    months = [fmt_month(int(m), lang) for m in frame["month_key"]]
    name = t(f"metric.{metric}", lang)
    return {
        "data": [
            {
                "type": "bar",
                "x": months,
                "y": frame[metric].astype(int).tolist(),
                "name": name,
                "marker": {"color": METRIC_COLORS.get(metric, PALETTE["blue"])},
                "hovertemplate": f"%{{x}}<br>{name}: %{{y:,.0f}}<extra></extra>",
            }
        ],
        "layout": base_layout(
            height=320,
            separators=separators(lang),
            margin={"l": 10, "r": 10, "t": 10, "b": 40},
            xaxis={
                "type": "category",
                "automargin": True,
                "tickangle": -45 if len(months) > 18 else 0,
            },
            yaxis={
                "tickformat": ",.0f",
                "gridcolor": "#eef1f4",
                "automargin": True,
                "rangemode": "tozero",
            },
            bargap=0.15,
        ),
    }

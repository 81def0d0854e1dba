"""Small figure pieces: the explicit "no data" figure and horizontal bars."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layouts.figures.theme import PALETTE, base_layout, separators


def message_figure(message: str) -> dict[str, Any]:
    """A figure that says, in words, why there is nothing to chart."""
    return {
        "data": [],
        "layout": base_layout(
            xaxis={"visible": False},
            yaxis={"visible": False},
            annotations=[
                {
                    "text": message,
                    "showarrow": False,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0.5,
                    "y": 0.5,
                    "font": {"size": 15, "color": PALETTE["grey"]},
                }
            ],
            meta={"empty": True},
        ),
    }


def hbar_figure(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    lang: str,
    color: str = PALETTE["blue"],
    value_label: str = "",
    text: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Horizontal bars, largest on top (labels/values in display order, largest first)."""
    labels, values = list(labels)[::-1], list(values)[::-1]
    shown = list(text)[::-1] if text is not None else None
    trace: dict[str, Any] = {
        "type": "bar",
        "orientation": "h",
        "x": values,
        "y": labels,
        "marker": {"color": color},
        "hovertemplate": f"%{{y}}<br>{value_label}: %{{x:,.0f}}<extra></extra>",
        "cliponaxis": False,
    }
    if shown is not None:
        trace |= {"text": shown, "textposition": "outside"}
    height = max(160, 28 * len(labels) + 40)
    return {
        "data": [trace],
        "layout": base_layout(
            height=height,
            separators=separators(lang),
            margin={"l": 10, "r": 60, "t": 10, "b": 30},
            xaxis={"tickformat": ",.0f", "gridcolor": "#eef1f4", "automargin": True, "nticks": 4},
            yaxis={"automargin": True, "ticksuffix": "  "},
            bargap=0.3,
        ),
    }

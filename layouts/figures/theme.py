"""One colour-blind-safe palette for every page (Okabe–Ito) and the shared figure layout."""

from __future__ import annotations

from typing import Any

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    "ink": "#1f2933",
}
SERIES = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow")]
METRIC_COLORS = {
    "sessions": PALETTE["blue"],
    "participants": PALETTE["green"],
    "requests": PALETTE["orange"],
    "citizens_served": PALETTE["purple"],
}
TIER_COLORS = {"national": PALETTE["blue"], "local": PALETTE["orange"], "none": PALETTE["grey"]}
DORMANT_COLOR = PALETTE["vermillion"]
# Sequential scale (light to dark purple, ColorBrewer "Purples"): lightness carries the value,
# so it reads under every common colour-vision deficiency and stays apart from the markers.
SEQUENTIAL = [
    [0.0, "#fcfbfd"], [0.25, "#dadaeb"], [0.5, "#bcbddc"], [0.75, "#807dba"], [1.0, "#4a1486"],
]  # fmt: skip
NO_DATA_COLOR = "#d9d9d9"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def base_layout(**overrides: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 13, "color": PALETTE["ink"]},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"font": {"family": FONT}},
        "showlegend": False,
        "separators": ",.",
    }
    layout.update(overrides)
    return layout


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language (RO: "1.234,5")."""
    return {"ro": ",.", "en": ".,", "ru": ", "}.get(lang, ",.")


def graph_config(filename: str, lang: str = "ro") -> dict[str, Any]:
    """dcc.Graph config: PNG download offline (plotly's own button), no plotly.com links, the
    toolbar in ``lang`` (locales registered by assets/vendor/plotly-locales.js)."""
    return {
        "locale": lang,
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud", "sendChartToCloud"],
        "topojsonURL": "/assets/topojson/",
    }

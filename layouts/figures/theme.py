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
# The greys of the page and the charts (no data is encoded in them).
NEUTRALS = {
    "white": "#ffffff",  # outlines between shapes and between markers, card backgrounds
    "grid": "#eef1f4",  # chart grid lines, card borders
    "area": "#f3f4f6",  # raion shapes under the far-localities dots
    "panel": "#f8fafc",  # the score formula's box
    "background": "#f5f7fa",  # the page
    "muted": "#6b7785",  # secondary text (4.5:1 on white)
    "nav_text": "#cfd6dd",  # text on the dark navbar
    "nav_border": "#56657a",  # the language switch's border on the navbar
    "on_sky": "#0b1b2b",  # text on a sky-blue background (the active language)
    "no_data": NO_DATA_COLOR,
}
# Target statuses written as words: the status colours (green, orange, vermillion) darkened
# until they reach 4.5:1 on white (WCAG AA for text); the bars keep the palette's own colours.
STATUS_TEXT = {"on_track": "#006b4f", "at_risk": "#8a5a00", "behind": "#9c3d00"}
# The palette as CSS custom properties: assets/style.css defines exactly these in ``:root`` and
# uses no other colour (tests/test_palette.py keeps the two equal).
CSS_VARIABLES = {
    "--eamb-ink": PALETTE["ink"],
    "--eamb-muted": NEUTRALS["muted"],
    "--eamb-blue": PALETTE["blue"],
    "--eamb-orange": PALETTE["orange"],
    "--eamb-green": PALETTE["green"],
    "--eamb-vermillion": PALETTE["vermillion"],
    "--eamb-grey": PALETTE["grey"],
    "--eamb-sky": PALETTE["sky"],
    "--eamb-bg": NEUTRALS["background"],
    "--eamb-white": NEUTRALS["white"],
    "--eamb-grid": NEUTRALS["grid"],
    "--eamb-panel": NEUTRALS["panel"],
    "--eamb-nav-text": NEUTRALS["nav_text"],
    "--eamb-nav-border": NEUTRALS["nav_border"],
    "--eamb-on-sky": NEUTRALS["on_sky"],
    "--eamb-on-track-text": STATUS_TEXT["on_track"],
    "--eamb-at-risk-text": STATUS_TEXT["at_risk"],
    "--eamb-behind-text": STATUS_TEXT["behind"],
}
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

"""One colour-blind-safe palette: every colour of every page's figures comes from
layouts/figures/theme.py, and assets/style.css uses the same colours, through CSS variables
that equal theme.CSS_VARIABLES."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from layouts.figures import theme
from layouts.figures.breakdowns import (
    raion_rank_figure,
    service_figure,
    session_dimension_figure,
    share_figure,
)
from layouts.figures.common import message_figure
from layouts.figures.coverage import far_counts_figure, far_map_figure, ranking_figure
from layouts.figures.presentation import for_projector, regions_only
from layouts.figures.raion_map import map_figure
from layouts.figures.targets import STATUS_COLORS, cumulative_figure
from layouts.figures.trend import trend_figure
from tests.test_figures import _libraries, _raions

STYLE_CSS = Path(__file__).resolve().parent.parent / "assets" / "style.css"
GEOJSON = "/assets/geo/raions.geojson"
TRANSPARENT = "transparent"


def _hex(color: str) -> str:
    """``#ABC``, ``#aabbcc``, ``rgb(…)``, ``rgba(…)`` -> ``#aabbcc`` (alpha 0: transparent)."""
    text = color.strip().lower()
    if match := re.fullmatch(r"rgba?\(([^)]*)\)", text):
        parts = [float(p) for p in match.group(1).split(",")]
        if len(parts) == 4 and parts[3] == 0:
            return TRANSPARENT
        return "#" + "".join(f"{round(p):02x}" for p in parts[:3])
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return "#" + "".join(ch * 2 for ch in text[1:])
    assert re.fullmatch(r"#[0-9a-f]{6}", text), f"not a colour: {color!r}"
    return text


def allowed() -> set[str]:
    """Every colour the palette module names."""
    colors = [*theme.PALETTE.values(), *theme.NEUTRALS.values(), *theme.STATUS_TEXT.values(),
              theme.NO_DATA_COLOR, *(c for _, c in theme.SEQUENTIAL)]  # fmt: skip
    return {_hex(c) for c in colors} | {TRANSPARENT}


def colors_in(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, colour) of every colour in a figure: any key ending in ``color``, ``colors`` and
    ``colorscale`` entries, at any depth (numbers under ``color`` index a colorscale)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from colors_in(v, k)
    elif isinstance(node, list | tuple | np.ndarray):
        if key == "colorscale":
            for _, color in node:
                yield key, color
        else:
            for item in node:
                yield from colors_in(item, key)
    elif isinstance(node, str) and (key.endswith("color") or key == "colors"):
        yield key, node


def _months(n: int) -> pd.DataFrame:
    return pd.DataFrame({"month_key": [202401 + i for i in range(n)]})


def _services() -> pd.DataFrame:
    return pd.DataFrame({"name_ro": ["Cazier", "Pașaport"], "name_en": ["Record", "Passport"],
                         "name_ru": ["Справка", "Паспорт"], "requests": [5, 2]})  # fmt: skip


def _progress() -> pd.DataFrame:
    return pd.DataFrame({"month_key": [202401, 202402, 202403, 202404],
                         "actual": [10.0, 25.0, np.nan, np.nan],
                         "target_line": [10.0, 20.0, 30.0, 40.0]})  # fmt: skip


def _ranking() -> pd.DataFrame:
    return pd.DataFrame({"raion_name": ["Ungheni", "Cahul", "Soroca"],
                         "citizens_served_per_10k": [40.0, 12.5, 3.0],
                         "citizens_served": [300, 150, 20],
                         "population": [75_000, 120_000, 66_000]})  # fmt: skip


def _places() -> pd.DataFrame:
    return pd.DataFrame({"locality": ["Zagarancea", "Cornești", "Sculeni"],
                         "raion_name": ["Ungheni"] * 3, "raion_code": ["MD-UN"] * 3,
                         "lat": [47.2, 47.37, 47.33], "lon": [27.8, 28.0, 27.6],
                         "distance_km": [2.0, 14.0, np.nan],
                         "nearest_library_locality": ["Ungheni", "Ungheni", ""]})  # fmt: skip


def page_figures() -> dict[str, dict[str, Any]]:
    """A figure of every builder of every page (overview, map, targets, coverage, presentation),
    in every variant that picks another colour."""
    raions, libraries = _raions(), _libraries()
    figures: dict[str, dict[str, Any]] = {"message": message_figure("Nu există date")}
    for metric in (*theme.METRIC_COLORS, "other"):
        frame = _months(3).assign(**{metric: [1, 2, 3]})
        figures[f"trend.{metric}"] = trend_figure(frame, metric, "ro")
    figures["services"] = service_figure(_services(), "ro")
    audience = pd.DataFrame({"audience": ["citizens", "librarians"], "sessions": [4, 1]})
    figures["audience"] = session_dimension_figure(audience, "audience", "ro")
    figures["formats"] = share_figure(["a", "b", "c"], [1, 2, 3], "ro")
    for ascending in (True, False):
        figures[f"raions.{ascending}"] = raion_rank_figure(
            raions, "citizens_served", "ro", ascending=ascending
        )
    figures["map"] = map_figure(raions, libraries, "citizens_served", True, "ro", GEOJSON)
    for status in (*STATUS_COLORS, "not_started"):
        target = {"metric": "sessions", "status": status, "projected": 50.0}
        figures[f"targets.{status}"] = cumulative_figure(_progress(), target, "ro")
    figures["ranking"] = ranking_figure(_ranking(), 12.5, "ro")
    far = pd.Series([False, True, True])
    figures["far_map"] = far_map_figure(_places(), far, ["MD-UN"], 10, "ro", GEOJSON)
    counts = pd.DataFrame({"raion_name": ["Ungheni"], "far_localities": [2], "localities": [3]})
    figures["far_counts"] = far_counts_figure(counts, 10, "ro")
    figures["presentation.map"] = for_projector(regions_only(figures["map"]), font_size=18)
    figures["presentation.trend"] = for_projector(figures["trend.citizens_served"])
    figures["presentation.top"] = for_projector(figures["raions.False"])
    return figures


def test_every_figure_colour_comes_from_the_palette() -> None:
    palette = allowed()
    seen: set[str] = set()
    for name, figure in page_figures().items():
        assert figure["data"] or name == "message", name  # a real chart, not a "no data" one
        for key, color in colors_in(figure):
            assert _hex(color) in palette, (name, key, color)
            seen.add(_hex(color))
    data_colors = {_hex(theme.PALETTE[k]) for k in ("blue", "orange", "green", "vermillion")}
    assert data_colors <= seen  # the walk does reach the data colours


def test_the_colour_walk_finds_a_stray_colour() -> None:
    figure = trend_figure(_months(1).assign(sessions=[3]), "sessions", "ro")
    figure["data"][0]["marker"]["line"] = {"color": "#1f77b4"}  # plotly's default blue
    figure["layout"]["shapes"] = [{"line": {"color": "rgb(255, 0, 0)"}}]
    strays = {_hex(c) for _, c in colors_in(figure)} - allowed()
    assert strays == {"#1f77b4", "#ff0000"}


def _css() -> str:
    return STYLE_CSS.read_text(encoding="utf-8")


def _root_block(css: str) -> str:
    match = re.search(r":root\s*\{(.*?)\}", css, re.S)
    assert match, "assets/style.css has no :root block"
    return match.group(1)


def test_css_variables_are_the_palette() -> None:
    variables = dict(re.findall(r"(--eamb-[\w-]+)\s*:\s*([^;]+);", _root_block(_css())))
    assert {k: _hex(v) for k, v in variables.items()} == {
        k: _hex(v) for k, v in theme.CSS_VARIABLES.items()
    }
    for key in ("blue", "orange", "green", "vermillion", "grey", "sky", "ink"):
        assert _hex(variables[f"--eamb-{key}"]) == _hex(theme.PALETTE[key])


def test_style_css_uses_colours_only_through_the_variables() -> None:
    css = _css()
    outside = css.replace(_root_block(css), "")
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b", outside) == []
    used = set(re.findall(r"var\((--eamb-[\w-]+)\)", css))
    assert used <= set(theme.CSS_VARIABLES), used - set(theme.CSS_VARIABLES)
    for status in theme.STATUS_TEXT:
        variable = f"--eamb-{status.replace('_', '-')}-text"
        assert re.search(rf"\.status-{status} \{{ color: var\({variable}\); \}}", css), status


def _contrast_on_white(color: str) -> float:
    channels = [int(_hex(color)[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("status", sorted(theme.STATUS_TEXT))
def test_status_words_are_readable_and_the_status_colours_are_not(status: str) -> None:
    """Why the palette has a text shade of each status colour: the Okabe–Ito colours themselves
    are below 4.5:1 on white, too faint for words."""
    assert _contrast_on_white(theme.STATUS_TEXT[status]) >= 4.5
    assert _contrast_on_white(STATUS_COLORS[status]) < 4.5
    assert _contrast_on_white(theme.NEUTRALS["muted"]) >= 4.5

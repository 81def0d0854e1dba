"""Every chart of every page can be downloaded as PNG offline: each dcc.Graph of each page
layout carries the shared graph config (plotly's own "download as PNG" button, no mode bar
hidden, nothing fetched from plotly.com)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from dash import dcc
from dash.development.base_component import Component

from callbacks.shell import PAGE_LAYOUTS
from dashboard.pages import PAGES
from layouts.figures.theme import graph_config

LANGS = ("ro", "en", "ru")
PAGES_WITH_CHARTS = {"overview", "map", "targets", "coverage", "presentation"}


def components(node: Any) -> Iterator[Component]:
    """``node`` and every component under it, through every property (not only children)."""
    if isinstance(node, Component):
        yield node
        for name in node._prop_names:
            yield from components(getattr(node, name, None))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from components(item)


def graphs(page: str, lang: str) -> list[dcc.Graph]:
    return [c for c in components(PAGE_LAYOUTS[page](lang)) if isinstance(c, dcc.Graph)]


def test_every_page_is_walked() -> None:
    assert set(PAGE_LAYOUTS) == {page.key for page in PAGES}
    assert {p for p in PAGE_LAYOUTS if graphs(p, "ro")} == PAGES_WITH_CHARTS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(PAGE_LAYOUTS))
def test_every_graph_downloads_as_png(page: str, lang: str) -> None:
    for graph in graphs(page, lang):
        config = graph.config
        assert isinstance(config, dict), graph.id
        image = config["toImageButtonOptions"]
        assert image["format"] == "png", graph.id
        assert image["filename"], graph.id
        assert config.get("displayModeBar", True) is not False, graph.id  # "hover" or True
        assert not config.get("staticPlot", False), graph.id
        assert "toImage" not in config.get("modeBarButtonsToRemove", []), graph.id
        assert config.get("showSendToCloud", False) is False, graph.id
        assert config == graph_config(image["filename"], config["locale"]), graph.id


def test_the_walk_sees_a_graph_without_the_download() -> None:
    hidden = dcc.Graph(id="x", config={**graph_config("x"), "displayModeBar": False})
    walked = list(components([dcc.Loading(hidden)]))
    assert hidden in walked
    assert walked[-1].config["displayModeBar"] is False


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", sorted(PAGES_WITH_CHARTS))
def test_the_toolbar_speaks_the_page_language(page: str, lang: str) -> None:
    assert {g.id: g.config["locale"] for g in graphs(page, lang)} == {
        g.id: lang for g in graphs(page, lang)
    }

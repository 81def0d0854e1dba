"""The shell on a tablet (768×1024) and a laptop (1280×800): nothing wider than the screen, and
on the tablet the filter panel folds behind its toggle button (on the laptop it is always there,
with no toggle)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveServer, screenshot
from tests.browser.helpers import wait_settled

pytestmark = pytest.mark.browser
TABLET = {"width": 768, "height": 1024}
LAPTOP = {"width": 1280, "height": 800}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
PANEL = "#filter-collapse .filter-panel"
# Every chart has been drawn by plotly (a settled page may still be drawing), inside the screen.
GRAPHS_DRAWN = """() => { const g = Array.from(document.querySelectorAll('.dash-graph'));
  return g.length > 0 && g.every(e => e.querySelector('.js-plotly-plot .main-svg')); }"""
GRAPHS_FIT = """() => Array.from(document.querySelectorAll('.dash-graph .js-plotly-plot')).every(
  e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && r.left >= 0 && r.right <= window.innerWidth; })"""


def _open_after(tab: Any, expected: bool) -> None:
    """Wait until the collapse has finished showing (``expected``) or hiding the panel."""
    tab.wait_for_function(
        "(open) => { const c = document.querySelector('#filter-collapse');"
        " return !!c && !c.classList.contains('collapsing')"
        " && c.classList.contains('show') === open; }",
        arg=expected,
    )


@pytest.mark.parametrize("path", ["/", "/harta"], ids=["overview", "map"])
@pytest.mark.parametrize("size", [TABLET, LAPTOP], ids=["tablet", "laptop"])
def test_the_page_fits_the_screen(
    page: Any, live: LiveServer, path: str, size: dict[str, int]
) -> None:
    page.set_viewport_size(size)
    page.goto(live.url + path)
    wait_settled(page)
    page.wait_for_function(GRAPHS_DRAWN)
    assert page.evaluate(FITS), page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert page.evaluate(GRAPHS_FIT)
    name = "overview" if path == "/" else "map"
    screenshot(page, f"layout-{name}-{size['width']}x{size['height']}")
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/", "/harta"], ids=["overview", "map"])
def test_the_filter_toggle_opens_the_panel_on_a_tablet(
    page: Any, live: LiveServer, path: str
) -> None:
    page.set_viewport_size(TABLET)
    page.goto(live.url + path)
    wait_settled(page)
    toggle, panel = page.locator("#filter-toggle"), page.locator(PANEL)
    assert toggle.is_visible()
    assert panel.is_hidden()  # folded: the page's own content comes first on a tablet
    assert page.locator("h1.page-title").bounding_box()["y"] < TABLET["height"] / 3
    toggle.click()
    _open_after(page, True)
    assert panel.is_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= TABLET["width"]
    assert page.locator("#filter-raion").is_visible()  # its controls are there to use
    assert page.evaluate(FITS)
    screenshot(page, f"layout-{'overview' if path == '/' else 'map'}-tablet-filters")
    toggle.click()
    _open_after(page, False)
    assert panel.is_hidden()
    assert page.console_errors == []


def test_the_laptop_shows_the_panel_without_a_toggle(page: Any, live: LiveServer) -> None:
    page.set_viewport_size(LAPTOP)
    page.goto(live.url + "/")
    wait_settled(page)
    assert page.locator("#filter-toggle").is_hidden()
    assert page.locator(PANEL).is_visible()
    assert page.console_errors == []

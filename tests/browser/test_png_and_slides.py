"""Charts download as PNG offline through plotly's own toolbar button (presentation and map
pages), and the presentation advances by itself once auto-advance is ticked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from layouts.pages import presentation
from tests.browser.conftest import LiveServer, screenshot
from tests.browser.helpers import wait_settled

pytestmark = pytest.mark.browser
# graph_config sets plotly's locale to the page's language; in Romanian the toolbar's PNG
# button is titled from the vendored plotly.js-locales 'ro' dictionary (assets/vendor).
PNG_BUTTON = ".modebar-btn[data-title='Descarcă graficul ca imagine PNG']"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ACTIVE_SLIDE = "() => document.querySelector('.pres-slide.active')?.id ?? null"
FAST_ADVANCE_MS = 1_500


def _download_png(tab: Any, graph: str) -> tuple[str, bytes]:
    """Hover ``graph`` so its toolbar shows, click the PNG button, return name and bytes."""
    tab.wait_for_function(
        "(id) => !!document.querySelector('#' + id + ' .js-plotly-plot .main-svg')", arg=graph
    )
    tab.locator(f"#{graph}").hover()
    with tab.expect_download(timeout=30_000) as download:
        tab.locator(f"#{graph} {PNG_BUTTON}").click()
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def test_presentation_charts_download_as_png(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/prezentare?perioada=an")
    wait_settled(page)
    for slide, graph in (("map", "pres-map"), ("trend", "pres-trend")):
        page.locator("#pres-next").click()
        page.wait_for_function(
            "(s) => { const e = document.querySelector('.pres-slide.active');"
            " return !!e && e.id.includes('\"' + s + '\"')"
            " && getComputedStyle(e).opacity === '1'; }",
            arg=slide,
        )
        wait_settled(page)
        name, data = _download_png(page, graph)
        assert name == f"{graph}.png"
        assert data.startswith(PNG_MAGIC)
        assert len(data) > 10_000
    assert page.console_errors == []
    assert page.external_requests == []  # the fixture checks it again on teardown


def test_the_map_downloads_as_png(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/harta?perioada=an")
    wait_settled(page)
    name, data = _download_png(page, "raion-map")
    assert name.endswith(".png")
    assert name == "harta.png"
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 10_000
    assert page.console_errors == []
    assert page.external_requests == []


def test_auto_advance_moves_the_slides(
    page: Any, live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The interval is a constant of the layout (12 s), not a setting: the app in this process
    # builds the page after this patch, so the test waits 1.5 s per slide instead.
    assert presentation.ADVANCE_MS == 12_000
    monkeypatch.setattr(presentation, "ADVANCE_MS", FAST_ADVANCE_MS)
    page.goto(live.url + "/prezentare?perioada=an")
    wait_settled(page)
    first = page.evaluate(ACTIVE_SLIDE)
    assert first is not None
    assert '"kpis"' in first
    page.locator(".pres-auto input").check()
    seen = [first]
    for _ in range(2):  # it keeps going: kpis -> map -> trend
        page.wait_for_function(
            f"(before) => {{ const now = ({ACTIVE_SLIDE})(); return !!now && now !== before; }}",
            arg=seen[-1],
            timeout=6 * FAST_ADVANCE_MS,
        )
        seen.append(page.evaluate(ACTIVE_SLIDE))
    assert '"map"' in seen[1]
    assert '"trend"' in seen[2]
    page.locator(".pres-auto input").uncheck()
    assert page.locator(".pres-auto input").is_checked() is False
    screenshot(page, "presentation-auto-advance")
    assert page.console_errors == []

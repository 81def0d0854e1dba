"""The program pages in a real browser: each opens, its main control is used as a person would,
a number on the page is checked against SQL run here, and screenshots are kept as artefacts
(the presentation at the two projector sizes)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveServer, screenshot
from tests.browser.helpers import wait_settled

pytestmark = pytest.mark.browser
FROM, TO = "2026-01-01", "2026-11-25"  # ?perioada=an on the demo data


def _one(path: Path, sql: str, *params: object) -> Any:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def _figure(tab: Any, graph_id: str) -> Any:
    return tab.evaluate(
        f"() => {{ const g = document.querySelector('#{graph_id} .js-plotly-plot');"
        " return g && {data: g.data.map(t => ({y: t.y, lat: t.lat})), meta: g.layout.meta}; }"
    )


def _row_count(tab: Any, grid_id: str) -> int:
    """Rows after the grid's filters, read from its pagination panel ("1 – 20 din 1.352")."""
    text = tab.locator(f"#{grid_id} .ag-paging-row-summary-panel").inner_text()
    return int(re.sub(r"\D", "", text.split()[-1]))


def _clean(tab: Any, live: LiveServer) -> None:
    assert tab.console_errors == []
    assert live.external_requests == []


def test_targets_pick_a_target_and_drill_into_the_cascade(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/tinte?perioada=an")
    wait_settled(page)
    count = _one(live.db_path, "SELECT count(*) FROM target WHERE period_start <= ? AND"
                               " period_end >= ?", TO, FROM)  # fmt: skip
    assert page.locator(".targets-total").inner_text() == f"{count} ținte"
    assert _figure(page, "targets-chart")["meta"]["metric"] == "citizens_served"
    page.locator("#targets-picker").click()
    page.keyboard.type("Ungheni")
    page.get_by_role("option", name=re.compile("Cereri de e-servicii.*Ungheni.*2026")).click()
    page.wait_for_function(
        "() => document.querySelector('#targets-chart .js-plotly-plot').layout.meta.metric"
        " === 'requests'"
    )
    actual = [v for v in _figure(page, "targets-chart")["data"][1]["y"] if v is not None]
    sql = (
        "SELECT count(*) FROM service_request WHERE raion_code = 'MD-UN'"
        " AND requested_on BETWEEN ? AND ?"
    )
    expected = _one(live.db_path, sql, FROM, TO)
    assert actual[-1] == expected > 0
    grid = page.locator("#targets-ambassador-grid")
    grid.scroll_into_view_if_needed()
    name = grid.locator(".ag-row[row-index='0'] [col-id='name']").first.inner_text()
    grid.locator(".ag-row[row-index='0'] [col-id='library_name']").first.click()
    page.wait_for_function(
        "(n) => document.querySelector('#targets-locals-title').innerText.includes(n)", arg=name
    )
    wait_settled(page)
    page.locator("#targets-chart").scroll_into_view_if_needed()
    screenshot(page, "targets-page")
    _clean(page, live)


def test_coverage_moves_the_distance_and_counts_dormant_points(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/acoperire?perioada=an")
    wait_settled(page)
    page.wait_for_function("() => document.querySelector('#coverage-dormant-days').value === '60'")
    dormant = _one(
        live.db_path,
        "SELECT count(*) FROM library l WHERE accredited_on <= ? AND NOT EXISTS (SELECT 1 FROM"
        " info_session s WHERE s.library_id = l.id AND held_on BETWEEN date(?, '-60 days') AND"
        " ?) AND NOT EXISTS (SELECT 1 FROM service_request r WHERE r.library_id = l.id AND"
        " requested_on BETWEEN date(?, '-60 days') AND ?)",
        TO, TO, TO, TO, TO,
    )  # fmt: skip
    assert page.locator("#coverage-dormant-title").inner_text().endswith(f": {dormant}")
    assert _row_count(page, "coverage-dormant-grid") == dormant
    before = _figure(page, "coverage-far-map")["meta"]["far"]
    thumb = page.locator("#coverage-max-km [role='slider']")
    thumb.focus()
    for _ in range(7):  # 10 km -> 3 km
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "() => document.querySelector('#coverage-far-title').innerText.includes(' 3 km')"
    )
    wait_settled(page)
    after = _figure(page, "coverage-far-map")
    assert after["meta"]["far"] > before
    assert len(after["data"][1]["lat"]) == after["meta"]["far"]
    assert page.locator("#coverage-far-title").inner_text().endswith(f": {after['meta']['far']}")
    assert "3 km" in page.locator("#coverage-formula").inner_text()
    page.locator("#coverage-far-title").scroll_into_view_if_needed()
    screenshot(page, "coverage-page")
    _clean(page, live)


def test_directory_search_then_export_what_is_shown(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/director?raion=MD-UN&perioada=an")
    wait_settled(page)
    libraries = _one(live.db_path, "SELECT count(*) FROM library WHERE raion_code = 'MD-UN'")
    assert _row_count(page, "directory-libraries-grid") == libraries
    total = _row_count(page, "directory-ambassadors-grid")
    first = page.locator("#directory-ambassadors-grid .ag-row[row-index='0'] [col-id='name']")
    page.locator("#directory-ambassadors-search").fill(first.first.inner_text().split()[0])
    page.wait_for_function(
        "(n) => { const p = document.querySelector('#directory-ambassadors-grid"
        " .ag-paging-row-summary-panel'); return p && !p.innerText.endsWith(String(n)); }",
        arg=total,
    )
    shown = _row_count(page, "directory-ambassadors-grid")
    assert 0 < shown < total
    with page.expect_download() as download:
        page.locator("#directory-ambassadors-csv").click()
    assert download.value.suggested_filename == f"eambasadori-{TO}-date-demo.csv"
    path = download.value.path()
    data = Path(path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].startswith("Nume;Nivel;Bibliotecă;Raion")
    assert len(lines) == shown + 1  # the export follows the grid's quick filter
    screenshot(page, "directory-page")
    _clean(page, live)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_presentation_reads_on_a_projector(
    page: Any, live: LiveServer, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live.url + "/prezentare?perioada=an")
    wait_settled(page)
    participants = _one(live.db_path, "SELECT sum(participants) FROM info_session WHERE held_on"
                                      " BETWEEN ? AND ?", FROM, TO)  # fmt: skip
    requests = _one(live.db_path, "SELECT count(*) FROM service_request WHERE requested_on"
                                  " BETWEEN ? AND ?", FROM, TO)  # fmt: skip
    hero = page.locator(".pres-kpi.hero .pres-kpi-value")
    assert int(hero.get_attribute("data-value")) == participants + requests
    size = hero.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 0.05 * height  # big numbers, readable from the back of the room
    fits = "() => document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(fits)
    assert page.locator("#filter-col").is_hidden()
    screenshot(page, f"presentation-{width}x{height}")
    page.locator("#pres-next").click()
    page.wait_for_function(
        "() => { const s = document.querySelector('.pres-slide.active');"
        " return s.id.includes('\"map\"') && getComputedStyle(s).opacity === '1'; }"
    )
    wait_settled(page)
    box = page.locator(".pres-slide.active .pres-graph").bounding_box()
    assert box["y"] + box["height"] <= height + 1  # the slide fits the screen
    screenshot(page, f"presentation-map-{width}x{height}")
    page.locator(".pres-auto input").check()
    assert page.locator(".pres-auto input").is_checked()
    _clean(page, live)

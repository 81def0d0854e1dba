"""The program pages in a real browser: each opens, its main control is used as a person would,
a number on the page is checked against SQL run here, and screenshots are kept as artefacts
(the presentation at the two projector sizes). The big tables are server grids: the browser
holds one block of rows, the server sorts, searches and filters."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from dashboard.i18n import t
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


# A server grid has rows on screen: its first row is loaded, none is waiting for the server.
GRID_READY = """(id) => { const g = document.getElementById(id); if (!g) return false;
  const panel = g.querySelector('.ag-paging-row-summary-panel');
  const empty = g.querySelector('.ag-overlay-no-rows-center');
  const cell = g.querySelector(".ag-row[row-index='0'] [col-id]");
  return !!panel && /\\d/.test(panel.innerText) && !g.querySelector('.ag-row-loading')
    && ((!!cell && cell.innerText.trim() !== '') || !!empty); }"""


def _grid_ready(tab: Any, grid_id: str) -> None:
    tab.wait_for_function(GRID_READY, arg=grid_id)


def _row_count(tab: Any, grid_id: str) -> int:
    """Rows in the grid's view, read from its pagination panel ("1 – 20 din 1.352")."""
    _grid_ready(tab, grid_id)
    text = tab.locator(f"#{grid_id} .ag-paging-row-summary-panel").inner_text()
    return int(re.sub(r"\D", "", text.split()[-1]))


def _cell(tab: Any, grid_id: str, row: int, column: str) -> str:
    selector = f"#{grid_id} .ag-row[row-index='{row}'] [col-id='{column}']"
    return str(tab.locator(selector).first.inner_text())


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))  # "1.234" in Romanian


def _wait_for_meta(tab: Any, graph_id: str, key: str, value: object = None) -> None:
    """Until the graph's figure has ``key`` in its meta (equal to ``value`` when given): a
    settled page may still hold the graph's placeholder figure, whose meta is empty."""
    tab.wait_for_function(
        "([id, k, v]) => { const g = document.querySelector('#' + id + ' .js-plotly-plot');"
        " const meta = g && g.layout.meta;"
        " return !!meta && k in meta && (v === null || meta[k] === v); }",
        arg=[graph_id, key, value],
        timeout=20_000,
    )


def _clean(tab: Any) -> None:
    assert tab.console_errors == []
    assert tab.external_requests == []  # the page fixture checks it again on teardown


def test_targets_pick_a_target_and_drill_into_the_cascade(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/tinte?perioada=an")
    wait_settled(page)
    count = _one(live.db_path, "SELECT count(*) FROM target WHERE period_start <= ? AND"
                               " period_end >= ?", TO, FROM)  # fmt: skip
    assert page.locator(".targets-total").inner_text() == t("targets.summary", "ro", count=count)
    assert _row_count(page, "targets-grid") == count  # every target, one block at a time
    _wait_for_meta(page, "targets-chart", "metric", "citizens_served")  # the first target's
    page.locator("#targets-picker").click()
    search = page.locator(".dash-dropdown-search")  # the server finds the raion targets
    search.wait_for()
    search.press_sequentially("ungheni", delay=60)
    page.get_by_role("option", name=re.compile("Cereri de e-servicii.*Ungheni.*2026")).click()
    _wait_for_meta(page, "targets-chart", "metric", "requests")
    actual = [v for v in _figure(page, "targets-chart")["data"][1]["y"] if v is not None]
    sql = (
        "SELECT count(*) FROM service_request WHERE raion_code = 'MD-UN'"
        " AND requested_on BETWEEN ? AND ?"
    )
    expected = _one(live.db_path, sql, FROM, TO)
    assert actual[-1] == expected > 0
    grid = page.locator("#targets-ambassador-grid")
    grid.scroll_into_view_if_needed()
    _grid_ready(page, "targets-ambassador-grid")
    name = grid.locator(".ag-row[row-index='0'] [col-id='name']").first.inner_text()
    grid.locator(".ag-row[row-index='0'] [col-id='library_name']").first.click()
    page.wait_for_function(
        "(n) => document.querySelector('#targets-locals-title').innerText.includes(n)", arg=name
    )
    wait_settled(page)
    page.locator("#targets-chart").scroll_into_view_if_needed()
    screenshot(page, "targets-page")
    _clean(page)


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
    _wait_for_meta(page, "coverage-far-map", "far")
    before = _figure(page, "coverage-far-map")["meta"]["far"]
    far_map_calls: list[Any] = []
    page.on("requestfinished", lambda r: far_map_calls.append(r)
            if "coverage-far-map" in (r.post_data or "") else None)  # fmt: skip
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
    lats = after["data"][1]["lat"]  # every locality stays; only the far ones have a position
    assert sum(lat is not None for lat in lats) == after["meta"]["far"] < len(lats)
    assert far_map_calls  # the distance changed: a Patch of what changes, not the whole map
    assert all(b'"__dash_patch_update"' in r.response().body() for r in far_map_calls)
    _hover_a_far_dot(page)
    assert page.locator("#coverage-far-title").inner_text().endswith(f": {after['meta']['far']}")
    assert "3 km" in page.locator("#coverage-formula").inner_text()
    page.locator("#coverage-far-title").scroll_into_view_if_needed()
    screenshot(page, "coverage-page")
    _clean(page)


def _hover_a_far_dot(tab: Any) -> None:
    """A visible dot answers the mouse with its locality, raion, distance and nearest point."""
    tab.locator("#coverage-far-map").scroll_into_view_if_needed()
    dot = tab.locator("#coverage-far-map .scattergeo path.point").first
    box = dot.bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = tab.locator("#coverage-far-map .hoverlayer .hovertext")
    label.wait_for()
    text = label.text_content()  # SVG: the lines run together
    assert re.search(r"\(.+\)[\d,]+ km · Cel mai apropiat punct de acces activ: \S", text), text


AMB = "directory-ambassadors-grid"
IN_MD_UN = (
    "SELECT {what} FROM ambassador a JOIN library l ON l.id = a.library_id LEFT JOIN (SELECT"
    " ambassador_id, count(*) AS n FROM info_session WHERE held_on BETWEEN :f AND :t GROUP BY"
    " ambassador_id) s ON s.ambassador_id = a.id WHERE l.raion_code = 'MD-UN'{tier} AND"
    " a.certified_on <= :t AND (a.left_on IS NULL OR a.left_on >= :f OR s.n > 0 OR EXISTS"
    " (SELECT 1 FROM service_request r WHERE r.ambassador_id = a.id AND requested_on BETWEEN"
    " :f AND :t))"
)


def _in_md_un(path: Path, what: str, tier: str = "") -> Any:
    sql = IN_MD_UN.format(what=what, tier=f" AND a.tier = '{tier}'" if tier else "")
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, {"f": FROM, "t": TO}).fetchone()[0]


def test_directory_sort_search_export_and_filter(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/director?raion=MD-UN&perioada=an")
    wait_settled(page)
    libraries = _one(live.db_path, "SELECT count(*) FROM library WHERE raion_code = 'MD-UN'")
    assert _row_count(page, "directory-libraries-grid") == libraries
    total = _row_count(page, AMB)
    assert total == _in_md_un(live.db_path, "count(*)") > 20  # more than one page
    first = _cell(page, AMB, 0, "name")
    header = page.locator(f"#{AMB} .ag-header-cell[col-id='sessions']")
    header.click()  # ascending, then descending: sorted on the server
    header.click()
    page.wait_for_function(
        "([id, name]) => { const c = document.querySelector('#' + id + \" .ag-row[row-index='0']"
        " [col-id='name']\"); return c && c.innerText !== '' && c.innerText !== name; }",
        arg=[AMB, first],
    )
    _grid_ready(page, AMB)
    assert _number(_cell(page, AMB, 0, "sessions")) == _in_md_un(live.db_path, "max(s.n)") > 0
    leader = _cell(page, AMB, 0, "name")
    page.locator("#directory-ambassadors-search").fill(leader.split()[0])
    page.wait_for_function(
        "([id, n]) => { const p = document.querySelector('#' + id +"
        " ' .ag-paging-row-summary-panel'); return p && !p.innerText.endsWith(String(n)); }",
        arg=[AMB, total],
    )
    shown = _row_count(page, AMB)
    assert 0 < shown < total
    assert _cell(page, AMB, 0, "name") == leader  # still sorted, now searched
    with page.expect_download() as download:
        page.locator("#directory-ambassadors-csv").click()
    assert download.value.suggested_filename == f"eambasadori-{TO}-date-demo.csv"
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].startswith("Nume;Nivel;Bibliotecă;Raion")
    assert len(lines) == shown + 1  # the export is the grid's view: search and sort
    assert lines[1].startswith(leader + ";")
    screenshot(page, "directory-page")
    page.locator("#directory-ambassadors-search").fill("")
    _grid_ready(page, AMB)
    page.wait_for_function(
        "([id, n]) => document.querySelector('#' + id + ' .ag-paging-row-summary-panel')"
        ".innerText.endsWith(String(n))", arg=[AMB, total],
    )  # fmt: skip
    page.locator(f"#{AMB} .ag-paging-button").nth(2).click()  # the next page
    page.wait_for_function(
        "(id) => / 2 /.test(document.querySelector('#' + id + ' .ag-paging-description')"
        ".innerText)", arg=AMB,
    )  # fmt: skip
    page.locator("label[for='_dbcprivate_checklist_filter-tier_input_national']").click()
    nationals = _in_md_un(live.db_path, "count(*)", "national")
    page.wait_for_function(
        "([id, n]) => { const p = document.querySelector('#' + id +"
        " ' .ag-paging-row-summary-panel'); return p && p.innerText.endsWith(' ' + n); }",
        arg=[AMB, nationals],
    )  # a URL filter: the grid starts again from its first block
    assert "nivel=national" in page.evaluate("() => window.location.search")
    _grid_ready(page, AMB)
    assert page.locator(f"#{AMB} .ag-paging-description").inner_text().startswith("Pagina 1 ")
    best = _in_md_un(live.db_path, "max(s.n)", "national")
    assert _number(_cell(page, AMB, 0, "sessions")) == best  # the sort is kept
    _clean(page)


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
    _clean(page)

"""The dashboard in a real browser: every page, numbers against SQL, URL state, map clicks,
languages and live refresh. No request leaving the machine is checked by the ``page`` fixture
after every test."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from typing import Any

import pytest

from dashboard.i18n import t
from dashboard.pages import PAGES
from tests.browser.conftest import LiveServer, screenshot
from tests.browser.helpers import graph_data, kpi_value, kpi_value_after_change, wait_settled

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_def", PAGES, ids=[p.key for p in PAGES])
def test_every_page_loads_without_console_errors(
    page: Any, live: LiveServer, page_def: Any
) -> None:
    page.goto(live.url + page_def.path)
    wait_settled(page)
    screenshot(page, page_def.key)
    assert page.console_errors == []
    # Dash serves the same shell on every path: the heading proves which page was rendered.
    title = page.locator("h1.page-title")
    assert title.count() == 1
    assert title.inner_text() == t(f"{page_def.key}.title", "ro")


def test_an_unknown_path_says_so(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/nu-exista")
    wait_settled(page)
    assert page.locator("h1.page-title").inner_text() == t("page.not_found", "ro")
    assert page.console_errors == []


def test_kpi_equals_sql(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/?raion=MD-CA&de=2025-01-01&pana=2025-06-30")
    wait_settled(page)
    with sqlite3.connect(live.db_path) as conn:
        (expected,) = conn.execute(
            "SELECT count(*) FROM service_request WHERE raion_code = 'MD-CA'"
            " AND requested_on BETWEEN '2025-01-01' AND '2025-06-30'"
        ).fetchone()
    assert expected > 0
    assert kpi_value(page, "requests") == expected


def test_filter_change_updates_charts_and_url(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/")
    wait_settled(page)
    before = kpi_value(page, "requests")
    page.locator("#filter-raion").click()
    page.keyboard.type("Ungheni")
    page.get_by_role("option", name="Ungheni").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**raion=MD-UN**")
    wait_settled(page)
    after = kpi_value_after_change(page, "requests", before)
    assert 0 < after < before


@pytest.mark.parametrize(
    ("query", "period", "start", "end"),
    [
        ("perioada=an", "period.an", "01/01/2026", "25/11/2026"),  # the demo's pinned today
        ("de=2025-02-01&pana=2025-05-31", "filters.custom", "01/02/2025", "31/05/2025"),
    ],
    ids=["preset", "dates"],
)
def test_shared_url_restores_the_view(
    page: Any, live: LiveServer, query: str, period: str, start: str, end: str
) -> None:
    page.goto(live.url + f"/?raion=MD-UN&serviciu=cazier&{query}&limba=en")
    wait_settled(page)
    assert "Ungheni" in page.locator("#filter-raion").inner_text()
    assert "Criminal record" in page.locator("#filter-service").inner_text()
    assert page.locator("#filter-period").inner_text().strip() == t(period, "en")
    dates = page.locator(".filter-panel input.dash-datepicker-input")  # start (#filter-dates), end
    assert [dates.nth(i).input_value() for i in range(dates.count())] == [start, end]
    assert page.locator("h1").first.inner_text() == "Overview"


def test_clicking_a_raion_on_the_map_filters(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/harta?perioada=an")
    wait_settled(page)
    data = graph_data(page, "raion-map")
    index = data[0]["locations"].index("MD-CA")
    shape = page.locator("#raion-map .choroplethlocation").nth(index)
    box = shape.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.55)
    page.wait_for_url("**raion=MD-CA**")
    wait_settled(page)
    assert "Cahul" in page.locator("#map-selection").inner_text()


def test_switching_language_changes_labels(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/")
    wait_settled(page)
    assert page.locator("h1").first.inner_text() == "Prezentare generală"
    page.locator("a.lang-link", has_text="RU").click()
    page.wait_for_url("**limba=ru**")
    wait_settled(page)
    assert page.locator("h1").first.inner_text() == "Обзор"
    assert "Карта" in page.locator(".app-navbar").inner_text()
    titles = page.evaluate(
        "() => Array.from(document.querySelectorAll('.modebar-btn'))"
        ".map(b => b.getAttribute('data-title'))"
    )
    assert "Сохранить в формате PNG" in titles  # the chart toolbar too
    assert "Share chart..." not in titles  # nothing that would leave the machine


def test_a_row_written_by_another_process_appears_without_reload(
    page: Any, live: LiveServer
) -> None:
    page.goto(live.url + "/?perioada=30-zile")
    wait_settled(page)
    before = kpi_value(page, "sessions")
    updated_before = page.locator("#updated-at").inner_text()
    page.evaluate("() => { window.__mark = 1; }")  # a reload would forget it
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "lib, amb, raion = c.execute('SELECT l.id, a.id, l.raion_code FROM ambassador a"
        " JOIN library l ON l.id = a.library_id LIMIT 1').fetchone()\n"
        'c.execute("INSERT INTO info_session (held_on, ambassador_id, library_id, raion_code,'
        " format, audience, participants) VALUES ('2026-11-24', ?, ?, ?, 'in_person',"
        " 'citizens', 7)\", (amb, lib, raion))\n"
        "c.commit()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(live.db_path)], check=True)
    page.wait_for_function(
        "(n) => { const e = document.querySelector('[id*=\"sessions\"] .kpi-value');"
        " return e && Number(e.dataset.value) === n; }",
        arg=before + 1,
        timeout=20_000,
    )
    assert page.evaluate("() => window.__mark") == 1  # the same document: no reload
    assert page.url.endswith("perioada=30-zile")  # same view
    assert page.locator("#updated-at").inner_text() != updated_before

"""The Data page in a real browser: upload a report, read the validation report, confirm the
import, and watch an open overview show the new numbers on its next live refresh."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveServer, screenshot
from tests.browser.helpers import kpi_value, wait_settled
from tests.test_import_fixtures import SESSION_HEADER, csv_bytes

pytestmark = pytest.mark.browser
FILE_INPUT = "#data-upload input[type=file]"
# dcc.Upload renders a plain wrapper (#data-upload) around react-dropzone's root, which holds the
# drop handlers: a drop dispatched on the wrapper itself reaches nothing.
DROP_ZONE = "#data-upload > div"
PERIOD = "?perioada=30-zile"  # 2026-10-27 .. 2026-11-25 (the demo's pinned today)


def _report(db_path: Path, rows: int, ref: str = "BROWSER") -> bytes:
    with sqlite3.connect(db_path) as conn:
        library, raion, ambassador = conn.execute(
            "SELECT l.code, l.raion_code, a.code FROM ambassador a"
            " JOIN library l ON l.id = a.library_id ORDER BY a.id LIMIT 1"
        ).fetchone()
    lines = [
        [f"2026-11-{11 + i}", raion, library, ambassador, "față în față", "cetățeni",
         str(8 + i), "cazier; mpay_utilitati", f"{ref}-{i + 1}"]
        for i in range(rows)
    ]  # fmt: skip
    return csv_bytes(SESSION_HEADER, lines, delimiter=";", encoding="utf-8-sig")


def _sessions_in_period(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM info_session WHERE held_on BETWEEN '2026-10-27' AND '2026-11-25'"
        ).fetchone()
    return int(count)


def _errors(tab: Any) -> list[str]:
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_upload_check_confirm_and_the_overview_changes(
    page: Any, live: LiveServer, tmp_path: Path
) -> None:
    overview = page.context.new_page()
    overview_errors = _errors(overview)
    overview.goto(live.url + "/" + PERIOD)
    wait_settled(overview)
    before = kpi_value(overview, "sessions")
    assert before == _sessions_in_period(live.db_path)

    page.goto(live.url + "/date")
    wait_settled(page)
    content = _report(live.db_path, 5)
    path = tmp_path / "sesiuni_noiembrie.csv"
    path.write_bytes(content)
    page.locator(FILE_INPUT).set_input_files(str(path))
    page.locator(".data-banner-valid").wait_for(timeout=20_000)
    assert "sesiuni_noiembrie.csv" in page.locator("#data-file-info").inner_text()
    assert page.locator(".data-fact-rows").inner_text() == "5"
    assert page.locator(".data-fact-new").inner_text() == "5"
    assert hashlib.sha256(content).hexdigest() in page.locator("#data-confirm-note").inner_text()
    assert page.locator("#data-errors-grid").count() == 0
    assert _sessions_in_period(live.db_path) == before  # checking wrote nothing
    report_card = "e => e.closest('.card').scrollIntoView({behavior: 'instant'})"
    page.locator("#data-report").evaluate(report_card)
    screenshot(page, "data-import")

    page.locator("#data-confirm").click()
    page.locator(".data-result-imported").wait_for(timeout=30_000)
    assert page.locator("#data-confirm").is_disabled()
    page.locator("#data-history-grid .ag-row", has_text="sesiuni_noiembrie.csv").first.wait_for()
    expected = _sessions_in_period(live.db_path)
    assert expected == before + 5

    overview.wait_for_function(
        "(n) => { const e = document.querySelector('[id*=\"sessions\"] .kpi-value');"
        " return e && Number(e.dataset.value) === n; }",
        arg=expected,
        timeout=20_000,
    )
    assert kpi_value(overview, "sessions") == expected
    assert page.console_errors == []
    assert overview_errors == []
    assert page.external_requests == []  # both tabs: the fixture tracks the context


def test_a_report_dropped_on_the_upload_area_is_checked(page: Any, live: LiveServer) -> None:
    """A real drop event (not the hidden file input) carrying a file built in the page."""
    page.goto(live.url + "/date")
    wait_settled(page)
    content = _report(live.db_path, 3, ref="DROPPED")
    transfer = page.evaluate_handle(
        "(bytes) => { const dt = new DataTransfer();"
        " dt.items.add(new File([new Uint8Array(bytes)], 'x.csv', {type: 'text/csv'}));"
        " return dt; }",
        list(content),
    )
    page.locator(DROP_ZONE).dispatch_event("drop", {"dataTransfer": transfer})
    page.locator(".data-banner-valid").wait_for(timeout=20_000)
    assert "x.csv" in page.locator("#data-file-info").inner_text()
    assert page.locator(".data-fact-rows").inner_text() == "3"
    assert page.locator(".data-fact-new").inner_text() == "3"
    assert hashlib.sha256(content).hexdigest() in page.locator("#data-confirm-note").inner_text()
    assert page.locator("#data-confirm").is_enabled()
    assert page.console_errors == []


def test_a_report_with_mistakes_shows_each_problem(
    page: Any, live: LiveServer, tmp_path: Path
) -> None:
    page.goto(live.url + "/date?limba=en")
    wait_settled(page)
    rows = [["2026-13-01", "MD-UN", "no such library", "nobody", "online", "citizens", "x",
             "cazier", "BAD-1"]]  # fmt: skip
    path = tmp_path / "mistakes.csv"
    path.write_bytes(csv_bytes(SESSION_HEADER, rows))
    page.locator(FILE_INPUT).set_input_files(str(path))
    page.locator(".data-banner-rejected").wait_for(timeout=20_000)
    grid = page.locator("#data-errors-grid")
    grid.locator(".ag-row").first.wait_for()
    text = grid.inner_text()
    assert "“2026-13-01” is not a valid date" in text
    assert "There is no library “no such library”" in text
    assert page.locator("#data-confirm").is_disabled()
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("raport.pdf", 100, "„raport.pdf” nu este un fișier CSV sau XLSX"),
        ("urias.csv", 10 * 1024 * 1024 + 1, "Fișierul are 10,1 MB; limita este 10,0 MB."),
    ],
)
def test_files_refused_before_upload_say_why(
    page: Any, live: LiveServer, tmp_path: Path, name: str, size: int, message: str
) -> None:
    page.goto(live.url + "/date")
    wait_settled(page)
    path = tmp_path / name
    path.write_bytes(b"a" * size)
    requests: list[int] = []
    page.on("request", lambda r: requests.append(len(r.post_data_buffer or b"")))
    page.locator(FILE_INPUT).set_input_files(str(path))
    page.locator(".data-banner-rejected", has_text=message).wait_for(timeout=20_000)
    assert max(requests, default=0) < 10_000  # the file itself was never sent
    assert page.console_errors == []

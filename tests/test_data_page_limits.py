"""The Data page's limits and pure views: the layout starts with nothing importable, a file or a
request over the limit gets a clear message (never a 500), odd uploads, the report's view and the
history's UTC times."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from callbacks.data import request_limit
from callbacks.data_view import history_frame, read_upload, to_view
from data_access.importing import ImportReport, RowError
from layouts import ids
from layouts.import_report import size_text
from layouts.pages.data import layout
from tests.data_page_client import (
    SMALL_LIMIT,
    confirm,
    inspect,
    make_client,
    sessions_csv,
    sql,
    stored,
    text_of,
    value,
)


def test_layout_starts_with_nothing_importable() -> None:
    page = layout("en")
    assert page[ids.DATA_UPLOAD].accept == ".csv,.xlsx"
    assert page[ids.DATA_UPLOAD].multiple is False
    button = page[ids.DATA_CONFIRM]
    assert (button.children, button.disabled) == ("Import into the database", True)
    assert page[ids.DATA_CONFIRM_NOTE].children == "Upload a valid file to be able to import it."
    assert [c["headerName"] for c in page[ids.DATA_HISTORY_GRID].columnDefs][:3] == [
        "When (UTC)", "Who", "File",
    ]  # fmt: skip


def test_a_file_over_the_limit_gets_a_clear_message(demo_copy: Path, tmp_path: Path) -> None:
    client = make_client(demo_copy, tmp_path, max_upload_bytes=SMALL_LIMIT)
    content = sessions_csv(demo_copy, "T-BIG") + b"\r\n" * (SMALL_LIMIT // 2 + 10)  # blank lines
    assert SMALL_LIMIT < len(content) < request_limit(SMALL_LIMIT)
    batches = sql(demo_copy, "SELECT count(*) FROM import_batch")
    response = inspect(client, stored(content), "?limba=en")
    report = text_of(response, ids.DATA_REPORT)
    assert "The file is 1.1 MB; the limit is 1.0 MB." in report
    assert value(response, ids.DATA_CONFIRM, "disabled") is True
    # Refused in the browser already (never read): the same message from the size it reported.
    told = inspect(client, {"name": "big.csv", "size": 5 * 1024 * 1024, "problem": "too_large"})
    assert "Fișierul are 5,0 MB; limita este 1,0 MB." in text_of(told, ids.DATA_REPORT)
    # Even a forged confirmation cannot import it.
    forged = confirm(client, stored(content), {"sha256": hashlib.sha256(content).hexdigest()})
    assert "Nu există niciun fișier verificat" in text_of(forged, ids.DATA_RESULT)
    assert sql(demo_copy, "SELECT count(*) FROM import_batch") == batches


def test_a_request_over_the_server_limit_is_413_not_500(demo_copy: Path, tmp_path: Path) -> None:
    client = make_client(demo_copy, tmp_path, max_upload_bytes=SMALL_LIMIT)
    huge = stored(b"x" * (request_limit(SMALL_LIMIT) + 1))
    response = client.post(
        "/_dash-update-component",
        json={"output": "data-file.data", "inputs": [{"id": "x", "property": "y", "value": huge}]},
        headers={"Referer": "http://localhost/date?limba=en"},
    )
    assert response.status_code == 413
    assert response.get_json() == {
        "error": "The file is too large to be sent (the limit is 1.0 MB). Split it into several "
        "files."
    }


def test_read_upload_handles_odd_payloads() -> None:
    assert read_upload(None, 100) is None
    assert read_upload({"name": "a.csv", "content": "data:"}, 100).content == b""  # empty file
    assert read_upload({"name": "a.csv", "content": "data:;base64,@@"}, 100).problem == "unreadable"
    assert read_upload({"name": "a.csv", "content": "hello"}, 100).problem == "unreadable"
    big = read_upload(stored(b"x" * 200), 100)
    assert (big.problem, big.size) == ("too_large", 201)  # upper bound, never decoded
    assert size_text(532, "ro") == "532 de octeți"
    assert size_text(12_700, "ro") == "12,4 KB"
    assert size_text(3 * 1024 * 1024, "en") == "3.0 MB"


def test_report_view_counts() -> None:
    report = ImportReport("f.csv", "ab", kind="sessions", rows=5, status="rejected")
    report.errors = [RowError(2, "data", "required"), RowError(2, "raion", "required"),
                     RowError(4, "data", "required")]  # fmt: skip
    view = to_view(report, 10, "en")
    assert (view.valid_rows, view.error_total, view.importable) == (3, 3, False)
    assert view.errors[0] == (2, "data", "The value is missing.")
    located = to_view(report, 10, "en", located=True)
    assert located.errors[0][2] == "Row 2, column “data”: The value is missing."
    report.errors.append(RowError(None, None, "kind_unknown"))
    assert to_view(report, 10, "en").valid_rows is None


def test_history_times_are_utc_on_both_engines() -> None:
    frame = pd.DataFrame(
        {
            "id": [2, 1],
            "created_at": [
                dt.datetime(2026, 11, 25, 12, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))),
                dt.datetime(2026, 11, 24, 9, 0),  # SQLite: naive, stored as UTC
            ],
            "status": ["failed", "failed"],
            "message": ["in progress", "failure=busy"],
            "sha256": ["a" * 64, "b" * 64],
        }
    )
    out = history_frame(frame)
    assert list(out["when"]) == ["2026-11-25 10:05", "2026-11-24 09:00"]
    assert list(out["status"]) == ["interrupted", "failed"]
    assert list(out["sha"]) == ["a" * 12, "b" * 12]

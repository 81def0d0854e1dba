"""The Data page over HTTP (Flask test client): check, import, history, templates. Its limits,
layout and pure views are in tests/test_data_page_limits.py."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from flask.testing import FlaskClient

from dashboard.app_factory import create_app
from layouts import ids
from tests.conftest import app_settings, served
from tests.dash_client import kpi_values, post_callback
from tests.data_page_client import (
    confirm,
    history_rows,
    inspect,
    people,
    sessions_csv,
    sql,
    stored,
    text_of,
    value,
)
from tests.test_import_fixtures import REQUEST_HEADER, SESSION_HEADER, csv_bytes


@pytest.fixture
def client(demo_copy: Path, tmp_path: Path) -> Iterator[FlaskClient]:
    settings = app_settings(f"sqlite:///{demo_copy}", tmp_path, cache_type="SimpleCache")
    with served(create_app(settings)) as client:
        yield client


def test_configure_sets_the_limit_and_documents_the_format(client: FlaskClient) -> None:
    outputs = [(ids.DATA_UPLOAD, "max_size"), (ids.DATA_UPLOAD_HINT, "children"),
               (ids.DATA_UPLOAD_LIMIT, "data"), (ids.DATA_FORMAT, "children")]  # fmt: skip
    response = post_callback(client, outputs, [(ids.URL, "search", "?limba=en")])
    assert value(response, ids.DATA_UPLOAD, "max_size") == 10 * 1024 * 1024
    assert value(response, ids.DATA_UPLOAD_HINT, "children") == (
        "CSV or XLSX, one file, at most 10.0 MB."
    )
    doc = text_of(response, ids.DATA_FORMAT)
    for header in ("cod_raport", "participanti", "in_numele"):
        assert header in doc
    assert "Information sessions" in doc


def test_a_valid_file_is_checked_without_writing(client: FlaskClient, demo_copy: Path) -> None:
    content = sessions_csv(demo_copy, "T-VALID")
    before = (sql(demo_copy, "SELECT count(*) FROM info_session"),
              sql(demo_copy, "SELECT count(*) FROM import_batch"))  # fmt: skip
    response = inspect(client, stored(content), "?limba=en")
    assert value(response, ids.DATA_CONFIRM, "disabled") is False
    sha = hashlib.sha256(content).hexdigest()
    assert value(response, ids.DATA_INSPECTED, "data") == {"sha256": sha}
    assert sha in value(response, ids.DATA_CONFIRM_NOTE, "children")
    report = text_of(response, ids.DATA_REPORT)
    assert "data-banner-valid" in report
    assert "The file can be imported" in report
    assert "The check wrote nothing to the database." in report
    assert value(response, ids.DATA_FILE_INFO, "children").startswith("File: sesiuni.csv (")
    after = (sql(demo_copy, "SELECT count(*) FROM info_session"),
             sql(demo_copy, "SELECT count(*) FROM import_batch"))  # fmt: skip
    assert after == before


def test_errors_are_listed_row_by_row(client: FlaskClient, demo_copy: Path) -> None:
    library, raion, ambassador = people(demo_copy)
    rows = [
        ["2026-11-10", raion, library, ambassador, "online", "cetățeni", "5", "cazier", "E-1"],
        ["31.02.2026", raion, library, ambassador, "online", "cetățeni", "5", "cazier", "E-2"],
        ["2026-11-12", raion, "BP-XX-9999", ambassador, "online", "cetățeni", "-3", "", "E-3"],
    ]
    content = csv_bytes(SESSION_HEADER, rows)
    response = inspect(client, stored(content))
    assert value(response, ids.DATA_CONFIRM, "disabled") is True
    assert value(response, ids.DATA_INSPECTED, "data") is None
    report = value(response, ids.DATA_REPORT, "children")
    grid = next(c for c in report if c.get("props", {}).get("id") == ids.DATA_ERRORS_GRID)
    errors = grid["props"]["rowData"]
    assert {e["row"] for e in errors} == {3, 4}  # header = row 1
    by_column = {(e["row"], e["column"]): e["message"] for e in errors}
    assert "nu este o dată validă" in by_column[(3, "data")]
    assert "BP-XX-9999" in by_column[(4, "biblioteca")]
    assert "data-banner-rejected" in json.dumps(report, ensure_ascii=False)
    assert "Rânduri valide" in json.dumps(report, ensure_ascii=False)


def test_personal_data_is_refused_with_the_reason(client: FlaskClient, demo_copy: Path) -> None:
    library, raion, _ = people(demo_copy)
    header = [*REQUEST_HEADER, "IDNP"]
    rows = [["2026-11-10", raion, library, "", "cazier", "sine", "depus", "P-1", "2001234567890"]]
    response = inspect(client, stored(csv_bytes(header, rows), "cereri.csv"), "?limba=ru")
    report = text_of(response, ids.DATA_REPORT)
    assert "data-banner-privacy" in report
    assert "Файл отклонён: он содержит персональные данные" in report
    assert "нельзя хранить имена, IDNP" in report
    assert "2001234567890" not in report  # the value itself is never echoed
    assert value(response, ids.DATA_CONFIRM, "disabled") is True


def test_confirm_imports_updates_rollups_and_clears_the_cache(
    client: FlaskClient, demo_copy: Path
) -> None:
    app_ctx = client.application.extensions["eambasadori"]
    app_ctx.cache.get_or_compute("probe", (1,), lambda: "cached")
    sessions = sql(demo_copy, "SELECT count(*) FROM info_session")
    version = sql(demo_copy, "SELECT version FROM data_state")
    content = sessions_csv(demo_copy, "T-IMPORT", 4)
    checked = inspect(client, stored(content))
    response = confirm(client, stored(content), value(checked, ids.DATA_INSPECTED, "data"))

    result = text_of(response, ids.DATA_RESULT)
    assert "data-result-imported" in result
    assert '"href": "/"' in result  # where the new numbers are
    assert value(response, ids.DATA_CONFIRM, "disabled") is True
    assert value(response, ids.DATA_IMPORTED, "data") == 1
    assert sql(demo_copy, "SELECT count(*) FROM info_session") == sessions + 4
    assert sql(demo_copy, "SELECT version FROM data_state") > version
    assert sql(demo_copy, "SELECT created_by FROM import_batch ORDER BY id DESC LIMIT 1") == (
        "dashboard 127.0.0.1"
    )
    assert app_ctx.cache.get_or_compute("probe", (1,), lambda: "fresh") == "fresh"
    # The overview reads the rollups: they include the new rows.
    search = "?de=2026-11-01&pana=2026-11-25"
    expected = sql(demo_copy, "SELECT count(*) FROM info_session WHERE held_on >= '2026-11-01'")
    assert kpi_values(client, search, version=99)["sessions"] == expected


def test_a_second_import_adds_nothing_and_history_says_so(
    client: FlaskClient, demo_copy: Path
) -> None:
    content = sessions_csv(demo_copy, "T-TWICE", 2)
    inspected = value(inspect(client, stored(content)), ids.DATA_INSPECTED, "data")
    confirm(client, stored(content), inspected)
    again = inspect(client, stored(content), "?limba=en")
    assert "data-banner-duplicate" in text_of(again, ids.DATA_REPORT)
    assert value(again, ids.DATA_CONFIRM, "disabled") is True
    sessions = sql(demo_copy, "SELECT count(*) FROM info_session")
    second = confirm(client, stored(content), inspected, "?limba=en")  # e.g. a double click
    assert "data-result-duplicate" in text_of(second, ids.DATA_RESULT)
    assert sql(demo_copy, "SELECT count(*) FROM info_session") == sessions

    rows = history_rows(client, "?limba=en")
    assert [(r["status"], r["inserted"], r["file_name"]) for r in rows[:2]] == [
        ("Nothing new", 0, "sesiuni.csv"),
        ("Imported", 2, "sesiuni.csv"),
    ]
    assert rows[0]["kind"] == "Information sessions"
    assert rows[-1]["kind"] == "Demo data"
    assert rows[0]["sha"] == hashlib.sha256(content).hexdigest()[:12]


def test_history_shows_an_unfinished_import_as_interrupted(
    client: FlaskClient, demo_copy: Path
) -> None:
    with sqlite3.connect(demo_copy) as conn:
        conn.execute(
            "INSERT INTO import_batch (file_name, sha256, kind, rows, inserted, status, message,"
            " created_at, created_by) VALUES ('x.csv', 'ab', 'requests', 3, 0, 'failed',"
            " 'in progress', '2026-11-25 10:00:00', 'cli')"
        )
    rows = history_rows(client)
    assert (rows[0]["status"], rows[0]["when"]) == ("Întrerupt sau în curs", "2026-11-25 10:00")


def test_confirm_refuses_bytes_other_than_those_checked(
    client: FlaskClient, demo_copy: Path
) -> None:
    checked = sessions_csv(demo_copy, "T-A")
    other = sessions_csv(demo_copy, "T-B")
    inspected = value(inspect(client, stored(checked)), ids.DATA_INSPECTED, "data")
    batches = sql(demo_copy, "SELECT count(*) FROM import_batch")
    response = confirm(client, stored(other), inspected, "?limba=en")
    assert "The file changed after it was checked" in text_of(response, ids.DATA_RESULT)
    assert sql(demo_copy, "SELECT count(*) FROM import_batch") == batches


@pytest.mark.parametrize(
    ("problem", "expected"),
    [("wrong_type", "„raport.pdf” nu este un fișier CSV sau XLSX"),
     ("several", "Încărcați un singur fișier odată.")],
)  # fmt: skip
def test_files_refused_in_the_browser_are_explained(
    client: FlaskClient, problem: str, expected: str
) -> None:
    response = inspect(client, {"name": "raport.pdf", "size": 10, "problem": problem})
    assert expected in text_of(response, ids.DATA_REPORT)


def _download(client: FlaskClient, kind: str, fmt: str, search: str) -> dict[str, Any]:
    buttons = [
        {"id": ids.data_template(k, f), "property": "n_clicks", "value": int((k, f) == (kind, fmt))}
        for k in ("sessions", "requests")
        for f in ("xlsx", "csv")
    ]
    trigger = json.dumps(ids.data_template(kind, fmt), separators=(",", ":"), sort_keys=True)
    body = {
        "output": f"{ids.DATA_DOWNLOAD}.data",
        "outputs": {"id": ids.DATA_DOWNLOAD, "property": "data"},
        "inputs": [buttons],
        "state": [{"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [f"{trigger}.n_clicks"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return value(response, ids.DATA_DOWNLOAD, "data")


def test_templates_download_in_the_current_language(client: FlaskClient) -> None:
    csv = _download(client, "requests", "csv", "")
    assert csv["filename"] == "eambasadori_cereri.csv"
    assert base64.b64decode(csv["content"]).startswith("\ufeffdata;raion;".encode())
    xlsx = _download(client, "sessions", "xlsx", "?limba=en")
    assert xlsx["filename"] == "eambasadori_sesiuni.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(xlsx["content"])))
    assert book.sheetnames == ["report", "instructions", "services"]
    assert [c.value for c in book["report"][1]][-1] == "cod_raport"

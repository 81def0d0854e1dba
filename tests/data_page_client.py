"""Drive the Data page over HTTP (Flask test client), for tests/test_data_page*.py: files made
from the demo data's real people, the check and confirm callbacks as the browser sends them, and
the texts of their answers."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from dashboard.app_factory import create_app
from layouts import ids
from tests.conftest import app_settings
from tests.dash_client import post_callback, response_value
from tests.test_import_fixtures import SESSION_HEADER, csv_bytes

SMALL_LIMIT = 1024 * 1024
INSPECT_OUTPUTS = [
    (ids.DATA_REPORT, "children"),
    (ids.DATA_FILE_INFO, "children"),
    (ids.DATA_CONFIRM, "disabled"),
    (ids.DATA_CONFIRM_NOTE, "children"),
    (ids.DATA_INSPECTED, "data"),
    (ids.DATA_RESULT, "children"),
]
CONFIRM_OUTPUTS = [
    (ids.DATA_RESULT, "children"),
    (ids.DATA_CONFIRM, "disabled"),
    (ids.DATA_CONFIRM_NOTE, "children"),
    (ids.DATA_IMPORTED, "data"),
]


def people(db_path: Path) -> tuple[str, str, str]:
    """(library code, raion code, ambassador code) of a real ambassador of the demo data."""
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT l.code, l.raion_code, a.code FROM ambassador a"
            " JOIN library l ON l.id = a.library_id ORDER BY a.id LIMIT 1"
        ).fetchone()
    return row[0], row[1], row[2]


def sessions_csv(db_path: Path, prefix: str, n: int = 3) -> bytes:
    library, raion, ambassador = people(db_path)
    rows = [
        [f"2026-11-{10 + i}", raion, library, ambassador, "online", "cetățeni", str(5 + i),
         "cazier", f"{prefix}-{i + 1}"]
        for i in range(n)
    ]  # fmt: skip
    return csv_bytes(SESSION_HEADER, rows, delimiter=";")


def stored(content: bytes, name: str = "sesiuni.csv") -> dict[str, Any]:
    encoded = base64.b64encode(content).decode()
    return {"name": name, "size": len(content), "content": f"data:text/csv;base64,{encoded}"}


def sql(db_path: Path, query: str) -> Any:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(query).fetchone()[0]


def make_client(db_path: Path, tmp_path: Path, **settings: object) -> FlaskClient:
    app = create_app(app_settings(f"sqlite:///{db_path}", tmp_path, **settings))
    return app.server.test_client()


def inspect(client: FlaskClient, store: Any, search: str = "", kind: str = "auto") -> Any:
    response = post_callback(
        client,
        INSPECT_OUTPUTS,
        [(ids.DATA_FILE, "data", store), (ids.DATA_KIND, "value", kind)],
        state=[(ids.URL, "search", search)],
        changed=[(ids.DATA_FILE, "data")],
    )
    assert response.status_code == 200, response.data[:500]
    return response


def confirm(client: FlaskClient, store: Any, inspected: Any, search: str = "") -> Any:
    response = post_callback(
        client,
        CONFIRM_OUTPUTS,
        [(ids.DATA_CONFIRM, "n_clicks", 1)],
        state=[
            (ids.URL, "search", search),
            (ids.DATA_FILE, "data", store),
            (ids.DATA_KIND, "value", "auto"),
            (ids.DATA_INSPECTED, "data", inspected),
            (ids.DATA_IMPORTED, "data", 0),
        ],
        changed=[(ids.DATA_CONFIRM, "n_clicks")],
    )
    assert response.status_code == 200, response.data[:500]
    return response


def value(response: Any, cid: str, prop: str) -> Any:
    return response_value(response, cid, prop)


def text_of(response: Any, cid: str, prop: str = "children") -> str:
    return json.dumps(value(response, cid, prop), ensure_ascii=False)


def history_rows(client: FlaskClient, search: str = "") -> list[dict[str, Any]]:
    response = post_callback(
        client,
        [(ids.DATA_HISTORY_GRID, "rowData")],
        [
            (ids.URL, "search", search),
            (ids.DATA_VERSION, "data", 1),
            (ids.DATA_IMPORTED, "data", 1),
        ],
    )
    return value(response, ids.DATA_HISTORY_GRID, "rowData")

"""Whole callback outputs served from the result cache: the same inputs run no SQL again; a
new data version or another viewer scope computes afresh."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from dashboard.app_factory import create_app
from layouts import ids
from tests.conftest import app_settings
from tests.dash_client import post_callback, response_value

SEARCH = "?raion=MD-UN&de=2024-01-01&pana=2024-12-31"


@pytest.fixture
def app(demo_sqlite: Path, tmp_path: Path) -> Any:
    settings = app_settings(f"sqlite:///{demo_sqlite}", tmp_path, cache_type="FileSystemCache")
    return create_app(settings)


def _statements(app: Any) -> list[str]:
    """The SQL that requests run (the test client answers in this thread); the store warmer's
    background thread, which a request may start, reads on its own schedule and is not counted."""
    seen: list[str] = []
    engine = app.server.extensions["eambasadori"].db.engine
    requests_thread = threading.get_ident()

    def record(*args: Any) -> None:
        if threading.get_ident() == requests_thread:
            seen.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    return seen


def _trend(client: Any, version: int) -> Any:
    response = post_callback(
        client,
        [(ids.TREND, "figure")],
        [(ids.URL, "search", SEARCH), (ids.DATA_VERSION, "data", version),
         (ids.TREND_METRIC, "value", "requests")],
    )  # fmt: skip
    assert response.status_code == 200
    return response_value(response, ids.TREND, "figure")


def test_the_same_inputs_are_answered_without_sql(app: Any) -> None:
    client, statements = app.server.test_client(), _statements(app)
    first = _trend(client, 1)
    assert statements, "the first request reads the database"
    statements.clear()
    assert _trend(client, 1) == first
    assert statements == []
    _trend(client, 2)  # new data: computed again
    assert statements


def test_another_scope_never_gets_a_cached_output(app: Any) -> None:
    client = app.server.test_client()
    everyone = _trend(client, 1)
    assert any(sum(trace.get("y") or []) for trace in everyone["data"])
    app_ctx = app.server.extensions["eambasadori"]
    app_ctx.scope = lambda: frozenset({"MD-CU"})  # a coordinator of Chișinău only
    scoped = _trend(client, 1)
    # Ungheni is outside this viewer's scope: nothing to show, not the cached chart
    assert not any(sum(trace.get("y") or []) for trace in scoped["data"])

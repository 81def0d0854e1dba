"""An unreachable database shows a banner (never a traceback) and the page recovers by itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from callbacks.shell import VERSION_UNKNOWN
from dashboard.app_factory import create_app
from data_access.database import Database
from data_access.pg_cluster import PgCluster
from layouts import ids
from tests.conftest import app_settings, new_pg_db, served
from tests.dash_client import post_callback, response_value
from tests.handmade import seed_handmade

LIVE_OUTPUTS = [
    (ids.DATA_VERSION, "data"),
    (ids.UPDATED_AT, "children"),
    (ids.DB_BANNER, "is_open"),
    (ids.DB_BANNER, "children"),
]


def _tick(client, version: int = 0):  # type: ignore[no-untyped-def]
    """One live-refresh tick, as the page's timer sends it."""
    return post_callback(
        client,
        LIVE_OUTPUTS,
        [(ids.REFRESH, "n_intervals", 1)],
        state=[(ids.DATA_VERSION, "data", version), (ids.URL, "search", "")],
    )


HANDMADE_MONTHS = "?de=2023-12-01&pana=2024-03-31"  # the handmade data's months


def _trend(client, version: int = 1, search: str = ""):  # type: ignore[no-untyped-def]
    return post_callback(
        client,
        [(ids.TREND, "figure")],
        [(ids.URL, "search", search), (ids.DATA_VERSION, "data", version),
         (ids.TREND_METRIC, "value", "sessions")],
    )  # fmt: skip


def _version_sent(response) -> object:  # type: ignore[no-untyped-def]
    """The data version a tick sends, or ``None`` when it leaves it out (no re-query)."""
    return response.get_json()["response"].get(ids.DATA_VERSION, {}).get("data")


def _recovered_chart_has_data(client, version: object) -> None:  # type: ignore[no-untyped-def]
    """The version the recovering tick sent re-runs a chart, and it draws bars again."""
    assert isinstance(version, int)
    assert version >= 0
    chart = _trend(client, version, HANDMADE_MONTHS)
    assert chart.status_code == 200
    figure = response_value(chart, ids.TREND, "figure")
    assert sum(figure["data"][0]["y"]) == 6  # S1..S6 of tests/handmade.py
    assert not figure["layout"].get("annotations")


@pytest.mark.postgres
def test_postgres_stopping_and_coming_back(
    pg_cluster: PgCluster, pg_template: str, tmp_path: Path
) -> None:
    db: Database = new_pg_db(pg_cluster, pg_template)
    seed_handmade(db)
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    app = create_app(app_settings(url, tmp_path))
    client = app.server.test_client()
    try:
        _down_and_back(client, pg_cluster)
    finally:
        app_ctx = app.server.extensions["eambasadori"]
        app_ctx.warmer.wait(timeout=60)  # its connection back in the pool before disposal
        app_ctx.db.dispose()


def _down_and_back(client, pg_cluster: PgCluster) -> None:  # type: ignore[no-untyped-def]
    up = _tick(client, VERSION_UNKNOWN)  # as a page opened while it was down: sent in full
    assert response_value(up, ids.DB_BANNER, "is_open") is False
    version = _version_sent(up)
    assert isinstance(version, int)
    assert version >= 0

    pg_cluster.stop()
    try:
        down = _tick(client, version)
        assert down.status_code == 200
        assert _version_sent(down) == VERSION_UNKNOWN  # the charts re-run and say it failed
        assert _version_sent(_tick(client, VERSION_UNKNOWN)) is None  # once, not every tick
        assert response_value(down, ids.DB_BANNER, "is_open") is True
        assert "Baza de date nu poate fi accesată" in response_value(
            down, ids.DB_BANNER, "children"
        )
        chart = _trend(client)
        assert chart.status_code == 200  # the chart says so in words, no 500, no traceback
        text = chart.data.decode()
        assert "Traceback" not in text
        assert "psycopg" not in text
        figure = response_value(chart, ids.TREND, "figure")
        assert "Nu am putut încărca" in figure["layout"]["annotations"][0]["text"]
    finally:
        pg_cluster.start()

    back = _tick(client, VERSION_UNKNOWN)  # the page holds what the down tick sent
    assert response_value(back, ids.DB_BANNER, "is_open") is False
    assert _version_sent(back) == version  # unchanged data, sent again: the charts redraw
    _recovered_chart_has_data(client, _version_sent(back))


def test_sqlite_file_that_cannot_be_opened(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    client = create_app(
        app_settings(f"sqlite:///{blocker}/db.sqlite3", tmp_path)
    ).server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json() == {"database": "unreachable"}
    down = _tick(client)
    assert down.status_code == 200
    assert response_value(down, ids.DB_BANNER, "is_open") is True
    assert _version_sent(down) == VERSION_UNKNOWN
    assert _trend(client).status_code == 200


def test_sqlite_file_that_appears_later_recovers_every_chart(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """Down (a file where the folder should be), then the database is put in place: the next
    tick sends the real version again and a chart that said "could not load" has data."""
    folder = tmp_path / "data"
    folder.write_text("a file where a folder should be")
    app = create_app(app_settings(f"sqlite:///{folder}/db.sqlite3", tmp_path))
    with served(app) as client:
        version_on_page = 3  # what the page held before the outage
        down = _tick(client, version_on_page)
        assert response_value(down, ids.DB_BANNER, "is_open") is True
        assert _version_sent(down) == VERSION_UNKNOWN
        failed = response_value(_trend(client, VERSION_UNKNOWN, HANDMADE_MONTHS), ids.TREND,
                                "figure")  # fmt: skip
        assert "Nu am putut încărca" in failed["layout"]["annotations"][0]["text"]

        folder.unlink()
        folder.mkdir()
        shutil.copy(sqlite_template, folder / "db.sqlite3")
        seeded = Database(f"sqlite:///{folder}/db.sqlite3")
        seed_handmade(seeded)
        seeded.dispose()

        back = _tick(client, VERSION_UNKNOWN)
        assert response_value(back, ids.DB_BANNER, "is_open") is False
        _recovered_chart_has_data(client, _version_sent(back))


@pytest.mark.parametrize("outputs", [[ids.BY_SERVICE], [ids.TOP_RAIONS, ids.BOTTOM_RAIONS]])
def test_each_breakdown_chart_says_the_data_is_unavailable(
    tmp_path: Path, outputs: list[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    client = create_app(
        app_settings(f"sqlite:///{blocker}/db.sqlite3", tmp_path)
    ).server.test_client()
    response = post_callback(
        client,
        [(o, "figure") for o in outputs],
        [(ids.URL, "search", ""), (ids.DATA_VERSION, "data", 0)],
    )
    assert response.status_code == 200
    for output in outputs:
        figure = response_value(response, output, "figure")
        assert figure["data"] == []
        assert figure["layout"]["annotations"][0]["text"]


def test_building_the_app_never_touches_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gunicorn --preload builds the app before forking: a connection opened then would be
    shared by every worker (one socket, several processes). Building it opens none."""
    opened: list[str] = []
    monkeypatch.setattr(Database, "session", lambda self: opened.append("session"))
    monkeypatch.setattr(Database, "write_session", lambda self: opened.append("write"))
    create_app(app_settings(f"sqlite:///{tmp_path}/db.sqlite3", tmp_path))
    assert opened == []

"""Shell callbacks over HTTP: the demo label, URL notices, reset, and live refresh."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from callbacks.shell import RENDER_OUTPUTS
from dashboard.app_factory import create_app
from dashboard.periods import DEFAULT_PERIOD
from dashboard.settings import Settings
from layouts import ids
from tests.conftest import DEMO_UNTIL, app_settings, new_sqlite_db, served
from tests.dash_client import post_callback, response_value
from tests.handmade import seed_handmade

ROUTE_OUTPUTS = [(o.component_id, o.component_property) for o in RENDER_OUTPUTS]
ROUTE_OUTPUTS += [(ids.RENDER_KEY, "data"), (ids.REFRESH, "disabled")]
LIVE_OUTPUTS = [(ids.DATA_VERSION, "data"), (ids.UPDATED_AT, "children"),
                (ids.DB_BANNER, "is_open"), (ids.DB_BANNER, "children")]  # fmt: skip
SYNC_CONTROLS = [
    (ids.F_RAION, "value"),
    (ids.F_SERVICE, "value"),
    (ids.F_PERIOD, "value"),
    (ids.F_DATES, "start_date"),
    (ids.F_DATES, "end_date"),
    (ids.F_KIND, "value"),
    (ids.F_TIER, "value"),
    (ids.F_FORMAT, "value"),
]
SYNC_OUTPUTS = [(ids.URL, "search"), *SYNC_CONTROLS, (ids.NOTICES, "children")]


@pytest.fixture
def demo(demo_client: FlaskClient) -> FlaskClient:
    """The session's read-only demo app (conftest)."""
    return demo_client


@pytest.fixture
def handmade(sqlite_template: Path, tmp_path: Path) -> Iterator[FlaskClient]:
    db = new_sqlite_db(sqlite_template, tmp_path)
    seed_handmade(db)
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    with served(create_app(app_settings(url, tmp_path))) as client:
        yield client


def route(client: FlaskClient, pathname: str, search: str) -> Any:
    response = post_callback(
        client,
        ROUTE_OUTPUTS,
        [(ids.URL, "pathname", pathname), (ids.URL, "search", search)],
        state=[(ids.RENDER_KEY, "data", None)],
    )
    assert response.status_code == 200, response.data[:300]
    return response


def sync(client: FlaskClient, search: str, trigger: tuple[str, str], values: list[Any]) -> Any:
    inputs = [(ids.URL, "search", search)]
    inputs += [(c, p, v) for (c, p), v in zip(SYNC_CONTROLS, values, strict=True)]
    inputs.append((ids.F_RESET, "n_clicks", 1 if trigger[0] == ids.F_RESET else None))
    response = post_callback(client, SYNC_OUTPUTS, inputs, changed=[trigger])
    assert response.status_code == 200, response.data[:300]
    return response


def tick(client: FlaskClient, version: int) -> Any:
    response = post_callback(
        client,
        LIVE_OUTPUTS,
        [(ids.REFRESH, "n_intervals", 3)],
        state=[(ids.DATA_VERSION, "data", version), (ids.URL, "search", "?limba=en")],
    )
    assert response.status_code == 200, response.data[:300]
    return response


def test_live_refresh_starts_once_the_first_page_is_drawn(demo: FlaskClient) -> None:
    """A tick writes to the navigation bar's "updated at": the timer is off in the skeleton
    (no bar yet) and the router turns it on with the page it draws."""
    assert _interval_props(demo.get("/_dash-layout").get_json())["disabled"] is True
    drawn = route(demo, "/harta", "")
    assert response_value(drawn, ids.REFRESH, "disabled") is False
    assert ids.UPDATED_AT in json.dumps(response_value(drawn, ids.NAVBAR, "children"))


def test_demo_data_is_labelled_on_the_demo_database(demo: FlaskClient) -> None:
    navbar = json.dumps(response_value(route(demo, "/", ""), ids.NAVBAR, "children"))
    assert "demo-badge" in navbar
    assert "Date demonstrative" in navbar


def test_handmade_data_carries_no_demo_label(handmade: FlaskClient) -> None:
    navbar = json.dumps(response_value(route(handmade, "/", ""), ids.NAVBAR, "children"))
    assert "navbar-status" in navbar  # the navbar is there, without the label
    assert "demo-badge" not in navbar
    assert "Date demonstrative" not in navbar


def test_an_unknown_raion_in_the_url_gives_a_visible_notice(demo: FlaskClient) -> None:
    on_open = route(demo, "/harta", "?raion=MD-XX,MD-UN")
    assert "MD-XX" in json.dumps(response_value(on_open, ids.NOTICES, "children"))
    # the same from the filter sync, when the URL changes on an open page (back, a shared link)
    on_change = sync(demo, "?raion=MD-XX", (ids.URL, "search"), [None] * len(SYNC_CONTROLS))
    notice = json.dumps(response_value(on_change, ids.NOTICES, "children"), ensure_ascii=False)
    assert "MD-XX" in notice
    assert "raion necunoscut" in notice
    assert response_value(on_change, ids.F_RAION, "value") == []  # and it is not applied


def test_a_clean_url_gives_no_notice(demo: FlaskClient) -> None:
    assert response_value(route(demo, "/", "?raion=MD-UN"), ids.NOTICES, "children") is None


def test_reset_clears_every_filter_and_keeps_the_language(demo: FlaskClient) -> None:
    search = ("?raion=MD-UN&serviciu=cazier&tip=village&nivel=national&format=online"
              "&de=2024-01-01&pana=2024-06-30&limba=ru")  # fmt: skip
    controls = [["MD-UN"], ["cazier"], "custom", "2024-01-01", "2024-06-30", ["village"],
                ["national"], ["online"]]  # fmt: skip
    response = sync(demo, search, (ids.F_RESET, "n_clicks"), controls)
    assert response_value(response, ids.URL, "search") == "?limba=ru"
    for cid in (ids.F_RAION, ids.F_SERVICE, ids.F_KIND, ids.F_TIER, ids.F_FORMAT):
        assert response_value(response, cid, "value") == [], cid
    assert response_value(response, ids.F_PERIOD, "value") == DEFAULT_PERIOD.value
    assert response_value(response, ids.F_DATES, "end_date") == DEMO_UNTIL.isoformat()


def test_live_refresh_requeries_only_when_the_data_changed(demo: FlaskClient) -> None:
    current = demo.get("/healthz").get_json()["version"]
    same = tick(demo, current)
    assert ids.DATA_VERSION not in same.get_json()["response"]  # charts are not re-run
    assert "Data updated" in response_value(
        same, ids.UPDATED_AT, "children"
    )  # the clock still moves
    older = tick(demo, current - 1)
    assert response_value(older, ids.DATA_VERSION, "data") == current


def _interval_props(layout: Any) -> Any:
    """The props of the refresh timer in the served layout (a JSON tree)."""
    if isinstance(layout, dict):
        props = layout.get("props", {})
        if props.get("id") == ids.REFRESH:
            return props
        layout = list(layout.values())
    if isinstance(layout, list):
        for item in layout:
            found = _interval_props(item)
            if found is not None:
                return found
    return None


def test_refresh_seconds_from_the_environment_sets_the_timer(
    demo_sqlite: Path, tmp_path: Path
) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{demo_sqlite}",
        "REFRESH_SECONDS": "7",
        "CACHE_TYPE": "NullCache",
        "CACHE_DIR": str(tmp_path / "cache"),
        "DEMO_DATA_ON_FIRST_START": "0",
        "EAMBASADORI_TODAY": DEMO_UNTIL.isoformat(),
    }
    settings = Settings.from_env(env)
    assert settings.refresh_seconds == 7
    with served(create_app(settings)) as client:
        assert _interval_props(client.get("/_dash-layout").get_json())["interval"] == 7000
    assert Settings.from_env({}).refresh_seconds == 30  # the default

"""Whole HTTP answers of the cached data callbacks sent again without Dash: the same bytes,
nothing recomputed; never a failure's fallback, another callback's answer or another scope's."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from dashboard.app_factory import create_app
from dashboard.response_cache import MAX_BODY_BYTES, NAME
from layouts import ids
from tests.conftest import app_settings
from tests.dash_client import post_callback

SEARCH = "?raion=MD-UN&de=2024-01-01&pana=2024-12-31"
GZIP = {"Accept-Encoding": "gzip"}


@pytest.fixture(scope="module")
def warm_app(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One app for the module (its first answers load the in-memory stores: seconds)."""
    folder = tmp_path_factory.mktemp("response-cache")
    settings = app_settings(f"sqlite:///{demo_sqlite}", folder, cache_type="FileSystemCache")
    return create_app(settings)


@pytest.fixture
def app(warm_app: Any) -> Any:
    warm_app.server.extensions["eambasadori"].cache.clear()  # each test starts cold
    return warm_app


@pytest.fixture
def computed(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names the app computes or reads through its result cache (empty: Dash never ran)."""
    app_ctx = app.server.extensions["eambasadori"]
    names: list[str] = []
    memo = app_ctx.memo

    def counting(name: str, parts: tuple[object, ...], compute: Any, **options: Any) -> Any:
        names.append(name)
        return memo(name, parts, compute, **options)

    monkeypatch.setattr(app_ctx, "memo", counting)
    return names


@pytest.fixture
def kept(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of what the app stores in its result cache."""
    cache = app.server.extensions["eambasadori"].cache
    names: list[str] = []
    store = cache.store

    def spying(name: str, parts: tuple[object, ...], value: object) -> None:
        names.append(name)
        store(name, parts, value)

    monkeypatch.setattr(cache, "store", spying)
    return names


def _trend(client: Any, headers: dict[str, str] | None = None) -> Any:
    return post_callback(
        client,
        [(ids.TREND, "figure")],
        [(ids.URL, "search", SEARCH), (ids.DATA_VERSION, "data", 1),
         (ids.TREND_METRIC, "value", "requests")],
        headers=headers,
    )  # fmt: skip


def _figure(response: Any) -> Any:
    data = response.data
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data)["response"][ids.TREND]["figure"]


def _requests_shown(figure: Any) -> int:
    return sum(sum(trace.get("y") or []) for trace in figure["data"])


def test_the_same_request_gets_the_same_bytes_without_running_dash(
    app: Any, computed: list[str]
) -> None:
    client = app.server.test_client()
    first = _trend(client, GZIP)
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == "gzip"
    assert "overview.trend" in computed
    computed.clear()
    again = _trend(client, GZIP)
    assert computed == []
    assert again.status_code == 200
    assert again.data == first.data
    assert again.headers["Content-Encoding"] == "gzip"
    assert again.mimetype == "application/json"
    assert _requests_shown(_figure(again)) > 0


def test_which_input_changed_does_not_matter(app: Any, computed: list[str]) -> None:
    """The renderer names the changed input (the URL after a click, none on a page load);
    these callbacks never look at it, so both requests share the kept answer."""
    client = app.server.test_client()
    loaded = _trend(client)
    computed.clear()
    clicked = post_callback(
        client,
        [(ids.TREND, "figure")],
        [(ids.URL, "search", SEARCH), (ids.DATA_VERSION, "data", 1),
         (ids.TREND_METRIC, "value", "requests")],
        changed=[(ids.URL, "search")],
    )  # fmt: skip
    assert computed == []
    assert clicked.data == loaded.data


def test_another_accept_encoding_is_answered_in_its_own_encoding(app: Any) -> None:
    client = app.server.test_client()
    zipped = _trend(client, GZIP)
    plain = _trend(client)
    assert "Content-Encoding" not in plain.headers
    assert _figure(plain) == _figure(zipped)


def test_another_scope_never_gets_a_kept_answer(
    app: Any, computed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = app.server.test_client()
    assert _requests_shown(_figure(_trend(client))) > 0
    app_ctx = app.server.extensions["eambasadori"]
    monkeypatch.setattr(app_ctx, "scope", lambda: frozenset({"MD-CU"}))  # Chișinău only
    computed.clear()
    scoped = _trend(client)
    assert "overview.trend" in computed
    assert _requests_shown(_figure(scoped)) == 0  # Ungheni is outside this viewer's scope


def test_a_failure_is_shown_but_never_kept(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    app_ctx = app.server.extensions["eambasadori"]
    client = app.server.test_client()

    def unreachable(*_args: Any) -> Any:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(app_ctx, "memo", unreachable)
    failed = _trend(client)
    assert failed.status_code == 200
    assert _requests_shown(_figure(failed)) == 0  # the message figure
    monkeypatch.undo()
    assert _requests_shown(_figure(_trend(client))) > 0


def test_only_cached_output_callbacks_are_kept(app: Any, kept: list[str]) -> None:
    client = app.server.test_client()
    click = {"points": [{"location": "MD-CU"}]}
    for _ in range(2):  # a map click answers with a new URL: not a cached-output callback
        response = post_callback(
            client,
            [(ids.URL, "search")],
            [(ids.MAP, "clickData", click), (ids.MAP_CLEAR, "n_clicks", None)],
            state=[(ids.URL, "search", SEARCH)],
            changed=[(ids.MAP, "clickData")],
        )
        assert response.status_code == 200
    assert NAME not in kept
    _trend(client)
    assert NAME in kept


def test_bodies_larger_than_a_callback_request_are_never_kept(app: Any, kept: list[str]) -> None:
    search = SEARCH + "&nota=" + "x" * MAX_BODY_BYTES  # an unknown parameter: ignored
    response = post_callback(
        app.server.test_client(),
        [(ids.TREND, "figure")],
        [(ids.URL, "search", search), (ids.DATA_VERSION, "data", 1),
         (ids.TREND_METRIC, "value", "requests")],
    )  # fmt: skip
    assert response.status_code == 200
    assert "overview.trend" in kept
    assert NAME not in kept

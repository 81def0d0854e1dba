"""Callbacks over HTTP (Flask test client): numbers against SQL, "no data" in words, the map's
geometry sent once, crafted payloads, health, compression. The URL state (filters and map clicks
write the URL) is in tests/test_url_state_http.py."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from callbacks.overview import BREAKDOWNS
from callbacks.overview_kpis import ACTIVITY
from dashboard import app_factory
from dashboard.app_factory import create_app
from layouts import ids
from tests.conftest import app_settings
from tests.dash_client import kpi_values, post_callback, response_value

DATA = [(ids.URL, "search"), (ids.DATA_VERSION, "data")]


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


def _data_inputs(search: str, version: int = 1) -> list[tuple[str, str, object]]:
    return [(ids.URL, "search", search), (ids.DATA_VERSION, "data", version)]


def _sql(path: Path, sql: str, **params: object) -> int:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        value = conn.execute(text(sql), params).scalar()
    engine.dispose()
    return int(value or 0)


def test_pages_and_layout_are_served(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/").status_code == 200
    assert client.get("/harta?raion=MD-UN").status_code == 200
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
    assert b"filter-raion" in layout.data
    css = client.get("/vendor/bootstrap.min.css")
    assert css.status_code == 200
    assert b"Bootstrap" in css.data[:200]
    geo = client.get("/assets/geo/raions.geojson").get_json()
    assert len(geo["features"]) == 37


def test_kpis_equal_direct_sql(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    search = "?raion=MD-UN,MD-CU&serviciu=cazier&de=2024-01-01&pana=2024-12-31"
    values = kpi_values(client, search)
    requests = _sql(
        demo_sqlite,
        "SELECT count(*) FROM service_request WHERE raion_code IN ('MD-UN','MD-CU')"
        " AND service_type_code = 'cazier' AND requested_on BETWEEN '2024-01-01' AND '2024-12-31'",
    )
    sessions = _sql(
        demo_sqlite,
        "SELECT count(*) FROM info_session s WHERE raion_code IN ('MD-UN','MD-CU')"
        " AND held_on BETWEEN '2024-01-01' AND '2024-12-31' AND EXISTS (SELECT 1 FROM"
        " info_session_service_type x WHERE x.session_id = s.id"
        " AND x.service_type_code = 'cazier')",
    )
    assert requests > 0
    assert sessions > 0
    assert values["requests"] == requests
    assert values["sessions"] == sessions


def test_trend_has_one_bar_per_month(client) -> None:  # type: ignore[no-untyped-def]
    response = post_callback(
        client,
        [(ids.TREND, "figure")],
        [*_data_inputs("?de=2024-01-01&pana=2024-12-31"), (ids.TREND_METRIC, "value", "requests")],
    )
    figure = response_value(response, ids.TREND, "figure")
    assert len(figure["data"][0]["x"]) == 12
    assert all(v > 0 for v in figure["data"][0]["y"])


NO_DATA = "?de=2016-01-01&pana=2016-01-31"  # before the first session (2016-03-25)
MAP_OUTPUTS = [(ids.MAP, "figure"), (ids.MAP_SELECTION, "children"), (ids.MAP_DRAWN, "data")]


def _says_no_data(figure: dict, words: str = "Nu există date") -> bool:  # type: ignore[type-arg]
    texts = [a.get("text", "") for a in figure["layout"].get("annotations", [])]
    return any(words in text for text in texts)


def test_no_data_says_so_in_words(client) -> None:  # type: ignore[no-untyped-def]
    response = post_callback(
        client,
        [(ids.TREND, "figure")],
        [*_data_inputs(NO_DATA), (ids.TREND_METRIC, "value", "sessions")],
    )
    figure = response_value(response, ids.TREND, "figure")
    assert figure["data"] == []
    assert _says_no_data(figure)


@pytest.mark.parametrize("name", sorted(BREAKDOWNS))
def test_every_overview_chart_says_no_data_in_words(client, name: str) -> None:  # type: ignore[no-untyped-def]
    outputs, _ = BREAKDOWNS[name]
    response = post_callback(client, [(o, "figure") for o in outputs], _data_inputs(NO_DATA))
    assert response.status_code == 200
    for output in outputs:
        figure = response_value(response, output, "figure")
        assert figure["data"] == [], output  # no bars of length zero, no empty donut
        assert _says_no_data(figure), output


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_the_map_says_no_data_in_words_first_draw_and_patch(client, lang: str) -> None:  # type: ignore[no-untyped-def]
    words = {"ro": "Nu există date", "en": "There is no data", "ru": "Нет данных"}[lang]
    suffix = "" if lang == "ro" else f"&limba={lang}"
    inputs = [*_data_inputs(NO_DATA + suffix), (ids.MAP_METRIC, "value", "citizens_served"),
              (ids.MAP_PER_CAPITA, "value", "per_10k")]  # fmt: skip
    first = post_callback(client, MAP_OUTPUTS, inputs, state=[(ids.MAP_DRAWN, "data", None)])
    assert _says_no_data(response_value(first, ids.MAP, "figure"), words)
    # drawn with data first, then a filter change to an empty period: the Patch says so
    inputs[0] = (ids.URL, "search", "?" + suffix.lstrip("&"))
    with_data = post_callback(client, MAP_OUTPUTS, inputs, state=[(ids.MAP_DRAWN, "data", None)])
    token = response_value(with_data, ids.MAP_DRAWN, "data")
    assert not _says_no_data(response_value(with_data, ids.MAP, "figure"), words)
    inputs[0] = (ids.URL, "search", NO_DATA + suffix)
    patched = post_callback(client, MAP_OUTPUTS, inputs, state=[(ids.MAP_DRAWN, "data", token)])
    patch = response_value(patched, ids.MAP, "figure")
    assert patch["__dash_patch_update"] == "__dash_patch_update"  # geometry not sent again
    assert "geojson" not in json.dumps(patch)
    annotations = [op for op in patch["operations"] if op["location"] == ["layout", "annotations"]]
    assert annotations, patch["operations"]
    assert words in json.dumps(annotations[-1]["params"], ensure_ascii=False)


def test_map_sends_geometry_once_then_patches(client) -> None:  # type: ignore[no-untyped-def]
    outputs = [(ids.MAP, "figure"), (ids.MAP_SELECTION, "children"), (ids.MAP_DRAWN, "data")]
    inputs = [*_data_inputs(""), (ids.MAP_METRIC, "value", "requests"),
              (ids.MAP_PER_CAPITA, "value", "per_10k")]  # fmt: skip
    first = post_callback(client, outputs, inputs, state=[(ids.MAP_DRAWN, "data", None)])
    figure = response_value(first, ids.MAP, "figure")
    assert figure["data"][0]["geojson"].endswith("/assets/geo/raions.geojson")  # a URL, not shapes
    assert len(figure["data"][0]["locations"]) == 35  # per capita: populated units only
    assert sorted(figure["data"][1]["locations"]) == ["MD-BD", "MD-SN"]  # shown as no data
    token = response_value(first, ids.MAP_DRAWN, "data")
    inputs[0] = (ids.URL, "search", "?raion=MD-UN")
    second = post_callback(client, outputs, inputs, state=[(ids.MAP_DRAWN, "data", token)])
    patch = response_value(second, ids.MAP, "figure")
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert len(second.data) < 60_000


CRAFTED = [
    "?raion=MD-UN'%3B%20DROP%20TABLE%20service_request%3B--",
    "?raion=" + ",".join(f"MD-{i:04d}" for i in range(5000)),
    "?de=2024-13-45&pana=yesterday&perioada=forever",
    "?serviciu=cazier%27%20OR%201%3D1&tip=<script>",
]


@pytest.mark.parametrize("search", CRAFTED)
def test_crafted_searches_are_handled(client, search: str) -> None:  # type: ignore[no-untyped-def]
    outputs = [(ids.kpi_part(m, p), "children") for m in ACTIVITY for p in ("value", "change")]
    response = post_callback(client, outputs, _data_inputs(search))
    assert response.status_code == 200
    body = response.data.decode()
    assert "Traceback" not in body
    assert "SELECT" not in body


@pytest.mark.parametrize(
    "payload",
    [
        {"output": "trend-graph.figure", "outputs": {"id": "trend-graph", "property": "figure"},
         "inputs": [{"id": "url", "property": "search", "value": {"$ne": 1}},
                    {"id": "data-version", "property": "data", "value": "x"}]},
        {"output": "trend-graph.figure", "inputs": "not a list"},
        {"output": "no-such.prop", "outputs": {"id": "no-such", "property": "prop"}, "inputs": []},
        {"output": "raion-map.figure", "outputs": {"id": "raion-map", "property": "figure"},
         "inputs": [{"id": "url", "property": "search", "value": ["MD-UN"] * 100000}]},
    ],
)  # fmt: skip
def test_malformed_callback_posts_never_500(client, payload: dict) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code < 500
    body = response.data.decode()
    assert "Traceback" not in body
    assert "sqlalchemy" not in body.lower()


def test_not_json_is_rejected_cleanly(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/_dash-update-component", data=b"\x00garbage", content_type="application/json"
    )
    assert response.status_code < 500


def test_health_reports_the_version_and_a_warm_store(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/healthz")
    assert first.status_code == 200
    version = first.get_json()["version"]
    assert version >= 1
    deadline = time.monotonic() + 60
    while not client.get("/healthz").get_json()["ready"]:  # the warmer runs in the background
        assert time.monotonic() < deadline, "the store was never warmed"
        time.sleep(0.05)
    assert client.get("/healthz").get_json()["version"] == version


def test_the_heap_is_trimmed_every_few_requests(
    demo_sqlite: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trims: list[int] = []
    monkeypatch.setattr(app_factory, "trim_heap", lambda: trims.append(1))
    client = create_app(app_settings(f"sqlite:///{demo_sqlite}", tmp_path)).server.test_client()
    for _ in range(app_factory.TRIM_EVERY_REQUESTS * 2 + 3):
        assert client.get("/_dash-layout").status_code == 200
    assert len(trims) == 2


def test_large_answers_travel_compressed(client) -> None:  # type: ignore[no-untyped-def]
    """At the configured gzip level, and the same JSON once unpacked."""
    import gzip

    outputs = [(ids.MAP, "figure"), (ids.MAP_SELECTION, "children"), (ids.MAP_DRAWN, "data")]
    inputs = [*_data_inputs(""), (ids.MAP_METRIC, "value", "requests"),
              (ids.MAP_PER_CAPITA, "value", "per_10k")]  # fmt: skip
    plain = post_callback(client, outputs, inputs, state=[(ids.MAP_DRAWN, "data", None)])
    packed = post_callback(client, outputs, inputs, state=[(ids.MAP_DRAWN, "data", None)],
                           headers={"Accept-Encoding": "gzip"})  # fmt: skip
    assert client.application.config["COMPRESS_LEVEL"] == 3
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(packed.data) < len(plain.data) / 2
    assert json.loads(gzip.decompress(packed.data)) == json.loads(plain.data)

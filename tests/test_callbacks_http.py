"""Callbacks over HTTP (Flask test client): numbers against SQL, URL state, crafted payloads."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from callbacks.overview import BREAKDOWNS
from callbacks.overview_kpis import ACTIVITY
from dashboard import app_factory
from dashboard.app_factory import create_app
from dashboard.periods import DEFAULT_PERIOD
from layouts import ids
from tests.conftest import app_settings, served
from tests.dash_client import kpi_values, post_callback, response_value

DATA = [(ids.URL, "search"), (ids.DATA_VERSION, "data")]


@pytest.fixture(scope="module")
def client(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """One app for the module's tests (they only read): its store is read once."""
    settings = app_settings(f"sqlite:///{demo_sqlite}", tmp_path_factory.mktemp("app"))
    with served(create_app(settings)) as client:
        yield client


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


def test_filter_controls_write_the_url(client) -> None:  # type: ignore[no-untyped-def]
    controls = [
        (ids.F_RAION, "value", ["MD-UN", "MD-XX"]),
        (ids.F_SERVICE, "value", ["cazier"]),
        (ids.F_PERIOD, "value", "an"),
        (ids.F_DATES, "start_date", "2026-01-01"),
        (ids.F_DATES, "end_date", "2026-11-25"),
        (ids.F_KIND, "value", []),
        (ids.F_TIER, "value", ["national"]),
        (ids.F_FORMAT, "value", []),
        (ids.F_RESET, "n_clicks", None),
    ]
    outputs = (
        [(ids.URL, "search")] + [(c, p) for c, p, _ in controls[:-1]] + [(ids.NOTICES, "children")]
    )
    response = post_callback(
        client, outputs, [(ids.URL, "search", ""), *controls], changed=[(ids.F_RAION, "value")]
    )
    assert response.status_code == 200
    search = response_value(response, ids.URL, "search")
    assert search == "?raion=MD-UN&serviciu=cazier&nivel=national&perioada=an"
    assert "MD-XX" in json.dumps(response_value(response, ids.NOTICES, "children"))


SYNC_CONTROLS: list[tuple[str, str, object]] = [
    (ids.F_RAION, "value", []),
    (ids.F_SERVICE, "value", []),
    (ids.F_PERIOD, "value", DEFAULT_PERIOD.value),
    (ids.F_DATES, "start_date", "2025-12-01"),
    (ids.F_DATES, "end_date", "2026-11-25"),
    (ids.F_KIND, "value", []),
    (ids.F_TIER, "value", []),
    (ids.F_FORMAT, "value", []),
    (ids.F_RESET, "n_clicks", None),
]


def _sync(client, search: str, changed: tuple[str, str], **values: object):  # type: ignore[no-untyped-def]
    """The filter-sync callback, as the browser sends it when ``changed`` changed; ``values``
    (by control id, dashes as underscores) override the default controls."""
    controls = [(c, p, values.get(c.replace("-", "_") + "_" + p, v)) for c, p, v in SYNC_CONTROLS]
    outputs = [(ids.URL, "search")] + [(c, p) for c, p, _ in controls[:-1]]
    outputs.append((ids.NOTICES, "children"))
    return post_callback(
        client, outputs, [(ids.URL, "search", search), *controls], changed=[changed]
    )


@pytest.mark.parametrize(
    "wrong",
    [
        {"filter_period_value": {"$ne": 1}},
        {"filter_period_value": ["an", "12luni"]},
        {"filter_period_value": 7},
        {"filter_raion_value": {"MD-UN": 1}, "filter_tier_value": "national'--"},
        {"filter_kind_value": [{"a": 1}, ["village"]], "filter_format_value": 3.5},
    ],
)
def test_filter_sync_rejects_wrong_types(client, wrong: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    changed = (ids.F_PERIOD, "value") if "filter_period_value" in wrong else (ids.F_RAION, "value")
    response = _sync(client, "", changed, **wrong)
    assert response.status_code == 200, response.data[:300]
    body = response.data.decode()
    assert "Traceback" not in body
    assert "TypeError" not in body
    search = response_value(response, ids.URL, "search")
    assert search == "", search  # nothing wrong kept: the default view (period left out)
    assert response_value(response, ids.F_PERIOD, "value") == DEFAULT_PERIOD.value
    assert response_value(response, ids.NOTICES, "children")  # said so, in a notice


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


def test_map_click_adds_the_raion_to_the_url(client) -> None:  # type: ignore[no-untyped-def]
    click = {"points": [{"curveNumber": 0, "location": "MD-CA"}]}
    response = post_callback(
        client,
        [(ids.URL, "search")],
        [(ids.MAP, "clickData", click), (ids.MAP_CLEAR, "n_clicks", None)],
        state=[(ids.URL, "search", "?raion=MD-UN")],
        changed=[(ids.MAP, "clickData")],
    )
    assert response_value(response, ids.URL, "search") == "?raion=MD-CA,MD-UN"


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

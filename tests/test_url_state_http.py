"""The URL state over HTTP (Flask test client): the filter controls and a click on the map write
the URL, and the filter sync rejects values of the wrong type with a notice."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from dashboard.periods import DEFAULT_PERIOD
from layouts import ids
from tests.dash_client import post_callback, response_value


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


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

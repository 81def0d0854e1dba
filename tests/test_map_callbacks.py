"""Map callbacks over HTTP: the visible "clear raions" control and hover text per language."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from dashboard.i18n import t
from layouts import ids
from tests.dash_client import post_callback, response_value

MAP_OUTPUTS = [(ids.MAP, "figure"), (ids.MAP_SELECTION, "children"), (ids.MAP_DRAWN, "data")]
METRICS = ("sessions", "participants", "requests")


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The session's read-only demo app (conftest)."""
    return demo_client


def _clear(client: FlaskClient, search: str) -> Any:
    return post_callback(
        client,
        [(ids.URL, "search")],
        [(ids.MAP, "clickData", None), (ids.MAP_CLEAR, "n_clicks", 1)],
        state=[(ids.URL, "search", search)],
        changed=[(ids.MAP_CLEAR, "n_clicks")],
    )


def test_the_clear_control_removes_the_raions_and_keeps_the_rest(client: FlaskClient) -> None:
    search = "?raion=MD-CU,MD-UN&serviciu=cazier&nivel=local&de=2024-01-01&pana=2024-06-30&limba=ru"
    response = _clear(client, search)
    assert response.status_code == 200
    assert response_value(response, ids.URL, "search") == (
        "?serviciu=cazier&nivel=local&de=2024-01-01&pana=2024-06-30&limba=ru"
    )


def test_the_clear_control_with_only_raions_gives_the_default_view(client: FlaskClient) -> None:
    assert response_value(_clear(client, "?raion=MD-UN"), ids.URL, "search") == ""


def _draw(client: FlaskClient, search: str, drawn: Any = None) -> Any:
    inputs = [(ids.URL, "search", search), (ids.DATA_VERSION, "data", 1),
              (ids.MAP_METRIC, "value", "requests"),
              (ids.MAP_PER_CAPITA, "value", "absolute")]  # fmt: skip
    response = post_callback(client, MAP_OUTPUTS, inputs, state=[(ids.MAP_DRAWN, "data", drawn)])
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_marker_hover_text_follows_the_language(client: FlaskClient, lang: str) -> None:
    figure = response_value(_draw(client, f"?limba={lang}"), ids.MAP, "figure")
    markers = figure["data"][2]
    assert markers["type"] == "scattergeo"
    for metric in METRICS:
        assert f"{t(f'metric.{metric}', lang)}: %{{customdata" in markers["hovertemplate"]
    assert t("map.days_since_activity", lang) in markers["hovertemplate"]
    raion_hover = figure["data"][0]["text"][0]
    assert t("metric.requests", lang) in raion_hover


def test_switching_language_redraws_the_hover_text_not_a_patch(client: FlaskClient) -> None:
    """The hover template is not part of the Patch: a language change must send the figure."""
    first = _draw(client, "?limba=ro")
    token = response_value(first, ids.MAP_DRAWN, "data")
    russian = response_value(_draw(client, "?limba=ru", token), ids.MAP, "figure")
    assert "__dash_patch_update" not in russian
    template = russian["data"][2]["hovertemplate"]
    assert t("metric.sessions", "ru") in template
    assert t("metric.sessions", "ro") not in template

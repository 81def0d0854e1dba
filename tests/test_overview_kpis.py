"""The KPI cards over HTTP: each definition in its tooltip, progress against the target."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from callbacks.shell import RENDER_OUTPUTS
from dashboard.i18n import all_messages, t
from data_access.queries.kpi_targets import current_targets
from layouts import ids
from layouts.pages.overview import KPI_METRICS
from tests.conftest import DEMO_UNTIL
from tests.dash_client import post_callback, response_value

ROUTE_OUTPUTS = [(o.component_id, o.component_property) for o in RENDER_OUTPUTS]
ROUTE_OUTPUTS += [(ids.RENDER_KEY, "data"), (ids.REFRESH, "disabled")]
TARGET_OUTPUTS = [(ids.kpi_part(m, "target"), "children") for m in KPI_METRICS]


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The session's read-only demo app (conftest)."""
    return demo_client


def _components(tree: Any, kind: str) -> Iterator[dict[str, Any]]:
    """Every component of type ``kind`` in a serialised layout."""
    if isinstance(tree, dict):
        if tree.get("type") == kind:
            yield tree
        for value in tree.values():
            yield from _components(value, kind)
    elif isinstance(tree, list):
        for item in tree:
            yield from _components(item, kind)


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_each_kpi_tooltip_is_the_catalog_definition(client: FlaskClient, lang: str) -> None:
    search = "" if lang == "ro" else f"?limba={lang}"
    response = post_callback(
        client,
        ROUTE_OUTPUTS,
        [(ids.URL, "pathname", "/"), (ids.URL, "search", search)],
        state=[(ids.RENDER_KEY, "data", None)],
    )
    assert response.status_code == 200
    page = response_value(response, ids.PAGE, "children")
    tooltips = {
        tip["props"]["target"]: tip["props"]["children"] for tip in _components(page, "Tooltip")
    }
    for metric in KPI_METRICS:
        key = f"metric.{metric}.def"
        assert key in all_messages()  # a real definition, not the key shown in its place
        assert tooltips[f"kpi-def-{metric}"] == t(key, lang), metric
    assert len({tooltips[f"kpi-def-{m}"] for m in KPI_METRICS}) == len(KPI_METRICS)


def _targets(client: FlaskClient, search: str) -> list[Any]:
    response = post_callback(
        client, TARGET_OUTPUTS, [(ids.URL, "search", search), (ids.DATA_VERSION, "data", 1)]
    )
    assert response.status_code == 200
    body = response.get_json()["response"]
    return [body[json.dumps(cid, separators=(",", ":"), sort_keys=True)][prop]
            for cid, prop in TARGET_OUTPUTS]  # fmt: skip


def _expected_targets(client: FlaskClient, search: str) -> dict[str, dict[str, Any]]:
    """The targets in force, read directly (not through the callback)."""
    app_ctx = client.application.extensions["eambasadori"]
    filters, _, _ = app_ctx.parse(search)
    with app_ctx.db.session() as s:
        return current_targets(s, filters, DEMO_UNTIL)


@pytest.mark.parametrize("search", ["", "?raion=MD-UN", "?perioada=an&limba=en"])
def test_a_card_with_a_target_shows_its_progress(client: FlaskClient, search: str) -> None:
    expected = _expected_targets(client, search)
    assert expected, "the demo data has targets for this view"
    lang = "en" if "limba=en" in search else "ro"
    for metric, line in zip(KPI_METRICS, _targets(client, search), strict=True):
        kinds = {c["type"] for c in _components(line, "Progress")}
        if metric in expected:
            assert line["props"]["className"] == "kpi-target", metric
            assert kinds == {"Progress"}, metric  # the progress bar
            label = expected[metric]["label"]
            assert label in json.dumps(line, ensure_ascii=False), metric
        else:
            assert kinds == set(), metric
            assert t("kpi.no_target", lang) in json.dumps(line, ensure_ascii=False), metric


def test_no_target_for_a_selection_of_several_raions(client: FlaskClient) -> None:
    search = "?raion=MD-UN,MD-CU"
    assert _expected_targets(client, search) == {}
    for line in _targets(client, search):
        assert line["props"]["className"] == "kpi-target muted"
        assert not list(_components(line, "Progress"))

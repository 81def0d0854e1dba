"""The presentation page over HTTP: its KPI tiles, map, trend and top ten against SQL written
here on the demo data; the slides advance, go back and wrap; auto-advance switches on and off."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from layouts import ids
from tests.program_pages import FROM, TO, YEAR
from tests.program_pages import call as _call
from tests.program_pages import citizens_served as _citizens_served
from tests.program_pages import data as _data


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


def test_presentation_figures_against_sql(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    search = YEAR + "&raion=MD-CA"
    out = _call(
        client, [(ids.PRES_KPIS, "children"), (ids.PRES_SUBTITLE, "children")], _data(search)
    )
    tiles = {t["props"]["data-metric"]: int(t["props"]["children"][0]["props"]["data-value"])
             for t in out[f"{ids.PRES_KPIS}.children"]}  # fmt: skip
    assert tiles["citizens_served"] == _citizens_served(demo_sqlite, FROM, TO, "MD-CA")
    assert "Cahul" in out[f"{ids.PRES_SUBTITLE}.children"]
    figure = _call(client, [(ids.PRES_MAP, "figure")], _data(search))[f"{ids.PRES_MAP}.figure"]
    assert {trace["type"] for trace in figure["data"]} == {"choropleth"}
    assert figure["data"][0]["geojson"].endswith("/assets/geo/raions.geojson")
    assert figure["layout"]["font"]["size"] >= 18
    assert "height" not in figure["layout"]
    trend = _call(client, [(ids.PRES_TREND, "figure")], _data(search))[f"{ids.PRES_TREND}.figure"]
    assert sum(trend["data"][0]["y"]) == tiles["citizens_served"]
    top = _call(client, [(ids.PRES_TOP, "figure")], _data())[f"{ids.PRES_TOP}.figure"]
    assert len(top["data"][0]["y"]) == 10


@pytest.mark.parametrize(
    ("trigger", "current", "expected"),
    [(ids.PRES_NEXT, "kpis", "map"), (ids.PRES_PREVIOUS, "kpis", "top"),
     (ids.PRES_INTERVAL, "top", "kpis"), (ids.PRES_NEXT, "bogus", "kpis")],
)  # fmt: skip
def test_slides_advance_and_wrap(client, trigger: str, current: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    prop = "n_intervals" if trigger == ids.PRES_INTERVAL else "n_clicks"
    inputs = [(ids.PRES_INTERVAL, "n_intervals", 0), (ids.PRES_PREVIOUS, "n_clicks", None),
              (ids.PRES_NEXT, "n_clicks", None)]  # fmt: skip
    inputs = [(c, p, 1) if c == trigger else (c, p, v) for c, p, v in inputs]
    out = _call(client, [(ids.PRES_SLIDE, "value")], inputs,
                state=[(ids.PRES_SLIDE, "value", current)], changed=[(trigger, prop)])  # fmt: skip
    assert out[f"{ids.PRES_SLIDE}.value"] == expected


def test_auto_advance_toggle(client) -> None:  # type: ignore[no-untyped-def]
    on = _call(client, [(ids.PRES_INTERVAL, "disabled")], [(ids.PRES_AUTO, "value", True)])
    off = _call(client, [(ids.PRES_INTERVAL, "disabled")], [(ids.PRES_AUTO, "value", False)])
    assert on[f"{ids.PRES_INTERVAL}.disabled"] is False
    assert off[f"{ids.PRES_INTERVAL}.disabled"] is True

"""The coverage page's map of far localities over HTTP: the dots, the counts and the title agree
with each other and with SQL; a filter change answers with a Patch (under 60 KB) that draws just
what a first draw would; the hover is translated and hidden dots carry nothing."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dashboard.i18n import t
from layouts import ids
from tests.dash_client import post_callback
from tests.program_pages import LIMIT, YEAR
from tests.program_pages import controls as _controls
from tests.program_pages import data as _data
from tests.program_pages import one as _one


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


FAR_OUTPUTS = [(ids.COVERAGE_FAR_TITLE, "children"), (ids.COVERAGE_FAR_MAP, "figure"),
               (ids.COVERAGE_FAR_COUNTS, "figure"), (ids.COVERAGE_FAR_DRAWN, "data")]  # fmt: skip


PROGRAM_LOCALITIES = ("SELECT count(*) FROM locality l JOIN raion r ON r.code = l.raion_code"
                      " WHERE r.population IS NOT NULL")  # fmt: skip
MOSTLY_FAR = "?de=2016-03-01&pana=2016-12-31"  # few access points active yet


def _far(client, search: str = YEAR, km: object = 10, drawn: object = None,  # type: ignore[no-untyped-def]
         days: object = 60) -> dict[str, Any]:  # fmt: skip
    response = post_callback(client, FAR_OUTPUTS, [*_data(search), *_controls(days, km)],
                             state=[(ids.COVERAGE_FAR_DRAWN, "data", drawn)])  # fmt: skip
    assert response.status_code == 200, response.data[:500]
    body = response.get_json()["response"]
    out = {f"{cid}.{prop}": body[cid][prop] for cid, prop in FAR_OUTPUTS}
    return {**out, "bytes": len(response.data)}


def _patched(figure: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``figure`` with a Dash Patch's assignments applied, as the browser applies them."""
    assert patch.get("__dash_patch_update") == "__dash_patch_update", "a Patch, not a figure"
    figure = copy.deepcopy(figure)
    for op in patch["operations"]:
        assert op["operation"] == "Assign", op
        *path, last = op["location"]
        functools.reduce(lambda node, key: node[key], path, figure)[last] = op["params"]["value"]
    return figure


def _visible(figure: dict[str, Any]) -> int:
    """Dots shown: a latitude (no latitude = no dot and no hover) and a size above 0."""
    dots = figure["data"][1]
    shown = [lat is not None and size > 0 for lat, size in zip(dots["lat"], dots["marker"]["size"],
                                                              strict=True)]  # fmt: skip
    assert sum(shown) == sum(lat is not None for lat in dots["lat"])
    return sum(shown)


def _title_count(title: str) -> int:
    return int(re.sub(r"\D", "", title.rsplit(":", 1)[1]))


def test_far_localities_map_and_counts(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    near, far = _far(client, km=3), _far(client, km=30)
    figure = near[f"{ids.COVERAGE_FAR_MAP}.figure"]
    shapes, dots = figure["data"]
    assert shapes["geojson"].endswith("/assets/geo/raions.geojson")  # a URL, never the shapes
    assert len(shapes["locations"]) == 37
    every = _one(demo_sqlite, PROGRAM_LOCALITIES)  # every program locality, drawn once
    assert len(dots["lon"]) == len(dots["lat"]) == len(dots["text"]) == every == 1533
    count = figure["layout"]["meta"]["far"]
    assert count == _visible(figure) > 0
    assert _title_count(near[f"{ids.COVERAGE_FAR_TITLE}.children"]) == count
    bars = near[f"{ids.COVERAGE_FAR_COUNTS}.figure"]["data"][0]["x"]
    assert sum(bars) == count
    assert near[f"{ids.COVERAGE_FAR_DRAWN}.data"] == [1, every]
    assert near["bytes"] < 150 * 1024
    assert far[f"{ids.COVERAGE_FAR_MAP}.figure"]["layout"]["meta"]["far"] < count
    if far[f"{ids.COVERAGE_FAR_MAP}.figure"]["layout"]["meta"]["far"] == 0:
        assert "Nicio localitate" in str(far[f"{ids.COVERAGE_FAR_COUNTS}.figure"])


CHANGES = [(MOSTLY_FAR, 1), (MOSTLY_FAR + "&limba=en", 3), (YEAR + "&raion=MD-CA,MD-UN", 3),
           (YEAR, 30)]  # fmt: skip


@pytest.mark.parametrize(("search", "km"), CHANGES)
def test_far_map_patches_what_a_filter_changes(client, search: str, km: int) -> None:  # type: ignore[no-untyped-def]
    first = _far(client, km=10)
    token = first[f"{ids.COVERAGE_FAR_DRAWN}.data"]
    patch = _far(client, search, km, drawn=token)
    assert patch["bytes"] < LIMIT  # issue 6, even when most localities are far
    assert patch[f"{ids.COVERAGE_FAR_DRAWN}.data"] == token
    map_id = f"{ids.COVERAGE_FAR_MAP}.figure"
    drawn = _patched(first[map_id], patch[map_id])
    assert drawn == _far(client, search, km)[map_id]  # just what a first draw would show
    count = _title_count(patch[f"{ids.COVERAGE_FAR_TITLE}.children"])
    assert count == _visible(drawn) == drawn["layout"]["meta"]["far"]
    bars = patch[f"{ids.COVERAGE_FAR_COUNTS}.figure"]["data"]  # none: "no locality is far"
    assert count == (sum(bars[0]["x"]) if bars else 0)
    if search.startswith(MOSTLY_FAR):
        assert count > len(drawn["data"][1]["lon"]) / 2  # most localities are far


def test_far_map_hover_is_translated_and_hidden_dots_say_nothing(client) -> None:  # type: ignore[no-untyped-def]
    figure = _far(client, YEAR + "&limba=en", km=3)[f"{ids.COVERAGE_FAR_MAP}.figure"]
    dots = figure["data"][1]
    assert "Nearest active access point" in dots["hovertemplate"]
    assert "%{hovertext}" in dots["hovertemplate"]  # the raion, sent once with the names
    assert figure["layout"]["separators"] == ".,"
    for lat, data, size in zip(dots["lat"], dots["customdata"], dots["marker"]["size"],
                               strict=True):  # fmt: skip
        assert (lat is None) == (size == 0) == (data == 0)  # hidden: no position, no data
        if data:
            assert data[0] >= 3  # km, rounded to 0.1
            assert isinstance(data[1], str)
            assert data[1]  # where the nearest active access point is
    before_any = _far(client, "?de=2016-01-01&pana=2016-01-31", days=1)  # nothing active yet
    figure = before_any[f"{ids.COVERAGE_FAR_MAP}.figure"]
    assert t("coverage.no_active_point_anywhere", "ro") in figure["data"][1]["hovertemplate"]
    assert _visible(figure) == len(figure["data"][1]["lat"]) == 1533  # every locality is far

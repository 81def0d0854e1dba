"""The program pages (targets, coverage, directory, presentation) over HTTP, all together: every
layout builds, every page is served, crafted searches and grid requests are ignored, and every
response of these pages stays under 60 KB (issue 6).

Each page's own callbacks are checked in tests/test_pages_targets.py, test_pages_coverage.py,
test_pages_far_map.py, test_pages_directory.py and test_pages_presentation.py: numbers against
SQL written there, exports decoded and checked. The big tables are server grids: a test asks for
blocks of rows as the grid would (``getRowsRequest``, tests/program_pages.py)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from layouts import ids
from layouts.pages import coverage, directory, presentation, targets
from tests.dash_client import post_callback
from tests.program_pages import AMB, LIB, LIMIT, YEAR
from tests.program_pages import block as _block
from tests.program_pages import data as _data
from tests.program_pages import view_state as _view_state


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
@pytest.mark.parametrize("module", [targets, coverage, directory, presentation])
def test_layouts_build_in_every_language(module: Any, lang: str) -> None:
    text = str(module.layout(lang).to_plotly_json())
    assert "Traceback" not in text


def test_pages_are_served(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/tinte", "/acoperire", "/director", "/prezentare"):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("search", ["?raion=MD-XX'--", "?de=2099-01-01", {"$ne": 1}])
def test_crafted_searches_never_break_a_page(client, search: object) -> None:  # type: ignore[no-untyped-def]
    for output in [(ids.COVERAGE_RANKING, "figure"), (ids.PRES_TREND, "figure")]:
        response = post_callback(client, [output], _data(search))  # type: ignore[arg-type]
        assert response.status_code == 200
        assert "Traceback" not in response.data.decode()
    for grid in (ids.TARGETS_RAION_GRID, AMB):
        response = post_callback(client, [(grid, "getRowsResponse")],
                                 [(grid, "getRowsRequest", CRAFTED_REQUEST)],
                                 state=_view_state(grid, search, "'; DROP TABLE x; --", {}))  # type: ignore[arg-type]  # fmt: skip
        assert response.status_code == 200
        assert "Traceback" not in response.data.decode()


CRAFTED_REQUEST = {
    "startRow": "0; DROP", "endRow": -5,
    "sortModel": [{"colId": "__search", "sort": "asc"}, {"colId": "name", "sort": "sideways"},
                  "junk", {"colId": ["name"], "sort": "asc"}],
    "filterModel": {"name": {"type": "contains", "filter": ["x"]}, "nope": {"type": "blank"},
                    "sessions": {"filterType": "number", "type": "inRange", "filter": 1},
                    "raion_name": {"operator": "XOR", "conditions": "junk"}, "tier": "junk"},
}  # fmt: skip


def test_crafted_grid_requests_are_ignored_not_obeyed(client) -> None:  # type: ignore[no-untyped-def]
    plain = _block(client, AMB)
    assert _block(client, AMB, request=CRAFTED_REQUEST) == plain  # nothing valid: the first block
    huge = {"startRow": 1e300, "endRow": float("inf")}
    assert _block(client, AMB, request=huge)["rowData"] == []  # json: the grid's numbers


WIDEST = "?de=2016-01-01&pana=2026-11-25"  # every year of the demo: the biggest tables
SIZE_SEARCHES = ["", YEAR, WIDEST, WIDEST + "&raion=MD-CA,MD-UN,MD-BA&limba=ru"]


def test_every_callback_of_the_program_pages_stays_small(client) -> None:  # type: ignore[no-untyped-def]
    from dash import html

    from callbacks.shell import PAGE_LAYOUTS
    from dashboard.bench.catalog import catalog, dumps, fed_back_values, page_path

    app = client.application.extensions["dash_app"]
    pages = ("targets", "coverage", "directory", "presentation", "data")
    cases = [c for c in catalog(app, PAGE_LAYOUTS, html.Div()) if c.page in pages]
    assert {c.page for c in cases} == set(pages)
    sizes = {}
    for case in cases:  # each called as the benchmark calls it: a first draw (its answers fed
        # back, e.g. the far map's "drawn" token), then the URL varied with layout defaults
        path = page_path(case.page)
        first = client.post("/_dash-update-component",  # a filter change: no export clicked
                            data=dumps(case.body("", 1, path, {}, click=False)),
                            content_type="application/json")  # fmt: skip
        fed = fed_back_values(case, first.get_json(silent=True) or {})
        for search in SIZE_SEARCHES:
            response = client.post("/_dash-update-component", data=dumps(case.body(
                search, 1, path, fed, click=False)), content_type="application/json")  # fmt: skip
            assert response.status_code in (200, 204), case.name
            sizes[case.name, search] = len(response.data)
    assert max(sizes.values()) <= LIMIT, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


SERVER_GRIDS = [AMB, LIB, ids.TARGETS_GRID, ids.TARGETS_RAION_GRID, ids.TARGETS_AMBASSADOR_GRID,
                ids.COVERAGE_DORMANT_GRID]  # fmt: skip


@pytest.mark.parametrize("grid", SERVER_GRIDS)
def test_the_biggest_block_a_grid_may_ask_for_stays_small(client, grid: str) -> None:  # type: ignore[no-untyped-def]
    request = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}
    for search in (WIDEST, WIDEST + "&limba=ru"):
        response = post_callback(client, [(grid, "getRowsResponse")],
                                 [(grid, "getRowsRequest", request)],
                                 state=_view_state(grid, search, None, {}))  # fmt: skip
        block = response.get_json()["response"][grid]["getRowsResponse"]
        assert len(block["rowData"]) == min(100, block["rowCount"]) > 0
        assert len(response.data) <= LIMIT

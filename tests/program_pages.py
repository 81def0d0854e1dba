"""Helpers of the program pages' HTTP tests (tests/test_pages_*.py): the demo period, SQL on the
demo file, callbacks through the Flask test client, and the server grids' blocks and views.

A server grid asks for blocks of rows (``getRowsRequest``); :func:`view` asks block after block,
as the grid would, until it holds the whole view."""

from __future__ import annotations

import base64
import re
import sqlite3
from pathlib import Path
from typing import Any

from layouts import ids
from tests.dash_client import post_callback

YEAR = "?perioada=an"  # 2026-01-01 .. 2026-11-25 (the demo's today)
FROM, TO = "2026-01-01", "2026-11-25"
AMB, LIB = ids.DIRECTORY_AMB_GRID, ids.DIRECTORY_LIB_GRID
LIMIT = 60 * 1024  # issue 6: every filter change answers in at most 60 KB


def sql(path: Path, query: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query, params).fetchall()


def one(path: Path, query: str, *params: object) -> Any:
    return sql(path, query, *params)[0][0]


def data(search: str = YEAR) -> list[tuple[str, str, object]]:
    return [(ids.URL, "search", search), (ids.DATA_VERSION, "data", 1)]


def call(client, outputs, inputs, state=None, changed=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = post_callback(client, outputs, inputs, state, changed)
    assert response.status_code == 200, response.data[:500]
    body = response.get_json()["response"]
    return {f"{cid}.{prop}": body[cid][prop] for cid, prop in outputs}


def download(value: dict[str, Any]) -> bytes:
    assert value["base64"] is True
    return base64.b64decode(value["content"])


SEARCH_BOXES = {ids.DIRECTORY_AMB_GRID: ids.DIRECTORY_AMB_SEARCH,
                ids.DIRECTORY_LIB_GRID: ids.DIRECTORY_LIB_SEARCH}  # fmt: skip
GRID_CONTROLS = {ids.COVERAGE_DORMANT_GRID: [(ids.COVERAGE_DAYS, "value")]}


def view_state(grid: str, search: str, text: object, controls: dict[str, object]) -> list[Any]:
    state: list[Any] = data(search)
    if grid in SEARCH_BOXES:
        state.append((SEARCH_BOXES[grid], "value", text))
    state += [(cid, prop, controls.get(cid)) for cid, prop in GRID_CONTROLS.get(grid, [])]
    return state


def block(client, grid: str, search: str = YEAR, request: object = None, text: object = None,  # type: ignore[no-untyped-def]
          **controls: object) -> dict[str, Any]:  # fmt: skip
    """One block of a server grid, asked for as the grid asks (``getRowsRequest``)."""
    out = call(client, [(grid, "getRowsResponse")], [(grid, "getRowsRequest", request)],
               state=view_state(grid, search, text, controls),
               changed=[(grid, "getRowsRequest")])  # fmt: skip
    return out[f"{grid}.getRowsResponse"]


def view(client, grid: str, search: str = YEAR, sort: object = None, filters: object = None,  # type: ignore[no-untyped-def]
         text: object = None, **controls: object) -> list[dict[str, Any]]:  # fmt: skip
    """Every row of a server grid's view, block after block (100 rows, the most one may ask)."""
    rows: list[dict[str, Any]] = []
    while True:
        request = {"startRow": len(rows), "endRow": len(rows) + 100,
                   "sortModel": sort or [], "filterModel": filters or {}}  # fmt: skip
        got = block(client, grid, search, request, text, **controls)
        rows += got["rowData"]
        if len(rows) >= got["rowCount"] or not got["rowData"]:
            assert len(rows) == got["rowCount"]
            return rows


def citizens_served(path: Path, date_from: str, date_to: str, raion: str | None = None) -> int:
    where = " AND raion_code = ?" if raion else ""
    args = (date_from, date_to, *([raion] if raion else []))
    participants = one(path, "SELECT coalesce(sum(participants), 0) FROM info_session"
                             f" WHERE held_on BETWEEN ? AND ?{where}", *args)  # fmt: skip
    requests = one(path, "SELECT count(*) FROM service_request"
                         f" WHERE requested_on BETWEEN ? AND ?{where}", *args)  # fmt: skip
    return int(participants) + int(requests)


def controls(days: object = 60, km: object = 10) -> list[tuple[str, str, object]]:
    """The coverage page's two controls: the dormant threshold (days) and the distance (km)."""
    return [(ids.COVERAGE_DAYS, "value", days), (ids.COVERAGE_KM, "value", km)]


def export(client, csv_id: str, xlsx_id: str, download_id: str, state, kind: str) -> bytes:  # type: ignore[no-untyped-def]
    """The file a table's CSV or XLSX button downloads, decoded; its name is checked."""
    trigger = csv_id if kind == "csv" else xlsx_id
    out = call(client, [(download_id, "data")],
               [(csv_id, "n_clicks", 1 if kind == "csv" else None),
                (xlsx_id, "n_clicks", 1 if kind == "xlsx" else None)],
               state=state, changed=[(trigger, "n_clicks")])  # fmt: skip
    value = out[f"{download_id}.data"]
    assert re.fullmatch(rf"[a-z-]+-{TO}-(date-demo|demo-data)\.{kind}", value["filename"])
    return download(value)

"""The directory page over HTTP: its two server grids (ambassadors and libraries) against SQL,
a block is the right slice in the right order, the search runs on the server, and the exports
are the whole view, translated and safe from spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import itertools
import sqlite3
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from dashboard.app_factory import create_app
from dashboard.i18n import t
from layouts import ids
from layouts.table_view import fold
from tests.conftest import app_settings
from tests.program_pages import AMB, FROM, LIB, TO, YEAR
from tests.program_pages import block as _block
from tests.program_pages import data as _data
from tests.program_pages import export as _export
from tests.program_pages import one as _one
from tests.program_pages import view as _view


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


IN_SERVICE = (
    "a.certified_on <= :t AND (a.left_on IS NULL OR a.left_on >= :f OR EXISTS (SELECT 1 FROM"
    " info_session s WHERE s.ambassador_id = a.id AND held_on BETWEEN :f AND :t) OR EXISTS"
    " (SELECT 1 FROM service_request r WHERE r.ambassador_id = a.id AND requested_on BETWEEN"
    " :f AND :t))"
)


def test_directory_rows_against_sql(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    search = YEAR + "&raion=MD-UN"
    people = _view(client, AMB, search)
    with sqlite3.connect(demo_sqlite) as conn:
        expected = conn.execute(
            "SELECT count(*) FROM ambassador a JOIN library l ON l.id = a.library_id WHERE"
            f" l.raion_code = 'MD-UN' AND {IN_SERVICE}", {"f": FROM, "t": TO},
        ).fetchone()[0]  # fmt: skip
    assert len(people) == expected > 0
    busiest = max(people, key=lambda r: r["sessions"])
    assert busiest["sessions"] == _one(demo_sqlite, "SELECT count(*) FROM info_session WHERE"
                                                    " ambassador_id = ? AND held_on BETWEEN ? AND"
                                                    " ?", int(busiest["id"]), FROM, TO)  # fmt: skip
    assert busiest["tier"] in ("Național", "Local")
    places = _view(client, LIB, search)
    assert len(places) == _one(
        demo_sqlite, "SELECT count(*) FROM library WHERE raion_code = 'MD-UN'"
    )
    assert {r["status"] for r in places} <= {"Activ", "Inactiv", "Nu e punct de acces"}


def test_a_block_is_the_right_slice_in_the_right_order(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    busiest = [{"colId": "sessions", "sort": "desc"}, {"colId": "name", "sort": "asc"}]
    everyone = _view(client, AMB, sort=busiest)
    with sqlite3.connect(demo_sqlite) as conn:
        count = conn.execute(f"SELECT count(*) FROM ambassador a WHERE {IN_SERVICE}",
                             {"f": FROM, "t": TO}).fetchone()[0]  # fmt: skip
        sessions = dict(conn.execute(
            "SELECT ambassador_id, count(*) FROM info_session WHERE held_on BETWEEN ? AND ?"
            " GROUP BY ambassador_id", (FROM, TO)).fetchall())  # fmt: skip
    assert len(everyone) == count > 200
    expected = [sessions.get(int(r["id"]), 0) for r in everyone]
    assert [r["sessions"] for r in everyone] == expected  # the numbers are SQL's
    assert expected == sorted(expected, reverse=True)  # in the order asked for
    for a, b in itertools.pairwise(everyone):  # ties: by name, as people read
        assert a["sessions"] > b["sessions"] or fold(a["name"]) <= fold(b["name"])
    request = {"startRow": 150, "endRow": 200, "sortModel": busiest, "filterModel": {}}
    block = _block(client, AMB, request=request)
    assert block["rowCount"] == count
    assert [r["id"] for r in block["rowData"]] == [r["id"] for r in everyone[150:200]]
    last = _block(client, AMB, request={**request, "startRow": count - 10, "endRow": count + 40})
    assert [r["id"] for r in last["rowData"]] == [r["id"] for r in everyone[-10:]]
    greedy = _block(client, AMB, request={"startRow": 0, "endRow": 10**6})
    assert len(greedy["rowData"]) == 100  # never more than 100 rows in one response


def test_search_text_filters_on_the_server(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    everything = _block(client, LIB)["rowCount"]
    rows = _view(client, LIB, text="  balti ")  # typed without diacritics
    assert 0 < len(rows) < everything
    assert all("balti" in fold(" ".join(str(v) for v in r.values())) for r in rows)
    in_balti = _one(demo_sqlite, "SELECT count(*) FROM library WHERE raion_code = 'MD-BA'")
    assert sum(r["raion_name"] == "Bălți" for r in rows) == in_balti > 0
    words = _view(client, LIB, text="Balti ștefan")  # every word must match, anywhere in a row
    assert 0 < len(words) < len(rows)
    assert all("stefan" in fold(r["name"]) and r["raion_name"] == "Bălți" for r in words)
    assert _block(client, LIB, text="no such library anywhere") == {"rowData": [], "rowCount": 0}


@pytest.fixture
def risky_client(demo_copy: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A library whose name a spreadsheet would run as a formula."""
    with sqlite3.connect(demo_copy) as conn:
        conn.execute("UPDATE library SET name = '=HYPERLINK(\"http://x\";\"ș\")' WHERE id ="
                     " (SELECT min(id) FROM library WHERE raion_code = 'MD-UN')")  # fmt: skip
    return create_app(app_settings(f"sqlite:///{demo_copy}", tmp_path)).server.test_client()


def test_directory_export_is_safe_and_translated(risky_client) -> None:  # type: ignore[no-untyped-def]
    ids_ = (ids.DIRECTORY_LIB_CSV, ids.DIRECTORY_LIB_XLSX, ids.DIRECTORY_LIB_DOWNLOAD)
    state = [
        *_data(YEAR + "&raion=MD-UN&limba=ru"),
        (ids.DIRECTORY_LIB_GRID, "getRowsRequest", None),
        (ids.DIRECTORY_LIB_SEARCH, "value", None),
    ]
    text = _export(risky_client, *ids_, state, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Название", "Тип", "Населённый пункт", "Район"]
    assert any(r[0].startswith("'=HYPERLINK") for r in rows[1:])  # neutralised
    assert not any(r[0].startswith("=") for r in rows[1:])
    sheet = load_workbook(io.BytesIO(_export(risky_client, *ids_, state, "xlsx"))).active
    risky = next(c for c in sheet["A"] if str(c.value).startswith("=HYPERLINK"))
    assert risky.data_type == "s"  # text, never a formula
    assert risky.quotePrefix
    assert any(c.value == t("kind.village", "ru") for c in sheet["B"])


def test_export_is_the_whole_view_in_its_order(client) -> None:  # type: ignore[no-untyped-def]
    search = "?de=2016-01-01&pana=2026-11-25"  # every year: more rows than any block
    sort = [{"colId": "requests", "sort": "desc"}, {"colId": "name", "sort": "desc"}]
    only = {"tier": {"filterType": "text", "type": "equals", "filter": "local"}}
    view = _view(client, AMB, search, sort, only, text="ana")
    assert len(view) > 100
    request = {"startRow": 50, "endRow": 100, "sortModel": sort, "filterModel": only}
    state = [*_data(search), (AMB, "getRowsRequest", request), (ids.DIRECTORY_AMB_SEARCH, "value",
                                                                "ana")]  # fmt: skip
    ids_ = (ids.DIRECTORY_AMB_CSV, ids.DIRECTORY_AMB_XLSX, ids.DIRECTORY_AMB_DOWNLOAD)
    table = list(csv.reader(io.StringIO(_export(client, *ids_, state, "csv").decode("utf-8-sig")),
                            delimiter=";"))  # fmt: skip
    assert table[0][0] == "Nume"
    assert "Instruit de" in table[0]
    assert len(table) == len(view) + 1  # every row of the view, not the block the grid holds
    assert [r[0] for r in table[1:]] == [r["name"] for r in view]  # in the grid's order
    requests = table[0].index(t("metric.requests", "ro"))
    assert [int(r[requests]) for r in table[1:]] == [r["requests"] for r in view]
    assert {r[1] for r in table[1:]} == {"Local"}
    sheet = load_workbook(io.BytesIO(_export(client, *ids_, state, "xlsx"))).active
    assert [c.value for c in sheet["A"][1:]] == [r["name"] for r in view]

"""The targets page over HTTP: every target of the period with its actual, the picker, the chart,
the raion table and the ambassadors' cascade, each against SQL written here on the demo data.

The tables are server grids: a test asks for blocks of rows as the grid would
(``getRowsRequest``) and checks the slice, the count, the column filters and the order."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from dashboard.i18n import t
from layouts import ids
from layouts.table_view import fold
from tests.program_pages import FROM, TO, YEAR
from tests.program_pages import block as _block
from tests.program_pages import call as _call
from tests.program_pages import citizens_served as _citizens_served
from tests.program_pages import data as _data
from tests.program_pages import one as _one
from tests.program_pages import sql as _sql
from tests.program_pages import view as _view


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


TARGET_OUTPUTS = [(ids.TARGETS_SUMMARY, "children"), (ids.TARGETS_PICKER, "options"),
                  (ids.TARGETS_PICKER, "value")]  # fmt: skip


def test_every_target_of_the_period_with_its_actual(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    out = _call(client, TARGET_OUTPUTS, _data(), state=[(ids.TARGETS_PICKER, "value", None)])
    rows = _view(client, ids.TARGETS_GRID)  # every target, in the server grid
    expected = _one(demo_sqlite, "SELECT count(*) FROM target WHERE period_start <= ?"
                                 " AND period_end >= ?", TO, FROM)  # fmt: skip
    assert len(rows) == expected > 0
    national = _one(
        demo_sqlite,
        "SELECT id FROM target WHERE scope_kind = 'national' AND metric = 'citizens_served'"
        " AND period_start = ?",
        FROM,
    )
    assert out[f"{ids.TARGETS_PICKER}.value"] == national  # the default chart
    row = next(r for r in rows if r["id"] == str(national))
    assert row["actual"] == _citizens_served(demo_sqlite, FROM, TO)
    assert row["status__code"] in ("on_track", "at_risk", "behind")
    assert row["status"] in ("în grafic", "la risc", "în urmă")
    assert row["attainment__text"].endswith("%")
    assert {"target__text", "pace__text", "projected__text"} <= set(row)
    summary = str(out[f"{ids.TARGETS_SUMMARY}.children"])
    assert t("targets.summary", "ro", count=len(rows)) in summary
    pills = {p["props"]["className"].split("status-")[-1]: int(p["props"]["data-count"])
             for p in out[f"{ids.TARGETS_SUMMARY}.children"][1:]}  # fmt: skip
    assert pills == dict(Counter(r["status__code"] for r in rows))  # the counts match the grid


def test_picker_lists_national_targets_and_finds_the_others(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    out = _call(client, TARGET_OUTPUTS, _data(YEAR + "&raion=MD-CA"),
                state=[(ids.TARGETS_PICKER, "value", None)])  # fmt: skip
    listed = {o["value"] for o in out[f"{ids.TARGETS_PICKER}.options"]}
    expected = {r[0] for r in _sql(demo_sqlite, "SELECT id FROM target WHERE period_start <= ? AND"
                                   " period_end >= ? AND (scope_kind = 'national' OR"
                                   " scope_value = 'MD-CA')", TO, FROM)}  # fmt: skip
    assert listed == expected
    chosen = out[f"{ids.TARGETS_PICKER}.value"]
    found = _call(client, [(ids.TARGETS_PICKER, "options")],
                  [(ids.TARGETS_PICKER, "search_value", "cereri UNGHENI")],
                  state=[*_data(), (ids.TARGETS_PICKER, "value", chosen)],
                  changed=[(ids.TARGETS_PICKER, "search_value")])  # fmt: skip
    labels = {o["label"] for o in found[f"{ids.TARGETS_PICKER}.options"]}
    assert labels == {"Cereri de e-servicii asistate · Ungheni · 2026",  # every word found
                      "Cetățeni deserviți · Național · 2026"}  # the chosen one stays  # fmt: skip


def test_chosen_target_is_kept_and_charted(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    raion_target = _one(demo_sqlite, "SELECT id FROM target WHERE scope_kind = 'raion' AND"
                                      " scope_value = 'MD-UN' AND metric = 'requests' AND"
                                      " period_start = ?", FROM)  # fmt: skip
    out = _call(
        client, TARGET_OUTPUTS, _data(), state=[(ids.TARGETS_PICKER, "value", raion_target)]
    )
    assert out[f"{ids.TARGETS_PICKER}.value"] == raion_target
    chart = _call(client, [(ids.TARGETS_CHART, "figure")],
                  [(ids.TARGETS_PICKER, "value", raion_target)], state=_data())  # fmt: skip
    figure = chart[f"{ids.TARGETS_CHART}.figure"]
    goal, actual = figure["data"][0], figure["data"][1]
    assert len(actual["x"]) == 12
    assert goal["y"][-1] == _one(demo_sqlite, "SELECT value FROM target WHERE id = ?", raion_target)
    reached = [v for v in actual["y"] if v is not None]
    assert reached[-1] == _one(
        demo_sqlite,
        "SELECT count(*) FROM service_request WHERE raion_code"
        " = 'MD-UN' AND requested_on BETWEEN ? AND ?",
        FROM,
        TO,
    )
    assert figure["layout"]["meta"]["metric"] == "requests"


def test_no_target_in_the_period_says_so(client) -> None:  # type: ignore[no-untyped-def]
    out = _call(client, TARGET_OUTPUTS, _data("?de=2016-01-01&pana=2016-06-30"),
                state=[(ids.TARGETS_PICKER, "value", 5)])  # fmt: skip
    assert out[f"{ids.TARGETS_PICKER}.options"] == []
    assert _block(client, ids.TARGETS_GRID, "?de=2016-01-01&pana=2016-06-30") == {
        "rowData": [], "rowCount": 0}  # fmt: skip
    assert "Nicio țintă" in str(out[f"{ids.TARGETS_SUMMARY}.children"])
    chart = _call(client, [(ids.TARGETS_CHART, "figure")],
                  [(ids.TARGETS_PICKER, "value", "1 OR 1=1")], state=_data())  # fmt: skip
    assert chart[f"{ids.TARGETS_CHART}.figure"]["data"] == []  # explicit "no data" figure


def test_raion_table_against_sql(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    first = _block(client, ids.TARGETS_RAION_GRID)  # the grid's first request of the view
    assert first["rowCount"] == 35 * 2  # census units x (requests, sessions)
    assert len(first["rowData"]) == 50  # one block, never the whole table
    # column filters run on the server: text (case and diacritics ignored) and number
    only = {"raion_name": {"filterType": "text", "type": "equals", "filter": "CAHUL"},
            "metric": {"filterType": "text", "type": "contains", "filter": "sesiuni"}}  # fmt: skip
    (cahul,) = _view(client, ids.TARGETS_RAION_GRID, filters=only)
    assert cahul["raion_name"] == "Cahul"
    assert cahul["actual"] == _one(
        demo_sqlite,
        "SELECT count(*) FROM info_session WHERE raion_code = 'MD-CA' AND held_on BETWEEN ? AND ?",
        FROM,
        TO,
    )
    ahead = {"attainment": {"filterType": "number", "type": "greaterThanOrEqual", "filter": 80},
             "raion_name": {"filterType": "text", "operator": "OR", "conditions": [
                 {"filterType": "text", "type": "startsWith", "filter": "c"},
                 {"filterType": "text", "type": "endsWith", "filter": "ti"}]}}  # fmt: skip
    rows = _view(client, ids.TARGETS_RAION_GRID, sort=[{"colId": "attainment", "sort": "desc"}],
                 filters=ahead)  # fmt: skip
    assert rows  # e.g. Bălți, Cahul, Criuleni: percents as people type them (80 = 80 %)
    assert all(r["attainment"] >= 0.8 for r in rows)
    assert all(fold(r["raion_name"]).startswith("c") or fold(r["raion_name"]).endswith("ti")
               for r in rows)  # fmt: skip
    assert [r["attainment"] for r in rows] == sorted((r["attainment"] for r in rows), reverse=True)


def test_ambassador_cascade_and_drill_down(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    most = [{"colId": "locals_trained", "sort": "desc"}]
    top = _block(client, ids.TARGETS_AMBASSADOR_GRID, request={"startRow": 0, "endRow": 1,
                                                               "sortModel": most})  # fmt: skip
    nationals = _one(demo_sqlite, "SELECT count(*) FROM ambassador WHERE tier = 'national' AND"
                                  " certified_on <= ? AND (left_on IS NULL OR left_on >= ?)",
                     TO, FROM)  # fmt: skip
    assert top["rowCount"] == nationals
    (trainer,) = top["rowData"]  # the grid's row carries the id the drill-down reads back
    assert trainer["locals_trained"] == _one(
        demo_sqlite, "SELECT max(n) FROM (SELECT count(*) AS n FROM ambassador WHERE"
        " certified_on <= ? GROUP BY trained_by_id)", TO)  # fmt: skip
    outputs = [(ids.TARGETS_LOCALS_TITLE, "children"), (ids.TARGETS_LOCALS_GRID, "rowData")]
    selected = [(ids.TARGETS_AMBASSADOR_GRID, "selectedRows", [trainer])]
    out = _call(client, outputs, [*_data(), *selected])
    shown = {int(r["id"]) for r in out[f"{ids.TARGETS_LOCALS_GRID}.rowData"]}
    trained = {
        r[0]
        for r in _sql(
            demo_sqlite,
            "SELECT id FROM ambassador WHERE trained_by_id = ? AND certified_on <= ?",
            trainer["ambassador_id"],
            TO,
        )
    }
    in_service = {
        r[0]
        for r in _sql(
            demo_sqlite,
            "SELECT id FROM ambassador WHERE trained_by_id ="
            " ? AND certified_on <= ? AND (left_on IS NULL OR"
            " left_on >= ?)",
            trainer["ambassador_id"],
            TO,
            FROM,
        )
    }
    assert in_service <= shown <= trained
    assert len(trained) == trainer["locals_trained"] > 0
    assert trainer["name"] in out[f"{ids.TARGETS_LOCALS_TITLE}.children"]

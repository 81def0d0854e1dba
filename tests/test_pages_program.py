"""The program pages (targets, coverage, directory, presentation) over HTTP: every callback
through the Flask test client, numbers against SQL written here, exports decoded and checked.

The big tables are server grids: a test asks for blocks of rows as the grid would
(``getRowsRequest``) and checks the slice, the order, the count, the search, the column filters
and that the export is the whole view; every response of these pages stays under 60 KB."""

from __future__ import annotations

import base64
import copy
import csv
import datetime as dt
import functools
import io
import itertools
import re
import sqlite3
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from dashboard.app_factory import create_app
from dashboard.i18n import t
from layouts import ids
from layouts.pages import coverage, directory, presentation, targets
from layouts.table_view import fold
from tests.conftest import app_settings, served
from tests.dash_client import post_callback

YEAR = "?perioada=an"  # 2026-01-01 .. 2026-11-25 (the demo's today)
FROM, TO = "2026-01-01", "2026-11-25"


@pytest.fixture(scope="module")
def client(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """One app for the module's tests (they only read): its store is read once."""
    settings = app_settings(f"sqlite:///{demo_sqlite}", tmp_path_factory.mktemp("app"))
    with served(create_app(settings)) as client:
        yield client


def _sql(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def _one(path: Path, sql: str, *params: object) -> Any:
    return _sql(path, sql, *params)[0][0]


def _data(search: str = YEAR) -> list[tuple[str, str, object]]:
    return [(ids.URL, "search", search), (ids.DATA_VERSION, "data", 1)]


def _call(client, outputs, inputs, state=None, changed=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = post_callback(client, outputs, inputs, state, changed)
    assert response.status_code == 200, response.data[:500]
    body = response.get_json()["response"]
    return {f"{cid}.{prop}": body[cid][prop] for cid, prop in outputs}


def _download(value: dict[str, Any]) -> bytes:
    assert value["base64"] is True
    return base64.b64decode(value["content"])


SEARCH_BOXES = {ids.DIRECTORY_AMB_GRID: ids.DIRECTORY_AMB_SEARCH,
                ids.DIRECTORY_LIB_GRID: ids.DIRECTORY_LIB_SEARCH}  # fmt: skip
GRID_CONTROLS = {ids.COVERAGE_DORMANT_GRID: [(ids.COVERAGE_DAYS, "value")]}


def _view_state(grid: str, search: str, text: object, controls: dict[str, object]) -> list[Any]:
    state: list[Any] = _data(search)
    if grid in SEARCH_BOXES:
        state.append((SEARCH_BOXES[grid], "value", text))
    state += [(cid, prop, controls.get(cid)) for cid, prop in GRID_CONTROLS.get(grid, [])]
    return state


def _block(client, grid: str, search: str = YEAR, request: object = None, text: object = None,  # type: ignore[no-untyped-def]
           **controls: object) -> dict[str, Any]:  # fmt: skip
    """One block of a server grid, asked for as the grid asks (``getRowsRequest``)."""
    out = _call(client, [(grid, "getRowsResponse")], [(grid, "getRowsRequest", request)],
                state=_view_state(grid, search, text, controls),
                changed=[(grid, "getRowsRequest")])  # fmt: skip
    return out[f"{grid}.getRowsResponse"]


def _view(client, grid: str, search: str = YEAR, sort: object = None, filters: object = None,  # type: ignore[no-untyped-def]
          text: object = None, **controls: object) -> list[dict[str, Any]]:  # fmt: skip
    """Every row of a server grid's view, block after block (100 rows, the most one may ask)."""
    rows: list[dict[str, Any]] = []
    while True:
        request = {"startRow": len(rows), "endRow": len(rows) + 100,
                   "sortModel": sort or [], "filterModel": filters or {}}  # fmt: skip
        block = _block(client, grid, search, request, text, **controls)
        rows += block["rowData"]
        if len(rows) >= block["rowCount"] or not block["rowData"]:
            assert len(rows) == block["rowCount"]
            return rows


# --- layouts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
@pytest.mark.parametrize("module", [targets, coverage, directory, presentation])
def test_layouts_build_in_every_language(module: Any, lang: str) -> None:
    text = str(module.layout(lang).to_plotly_json())
    assert "Traceback" not in text


def test_pages_are_served(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/tinte", "/acoperire", "/director", "/prezentare"):
        assert client.get(path).status_code == 200


# --- targets -----------------------------------------------------------------------------------

TARGET_OUTPUTS = [(ids.TARGETS_SUMMARY, "children"), (ids.TARGETS_PICKER, "options"),
                  (ids.TARGETS_PICKER, "value")]  # fmt: skip


def _citizens_served(path: Path, date_from: str, date_to: str, raion: str | None = None) -> int:
    where = " AND raion_code = ?" if raion else ""
    args = (date_from, date_to, *([raion] if raion else []))
    participants = _one(path, "SELECT coalesce(sum(participants), 0) FROM info_session"
                              f" WHERE held_on BETWEEN ? AND ?{where}", *args)  # fmt: skip
    requests = _one(path, "SELECT count(*) FROM service_request"
                          f" WHERE requested_on BETWEEN ? AND ?{where}", *args)  # fmt: skip
    return int(participants) + int(requests)


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


# --- coverage ----------------------------------------------------------------------------------

POINT_OUTPUTS = [(ids.COVERAGE_DORMANT_TITLE, "children"), (ids.COVERAGE_NO_ACTIVE, "children")]
FAR_OUTPUTS = [(ids.COVERAGE_FAR_TITLE, "children"), (ids.COVERAGE_FAR_MAP, "figure"),
               (ids.COVERAGE_FAR_COUNTS, "figure"), (ids.COVERAGE_FAR_DRAWN, "data")]  # fmt: skip
SCORE_OUTPUTS = [(ids.COVERAGE_SCORE_GRID, "columnDefs"), (ids.COVERAGE_SCORE_GRID, "rowData"),
                 (ids.COVERAGE_FORMULA, "children")]  # fmt: skip


def _controls(days: object = 60, km: object = 10) -> list[tuple[str, str, object]]:
    return [(ids.COVERAGE_DAYS, "value", days), (ids.COVERAGE_KM, "value", km)]


def test_ranking_and_median_against_sql(client, demo_sqlite: Path) -> None:  # type: ignore[no-untyped-def]
    figure = _call(client, [(ids.COVERAGE_RANKING, "figure")], _data())[
        f"{ids.COVERAGE_RANKING}.figure"
    ]
    names = [n for trace in figure["data"] for n in trace["y"]]
    assert len(names) == 35
    units = _sql(demo_sqlite, "SELECT code, population FROM raion WHERE population IS NOT NULL")
    rates = [_citizens_served(demo_sqlite, FROM, TO, code) / pop * 10_000 for code, pop in units]
    assert figure["layout"]["meta"]["median"] == pytest.approx(statistics.median(rates))
    assert figure["layout"]["shapes"][0]["x0"] == pytest.approx(statistics.median(rates))


def test_days_control_starts_at_the_setting(client) -> None:  # type: ignore[no-untyped-def]
    out = _call(client, [(ids.COVERAGE_DAYS, "value")], [(ids.COVERAGE_INIT, "data", True)])
    assert out[f"{ids.COVERAGE_DAYS}.value"] == 60


def test_dormant_threshold_comes_from_the_settings(demo_sqlite: Path, tmp_path: Path) -> None:
    """An app set up with DORMANT_DAYS=45: the control starts at 45, and until it has a value
    the dormant list, its title and the score formula use 45 days too."""
    settings = app_settings(f"sqlite:///{demo_sqlite}", tmp_path, dormant_days=45)
    with served(create_app(settings)) as client:
        out = _call(client, [(ids.COVERAGE_DAYS, "value")], [(ids.COVERAGE_INIT, "data", True)])
        assert out[f"{ids.COVERAGE_DAYS}.value"] == 45
        title = _call(client, POINT_OUTPUTS, [*_data(), (ids.COVERAGE_DAYS, "value", None)])[
            f"{ids.COVERAGE_DORMANT_TITLE}.children"
        ]
        assert "ultimele 45 de zile" in title
        assert title.endswith(f": {_dormant_sql(demo_sqlite, 45)}")
        rows = _view(client, ids.COVERAGE_DORMANT_GRID, **{ids.COVERAGE_DAYS: None})
        assert len(rows) == _dormant_sql(demo_sqlite, 45) != _dormant_sql(demo_sqlite, 60)
        formula = _call(client, SCORE_OUTPUTS, [*_data(), *_controls(None, None)])[
            f"{ids.COVERAGE_FORMULA}.children"
        ]
        assert "pragul: 45 de zile" in formula


def _dormant_sql(path: Path, days: int) -> int:
    cutoff = (dt.date.fromisoformat(TO) - dt.timedelta(days=days)).isoformat()
    sql = (
        "SELECT count(*) FROM library l WHERE accredited_on <= ? AND NOT EXISTS (SELECT 1 FROM"
        " info_session s WHERE s.library_id = l.id AND held_on BETWEEN ? AND ?) AND NOT EXISTS"
        " (SELECT 1 FROM service_request r WHERE r.library_id = l.id AND requested_on BETWEEN"
        " ? AND ?)"
    )
    return _one(path, sql, TO, cutoff, TO, cutoff, TO)


@pytest.mark.parametrize("days", [60, 30])
def test_dormant_points_against_sql(client, demo_sqlite: Path, days: int) -> None:  # type: ignore[no-untyped-def]
    out = _call(client, POINT_OUTPUTS, [*_data(), (ids.COVERAGE_DAYS, "value", days)])
    rows = _view(client, ids.COVERAGE_DORMANT_GRID, **{ids.COVERAGE_DAYS: days})
    assert len(rows) == _dormant_sql(demo_sqlite, days) > 0
    assert out[f"{ids.COVERAGE_DORMANT_TITLE}.children"].endswith(f": {len(rows)}")
    expected = {60: "60 de zile", 30: "30 de zile"}[days]  # Romanian: "de" from 20 upward
    assert expected in out[f"{ids.COVERAGE_DORMANT_TITLE}.children"]
    assert all(r["last_day__text"] for r in rows)  # a date, or "nicio activitate în ultimii 3 ani"
    never = {"last_day": {"filterType": "text", "type": "blank"}}
    silent = _block(client, ids.COVERAGE_DORMANT_GRID, request={"filterModel": never},
                    **{ids.COVERAGE_DAYS: days})  # fmt: skip
    assert silent["rowCount"] == sum(r["last_day"] is None for r in rows)


def _no_active_sql(path: Path, search: str, days: int) -> list[tuple[str, int]]:
    """(unit name, access points) of the census units in ``search``'s raions (all when it has
    none) with no access point active in the period's last ``days`` days, by name."""
    date_to = dict(re.findall(r"(de|pana)=([\d-]+)", search)).get("pana", TO)
    cutoff = (dt.date.fromisoformat(date_to) - dt.timedelta(days=days)).isoformat()
    chosen = re.search(r"raion=([\w,-]+)", search)
    codes = chosen.group(1).split(",") if chosen else [
        r[0] for r in _sql(path, "SELECT code FROM raion")]  # fmt: skip
    point = "l.raion_code = r.code AND l.accredited_on <= ?"
    active = (" AND (EXISTS (SELECT 1 FROM info_session s WHERE s.library_id = l.id AND held_on"
              " BETWEEN ? AND ?) OR EXISTS (SELECT 1 FROM service_request q WHERE q.library_id"
              " = l.id AND requested_on BETWEEN ? AND ?))")  # fmt: skip
    sql = (f"SELECT r.name_ro, (SELECT count(*) FROM library l WHERE {point}) FROM raion r"
           f" WHERE r.population IS NOT NULL AND r.code IN ({','.join('?' * len(codes))})"
           f" AND NOT EXISTS (SELECT 1 FROM library l WHERE {point}{active})")  # fmt: skip
    window = (cutoff, date_to) * 2
    rows = _sql(path, sql, date_to, *codes, date_to, *window)
    return sorted((name, int(points)) for name, points in rows)


def _rendered_no_active(children: Any) -> list[tuple[str, int]]:
    """(unit name, access points) of the rendered list; [] for the "every unit has one" line."""
    if children["type"] == "P":
        assert children["props"]["children"] == t("coverage.no_active.none", "ro")
        return []
    units = []
    for item in children["props"]["children"]:
        name, text = item["props"]["children"].split(": ", 1)
        units.append((name, 0 if text == "niciun punct de acces" else int(text.split()[0])))
    return sorted(units)


# Empty lists (this year), 3 units with 1, 1 and 4 dormant points (2016), Fălești alone (2016,
# with a raion filter), and all 35 units, most with no access point at all (January 2016).
NO_ACTIVE_VIEWS = [
    (YEAR, 60),
    (YEAR, 7),
    (YEAR + "&raion=MD-CA,MD-UN,MD-BA", 7),
    ("?de=2016-03-01&pana=2016-12-31", 60),
    ("?de=2016-03-01&pana=2016-12-31&raion=MD-FA,MD-CU", 60),
    ("?de=2016-01-01&pana=2016-01-31", 1),
]


@pytest.mark.parametrize(("search", "days"), NO_ACTIVE_VIEWS)
def test_units_without_an_active_point_against_sql(  # type: ignore[no-untyped-def]
    client, demo_sqlite: Path, search: str, days: int
) -> None:
    out = _call(client, POINT_OUTPUTS, [*_data(search), (ids.COVERAGE_DAYS, "value", days)])
    shown = _rendered_no_active(out[f"{ids.COVERAGE_NO_ACTIVE}.children"])
    assert shown == _no_active_sql(demo_sqlite, search, days)


@pytest.mark.parametrize("bad", ["abc", -5, True, 10**9, None])
def test_bad_control_values_fall_back(client, bad: object) -> None:  # type: ignore[no-untyped-def]
    out = _call(client, SCORE_OUTPUTS, [*_data(), *_controls(bad, bad)])
    assert "60 de zile" in out[f"{ids.COVERAGE_FORMULA}.children"]
    assert "10 km" in out[f"{ids.COVERAGE_FORMULA}.children"]


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


def test_score_table_and_formula(client) -> None:  # type: ignore[no-untyped-def]
    out = _call(client, SCORE_OUTPUTS, [*_data("?perioada=an&limba=en"), *_controls(45, 7)])
    rows = out[f"{ids.COVERAGE_SCORE_GRID}.rowData"]
    assert len(rows) == 35
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert rows[0]["score"] >= rows[-1]["score"]
    headers = [c["headerName"] for c in out[f"{ids.COVERAGE_SCORE_GRID}.columnDefs"]]
    assert "Localities beyond 7 km" in headers
    formula = out[f"{ids.COVERAGE_FORMULA}.children"]
    assert "0.40 × A" in formula
    assert "7 km" in formula
    assert "45 days" in formula


def _export(client, csv_id: str, xlsx_id: str, download: str, state, kind: str) -> bytes:  # type: ignore[no-untyped-def]
    trigger = csv_id if kind == "csv" else xlsx_id
    out = _call(client, [(download, "data")],
                [(csv_id, "n_clicks", 1 if kind == "csv" else None),
                 (xlsx_id, "n_clicks", 1 if kind == "xlsx" else None)],
                state=state, changed=[(trigger, "n_clicks")])  # fmt: skip
    value = out[f"{download}.data"]
    assert re.fullmatch(rf"[a-z-]+-{TO}-(date-demo|demo-data)\.{kind}", value["filename"])
    return _download(value)


def _score_state(search: str = YEAR, view: object = None) -> list[tuple[str, str, object]]:
    return [*_data(search), *_controls(), (ids.COVERAGE_SCORE_GRID, "virtualRowData", view)]


def test_score_export_csv_and_xlsx(client) -> None:  # type: ignore[no-untyped-def]
    ids_ = (ids.COVERAGE_EXPORT_CSV, ids.COVERAGE_EXPORT_XLSX, ids.COVERAGE_DOWNLOAD)
    data = _export(client, *ids_, _score_state(), "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the diacritics
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Loc", "Raion", "Indice"]
    assert "Localități la peste 10 km" in rows[0]
    assert len(rows) == 36
    view = [{"id": "MD-UN"}, {"id": "MD-BA"}, {"id": "MD-XX"}]  # the grid's filtered, sorted rows
    book = load_workbook(io.BytesIO(_export(client, *ids_, _score_state(YEAR + "&limba=en", view),
                                            "xlsx")))  # fmt: skip
    sheet = book.active
    assert [sheet["A1"].value, sheet["B1"].value] == ["Rank", "Raion"]
    assert [sheet["B2"].value, sheet["B3"].value, sheet["B4"].value] == ["Ungheni", "Bălți", None]
    assert isinstance(sheet["C2"].value, float)  # numbers stay numbers


# --- directory ---------------------------------------------------------------------------------


AMB, LIB = ids.DIRECTORY_AMB_GRID, ids.DIRECTORY_LIB_GRID
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


# --- presentation ------------------------------------------------------------------------------


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


LIMIT = 60 * 1024  # issue 6: every filter change answers in at most 60 KB
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


# --- pure builders -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_fast_table_numbers_read_like_babel(lang: str) -> None:
    from dashboard.i18n import fmt_int, fmt_number
    from layouts.grid import int_text, number_text

    for value in (0, 7, 999, 1234, 1234567, 1_000_000_000):
        assert int_text(value, lang) == fmt_int(value, lang)
        assert number_text(value + 0.25, lang) == fmt_number(value + 0.25, lang)
    assert int_text(float("nan"), lang) == "—"


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_grid_interface_is_translated(lang: str) -> None:
    from layouts.grid import GRID_TEXT_KEYS, grid_locale

    texts = grid_locale(lang)
    assert all(texts[key] != f"grid.{key}" for key in GRID_TEXT_KEYS)
    assert texts["thousandSeparator"] == {"ro": ".", "en": ",", "ru": "\xa0"}[lang]


def test_grid_rows_export_frame_and_view() -> None:
    import pandas as pd

    from layouts.grid import DATE, INT, LABEL, STATUS, Column, grid_rows, rows_in_view
    from layouts.grid_export import export_frame

    frame = pd.DataFrame({
        "key": [1, 2, 3],
        "tier": ["national", "local", None],
        "status": ["on_track", "behind", "no_target"],
        "day": [dt.date(2026, 11, 2), None, dt.date(2025, 1, 31)],
        "count": [1234, 0, None],
    })  # fmt: skip
    columns = [Column("tier", "directory.col.tier", LABEL, labels="tier"),
               Column("status", "targets.col.status", STATUS, labels="status"),
               Column("day", "common.last_activity", DATE, missing_key="common.never"),
               Column("count", "metric.requests", INT)]  # fmt: skip
    rows = grid_rows(frame, columns, "ro", "key")
    assert rows[0] == {"id": "1", "tier": "Național", "status": "în grafic",
                       "status__code": "on_track", "day": "2026-11-02", "day__text": "02.11.2026",
                       "count": 1234.0, "count__text": "1.234"}  # fmt: skip
    assert rows[1]["day"] is None
    assert rows[1]["day__text"] == "niciodată"
    assert rows[2]["tier"] is None
    assert rows[2]["count__text"] == "—"
    out = export_frame(frame, columns, "en")
    assert out["tier"].tolist()[:2] == ["National", "Local"]
    assert pd.isna(out["tier"].iloc[2])
    assert out["status"].tolist() == ["on track", "behind", "no target"]
    view = rows_in_view(frame, "key", [{"id": "3"}, {"id": "99"}, "junk", {"id": "1"}])
    assert view["key"].tolist() == [3, 1]
    assert rows_in_view(frame, "key", None) is frame


def test_figures_say_no_data_in_words() -> None:
    import pandas as pd

    from layouts.figures.coverage import far_counts_figure, far_map_figure, ranking_figure
    from layouts.figures.targets import cumulative_figure

    def message(figure: dict[str, Any]) -> str:
        return str(figure["layout"]["annotations"][0]["text"])

    assert "Nu există date" in message(ranking_figure(pd.DataFrame(), None, "ro"))
    counts = pd.DataFrame({"raion_name": ["Cahul"], "localities": [55], "far_localities": [0]})
    assert "10 km" in message(far_counts_figure(counts, 10, "ro"))
    empty_far = pd.DataFrame(columns=["lat", "lon", "distance_km", "locality", "raion_name",
                                      "nearest_library_locality"])  # fmt: skip
    assert "10 km" in message(far_map_figure(empty_far, [], ["MD-CA"], 10, "ro", "/g.json"))
    assert "There is no data" in message(cumulative_figure(pd.DataFrame(), {}, "en"))
    later = pd.DataFrame({"month_key": [202701], "actual": [float("nan")], "target_line": [1.0]})
    assert "not started" in message(cumulative_figure(later, {}, "en"))


def test_default_target_and_slides() -> None:
    import pandas as pd

    from layouts.figures.targets import default_target, target_row

    d = dt.date
    frame = pd.DataFrame({
        "target_id": [1, 2, 3],
        "scope_kind": ["raion", "national", "national"],
        "metric": ["requests", "citizens_served", "citizens_served"],
        "period_start": [d(2026, 1, 1), d(2025, 1, 1), d(2026, 1, 1)],
        "period_end": [d(2026, 12, 31), d(2025, 12, 31), d(2026, 12, 31)],
        "scope_value": ["MD-CA", None, None],
    })  # fmt: skip
    assert default_target(frame, d(2026, 5, 1)) == 3
    assert default_target(frame[:2], d(2026, 5, 1)) == 2  # the latest national one
    assert default_target(frame[:1], d(2026, 5, 1)) == 1  # else the first in view
    assert default_target(frame[:0], d(2026, 5, 1)) is None
    assert target_row(frame, 3)["scope_value"] is None  # type: ignore[index]
    assert target_row(frame, True) is None
    assert target_row(frame, "3") is None
    assert presentation.next_slide("top", 1) == "kpis"
    assert presentation.next_slide(None, -1) == "kpis"  # unknown: back to the first

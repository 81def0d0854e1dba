"""The coverage page over HTTP: the ranking and its median, the dormant access points, the units
without an active point and the underserved score (its table, formula and exports), each against
SQL written here on the demo data; the controls' settings and bad values. The map of far
localities is in tests/test_pages_far_map.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from dashboard.app_factory import create_app
from dashboard.i18n import t
from layouts import ids
from tests.conftest import app_settings, served
from tests.program_pages import FROM, TO, YEAR
from tests.program_pages import block as _block
from tests.program_pages import call as _call
from tests.program_pages import citizens_served as _citizens_served
from tests.program_pages import controls as _controls
from tests.program_pages import data as _data
from tests.program_pages import export as _export
from tests.program_pages import one as _one
from tests.program_pages import sql as _sql
from tests.program_pages import view as _view


@pytest.fixture
def client(demo_client: FlaskClient) -> FlaskClient:
    """The demo app shared by the read-only HTTP tests (conftest ``demo_client``)."""
    return demo_client


POINT_OUTPUTS = [(ids.COVERAGE_DORMANT_TITLE, "children"), (ids.COVERAGE_NO_ACTIVE, "children")]


SCORE_OUTPUTS = [(ids.COVERAGE_SCORE_GRID, "columnDefs"), (ids.COVERAGE_SCORE_GRID, "rowData"),
                 (ids.COVERAGE_FORMULA, "children")]  # fmt: skip


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

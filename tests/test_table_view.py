"""The server side of the server grids, without a server: a view (search, column filters, sort)
applied to a table, one block of it, and every request part validated."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from layouts.grid import DATE, INT, LABEL, PERCENT, TEXT, Column
from layouts.table_view import (
    MAX_ROWS,
    View,
    apply_view,
    block,
    fold,
    rows_range,
    text_keys,
    view_of,
)

COLUMNS = [
    Column("name", "directory.col.name", TEXT),
    Column("tier", "directory.col.tier", LABEL, labels="tier"),
    Column("sessions", "metric.sessions", INT),
    Column("share", "targets.col.attainment", PERCENT),
    Column("day", "common.last_activity", DATE, missing_key="common.never"),
]
FRAME = pd.DataFrame({
    "key": [1, 2, 3, 4, 5],
    "name": ["Tudor Ciobanu", "Ștefan Rusu", "sergiu Lungu", None, "Ana Țurcan"],
    "tier": ["local", "national", "local", "local", "national"],
    "sessions": [3, 12, None, 1234, 0],
    "share": [0.5, 1.25, 0.8, None, 0.05],
    "day": [dt.date(2026, 11, 2), None, dt.date(2025, 1, 31), dt.date(2026, 3, 1), None],
})  # fmt: skip


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return FRAME


def _keys(table: pd.DataFrame, view: View) -> list[int]:
    return apply_view(table, COLUMNS, "ro", view)["key"].tolist()


def test_fold_ignores_case_and_diacritics() -> None:
    assert fold("ȘTEFAN Țurcan, Bălți, Căușeni, Î/Â") == "stefan turcan, balti, causeni, i/a"
    assert fold("Йошкар-Ола, Ёлка") == "иошкар-ола, елка"  # Cyrillic stays Cyrillic
    assert fold("plain ascii") == "plain ascii"


def test_sorting_reads_like_people_read(table: pd.DataFrame) -> None:
    by_name = View(sort=(("name", True),))
    assert _keys(table, by_name) == [5, 3, 2, 1, 4]  # Ana, sergiu, Ștefan, Tudor; no name last
    assert _keys(table, View(sort=(("name", False),))) == [1, 2, 3, 5, 4]  # missing stays last
    assert _keys(table, View(sort=(("sessions", False),))) == [4, 2, 1, 5, 3]  # numbers
    assert _keys(table, View(sort=(("day", True),))) == [3, 4, 1, 2, 5]  # dates; never: last
    two = View(sort=(("tier", True), ("sessions", False)))  # "Local" < "Național", then sessions
    assert _keys(table, two) == [4, 1, 3, 2, 5]
    assert _keys(table, View()) == [1, 2, 3, 4, 5]  # no sort: the query's order


def test_search_words_match_anywhere_in_the_row(table: pd.DataFrame) -> None:
    assert _keys(table, View(search="stefan")) == [2]  # diacritics ignored
    assert _keys(table, View(search="NAȚIONAL")) == [2, 5]  # translated label, as shown
    assert _keys(table, View(search="1.234")) == [4]  # numbers as shown in Romanian
    assert _keys(table, View(search="02.11.2026")) == [1]  # dates as shown
    assert _keys(table, View(search="niciodată")) == [2, 5]  # "never", as shown
    assert _keys(table, View(search="  național   ana ")) == [5]  # every word must match
    assert _keys(table, View(search="rusu tudor")) == []


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ({"filterType": "number", "type": "greaterThan", "filter": 10}, [2, 4]),
        ({"filterType": "number", "type": "inRange", "filter": 0, "filterTo": 12}, [1]),
        ({"filterType": "number", "type": "blank"}, [3]),
        ({"filterType": "number", "type": "notBlank"}, [1, 2, 4, 5]),
        ({"filterType": "number", "type": "equals", "filter": "12"}, [1, 2, 3, 4, 5]),  # ignored
        ({"filterType": "number", "type": "evaluate", "filter": 1}, [1, 2, 3, 4, 5]),  # ignored
        ({"operator": "OR", "conditions": [{"type": "lessThan", "filter": 1},
                                           {"type": "greaterThanOrEqual", "filter": 1234}]},
         [4, 5]),
        ({"operator": "AND", "conditions": [{"type": "greaterThan", "filter": 0},
                                            {"type": "lessThan", "filter": 100}]}, [1, 2]),
    ],
)  # fmt: skip
def test_number_filters(table: pd.DataFrame, model: dict[str, object], expected: list[int]) -> None:
    assert _keys(table, View(filters={"sessions": model})) == expected


def test_text_date_label_and_percent_filters(table: pd.DataFrame) -> None:
    def keys(name: str, **model: object) -> list[int]:
        return _keys(table, View(filters={name: {"filterType": "text", **model}}))

    assert keys("name", type="startsWith", filter="S") == [2, 3]  # Ștefan and sergiu
    assert keys("name", type="endsWith", filter="TURCAN") == [5]
    assert keys("name", type="notContains", filter="u") == [4]  # as AG Grid: no name, no "u"
    assert keys("name", type="blank") == [4]
    assert keys("tier", type="equals", filter="national") == [2, 5]  # as shown: "Național"
    assert keys("tier", type="notEqual", filter="national") == [1, 3, 4]
    assert keys("day", type="contains", filter=".2026") == [1, 4]  # dates as shown
    assert keys("day", type="blank") == [2, 5]
    assert keys("day", type="contains", filter="") == [1, 2, 3, 4, 5]  # empty: no filter
    percent = {"filterType": "number", "type": "greaterThanOrEqual", "filter": 80}
    assert _keys(table, View(filters={"share": percent})) == [2, 3]  # 80 means 80 %


def test_view_of_keeps_only_what_is_valid() -> None:
    request = {
        "sortModel": [{"colId": "sessions", "sort": "desc"}, {"colId": "__search", "sort": "asc"},
                      {"colId": "sessions", "sort": "asc"}, {"colId": "name", "sort": "up"},
                      {"colId": "day", "sort": "asc"}, "junk"],
        "filterModel": {"name": {"type": "blank"}, "key": {"type": "blank"}, "tier": "x"},
    }  # fmt: skip
    view = view_of(request, "x" * 500, COLUMNS)
    assert view.sort == (("sessions", False), ("day", True))
    assert list(view.filters) == ["name"]  # only columns of the grid, only dicts
    assert len(view.search) == 200
    assert view_of(None, None, COLUMNS) == View()
    assert view_of({"sortModel": "junk", "filterModel": []}, 7, COLUMNS) == View()


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (None, (0, 50)),
        ({"startRow": 100, "endRow": 150}, (100, 150)),
        ({"startRow": 100.0, "endRow": 120}, (100, 120)),
        ({"startRow": 0, "endRow": 10**9}, (0, MAX_ROWS)),
        ({"startRow": 40, "endRow": 10}, (40, 40)),
        ({"startRow": -1, "endRow": "50"}, (0, 50)),
        ({"startRow": True, "endRow": 0.5}, (0, 50)),
        ({"startRow": float("nan"), "endRow": float("inf")}, (0, 50)),
    ],
)
def test_rows_range_is_clamped(request_: object, expected: tuple[int, int]) -> None:
    assert rows_range(request_) == expected


def test_block_is_the_grid_response(table: pd.DataFrame) -> None:
    rows = apply_view(table, COLUMNS, "ro", View(sort=(("sessions", False),)))
    out = block(rows, COLUMNS, "ro", "key", {"startRow": 1, "endRow": 3}, keep=("key",))
    assert out["rowCount"] == 5
    assert [r["id"] for r in out["rowData"]] == ["2", "1"]
    assert out["rowData"][0]["sessions__text"] == "12"
    assert out["rowData"][0]["key"] == 2
    assert "__search" not in out["rowData"][0]  # the helper columns stay on the server
    assert block(rows, COLUMNS, "ro", "key", {"startRow": 5, "endRow": 55}) == {
        "rowData": [], "rowCount": 5}  # fmt: skip


def test_an_empty_table_views() -> None:
    empty = FRAME.iloc[:0]
    view = View("x", {"sessions": {"type": "blank"}}, (("name", True),))
    assert apply_view(empty, COLUMNS, "en", view).empty


def test_text_keys_are_computed_only_for_the_columns_a_view_uses(table: pd.DataFrame) -> None:
    asked: list[str] = []

    def keys(column: Column) -> pd.Series:
        asked.append(column.field)
        return text_keys(table, column, "ro")

    apply_view(table, COLUMNS, "ro", View(sort=(("sessions", False),)), keys=keys)
    assert asked == []  # numbers sort on their values; no text is folded
    rows = apply_view(table, COLUMNS, "ro", View(sort=(("name", True),)), keys=keys)
    assert asked == ["name"]
    assert rows["key"].tolist() == [5, 3, 2, 1, 4]

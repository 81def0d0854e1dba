"""The server side of a server grid (AG Grid's infinite row model): the grid's *view* — the
search box, the column filters and the sort — applied to the whole table, and one block of it.

The browser only holds the rows on screen. A table is computed once per filters, data version
and language; the folded texts people sort, filter and search on are computed when a view first
needs them (the caller keeps them); each request then filters, sorts and slices it, and an export
applies the very same view to every row. Matching and text sorting ignore case and diacritics
("stefan" finds "Ștefan"). Pure: pandas in, pandas out; every part of a request is validated.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial, reduce
from typing import Any

import pandas as pd

from layouts.grid import BLOCK_ROWS, DATE, NUMERIC, PERCENT, Column, grid_rows, shown_texts

MAX_ROWS = 100  # rows one request may ask for
MAX_TEXT = 200  # characters kept of a search text or a filter value
MAX_CONDITIONS = 4
_MARKS = re.compile("[\u0300-\u036f]")  # combining diacritics (ș = s + U+0326, й = и + U+0306)
Test = Callable[..., pd.Series]
Keys = Callable[[Column], pd.Series]  # a text column's folded keys (see text_keys)
TEXT_TESTS: dict[str, Test] = {
    "contains": lambda s, v: s.str.contains(v, regex=False),
    "notContains": lambda s, v: ~s.str.contains(v, regex=False),
    "equals": lambda s, v: s == v,
    "notEqual": lambda s, v: s != v,
    "startsWith": lambda s, v: s.str.startswith(v),
    "endsWith": lambda s, v: s.str.endswith(v),
}
NUMBER_TESTS: dict[str, Test] = {
    "equals": lambda x, v, _to: x == v,
    "notEqual": lambda x, v, _to: x != v,
    "lessThan": lambda x, v, _to: x < v,
    "lessThanOrEqual": lambda x, v, _to: x <= v,
    "greaterThan": lambda x, v, _to: x > v,
    "greaterThanOrEqual": lambda x, v, _to: x >= v,
    "inRange": lambda x, v, to: (x > v) & (x < to),  # AG Grid's default: both ends excluded
}


def fold(text: str) -> str:
    """``text`` without case and diacritics, for matching and sorting."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def text_keys(table: pd.DataFrame, column: Column, lang: str) -> pd.Series:
    """The sort and match key of a text column: the text shown in ``lang``, folded (``None``
    for an empty cell). Computed only when a view sorts or filters on that column; the caller
    may keep it."""
    shown = shown_texts(column, table[column.field], lang)
    return _texts([fold(v) if isinstance(v, str) and v else None for v in shown], table.index)


def search_texts(table: pd.DataFrame, columns: Sequence[Column], lang: str) -> pd.Series:
    """What people can search for in each row: every column as shown, folded (computed when
    someone first searches; the caller may keep it)."""
    shown = [[fold(v) if isinstance(v, str) else "" for v in shown_texts(c, table[c.field], lang)]
             for c in columns]  # fmt: skip
    return _texts(["\n".join(row) for row in zip(*shown, strict=True)], table.index)


def _texts(values: list[Any], index: pd.Index) -> pd.Series:
    return pd.Series(values, index=index, dtype=object)  # text even when empty


@dataclass(frozen=True)
class View:
    """What a grid shows: search words, column filters (AG Grid's model) and sort order."""

    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: tuple[tuple[str, bool], ...] = ()  # (field, ascending), most important first


def view_of(request: object, search: object, columns: Sequence[Column]) -> View:
    """The view of a grid's ``getRowsRequest`` (sort and filter models) and its search box;
    unknown columns, sort directions and non-dict parts are dropped."""
    request = request if isinstance(request, Mapping) else {}
    fields = {column.field for column in columns}
    sort: list[tuple[str, bool]] = []
    raw_sort = request.get("sortModel")
    for item in raw_sort if isinstance(raw_sort, list) else []:
        if not isinstance(item, Mapping) or item.get("sort") not in ("asc", "desc"):
            continue
        name = item.get("colId")
        if isinstance(name, str) and name in fields and name not in {s[0] for s in sort}:
            sort.append((name, item["sort"] == "asc"))
    raw_filters = request.get("filterModel")
    filters = {
        str(name): model
        for name, model in (raw_filters.items() if isinstance(raw_filters, Mapping) else ())
        if name in fields and isinstance(model, Mapping)
    }
    text = search[:MAX_TEXT] if isinstance(search, str) else ""
    return View(text, filters, tuple(sort))


def rows_range(request: object) -> tuple[int, int]:
    """``startRow``/``endRow`` of a request (the first block without one), at most
    :data:`MAX_ROWS` rows."""
    request = request if isinstance(request, Mapping) else {}
    start = _whole(request.get("startRow"), 0)
    end = _whole(request.get("endRow"), start + BLOCK_ROWS)
    return start, min(max(end, start), start + MAX_ROWS)


def _whole(value: object, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        return default
    return int(value) if value >= 0 else default


def apply_view(
    table: pd.DataFrame, columns: Sequence[Column], lang: str, view: View,
    texts: Callable[[], pd.Series] | None = None,
    keys: Callable[[Column], pd.Series] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """The rows of ``table`` (a default index) that ``view`` shows, in its order. ``texts()``
    gives the table's :func:`search_texts` and ``keys(column)`` a column's :func:`text_keys`
    (both computed here without them)."""
    if keys is None:
        keys = partial(text_keys, table, lang=lang)
    masks = []
    words = fold(view.search).split()
    if words:
        haystack = texts() if texts is not None else search_texts(table, columns, lang)
        masks += [haystack.str.contains(word, regex=False) for word in words]
    by_field = {column.field: column for column in columns}
    for name, model in view.filters.items():
        mask = _column_mask(table, by_field[name], lang, model, keys)
        if mask is not None:
            masks.append(mask)
    rows = table[reduce(lambda a, b: a & b, masks)] if masks else table
    if not view.sort:
        return rows
    order_by = pd.DataFrame(
        {f"by{i}": _sort_values(rows, by_field[name], keys)
         for i, (name, _) in enumerate(view.sort)},
        index=rows.index,
    )  # fmt: skip
    order = order_by.sort_values(
        list(order_by.columns),
        ascending=[ascending for _, ascending in view.sort],
        na_position="last",
        kind="stable",
    )
    return rows.loc[order.index]


def _sort_values(rows: pd.DataFrame, column: Column, keys: Keys) -> pd.Series:
    if column.kind in NUMERIC:
        return pd.to_numeric(rows[column.field], errors="coerce").astype(float)
    if column.kind == DATE:
        return pd.to_datetime(rows[column.field], errors="coerce")
    return keys(column).loc[rows.index]


def block(
    rows: pd.DataFrame, columns: Sequence[Column], lang: str, row_id: str, request: object,
    keep: Sequence[str] = (),
) -> dict[str, Any]:  # fmt: skip
    """The grid's ``getRowsResponse``: the requested rows of ``rows`` and how many there are."""
    start, end = rows_range(request)
    data = grid_rows(rows.iloc[start:end], columns, lang, row_id, keep) if start < len(rows) else []
    return {"rowData": data, "rowCount": len(rows)}


def _column_mask(
    table: pd.DataFrame, column: Column, lang: str, model: Mapping[str, Any], keys: Keys
) -> Any:
    """One column's filter (a condition, or up to four joined by AND/OR); None = no filter."""
    conditions = model.get("conditions")
    if not isinstance(conditions, list):
        return _condition(table, column, lang, model, keys)
    masks = [
        mask
        for item in conditions[:MAX_CONDITIONS]
        if isinstance(item, Mapping)
        and (mask := _condition(table, column, lang, item, keys)) is not None
    ]
    if not masks:
        return None
    if model.get("operator") == "OR":
        return reduce(lambda a, b: a | b, masks)
    return reduce(lambda a, b: a & b, masks)


def _condition(
    table: pd.DataFrame, column: Column, lang: str, model: Mapping[str, Any], keys: Keys
) -> Any:
    test = model.get("type")
    if test in ("blank", "notBlank"):
        missing = table[column.field].isna()
        return missing if test == "blank" else ~missing
    if column.kind in NUMERIC:
        value, to = _number(model.get("filter")), _number(model.get("filterTo"))
        if test not in NUMBER_TESTS or value is None or (test == "inRange" and to is None):
            return None
        numbers = _sort_values(table, column, keys) * (100 if column.kind == PERCENT else 1)
        return NUMBER_TESTS[str(test)](numbers, value, to)  # percents as people type them
    value = model.get("filter")
    if test not in TEXT_TESTS or not isinstance(value, str) or not value:
        return None
    if column.kind == DATE:  # dates are matched as shown ("02.11.2026")
        texts = pd.Series([fold(v) for v in shown_texts(column, table[column.field], lang)],
                          index=table.index)  # fmt: skip
    else:
        texts = keys(column).fillna("")
    return TEXT_TESTS[str(test)](texts, fold(value[:MAX_TEXT]))


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None

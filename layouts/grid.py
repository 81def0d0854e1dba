"""Sortable, searchable, paginated tables (dash-ag-grid) in the current language; their column
definitions are reused for the CSV/XLSX exports (:mod:`layouts.grid_export`).

A grid row carries the raw value of each column (numbers, ISO dates, translated labels) and for
formatted columns a ``<field>__text`` that the grid displays ("1.234" in Romanian, "1 234" in
Russian; "—" where there is no value). Small tables hold every row in the browser; big ones are
*server grids* (AG Grid's infinite row model): the browser asks for one block of rows at a time
and the server sorts, searches and filters (see :mod:`layouts.table_view`). Pure: no Dash
callbacks, no database.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import dash_ag_grid as dag
import pandas as pd

from dashboard.i18n import fmt_date, fmt_int, fmt_number, fmt_percent, t
from dashboard.i18n.formatting import number_marks

TEXT, INT, NUMBER, PERCENT, DATE, LABEL, STATUS = (
    "text", "int", "number", "percent", "date", "label", "status",
)  # fmt: skip
NUMERIC = frozenset({INT, NUMBER, PERCENT})
FORMATTED = frozenset({INT, NUMBER, PERCENT, DATE})
MISSING = "—"
PAGE_SIZES = [10, 20, 50, 100]
BLOCK_ROWS = 50  # rows a server grid asks for at once (~25 KB of JSON)
DATE_WIDTH = 125  # "25.11.2026" and a two-line header
# AG Grid's own interface texts the users see (localeText keys); translated in i18n/directory.py
GRID_TEXT_KEYS = (
    "page", "of", "to", "more", "firstPage", "previousPage", "nextPage", "lastPage",
    "pageSizeSelectorLabel", "ariaPageSizeSelectorLabel", "noRowsToShow", "loadingOoo",
    "filterOoo", "searchOoo", "applyFilter", "resetFilter", "clearFilter", "cancelFilter",
    "equals", "notEqual", "contains", "notContains", "startsWith", "endsWith", "blank",
    "notBlank", "lessThan", "greaterThan", "lessThanOrEqual", "greaterThanOrEqual", "inRange",
    "inRangeStart", "inRangeEnd", "andCondition", "orCondition", "before", "after", "selectAll",
    "sortAscending", "sortDescending", "sortUnSort", "columnFilter", "columnMenu", "pinColumn",
    "pinLeft", "pinRight", "noPin", "autosizeThisColumn", "autosizeAllColumns", "resetColumns",
)  # fmt: skip
# The app's font instead of the theme's web font (nothing is fetched from a font CDN)
THEME = {"function": "themeQuartz.withParams({fontFamily: 'inherit', fontSize: 13})"}


@dataclass(frozen=True)
class Column:
    """One column: the frame column it shows, its translated header, how values are shown.

    ``kind``: text, int, number (one decimal), percent, date, label (a code translated with
    ``labels``: ``t(f"{labels}.{code}")``) or status (a target status, drawn as a pill).
    """

    field: str
    header_key: str
    kind: str = TEXT
    labels: str = ""
    min_width: int = 120
    pinned: bool = False
    missing_key: str = ""  # message shown instead of "—" where there is no value


def grid_locale(lang: str) -> dict[str, str]:
    """AG Grid's ``localeText``: its texts, and its number separators (row counts), in ``lang``."""
    group, decimal, _ = number_marks(lang)
    texts = {key: t(f"grid.{key}", lang) for key in GRID_TEXT_KEYS}
    return texts | {"thousandSeparator": group, "decimalSeparator": decimal}


def header(column: Column, lang: str, **params: object) -> str:
    return t(column.header_key, lang, **params)


def column_defs(columns: Sequence[Column], lang: str, **params: object) -> list[dict[str, Any]]:
    """AG Grid column definitions with headers in ``lang`` (``params`` fill placeholders)."""
    defs = []
    for column in columns:
        title = header(column, lang, **params)
        spec: dict[str, Any] = {"field": column.field, "headerName": title,
                                "headerTooltip": title, "minWidth": column.min_width}  # fmt: skip
        if column.kind in NUMERIC:
            spec |= {"type": "rightAligned", "filter": "agNumberColumnFilter"}
        if column.kind == DATE:
            spec["minWidth"] = max(column.min_width, DATE_WIDTH)
        if column.kind in FORMATTED:
            text = f"params.data.{column.field}__text"
            spec["valueFormatter"] = {"function": f"params.data ? {text} : ''"}
            spec["getQuickFilterText"] = {"function": text}
        if column.kind == STATUS:  # rows still loading (server grids) have no data yet
            code = f"params.data.{column.field}__code"
            spec["cellClass"] = {"function": f"params.data ? 'status-cell status-' + {code} : ''"}
        if column.pinned:
            spec["pinned"] = "left"
        defs.append(spec)
    return defs


def data_grid(
    grid_id: str,
    columns: Sequence[Column],
    lang: str,
    *,
    page_size: int = 20,
    height: int = 520,
    selectable: bool = False,
    server: bool = False,
) -> dag.AgGrid:
    """An empty grid with every user-visible text in ``lang``. Its rows come from a callback:
    all of them (``rowData``), or for a ``server`` grid one block at a time (``getRowsRequest``
    -> ``getRowsResponse``; sorting and column filters are then done by the server)."""
    options: dict[str, Any] = {
        "pagination": True,
        "paginationPageSize": page_size,
        "paginationPageSizeSelector": PAGE_SIZES,
        "localeText": grid_locale(lang),
        "theme": THEME,
        "enableCellTextSelection": True,
        "tooltipShowDelay": 300,
    }
    if selectable:
        options["rowSelection"] = {"mode": "singleRow", "checkboxes": False,
                                   "enableClickSelection": True}  # fmt: skip
    rows: dict[str, Any] = {"rowData": []}
    if server:
        options |= {"cacheBlockSize": BLOCK_ROWS, "maxConcurrentDatasourceRequests": 2}
        rows = {"rowModelType": "infinite"}
    return dag.AgGrid(
        id=grid_id,
        columnDefs=column_defs(columns, lang),
        **rows,
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "filter": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions=options,
        getRowId="params.data.id",
        columnSize="responsiveSizeToFit",
        className="eamb-grid",
        style={"height": f"{height}px", "width": "100%"},
    )


def missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def int_text(value: Any, lang: str) -> str:
    """:func:`dashboard.i18n.fmt_int` ("1.234" in Romanian), any missing value as a dash."""
    return MISSING if missing(value) else fmt_int(value, lang)


def number_text(value: Any, lang: str, digits: int = 1) -> str:
    """:func:`dashboard.i18n.fmt_number`, any missing value as a dash."""
    return MISSING if missing(value) else fmt_number(float(value), lang, digits)


@cache
def date_text(value: dt.date, lang: str) -> str:
    return fmt_date(value, lang, "short")


def as_date(value: Any) -> dt.date | None:
    if missing(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _plain(value: Any) -> Any:
    """A JSON-safe Python value (NaN/NA -> None, numpy scalars -> Python numbers)."""
    if missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _cells(column: Column, values: pd.Series, lang: str) -> dict[str, list[Any]]:
    """The row fields of one column: raw values (and their texts for formatted columns)."""
    field, kind = column.field, column.kind
    missing = t(column.missing_key, lang) if column.missing_key else MISSING
    if kind in (LABEL, STATUS):
        codes = [_plain(v) for v in values]
        names = {c: t(f"{column.labels}.{c}", lang) for c in set(codes) if c is not None}
        cells = {field: [None if c is None else names[c] for c in codes]}
        return cells | ({f"{field}__code": codes} if kind == STATUS else {})
    if kind == DATE:
        days = [as_date(v) for v in values]
        return {
            field: [None if d is None else d.isoformat() for d in days],
            f"{field}__text": [missing if d is None else date_text(d, lang) for d in days],
        }
    raw = [_plain(v) for v in values]
    if kind == TEXT:
        return {field: raw}
    show = {INT: int_text, NUMBER: number_text, PERCENT: fmt_percent}[kind]
    return {field: raw, f"{field}__text": [missing if v is None else show(v, lang) for v in raw]}


def shown_texts(column: Column, values: pd.Series, lang: str) -> list[Any]:
    """What a grid shows in ``column`` for ``values`` (``None`` for an empty text cell)."""
    cells = _cells(column, values, lang)
    return cells[f"{column.field}__text" if column.kind in FORMATTED else column.field]


def grid_rows(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    lang: str,
    row_id: str,
    keep: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The rows of ``frame`` for a grid of ``columns``; ``row_id`` names the unique id column,
    ``keep`` more columns carried as they are (e.g. an id read back from a selected row)."""
    fields: dict[str, list[Any]] = {"id": [str(_plain(v)) for v in frame[row_id]]}
    for name in keep:
        fields[name] = [_plain(v) for v in frame[name]]
    for column in columns:
        fields |= _cells(column, frame[column.field], lang)
    names = list(fields)
    return [dict(zip(names, values, strict=True)) for values in zip(*fields.values(), strict=True)]


def rows_in_view(frame: pd.DataFrame, row_id: str, view: object) -> pd.DataFrame:
    """The rows of ``frame`` a grid shows, in its order: ``view`` is the grid's
    ``virtualRowData`` (after its filters, quick filter and sort); ``None`` = every row.

    Only the row ids are taken from the browser: values always come from ``frame``.
    """
    if not isinstance(view, list):
        return frame
    wanted = [str(row.get("id")) for row in view if isinstance(row, dict)]
    keyed = frame.set_index(frame[row_id].astype(str), drop=False)
    return keyed.loc[[key for key in wanted if key in keyed.index]].reset_index(drop=True)

"""The CSV/XLSX export of a table: the grid's columns, headers in the viewer's language,
labels translated, Excel-safe bytes (:mod:`dashboard.exporting`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from dash import dcc

from dashboard.exporting import sheet_title, to_csv_bytes, to_xlsx_bytes
from dashboard.i18n import t
from layouts.grid import DATE, LABEL, STATUS, Column, as_date, header, missing


def export_headers(columns: Sequence[Column], lang: str, **params: object) -> dict[str, str]:
    return {column.field: header(column, lang, **params) for column in columns}


def export_frame(frame: pd.DataFrame, columns: Sequence[Column], lang: str) -> pd.DataFrame:
    """``frame`` with labels and statuses translated, ready for ``exporting.to_*_bytes``."""
    out = frame.copy()
    for column in columns:
        if column.kind in (LABEL, STATUS):
            out[column.field] = [
                None if missing(v) else t(f"{column.labels}.{v}", lang) for v in out[column.field]
            ]
        elif column.kind == DATE:
            out[column.field] = [as_date(v) for v in out[column.field]]
    return out


def file_name(base: str, day: dt.date, lang: str, *, demo: bool) -> str:
    """``eambasadori-2026-11-25``; demo data says so in the name too (a file outlives the badge)."""
    return f"{base}-{day.isoformat()}" + (f"-{t('export.demo', lang)}" if demo else "")


EXPORT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_download(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    lang: str,
    kind: str,
    name: str,
    **params: object,
) -> dict[str, Any]:
    """``dcc.Download`` data: ``frame``'s ``columns`` as ``name.csv`` or ``name.xlsx``, headers
    in ``lang``, Excel-safe (see :mod:`dashboard.exporting`)."""
    table = export_frame(frame, columns, lang)
    headers = export_headers(columns, lang, **params)
    if kind == "xlsx":
        data = to_xlsx_bytes(table, headers, sheet_title(name), lang)
    else:
        kind, data = "csv", to_csv_bytes(table, headers, lang)
    return dcc.send_bytes(data, f"{name}.{kind}", type=EXPORT_TYPES[kind])

"""Table exports (CSV and XLSX) that open correctly in Excel. Pure: a DataFrame in, bytes out.

The caller passes ``headers``: the columns to export, in order, mapped to their header in the
current language (columns not in ``headers`` are not exported: ids stay internal).

CSV: UTF-8 **with a BOM** (without it Excel reads UTF-8 as the ANSI code page and breaks
ș ț ă â î and Cyrillic). Excel splits a CSV on the *list separator of the Windows locale*: ";"
in ro-MD, ru-MD and ru-RU (where "," is the decimal mark), "," in en-US. So the delimiter and
decimal mark follow the export language: ``ro``/``ru`` → ";" and ","; ``en`` → "," and ".".
Fields are quoted when needed (RFC 4180, CRLF line ends); dates are ISO ``YYYY-MM-DD``, which
Excel recognises in every locale.

XLSX (openpyxl): numbers are numbers, dates are real dates (``dd.mm.yyyy`` in ro/ru,
``yyyy-mm-dd`` in en), and every text is a text cell.

Formula injection: a text starting with ``= + - @`` (or tab / carriage return) could be run
as a formula by a spreadsheet. In CSV such a text is prefixed with ``'`` (OWASP); in XLSX it is
written as a string cell (openpyxl would otherwise store a leading "=" as a formula) with the
"quote prefix" style, so Excel shows it verbatim and keeps it text when edited. Only texts are
touched: a numeric -2 stays the number -2.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_FORMATS = {"ro": (";", ","), "ru": (";", ","), "en": (",", ".")}  # (delimiter, decimal)
XLSX_DATE_FORMATS = {"ro": "dd.mm.yyyy", "ru": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
BOM = "\ufeff"
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_COLUMN_WIDTH = 60


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """``text`` safe for a CSV cell: formula-like texts get a leading apostrophe."""
    return "'" + text if is_formula_like(text) else text


def _columns(frame: pd.DataFrame, headers: Mapping[str, str]) -> list[str]:
    missing = [c for c in headers if c not in frame.columns]
    if missing:
        raise KeyError(f"columns not in the frame: {missing}")
    return list(headers)


def _csv_value(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if _is_midnight(value) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _is_midnight(value: dt.datetime) -> bool:
    return value.hour == value.minute == value.second == value.microsecond == 0


def to_csv_bytes(frame: pd.DataFrame, headers: Mapping[str, str], lang: str = "ro") -> bytes:
    """The ``headers`` columns of ``frame`` as an Excel-friendly CSV (see the module doc)."""
    delimiter, decimal = CSV_FORMATS.get(lang, CSV_FORMATS["ro"])
    columns = _columns(frame, headers)
    out = frame[columns].copy()
    for column in columns:
        if not pd.api.types.is_numeric_dtype(out[column]) or out[column].dtype == bool:
            out[column] = out[column].astype(object).map(_csv_value)
    buffer = io.StringIO()
    out.to_csv(
        buffer,
        sep=delimiter,
        decimal=decimal,
        index=False,
        header=[neutralise(headers[c]) for c in columns],
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    return (BOM + buffer.getvalue()).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    """A value openpyxl writes as the right cell type (None = empty cell)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else number
    if isinstance(value, pd.Timestamp | np.datetime64):
        value = pd.Timestamp(value).to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date() if _is_midnight(value) else value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    return _ILLEGAL_XML.sub("", str(value))


# Control characters XML cannot hold (the same set openpyxl refuses).
_ILLEGAL_XML = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def sheet_title(name: str) -> str:
    """A valid worksheet name: no ``[]:*?/\\``, at most 31 characters, never empty."""
    cleaned = _SHEET_NAME_FORBIDDEN.sub(" ", name).strip().strip("'")[:31]
    return cleaned or "Sheet1"


def to_xlsx_bytes(
    frame: pd.DataFrame, headers: Mapping[str, str], sheet_name: str, lang: str = "ro"
) -> bytes:
    """The ``headers`` columns of ``frame`` as one XLSX sheet (see the module doc)."""
    # openpyxl is imported on first export only: it costs every worker ~10 MB otherwise.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = _columns(frame, headers)
    date_format = XLSX_DATE_FORMATS.get(lang, XLSX_DATE_FORMATS["ro"])
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = sheet_title(sheet_name)
    widths = [len(headers[c]) for c in columns]
    bold = Font(bold=True)
    for j, column in enumerate(columns, start=1):
        _write(sheet.cell(row=1, column=j), headers[column], date_format).font = bold
    for i, row in enumerate(frame[columns].itertuples(index=False, name=None), start=2):
        for j, raw in enumerate(row, start=1):
            cell = _write(sheet.cell(row=i, column=j), raw, date_format)
            widths[j - 1] = max(widths[j - 1], len(str(cell.value or "")))
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(width + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write(cell: Any, raw: Any, date_format: str) -> Any:
    value = _xlsx_value(raw)
    cell.value = value
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"  # openpyxl stores a leading "=" as a formula otherwise
        cell.quotePrefix = True
    elif isinstance(value, dt.date):
        cell.number_format = date_format if not isinstance(value, dt.datetime) else (
            date_format + " hh:mm")  # fmt: skip
    return cell

"""CSV and XLSX exports: BOM, diacritics, delimiters, real types, formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.exporting import neutralise, sheet_title, to_csv_bytes, to_xlsx_bytes

D = dt.date
RISKY = ["=1+1", "+cmd", "-2", "@SUM(A1:A2)", "\t=2", "\r=3"]


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["Ștefan Vodă", "Țânțăreni; «Hasdeu»", "Дубоссары", *RISKY],
        "count": [12, -2, 0, 1, 2, 3, 4, 5, 6],
        "rate": [0.5, -1.25, np.nan, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        "since": [D(2024, 1, 31), None, D(2016, 6, 13), *[D(2024, 2, 29)] * 6],
        "maybe": pd.array([1, None, 3, 4, 5, 6, 7, 8, 9], dtype="Int64"),
        "internal_id": range(9),
    })  # fmt: skip


HEADERS = {"name": "Localitate", "count": "Număr", "rate": "Rată la 10.000",
           "since": "Punct de acces din", "maybe": "Întreg"}  # fmt: skip


def _csv_rows(data: bytes, delimiter: str) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_csv_has_a_bom_and_round_trips_diacritics(frame: pd.DataFrame) -> None:
    data = to_csv_bytes(frame, HEADERS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(data, ";")
    assert rows[0] == list(HEADERS.values())  # only the requested columns, in order
    assert rows[1][0] == "Ștefan Vodă"
    assert rows[2][0] == "Țânțăreni; «Hasdeu»"  # quoted: it holds the delimiter
    assert rows[3][0] == "Дубоссары"
    assert b"\r\n" in data


def test_csv_numbers_and_dates_follow_the_language(frame: pd.DataFrame) -> None:
    ro = _csv_rows(to_csv_bytes(frame, HEADERS, "ro"), ";")
    en = _csv_rows(to_csv_bytes(frame, HEADERS, "en"), ",")
    assert ro[1][1:5] == ["12", "0,5", "2024-01-31", "1"]
    assert ro[2][1:5] == ["-2", "-1,25", "", ""]  # a numeric -2 stays a number
    assert en[2][1:3] == ["-2", "-1.25"]
    assert en[1][0] == "Ștefan Vodă"
    assert len(en[0]) == len(HEADERS)


def test_csv_neutralises_formulas(frame: pd.DataFrame) -> None:
    rows = _csv_rows(to_csv_bytes(frame, HEADERS), ";")
    names = [r[0] for r in rows[4:]]
    assert names == ["'" + v for v in RISKY]
    assert all(not n.startswith(("=", "+", "-", "@", "\t", "\r")) for n in names)
    header = _csv_rows(to_csv_bytes(frame, {"name": "=HYPERLINK(1)"}), ";")[0]
    assert header == ["'=HYPERLINK(1)"]
    assert neutralise("Bălți") == "Bălți"


def test_xlsx_types_and_formula_injection(frame: pd.DataFrame) -> None:
    data = to_xlsx_bytes(frame, HEADERS, "Directorul: eAmbasadori/2024", "ro")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet.title == "Directorul  eAmbasadori 2024"
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == list(HEADERS.values())
    first = rows[1]
    assert first[0].value == "Ștefan Vodă"
    assert (first[1].value, first[1].data_type) == (12, "n")
    assert (first[2].value, first[2].data_type) == (0.5, "n")
    assert first[3].data_type == "d"
    assert first[3].value.date() == D(2024, 1, 31)
    assert first[3].number_format == "dd.mm.yyyy"
    second = rows[2]
    assert (second[1].value, second[1].data_type) == (-2, "n")  # numbers are never touched
    assert second[2].value == -1.25
    assert second[3].value is None
    assert second[4].value is None
    assert rows[3][2].value is None  # NaN -> empty cell
    for row, risky in zip(rows[4:], RISKY, strict=True):
        cell = row[0]
        # kept verbatim (a leading CR reads back as LF unless lxml wrote the file) ...
        assert cell.value.replace("\r", "\n") == risky.replace("\r", "\n")
        assert cell.data_type == "s"  # ... as text, not a formula
    assert len(rows[0]) == len(HEADERS)


def test_xlsx_formula_cells_are_stored_as_strings(frame: pd.DataFrame) -> None:
    import zipfile

    data = to_xlsx_bytes(frame, HEADERS, "x")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no formula element anywhere


def test_english_xlsx_dates_and_sheet_names(frame: pd.DataFrame) -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame, HEADERS, "", "en"))).active
    assert sheet is not None
    assert sheet.title == "Sheet1"
    assert sheet.cell(row=2, column=4).number_format == "yyyy-mm-dd"
    assert sheet_title("a" * 40) == "a" * 31


def test_unknown_columns_are_an_error(frame: pd.DataFrame) -> None:
    with pytest.raises(KeyError):
        to_csv_bytes(frame, {"nope": "Nope"})
    with pytest.raises(KeyError):
        to_xlsx_bytes(frame, {"nope": "Nope"}, "x")


def test_empty_frame_exports_headers_only() -> None:
    empty = pd.DataFrame(columns=["name", "count"])
    rows = _csv_rows(to_csv_bytes(empty, {"name": "Nume", "count": "Număr"}), ";")
    assert rows == [["Nume", "Număr"]]
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(empty, {"name": "Nume"}, "x"))).active
    assert sheet is not None
    assert [c.value for c in next(sheet.iter_rows())] == ["Nume"]

"""Bytes -> table: encodings, delimiters, Excel cells, and every unsafe file refused early."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import time
import zipfile

import openpyxl
import openpyxl.xml.functions
import pytest
from defusedxml.common import EntitiesForbidden

from data_access.importing.formats import ImportLimits
from data_access.importing.readers import RawTable, read_table
from data_access.importing.report import ImportFileError
from tests.test_import_fixtures import SESSION_HEADER, csv_bytes, rezip, xlsx_bytes

LIMITS = ImportLimits()
ROW_RO = [
    "15.01.2024",
    "Ştefan Vodă",
    "Biblioteca din Căuşeni",
    "Ana",
    "online",
    "tineri",
    "5",
    "cazier",
    "X1",
]  # cedilla ş ţ: what Windows-1250 can encode
ROW_RU = [
    "15.01.2024",
    "Кишинэу",
    "Библиотека им. Пушкина",
    "Анна",
    "онлайн",
    "молодёжь",
    "5",
    "cazier",
    "X1",
]


def _error(content: bytes, name: str = "f.xlsx", limits: ImportLimits = LIMITS) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_table(name, content, limits)
    return caught.value.code


def _read(content: bytes, name: str = "f.csv") -> RawTable:
    return read_table(name, content, LIMITS)


@pytest.mark.parametrize(
    ("encoding", "row"),
    [
        ("utf-8", ROW_RO),
        ("utf-8-sig", ROW_RO),
        ("cp1250", ROW_RO),
        ("cp1251", ROW_RU),
        ("utf-8", ROW_RU),
        ("utf-16", ROW_RU),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_encodings_and_delimiters(encoding: str, row: list[str], delimiter: str) -> None:
    table = _read(csv_bytes(SESSION_HEADER, [row], delimiter=delimiter, encoding=encoding))
    assert table.headers == SESSION_HEADER
    assert table.rows == [(2, tuple(row))]


def test_bom_is_not_part_of_the_first_header() -> None:
    content = codecs.BOM_UTF8 + b"data;raion\r\n2024-01-01;Ungheni\r\n"
    assert _read(content).headers == ["data", "raion"]


def test_cp1250_and_cp1251_are_told_apart_on_short_files() -> None:
    ro = "raion\r\nCăuşeni\r\nŞoldăneşti\r\n".encode("cp1250")
    ru = "raion\r\nКаушаны\r\nШолданешты\r\n".encode("cp1251")
    assert [r[1][0] for r in _read(ro).rows] == ["Căuşeni", "Şoldăneşti"]
    assert [r[1][0] for r in _read(ru).rows] == ["Каушаны", "Шолданешты"]


def test_blank_lines_and_extra_empty_columns_are_ignored() -> None:
    content = b"\r\ndata;raion;;;\r\n2024-01-01;Ungheni;;;\r\n;;;;\r\n\r\n2024-01-02;Cahul;;;\r\n"
    table = _read(content)
    assert table.headers == ["data", "raion"]
    assert table.header_row == 2
    assert table.rows == [(3, ("2024-01-01", "Ungheni")), (6, ("2024-01-02", "Cahul"))]


def test_quoted_values_keep_their_delimiters() -> None:
    content = b'data;servicii\r\n2024-01-01;"cazier;pensie"\r\n'
    assert _read(content).rows == [(2, ("2024-01-01", "cazier;pensie"))]


def test_xlsx_keeps_excel_date_cells_and_numbers() -> None:
    content = xlsx_bytes(
        ["data", "participanti", "cod_raport"],
        [[dt.datetime(2024, 1, 15), 12, 1001], [45307, 3.0, "X2"]],
    )
    table = _read(content, "r.xlsx")
    assert table.rows == [
        (2, (dt.datetime(2024, 1, 15), 12, 1001)),
        (3, (45307, 3, "X2")),
    ]


def test_xlsx_reads_the_first_sheet_only() -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["data", "raion"])
    first.append(["2024-01-01", "Ungheni"])
    book.create_sheet("instrucțiuni").append(["anything", "=1+1"])
    out = io.BytesIO()
    book.save(out)
    assert _read(out.getvalue(), "r.xlsx").rows == [(2, ("2024-01-01", "Ungheni"))]


def test_formula_cells_are_refused() -> None:
    content = xlsx_bytes(["data", "participanti"], [["2024-01-01", "=2+3"], ["2024-01-02", 4]])
    with pytest.raises(ImportFileError) as caught:
        read_table("r.xlsx", content, LIMITS)
    assert caught.value.code == "formulas_not_allowed"
    assert caught.value.params == {"cell": "B2", "count": 1}


def test_macro_enabled_files_are_refused() -> None:
    plain = xlsx_bytes(["data"], [["2024-01-01"]])
    assert _error(plain, "raport.xlsm") == "xlsx_macros"
    with_macros = rezip(plain, {"xl/vbaProject.bin": b"\x00" * 64})
    assert _error(with_macros, "raport.xlsx") == "xlsx_macros"  # renamed .xlsm
    # a workbook declared macro-enabled in its content types, even without the macro part
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        types = z.read("[Content_Types].xml")
    main = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert main in types
    declared = rezip(plain, {}, {"[Content_Types].xml": types.replace(
        main, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")})  # fmt: skip
    assert _error(declared, "raport.xlsx") == "xlsx_macros"


def test_encrypted_and_legacy_compound_files_are_refused() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    encrypted = ole + "EncryptedInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    assert _error(encrypted, "raport.xlsx") == "xlsx_encrypted"
    assert _error(ole + b"\x00" * 512, "raport.xls") == "xls_legacy"


def test_zip_bomb_is_refused_from_the_central_directory_quickly() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (64 * 1024 * 1024))  # 64 MB of zeros
    bomb = out.getvalue()
    assert len(bomb) < 200_000
    started = time.perf_counter()
    assert _error(bomb) == "zip_bomb"
    assert time.perf_counter() - started < 0.5
    small_limit = ImportLimits(max_uncompressed_bytes=1024 * 1024)
    assert _error(xlsx_bytes(["data"], [["x" * 2000]] * 800), limits=small_limit) == "zip_bomb"


def test_openpyxl_parses_worksheets_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")


def _billion_laughs_xlsx() -> bytes:
    plain = xlsx_bytes(["data"], [["2024-01-01"]])
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    return rezip(plain, {}, replace={"xl/worksheets/sheet1.xml": evil})


def test_xml_entities_are_refused_before_and_by_openpyxl() -> None:
    evil = _billion_laughs_xlsx()
    assert _error(evil) == "xlsx_dtd"  # our own check, before openpyxl runs
    with pytest.raises(ValueError, match="invalid XML") as caught:  # openpyxl wraps the refusal
        openpyxl.load_workbook(io.BytesIO(evil), read_only=True)
    assert isinstance(caught.value.__cause__, EntitiesForbidden)


def test_size_and_row_limits() -> None:
    content = csv_bytes(["data", "raion"], [["2024-01-01", "Ungheni"]] * 50)
    assert _error(content, "f.csv", ImportLimits(max_bytes=100)) == "file_too_large"
    assert _error(content, "f.csv", ImportLimits(max_rows=49)) == "too_many_rows"
    assert _read(content).rows[-1][0] == 51
    xlsx = xlsx_bytes(["data"], [["2024-01-01"]] * 50)
    assert _error(xlsx, "f.xlsx", ImportLimits(max_rows=49)) == "too_many_rows"
    wide = csv_bytes([f"c{i}" for i in range(80)], [["1"] * 80])
    assert _error(wide, "f.csv") == "too_many_columns"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file_empty"),
        (b" \r\n \r\n", "file_empty"),
        (b"\x00\x01\x02binary\x00", "file_unreadable"),
        (b"PK\x03\x04not really a zip", "xlsx_invalid"),
    ],
)
def test_unreadable_files(content: bytes, code: str) -> None:
    assert _error(content, "f.csv") == code


def test_title_lines_above_the_header_are_skipped() -> None:
    content = csv_bytes(
        ["Raport trimestrial, Biblioteca raională Ungheni", "", ""],
        [["", "", ""], ["data", "raion", "biblioteca"], ["2024-01-01", "Ungheni", "L2"]],
    )
    table = _read(content)
    assert (table.header_row, table.headers) == (3, ["data", "raion", "biblioteca"])
    assert table.rows == [(4, ("2024-01-01", "Ungheni", "L2"))]

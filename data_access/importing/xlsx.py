"""XLSX, read safely: the zip is judged from its central directory before any XML is parsed.

Refused: zip bombs (total uncompressed size, compression ratio, entry count), macros
(``vbaProject.bin``, macro-enabled content types), encryption, DTDs / entity declarations, and
formula cells (the value a formula shows is only in the file if Excel cached it, and a report must
hold values, not computations). openpyxl then reads the first worksheet in read-only mode; it
parses worksheets with defusedxml, which we insist is installed and enabled.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from data_access.importing.formats import ImportLimits
from data_access.importing.normalize import Cell
from data_access.importing.report import ImportFileError

if TYPE_CHECKING:
    import openpyxl

_BOMB_FLOOR = 5 * 1024 * 1024  # below this uncompressed size, a high ratio is harmless
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_zip(content: bytes, limits: ImportLimits) -> None:
    """Refuse zip bombs, macros, encryption and DTDs before any XML is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportFileError("xlsx_invalid") from exc
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos)
        if (
            len(infos) > limits.max_zip_entries
            or total > limits.max_uncompressed_bytes
            or (total > _BOMB_FLOOR and total > packed * limits.max_compression_ratio)
        ):
            raise ImportFileError("zip_bomb")
        names = {i.filename.lower() for i in infos}
        if any(n.endswith("vbaproject.bin") for n in names):
            raise ImportFileError("xlsx_macros")
        if any(n.endswith("encryptedpackage") for n in names):
            raise ImportFileError("xlsx_encrypted")
        if "[content_types].xml" not in names:
            raise ImportFileError("xlsx_invalid")
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                with archive.open(info) as part:
                    head = part.read(4096)
                if _DTD.search(head):
                    raise ImportFileError("xlsx_dtd")
                if info.filename == "[Content_Types].xml" and b"macroEnabled" in head:
                    raise ImportFileError("xlsx_macros")


def xlsx_records(content: bytes, limits: ImportLimits) -> Iterator[tuple[int, list[Cell]]]:
    check_zip(content, limits)
    import openpyxl  # loaded on the first XLSX only (~10 MB per worker otherwise)

    if not openpyxl.DEFUSEDXML:  # never parse untrusted XML without defusedxml
        raise RuntimeError("defusedxml must be installed (and not disabled) to read XLSX")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            book = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=False, keep_links=False
            )
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise ImportFileError("xlsx_invalid") from exc
    try:
        yield from _sheet_records(book, limits)
    finally:
        book.close()


def _sheet_records(
    book: openpyxl.Workbook, limits: ImportLimits
) -> Iterator[tuple[int, list[Cell]]]:
    """Rows of the first worksheet (the template's instructions sheet comes second)."""
    if not book.worksheets:
        raise ImportFileError("file_empty")
    sheet = book.worksheets[0]
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # a stored dimension may be wrong or absurdly large
    formulas, first_formula = 0, ""
    records: list[tuple[int, list[Cell]]] = []
    try:
        rows = sheet.iter_rows(max_col=limits.max_columns + 1)
        for number, row in enumerate(rows, start=1):
            if number > limits.max_rows + 10_000:
                raise ImportFileError("too_many_rows", limit=limits.max_rows)
            cells: list[Cell] = []
            for cell in row:
                if cell.data_type == "f":
                    formulas += 1
                    first_formula = first_formula or str(getattr(cell, "coordinate", ""))
                cells.append(_xlsx_value(cell.value))
            records.append((number, cells))
    except ImportFileError:
        raise
    except Exception as exc:  # defusedxml refusals, corrupt XML
        raise ImportFileError("xlsx_invalid") from exc
    if formulas:
        raise ImportFileError("formulas_not_allowed", cell=first_formula, count=formulas)
    return iter(records)


def _xlsx_value(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | dt.date):
        return value  # datetime is a date subclass: Excel date cells arrive as datetimes
    return str(value)

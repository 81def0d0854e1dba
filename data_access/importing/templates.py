"""Downloadable report templates (``eambasadori template sessions|requests [--xlsx]``).

Choice: templates hold **no example rows**. A filled-in template then never carries a forgotten
example into the database, and an untouched one is rejected as "no data rows" instead of importing
made-up activity. The CSV is the Romanian header row only (UTF-8 with BOM and ``;``, what Excel
in a Romanian/Moldovan locale opens correctly; comment lines are not allowed in CSV). The XLSX has
the header on its first sheet (with drop-down lists for the enumerated columns), an instructions
sheet explaining every column with an example value clearly marked as such, and the list of
services; the importer reads only the first sheet.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from data_access.importing.formats import COLUMNS, KINDS
from data_access.reference import service_types_frame

if TYPE_CHECKING:
    from openpyxl import Workbook

FILE_NAMES = {"sessions": "eambasadori_sesiuni", "requests": "eambasadori_cereri"}
EXAMPLES = {
    "date": "2024-03-15",
    "raion": "Ungheni",
    "library": "BP-UN-0001",
    "ambassador": "AMB-0001",
    "participants": "12",
    "services": "cazier; mpay_utilitati",
    "service": "cazier",
    "report_ref": "BP-UN-0001-2024-001",
}
ENUM_FIELDS = ("format", "audience", "on_behalf_of", "outcome")


def template_file_name(kind: str, xlsx: bool) -> str:
    return f"{FILE_NAMES[kind]}.{'xlsx' if xlsx else 'csv'}"


def headers(kind: str) -> list[str]:
    return [c.header for c in COLUMNS[kind]]


def template_bytes(kind: str, xlsx: bool, lang: str = "ro") -> bytes:
    """The template of ``kind`` as CSV or XLSX bytes; instructions in ``lang``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if not xlsx:
        return ("\ufeff" + ";".join(headers(kind)) + "\r\n").encode("utf-8")
    return _xlsx(kind, lang)


def _t(key: str, lang: str) -> str:
    from dashboard.i18n import t

    return t(f"import.template.{key}", lang)


def _xlsx(kind: str, lang: str) -> bytes:
    from openpyxl import Workbook  # loaded on the first XLSX template only
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    data = book.active
    assert data is not None
    data.title = _t("sheet_data", lang)
    data.append(headers(kind))
    for index, column in enumerate(COLUMNS[kind], start=1):
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = max(14, len(column.header) + 4)
        data[f"{letter}1"].font = Font(bold=True)
        if column.field in ENUM_FIELDS:
            choices = _t(f"choices.{column.field}", lang)
            validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
            validation.showErrorMessage = False  # other spellings (EN/RU) are accepted too
            validation.add(f"{letter}2:{letter}5000")
            data.add_data_validation(validation)
    data.freeze_panes = "A2"
    _instructions(book, kind, lang)
    _services(book, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _instructions(book: Workbook, kind: str, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(_t("sheet_help", lang))
    sheet.append([_t(f"h.{h}", lang) for h in ("column", "required", "meaning", "example")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS[kind]:
        required = _t("yes" if column.required and column.field != "services" else "no", lang)
        if kind == "requests" and column.field == "ambassador":
            meaning = _t("col.ambassador_requests", lang)
        else:
            meaning = _t(f"col.{column.field}", lang)
        example = EXAMPLES.get(column.field) or _t(f"example.{column.field}", lang)
        sheet.append([column.header, required, meaning, f"{_t('example', lang)}: {example}"])
    sheet.append([])
    for note in ("note.examples", "note.privacy", "note.formats"):
        sheet.append([_t(note, lang)])
    for letter, width in zip("ABCD", (16, 14, 80, 36), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _services(book: Workbook, lang: str) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(_t("sheet_services", lang))
    sheet.append(["code", "name_ro", "name_en", "name_ru"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for s in service_types_frame().itertuples():
        sheet.append([str(s.code), str(s.name_ro), str(s.name_en), str(s.name_ru)])
    for letter, width in zip("ABCD", (22, 50, 50, 50), strict=True):
        sheet.column_dimensions[letter].width = width

"""Bytes of an uploaded file -> a header and rows of cells, refusing anything unsafe.

CSV: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1250 or Windows-1251 (told apart by
which decoding gives plausible words), delimiter ``,`` ``;`` or tab taken from the header line.
XLSX: see :mod:`data_access.importing.xlsx`. Legacy ``.xls`` and encrypted workbooks (both OLE
compound files) and macro-enabled extensions are refused here, from the first bytes and the name.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from data_access.importing.formats import ImportLimits, looks_like_header
from data_access.importing.normalize import Cell
from data_access.importing.report import ImportFileError
from data_access.importing.xlsx import xlsx_records

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy .xls or encrypted OOXML
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
MACRO_EXTENSIONS = frozenset({".xlsm", ".xltm", ".xlam", ".xlsb"})
_ROMANIAN_EXTRA = frozenset("ăâîşţșțĂÂÎŞŢȘȚäöüçéÄÖÜÇÉ")
HEADER_SEARCH_ROWS = 10  # title lines tolerated above the header

Row = tuple[Cell, ...]


@dataclass
class RawTable:
    """The header row (as written) and the non-blank data rows with their spreadsheet numbers."""

    headers: list[str]
    rows: list[tuple[int, Row]]
    header_row: int = 1

    def column_values(self, index: int) -> Iterator[tuple[int, Cell]]:
        for number, cells in self.rows:
            yield number, cells[index]


def read_table(file_name: str, content: bytes, limits: ImportLimits) -> RawTable:
    """Parse ``content``; raises :class:`ImportFileError` with a code for every refusal."""
    if len(content) > limits.max_bytes:
        raise ImportFileError(
            "file_too_large", size_mb=_mb(len(content)), limit_mb=_mb(limits.max_bytes)
        )
    if not content.strip():
        raise ImportFileError("file_empty")
    suffix = PurePath(file_name).suffix.lower()
    if suffix in MACRO_EXTENSIONS:
        raise ImportFileError("xlsx_macros")
    if content.startswith(OLE_MAGIC):
        encrypted = ENCRYPTED_PACKAGE in content
        raise ImportFileError("xlsx_encrypted" if encrypted else "xls_legacy")
    if content.startswith(b"PK\x03\x04") or suffix == ".xlsx":
        return _table(xlsx_records(content, limits), limits)
    return _table(_csv_records(content, limits), limits)


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (A, B, ..., Z, AA), for unnamed columns."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


# --- shared -------------------------------------------------------------------------------------


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _table(records: Iterable[tuple[int, Sequence[Cell]]], limits: ImportLimits) -> RawTable:
    """Header + non-blank rows. The header is the first of the first few non-blank rows that
    names report columns (so title lines above it are skipped), else the first non-blank row."""
    # Rows are kept as tuples of atoms: CPython stops tracking those in its garbage collector,
    # which otherwise rescans 200,000 row lists again and again (3x slower on big files).
    header: tuple[int, Row] | None = None
    before_header: list[tuple[int, Row]] = []
    rows: list[tuple[int, Row]] = []
    for number, raw in records:
        if len(raw) > limits.max_columns and not all(_blank(c) for c in raw[limits.max_columns :]):
            raise ImportFileError("too_many_columns", limit=limits.max_columns)
        cells = tuple([c.strip() if type(c) is str else c for c in raw[: limits.max_columns]])
        if all(c is None or c == "" for c in cells):
            continue
        if header is not None:
            rows.append((number, cells))
            if len(rows) > limits.max_rows:
                raise ImportFileError("too_many_rows", limit=limits.max_rows)
        elif looks_like_header(cells):
            header = (number, cells)
        else:
            before_header.append((number, cells))
            if len(before_header) == HEADER_SEARCH_ROWS:
                header, rows = before_header[0], before_header[1:]
    if header is None:
        if not before_header:
            raise ImportFileError("file_empty")
        header, rows = before_header[0], before_header[1:]
    return _rectangle(header, rows)


def _rectangle(header: tuple[int, Row], rows: list[tuple[int, Row]]) -> RawTable:
    """Pad rows to one width; drop columns with neither a header nor a value (Excel adds them)."""
    header_row, names = header
    width = max([len(names)] + [len(cells) for _, cells in rows])
    headers = [("" if _blank(h) else _text(h)) for h in names] + [""] * (width - len(names))
    padded = [(n, cells + (None,) * (width - len(cells))) for n, cells in rows]
    keep = [i for i, h in enumerate(headers) if h or any(not _blank(c[i]) for _, c in padded)]
    if len(keep) < width:
        padded = [(n, tuple([cells[i] for i in keep])) for n, cells in padded]
    return RawTable(headers=[headers[i] for i in keep], rows=padded, header_row=header_row)


def _text(cell: Cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


# --- CSV ---------------------------------------------------------------------------------------


def _csv_records(content: bytes, limits: ImportLimits) -> Iterator[tuple[int, list[str]]]:
    text = decode_text(content)
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise ImportFileError("file_unreadable")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if number > limits.max_rows + 10_000:  # blank lines included
                raise ImportFileError("too_many_rows", limit=limits.max_rows)
            yield number, record
    except csv.Error as exc:
        raise ImportFileError("file_unreadable") from exc


def _control_ratio(text: str) -> float:
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls / max(len(sample), 1)


def decode_text(content: bytes) -> str:
    """UTF-8 (BOM optional), UTF-16 with BOM, else the likelier of Windows-1250 / -1251."""
    try:
        if content.startswith(codecs.BOM_UTF8):
            return content[len(codecs.BOM_UTF8) :].decode("utf-8")
        if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return content.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise ImportFileError("encoding_unknown") from exc
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for encoding in ("cp1250", "cp1251"):
        try:
            candidates[encoding] = content.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise ImportFileError("encoding_unknown")
    best = max(candidates, key=lambda enc: (_plausibility(candidates[enc], enc), enc == "cp1250"))
    return candidates[best]


def _plausibility(text: str, encoding: str) -> int:
    """Words with non-ASCII letters that look right in this decoding, minus those that do not.

    Romanian decoded as cp1251 gives words mixing Latin and Cyrillic ("Cгlгraєi"); Russian
    decoded as cp1250 gives Latin letters foreign to Romanian ("Ęiřinev").
    """
    score = 0
    for word in re.findall(r"[^\W\d_]+", text[:200_000]):
        if word.isascii():
            continue
        if encoding == "cp1251":
            good = all("\u0400" <= ch <= "\u04ff" for ch in word)
        else:
            good = all(ch.isascii() or ch in _ROMANIAN_EXTRA for ch in word)
        score += 1 if good else -1
    return score


def sniff_delimiter(text: str) -> str:
    """The separator used most in the first non-blank line (the header)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","

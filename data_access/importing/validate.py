"""A read table -> records ready to insert, and every error of the file (not just the first).

Order: personal data (refuses the file outright), kind, headers, then each row. Row errors are
collected for all rows so that a reporter can fix a file in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from data_access.importing import privacy
from data_access.importing.formats import (
    COLUMNS,
    ROW_NUMBER_KEYS,
    detect_kind,
    header_key,
    header_map,
)
from data_access.importing.lookup import Lookup
from data_access.importing.normalize import (
    MAX_PARTICIPANTS,
    MIN_DATE,
    Cell,
    cell_text,
    enum_value,
    parse_count,
    parse_date,
    raion_code,
    split_services,
)
from data_access.importing.readers import RawTable, Row, column_letter
from data_access.importing.report import RowError
from data_access.writes import RequestRecord, SessionRecord

MAX_REF_LENGTH = 120  # service_request.source_ref / info_session.source_ref
Record = SessionRecord | RequestRecord


@dataclass
class Validated:
    kind: str | None
    rows: int
    records: list[tuple[int, Record]] = field(default_factory=list)  # (row number, record)
    errors: list[RowError] = field(default_factory=list)


def validate_table(table: RawTable, kind: str | None, lookup: Lookup, today: dt.date) -> Validated:
    """Check ``table`` as a file of ``kind`` (``None`` = detect it from the headers)."""
    result = Validated(kind=kind, rows=len(table.rows))
    result.errors = privacy.scan(table)
    detected = detect_kind(table.headers)
    if result.errors:
        result.kind = kind or detected
        return result
    if kind is not None and detected is not None and detected != kind:
        result.errors.append(RowError(None, None, f"kind_mismatch_{detected}"))
        return result
    result.kind = kind = kind or detected
    if kind is None:
        result.errors.append(RowError(None, None, "kind_unknown"))
        return result
    if not table.rows:
        result.errors.append(RowError(None, None, "file_no_rows"))
        return result
    columns = _map_columns(table, kind, result.errors)
    if any(e.code in {"column_missing", "column_duplicate"} for e in result.errors):
        return result
    check = _RowChecker(kind, columns, table.headers, lookup, today)
    first_row_of_ref: dict[str, int] = {}
    for number, cells in table.rows:
        record = check.row(number, cells, first_row_of_ref)
        if record is not None:
            result.records.append((number, record))
    result.errors.extend(check.errors)
    return result


def _map_columns(table: RawTable, kind: str, errors: list[RowError]) -> dict[str, int]:
    """Field -> column index; reports missing, repeated and unknown non-empty columns."""
    mapping = header_map(kind)
    columns: dict[str, int] = {}
    row = table.header_row
    for index, header in enumerate(table.headers):
        key = header_key(header)
        field_name = mapping.get(key)
        if field_name is not None:
            if field_name in columns:
                errors.append(RowError(row, header, "column_duplicate"))
            columns[field_name] = index
        elif key in ROW_NUMBER_KEYS:
            continue
        elif any(cell_text(c) for _, c in table.column_values(index)):
            errors.append(RowError(row, header or column_letter(index), "column_unknown"))
    for column in COLUMNS[kind]:
        if column.required and column.field not in columns:
            errors.append(RowError(None, None, "column_missing", {"column": column.header}))
    return columns


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _RowChecker:
    def __init__(
        self, kind: str, columns: dict[str, int], headers: list[str], lookup: Lookup, today: dt.date
    ) -> None:
        self.kind, self.columns, self.headers = kind, columns, headers
        self.lookup, self.today = lookup, today
        self.errors: list[RowError] = []

    def row(self, number: int, cells: Row, seen_refs: dict[str, int]) -> Record | None:
        self.number, self.cells, before = number, cells, len(self.errors)
        day = self._date()
        raion = self._raion()
        library_id = self._library(raion)
        ambassador_id = self._ambassador(library_id, required=self.kind == "sessions")
        ref = self._ref(seen_refs)
        if self.kind == "sessions":
            fmt = self._enum("format", "format_invalid")
            audience = self._enum("audience", "audience_invalid")
            participants = self._participants()
            services = self._services()
            if (
                len(self.errors) > before
                or day is None
                or library_id is None
                or ambassador_id is None
                or fmt is None
                or audience is None
                or participants is None
                or services is None
                or ref is None
            ):
                return None
            return SessionRecord(
                day, ambassador_id, library_id, fmt, audience, participants, services, ref
            )
        service = self._service()
        on_behalf = self._enum("on_behalf_of", "on_behalf_of_invalid")
        outcome = self._enum("outcome", "outcome_invalid")
        if (
            len(self.errors) > before
            or day is None
            or library_id is None
            or service is None
            or on_behalf is None
            or outcome is None
            or ref is None
        ):
            return None
        return RequestRecord(day, library_id, ambassador_id, service, on_behalf, outcome, ref)

    # -- helpers ----------------------------------------------------------------------------

    def _cell(self, field_name: str) -> Cell:
        index = self.columns.get(field_name)
        return None if index is None else self.cells[index]

    def _error(self, field_name: str, code: str, **params: object) -> None:
        header = self.headers[self.columns[field_name]]
        self.errors.append(RowError(self.number, header, code, dict(params)))

    def _text(self, field_name: str, required: bool = True) -> str | None:
        text = cell_text(self._cell(field_name))
        if not text and required:
            self._error(field_name, "required")
        return text or None

    def _date(self) -> dt.date | None:
        cell = self._cell("date")
        if not cell_text(cell):
            self._error("date", "required")
            return None
        day = parse_date(cell)
        if day is None:
            self._error("date", "date_invalid", value=_short(cell_text(cell)))
        elif day > self.today:
            self._error("date", "date_future", date=day.isoformat())
        elif day < MIN_DATE:
            self._error("date", "date_too_early", date=day.isoformat(), min=MIN_DATE.isoformat())
        else:
            return day
        return None

    def _raion(self) -> str | None:
        text = self._text("raion")
        if text is None:
            return None
        code = raion_code(text)
        if code is None:
            self._error("raion", "raion_unknown", value=_short(text))
        return code

    def _library(self, raion: str | None) -> int | None:
        text = self._text("library")
        if text is None:
            return None
        match = self.lookup.library(raion, text)
        if match.error:
            self._error("library", match.error, value=_short(text), **match.params)
        return match.id

    def _ambassador(self, library_id: int | None, *, required: bool) -> int | None:
        text = self._text("ambassador", required=required) if "ambassador" in self.columns else None
        if text is None or library_id is None:
            return None
        match = self.lookup.ambassador(library_id, text)
        if match.error:
            self._error("ambassador", match.error, value=_short(text), **match.params)
        return match.id

    def _ref(self, seen: dict[str, int]) -> str | None:
        text = self._text("report_ref")
        if text is None:
            return None
        if len(text) > MAX_REF_LENGTH:
            self._error("report_ref", "report_ref_too_long", max=MAX_REF_LENGTH)
            return None
        if text in seen:
            self._error("report_ref", "report_ref_duplicate_in_file", first_row=seen[text])
            return None
        seen[text] = self.number
        return text

    def _enum(self, field_name: str, code: str) -> str | None:
        text = self._text(field_name)
        if text is None:
            return None
        value = enum_value(field_name, text)
        if value is None:
            self._error(field_name, code, value=_short(text))
        return value

    def _participants(self) -> int | None:
        cell = self._cell("participants")
        text = cell_text(cell)
        if not text:
            self._error("participants", "required")
            return None
        count = parse_count(cell)
        if count is None:
            self._error("participants", "participants_not_number", value=_short(text))
        elif count < 0:
            self._error("participants", "participants_negative", value=count)
        elif count > MAX_PARTICIPANTS:
            self._error("participants", "participants_too_large", value=count, max=MAX_PARTICIPANTS)
        else:
            return count
        return None

    def _services(self) -> tuple[str, ...] | None:
        # A session may cover no particular service (e.g. general digital skills): empty is fine.
        text = self._text("services", required=False) or ""
        codes: list[str] = []
        unknown = False
        for item in split_services(text):
            code = self.lookup.service(item)
            if code is None:
                self._error("services", "service_unknown", value=_short(item))
                unknown = True
            elif code not in codes:
                codes.append(code)
        return None if unknown else tuple(codes)

    def _service(self) -> str | None:
        text = self._text("service")
        if text is None:
            return None
        code = self.lookup.service(text)
        if code is None:
            self._error("service", "service_unknown", value=_short(text))
        return code

"""Pure helpers of the Data page: read an uploaded file from its client-side store, turn an
importer report into a :class:`ReportView`, shape the import history. No Dash, no database."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.i18n import fmt_number, t
from data_access.importing import ImportReport, RowError
from data_access.importing.formats import COLUMNS
from data_access.importing.load import IN_PROGRESS
from layouts.import_report import ERROR_CAP, ReportView
from layouts.pages.data import FormatRow

MIB = 1024 * 1024
BROWSER_PROBLEMS = frozenset({"too_large", "wrong_type", "several"})  # found before reading


@dataclass(frozen=True)
class Upload:
    """The file a user chose: its bytes, or why it was refused before the importer saw it."""

    name: str
    size: int
    content: bytes | None = None
    problem: str | None = None  # too_large / wrong_type / several / unreadable


def read_upload(stored: object, max_bytes: int) -> Upload | None:
    """The file in the client-side store (``{"name", "size", "content": data URL}`` or
    ``{"name", "size", "problem"}``), decoded and checked against ``max_bytes`` on the server.
    ``None`` when no file was chosen."""
    if not isinstance(stored, dict):
        return None
    name = str(stored.get("name") or "upload")[:255]
    size = stored.get("size")
    size = size if isinstance(size, int) and size >= 0 else 0
    problem = stored.get("problem")
    if problem in BROWSER_PROBLEMS:
        return Upload(name, size, problem=str(problem))
    data_url = stored.get("content")
    if not isinstance(data_url, str):
        return Upload(name, size, problem="unreadable")
    header, _, encoded = data_url.partition(",")  # an empty file is just "data:"
    if not header.startswith("data:") or (encoded and not header.endswith(";base64")):
        return Upload(name, size, problem="unreadable")
    if len(encoded) // 4 * 3 - 2 > max_bytes:  # refused before decoding anything
        return Upload(name, len(encoded) // 4 * 3, problem="too_large")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return Upload(name, size, problem="unreadable")
    if len(content) > max_bytes:
        return Upload(name, len(content), problem="too_large")
    return Upload(name, len(content), content)


def mb_text(size: int, lang: str, *, up: bool = False) -> str:
    """Megabytes with one decimal; ``up`` rounds up, so a file just over the limit never reads
    as the limit itself ("10.1 MB; the limit is 10.0 MB")."""
    mb = math.ceil(size * 10 / MIB) / 10 if up else size / MIB
    return fmt_number(mb, lang)


def problem_message(upload: Upload, max_bytes: int, lang: str) -> str:
    if upload.problem == "too_large":
        return t("import.file_too_large", lang, size_mb=mb_text(upload.size, lang, up=True),
                 limit_mb=mb_text(max_bytes, lang))  # fmt: skip
    if upload.problem == "wrong_type":
        return t("data.wrong_type", lang, file=upload.name)
    if upload.problem == "several":
        return t("data.one_file", lang)
    return t("import.file_unreadable", lang)


def _text(error: RowError, lang: str, located: bool) -> str:
    return error.message(lang) if located else t(f"import.{error.code}", lang, **error.params)


def to_view(report: ImportReport, size: int, lang: str, *, located: bool = False) -> ReportView:
    """What the page shows of ``report``; ``located`` puts "Row 3, column X:" in each message
    (for a plain list; the report's table has row and column in their own columns)."""
    errors = report.sorted_errors()
    privacy = t("import.personal_data_refused", lang)
    shown = {e.message(lang) for e in errors} | {privacy}
    notices = tuple(line for line in report.messages(lang)[1:] if line not in shown)
    checked_rows = {e.row for e in errors if e.row is not None}
    file_level = report.failure is not None or any(e.row is None for e in errors)
    new_rows = report.rows - report.duplicates if report.status == "valid" else report.inserted
    return ReportView(
        status=report.status,
        file_name=report.file_name,
        size=size,
        sha256=report.sha256,
        kind=report.kind,
        rows=report.rows,
        valid_rows=None if file_level else report.rows - len(checked_rows),
        new_rows=new_rows,
        duplicates=report.duplicates,
        summary=report.summary(lang),
        privacy=report.refused_for_privacy,
        notices=notices,
        errors=tuple((e.row, e.column, _text(e, lang, located)) for e in errors[:ERROR_CAP]),
        error_total=len(errors),
    )


def _utc_text(value: Any) -> str:
    """Stored as UTC: naive on SQLite, aware on PostgreSQL."""
    if value is None or value is pd.NaT:
        return "—"
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(dt.UTC)
    return stamp.strftime("%Y-%m-%d %H:%M")


def history_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``import_history`` with the time as text, a short fingerprint, and a batch still marked
    "in progress" shown as interrupted or in progress (a crash leaves it so)."""
    out = frame.copy()
    out["when"] = [_utc_text(v) for v in out["created_at"]]
    interrupted = (out["status"] == "failed") & (out["message"] == IN_PROGRESS)
    out.loc[interrupted, "status"] = "interrupted"
    out["sha"] = out["sha256"].astype(str).str[:12]
    return out


def format_specs() -> dict[str, list[FormatRow]]:
    """The documented columns of each kind: (template header, required, meaning key)."""
    specs: dict[str, list[FormatRow]] = {}
    for kind, columns in COLUMNS.items():
        rows: list[FormatRow] = []
        for column in columns:
            meaning = column.field
            if kind == "requests" and column.field == "ambassador":
                meaning = "ambassador_requests"
            required = column.required and column.field != "services"
            rows.append((column.header, required, f"import.template.col.{meaning}"))
        specs[kind] = rows
    return specs

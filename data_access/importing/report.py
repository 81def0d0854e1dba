"""The outcome of inspecting or importing one file, as codes and parameters.

Nothing here is translated when the report is built: errors are ``(row, column, code, params)``
and :meth:`ImportReport.messages` renders them in the UI's language through the i18n catalog
(``dashboard/i18n/importing.py``, keys ``import.<code>``). The catalog is imported lazily so that
``data_access`` keeps no import-time dependency on the application layer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Statuses of import_batch, plus "valid" for a dry run that would import.
IMPORTED, REJECTED, DUPLICATE, FAILED, VALID = (
    "imported",
    "rejected",
    "duplicate",
    "failed",
    "valid",
)
PRIVACY_CODES = frozenset(
    {"personal_data_column", "personal_data_idnp", "personal_data_email", "personal_data_phone"}
)


class ImportFileError(Exception):
    """A file-level problem found while reading (too large, encrypted, zip bomb, ...)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` is the spreadsheet row number (header = 1), ``None`` for the file."""

    row: int | None
    column: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        from dashboard.i18n import t

        text = t(f"import.{self.code}", lang, **self.params)
        if self.row is not None and self.column:
            where = t("import.where.row_column", lang, row=self.row, column=self.column)
        elif self.row is not None:
            where = t("import.where.row", lang, row=self.row)
        elif self.column:
            where = t("import.where.column", lang, column=self.column)
        else:
            return text
        return f"{where}: {text}"


@dataclass
class ImportReport:
    """What happened to one file. ``rows`` counts the data rows read (blank lines excluded)."""

    file_name: str
    sha256: str
    kind: str | None = None
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    duplicate_rows: list[int] = field(default_factory=list)  # already in the database: skipped
    inserted: int = 0
    status: str = REJECTED
    dry_run: bool = False
    batch_id: int | None = None
    previous_import: dt.datetime | None = None  # the same bytes were imported before, at
    failure: str | None = None  # code of an unexpected failure (busy, conflict, error)

    @property
    def ok(self) -> bool:
        """Imported, would import (dry run), or nothing to do (all rows already present)."""
        return self.status in {IMPORTED, VALID, DUPLICATE}

    @property
    def duplicates(self) -> int:
        return len(self.duplicate_rows)

    @property
    def refused_for_privacy(self) -> bool:
        return any(e.code in PRIVACY_CODES for e in self.errors)

    def summary(self, lang: str) -> str:
        """One line: the status with its counts."""
        from dashboard.i18n import t

        params = {"rows": self.rows, "inserted": self.inserted, "duplicates": self.duplicates,
                  "errors": len(self.errors), "file": self.file_name}  # fmt: skip
        return t(f"import.status.{self.status}", lang, **params)

    def messages(self, lang: str) -> list[str]:
        """The summary, notices, then every error in row order, in ``lang``."""
        from dashboard.i18n import t

        lines = [self.summary(lang)]
        if self.failure:
            lines.append(t(f"import.failure.{self.failure}", lang))
        if self.refused_for_privacy:
            lines.append(t("import.personal_data_refused", lang))
        lines.extend(e.message(lang) for e in self.sorted_errors())
        if self.duplicate_rows:
            rows = _row_list(self.duplicate_rows)
            lines.append(t("import.notice.duplicates", lang, count=self.duplicates, rows=rows))
        if self.previous_import is not None:
            stamp = self.previous_import  # naive on SQLite (stored as UTC), aware on PostgreSQL
            if stamp.tzinfo is not None:
                stamp = stamp.astimezone(dt.UTC)
            when = stamp.strftime("%Y-%m-%d %H:%M UTC")
            lines.append(t("import.notice.same_file", lang, when=when))
        return lines

    def sorted_errors(self) -> list[RowError]:
        """File-level errors first, then by row; within a row, in column order (stable sort)."""
        return sorted(self.errors, key=lambda e: e.row or 0)

    def audit_message(self) -> str:
        """Language-neutral text for ``import_batch.message``: counts and codes, never values
        (a refused file may hold personal data, and the audit trail must not copy it)."""
        parts = [f"rows={self.rows}", f"inserted={self.inserted}", f"duplicates={self.duplicates}"]
        if self.errors:
            codes = Counter(e.code for e in self.errors)
            listed = ", ".join(f"{code}×{n}" for code, n in sorted(codes.items()))
            first = [
                f"{e.row or '-'}:{e.column or '-'}:{e.code}" for e in self.sorted_errors()[:20]
            ]
            parts.append(f"errors={len(self.errors)} ({listed})")
            parts.append("first: " + "; ".join(first))
        if self.failure:
            parts.append(f"failure={self.failure}")
        return "; ".join(parts)[:4000]


def _row_list(rows: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(r) for r in sorted(rows)[:limit])
    return shown + (" …" if len(rows) > limit else "")

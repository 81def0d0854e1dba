"""Functions behind ``eambasadori import`` and ``eambasadori template`` (wired by dashboard.cli).

Exit codes of :func:`run_import`: 0 = imported, or nothing new to import (every row already
present: re-running an import is safe and succeeds), or a valid dry run; 1 = rejected or failed
(the report explains why); 2 = the file cannot be read or the arguments are wrong.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import TextIO

from data_access.database import Database
from data_access.importing.api import DEFAULT_LIMITS, import_file, inspect_file
from data_access.importing.formats import KINDS, ImportLimits
from data_access.importing.templates import template_bytes, template_file_name

MAX_LINES = 200  # error lines printed; the rest are counted


def _t(key: str, lang: str, **params: object) -> str:
    from dashboard.i18n import t

    return t(key, lang, **params)


def default_user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry (containers)
        return "cli"


def run_import(
    database_url: str,
    path: str | Path,
    kind: str | None = None,
    dry_run: bool = False,
    lang: str = "ro",
    created_by: str | None = None,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Import (or with ``dry_run`` only check) one report file; prints the report in ``lang``."""
    out, err = out or sys.stdout, err or sys.stderr
    if kind is not None and kind not in KINDS:
        print(f"--kind must be one of {', '.join(KINDS)}", file=err)
        return 2
    file = Path(path)
    try:
        with file.open("rb") as fh:
            content = fh.read(limits.max_bytes + 1)  # enough to know it is too large
    except OSError:
        print(_t("import.cli.no_file", lang, path=str(file)), file=err)
        return 2
    db = Database(database_url)
    try:
        if dry_run:
            report = inspect_file(db, file.name, content, kind, limits=limits)
        else:
            user = created_by or default_user()
            report = import_file(db, file.name, content, kind, created_by=user, limits=limits)
    finally:
        db.dispose()
    lines = report.messages(lang)
    stream = out if report.ok else err
    for line in lines[:MAX_LINES]:
        print(line, file=stream)
    if len(lines) > MAX_LINES:
        print(_t("import.cli.more", lang, count=len(lines) - MAX_LINES), file=stream)
    return 0 if report.ok else 1


def run_template(
    kind: str,
    xlsx: bool,
    output_path: str | Path | None = None,
    lang: str = "ro",
    *,
    out: TextIO | None = None,
) -> int:
    """Write the template of ``kind``; ``output_path`` None = its default name in the current
    folder, ``"-"`` = standard output (CSV only)."""
    out = out or sys.stdout
    if kind not in KINDS:
        print(f"kind must be one of {', '.join(KINDS)}", file=sys.stderr)
        return 2
    content = template_bytes(kind, xlsx, lang)
    if str(output_path) == "-" and not xlsx:
        sys.stdout.buffer.write(content)
        return 0
    target = Path(output_path) if output_path else Path.cwd() / template_file_name(kind, xlsx)
    if target.is_dir():
        target = target / template_file_name(kind, xlsx)
    target.write_bytes(content)
    print(_t("import.cli.written", lang, path=str(target)), file=out)
    return 0

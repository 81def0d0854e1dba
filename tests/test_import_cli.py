"""``run_import`` / ``run_template``: exit codes, reports in the chosen language, template files."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from data_access.database import Database
from data_access.importing import ImportLimits
from data_access.importing.cli import run_import, run_template
from data_access.importing.templates import headers
from tests.test_import_fixtures import (
    SESSION_HEADER,
    batches,
    counts,
    csv_bytes,
    seed_people,
    session_rows,
)


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _run(db: Database, path: Path, **kwargs: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_import(_url(db), path, out=out, err=err, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_import_exit_codes_and_reports(db: Database, tmp_path: Path) -> None:
    seed_people(db)
    good = tmp_path / "sesiuni.csv"
    good.write_bytes(csv_bytes(SESSION_HEADER, session_rows("C", 4), delimiter=";"))

    code, out, _ = _run(db, good, dry_run=True, lang="en")
    assert (code, counts(db)["sessions"]) == (0, 0)
    assert "is valid" in out

    code, out, _ = _run(db, good, created_by="cli:test")
    assert code == 0
    assert "a fost importat" in out
    code, out, _ = _run(db, good, lang="ru")
    assert code == 0  # nothing new: re-running an import is safe and succeeds
    assert "не содержит новых данных" in out

    bad = tmp_path / "rau.csv"
    rows = session_rows("D", 2)
    rows[1][6] = "-1"
    bad.write_bytes(csv_bytes(SESSION_HEADER, rows))
    code, out, err = _run(db, bad, lang="en")
    assert (code, out) == (1, "")
    assert "Row 3, column “participanti”: The number of participants cannot be negative" in err

    code, _, err = _run(db, good, kind="requests", lang="en")
    assert code == 1
    assert "looks like a sessions report" in err

    code, _, err = _run(db, good, limits=ImportLimits(max_bytes=50), lang="en")
    assert code == 1
    assert "the limit is 0.0 MB" in err

    assert [b[1] for b in batches(db)] == [
        "imported",
        "duplicate",
        "rejected",
        "rejected",
        "rejected",
    ]
    assert _run(db, tmp_path / "missing.csv")[0] == 2
    assert _run(db, good, kind="people")[0] == 2


def test_templates_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert run_template("sessions", xlsx=False, output_path=None, out=out) == 0
    csv_file = tmp_path / "eambasadori_sesiuni.csv"
    expected = ";".join(SESSION_HEADER) + "\r\n"
    assert csv_file.read_bytes() == ("\ufeff" + expected).encode()
    assert str(csv_file) in out.getvalue()

    target = tmp_path / "cereri.xlsx"
    assert run_template("requests", xlsx=True, output_path=target, lang="en", out=out) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["report", "instructions", "services"]
    first = [c.value for c in book.worksheets[0][1]]
    assert first == headers("requests")
    assert book.worksheets[0].max_row == 1  # no example rows in the data sheet
    help_rows = [[c.value for c in row] for row in book.worksheets[1].iter_rows(min_row=2)]
    assert [r[0] for r in help_rows[: len(first)]] == first
    assert all("example only" in str(r[3]) for r in help_rows[: len(first)])
    assert book.worksheets[2].max_row == 17  # header + 16 service types

    assert run_template("people", xlsx=False, output_path=None, out=out) == 2

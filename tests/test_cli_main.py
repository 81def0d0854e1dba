"""The real ``eambasadori`` entry point (``dashboard.cli.main``): arguments parsed by argparse,
settings read from the environment (``DATABASE_URL``), the import and template commands wired
to their functions. Exit codes: 0 imported / nothing new / valid dry run, 1 rejected, 2 the
command line, the configuration or the file itself is unusable."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from dashboard.cli import main
from data_access.database import Database
from data_access.importing.templates import headers
from tests.test_import_fixtures import (
    SESSION_HEADER,
    batches,
    counts,
    csv_bytes,
    seed_people,
    session_rows,
)


@pytest.fixture
def cli_db(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """A database with the hand-made people, named to the CLI the way an operator does."""
    seed_people(db)
    monkeypatch.setenv("DATABASE_URL", db.url.render_as_string(hide_password=False))
    return db


def _good(folder: Path) -> Path:
    path = folder / "sesiuni.csv"
    path.write_bytes(csv_bytes(SESSION_HEADER, session_rows("M", 3), delimiter=";"))
    return path


def test_import_dry_run_then_import_then_again(
    cli_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good(tmp_path)
    assert main(["import", str(good), "--dry-run", "--lang", "en"]) == 0
    assert "is valid" in capsys.readouterr().out
    assert counts(cli_db)["sessions"] == 0  # a dry run writes nothing, not even a batch
    assert counts(cli_db)["batches"] == 0

    assert main(["import", str(good), "--kind", "sessions"]) == 0
    assert "a fost importat" in capsys.readouterr().out
    assert counts(cli_db)["sessions"] == 3

    assert main(["import", str(good), "--lang", "en"]) == 0  # the same file: nothing new, 0
    assert counts(cli_db)["sessions"] == 3
    assert [b[1] for b in batches(cli_db)] == ["imported", "duplicate"]


def test_import_of_a_bad_file_exits_1_with_the_report(
    cli_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = session_rows("B", 2)
    rows[1][6] = "-1"
    bad = tmp_path / "rau.csv"
    bad.write_bytes(csv_bytes(SESSION_HEADER, rows))
    assert main(["import", str(bad), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Row 3, column “participanti”: The number of participants cannot be negative" in err
    assert counts(cli_db)["sessions"] == 0
    assert [b[1] for b in batches(cli_db)] == ["rejected"]


def test_unusable_command_lines_exit_2(
    cli_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(["import", str(good), "--kind", "people"])
    assert exited.value.code == 2  # argparse: not one of sessions, requests
    assert "invalid choice: 'people'" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.csv")]) == 2
    assert counts(cli_db) == {"sessions": 0, "links": 0, "requests": 0, "batches": 0}


def test_a_bad_setting_exits_2_before_touching_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'never.sqlite3'}")
    monkeypatch.setenv("DORMANT_DAYS", "sixty")
    assert main(["import", str(_good(tmp_path)), "--dry-run"]) == 2
    assert "DORMANT_DAYS must be an integer" in capsys.readouterr().err
    assert not (tmp_path / "never.sqlite3").exists()


def test_templates_written_by_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = tmp_path / "sesiuni.xlsx"
    assert main(["template", "sessions", "--xlsx", "-o", str(xlsx)]) == 0
    book = openpyxl.load_workbook(xlsx)
    assert [c.value for c in book.worksheets[0][1]] == headers("sessions") == SESSION_HEADER
    assert str(xlsx) in capsys.readouterr().out

    target = tmp_path / "cereri.csv"
    assert main(["template", "requests", "--output", str(target)]) == 0
    text = target.read_bytes().decode("utf-8-sig")  # with a BOM, for Excel
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [headers("requests")]
    assert headers("requests")[-3:] == ["in_numele", "rezultat", "cod_raport"]

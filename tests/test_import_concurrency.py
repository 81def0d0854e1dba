"""Atomic and concurrent-safe imports, on SQLite and PostgreSQL.

- A process SIGKILLed half-way through an import leaves no fact rows, an audit row saying the
  attempt never finished, and a database that imports the same file normally afterwards.
- Two imports at once (threads with their own connections) both complete; the same file imported
  twice at once is stored exactly once, without a unique-violation surfacing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text

from data_access.database import Database
from data_access.importing import ImportReport, import_file, import_history
from data_access.importing import load as load_module
from data_access.importing.load import IN_PROGRESS
from tests.test_import_fixtures import (
    SESSION_HEADER,
    TODAY,
    batches,
    counts,
    csv_bytes,
    rollups_match_facts,
    seed_people,
    session_rows,
)

REPO = Path(__file__).resolve().parents[1]
KILLED_IMPORT = """
import pathlib, sys, time
from data_access.importing import load
from data_access.importing.cli import run_import

def pause_half_way():
    pathlib.Path(sys.argv[3]).write_text("half of the rows are inserted, not committed")
    time.sleep(300)  # killed long before this ends

load.HOOKS.after_first_half = pause_half_way
sys.exit(run_import(sys.argv[1], sys.argv[2], "sessions", created_by="doomed"))
"""


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_killed_import_leaves_no_partial_rows(db: Database, tmp_path: Path) -> None:
    seed_people(db)
    report_file = tmp_path / "sesiuni.csv"
    report_file.write_bytes(csv_bytes(SESSION_HEADER, session_rows("K", 40)))
    marker = tmp_path / "half-way"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, _url(db), str(report_file), str(marker)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(lambda: marker.exists() or proc.poll() is not None, 60, "the import to pause")
        assert marker.exists(), proc.stderr.read().decode() if proc.stderr else ""
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    assert counts(db) == {"sessions": 0, "links": 0, "requests": 0, "batches": 1}
    history = import_history(db)
    assert (history.loc[0, "status"], history.loc[0, "message"]) == ("failed", IN_PROGRESS)
    if db.is_sqlite:
        with db.session() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    again = import_file(db, "sesiuni.csv", report_file.read_bytes(), created_by="t", today=TODAY)
    assert (again.status, again.inserted) == ("imported", 40)
    assert counts(db)["sessions"] == 40
    assert rollups_match_facts(db)


def _other_import_is_waiting(db: Database) -> bool:
    """PostgreSQL shows the second import queued on the advisory lock."""
    with db.session() as s:
        waiting = s.execute(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        ).scalar()
    return bool(waiting)


@pytest.mark.parametrize("same_file", [False, True], ids=["different-files", "same-file"])
def test_two_imports_at_once(
    db: Database, same_file: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_people(db)
    first = csv_bytes(SESSION_HEADER, session_rows("A", 30))
    second = first if same_file else csv_bytes(SESSION_HEADER, session_rows("B", 30))

    started = threading.Semaphore(0)  # released by each import as it records its attempt
    original_insert_batch = load_module.insert_batch

    def insert_batch(*args: object, **kwargs: object) -> int:
        if IN_PROGRESS in args:
            started.release()
        return original_insert_batch(*args, **kwargs)  # type: ignore[arg-type]

    paused: list[str] = []

    def hold_the_lock_until_the_other_waits() -> None:
        """Runs in the import that got the lock first, with half of its rows inserted."""
        paused.append(threading.current_thread().name)
        if len(paused) > 1:
            return
        assert started.acquire(timeout=10)
        assert started.acquire(timeout=10)  # the other import has started too
        if db.is_sqlite:
            # It is now blocked in BEGIN IMMEDIATE, which SQLite does not let us observe.
            time.sleep(0.3)
        else:
            _wait_for(lambda: _other_import_is_waiting(db), 10, "the second import to queue")

    monkeypatch.setattr(load_module, "insert_batch", insert_batch)
    monkeypatch.setattr(load_module.HOOKS, "after_first_half", hold_the_lock_until_the_other_waits)

    reports: dict[str, ImportReport] = {}
    crashes: list[BaseException] = []
    barrier = threading.Barrier(2)

    def run(name: str, content: bytes) -> None:
        own = Database(_url(db))  # its own engine and connections, like another worker
        try:
            barrier.wait(timeout=10)
            reports[name] = import_file(own, f"{name}.csv", content, created_by=name, today=TODAY)
        except BaseException as exc:  # surfaced below, not lost in the thread
            crashes.append(exc)
        finally:
            own.dispose()

    threads = [
        threading.Thread(target=run, args=(n, c), name=n)
        for n, c in (("first", first), ("second", second))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not crashes, crashes
    assert paused, "the imports did not overlap"

    statuses = sorted(r.status for r in reports.values())
    assert all(r.failure is None for r in reports.values())
    if same_file:
        assert statuses == ["duplicate", "imported"]
        assert counts(db)["sessions"] == 30
    else:
        assert statuses == ["imported", "imported"]
        assert counts(db)["sessions"] == 60
        with db.session() as s:
            refs = set(s.scalars(select(load_module.InfoSession.source_ref)))
        assert refs == {f"A-{i}" for i in range(1, 31)} | {f"B-{i}" for i in range(1, 31)}
    assert sorted(b[1] for b in batches(db)) == statuses
    assert rollups_match_facts(db)

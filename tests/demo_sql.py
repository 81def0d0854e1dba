"""Plain SQL on the demo database, for the demo data tests (tests/test_demo_*.py): their
expectations never use the generator's own code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import text

from data_access.database import Database
from tests.conftest import DEMO_UNTIL

UNTIL = DEMO_UNTIL


def open_demo_db(demo_sqlite: Path) -> Iterator[Database]:
    """The shared demo database (conftest ``demo_sqlite``: seed 42, until 2026-11-25), for a
    module-scoped fixture of tests that only read it."""
    db = Database(f"sqlite:///{demo_sqlite}")
    try:
        yield db
    finally:
        db.dispose()


def one(db: Database, sql: str, **params: Any) -> Any:
    with db.session() as s:
        return s.execute(text(sql), params).scalar_one()


def rows(db: Database, sql: str, **params: Any) -> list[Any]:
    with db.session() as s:
        return list(s.execute(text(sql), params).all())

"""The ``eambasadori demo-data`` command body: migrate, generate, print a short summary."""

from __future__ import annotations

import datetime as dt
import sys

from data_access.database import Database
from data_access.demo.generator import generate_demo_data
from data_access.demo.spec import DemoDataError
from data_access.schema import init_db

EXIT_OK = 0
EXIT_NOT_EMPTY = 2


def run_demo_data(database_url: str, scale: str, seed: int, until: dt.date | None) -> int:
    """Apply migrations and reference data, then generate; returns the process exit code."""
    db = Database(database_url)
    try:
        init_db(db)
        summary = generate_demo_data(
            db, scale=scale, seed=seed, until=until, progress=lambda m: print(m, flush=True)
        )
    except DemoDataError as exc:
        print(f"demo-data: {exc}", file=sys.stderr)
        return EXIT_NOT_EMPTY
    finally:
        db.dispose()
    print("\n".join(summary.lines()))
    return EXIT_OK

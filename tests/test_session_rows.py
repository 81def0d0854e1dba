"""The sessions held in memory answer per-person and per-library sums and latest days exactly as
the facts in SQL do: by hand on the hand-made data (both engines), and on the demo data under
many filter shapes (services, formats, places, day ranges)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries.planner import aggregate
from data_access.queries.session_rows import session_rows, sessions_in_memory
from data_access.reference import service_types_frame
from tests.conftest import DEMO_UNTIL
from tests.handmade import seed_handmade

D = dt.date
MEASURES = ("sessions", "participants", "last_day")


def _by_key(frame: pd.DataFrame, by: str) -> dict[int, tuple[int, int, object]]:
    return {int(r[by]): (int(r["sessions"]), int(r["participants"]),
                         pd.Timestamp(r["last_day"]).date())
            for r in frame.to_dict("records")}  # fmt: skip


def test_per_ambassador_and_library_by_hand(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:
        # January-February 2024: S1 (ambassador 1, 10 people), S2 and S4 (ambassador 2, 20 and
        # 7), S3 (ambassador 3, 5)
        got = sessions_in_memory(s, "sessions", Filters(D(2024, 1, 1), D(2024, 2, 29)),
                                 MEASURES, ("ambassador_id",))  # fmt: skip
        assert got is not None
        assert _by_key(got, "ambassador_id") == {1: (1, 10, D(2024, 1, 15)),
                                                 2: (2, 27, D(2024, 2, 29)),
                                                 3: (1, 5, D(2024, 2, 1))}  # fmt: skip
        online = Filters(D(2024, 1, 1), D(2024, 3, 31), formats=("online",))
        got = sessions_in_memory(s, "sessions", online, MEASURES, ("library_id",))
        assert got is not None  # S2 (library 1) and S5 (library 4)
        assert _by_key(got, "library_id") == {1: (1, 20, D(2024, 1, 31)),
                                              4: (1, 12, D(2024, 3, 10))}  # fmt: skip
        services = Filters(D(2024, 1, 1), D(2024, 3, 31), services=("mpay_utilitati", "pensie"))
        got = sessions_in_memory(s, "sessions", services, MEASURES, ("ambassador_id",))
        assert got is not None  # S2, S4 (MPay, ambassador 2) and S3 (pension, ambassador 3)
        assert _by_key(got, "ambassador_id") == {2: (2, 27, D(2024, 2, 29)),
                                                 3: (1, 5, D(2024, 2, 1))}  # fmt: skip
        places = Filters(D(2023, 12, 1), D(2024, 3, 31), raions=("MD-CU", "MD-CA"),
                         library_kinds=("municipal",))  # fmt: skip
        got = sessions_in_memory(s, "sessions", places, MEASURES, ("ambassador_id",))
        assert got is not None  # S3 only: S5's library 4 is a village
        assert _by_key(got, "ambassador_id") == {3: (1, 5, D(2024, 2, 1))}


def test_totals_and_breakdowns_by_hand(db: Database) -> None:
    seed_handmade(db)
    sums = ("sessions", "participants")
    f = Filters(D(2024, 1, 1), D(2024, 2, 29))  # S1 (10 people), S2 (20), S3 (5), S4 (7)
    with db.session() as s:
        total = sessions_in_memory(s, "sessions", f, sums, ())
        assert total is not None
        assert total.to_dict("records") == [{"sessions": 4, "participants": 42}]
        months = sessions_in_memory(s, "sessions", f, sums, ("month_key",))
        assert months is not None
        assert months.to_dict("list") == {"month_key": [202401, 202402], "sessions": [2, 2],
                                          "participants": [30, 12]}  # fmt: skip
        formats = sessions_in_memory(s, "sessions", f, sums, ("format",))
        assert formats is not None  # S2 alone online
        assert dict(zip(formats["format"], formats["sessions"], strict=True)) == {
            "in_person": 3, "online": 1}  # fmt: skip


def test_latest_days_per_service_and_requests_are_left_to_sql(db: Database) -> None:
    seed_handmade(db)
    f = Filters(D(2024, 1, 1), D(2024, 2, 29))
    with db.session() as s:
        assert sessions_in_memory(s, "sessions", f, MEASURES, ("service_type_code",)) is None
        assert sessions_in_memory(s, "requests", f, ("requests",), ("ambassador_id",)) is None


def _filters(rng: random.Random) -> Filters:
    services = sorted(service_types_frame()["code"])
    start = dt.date(2016, 4, 1) + dt.timedelta(days=rng.randrange(0, 3800))
    end = min(start + dt.timedelta(days=rng.choice([0, 9, 40, 400, 2000])), DEMO_UNTIL)
    return Filters(
        start, end,
        raions=tuple(rng.sample(["MD-UN", "MD-CU", "MD-BL", "MD-SO", "MD-CA"], rng.choice([0, 2]))),
        services=tuple(rng.sample(services, rng.choice([0, 0, 1, 3]))),
        library_kinds=tuple(rng.sample(["village", "town", "raion"], rng.choice([0, 0, 1]))),
        tiers=tuple(rng.sample(["national", "local"], rng.choice([0, 0, 1]))),
        formats=tuple(rng.sample(["online", "in_person"], rng.choice([0, 0, 1]))),
    )  # fmt: skip


BREAKDOWNS = ["ambassador_id", "library_id", "raion_code", "library_kind", "ambassador_tier",
              "month_key", "audience", "format", "service_type_code", None]  # fmt: skip


@pytest.mark.parametrize("by", BREAKDOWNS)
def test_the_same_as_the_facts_on_the_demo_data(demo_sqlite: Path, tmp_path: Path,
                                                by: str | None) -> None:  # fmt: skip
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_sqlite, path)
    db = Database(f"sqlite:///{path}")
    rng = random.Random(11)
    groups = (by,) if by else ()
    measures: tuple[str, ...] = ("sessions", "participants")
    if by != "service_type_code":
        measures += ("last_day", "last_any_day")
    with db.session() as s:
        assert session_rows(s) is not None
        for _ in range(25):
            f = _filters(rng)
            held = sessions_in_memory(s, "sessions", f, measures, groups)
            raw = aggregate(s, "sessions", f, measures, groups, use_rollups=False)
            assert held is not None
            if by:
                held, raw = (x.sort_values(by).reset_index(drop=True) for x in (held, raw))
                assert held[by].tolist() == raw[by].tolist(), f
            assert held["sessions"].tolist() == raw["sessions"].tolist(), f
            assert held["participants"].tolist() == raw["participants"].tolist(), f
            for m in set(measures) - {"sessions", "participants"}:
                assert pd.to_datetime(held[m]).tolist() == pd.to_datetime(raw[m]).tolist(), f
    db.dispose()

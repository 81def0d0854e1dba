"""Requests per service, month and person or library held in memory: the same answers as the
rollups in SQL, on both engines, and the SQL path when a library's place is not one."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import insert, select

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.database import Database
from data_access.models import RollupRequestLibraryMonth
from data_access.queries.planner import _plan, aggregate
from data_access.queries.service_months import (
    read_ambassador_services,
    read_library_services,
)
from tests.handmade import seed_handmade

D = dt.date
VILLAGE = ("village",)
READERS = {"ambassador_id": read_ambassador_services, "library_id": read_library_services}


def _naive(s: object, filters: Filters, key: str) -> pd.DataFrame:
    token = NAIVE.set(True)
    try:
        frame = aggregate(s, "requests", filters, ("requests", "last_day"), (key,),  # type: ignore[arg-type]
                          as_dates=False)  # fmt: skip
    finally:
        NAIVE.reset(token)
    frame = frame.dropna(subset=[key]).astype({key: "int64"})
    return frame.sort_values(key).reset_index(drop=True)


def _whole_months(filters: Filters) -> Filters:
    """The filters over whole months (what the table in memory is asked for)."""
    end = (filters.date_to.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return Filters(filters.date_from.replace(day=1), end - dt.timedelta(days=1),
                   raions=filters.raions, services=filters.services, tiers=filters.tiers,
                   library_kinds=filters.library_kinds, scope=filters.scope)  # fmt: skip


@pytest.mark.parametrize("key", READERS)
def test_sums_and_latest_days_equal_the_facts(db: Database, key: str) -> None:
    seed_handmade(db)
    cases = [
        Filters(D(2016, 1, 1), D(2026, 12, 31), services=("cazier",)),
        Filters(D(2024, 1, 1), D(2024, 12, 31), services=("cazier", "mpay_utilitati")),
        Filters(D(2016, 1, 1), D(2026, 12, 31), services=("act_nastere", "pensie")),
        Filters(D(2016, 1, 1), D(2026, 12, 31), services=("mpay_utilitati",), tiers=("local",)),
        Filters(D(2016, 1, 1), D(2026, 12, 31), services=("cazier",), raions=("MD-UN",)),
        Filters(
            D(2016, 1, 1),
            D(2026, 12, 31),
            services=("cazier", "mpay_utilitati"),
            library_kinds=VILLAGE,
        ),
        Filters(D(2016, 1, 1), D(2026, 12, 31), services=("cazier",), scope=frozenset({"MD-CU"})),
        Filters(D(2016, 1, 1), D(2026, 12, 31), services=("no-such-service",)),
    ]
    found = []
    with db.session() as s:
        table = READERS[key](s)
        assert table is not None
        for filters in map(_whole_months, cases):
            keys = (int(filters.date_from.strftime("%Y%m")), int(filters.date_to.strftime("%Y%m")))
            held = table.aggregate(*keys, filters, ("requests", "last_day"))
            assert held.sort_values(key).reset_index(drop=True).equals(_naive(s, filters, key))
            found.append(len(held))
        cazier = table.aggregate(201601, 202612, cases[0], ("requests", "last_day"))
    assert all(found[:-1])  # every case but the unknown service reached rows
    assert found[-1] == 0
    # by hand: cazier at L2 (A1) twice in January 2024, at L3 (A3) once on 2023-12-01
    assert cazier.sort_values(key).values.tolist() == [
        [2 if key == "library_id" else 1, 2, pd.Timestamp("2024-01-20")],
        [3, 1, pd.Timestamp("2023-12-01")],
    ]


def test_a_library_in_two_places_is_left_to_sql(db: Database) -> None:
    seed_handmade(db)
    with db.write_session() as s:
        t = RollupRequestLibraryMonth.__table__
        row = s.execute(select(t).limit(1)).mappings().one()
        moved = {**row, "month_key": row["month_key"] + 1 if row["month_key"] % 100 < 12
                 else row["month_key"] + 89, "raion_code": "MD-BA"}  # fmt: skip
        s.execute(insert(t).values(**moved))
    filters = Filters(D(2016, 1, 1), D(2026, 12, 31), services=(row["service_type_code"],))
    with db.session() as s:
        assert read_library_services(s) is None
        plan = _plan(s, "requests", filters, ("requests",), ("library_id",), True, in_memory=True)
    assert plan.months is None

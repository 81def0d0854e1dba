"""The days with any fact, held in memory: read from the hand-made data on both engines, and the
planner's "did anything happen then?" answered the same with and without them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from sqlalchemy.orm import Session

from dashboard.periods import day_number
from data_access.database import Database
from data_access.queries.fact_days import FactDays, fact_days, has_facts_between, read_fact_days
from data_access.queries.range_pieces import split_range
from tests.handmade import seed_handmade

D = dt.date
SESSION_DAYS = [D(2023, 12, 31), D(2024, 1, 15), D(2024, 1, 31), D(2024, 2, 1), D(2024, 2, 29),
                D(2024, 3, 10)]  # fmt: skip
REQUEST_DAYS = [D(2023, 12, 1), D(2024, 1, 15), D(2024, 1, 20), D(2024, 1, 31), D(2024, 2, 1),
                D(2024, 2, 15), D(2024, 3, 5)]  # fmt: skip


def test_the_days_of_the_handmade_facts(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:
        days = read_fact_days(s)
    assert days.sessions.tolist() == [day_number(d) for d in SESSION_DAYS]
    assert days.requests.tolist() == [day_number(d) for d in REQUEST_DAYS]


@pytest.mark.parametrize(("first", "last", "expected"), [
    (D(2024, 1, 15), D(2024, 1, 15), True),  # the very day
    (D(2024, 1, 16), D(2024, 1, 30), False),  # strictly between two days
    (D(2024, 1, 16), D(2024, 1, 31), True),  # ends on one
    (D(2024, 3, 11), D(2030, 1, 1), False),  # after the last
    (D(2020, 1, 1), D(2023, 12, 30), False),  # before the first
    (D(2024, 2, 2), D(2024, 2, 1), False),  # an empty range
])  # fmt: skip
def test_any_between_by_hand(first: dt.date, last: dt.date, expected: bool) -> None:
    days = FactDays(sessions=np.array([day_number(d) for d in SESSION_DAYS]),
                    requests=np.array([], dtype=np.int64))  # fmt: skip
    assert days.any_between("sessions", first, last) is expected
    assert days.any_between("requests", first, last) is False


def test_the_planner_asks_memory_what_it_would_ask_the_database(db: Database) -> None:
    seed_handmade(db)
    spans = [(D(2024, 1, 1), D(2024, 1, 14)), (D(2024, 2, 16), D(2024, 2, 29)),
             (D(2024, 3, 11), D(2024, 3, 31)), (D(2023, 12, 2), D(2023, 12, 30)),
             (D(2024, 1, 21), D(2024, 1, 30))]  # fmt: skip
    periods = [(D(2024, 1, 10), D(2024, 2, 20)), (D(2023, 12, 15), D(2024, 3, 7)),
               (D(2024, 1, 16), D(2024, 1, 30)), (D(2024, 2, 1), D(2024, 2, 29))]  # fmt: skip
    with db.session() as held:
        assert fact_days(held) is not None  # a database's sessions come with a store
        with Session(db.engine) as bare:  # no store: each question is a query
            assert fact_days(bare) is None
            for fact in ("sessions", "requests"):
                for first, last in spans:
                    assert has_facts_between(held, fact, first, last) == has_facts_between(
                        bare, fact, first, last), (fact, first, last)  # fmt: skip
                for first, last in periods:
                    assert split_range(held, fact, first, last) == split_range(
                        bare, fact, first, last)  # fmt: skip

"""A tier filter on the raw facts' edge days gives the hand-counted answers of the hand-made
data set on both engines: on PostgreSQL applied in memory (no join of ``ambassador`` in the
SQL), on SQLite by the join."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries.planner import _plan, aggregate
from data_access.queries.tiers_apart import of_tiers, tiers_apart
from tests.handmade import seed_handmade
from tests.sql_log import statements_run

D = dt.date
# two partial months: edge days from the raw requests. In them, of these services: R1 and R2
# (L2, A1 national, cazier, Jan 15 and 20), R3 (L1, A2 local, Jan 31), R4 (L1, no ambassador).
SPAN = {"date_from": D(2024, 1, 10), "date_to": D(2024, 2, 10),
        "services": ("act_nastere", "cazier", "mpay_utilitati")}  # fmt: skip
EXPECTED: dict[tuple[str, ...], dict[tuple[str, ...], list[tuple[Any, ...]]]] = {
    ("local",): {("library_id",): [(1, 1, D(2024, 1, 31))],
                 ("ambassador_id",): [(2, 1, D(2024, 1, 31))],
                 ("raion_code",): [("MD-UN", 1, D(2024, 1, 31))],
                 (): [(1, D(2024, 1, 31))]},
    ("national",): {("library_id",): [(2, 2, D(2024, 1, 20))],
                    ("ambassador_id",): [(1, 2, D(2024, 1, 20))],
                    ("raion_code",): [("MD-UN", 2, D(2024, 1, 20))],
                    (): [(2, D(2024, 1, 20))]},
    # R4 has no ambassador, so no tier: out under any tier filter
    ("local", "national"): {("library_id",): [(1, 1, D(2024, 1, 31)), (2, 2, D(2024, 1, 20))],
                            ("ambassador_id",): [(1, 2, D(2024, 1, 20)), (2, 1, D(2024, 1, 31))],
                            ("raion_code",): [("MD-UN", 3, D(2024, 1, 31))],
                            (): [(3, D(2024, 1, 31))]},
}  # fmt: skip
MEASURES = ("requests", "last_any_day")
# per person or library, no day rollup has services: raw edges (per raion or in all, one has)
RAW = [("library_id",), ("ambassador_id",)]


def _rows(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    return sorted(frame.itertuples(index=False, name=None), key=repr)


@pytest.mark.parametrize("tiers", list(EXPECTED), ids="+".join)
def test_a_tier_filter_on_edge_days_counts_as_by_hand_without_joining_ambassadors(
    db: Database, tiers: tuple[str, ...]
) -> None:
    seed_handmade(db)
    filters = Filters(**SPAN, tiers=tiers)  # type: ignore[arg-type]
    with statements_run(db.engine) as statements, db.session() as s:
        for by, expected in EXPECTED[tiers].items():
            statements.clear()
            assert _rows(aggregate(s, "requests", filters, MEASURES, by)) == expected, by
            if by in RAW:
                plan = _plan(s, "requests", filters, MEASURES, by, True, in_memory=True)
                assert plan.reads is not None, by
                apart = db.engine.dialect.name == "postgresql"
                assert (tiers_apart(s, plan.reads) is not None) == apart, by
                read = [sql for sql in statements if "FROM service_request" in sql]
                assert read, by
                assert all(("JOIN ambassador" in sql) != apart for sql in read), read


def test_without_a_tier_filter_every_request_counts(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:
        total = aggregate(s, "requests", Filters(**SPAN), ("requests",))  # type: ignore[arg-type]
    assert total["requests"].tolist() == [4]


def test_groups_an_ambassador_does_not_decide_keep_the_join(db: Database) -> None:
    seed_handmade(db)
    filters = Filters(**SPAN, tiers=("local",))  # type: ignore[arg-type]
    with db.session() as s:
        plan = _plan(s, "requests", filters, MEASURES, ("month_key",), True, in_memory=True)
        assert plan.reads is not None
        assert tiers_apart(s, plan.reads) is None
        frame = aggregate(s, "requests", filters, ("requests",), ("month_key",))
    assert _rows(frame) == [(202401, 1)]


def test_of_tiers_leaves_out_unknown_and_missing_ambassadors(db: Database) -> None:
    seed_handmade(db)
    ids = np.array([2, np.nan, 99, 1, 4, 0])
    with db.session() as s:
        assert of_tiers(s, ids, ("local",)).tolist() == [True, False, False, False, True, False]
        assert not of_tiers(s, np.array([]), ("local",)).any()
        assert of_tiers(s, ids, ("national",)).tolist() == [False, False, False, True, False,
                                                            False]  # fmt: skip

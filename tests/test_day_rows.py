"""The per-person day rollup held in memory: day slices, place filters, sums and latest days by
hand; the planner's answers with and without it; the fallback when it cannot be held."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlalchemy import insert, select

from dashboard.filters import Filters
from data_access.database import Database
from data_access.models import RollupRequestPersonDay
from data_access.queries.day_rows import DayRows, read_day_rows, request_person_days
from data_access.queries.places import KEPT_MASKS
from data_access.queries.planner import _plan, aggregate
from data_access.queries.versioned import STORE_KEY
from tests.handmade import seed_handmade

D = dt.date
GROUPS = pd.DataFrame({
    "library_id":      [1, 1, 2, 3],
    "ambassador_id":   [10.0, np.nan, 20.0, 30.0],
    "raion_code":      ["MD-UN", "MD-UN", "MD-CU", "MD-CU"],
    "library_kind":    ["village", "village", "town", "raion"],
    "ambassador_tier": ["local", "none", "national", "local"],
})  # fmt: skip
# (day, group, requests), deliberately out of day order
ROWS = [(D(2024, 3, 5), 0, 2), (D(2024, 3, 1), 0, 1), (D(2024, 3, 1), 2, 4),
        (D(2024, 3, 2), 1, 3), (D(2024, 3, 5), 3, 1), (D(2024, 3, 9), 2, 5),
        (D(2024, 4, 2), 0, 7)]  # fmt: skip


def _rows() -> DayRows:
    days = np.array([(d - D(1970, 1, 1)).days for d, _, _ in ROWS])
    group = np.array([g for _, g, _ in ROWS])
    requests = np.array([r for _, _, r in ROWS])
    return DayRows.from_arrays(GROUPS, group, requests, days)


def _march(first: int, last: int, **kw: object) -> Filters:
    return Filters(D(2024, 3, first), D(2024, 3, last), **kw)  # type: ignore[arg-type]


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return frame.sort_values(list(frame.columns[:1])).to_dict("records")


def test_sums_and_latest_days_per_ambassador_over_a_day_slice() -> None:
    f = _march(1, 5)
    frame = _rows().aggregate(f.date_from, f.date_to, f, ("requests", "last_day"),
                              ("ambassador_id",))  # fmt: skip
    got = {(None if pd.isna(r["ambassador_id"]) else int(r["ambassador_id"])):
           (r["requests"], r["last_day"]) for r in frame.to_dict("records")}  # fmt: skip
    assert got == {
        10: (3, pd.Timestamp("2024-03-05")),
        None: (3, pd.Timestamp("2024-03-02")),  # requests without a recorded ambassador
        20: (4, pd.Timestamp("2024-03-01")),  # the 9 March row lies outside
        30: (1, pd.Timestamp("2024-03-05")),
    }


def test_per_library_sums_join_the_ambassadors_of_a_library() -> None:
    f = _march(1, 31)
    frame = _rows().aggregate(f.date_from, f.date_to, f, ("requests",), ("library_id",))
    assert _records(frame) == [{"library_id": 1, "requests": 6}, {"library_id": 2, "requests": 9},
                               {"library_id": 3, "requests": 1}]  # fmt: skip


def test_place_filters_and_scope_keep_their_groups() -> None:
    rows = _rows()
    cu = _march(1, 31, raions=("MD-CU",), tiers=("local",))
    frame = rows.aggregate(cu.date_from, cu.date_to, cu, ("requests",), ("library_id",))
    assert _records(frame) == [{"library_id": 3, "requests": 1}]
    outside = _march(1, 31, scope=frozenset({"MD-BA"}))
    assert rows.aggregate(D(2024, 3, 1), D(2024, 3, 31), outside, ("requests",),
                          ("library_id",)).empty  # fmt: skip
    towns = _march(1, 31, library_kinds=("town",))
    total = rows.aggregate(D(2024, 3, 1), D(2024, 3, 31), towns, ("requests", "last_day"), ())
    assert total.to_dict("records") == [{"requests": 9, "last_day": pd.Timestamp("2024-03-09")}]


def test_place_filters_kept_groups_are_remembered_and_read_only() -> None:
    rows = _rows()
    cu = _march(1, 31, raions=("MD-CU",), tiers=("local",))
    kept = rows.kept_groups(cu)
    assert kept.tolist() == [False, False, False, True]
    assert (
        rows.kept_groups(_march(2, 9, raions=("MD-CU",), tiers=("local",))) is kept
    )  # same places
    assert not kept.flags.writeable  # shared by every read with these place filters
    assert rows.kept_groups(_march(1, 31, raions=("MD-CU",))).tolist() == [False, False, True, True]
    assert rows.kept_groups(_march(1, 31)).all()
    for i in range(KEPT_MASKS + 1):  # many other filters: the memory starts over, stays right
        assert not rows.kept_groups(_march(1, 31, library_kinds=(f"kind {i}",))).any()
    assert len(rows._place_codes.kept) <= KEPT_MASKS
    assert rows.kept_groups(cu).tolist() == [False, False, False, True]


def test_days_outside_the_table_give_nothing() -> None:
    rows = _rows()
    f = Filters(D(2020, 1, 1), D(2020, 1, 31))
    assert rows.bounds(D(2020, 1, 1), D(2020, 1, 31)) == (0, 0)
    assert rows.bounds(D(2025, 1, 1), D(2025, 1, 31)) == (len(ROWS), len(ROWS))
    assert rows.aggregate(f.date_from, f.date_to, f, ("requests",), ("ambassador_id",)).empty
    total = rows.aggregate(f.date_from, f.date_to, f, ("requests", "last_day"), ())
    assert total["requests"].tolist() == [0]
    assert total["last_day"].isna().all()
    assert rows.bounds(D(2024, 3, 3), D(2024, 3, 4)) == rows.bounds(D(2024, 3, 5), D(2024, 3, 4))


def _edge_filters() -> list[Filters]:
    """Periods with partial first and last months over the hand-made data (2024)."""
    return [Filters(D(2024, 1, 10), D(2024, 3, 20)), Filters(D(2024, 2, 3), D(2024, 2, 17)),
            Filters(D(2024, 1, 15), D(2024, 2, 29), tiers=("national",))]  # fmt: skip


def _both_ways(
    db: Database,
    f: Filters,
    by: tuple[str, ...],
    fact: str = "requests",
    measures: tuple[str, ...] = ("requests", "last_any_day"),
) -> tuple[pd.DataFrame, ...]:
    with db.session() as s:
        held = aggregate(s, fact, f, measures, by)  # type: ignore[arg-type]
    with db.session() as s:
        s.info.pop(STORE_KEY)  # a bare session: the day cube in SQL
        assert request_person_days(s) is None
        sql = aggregate(s, fact, f, measures, by)  # type: ignore[arg-type]
    key = list(by) or list(measures)
    if by:  # the rollups in SQL also list a group with only the other fact (0 of this one and
        # no latest day); memory lists only groups with this fact, as the facts do: callers
        # keep the groups with any activity either way
        sql = sql[sql[measures[0]] > 0]
    return tuple(frame.sort_values(key).reset_index(drop=True) for frame in (held, sql))


def test_the_planner_answers_the_same_from_memory_and_from_sql(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:
        assert request_person_days(s) is not None
    for f in _edge_filters():
        for by in (("ambassador_id",), ("library_id",), ()):
            held, sql = _both_ways(db, f, by)
            pd.testing.assert_frame_equal(held, sql, check_dtype=False)


def test_whole_months_are_summed_from_the_month_rollups_in_memory(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:  # the months come from memory (the cases below compare the answers)
        quarter = Filters(D(2024, 1, 1), D(2024, 3, 31))
        plan = _plan(
            s, "requests", quarter, ("requests",), ("ambassador_id",), True, in_memory=True
        )
        assert plan.months == ("rollup_ambassador_month", (202401, 202403))
    shapes = [("requests", ("requests",)), ("sessions", ("sessions", "participants"))]
    for f in [*_edge_filters(), Filters(D(2023, 1, 1), D(2024, 12, 31))]:
        for fact, measures in shapes:
            for by in (("ambassador_id",), ("library_id",)):
                held, sql = _both_ways(db, f, by, fact, measures)
                pd.testing.assert_frame_equal(held, sql, check_dtype=False)


def test_a_library_with_two_places_is_left_to_sql(db: Database) -> None:
    seed_handmade(db)
    with db.write_session() as s:
        row = s.execute(select(RollupRequestPersonDay.__table__)).mappings().first()
        assert row is not None
        moved = {**row, "raion_code": "MD-BA" if row["raion_code"] != "MD-BA" else "MD-CU"}
        s.execute(insert(RollupRequestPersonDay.__table__).values(moved))
    with db.session() as s:
        assert read_day_rows(s) is None
    f = Filters(row["day"], row["day"])
    held, sql = _both_ways(db, f, ("library_id",))
    pd.testing.assert_frame_equal(held, sql, check_dtype=False)

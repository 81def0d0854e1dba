"""The monthly rollups held in memory: month slices, place filters, sums and latest days by hand,
a fresh copy after every data change, filled ahead of the first request."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlalchemy import update

from dashboard.filters import Filters
from data_access.database import Database
from data_access.models import RollupLibraryMonth
from data_access.queries.held_latest import ActivityParts
from data_access.queries.month_rows import (
    NO_DAY,
    MonthRows,
    group_max,
    library_months,
    read_library_months,
)
from data_access.queries.versioned import data_version
from data_access.queries.warm import StoreWarmer
from data_access.rollups import bump_version
from tests.handmade import seed_handmade

D = dt.date
ROWS = pd.DataFrame({
    "month_key":    [202402, 202401, 202401, 202403, 202403],
    "ambassador_id": [7, 7, 9, 9, 7],
    "raion_code":   ["MD-UN", "MD-UN", "MD-CU", "MD-CU", "MD-UN"],
    "library_kind": ["village", "village", "town", "town", "village"],
    "sessions":     [1, 2, 0, 4, 0],
    "participants": [10, 20, 0, 40, 0],
    "requests":     [5, 0, 3, 1, 0],
    "last_day":     ["2024-02-20", "2024-01-09", "2024-01-31", "2024-03-02", None],
})  # fmt: skip


def _table() -> MonthRows:
    return MonthRows.from_frame(ROWS, ["ambassador_id"], ["raion_code", "library_kind"])


def test_sums_over_a_month_slice() -> None:
    table = _table()
    rows = table.select(D(2024, 1, 15), D(2024, 2, 1))  # January and February, whole
    sums = table.sums(rows, "ambassador_id")
    assert sums.to_dict("records") == [
        {"ambassador_id": 7, "sessions": 3, "participants": 30, "requests": 5},
        {"ambassador_id": 9, "sessions": 0, "participants": 0, "requests": 3},
    ]
    assert table.sums(table.select(D(2023, 1, 1), D(2023, 12, 1)), "ambassador_id").empty


def test_place_filters_keep_their_rows() -> None:
    table = _table()
    cu = table.select(D(2024, 1, 1), D(2024, 3, 1), Filters(D(2024, 1, 1), D(2024, 3, 31),
                                                           raions=("MD-CU",)))  # fmt: skip
    assert table.sums(cu, "ambassador_id")["ambassador_id"].tolist() == [9]
    outside = Filters(D(2024, 1, 1), D(2024, 3, 31), scope=frozenset({"MD-BA"}))
    assert len(table.select(D(2024, 1, 1), D(2024, 3, 1), outside)) == 0
    villages = Filters(D(2024, 1, 1), D(2024, 3, 31), library_kinds=("village", "raion"))
    assert len(table.select(D(2024, 1, 1), D(2024, 3, 1), villages)) == 3


def test_latest_day_ignores_rows_without_one() -> None:
    table = _table()
    latest = table.latest(table.select(D(2024, 1, 1), D(2024, 3, 1)), "ambassador_id")
    assert latest.to_dict() == {7: pd.Timestamp("2024-02-20"), 9: pd.Timestamp("2024-03-02")}
    january = table.latest(table.select(D(2024, 1, 1), D(2024, 1, 1)), "ambassador_id")
    assert january.to_dict() == {7: pd.Timestamp("2024-01-09"), 9: pd.Timestamp("2024-01-31")}


def test_store_follows_the_data_version(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:
        before = library_months(s)
        assert library_months(s) is before  # one read per data version
        total = int(before.measures["requests"].sum())
    with db.write_session() as s:
        s.execute(update(RollupLibraryMonth).values(requests=RollupLibraryMonth.requests + 1))
        bump_version(s)
    with db.session() as s:
        after = library_months(s)
        fresh = read_library_months(s)
    assert after is not before
    assert int(after.measures["requests"].sum()) == total + len(after.keys)
    assert (after.measures["requests"] == fresh.measures["requests"]).all()


def test_group_sums_per_month_and_place_across_a_year_end() -> None:
    table = _table()
    sums = table.group_sums(table.select(D(2024, 1, 1), D(2024, 3, 1)), ("month_key", "raion_code"))
    columns = ["month_key", "raion_code", "sessions", "participants", "requests"]
    assert sums[columns].values.tolist() == [
        [202401, "MD-CU", 0, 0, 3],
        [202401, "MD-UN", 2, 20, 0],
        [202402, "MD-UN", 1, 10, 5],
        [202403, "MD-CU", 4, 40, 1],
        [202403, "MD-UN", 0, 0, 0],
    ]
    december = ROWS.iloc[:2].assign(month_key=[202312, 202501])
    other = MonthRows.from_frame(december, ["ambassador_id"], ["raion_code", "library_kind"])
    rows = other.select(D(2023, 1, 1), D(2025, 12, 1))
    by_month_and_raion = ("month_key", "raion_code")
    assert other.group_sums(rows, by_month_and_raion)["month_key"].tolist() == [202312, 202501]
    assert other.group_sums(rows[:0], by_month_and_raion).empty


def test_group_sums_per_place_or_in_total() -> None:
    table = _table()
    rows = table.select(D(2024, 1, 1), D(2024, 3, 1))
    per_raion = table.group_sums(rows, ("raion_code",))
    assert per_raion.values.tolist() == [["MD-CU", 4, 40, 4], ["MD-UN", 3, 30, 5]]
    assert table.group_sums(rows, ()).values.tolist() == [[7, 70, 9]]
    assert table.group_sums(rows[:0], ()).values.tolist() == [[0, 0, 0]]  # nothing: zeros
    assert table.group_sums(rows[:0], ("raion_code",)).empty


def test_a_new_data_version_warms_the_store_once(db: Database) -> None:
    seed_handmade(db)
    warmer = StoreWarmer(db)
    with db.session() as s:
        version = data_version(s)
    thread = warmer.ensure(version)
    assert thread is not None
    thread.join(timeout=60)
    assert warmer.ensure(version) is None  # once per version

    def unexpected(_session: object) -> None:
        raise AssertionError("read again: the warmer did not fill the store")

    with db.session() as s:
        for name in (
            "dimensions",
            "library_months",
            "ambassador_months",
            "localities",
            "request_person_days",
            "fact_days",
        ):
            assert db.store.get(s, name, unexpected) is not None


def test_latest_up_to_a_month_equals_the_latest_over_its_rows() -> None:
    rng = np.random.default_rng(5)
    months = [202311, 202312, 202401, 202402, 202403]
    frame = pd.DataFrame({
        "month_key": rng.choice(months, 400),
        "ambassador_id": rng.integers(1, 40, 400),
        "raion_code": "MD-UN", "library_kind": "village",
        "sessions": 1, "participants": 1, "requests": 1,
        "last_day": [None if rng.random() < 0.3 else f"{m // 100}-{m % 100:02d}-{d:02d}"
                     for m, d in zip(rng.choice(months, 400), rng.integers(1, 28, 400),
                                     strict=True)],
    })  # fmt: skip
    table = MonthRows.from_frame(frame, ["ambassador_id"], ["raion_code", "library_kind"])
    for last in (D(2023, 10, 1), D(2023, 11, 1), D(2024, 1, 31), D(2024, 3, 1), D(2025, 1, 1)):
        expected = table.latest(table.select(D(2016, 1, 1), last), "ambassador_id")
        pd.testing.assert_series_equal(table.latest_up_to(last, "ambassador_id"), expected)
    by_hand = _table().latest_up_to(D(2024, 3, 1), "ambassador_id")
    assert by_hand.to_dict() == {7: pd.Timestamp("2024-02-20"), 9: pd.Timestamp("2024-03-02")}


def test_group_max_takes_each_groups_largest_value() -> None:
    groups = np.array([2, 0, 2, 2, 0], dtype=np.uint16)
    values = np.array([5, -3, 9, 1, -7], dtype=np.int32)
    assert group_max(groups, values, 4).tolist() == [-3, NO_DAY, 9, NO_DAY]
    assert group_max(groups[:0], values[:0], 2).tolist() == [NO_DAY, NO_DAY]
    rng = np.random.default_rng(1)
    groups, values = rng.integers(0, 50, 5_000), rng.integers(-(2**31) + 1, 2**31, 5_000)
    expected = np.full(50, NO_DAY, dtype=np.int64)
    np.maximum.at(expected, groups, values)
    assert group_max(groups, values.astype(np.int32), 50).tolist() == expected.tolist()


def test_period_sums_from_running_totals_equal_the_sums_of_the_rows() -> None:
    """Every row of the rollups has sessions or requests, so the values with any of them are
    the values with rows: what :meth:`MonthRows.sums` gives over the months' rows."""
    rng = np.random.default_rng(11)
    months = [202211, 202212, 202301, 202305, 202312, 202401, 202402]
    sessions = rng.integers(0, 3, 600)
    frame = pd.DataFrame({
        "month_key": rng.choice(months, 600),
        "ambassador_id": rng.integers(1, 60, 600) * 3,
        "raion_code": "MD-UN", "library_kind": "village",
        "sessions": sessions, "participants": sessions * rng.integers(0, 20, 600),
        "requests": np.where(sessions == 0, rng.integers(1, 5, 600), rng.integers(0, 5, 600)),
        "last_day": None,
    })  # fmt: skip
    table = MonthRows.from_frame(frame, ["ambassador_id"], ["raion_code", "library_kind"])
    spans = [(D(2022, 1, 1), D(2030, 1, 1)), (D(2022, 12, 1), D(2023, 5, 31)),
             (D(2023, 2, 1), D(2023, 4, 1)), (D(2024, 2, 1), D(2024, 2, 1)),
             (D(2010, 1, 1), D(2022, 10, 1)), (D(2024, 3, 1), D(2025, 1, 1))]  # fmt: skip
    for first, last in spans:
        expected = table.sums(table.select(first, last), "ambassador_id")
        present, sums = table.period_sums(first, last, "ambassador_id")
        got = pd.DataFrame({"ambassador_id": table.ids["ambassador_id"][present], **sums})
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert len(table.period_sums(*spans[0], "ambassador_id")[0]) > 40  # compared many people


def test_whole_months_under_a_place_filter_are_summed_from_their_rows() -> None:
    table = _table()
    january = (D(2024, 1, 1), D(2024, 1, 31))
    for filters, expected in ((Filters(*january), {7: 2, 9: 0}),
                              (Filters(*january, raions=("MD-CU",)), {9: 0})):  # fmt: skip
        parts = ActivityParts()
        parts.add_whole_months(table, january, "ambassador_id", filters)
        columns = parts.columns("ambassador_id")
        sessions = dict(zip(columns["ambassador_id"].tolist(), columns["sessions"].tolist(),
                            strict=True))  # fmt: skip
        assert sessions == expected

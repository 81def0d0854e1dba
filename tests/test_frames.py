"""Query results as DataFrames: the driver's tuples taken as they come where SQLAlchemy would
convert nothing, its conversion kept where it would (dates on SQLite), on both engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from data_access.database import Database
from data_access.models import Raion, ServiceRequest
from data_access.models.base import table_of
from data_access.queries.frames import (
    _plain_cursor,
    combine_parts,
    counts,
    datetimes,
    positions_in_union,
    read_frame,
)
from tests.handmade import seed_handmade


def test_numbers_and_text_come_as_the_rows_would_give_them(db: Database) -> None:
    raion = table_of(Raion).c  # Core columns, as the planner's statements use
    stmt = select(raion.code, raion.population).order_by(raion.code)
    with db.session() as s:
        assert _plain_cursor(s.execute(stmt)) is not None  # nothing to convert: the fast path
        frame = read_frame(s, stmt, ["code", "population"])
        rows = [tuple(r) for r in s.execute(stmt)]
    expected = pd.DataFrame.from_records(rows, columns=["code", "population"])
    pd.testing.assert_frame_equal(frame, expected)
    assert len(frame) == 37
    assert frame["population"].isna().sum() == 2  # MD-BD, MD-SN: no census population


def test_columns_that_need_conversion_are_still_converted(db: Database) -> None:
    seed_handmade(db)
    request = table_of(ServiceRequest).c
    stmt = select(request.requested_on, func.count()).group_by(request.requested_on)
    with db.session() as s:
        frame = read_frame(s, stmt, ["day", "n"])
    assert len(frame) > 0
    assert frame["day"].map(type).eq(dt.date).all()  # not the ISO text SQLite stores
    with db.session() as s:
        assert frame["n"].sum() == s.scalar(select(func.count()).select_from(ServiceRequest))


def test_sums_become_int64_counts_whatever_the_driver_gave() -> None:
    as_given = {  # SQLite's ints, NULL for a sum over no rows, PostgreSQL's Decimal sums
        "int64": pd.Series([3, 0, 12], dtype="int64"),
        "float with NULL": pd.Series([3.0, np.nan, 12.0]),
        "Decimal with None": pd.Series([Decimal(3), None, Decimal(12)], dtype=object),
    }
    for name, column in as_given.items():
        result = counts(column)
        assert result.dtype == np.int64, name
        assert result.tolist() == [3, 0, 12], name


def test_combined_parts_sum_groups_take_the_latest_day_and_give_integer_ids() -> None:
    sql = pd.DataFrame({"ambassador_id": [1.0, 2.0], "requests": [Decimal(2), Decimal(5)],
                        "last_day": ["2024-03-01", "2024-03-09"]})  # fmt: skip
    held = pd.DataFrame({"ambassador_id": [2.0, 3.0], "requests": [1, 4],
                         "last_day": pd.to_datetime(["2024-03-20", "2024-02-01"])})  # fmt: skip
    frame = combine_parts([sql, held.iloc[:0], held], ("ambassador_id",),
                          ("requests", "last_day"), frozenset({"last_day"}))  # fmt: skip
    frame = frame.sort_values("ambassador_id").reset_index(drop=True)
    assert frame["ambassador_id"].dtype == np.int64
    assert frame["ambassador_id"].tolist() == [1, 2, 3]
    assert frame["requests"].tolist() == [2, 6, 4]
    assert [d.date().isoformat() for d in frame["last_day"]] == [
        "2024-03-01", "2024-03-20", "2024-02-01"]  # fmt: skip


def test_combined_parts_by_one_key_agree_with_pandas_groupby() -> None:
    """The numpy sums by one key give what pandas' groupby gives: a missing key (requests
    without an ambassador) a group of its own, missing days skipped, missing sums nothing."""
    rng = np.random.default_rng(5)
    parts = []
    for _ in range(3):
        n = 400
        ids = rng.integers(0, 60, n).astype(np.float64)
        ids[rng.random(n) < 0.1] = np.nan
        days = (np.datetime64("2024-01-01") + rng.integers(0, 300, n)).astype("M8[ns]")
        days[rng.random(n) < 0.2] = np.datetime64("NaT")
        sums = rng.integers(0, 9, n).astype(np.float64)
        sums[rng.random(n) < 0.05] = np.nan
        parts.append(pd.DataFrame({"ambassador_id": ids, "requests": rng.integers(0, 50, n),
                                   "participants": sums, "last_day": days}))  # fmt: skip
    measures = ("requests", "participants", "last_day")
    got = combine_parts(parts, ("ambassador_id",), measures, frozenset({"last_day"}))
    how = {"requests": "sum", "participants": "sum", "last_day": "max"}
    want = pd.concat(parts).groupby("ambassador_id", dropna=False).agg(how).reset_index()
    got = got.sort_values("ambassador_id", na_position="last").reset_index(drop=True)
    want = want.sort_values("ambassador_id", na_position="last").reset_index(drop=True)
    assert got["ambassador_id"].isna().sum() == 1  # the group without an ambassador
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_latest_days_in_every_form_sql_gives_them_become_the_same_datetimes() -> None:
    expected = np.array(["2024-03-01", "NaT", "2016-03-31"], dtype="M8[ns]")
    forms = {
        "SQLite text": ["2024-03-01", None, "2016-03-31"],
        "PostgreSQL dates": [dt.date(2024, 3, 1), None, dt.date(2016, 3, 31)],
        "pandas missing values": ["2024-03-01", np.nan, "2016-03-31"],  # numpy refuses NaN
        "timestamps": [pd.Timestamp("2024-03-01"), pd.NaT, pd.Timestamp("2016-03-31")],
        "datetimes": [dt.datetime(2024, 3, 1), None, dt.datetime(2016, 3, 31)],
        "dates then text": [dt.date(2024, 3, 1), None, "2016-03-31"],  # pandas' way
        "text then dates": ["2024-03-01", None, dt.date(2016, 3, 31)],
    }
    for name, values in forms.items():
        got = datetimes(pd.Series(values, dtype=object))
        assert got.dtype == np.dtype("M8[ns]"), name
        np.testing.assert_array_equal(got, expected, err_msg=name)
    as_datetimes = pd.Series(expected.astype("M8[s]"))  # already datetimes, another unit
    np.testing.assert_array_equal(datetimes(as_datetimes), expected)
    assert datetimes(pd.Series([], dtype=object)).dtype == np.dtype("M8[ns]")


def test_positions_in_union_number_each_id_by_its_rank_among_all() -> None:
    near = [np.array([7, 3, 3]), np.array([], dtype=np.int64), np.array([10, 7])]
    far = [np.array([7, 3, 3]), np.array([], dtype=np.int64), np.array([10**12, 7])]
    for arrays, union in ((near, [3, 7, 10]), (far, [3, 7, 10**12])):
        got_union, positions = positions_in_union(arrays)
        assert got_union.tolist() == union  # the far id takes the sorting way: same answer
        assert [p.tolist() for p in positions] == [[1, 0, 0], [], [2, 1]]
    assert positions_in_union([])[0].tolist() == []

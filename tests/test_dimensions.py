"""The in-memory people and places tables: right counts, and fresh after every data change."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from data_access.database import Database
from data_access.models import Ambassador, ServiceType
from data_access.queries.dimensions import REMEMBERED, dimensions, read_dimensions
from data_access.queries.libraries import _roster_columns, library_roster
from data_access.queries.service_masks import service_bits
from data_access.queries.versioned import Recent, data_version, one_read_of_the_version, recent
from data_access.rollups import bump_version
from tests.handmade import seed_handmade
from tests.sql_log import statements_run

D = dt.date


def _staff(db: Database, day: dt.date) -> dict[str, tuple[int, int]]:
    with db.session() as s:
        roster = library_roster(s, day)
    return {
        row.code: (int(row.national_ambassadors), int(row.local_ambassadors))
        for row in roster.itertuples()
    }


def test_roster_counts_who_serves_on_the_day(db: Database) -> None:
    seed_handmade(db)
    # A4 (local, L4) left on 2024-03-31: serving the day before, not on the day itself.
    assert _staff(db, D(2024, 3, 30)) == {"L1": (0, 1), "L2": (1, 0), "L3": (1, 0), "L4": (0, 1)}
    assert _staff(db, D(2024, 3, 31)) == {"L1": (0, 1), "L2": (1, 0), "L3": (1, 0), "L4": (0, 0)}
    # A2 (local, L1) was certified on 2023-09-01.
    assert _staff(db, D(2023, 8, 31))["L1"] == (0, 0)


def test_store_serves_what_a_fresh_read_gives(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:
        stored = dimensions(s)
        again = dimensions(s)
        fresh = read_dimensions(s)
    assert again is stored  # the same version: not read twice
    pd.testing.assert_frame_equal(stored.ambassadors, fresh.ambassadors)
    pd.testing.assert_frame_equal(stored.libraries, fresh.libraries)
    assert stored.ambassadors["name"].tolist() == [
        "Ana Popescu", "Maria Rusu", "Elena Ceban", "Ion Țurcanu"
    ]  # fmt: skip
    assert stored.ambassadors["trained_by"].iloc[1] == "Ana Popescu"


def test_store_follows_the_data_version(db: Database) -> None:
    seed_handmade(db)
    assert _staff(db, D(2025, 1, 1))["L3"] == (1, 0)
    with db.write_session() as s:
        s.execute(insert(Ambassador), [dict(
            id=5, code="A5", display_name="Vasile Lungu", library_id=3, tier="local",
            trained_by_id=3, certified_on=D(2024, 9, 1), left_on=None,
        )])  # fmt: skip
        bump_version(s)
    assert _staff(db, D(2025, 1, 1))["L3"] == (1, 1)


def test_one_read_of_the_version_per_block(db: Database) -> None:
    """Inside the block every session takes the version its database's first session read,
    even after a write (a later read is never older than its label); outside, each reads."""
    seed_handmade(db)
    with statements_run(db.engine) as statements:
        with one_read_of_the_version():
            with db.session() as s:
                first = data_version(s)
            with db.write_session() as s:
                bump_version(s)
            with db.session() as s:
                assert data_version(s) == first
        reads = [st for st in statements if "data_state" in st and st.lstrip().startswith("SELECT")]
        assert len(reads) == 1
        with db.session() as s:
            assert data_version(s) == first + 1  # outside the block: read afresh


def test_dimensions_remember_a_bounded_number_of_derived_values(db: Database) -> None:
    seed_handmade(db)
    with db.session() as s:
        dims = read_dimensions(s)
    computed: list[int] = []

    def value(key: int) -> int:
        return dims.remember(("test", key), lambda: computed.append(key) or key * 2)

    assert [value(1), value(2), value(1)] == [2, 4, 2]
    assert computed == [1, 2]  # the second 1 came from memory
    for key in range(3, REMEMBERED + 3):  # more keys than it keeps: 1 is dropped
        value(key)
    value(1)
    assert computed[-1] == 1
    assert computed.count(1) == 2
    assert len(dims._remembered) <= REMEMBERED


def test_roster_of_a_remembered_day_is_a_fresh_dict(db: Database) -> None:
    """The map adds its columns to the roster's: the next view of that day must not see them."""
    seed_handmade(db)
    with db.session() as s:
        first = _roster_columns(s, D(2024, 3, 30))
        first["sessions"] = None
        again = _roster_columns(s, D(2024, 3, 30))
    assert set(again) == set(first) - {"sessions"}


def test_recent_values_are_kept_for_the_last_keys_only() -> None:
    computed: list[str] = []
    kept = Recent(2)

    def value(key: str) -> str:
        return kept.get(key, lambda: computed.append(key) or key.upper())

    assert [value("a"), value("b"), value("a"), value("c")] == ["A", "B", "A", "C"]
    assert computed == ["a", "b", "c"]  # "a" again came from memory
    value("b")  # "b" was the oldest: dropped when "c" came, computed again
    value("a")
    assert computed == ["a", "b", "c", "b", "a"]


def test_recent_values_follow_the_data_version_and_skip_bare_sessions(db: Database) -> None:
    seed_handmade(db)
    calls: list[int] = []

    def read() -> int:
        calls.append(1)
        return len(calls)

    with db.session() as s:
        assert recent(s, "test.recent", "k", read) == recent(s, "test.recent", "k", read) == 1
    with db.write_session() as s:
        bump_version(s)
    with db.session() as s:
        assert recent(s, "test.recent", "k", read) == 2  # a new version: computed again
    with Session(db.engine) as bare:
        assert recent(bare, "test.recent", "k", read) == 3  # no store: nothing kept
        assert recent(bare, "test.recent", "k", read) == 4


def test_service_bits_are_read_once_per_data_version(db: Database) -> None:
    """Every aggregate needs the services' mask bits: a request's session takes them from the
    store, a new data version reads them again (a changed bit is seen), a bare session reads."""
    seed_handmade(db)
    with statements_run(db.engine) as statements:

        def reads() -> int:
            return sum(st.lstrip().startswith("SELECT") and "mask_bit" in st for st in statements)

        with db.session() as s:
            bits = service_bits(s)
        with db.session() as s:
            assert service_bits(s) == bits
        assert reads() == 1
        code = min(bits)
        free = next(b for b in range(63) if b not in bits.values())
        with db.write_session() as s:
            s.execute(update(ServiceType).where(ServiceType.code == code).values(mask_bit=free))
            bump_version(s)
        with db.session() as s:
            assert service_bits(s) == {**bits, code: free}
        assert reads() == 2
        with Session(db.engine) as bare:
            assert service_bits(bare) == {**bits, code: free}
        assert reads() == 3

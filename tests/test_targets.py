"""The targets table: every target of tests/handmade_program.py against numbers worked out by
hand (``today`` = 2024-02-29: 60 days into 2024, a leap year), which targets a view, a scope or
a raion filter shows, and what is remembered between views. The pure arithmetic is in
tests/test_target_math.py; the tables by raion and ambassador and the charts' cumulative
progress in tests/test_target_breakdowns.py."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.database import Database
from data_access.models import Target
from data_access.queries import metrics, target_cascade, targets
from data_access.queries.target_actuals import ActualsByPeriod
from data_access.writes import SessionRecord, add_sessions
from tests.handmade_program import seed_program
from tests.target_dates import TODAY, WINTER, D


@pytest.fixture
def program_db(db: Database) -> Database:
    seed_program(db)
    return db


def _rows(frame) -> dict:  # type: ignore[no-untyped-def]
    return {int(r.target_id): r for r in frame.itertuples()}


# target id -> (actual, attainment, pace, projected, status), worked out by hand
EXPECTED = {
    9: (1, 0.5, 0.5, 1, "behind"),  # national requests Dec 2023: R7; period over
    8: (0, 0.0, 0.0, 0.0, "behind"),  # MD-CA sessions Q1: S5 is in March
    2: (41, 41 / 60, 41 / 60 * 91 / 60, 41 * 91 / 60, "on_track"),  # MD-UN citizens Q1
    10: (1, 1 / 3, 1 / 3 * 91 / 60, 91 / 60, "behind"),  # A1 sessions Q1: S1
    4: (27, 0.6, 0.6 * 91 / 60, 27 * 91 / 60, "at_risk"),  # A2 participants Q1: S2 + S4
    3: (1, None, None, 182 / 60, "no_target"),  # MD-CU requests H1, target 0: R5
    6: (2, 0.5, 0.5 * 182 / 60, 2 * 182 / 60, "on_track"),  # MD-UN active H1: A1, A2
    1: (4, 0.2, 1.22, 24.4, "on_track"),  # national sessions 2024: S1-S4
    5: (2, 0.5, 7.1 / 4, 7.1, "on_track"),  # access points 2024: L1, L2; baseline L2
}


def _assert_row(row, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    actual, attained, pace, projected, status = expected
    assert row.actual == actual
    for value, want in ((row.attainment, attained), (row.pace, pace), (row.projected, projected)):
        if want is None:
            assert math.isnan(value)
        else:
            assert value == pytest.approx(want)
    assert row.status == status


def test_targets_table_matches_hand_computed_progress(program_db: Database) -> None:
    with program_db.session() as s:
        frame = targets.targets_table(s, WINTER, TODAY)
    assert list(frame.columns) == targets.TARGET_COLUMNS
    # Ordered by period, then national / raion / ambassador; T7 (2025) does not overlap.
    assert frame["target_id"].tolist() == [9, 8, 2, 10, 4, 3, 6, 1, 5]
    rows = _rows(frame)
    for target_id, expected in EXPECTED.items():
        _assert_row(rows[target_id], expected)
    assert rows[5].baseline == 1
    assert rows[4].scope_name == "Maria Rusu"
    assert rows[4].scope_raion == "MD-UN"
    assert rows[2].scope_name == "Ungheni"
    assert rows[1].as_of == TODAY
    assert rows[9].as_of == D(2023, 12, 31)
    assert not frame["partial_scope"].any()


def test_target_actuals_agree_with_metric_value(program_db: Database) -> None:
    with program_db.session() as s:
        frame = targets.targets_table(s, WINTER, TODAY)
        for row in frame[frame["scope_kind"] != "ambassador"].itertuples():
            raions = (row.scope_value,) if row.scope_kind == "raion" else ()
            f = Filters(row.period_start, row.as_of, raions=raions)
            assert row.actual == metrics.metric_value(s, f, row.metric), row.target_id


def test_date_range_selects_targets_and_future_ones_are_not_started(program_db: Database) -> None:
    with program_db.session() as s:
        spring = targets.targets_table(s, Filters(D(2024, 4, 1), D(2024, 5, 31)), TODAY)
        future = targets.targets_table(s, Filters(D(2025, 1, 1), D(2025, 2, 1)), TODAY)
    assert sorted(spring["target_id"]) == [1, 3, 5, 6]  # Q1 targets end before April
    (row,) = future.itertuples()
    assert row.target_id == 7
    assert row.status == "not_started"
    for value in (row.actual, row.pace, row.projected):
        assert math.isnan(value)
    assert row.as_of is None


def test_restricted_viewer_sees_own_raions_and_national_within_scope(
    program_db: Database,
) -> None:
    with program_db.session() as s:
        frame = targets.targets_table(s, replace(WINTER, scope=frozenset({"MD-UN"})), TODAY)
    rows = _rows(frame)
    assert sorted(rows) == [1, 2, 4, 5, 6, 9, 10]  # not MD-CU (3) nor MD-CA (8)
    assert rows[1].actual == 3  # S1, S2, S4: Ungheni's sessions only
    assert rows[1].status == "at_risk"  # 0.15 * 366 / 60 = 0.915
    assert rows[9].actual == 0  # R7 was in Chișinău
    assert rows[5].actual == 2
    assert rows[1].partial_scope
    assert not rows[2].partial_scope


def test_actuals_are_shared_between_views_but_never_between_scopes_days_or_data(
    program_db: Database,
) -> None:
    """Actuals are remembered per data version, viewer scope and day (KnownActuals): another
    view reuses them, a restricted viewer, another day or a write never does."""
    ungheni = frozenset({"MD-UN"})
    with program_db.session() as s:
        assert _rows(targets.targets_table(s, WINTER, TODAY))[1].actual == 4
        spring = targets.targets_table(s, Filters(D(2024, 4, 1), D(2024, 5, 31)), TODAY)
        assert _rows(spring)[1].actual == 4  # the same target seen from another view
        restricted = targets.targets_table(s, replace(WINTER, scope=ungheni), TODAY)
        assert _rows(restricted)[1].actual == 3  # S1, S2, S4: not the national 4
        tomorrow = targets.targets_table(s, WINTER, D(2024, 3, 10))
        assert _rows(tomorrow)[1].actual == 5  # S5 (2024-03-10) is in by then
        assert _rows(tomorrow)[1].as_of == D(2024, 3, 10)
    with program_db.session() as s:
        add_sessions(s, [SessionRecord(D(2024, 2, 20), 1, 2, "in_person", "citizens", 4,
                                       ("cazier",), "S-new")])  # fmt: skip
        s.commit()
    with program_db.session() as s:
        assert _rows(targets.targets_table(s, WINTER, TODAY))[1].actual == 5  # a new version
        restricted = targets.targets_table(s, replace(WINTER, scope=ungheni), TODAY)
        assert _rows(restricted)[1].actual == 4


def test_the_naive_baseline_remembers_no_actuals(program_db: Database) -> None:
    """The benchmark's naive way computes every actual afresh (a fair baseline)."""
    with program_db.session() as s:
        shared = ActualsByPeriod(s, WINTER, TODAY).known
        token = NAIVE.set(True)
        try:
            naive = ActualsByPeriod(s, WINTER, TODAY).known
        finally:
            NAIVE.reset(token)
        assert ActualsByPeriod(s, WINTER, TODAY).known is shared
    assert naive is not shared


def test_raion_filter_hides_other_raions_targets_but_not_national(program_db: Database) -> None:
    with program_db.session() as s:
        frame = targets.targets_table(s, replace(WINTER, raions=("MD-CU",)), TODAY)
    rows = _rows(frame)
    assert sorted(rows) == [1, 3, 5, 9]
    assert rows[1].actual == 4  # national stays national


VIEWS = [
    WINTER, Filters(D(2024, 4, 1), D(2024, 5, 31)), Filters(D(2016, 1, 1), D(2026, 1, 1)),
    Filters(D(2025, 2, 1), D(2025, 3, 1)), Filters(D(2019, 1, 1), D(2019, 12, 31)),
    replace(WINTER, raions=("MD-CU",)), replace(WINTER, raions=("MD-BD", "MD-CA")),
    replace(WINTER, raions=("MD-SO",)), replace(WINTER, scope=frozenset({"MD-UN", "MD-BD"})),
    replace(WINTER, raions=("MD-CU",), scope=frozenset({"MD-UN"})),
    replace(WINTER, scope=frozenset({"MD-SN"})),  # a scope without any access point
]  # fmt: skip


@pytest.mark.parametrize("view", VIEWS, ids=lambda f: f.cache_key()[:30])
def test_each_view_is_cut_from_the_table_of_every_period(
    program_db: Database, view: Filters
) -> None:
    """The targets, raion and ambassador-target tables are built once over every period (per
    data version, scope and day) and each view takes its rows: the same rows, in the same
    order and types, as the table built for that view alone (the naive way). Bender (no
    population) has a target in Q1 2024 only: its rows show only when that target is in view."""
    with program_db.write_session() as s:
        s.execute(insert(Target), [dict(id=11, metric="sessions", scope_kind="raion",
                                         scope_value="MD-BD", period_start=D(2024, 1, 1),
                                         period_end=D(2024, 3, 31), value=1)])  # fmt: skip
    with program_db.session() as s:
        for today in (TODAY, D(2025, 6, 1)):
            cut = _view_tables(s, view, today)
            token = NAIVE.set(True)
            try:
                alone = _view_tables(s, view, today)
            finally:
                NAIVE.reset(token)
            for fast, oracle in zip(cut, alone, strict=True):
                pd.testing.assert_frame_equal(fast, oracle)
        bender = targets.attainment_by_raion(s, Filters(D(2024, 1, 1), D(2024, 12, 31)), TODAY)
        bender = bender[bender["raion_code"] == "MD-BD"].set_index("metric")
        assert bender.loc["sessions", "target"] == 1  # and a row in each other group too
        assert len(bender) == 4
        spring = targets.attainment_by_raion(s, Filters(D(2024, 4, 1), D(2024, 5, 31)), TODAY)
        assert "MD-BD" not in set(spring["raion_code"])


def _view_tables(s: Session, view: Filters, today: dt.date) -> list[pd.DataFrame]:
    return [targets.targets_table(s, view, today), targets.attainment_by_raion(s, view, today),
            targets.attainment_by_raion(s, view, today, metric="requests"),
            target_cascade.ambassador_targets(s, view, today)]  # fmt: skip

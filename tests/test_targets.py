"""Target progress: the pure arithmetic, then every target of tests/handmade_program.py against
numbers worked out by hand (``today`` = 2024-02-29: 60 days into 2024, a leap year)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from dashboard import target_math as tm
from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.database import Database
from data_access.models import Target
from data_access.queries import metrics, target_cascade, targets
from data_access.queries.accredited_days import AccreditedDays
from data_access.queries.target_actuals import ActualsByPeriod
from data_access.writes import SessionRecord, add_sessions
from tests.handmade_program import seed_program

D = dt.date
TODAY = D(2024, 2, 29)
YEAR = (D(2024, 1, 1), D(2024, 12, 31))  # 366 days
Q1 = (D(2024, 1, 1), D(2024, 3, 31))  # 91 days
H1 = (D(2024, 1, 1), D(2024, 6, 30))  # 182 days
WINTER = Filters(D(2023, 12, 1), TODAY)


# --- pure arithmetic -------------------------------------------------------------------------


def test_share_elapsed_counts_inclusive_days() -> None:
    assert tm.share_elapsed(*YEAR, D(2023, 12, 31)) == 0.0  # not started
    assert tm.share_elapsed(*YEAR, D(2024, 1, 1)) == pytest.approx(1 / 366)  # first day
    assert tm.share_elapsed(*YEAR, TODAY) == pytest.approx(60 / 366)  # 31 + 29 days
    assert tm.share_elapsed(*YEAR, D(2024, 12, 30)) == pytest.approx(365 / 366)
    assert tm.share_elapsed(*YEAR, D(2024, 12, 31)) == 1.0  # last day
    assert tm.share_elapsed(*YEAR, D(2025, 3, 1)) == 1.0  # over
    assert tm.share_elapsed(D(2024, 5, 5), D(2024, 5, 5), D(2024, 5, 5)) == 1.0  # one day


def test_attainment_never_divides_by_zero() -> None:
    assert tm.attainment(4, 20) == pytest.approx(0.2)
    assert tm.attainment(0, 20) == 0.0
    assert tm.attainment(5, 0) is None
    assert tm.attainment(0, 0) is None


def test_pace_and_projection() -> None:
    share = 60 / 366
    assert tm.pace(0.2, share) == pytest.approx(1.22)
    assert tm.pace(0.2, 0.0) is None  # not started
    assert tm.pace(None, share) is None  # no target
    assert tm.pace(0.5, 1.0) == 0.5  # over: pace is the attainment
    assert tm.projected_end_value(4, share) == pytest.approx(24.4)
    assert tm.projected_end_value(4, 0.0) is None
    assert tm.projected_end_value(7, 1.0) == 7.0  # over: the actual
    # A level metric grows from its baseline: 1 point at the start, 2 now -> 1 + 1 / share.
    assert tm.projected_end_value(2, share, baseline=1) == pytest.approx(7.1)


@pytest.mark.parametrize(
    ("pace", "has_target", "expected"),
    [
        (1.5, True, "on_track"),
        (1.0, True, "on_track"),
        (0.9999, True, "at_risk"),
        (0.85, True, "at_risk"),
        (0.8499, True, "behind"),
        (0.0, True, "behind"),
        (None, True, "not_started"),
        (None, False, "no_target"),
        (2.0, False, "no_target"),
    ],
)
def test_status_thresholds(pace: float | None, has_target: bool, expected: str) -> None:
    assert tm.status(pace, has_target=has_target) == expected


def test_progress_at_the_start_of_the_period() -> None:
    p = tm.progress(1, 366, *YEAR, D(2024, 1, 1))
    assert p.share_elapsed == pytest.approx(1 / 366)
    assert p.attainment == pytest.approx(1 / 366)
    assert p.pace == pytest.approx(1.0)
    assert p.projected == pytest.approx(366)
    assert p.status == "on_track"
    assert tm.progress(0, 366, *YEAR, D(2024, 1, 1)).status == "behind"


def test_progress_at_the_end_and_after() -> None:
    for day in (D(2024, 12, 31), D(2026, 1, 1)):
        p = tm.progress(18, 20, *YEAR, day)
        assert (p.share_elapsed, p.attainment, p.pace, p.projected) == (1.0, 0.9, 0.9, 18.0)
        assert p.status == "at_risk"


def test_progress_not_started_and_zero_target() -> None:
    early = tm.progress(0, 20, *YEAR, D(2023, 6, 1))
    assert (early.share_elapsed, early.pace, early.projected) == (0.0, None, None)
    assert early.attainment == 0.0
    assert early.status == "not_started"
    zero = tm.progress(3, 0, *YEAR, TODAY)
    assert (zero.attainment, zero.pace, zero.status) == (None, None, "no_target")
    assert zero.projected == pytest.approx(18.3)  # still a useful projection


def test_progress_mid_period_exact_numbers() -> None:
    p = tm.progress(41, 60, *Q1, TODAY)  # T2 below
    assert p.share_elapsed == pytest.approx(60 / 91)
    assert p.attainment == pytest.approx(41 / 60)
    assert p.pace == pytest.approx(41 / 60 * 91 / 60)  # 1.036...
    assert p.projected == pytest.approx(41 * 91 / 60)  # 62.18...
    assert p.pace == pytest.approx(p.projected / p.target)  # pace = projected / target
    level = tm.progress(2, 4, *YEAR, TODAY, baseline=1)
    assert level.projected == pytest.approx(7.1)
    assert level.pace == pytest.approx(7.1 / 4)


# --- the targets table -----------------------------------------------------------------------


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


def test_attainment_by_raion(program_db: Database) -> None:
    with program_db.session() as s:
        frame = targets.attainment_by_raion(s, WINTER, TODAY)
        only = targets.attainment_by_raion(s, WINTER, TODAY, metric="citizens_served")
    assert list(frame.columns) == targets.RAION_COLUMNS
    # Four (metric, period) groups of raion targets, each over the 35 census units.
    assert len(frame) == 4 * 35
    assert set(only["metric"]) == {"citizens_served"}
    assert len(only) == 35
    rows = frame.set_index(["metric", "raion_code"])
    un = rows.loc[("citizens_served", "MD-UN")]
    assert (un["target"], un["actual"], un["status"]) == (60, 41, "on_track")
    assert un["actual_per_10k"] == pytest.approx(41 / 75_804 * 10_000)
    cu = rows.loc[("citizens_served", "MD-CU")]
    assert math.isnan(cu["target"])
    assert (cu["actual"], cu["status"]) == (6, "no_target")
    assert rows.loc[("sessions", "MD-CA"), "status"] == "behind"
    assert rows.loc[("requests", "MD-CU"), "status"] == "no_target"  # a zero target
    assert rows.loc[("requests", "MD-CU"), "target"] == 0
    assert rows.loc[("active_ambassadors", "MD-UN"), "actual"] == 2


def test_attainment_by_ambassador_with_cascade(program_db: Database) -> None:
    jan_feb = Filters(D(2024, 1, 1), TODAY)
    with program_db.session() as s:
        frame = target_cascade.attainment_by_ambassador(s, jan_feb, TODAY)
        by_ambassador = target_cascade.attainment_by_ambassador
        ungheni = by_ambassador(s, replace(jan_feb, scope=frozenset({"MD-UN"})), TODAY)
        locals_only = by_ambassador(s, replace(jan_feb, tiers=("local",)), TODAY)
    assert list(frame.columns) == target_cascade.AMBASSADOR_TARGET_COLUMNS
    rows = frame.set_index("code")
    assert sorted(rows.index) == ["A1", "A3"]
    a1 = rows.loc["A1"]
    # A1 itself: S1 (10) + R1, R2. Trained A2, A5 and A6 (left in 2020, still trained by A1);
    # only A2 was active: S2 (20) + S4 (7) + R3.
    assert (a1["sessions"], a1["participants"], a1["requests"]) == (1, 10, 2)
    assert (a1["locals_trained"], a1["locals_active"]) == (3, 1)
    assert (a1["cascade_sessions"], a1["cascade_participants"], a1["cascade_requests"]) == (
        2, 27, 1)  # fmt: skip
    assert (a1["cascade_citizens_served"], a1["total_citizens_served"]) == (28, 40)
    assert (a1["target_metric"], a1["target"], a1["target_actual"], a1["status"]) == (
        "sessions", 3, 1, "behind")  # fmt: skip
    a3 = rows.loc["A3"]
    # A3: S3 (5) + R5; A4 (trained by A3) was active only in March.
    assert (a3["citizens_served"], a3["locals_trained"], a3["locals_active"]) == (6, 1, 0)
    assert a3["status"] == "no_target"
    assert math.isnan(a3["target"])
    assert ungheni["code"].tolist() == ["A1"]
    assert locals_only.empty


def test_cumulative_progress_flow_metric(program_db: Database) -> None:
    with program_db.session() as s:
        frame = targets.cumulative_progress(s, WINTER, "citizens_served", *Q1, TODAY, "raion",
                                            "MD-UN")  # fmt: skip
        mid = targets.cumulative_progress(s, WINTER, "citizens_served", *Q1, D(2024, 2, 15),
                                          "raion", "MD-UN")  # fmt: skip
    assert list(frame.columns) == targets.PROGRESS_FRAME_COLUMNS
    assert frame["month_key"].tolist() == [202401, 202402, 202403]
    assert frame["day"].tolist() == [D(2024, 1, 31), TODAY, D(2024, 3, 31)]
    # January: S1 10 + S2 20 + R1 + R2 + R3 = 33; February adds S4 7 + R4 = 41.
    assert frame["actual"].tolist()[:2] == [33, 41]
    assert math.isnan(frame["actual"].iloc[2])
    assert frame["target_line"].tolist() == pytest.approx([60 * 31 / 91, 60 * 60 / 91, 60])
    # Mid-February: the point sits on today; S4 (29 Feb) is not in yet.
    assert mid["day"].tolist()[1] == D(2024, 2, 15)
    assert mid["actual"].tolist()[:2] == [33, 34]
    assert mid["target_line"].iloc[1] == pytest.approx(60 * 46 / 91)


def test_cumulative_progress_other_metrics_and_scopes(program_db: Database) -> None:
    with program_db.session() as s:
        a2 = targets.cumulative_progress(s, WINTER, "participants", *Q1, TODAY, "ambassador", "2")
        points = targets.cumulative_progress(s, WINTER, "access_points", *YEAR, TODAY)
        active = targets.cumulative_progress(s, WINTER, "active_ambassadors", *H1, TODAY, "raion",
                                             "MD-UN", target_value=10)  # fmt: skip
        early = targets.cumulative_progress(s, WINTER, "sessions", *YEAR, D(2023, 11, 1))
        hidden = targets.cumulative_progress(
            s, replace(WINTER, scope=frozenset({"MD-CU"})), "participants", *Q1, TODAY,
            "ambassador", "2",
        )  # fmt: skip
    assert a2["actual"].tolist()[:2] == [20, 27]
    assert a2["target_line"].iloc[2] == 45
    assert len(points) == 12
    assert points["actual"].tolist()[:2] == [2, 2]  # L2 since 2023, L1 since 10 January
    assert points["target_line"].iloc[0] == pytest.approx(1 + 3 * 31 / 366)  # from baseline 1
    assert points["target_line"].iloc[-1] == 4
    assert active["actual"].tolist()[:2] == [2, 2]  # A1 and A2, both first active in January
    assert active["target_line"].iloc[-1] == 10
    assert early["actual"].isna().all()
    assert early["target_line"].iloc[-1] == 20
    assert hidden.empty


def test_accredited_days_count_on_a_day_nationally_per_raion_and_per_library() -> None:
    points = AccreditedDays(pd.DataFrame({
        "library_id": [1, 2, 3, 4],
        "raion_code": ["MD-UN", "MD-UN", "MD-CU", "MD-CU"],
        "accredited_on": [D(2020, 5, 1), D(2018, 1, 1), None, D(2022, 3, 15)],
    }))  # fmt: skip
    assert points.count(D(2017, 12, 31)) == 0
    assert points.count(D(2018, 1, 1)) == 1  # the accreditation day itself counts
    assert points.count(D(2024, 1, 1)) == 3  # library 3 was never accredited
    assert points.count(D(2022, 3, 14), raion="MD-CU") == 0
    assert points.count(D(2022, 3, 15), raion="MD-CU") == 1
    assert points.count(D(2024, 1, 1), raion="MD-UN") == 2
    assert points.count(D(2024, 1, 1), raion="MD-SO") == 0
    assert points.count(D(2020, 4, 30), library=1) == 0
    assert points.count(D(2020, 5, 1), library=1) == 1
    assert points.count(D(2024, 1, 1), library=3) == 0
    assert points.count(D(2024, 1, 1), library=-1) == 0  # an ambassador without a library


def test_people_with_their_targets_join_like_a_merge() -> None:
    """One row per target in the targets' order, one ``no_target`` row for a person without
    any; targets of nobody listed (or of an unresolved ambassador) are left out."""
    people = pd.DataFrame({column: [0] * 3 for column in target_cascade.CASCADE_COLUMNS})
    people["ambassador_id"] = [7, 3, 9]
    people["code"] = ["A7", "A3", "A9"]
    extra = target_cascade.AMBASSADOR_TARGET_COLUMNS[len(target_cascade.CASCADE_COLUMNS) :]
    rows = pd.DataFrame({
        "target_id": [11, 12, 13, 14, 15],
        "ambassador_id": pd.array([9, 7, None, 9, 4], dtype="Int64"),
        "metric": ["sessions", "participants", "sessions", "requests", "sessions"],
        "period_start": [D(2024, 1, 1)] * 5,
        "period_end": [D(2024, 12, 31)] * 5,
        "target": [10.0, 20.0, 30.0, 40.0, 50.0],
        "actual": [1.0, 2.0, 3.0, 4.0, 5.0],
        "attainment": [0.1] * 5, "share_elapsed": [0.5] * 5, "pace": [0.2] * 5,
        "projected": [2.0] * 5, "status": ["behind"] * 5,
    })  # fmt: skip
    got = target_cascade._with_targets(people, rows)
    renamed = rows.rename(columns={v: k for k, v in target_cascade.TARGET_SOURCES.items()})
    merged = people.merge(
        renamed[["ambassador_id", *extra]]
        .dropna(subset=["ambassador_id"])
        .astype({"ambassador_id": "int64"}),
        on="ambassador_id",
        how="left",
    )
    merged["status"] = merged["status"].fillna(targets.NO_TARGET)
    merged["target_id"] = merged["target_id"].astype("Int64")
    pd.testing.assert_frame_equal(got, merged[target_cascade.AMBASSADOR_TARGET_COLUMNS])
    assert got["code"].tolist() == ["A7", "A3", "A9", "A9"]
    assert got["target_id"].tolist() == [12, pd.NA, 11, 14]
    assert got["status"].tolist() == ["behind", "no_target", "behind", "behind"]
    none = target_cascade._with_targets(people, rows.iloc[:0])
    assert none["status"].tolist() == ["no_target"] * 3

"""Targets broken down, on tests/handmade_program.py against numbers worked out by hand
(``today`` = 2024-02-29): attainment by raion, by ambassador with the cascade of the locals they
trained, and the cumulative progress the targets chart draws, for flow and level metrics."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries import target_cascade, targets
from tests.handmade_program import seed_program
from tests.target_dates import H1, Q1, TODAY, WINTER, YEAR, D


@pytest.fixture
def program_db(db: Database) -> Database:
    seed_program(db)
    return db


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

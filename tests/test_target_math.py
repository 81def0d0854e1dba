"""Target progress, the pure arithmetic: the share of the period elapsed, attainment, pace,
projection and status (``today`` = 2024-02-29: 60 days into 2024, a leap year); access points
counted on a day; people joined with their targets."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import target_math as tm
from data_access.queries import target_cascade, targets
from data_access.queries.accredited_days import AccreditedDays
from tests.target_dates import Q1, TODAY, YEAR, D


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

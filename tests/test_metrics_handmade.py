"""Every metric against numbers computed by hand for tests/handmade.py, on both engines."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries import breakdowns, metrics
from data_access.writes import SessionRecord, add_sessions
from tests.handmade import seed_handmade

D = dt.date
JAN_FEB = Filters(D(2024, 1, 1), D(2024, 2, 29))


@pytest.fixture
def hand_db(db: Database) -> Database:
    seed_handmade(db)
    return db


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # (sessions, participants, requests, active ambassadors, access points)
        ({}, (4, 42, 5, 3, 2)),
        ({"raions": ("MD-UN",)}, (3, 37, 4, 2, 2)),
        ({"services": ("cazier",)}, (2, 30, 2, 2, 2)),
        # S2 covers both services and is counted once.
        ({"services": ("cazier", "mpay_utilitati")}, (3, 37, 3, 2, 2)),
        # Partial months at both edges: raw days + rollups.
        ({"date_from": D(2024, 1, 16), "date_to": D(2024, 2, 15)}, (2, 25, 4, 3, 2)),
        ({"formats": ("online",)}, (1, 20, 5, 3, 2)),
        ({"tiers": ("national",)}, (2, 15, 3, 2, 2)),
        ({"tiers": ("local",)}, (2, 27, 1, 1, 2)),
        ({"library_kinds": ("village",)}, (2, 27, 2, 1, 1)),
        ({"date_from": D(2023, 12, 1), "date_to": D(2023, 12, 31)}, (1, 3, 1, 2, 1)),
        ({"scope": frozenset({"MD-CU"})}, (1, 5, 1, 1, 0)),
        ({"scope": frozenset({"MD-CU"}), "raions": ("MD-UN",)}, (0, 0, 0, 0, 0)),
    ],
)
def test_kpis_match_hand_computed_values(hand_db: Database, change: dict, expected: tuple) -> None:
    filters = replace(JAN_FEB, **change)
    with hand_db.session() as s:
        k = metrics.kpis(s, filters)
    assert (
        k.sessions,
        k.participants,
        k.requests,
        k.active_ambassadors,
        k.access_points,
    ) == expected
    assert k.citizens_served == expected[1] + expected[2]


def test_dormant_access_points(hand_db: Database) -> None:
    with hand_db.session() as s:
        assert metrics.kpis(s, JAN_FEB).dormant_access_points == 0
        spring = Filters(D(2024, 3, 1), D(2024, 5, 31))
        dormant = metrics.dormant_access_points(s, spring, dormant_days=60)
    # L1's last activity 2024-02-29 and L2's 2024-01-20 are both before 2024-04-01.
    assert sorted(dormant["library_id"]) == [1, 2]


def test_monthly_trend(hand_db: Database) -> None:
    with hand_db.session() as s:
        frame = breakdowns.by_month(s, Filters(D(2024, 1, 1), D(2024, 3, 31)))
    rows = frame[["month_key", "sessions", "participants", "requests"]].values.tolist()
    assert rows == [[202401, 2, 30, 3], [202402, 2, 12, 2], [202403, 1, 12, 1]]


def test_breakdowns(hand_db: Database) -> None:
    with hand_db.session() as s:
        services = breakdowns.by_service(s, JAN_FEB).set_index("service_type_code")
        audience = breakdowns.by_session_dimension(s, JAN_FEB, "audience").set_index("audience")
        fmt = breakdowns.by_session_dimension(s, JAN_FEB, "format").set_index("format")
        profile = breakdowns.request_profile(s, JAN_FEB)
        raions = breakdowns.by_raion(s, JAN_FEB).set_index("raion_code")
    assert services.loc["cazier", "requests"] == 2
    assert services.loc["cazier", "sessions"] == 2
    assert services.loc["mpay_utilitati", "sessions"] == 2
    assert services.loc["pensie", "requests"] == 1
    assert audience.loc["citizens", "sessions"] == 2
    assert audience.loc["youth", "participants"] == 20
    assert fmt.loc["online", "sessions"] == 1
    assert fmt.loc["in_person", "participants"] == 22
    assert profile["on_behalf_relative_abroad"] == 2
    assert profile["outcome_failed"] == 1
    assert profile["outcome_completed"] == 3
    assert len(raions) == 37
    assert raions.loc["MD-UN", "citizens_served"] == 37 + 4
    assert raions.loc["MD-UN", "requests_per_10k"] == pytest.approx(4 / 75_804 * 10_000)
    assert raions["population"].isna().sum() == 2  # Bender and the left bank: no census data
    assert raions.loc["MD-BD", "requests_per_10k"] != 0


def test_activity_by_ambassador_and_library(hand_db: Database) -> None:
    with hand_db.session() as s:
        amb = breakdowns.activity_by(s, JAN_FEB, "ambassador_id").set_index("ambassador_id")
        lib = breakdowns.activity_by(s, JAN_FEB, "library_id").set_index("library_id")
    assert amb.loc[1, ["sessions", "participants", "requests"]].tolist() == [1, 10, 2]
    assert amb.loc[2, ["sessions", "participants", "requests"]].tolist() == [2, 27, 1]
    assert amb.loc[2, "last_day"] == D(2024, 2, 29)
    assert lib.loc[1, "requests"] == 2  # R3 and R4 (R4 has no ambassador)
    assert lib.loc[2, "last_day"] == D(2024, 1, 20)


@pytest.mark.parametrize("key", ["ambassador_id", "library_id"])
def test_activity_sums_without_the_latest_day(hand_db: Database, key: str) -> None:
    """The same sums when the latest day is left out (whole months then come from memory),
    over whole months, over partial ones and under a format filter."""
    periods = [
        JAN_FEB,
        replace(JAN_FEB, date_from=D(2024, 1, 16)),
        replace(JAN_FEB, formats=("online",)),
        replace(JAN_FEB, raions=("MD-CU",)),
    ]
    with hand_db.session() as s:
        for f in periods:
            full = breakdowns.activity_by(s, f, key).drop(columns=["last_day"])
            sums = breakdowns.activity_by(s, f, key, latest=False)
            assert list(sums.columns) == [key, "sessions", "participants", "requests"]
            assert sums.sort_values(key).to_dict("records") == full.sort_values(key).to_dict(
                "records"), f  # fmt: skip


def test_a_session_without_services_makes_its_ambassador_active(hand_db: Database) -> None:
    """Under a format filter too (the per-service rollup files it under no service)."""
    in_person = replace(JAN_FEB, formats=("in_person",))
    with hand_db.session() as s:
        before = metrics.active_ambassadors(s, in_person)
    # A4 has no activity in January or February until this session, recorded with no service.
    with hand_db.write_session() as s:
        add_sessions(s, [SessionRecord(D(2024, 2, 10), 4, 4, "in_person", "citizens", 6, (),
                                       "S-no-service")])  # fmt: skip
    with hand_db.session() as s:
        assert metrics.active_ambassadors(s, in_person) == before + 1
        assert metrics.active_ambassadors(s, replace(in_person, formats=("online",))) == 3
        # cazier: A1's in-person S1 and requests R1, R2 (A2's cazier session S2 was online)
        assert metrics.active_ambassadors(s, replace(in_person, services=("cazier",))) == 1


def test_no_access_point_in_view_means_none_dormant(hand_db: Database) -> None:
    """Libraries with activity but no access point in view: an empty list of access points
    (as the database returns it: an object column) is no error, and nothing is dormant."""
    import pandas as pd

    from data_access.queries.library_latest import dormant_last_days

    # ending before L1's session of 29 February: the partial last month is read from its days
    ungheni = replace(JAN_FEB, date_to=D(2024, 2, 20), raions=("MD-UN",))
    with hand_db.session() as s:
        none = pd.Series([], dtype=object, name="library_id")
        assert dormant_last_days(s, ungheni, none, 60).empty
        both = metrics.access_point_frame(s, ungheni)["library_id"]
        # by 20 February, 15 days: L1's last activity was R4 on 1 February, L2's R2 on
        # 20 January (both before the 5 February cutoff); with 19 days only L2
        assert sorted(dormant_last_days(s, ungheni, both, 15)["library_id"]) == [1, 2]
        assert sorted(dormant_last_days(s, ungheni, both, 19)["library_id"]) == [2]

"""The ambassador and library directories on tests/handmade_program.py, on both engines."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries import directory, metrics
from tests.handmade_program import seed_program

D = dt.date
JAN_FEB = Filters(D(2024, 1, 1), D(2024, 2, 29))


@pytest.fixture
def program_db(db: Database) -> Database:
    seed_program(db)
    return db


def _activity(frame: pd.DataFrame, key: str) -> dict[str, list[int]]:
    return {
        row[key]: [row["sessions"], row["participants"], row["requests"]]
        for _, row in frame.iterrows()
    }


def test_ambassadors_directory(program_db: Database) -> None:
    with program_db.session() as s:
        frame = directory.ambassadors_directory(s, JAN_FEB)
    assert list(frame.columns) == directory.AMBASSADOR_COLUMNS
    # A6 left in 2020 and had no activity: not listed. A4 (left 31 March) and A5 (certified
    # 1 February, no activity) are: inactive people are what managers look for.
    assert sorted(frame["code"]) == ["A1", "A2", "A3", "A4", "A5"]
    assert _activity(frame, "code") == {
        "A1": [1, 10, 2], "A2": [2, 27, 1], "A3": [1, 5, 1], "A4": [0, 0, 0], "A5": [0, 0, 0],
    }  # fmt: skip
    rows = frame.set_index("code")
    assert rows.loc["A2", "trained_by"] == "Ana Popescu"
    assert rows.loc["A2", "trained_by_id"] == 1
    assert pd.isna(rows.loc["A1", "trained_by"])
    assert rows.loc["A2", "library_name"] == "Biblioteca publică din satul Zagarancea"
    assert rows.loc["A4", "raion_name"] == "Cahul"
    assert rows.loc["A4", "left_on"] == D(2024, 3, 31)
    assert rows.loc["A1", "citizens_served"] == 12
    assert rows["active"].to_dict() == {"A1": True, "A2": True, "A3": True, "A4": False,
                                        "A5": False}  # fmt: skip
    # Last activity up to the period end, whatever the period start.
    assert rows.loc["A1", "last_activity"] == D(2024, 1, 20)
    assert rows.loc["A1", "days_since_activity"] == 40
    assert rows.loc["A2", "days_since_activity"] == 0
    assert pd.isna(rows.loc["A4", "last_activity"])  # March is after the period
    assert pd.isna(rows.loc["A4", "days_since_activity"])


def test_ambassadors_directory_filters(program_db: Database) -> None:
    with program_db.session() as s:
        ungheni = directory.ambassadors_directory(s, replace(JAN_FEB, raions=("MD-UN",)))
        national = directory.ambassadors_directory(s, replace(JAN_FEB, tiers=("national",)))
        cazier = directory.ambassadors_directory(s, replace(JAN_FEB, services=("cazier",)))
        scoped = directory.ambassadors_directory(s, replace(JAN_FEB, scope=frozenset({"MD-CU"})))
        december = directory.ambassadors_directory(s, Filters(D(2023, 12, 1), D(2023, 12, 31)))
    assert sorted(ungheni["code"]) == ["A1", "A2", "A5"]
    assert sorted(national["code"]) == ["A1", "A3"]
    # cazier: S1 and S2 (which also covers MPay), R1 and R2; R3 is an MPay request.
    assert _activity(cazier, "code")["A1"] == [1, 10, 2]
    assert _activity(cazier, "code")["A2"] == [1, 20, 0]
    assert scoped["code"].tolist() == ["A3"]
    # Before A5 was certified; A2 was certified in September 2023.
    assert sorted(december["code"]) == ["A1", "A2", "A3", "A4"]
    assert _activity(december, "code")["A1"] == [1, 3, 0]


def test_libraries_directory(program_db: Database) -> None:
    with program_db.session() as s:
        frame = directory.libraries_directory(s, JAN_FEB)
        village = directory.libraries_directory(s, replace(JAN_FEB, library_kinds=("village",)))
        spring = directory.libraries_directory(s, Filters(D(2024, 3, 1), D(2024, 5, 31)))
    assert list(frame.columns) == directory.LIBRARY_COLUMNS
    assert _activity(frame, "code") == {
        "L1": [2, 27, 2], "L2": [1, 10, 2], "L3": [1, 5, 1], "L4": [0, 0, 0],
    }  # fmt: skip
    rows = frame.set_index("code")
    # L2: A1 and A5 (certified 1 February); A6 left in 2020. L4: A4 leaves only on 31 March.
    assert rows["ambassadors_in_service"].to_dict() == {"L1": 1, "L2": 2, "L3": 1, "L4": 1}
    assert rows["is_access_point"].to_dict() == {"L1": True, "L2": True, "L3": False,
                                                 "L4": False}  # fmt: skip
    assert rows.loc["L2", "last_activity"] == D(2024, 1, 20)
    assert rows.loc["L3", "accredited_on"] == D(2024, 6, 1)
    assert rows.loc["L1", "locality"] == "Zagarancea"
    assert not rows["dormant"].any()
    assert sorted(village["code"]) == ["L1", "L4"]
    spring_rows = spring.set_index("code")
    assert spring_rows["dormant"].to_dict() == {"L1": True, "L2": True, "L3": False, "L4": False}
    assert spring_rows["ambassadors_in_service"].to_dict()["L4"] == 0  # A4 left 31 March


@pytest.mark.parametrize(
    "change",
    [{}, {"services": ("cazier",)}, {"raions": ("MD-UN",)}, {"tiers": ("local",)},
     {"formats": ("online",)}, {"date_from": D(2024, 1, 16), "date_to": D(2024, 2, 15)}],
)  # fmt: skip
def test_library_directory_adds_up_to_the_kpis(program_db: Database, change: dict) -> None:
    filters = replace(JAN_FEB, **change)
    with program_db.session() as s:
        frame = directory.libraries_directory(s, filters)
        k = metrics.kpis(s, filters)
        dormant = metrics.dormant_access_points(s, filters)
    assert frame["sessions"].sum() == k.sessions
    assert frame["participants"].sum() == k.participants
    assert frame["requests"].sum() == k.requests
    assert frame["is_access_point"].sum() == k.access_points
    assert sorted(frame.loc[frame["dormant"], "library_id"]) == sorted(dormant["library_id"])


def test_empty_view(program_db: Database) -> None:
    nothing = replace(JAN_FEB, scope=frozenset({"MD-CU"}), raions=("MD-UN",))
    with program_db.session() as s:
        people = directory.ambassadors_directory(s, nothing)
        libraries = directory.libraries_directory(s, nothing)
    assert people.empty
    assert list(people.columns) == directory.AMBASSADOR_COLUMNS
    assert libraries.empty
    assert list(libraries.columns) == directory.LIBRARY_COLUMNS
    assert not math.isnan(float(libraries["sessions"].sum()))

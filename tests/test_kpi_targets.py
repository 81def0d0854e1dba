"""The target each KPI card shows, against hand-computed values (tests/handmade_program.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries.kpi_targets import current_targets
from tests.handmade_program import seed_program

D = dt.date
JAN_FEB = Filters(D(2024, 1, 1), D(2024, 2, 29))


@pytest.fixture
def program_db(db: Database) -> Database:
    seed_program(db)
    return db


def test_national_targets_in_force_at_the_period_end(program_db: Database) -> None:
    with program_db.session() as s:
        progress = current_targets(s, JAN_FEB, today=D(2024, 2, 29))
    assert set(progress) == {"sessions", "access_points"}
    assert progress["sessions"]["label"] == "2024"
    assert progress["sessions"]["actual"] == 4  # S1..S4
    assert progress["sessions"]["target"] == 20
    assert progress["sessions"]["attainment"] == pytest.approx(0.2)
    assert progress["access_points"]["actual"] == 2  # L1 and L2 accredited by 2024-02-29
    assert progress["access_points"]["attainment"] == pytest.approx(0.5)


def test_one_raion_uses_its_own_targets(program_db: Database) -> None:
    filters = Filters(D(2024, 1, 1), D(2024, 2, 29), raions=("MD-UN",))
    with program_db.session() as s:
        progress = current_targets(s, filters, today=D(2024, 2, 29))
    assert set(progress) == {"citizens_served", "active_ambassadors"}
    # participants 10 + 20 + 7 and requests R1..R4 in Ungheni, against 60 for Q1
    assert progress["citizens_served"]["actual"] == 41
    assert progress["citizens_served"]["attainment"] == pytest.approx(41 / 60)
    assert progress["citizens_served"]["label"] == "2024-01-01 – 2024-03-31"
    assert progress["active_ambassadors"]["actual"] == 2  # A1 and A2


def test_several_raions_show_no_target(program_db: Database) -> None:
    filters = Filters(D(2024, 1, 1), D(2024, 2, 29), raions=("MD-UN", "MD-CU"))
    with program_db.session() as s:
        assert current_targets(s, filters, today=D(2024, 2, 29)) == {}

"""The hand-made data set of tests/handmade.py plus what the program pages need on top of it.

Added (nothing of tests/handmade.py changes):
- A5 "Vasile Lungu", local @L2, trained by A1, certified 2024-02-01, no activity;
- A6 "Zinaida Moraru", local @L2, trained by A1, certified 2017-03-01, left 2020-12-31;
- the targets below, whose expected progress is worked out by hand in tests/test_targets.py.

Activity of tests/handmade.py, for reference (date, ambassador, library, participants):
sessions S1 01-15 A1 L2 10 | S2 01-31 A2 L1 20 | S3 02-01 A3 L3 5 | S4 02-29 A2 L1 7 |
S5 03-10 A4 L4 12 | S6 2023-12-31 A1 L2 3 (2024 unless noted);
requests R1 01-15 L2 A1 | R2 01-20 L2 A1 | R3 01-31 L1 A2 | R4 02-01 L1 - | R5 02-15 L3 A3 |
R6 03-05 L4 A4 | R7 2023-12-01 L3 A3.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from data_access.database import Database
from data_access.models import Ambassador, Target
from tests.handmade import seed_handmade

D = dt.date

EXTRA_AMBASSADORS = [
    dict(id=5, code="A5", display_name="Vasile Lungu", library_id=2, tier="local",
         trained_by_id=1, certified_on=D(2024, 2, 1), left_on=None),
    dict(id=6, code="A6", display_name="Zinaida Moraru", library_id=2, tier="local",
         trained_by_id=1, certified_on=D(2017, 3, 1), left_on=D(2020, 12, 31)),
]  # fmt: skip


def _target(id_: int, metric: str, kind: str, value: str | None, start: dt.date,
            end: dt.date, target: float) -> dict:  # fmt: skip
    return dict(id=id_, metric=metric, scope_kind=kind, scope_value=value, period_start=start,
                period_end=end, value=target)  # fmt: skip


YEAR_2024 = (D(2024, 1, 1), D(2024, 12, 31))  # 366 days
Q1_2024 = (D(2024, 1, 1), D(2024, 3, 31))  # 91 days
H1_2024 = (D(2024, 1, 1), D(2024, 6, 30))  # 182 days

TARGETS = [
    _target(1, "sessions", "national", None, *YEAR_2024, 20),
    _target(2, "citizens_served", "raion", "MD-UN", *Q1_2024, 60),
    _target(3, "requests", "raion", "MD-CU", *H1_2024, 0),
    _target(4, "participants", "ambassador", "2", *Q1_2024, 45),
    _target(5, "access_points", "national", None, *YEAR_2024, 4),
    _target(6, "active_ambassadors", "raion", "MD-UN", *H1_2024, 4),
    _target(7, "requests", "national", None, D(2025, 1, 1), D(2025, 12, 31), 100),
    _target(8, "sessions", "raion", "MD-CA", *Q1_2024, 2),
    _target(9, "requests", "national", None, D(2023, 12, 1), D(2023, 12, 31), 2),
    _target(10, "sessions", "ambassador", "1", *Q1_2024, 3),
]


def seed_program(db: Database) -> None:
    seed_handmade(db)
    with db.write_session() as session:
        session.execute(insert(Ambassador), EXTRA_AMBASSADORS)
        session.execute(insert(Target), TARGETS)

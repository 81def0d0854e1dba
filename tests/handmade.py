"""A tiny data set whose every metric was computed by hand (see the expectations in the tests).

Libraries: L1 Ungheni village (accredited 2024-01-10), L2 Ungheni raion library (2023-05-01),
L3 Chișinău municipal (2024-06-01), L4 Cahul village (never accredited).
Ambassadors: A1 national @L2, A2 local @L1 (trained by A1), A3 national @L3,
A4 local @L4 (trained by A3, left 2024-03-31).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from data_access.database import Database
from data_access.models import Ambassador, Library
from data_access.writes import RequestRecord, SessionRecord, add_requests, add_sessions

D = dt.date

LIBRARIES = [
    dict(id=1, code="L1", name="Biblioteca publică din satul Zagarancea", locality="Zagarancea",
         raion_code="MD-UN", kind="village", lat=47.2, lon=27.8, accredited_on=D(2024, 1, 10)),
    dict(id=2, code="L2", name="Biblioteca publică raională Ungheni", locality="Ungheni",
         raion_code="MD-UN", kind="raion", lat=47.21, lon=27.8, accredited_on=D(2023, 5, 1)),
    dict(id=3, code="L3", name="Biblioteca Municipală «B. P. Hasdeu»", locality="Chișinău",
         raion_code="MD-CU", kind="municipal", lat=47.0, lon=28.85, accredited_on=D(2024, 6, 1)),
    dict(id=4, code="L4", name="Biblioteca publică din satul Roșu", locality="Roșu",
         raion_code="MD-CA", kind="village", lat=45.9, lon=28.2, accredited_on=None),
]  # fmt: skip
AMBASSADORS = [
    dict(id=1, code="A1", display_name="Ana Popescu", library_id=2, tier="national",
         trained_by_id=None, certified_on=D(2016, 6, 13), left_on=None),
    dict(id=2, code="A2", display_name="Maria Rusu", library_id=1, tier="local",
         trained_by_id=1, certified_on=D(2023, 9, 1), left_on=None),
    dict(id=3, code="A3", display_name="Elena Ceban", library_id=3, tier="national",
         trained_by_id=None, certified_on=D(2016, 6, 13), left_on=None),
    dict(id=4, code="A4", display_name="Ion Țurcanu", library_id=4, tier="local",
         trained_by_id=3, certified_on=D(2017, 3, 1), left_on=D(2024, 3, 31)),
]  # fmt: skip
SESSIONS = [
    SessionRecord(D(2024, 1, 15), 1, 2, "in_person", "citizens", 10, ("cazier",), "S1"),
    SessionRecord(D(2024, 1, 31), 2, 1, "online", "youth", 20, ("cazier", "mpay_utilitati"), "S2"),
    SessionRecord(D(2024, 2, 1), 3, 3, "in_person", "elderly", 5, ("pensie",), "S3"),
    SessionRecord(D(2024, 2, 29), 2, 1, "in_person", "citizens", 7, ("mpay_utilitati",), "S4"),
    SessionRecord(D(2024, 3, 10), 4, 4, "online", "librarians", 12, ("declaratie_fiscala",), "S5"),
    SessionRecord(D(2023, 12, 31), 1, 2, "in_person", "citizens", 3, ("cazier",), "S6"),
]
REQUESTS = [
    RequestRecord(D(2024, 1, 15), 2, 1, "cazier", "self", "completed", "R1"),
    RequestRecord(D(2024, 1, 20), 2, 1, "cazier", "relative_abroad", "completed", "R2"),
    RequestRecord(D(2024, 1, 31), 1, 2, "mpay_utilitati", "self", "submitted", "R3"),
    RequestRecord(D(2024, 2, 1), 1, None, "act_nastere", "relative_abroad", "failed", "R4"),
    RequestRecord(D(2024, 2, 15), 3, 3, "pensie", "other", "completed", "R5"),
    RequestRecord(D(2024, 3, 5), 4, 4, "declaratie_fiscala", "self", "completed", "R6"),
    RequestRecord(D(2023, 12, 1), 3, 3, "cazier", "self", "completed", "R7"),
]


def seed_handmade(db: Database) -> None:
    with db.write_session() as session:
        session.execute(insert(Library), LIBRARIES)
        session.execute(insert(Ambassador), AMBASSADORS)
        add_sessions(session, SESSIONS)
        add_requests(session, REQUESTS)

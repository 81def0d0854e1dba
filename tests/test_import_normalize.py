"""Real-world spellings are normalised: raions, dates, enumerated values, headers, numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.importing.formats import detect_kind, header_key
from data_access.importing.normalize import enum_value, parse_count, parse_date, raion_code

D = dt.date


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("MD-UN", "MD-UN"),
        ("md un", "MD-UN"),
        ("Ungheni", "MD-UN"),
        ("r. Ungheni", "MD-UN"),
        ("raionul Ungheni", "MD-UN"),
        ("Ungheni r-n", "MD-UN"),
        ("mun. Chișinău", "MD-CU"),
        ("Municipiul Chişinău", "MD-CU"),  # cedilla
        ("CHISINAU", "MD-CU"),
        ("mun Bălți", "MD-BA"),
        ("UTA Găgăuzia", "MD-GA"),
        ("U.T.A. Gagauzia", "MD-GA"),
        ("Ştefan Vodă", "MD-SV"),  # cedilla
        ("Ștefan-Vodă", "MD-SV"),  # comma below
        ("stefan voda", "MD-SV"),
        ("Hâncești", "MD-HI"),  # â spelling
        ("r-nul Hînceşti", "MD-HI"),  # î spelling, cedilla
        ("Râșcani", "MD-RI"),
        ("Sângerei", "MD-SI"),
        ("Stânga Nistrului", "MD-SN"),
        ("Căușeni", "MD-CS"),
        ("  causeni  ", "MD-CS"),
    ],
)
def test_raion_written_any_common_way(written: str, code: str) -> None:
    assert raion_code(written) == code


@pytest.mark.parametrize("written", ["Atlantida", "MD-XX", "", "r.", "Ungheni Nord"])
def test_unknown_raion(written: str) -> None:
    assert raion_code(written) is None


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-01-15", D(2024, 1, 15)),
        ("2024-01-15 00:00:00", D(2024, 1, 15)),
        ("15.01.2024", D(2024, 1, 15)),
        ("15/01/2024", D(2024, 1, 15)),
        ("1/2/2024", D(2024, 2, 1)),  # day first, as written in Moldova
        ("45306", D(2024, 1, 15)),  # Excel serial as text
        (45306, D(2024, 1, 15)),  # Excel serial as a number cell
        (45306.75, D(2024, 1, 15)),  # with a time of day
        (dt.datetime(2024, 1, 15, 0, 0), D(2024, 1, 15)),  # Excel date cell
        (D(2024, 1, 15), D(2024, 1, 15)),
    ],
)
def test_dates(value: object, day: dt.date) -> None:
    assert parse_date(value) == day  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["31.02.2024", "2024-13-01", "ieri", "15-01", "", None, True])
def test_bad_dates(value: object) -> None:
    assert parse_date(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("format", "Față în față", "in_person"),
        ("format", "fata in fata", "in_person"),
        ("format", "in person", "in_person"),
        ("format", "очно", "in_person"),
        ("format", "ONLINE", "online"),
        ("format", "онлайн", "online"),
        ("audience", "cetățeni", "citizens"),
        ("audience", "cetăţeni", "citizens"),
        ("audience", "Citizens", "citizens"),
        ("audience", "граждане", "citizens"),
        ("audience", "bibliotecari", "librarians"),
        ("audience", "APL", "local_administration"),
        ("audience", "administrația publică locală", "local_administration"),
        ("audience", "local_administration", "local_administration"),
        ("audience", "tineri", "youth"),
        ("audience", "молодёжь", "youth"),
        ("audience", "vârstnici", "elderly"),
        ("audience", "vîrstnici", "elderly"),
        ("audience", "familiile migranților", "emigrant_families"),
        ("audience", "семьи мигрантов", "emigrant_families"),
        ("audience", "business", "business"),
        ("on_behalf_of", "sine", "self"),
        ("on_behalf_of", "rudă peste hotare", "relative_abroad"),
        ("on_behalf_of", "relative abroad", "relative_abroad"),
        ("on_behalf_of", "родственник за рубежом", "relative_abroad"),
        ("on_behalf_of", "altă persoană", "other"),
        ("outcome", "depus", "submitted"),
        ("outcome", "Finalizat", "completed"),
        ("outcome", "eşuat", "failed"),
        ("outcome", "выполнено", "completed"),
        ("outcome", "failed", "failed"),
    ],
)
def test_enumerated_values_in_three_languages(field: str, value: str, code: str) -> None:
    assert enum_value(field, value) == code


def test_unknown_enumerated_value() -> None:
    assert enum_value("format", "hibrid") is None
    assert enum_value("audience", "toată lumea") is None


@pytest.mark.parametrize(
    ("value", "count"),
    [(12, 12), (12.0, 12), ("12", 12), (" 1 200 ", 1200), ("7,0", 7), ("-3", -3), (0, 0)],
)
def test_counts(value: object, count: int) -> None:
    assert parse_count(value) == count  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["doisprezece", "12.5", 12.5, "", True, D(2024, 1, 1)])
def test_not_counts(value: object) -> None:
    assert parse_count(value) is None  # type: ignore[arg-type]


def test_headers_fold_and_detect_the_kind() -> None:
    assert header_key(" Participanți ") == "participanti"
    assert header_key("în numele") == "in_numele"
    assert header_key("Report ref") == "report_ref"
    ro_sessions = [
        "data",
        "raion",
        "biblioteca",
        "ambasador",
        "format",
        "public",
        "participanti",
        "servicii",
        "cod_raport",
    ]
    en_requests = [
        "Date",
        "Raion",
        "Library",
        "Ambassador",
        "Service",
        "On behalf of",
        "Outcome",
        "Report ref",
    ]
    assert detect_kind(ro_sessions) == "sessions"
    assert detect_kind(list(reversed(ro_sessions))) == "sessions"  # order does not matter
    assert detect_kind(en_requests) == "requests"
    assert detect_kind(["data", "raion", "biblioteca"]) is None

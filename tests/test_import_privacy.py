"""Files carrying citizens' personal data are refused as a whole, with an explanation."""

from __future__ import annotations

import pytest

from data_access.importing.formats import ImportLimits
from data_access.importing.lookup import Lookup
from data_access.importing.privacy import personal_header, personal_value, scan
from data_access.importing.readers import read_table
from data_access.importing.report import ImportReport
from data_access.importing.validate import validate_table
from tests.test_import_fixtures import REQUEST_HEADER, TODAY, csv_bytes, request_rows, xlsx_bytes

PERSONAL_HEADERS = [
    "nume",
    "Prenume",
    "Numele cetățeanului",
    "IDNP",
    "cod personal",
    "Telefon",
    "e-mail",
    "Adresa",
    "Data nașterii",
    "name",
    "Full name",
    "phone",
    "Email",
    "address",
    "Birth date",
    "Date of birth",
    "ФИО",
    "Телефон",
    "Адрес",
    "Дата рождения",
    "Telefonul solicitantului",
    "strada",
    "Str.",
    "Strada, nr.",
    "adresă",
    "Adresa de domiciliu",
    "adresa domiciliului",
    "Domiciliul",
    "Localitatea de domiciliu",
    "locul de trai",
    "Street address",
    "Улица",
    "Место жительства",
]
ACCEPTED_HEADERS = [
    "data",
    "raion",
    "biblioteca",
    "ambasador",
    "format",
    "public",
    "participanti",
    "servicii",
    "cod_raport",
    "serviciu",
    "in_numele",
    "în numele",
    "rezultat",
    "date",
    "library",
    "ambassador",
    "audience",
    "participants",
    "services",
    "report_ref",
    "service",
    "on_behalf_of",
    "outcome",
    "Nr. crt.",
    "numele ambasadorului",
    "Raionul",
    "Biblioteca",
    "denumirea bibliotecii",
    # Where the session took place, not where a citizen lives: allowed (see privacy.py).
    "localitate",
    "Localitatea",
]


@pytest.mark.parametrize("header", PERSONAL_HEADERS)
def test_personal_headers(header: str) -> None:
    assert personal_header(header)


@pytest.mark.parametrize("header", ACCEPTED_HEADERS)
def test_report_headers_are_not_personal(header: str) -> None:
    assert not personal_header(header)


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("2001234567890", "idnp"),
        (2001234567890, "idnp"),  # an Excel number cell
        (2001234567890.0, "idnp"),
        ("ion.popescu@mail.md", "email"),
        ("+373 69 123 456", "phone"),
        ("069123456", "phone"),
        ("022 123 456", "phone"),
        ("(0231) 2-34-56", "phone"),
        (69123456, "phone"),  # 069123456 typed into Excel
        ("2.00123E+12", "idnp"),  # a 13-digit number as Excel writes it to CSV
        ("2,00123E+12", "idnp"),  # ... with a decimal comma
        ("2.00123456789e+12", "idnp"),
        ("2E+12", "idnp"),
    ],
)
def test_personal_values(value: object, what: str) -> None:
    assert personal_value(value) == what  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-15",
        "15.01.2024",
        "01-02-2024",
        "12",
        12,
        "BP-UN-0001-2024-001",
        "R-000123",
        "Ana Popescu",
        "cazier; mpay_utilitati",
        "MD-UN",
        45306,
        "123456789012",
        "@ana",
        "1.5E+3",
        "9.99E+11",  # 12 digits: no more an IDNP than 123456789012
        "2.5E+13",
        "E+12",
    ],
)
def test_ordinary_values_are_not_personal(value: object) -> None:
    assert personal_value(value) is None  # type: ignore[arg-type]


def _check(content: bytes, name: str = "r.csv") -> ImportReport:
    table = read_table(name, content, ImportLimits())
    validated = validate_table(table, None, Lookup(), TODAY)
    return ImportReport(file_name=name, sha256="0" * 64, errors=validated.errors)


def test_a_personal_column_refuses_the_whole_file_with_an_explanation() -> None:
    header = [*REQUEST_HEADER, "Numele cetățeanului", "Telefon"]
    rows = [[*row, "Ion Rusu", "069123456"] for row in request_rows("P", 3)]
    report = _check(csv_bytes(header, rows))
    assert report.refused_for_privacy
    codes = sorted((e.column, e.code) for e in report.errors)
    assert codes == [
        ("Numele cetățeanului", "personal_data_column"),
        ("Telefon", "personal_data_column"),
        ("Telefon", "personal_data_phone"),
    ]
    ro, en, ru = (report.messages(lang) for lang in ("ro", "en", "ru"))
    assert any("nu are voie să păstreze" in line for line in ro)
    assert any("must not hold citizens" in line for line in en)
    assert any("нельзя хранить" in line for line in ru)
    assert not any("069123456" in line or "Ion Rusu" in line for line in ro)  # never echoed


def test_a_13_digit_column_without_a_telling_header_is_refused() -> None:
    header = [*REQUEST_HEADER, "cod"]
    rows = [[*row, str(2000000000000 + i)] for i, row in enumerate(request_rows("P", 4))]
    report = _check(xlsx_bytes(header, rows), "r.xlsx")
    assert [(e.row, e.column, e.code, e.params) for e in report.errors] == [
        (2, "cod", "personal_data_idnp", {"count": 4})
    ]


def test_a_column_of_idnps_in_excels_scientific_notation_is_refused() -> None:
    header = [*REQUEST_HEADER, "cod"]
    rows = [[*row, f"2.00{i}23E+12"] for i, row in enumerate(request_rows("P", 3))]
    report = _check(csv_bytes(header, rows))
    assert report.refused_for_privacy
    assert [(e.row, e.column, e.code, e.params) for e in report.errors] == [
        (2, "cod", "personal_data_idnp", {"count": 3})
    ]


def test_an_address_column_refuses_the_file_but_the_report_columns_do_not() -> None:
    header = [*REQUEST_HEADER, "Str.", "localitatea de domiciliu", "localitate"]
    rows = [[*row, "Ștefan cel Mare 1", "Ungheni", "Zagarancea"] for row in request_rows("P", 2)]
    report = _check(csv_bytes(header, rows))
    assert report.refused_for_privacy
    assert sorted((e.column, e.code) for e in report.errors) == [
        ("Str.", "personal_data_column"),
        ("localitatea de domiciliu", "personal_data_column"),
    ]


def test_email_values_hidden_in_an_accepted_column_are_refused() -> None:
    rows = request_rows("P", 3)
    rows[2][-1] = "maria@example.md"  # in cod_raport
    report = _check(csv_bytes(REQUEST_HEADER, rows))
    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (4, "cod_raport", "personal_data_email")
    ]


def test_an_ambassador_display_name_is_allowed() -> None:
    table = read_table("r.csv", csv_bytes(REQUEST_HEADER, request_rows("P", 3)), ImportLimits())
    assert scan(table) == []

"""Refuse files that carry citizen data (DESIGN.md 4: no citizen identifiers of any kind).

Two checks, both before anything else is validated:
- headers (not among the accepted report columns) naming personal data in Romanian, English or
  Russian: name, IDNP / personal code, phone, e-mail, address, birth date;
- values in *any* column that look like an IDNP (13 digits, also as Excel's "2.00123E+12"), an
  e-mail address or a phone number.
Address headers include the street ("strada", "str.") and the home locality ("localitatea de
domiciliu", "domiciliu", "locul de trai"). A column named just "localitate" is *not* refused: in
an activity report it most plausibly names where the session or the library was (a village is
not a person's identifier, and the program publishes its libraries' localities); it is the
"domiciliu" / "trai" wording that makes a locality someone's home address.
A hit refuses the whole file: keeping "just the other columns" would still mean the program
received and handled the data. The ``ambasador`` column holds a librarian's display name, which is
allowed; it is an accepted column, so its header is not checked, and names are not value-checked.
Errors carry the column and the first row, never the value itself.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from data_access.importing.formats import KINDS, ROW_NUMBER_KEYS, header_key, header_map
from data_access.importing.normalize import Cell, cell_text
from data_access.importing.readers import RawTable, column_letter
from data_access.importing.report import RowError

PERSONAL_HEADERS = frozenset(
    header_key(h)
    for h in (
        "nume", "prenume", "numele", "nume prenume", "numele și prenumele",
        "numele cetățeanului", "idnp", "cod personal", "codul personal", "telefon", "nr. telefon",
        "număr de telefon", "e-mail", "email", "mail", "adresa", "adresă", "domiciliu",
        "strada", "str.", "localitatea de domiciliu", "locul de trai", "reședința",
        "data nașterii", "data de naștere", "anul nașterii", "name", "full name", "first name",
        "last name", "surname", "citizen", "citizen name", "phone", "phone number", "mobile",
        "telephone", "address", "birth date", "date of birth", "birthday", "dob", "фио", "ф.и.о.",
        "имя", "фамилия", "отчество", "телефон", "адрес", "дата рождения", "год рождения",
        "электронная почта", "эл. почта", "idno persoana fizica",
    )
)  # fmt: skip
# A header containing any of these words is personal too ("Telefonul solicitantului", ...).
PERSONAL_WORDS = frozenset(
    {
        "nume", "numele", "prenume", "prenumele", "idnp", "personal", "cetatean", "cetateanului",
        "solicitant", "solicitantului", "beneficiar", "beneficiarului", "telefon", "telefonul",
        "tel", "mobil", "email", "mail", "nasterii", "nastere", "name", "surname", "citizen",
        "phone", "telephone", "mobile", "birth", "birthdate", "фио", "имя", "фамилия", "отчество",
        "телефон", "рождения", "почта", "заявителя",
        # addresses: "Adresa", "Strada", "Str.", "Domiciliul", "Localitatea de domiciliu"...
        "adresa", "adresei", "adrese", "adresele", "strada", "strazii", "str", "domiciliu",
        "domiciliul", "domiciliului", "resedinta", "resedintei", "trai", "address", "street",
        "адрес", "адреса", "улица", "ул", "проживания", "жительства",
    }
)  # fmt: skip

_IDNP = re.compile(r"^\d{13}$")
# A 13-digit number as Excel writes it to CSV in a General cell: "2.00123E+12" (or with the
# decimal comma of a Romanian/Russian locale). The digits are lost, the column is still IDNPs.
_IDNP_SCIENTIFIC = re.compile(r"^[1-9](?:[.,]\d+)?[eE]\+?12$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")
_PHONE_CHARS = re.compile(r"^\+?[\d\s\-()]+$")
_PHONE_DIGITS = re.compile(r"^(?:\+?373\d{8}|00373\d{8}|0[2-9]\d{7}|\+\d{9,14})$")
_MOBILE_NUMBER = re.compile(r"^[67]\d{7}$")  # 069123456 typed into Excel loses its 0


@cache
def _known_headers() -> frozenset[str]:
    known = set(ROW_NUMBER_KEYS)
    for kind in KINDS:
        known |= header_map(kind).keys()
    return frozenset(known)


def personal_header(header: str) -> bool:
    key = header_key(header)
    if not key or key in _known_headers():
        return False
    return key in PERSONAL_HEADERS or bool(set(key.split("_")) & PERSONAL_WORDS)


def personal_value(cell: Cell) -> str | None:
    """``"idnp"``, ``"email"``, ``"phone"`` or ``None``."""
    if isinstance(cell, str):
        return _personal_text(cell.strip(), numeric=False) if cell else None
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return None  # dates, empty cells
    return _personal_text(cell_text(cell), numeric=True)


_PUNCTUATION = str.maketrans("", "", " -()\u00a0")


def _personal_text(text: str, *, numeric: bool) -> str | None:
    if "@" in text:
        return "email" if _EMAIL.match(text) else None
    compact = text.translate(_PUNCTUATION)
    if _IDNP_SCIENTIFIC.match(compact):
        return "idnp"
    digits = compact[1:] if compact.startswith("+") else compact
    if not digits.isdigit():  # fast exit for names, codes, dates with dots
        return None
    if _IDNP.match(compact):
        return "idnp"
    if _PHONE_CHARS.match(text) and _PHONE_DIGITS.match(compact):
        return "phone"
    if numeric and _MOBILE_NUMBER.match(text):
        return "phone"
    return None


# Could a column hold an e-mail, an IDNP or a phone at all? One regex over the whole column
# skips the value-by-value check for most columns (names, raions, small numbers, short codes).
_CANDIDATE = re.compile(r"@|\+|\d[\d \-()\u00a0]{6,}\d|[eE]12\b")


def _findings(table: RawTable, index: int) -> dict[str, tuple[int, int]]:
    """What personal values a column holds: kind -> (first row, count)."""
    texts = [cell_text(c) for _, c in table.column_values(index) if not isinstance(c, dt.date)]
    if not _CANDIDATE.search("\n".join(texts)):
        return {}
    found: dict[str, tuple[int, int]] = {}
    known: dict[Cell, str | None] = {}
    for number, cell in table.column_values(index):
        what = known[cell] if cell in known else known.setdefault(cell, personal_value(cell))
        if what:
            first, count = found.get(what, (number, 0))
            found[what] = (first, count + 1)
    return found


def scan(table: RawTable) -> list[RowError]:
    """Every personal-data column of the file (one error per column and kind of value)."""
    errors: list[RowError] = []
    for index, header in enumerate(table.headers):
        label = header or column_letter(index)
        if header and personal_header(header):
            errors.append(RowError(table.header_row, label, "personal_data_column"))
        for what, (first, count) in _findings(table, index).items():
            errors.append(RowError(first, label, f"personal_data_{what}", {"count": count}))
    return errors

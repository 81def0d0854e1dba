"""Real-world spellings to canonical values: raion names, dates, enumerated values, numbers.

Every name comparison goes through :func:`fold`, the matching rule of reference_data/SOURCES.md
(lowercase, â and î -> i, diacritics stripped, letters and digits only), extended to keep Cyrillic
letters so that Russian values can be matched as well. Cedilla (ş ţ) and comma-below (ș ț) forms
fold to the same letters.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import cache, lru_cache

from data_access.reference import raions_frame

Cell = str | int | float | dt.date | dt.datetime | None

MIN_DATE = dt.date(2016, 1, 1)  # the program's first workshop was in March 2016
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (after Excel's 1900 leap-year bug)
MAX_PARTICIPANTS = 100_000


@lru_cache(maxsize=65_536)  # report values repeat a lot (raions, libraries, services)
def fold(text: str) -> str:
    """Comparison key of a name: ``"Ştefan-Vodă"``, ``"ștefan vodă"`` -> ``stefanvoda``."""
    lowered = text.strip().lower().replace("â", "i").replace("î", "i")
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def cell_text(value: Cell) -> str:
    """The text of a cell as a person would read it (``12.0`` -> ``"12"``; dates as ISO)."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


# --- raions ------------------------------------------------------------------------------------

_ISO = re.compile(r"^md[\s\-_]?([a-z]{2})$")
_PREFIX = re.compile(
    r"^(?:raionul|raion|r-nul|r-n|r\.|municipiul|municipiu|mun\.|mun|m\.|orasul|oras|or\."
    r"|unitatea teritoriala autonoma|u\.?t\.?a\.?|район|город|г\.|муниципий)\s*",
)
_SUFFIX = re.compile(r"\s*(?:raionul|raion|r-nul|r-n|r\.|municipiu|mun\.|mun|район|р-н)$")


@cache
def _raion_keys() -> dict[str, str]:
    """Folded spelling -> ISO code, from the bundled names, ASCII names and aliases."""
    keys: dict[str, str] = {}
    for r in raions_frame().itertuples():
        code = str(r.raion_code)
        for spelling in (code, str(r.name_ro), str(r.name_ascii), *str(r.aliases).split("|")):
            if spelling:
                keys[fold(spelling)] = code
        keys[str(r.name_key)] = code
    return keys


def _plain(text: str) -> str:
    """Lowercase, â/î -> i, no diacritics, single spaces (punctuation kept for the prefixes)."""
    lowered = text.lower().replace("â", "i").replace("î", "i")
    decomposed = unicodedata.normalize("NFKD", lowered)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@lru_cache(maxsize=4_096)
def raion_code(value: str) -> str | None:
    """ISO 3166-2:MD code of a raion written any common way, or ``None`` when unknown.

    Accepts the ISO code (``MD-UN``, ``md un``), the Romanian name with or without diacritics
    (cedilla or comma-below, â or î), the aliases of moldova_raions.csv, and prefixes or suffixes
    such as ``r.``, ``raionul``, ``mun.``, ``municipiul``, ``UTA``.
    """
    text = _plain(value)
    if not text:
        return None
    keys = _raion_keys()
    iso = _ISO.match(text)
    if iso:
        return keys.get(fold(f"md{iso.group(1)}"))
    for candidate in (text, _SUFFIX.sub("", _PREFIX.sub("", text))):
        code = keys.get(fold(candidate))
        if code:
            return code
    return None


# --- dates -------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?: [\d:.]+)?$")
_SERIAL = re.compile(r"^\d{4,6}(?:\.\d+)?$")


def excel_serial_date(serial: float) -> dt.date | None:
    """Excel's day number (``45306`` -> 2024-01-15); fractions (the time of day) are dropped."""
    if not math.isfinite(serial) or not 1 <= serial < 2_958_466:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value: Cell) -> dt.date | None:
    """ISO, ``dd.mm.yyyy``, ``dd/mm/yyyy``, an Excel date cell or an Excel serial number."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return excel_serial_date(float(value))
    text = cell_text(value)
    try:
        if m := _ISO_DATE.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DMY.match(text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:  # e.g. 31.02.2024
        return None
    if _SERIAL.match(text):
        return excel_serial_date(float(text))
    return None


# --- numbers -----------------------------------------------------------------------------------


def parse_count(value: Cell) -> int | None:
    """A whole number (``12``, ``12.0``, ``"12"``, ``"1 200"``), or ``None`` when not one."""
    if isinstance(value, bool | dt.date):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    text = cell_text(value).replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?\d+[.,]0+", text):
        return int(re.split(r"[.,]", text)[0])
    return None


# --- enumerated values -------------------------------------------------------------------------

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "format": {
        "in_person": ("in person", "față în față", "fizic", "prezențial", "cu prezență fizică",
                      "offline", "în persoană", "очно", "очный", "очная", "лично"),
        "online": ("on-line", "la distanță", "virtual", "онлайн", "дистанционно",
                   "дистанционный", "дистанционная"),
    },
    "audience": {
        "citizens": ("cetățeni", "cetățenii", "populația", "citizens", "граждане", "жители",
                     "население"),
        "librarians": ("bibliotecari", "bibliotecarii", "librarians", "библиотекари"),
        "local_administration": ("APL", "administrația publică locală", "administrația locală",
                                 "autorități locale", "local administration",
                                 "local public administration", "LPA",
                                 "местная публичная администрация", "местная администрация",
                                 "органы местного публичного управления", "ОМПУ", "МПА"),
        "business": ("afaceri", "mediul de afaceri", "antreprenori", "oameni de afaceri",
                     "business", "entrepreneurs", "бизнес", "предприниматели"),
        "youth": ("tineri", "tinerii", "tineret", "youth", "young people", "молодежь",
                  "молодёжь"),
        "elderly": ("vârstnici", "vârstnicii", "persoane vârstnice", "persoane în etate",
                    "pensionari", "elderly", "older people", "seniors", "пожилые",
                    "пожилые люди", "пенсионеры"),
        "emigrant_families": ("familiile migranților", "familii de migranți",
                              "familiile emigranților", "familii de emigranți",
                              "emigrant families", "families of emigrants", "migrant families",
                              "семьи мигрантов", "семьи эмигрантов"),
    },
    "on_behalf_of": {
        "self": ("sine", "pentru sine", "nume propriu", "în nume propriu", "personal", "self",
                 "myself", "oneself", "для себя", "сам", "от своего имени", "за себя"),
        "relative_abroad": ("rudă peste hotare", "rude peste hotare", "rudă plecată peste hotare",
                            "relative abroad", "a relative abroad", "родственник за границей",
                            "родственник за рубежом", "родственника за рубежом",
                            "родственника за границей"),
        "other": ("altă persoană", "alta", "altul", "alt", "other", "other person", "другое",
                  "другой", "другое лицо", "другого лица"),
    },
    "outcome": {
        "submitted": ("depus", "depusă", "trimis", "transmis", "submitted", "sent", "подано",
                      "подана", "отправлено"),
        "completed": ("finalizat", "finalizată", "realizat", "soluționat", "eliberat",
                      "completed", "done", "выполнено", "завершено", "получено"),
        "failed": ("eșuat", "eșuată", "nereușit", "respins", "failed", "rejected",
                   "не удалось", "отказано", "неудачно"),
    },
}  # fmt: skip


@cache
def _enum_keys(field: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for code, spellings in SYNONYMS[field].items():
        for spelling in (code, *spellings):
            keys[fold(spelling)] = code
    return keys


def enum_value(field: str, value: str) -> str | None:
    """Canonical code of ``format``/``audience``/``on_behalf_of``/``outcome`` in RO, EN or RU."""
    return _enum_keys(field).get(fold(value))


SERVICE_SEPARATORS = re.compile(r"[;,|\n]+")


def split_services(value: str) -> list[str]:
    """``"cazier; mpay_utilitati"`` -> two items (``;`` documented; ``,`` and ``|`` tolerated)."""
    return [part.strip() for part in SERVICE_SEPARATORS.split(value) if part.strip()]

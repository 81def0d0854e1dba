"""The two activity-report formats: their columns, the header spellings accepted, and the limits.

Internal field names are English identifiers; the canonical (template) headers are Romanian, as
the issue documents them. Headers are matched after :func:`header_key` folding, so
``Participanți``, ``participanti`` and ``PARTICIPANTI`` are one column, as are ``în numele`` and
``in_numele``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

KINDS = ("sessions", "requests")


@dataclass(frozen=True)
class ImportLimits:
    """Server-side limits. The defaults fit a year of a raion's reports with a wide margin."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 200_000
    max_columns: int = 60
    # XLSX (a zip): judged from the central directory before anything is decompressed.
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: float = 200.0
    max_zip_entries: int = 2_000


@dataclass(frozen=True)
class Column:
    field: str  # internal name
    header: str  # canonical Romanian header written by the template
    aliases: tuple[str, ...]  # other accepted spellings (folded with header_key)
    required: bool = True  # the column must be present


_COMMON = (
    Column("date", "data", ("date", "data_sesiunii", "data_cererii", "дата")),
    Column("raion", "raion", ("raionul", "district", "район")),
    Column(
        "library",
        "biblioteca",
        (
            "library",
            "cod_biblioteca",
            "nume_biblioteca",
            "numele_bibliotecii",
            "denumirea_bibliotecii",
            "library_code",
            "library_name",
            "библиотека",
        ),
    ),
)
_AMBASSADOR_ALIASES = (
    "ambassador", "ambasadorul", "eambasador", "nume_ambasador", "numele_ambasadorului",
    "ambassador_name", "амбассадор", "посол",
)  # fmt: skip
_REF = Column(
    "report_ref",
    "cod_raport",
    ("report_ref", "report_reference", "codul_raportului", "код_отчета", "код_отчёта"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "sessions": (
        *_COMMON,
        Column("ambassador", "ambasador", _AMBASSADOR_ALIASES),
        Column("format", "format", ("forma", "формат")),
        Column("audience", "public", ("audience", "public_tinta", "target_audience", "аудитория")),
        Column(
            "participants",
            "participanti",
            ("participants", "nr_participanti", "numar_participanti", "участники"),
        ),
        Column("services", "servicii", ("services", "servicii_prezentate", "услуги")),
        _REF,
    ),
    "requests": (
        *_COMMON,
        # Empty (or absent) = assisted by library staff without a recorded ambassador.
        Column(
            "ambassador",
            "ambasador",
            _AMBASSADOR_ALIASES,
            required=False,
        ),
        Column("service", "serviciu", ("service", "serviciul", "услуга")),
        Column("on_behalf_of", "in_numele", ("on_behalf_of", "pentru", "от_имени", "в_интересах")),
        Column("outcome", "rezultat", ("outcome", "result", "результат")),
        _REF,
    ),
}

# Columns that only number the rows ("Nr.", "Nr. crt.", "#", "№ п/п"), as folded keys; ignored.
ROW_NUMBER_KEYS = frozenset({"nr", "nr_crt", "no", "no_п_п", "п_п"})

_NON_WORD = re.compile(r"[^0-9a-zа-я]+")


def header_key(text: str) -> str:
    """``"  Participanți "`` -> ``participanti``; ``"în numele"`` -> ``in_numele``.

    Lowercase, strip Latin diacritics (Cyrillic letters are kept), words joined by ``_``.
    """
    lowered = text.strip().lower()
    if lowered == "#":
        return "no"
    decomposed = unicodedata.normalize("NFKD", lowered).lower()  # "№" -> "no", "й" -> "и" + ◌̆
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub("_", plain).strip("_")


def header_map(kind: str) -> dict[str, str]:
    """Folded header -> field for one kind."""
    mapping: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for spelling in (column.header, column.field, *column.aliases):
            mapping[header_key(spelling)] = column.field
    return mapping


def column(kind: str, field: str) -> Column:
    return next(c for c in COLUMNS[kind] if c.field == field)


@cache
def _all_header_keys() -> frozenset[str]:
    return frozenset(header_map("sessions")) | frozenset(header_map("requests"))


def looks_like_header(cells: Sequence[object]) -> bool:
    """At least three cells name report columns (a title line above the header does not)."""
    keys = _all_header_keys()
    return sum(1 for c in cells if isinstance(c, str) and header_key(c) in keys) >= 3


def detect_kind(headers: list[str]) -> str | None:
    """The kind whose own columns the headers name most; ``None`` when it is not clear."""
    keys = {header_key(h) for h in headers}
    scores = {}
    for kind in KINDS:
        own = {c.field for c in COLUMNS[kind]} - {c.field for c in COLUMNS[_other(kind)]}
        mapping = header_map(kind)
        scores[kind] = len({mapping[k] for k in keys if k in mapping} & own)
    best = max(KINDS, key=lambda k: scores[k])
    if scores[best] == 0 or scores["sessions"] == scores["requests"]:
        return None
    return best


def _other(kind: str) -> str:
    return "requests" if kind == "sessions" else "sessions"

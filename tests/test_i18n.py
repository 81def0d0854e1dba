"""Every message exists in every language, placeholders agree, Romanian uses comma-below."""

from __future__ import annotations

import ast
import random
import re
import string
from pathlib import Path

import pytest

from dashboard.i18n import (
    LANGUAGES,
    all_messages,
    fmt_int,
    fmt_month,
    fmt_number,
    fmt_percent,
    t,
)
from dashboard.i18n.catalog import PLURAL, plural_placeholders
from dashboard.i18n.formatting import fmt_count, plural_categories

CEDILLA = re.compile("[şţŞŢ]")  # the cedilla forms are wrong in Romanian; use ș ț


def _placeholders(text: str) -> set[str]:
    """Every placeholder's name: ``{days}`` and ``{days|zi|zile|de zile}`` both give ``days``."""
    plain = PLURAL.sub(lambda m: "{" + m[1] + "}", text)
    return {name for _, name, _, _ in string.Formatter().parse(plain) if name}


def test_catalog_is_not_empty() -> None:
    assert len(all_messages()) > 20


@pytest.mark.parametrize("key", sorted(all_messages()))
def test_every_key_has_every_language(key: str) -> None:
    entry = all_messages()[key]
    missing = [lang for lang in LANGUAGES if not entry.get(lang, "").strip()]
    assert not missing, f"{key} lacks {missing}"
    assert set(entry) <= set(LANGUAGES), (
        f"{key} has unknown languages {set(entry) - set(LANGUAGES)}"
    )
    placeholders = {lang: _placeholders(entry[lang]) for lang in LANGUAGES}
    assert len({frozenset(p) for p in placeholders.values()}) == 1, f"{key}: {placeholders}"
    assert not CEDILLA.search(entry["ro"]), f"{key}: use ș/ț (comma below), not ş/ţ"
    counts = {lang: {name for name, _ in plural_placeholders(entry[lang])} for lang in LANGUAGES}
    assert len({frozenset(c) for c in counts.values()}) == 1, f"{key}: plural counts {counts}"
    for lang in LANGUAGES:
        categories = plural_categories(lang)
        for name, forms in plural_placeholders(entry[lang]):
            where = f"{key} [{lang}] {{{name}|...}}"
            assert len(forms) == len(categories), f"{where}: one form per {categories}: {forms}"
            assert all(form.strip() for form in forms), f"{where}: an empty form in {forms}"


def test_unknown_key_falls_back_to_the_key() -> None:
    assert t("no.such.key", "ro") == "no.such.key"


def test_formatting_follows_the_language() -> None:
    assert fmt_int(1234567, "ro") == "1.234.567"
    assert fmt_int(1234567, "en") == "1,234,567"
    assert fmt_int(1234567, "ru") == "1\xa0234\xa0567"
    assert fmt_percent(0.5, "en") == "50%"
    assert fmt_month(202611, "ro") == "nov. 2026"
    assert fmt_int(None, "ro") == "—"


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_fast_number_formatting_equals_babel(lang: str) -> None:
    """fmt_int and fmt_number skip Babel's general machinery; they must print exactly what
    its patterns print, half-way cases, negatives, negative zero and big numbers included."""
    from babel.numbers import parse_pattern

    from dashboard.i18n.formatting import _locale

    rng = random.Random(5)
    values = [0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -0.04, -0.05, 2.675, 1.005, 0.125, 999.95,
              1234.5, -1234.5, 12345678.9, 1e15, 5, 0, -7, 999, 1000, 10000, -2.5e-7]  # fmt: skip
    values += [rng.uniform(-1e6, 1e6) for _ in range(300)]
    values += [round(rng.uniform(0, 100), 2) + 0.005 for _ in range(300)]
    values += [rng.randint(-(10**7), 10**7) for _ in range(300)]
    locale = _locale(lang)
    for value in values:
        assert fmt_int(value, lang) == parse_pattern("#,##0").apply(round(value), locale)
        for digits in (0, 1, 2):
            pattern = parse_pattern("#,##0." + "0" * digits if digits else "#,##0")
            assert fmt_number(value, lang, digits) == pattern.apply(value, locale), value


SOURCE_DIRS = ("app.py", "callbacks", "dashboard", "data_access", "layouts")
ROOT = Path(__file__).resolve().parents[1]


def _literal_keys() -> dict[str, set[str]]:
    """Every literal key passed to ``t(...)`` in the source -> the files passing it. Parsed,
    not grepped: ``t("a.b", lang)``, ``t(key="a.b", ...)`` and calls split over lines."""
    keys: dict[str, set[str]] = {}
    for entry in SOURCE_DIRS:
        path = ROOT / entry
        for source in [path] if path.is_file() else sorted(path.rglob("*.py")):
            tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else None
                if name != "t":
                    continue
                args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "key")]
                for arg in args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        keys.setdefault(arg.value, set()).add(str(source.relative_to(ROOT)))
    return keys


def test_every_key_used_in_the_source_is_in_the_catalog_in_every_language() -> None:
    used = _literal_keys()
    assert len(used) > 100  # the scan finds the calls (not an empty pass)
    assert "common.no_data" in used
    messages = all_messages()
    missing = {
        key: sorted(files)
        for key, files in used.items()
        if key not in messages or any(not messages[key].get(lang, "").strip() for lang in LANGUAGES)
    }
    assert not missing, f"keys used with t(...) but missing in some language: {missing}"


def test_plural_categories_are_cldrs_in_cldr_order() -> None:
    assert plural_categories("ro") == ("one", "few", "other")
    assert plural_categories("ru") == ("one", "few", "many", "other")
    assert plural_categories("en") == ("one", "other")


DAYS = {
    "ro": ("zi", "zile", "de zile"),
    "ru": ("день", "дня", "дней", "дня"),
    "en": ("day", "days"),
}
DAY_CASES = [
    ("ro", 0, "0 zile"), ("ro", 1, "1 zi"), ("ro", 2, "2 zile"), ("ro", 19, "19 zile"),
    ("ro", 20, "20 de zile"), ("ro", 45, "45 de zile"), ("ro", 100, "100 de zile"),
    ("ro", 101, "101 zile"), ("ro", 119, "119 zile"), ("ro", 120, "120 de zile"),
    ("ro", 1000, "1.000 de zile"),
    ("ru", 1, "1 день"), ("ru", 2, "2 дня"), ("ru", 5, "5 дней"), ("ru", 11, "11 дней"),
    ("ru", 21, "21 день"), ("ru", 22, "22 дня"), ("ru", 25, "25 дней"), ("ru", 111, "111 дней"),
    ("ru", 1021, "1\xa0021 день"),
    ("en", 1, "1 day"), ("en", 2, "2 days"), ("en", 0, "0 days"), ("en", 1000, "1,000 days"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "n", "expected"), DAY_CASES)
def test_fmt_count_picks_the_form_of_the_numbers_plural_category(
    lang: str, n: int, expected: str
) -> None:
    assert fmt_count(n, DAYS[lang], lang) == expected


@pytest.mark.parametrize(("lang", "n", "expected"), DAY_CASES)
def test_dormant_title_says_the_days_grammatically(lang: str, n: int, expected: str) -> None:
    title = t("coverage.dormant.title", lang, days=n)
    before = {"ro": "ultimele ", "ru": "последние ", "en": "last "}[lang]
    assert f"{before}{expected}" in title
    assert "{" not in title
    assert "|" not in title


def test_plural_and_plain_placeholders_in_one_message() -> None:
    assert (
        t("kpi.dormant_note", "ro", count=1, days=20) == "1 inactiv (fără activitate de 20 de zile)"
    )
    assert t("kpi.dormant_note", "ru", count=5, days=21) == "5 неактивных (без активности 21 день)"
    assert t("coverage.no_active.item", "ro", name="Ungheni", points=21) == (
        "Ungheni: 21 de puncte de acces, toate inactive"
    )
    assert t("coverage.score.formula", "en", km="7", days=1).count("7 km") == 1
    assert "(no activity in the last 1 day)" in t("coverage.score.formula", "en", km="7", days=1)


def test_a_plural_count_must_be_a_number_and_have_every_form() -> None:
    with pytest.raises(TypeError):
        t("coverage.dormant.title", "ro", days="45")  # a pre-formatted count cannot be declined
    with pytest.raises(TypeError):
        fmt_count(1.5, DAYS["ro"], "ro")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="plural forms"):
        fmt_count(2, DAYS["en"], "ro")
    with pytest.raises(KeyError):
        t("coverage.dormant.title", "ro", other=1)


def test_callers_pass_counts_not_formatted_text() -> None:
    from layouts.import_report import size_text
    from layouts.pages.targets import status_summary

    assert size_text(1, "ro") == "1 octet"
    assert size_text(1000, "ro") == "1.000 de octeți"
    assert size_text(22, "ru") == "22 байта"
    assert "21 цель" in str(status_summary({"on_track": 21}, "ru"))
    assert "20 de ținte" in str(status_summary({"on_track": 20}, "ro"))

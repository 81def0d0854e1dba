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

CEDILLA = re.compile("[şţŞŢ]")  # the cedilla forms are wrong in Romanian; use ș ț


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


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

"""Every message exists in every language, placeholders agree, Romanian uses comma-below."""

from __future__ import annotations

import re
import string

import pytest

from dashboard.i18n import LANGUAGES, all_messages, fmt_int, fmt_month, fmt_percent, t

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

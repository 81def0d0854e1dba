"""The message catalog: every area module contributes a ``MESSAGES`` dict."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES = ("ro", "en", "ru")
DEFAULT_LANGUAGE = "ro"
Messages = dict[str, dict[str, str]]


def normalize_language(value: object) -> str:
    """A supported language code; anything else falls back to Romanian."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


@cache
def all_messages() -> Messages:
    """Every area's messages merged; duplicate keys across areas are a programming error."""
    merged: Messages = {}
    package = importlib.import_module("dashboard.i18n")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name in {"catalog", "formatting"}:
            continue
        module = importlib.import_module(f"dashboard.i18n.{info.name}")
        messages: Messages = getattr(module, "MESSAGES", {})
        clash = merged.keys() & messages.keys()
        if clash:
            raise RuntimeError(f"duplicate message keys in {info.name}: {sorted(clash)}")
        merged.update(messages)
    return merged


def t(key: str, lang: str, **params: object) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``.

    A missing key shows the key itself (and the completeness test fails), never a crash.
    """
    entry = all_messages().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key
    return text.format(**params) if params else text

"""Helpers every page's callbacks share: failure containment and common inputs."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from dash import Input, Patch
from dash.exceptions import PreventUpdate
from sqlalchemy.exc import SQLAlchemyError

from dashboard.baseline import naive_figures
from dashboard.i18n import normalize_language, t
from dashboard.response_cache import mark_cacheable
from dashboard.url_state import query_params
from data_access.queries.versioned import one_read_of_the_version
from layouts import ids
from layouts.figures.common import message_figure

log = logging.getLogger(__name__)

# Every data callback starts with these two inputs: the filters (URL) and the data version.
DATA_INPUTS = [Input(ids.URL, "search"), Input(ids.DATA_VERSION, "data")]


def language_of(search: object) -> str:
    params = query_params(search) if isinstance(search, str) else {}
    return normalize_language(params.get("limba"))


def guarded(
    fallback: Callable[[str, str], Any],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Contain any failure of a data callback: log it, show ``fallback(lang, message)``.

    The callback's first argument must be the URL search (for the language). A user never sees
    a traceback, SQL text or a 500; an unreachable database shows its own banner (shell).
    """

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                with one_read_of_the_version():
                    return naive_figures(func(*args, **kwargs))
            except PreventUpdate:
                raise
            except SQLAlchemyError:
                log.warning("database error in %s", func.__name__, exc_info=True)
                lang = language_of(args[0] if args else None)
                return fallback(lang, t("shell.error", lang))
            except Exception:
                log.exception("callback %s failed", func.__name__)
                lang = language_of(args[0] if args else None)
                return fallback(lang, t("shell.error", lang))

        return wrapper

    return decorate


def cached_output(func: Callable[..., Any]) -> Callable[..., Any]:
    """Let a data callback's whole answer be kept and sent again when the same inputs come
    again (the same URL, data version, viewer scope and day): a page opened again, or the
    default view every visitor starts from, is answered without recomputing or rebuilding
    figures (:mod:`dashboard.response_cache`). Use it under :func:`guarded` (a failure is never
    kept) and only on callbacks whose output depends on their inputs alone (no downloads, no
    writes, no ``ctx``).
    """

    @functools.wraps(func)
    def wrapper(*args: Any) -> Any:
        output = _plain(func(*args))
        mark_cacheable()
        return output

    return wrapper


def _plain(output: Any) -> Any:
    """``Patch`` objects in an output as their JSON form (what Dash sends anyway): plotly's
    encoder walks a Patch item by item (~11 ms for the map's 40 KB), its dict form it hands
    straight to orjson (~0.3 ms)."""
    if isinstance(output, Patch):
        return output.to_plotly_json()
    if isinstance(output, tuple | list):
        return type(output)(_plain(item) for item in output)
    return output


def figures_fallback(count: int) -> Callable[[str, str], Any]:
    """Fallback for a callback returning ``count`` figures: each says what went wrong."""

    def build(_lang: str, message: str) -> Any:
        figures = [message_figure(message) for _ in range(count)]
        return figures[0] if count == 1 else figures

    return build

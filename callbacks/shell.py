"""Shell callbacks: routing, navigation links, live refresh and the database status."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from sqlalchemy.exc import SQLAlchemyError

from dashboard.context import AppContext
from dashboard.i18n import fmt_date, t
from dashboard.pages import PAGES_BY_KEY, Page, page_for_path
from dashboard.status import DataStatus
from dashboard.url_state import to_query
from layouts import ids
from layouts.filter_panel import filter_panel
from layouts.pages import coverage as coverage_page
from layouts.pages import data as data_page
from layouts.pages import directory as directory_page
from layouts.pages import map as map_page
from layouts.pages import overview
from layouts.pages import presentation as presentation_page
from layouts.pages import targets as targets_page
from layouts.shell import message_page, navbar

log = logging.getLogger(__name__)
VERSION_UNKNOWN = -1  # the data version while the database is unreachable (never a real one)
PAGE_LAYOUTS: dict[str, Callable[[str], Any]] = {
    "overview": overview.layout,
    "map": map_page.layout,
    "targets": targets_page.layout,
    "coverage": coverage_page.layout,
    "directory": directory_page.layout,
    "presentation": presentation_page.layout,
    "data": data_page.layout,
}


def updated_text(status: DataStatus | None, lang: str) -> str:
    if status is None or status.updated_at is None:
        return ""
    when = local_time(status.updated_at)
    stamp = f"{fmt_date(when.date(), lang)} {when.strftime('%H:%M:%S')}"
    return t("shell.updated_at", lang, when=stamp)


def local_time(moment: dt.datetime) -> dt.datetime:
    """Moldova's time of a stored moment (SQLite returns UTC without a zone)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(ZoneInfo("Europe/Chisinau"))


def notices_alert(notices: list[Any], lang: str) -> Any:
    if not notices:
        return None
    items = [html.Li(t(f"notice.{n.code}", lang, value=n.value)) for n in notices[:10]]
    return dbc.Alert(
        [html.Strong(t("notice.title", lang)), html.Ul(items, className="mb-0")],
        color="warning",
        dismissable=True,
        className="notice-alert",
    )


def _safe_status(app_ctx: AppContext) -> DataStatus | None:
    try:
        return app_ctx.status()
    except SQLAlchemyError:
        log.warning("database unreachable", exc_info=True)
        return None


def render_page(app_ctx: AppContext, page: Page | None, search: str) -> tuple[Any, ...]:
    """Navbar, filter panel (or nothing), page content, banner and notices for one view."""
    filters, notices, lang = app_ctx.parse(search)
    status = _safe_status(app_ctx)
    canonical = to_query(filters, lang if lang != "ro" else None)
    header = navbar(
        page or Page("missing", "/", "page.not_found", in_nav=False),
        lang,
        canonical,
        is_demo=bool(status and status.is_demo),
        updated_text=updated_text(status, lang),
    )
    if page is None:
        content = message_page(t("page.not_found", lang), "")
    else:
        builder = PAGE_LAYOUTS.get(page.key)
        not_built = message_page(t(page.title_key, lang), t("page.not_built", lang))
        content = builder(lang) if builder else not_built
    with_filters = page is not None and page.has_filters
    panel = filter_panel(filters, app_ctx.filter_options, lang, app_ctx.today().isoformat())
    return (
        header,
        panel,
        {} if with_filters else {"display": "none"},
        {} if with_filters else {"flex": "0 0 100%", "maxWidth": "100%"},
        content,
        status is None,
        t("shell.db_down", lang) if status is None else "",
        notices_alert(notices, lang),
    )


RENDER_OUTPUTS = [
    Output(ids.NAVBAR, "children"),
    Output(ids.FILTER_COL, "children"),
    Output(ids.FILTER_COL, "style"),
    Output(ids.PAGE_COL, "style"),
    Output(ids.PAGE, "children"),
    Output(ids.DB_BANNER, "is_open", allow_duplicate=True),
    Output(ids.DB_BANNER, "children", allow_duplicate=True),
    Output(ids.NOTICES, "children", allow_duplicate=True),
]


# Sets <html lang> (accessibility) and data-app-lang (the calendar's date-fns locale key).
SET_DOCUMENT_LANGUAGE = """
function (search) {
    var match = /[?&]limba=(ro|en|ru)(&|$)/.exec(search || "");
    var lang = match ? match[1] : "ro";
    document.documentElement.lang = lang;
    document.documentElement.setAttribute("data-app-lang", lang === "en" ? "en-GB" : lang);
    return lang;
}
"""


def register(app: Dash, app_ctx: AppContext) -> None:
    app.clientside_callback(
        SET_DOCUMENT_LANGUAGE, Output(ids.LANG_SINK, "data"), Input(ids.URL, "search")
    )

    @app.callback(
        *RENDER_OUTPUTS,
        Output(ids.RENDER_KEY, "data"),
        Output(ids.REFRESH, "disabled"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        State(ids.RENDER_KEY, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def route(pathname: str | None, search: str | None, rendered: Any) -> tuple[Any, ...]:
        """Re-render only when the page or the language changes (filters change in place)."""
        page = page_for_path(pathname)
        _, _, lang = app_ctx.parse(search)
        key = [page.key if page else "missing", lang]
        if rendered == key:
            return tuple(no_update for _ in range(len(RENDER_OUTPUTS) + 2))
        # the navigation bar (with "updated at") exists from now on: live refresh may tick
        return (*render_page(app_ctx, page, search or ""), key, False)

    @app.callback(
        Output({"type": "nav-link", "page": ALL}, "href"),
        Output({"type": "lang-link", "lang": ALL}, "href"),
        Input(ids.URL, "search"),
        State(ids.URL, "pathname"),
    )
    def update_links(search: str | None, pathname: str | None) -> tuple[list[str], list[str]]:
        filters, _, lang = app_ctx.parse(search)
        nav = [
            _page_path(o["id"]["page"]) + to_query(filters, lang if lang != "ro" else None)
            for o in ctx.outputs_list[0]
        ]
        here = page_for_path(pathname)
        base = here.path if here else "/"
        languages = [
            base + to_query(filters, o["id"]["lang"] if o["id"]["lang"] != "ro" else None)
            for o in ctx.outputs_list[1]
        ]
        return nav, languages

    @app.callback(
        Output(ids.DATA_VERSION, "data"),
        Output(ids.UPDATED_AT, "children"),
        Output(ids.DB_BANNER, "is_open"),
        Output(ids.DB_BANNER, "children"),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.DATA_VERSION, "data"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def live_refresh(_n: int, version: Any, search: str | None) -> tuple[Any, ...]:
        _, _, lang = app_ctx.parse(search)
        status = _safe_status(app_ctx)
        if status is None:
            # Forget the version: the charts now show the load failure, and the first good
            # tick must send the real version again (unchanged data or not) to redraw them.
            unknown = no_update if version == VERSION_UNKNOWN else VERSION_UNKNOWN
            return unknown, no_update, True, t("shell.db_down", lang)
        changed = status.version != version
        return (status.version if changed else no_update), updated_text(status, lang), False, ""

    @app.callback(
        Output(ids.FILTER_COLLAPSE, "is_open"),
        Input(ids.FILTER_TOGGLE, "n_clicks", allow_optional=True),
        State(ids.FILTER_COLLAPSE, "is_open", allow_optional=True),
        prevent_initial_call=True,
    )
    def toggle_filters(_n: int, is_open: bool) -> bool:
        return not is_open


def _page_path(key: str) -> str:
    page = PAGES_BY_KEY.get(key)
    return page.path if page else "/"

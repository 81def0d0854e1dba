"""The application shell: the static root, the navigation bar and the page frame."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import LANGUAGES, t
from dashboard.pages import PAGES, Page
from layouts import ids

LANGUAGE_NAMES = {"ro": "RO", "en": "EN", "ru": "RU"}


def root_layout(refresh_ms: int, version: int, filter_panel: Any) -> html.Div:
    """The static skeleton. Its containers are re-filled on a page or language change, but every
    shared control (filters, banner, notices) always exists, so callbacks never lose an input."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.RENDER_KEY, data=None),
            dcc.Store(id=ids.LANG_SINK, data=None),
            dcc.Store(id=ids.DATA_VERSION, data=version),
            # off until the first page is drawn: a tick writes to the navigation bar's "updated
            # at", which does not exist before (the router turns it on with the first page)
            dcc.Interval(id=ids.REFRESH, interval=refresh_ms, n_intervals=0, disabled=True),
            html.Header(id=ids.NAVBAR),
            dbc.Alert(id=ids.DB_BANNER, color="danger", is_open=False,
                      className="db-banner mb-0 rounded-0"),
            dbc.Container(
                [
                    html.Div(id=ids.NOTICES, className="notices"),
                    dbc.Row(
                        [
                            dbc.Col(filter_panel, id=ids.FILTER_COL, lg=3, xxl=2, className="mb-3"),
                            dbc.Col(html.Main(id=ids.PAGE, className="page-content"),
                                    id=ids.PAGE_COL, lg=9, xxl=10),
                        ]
                    ),
                ],
                fluid=True,
                className="py-3",
            ),
        ],
        className="app-root",
    )  # fmt: skip


def navbar(page: Page, lang: str, search: str, *, is_demo: bool, updated_text: str) -> dbc.Navbar:
    links = [
        dbc.NavItem(
            dcc.Link(
                t(p.title_key, lang),
                href=p.path + search,
                id=ids.nav_link(p.key),
                className="nav-link" + (" active" if p.key == page.key else ""),
            )
        )
        for p in PAGES
        if p.in_nav
    ]
    languages = html.Div(
        [
            dcc.Link(
                LANGUAGE_NAMES[code],
                href=page.path + search,
                id=ids.lang_link(code),
                className="lang-link" + (" active" if code == lang else ""),
                title=t("nav.language", code),
            )
            for code in LANGUAGES
        ],
        className="lang-switch",
        role="group",
        **{"aria-label": t("nav.language", lang)},
    )
    demo = dbc.Badge(
        t("shell.demo_badge", lang),
        id=ids.DEMO_BADGE,
        color="warning",
        text_color="dark",
        className="demo-badge",
        title=t("shell.demo_explained", lang),
    )
    status: list[Any] = [demo] if is_demo else []
    status += [html.Span(updated_text, id=ids.UPDATED_AT, className="updated-at"), languages]
    return dbc.Navbar(
        dbc.Container(
            [
                html.A(
                    [html.Span("e", className="brand-e"), "Ambasadori"],
                    href="/" + search,
                    className="navbar-brand",
                    title=t("app.title", lang),
                ),
                dbc.NavbarToggler(id="navbar-toggler"),
                dbc.Collapse(
                    [
                        dbc.Nav(links, navbar=True, className="me-auto"),
                        html.Div(status, className="navbar-status"),
                    ],
                    id="navbar-collapse",
                    navbar=True,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="app-navbar",
        expand="lg",
    )


def message_page(title: str, text: str) -> html.Div:
    return html.Div(
        [html.H1(title, className="page-title"), html.P(text, className="lead text-muted")],
        className="message-page",
    )

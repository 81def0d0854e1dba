"""Data (``/date``): upload a report, read its validation report, confirm the import, see the
import history, download templates. Pure: the callbacks pass plain values in (no importer here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t
from layouts import ids
from layouts.grid import INT, LABEL, TEXT, Column, data_grid
from layouts.import_report import size_text

KIND_CHOICES = ("auto", "sessions", "requests")
TEMPLATE_FORMATS = ("xlsx", "csv")
HISTORY_LIMIT = 50
HISTORY_COLUMNS = [
    Column("when", "data.history.col.when", TEXT, min_width=150),
    Column("created_by", "data.history.col.who", TEXT, min_width=150),
    Column("file_name", "data.history.col.file", TEXT, min_width=190),
    Column("kind", "data.history.col.kind", LABEL, labels="data.kind", min_width=150),
    Column("rows", "data.history.col.rows", INT, min_width=90),
    Column("inserted", "data.history.col.inserted", INT, min_width=100),
    Column("status", "data.history.col.status", LABEL, labels="data.status", min_width=140),
    Column("sha", "data.history.col.sha256", TEXT, min_width=120),
]
# Format of one documented column: (header, required, meaning message key)
FormatRow = tuple[str, bool, str]

DROP_STYLE = {
    "border": "2px dashed #8a9bb0",
    "borderRadius": ".5rem",
    "padding": "1.6rem 1rem",
    "textAlign": "center",
    "cursor": "pointer",
    "background": "#f7f9fb",
}
DROP_ACTIVE = {**DROP_STYLE, "borderColor": "#0d6efd", "background": "#eaf2ff"}
DROP_REJECT = {**DROP_STYLE, "borderColor": "#dc3545", "background": "#fdecee"}


def _card(title: str, body: Any, **props: Any) -> dbc.Card:
    header = dbc.CardHeader(html.H2(title, className="chart-title"), className="chart-header")
    return dbc.Card([header, dbc.CardBody(body)], className=props.pop("className", "mb-3"))


def upload_card(lang: str) -> dbc.Card:
    drop = dcc.Upload(
        id=ids.DATA_UPLOAD,
        children=html.Div(
            [
                html.Div(t("data.upload.drop", lang), className="fw-semibold"),
                html.Div(t("data.upload.or_click", lang), className="text-primary"),
                html.Div(id=ids.DATA_UPLOAD_HINT, className="small text-muted mt-1"),
            ]
        ),
        accept=".csv,.xlsx",
        multiple=False,
        style=DROP_STYLE,
        style_active=DROP_ACTIVE,
        style_reject=DROP_REJECT,
        className="data-upload",
    )
    kinds = dbc.RadioItems(
        id=ids.DATA_KIND,
        options=[{"label": t(f"data.kind.{k}", lang), "value": k} for k in KIND_CHOICES],
        value="auto",
        inline=True,
    )
    return _card(
        t("data.step.upload", lang),
        [
            drop,
            html.Div(id=ids.DATA_FILE_INFO, className="small mt-2", **{"aria-live": "polite"}),
            html.Div(
                [html.Span(t("data.kind.label", lang) + ":", className="me-3 fw-semibold"), kinds],
                className="d-flex flex-wrap align-items-center mt-2",
            ),
        ],
    )


def file_info(file_name: str, size: int, lang: str) -> str:
    return t("data.upload.chosen", lang, file=file_name, size=size_text(size, lang))


def templates_card(lang: str) -> dbc.Card:
    rows = []
    for kind in ("sessions", "requests"):
        buttons = [
            dbc.Button(
                fmt.upper(),
                id=ids.data_template(kind, fmt),
                color="secondary",
                outline=True,
                size="sm",
                className="me-2",
                n_clicks=0,
            )
            for fmt in TEMPLATE_FORMATS
        ]
        rows.append(
            html.Div(
                [html.Div(t(f"data.kind.{kind}", lang), className="fw-semibold mb-1"), *buttons],
                className="mb-2",
            )
        )
    body = [html.P(t("data.templates.intro", lang), className="small"), *rows]
    return _card(t("data.templates.title", lang), body)


def format_card(lang: str) -> dbc.Card:
    return _card(t("data.format.title", lang), html.Div(id=ids.DATA_FORMAT))


def format_section(specs: Mapping[str, Sequence[FormatRow]], lang: str) -> list[Any]:
    """The documented columns of each report kind, then the rules every file must follow."""
    items = []
    for kind, columns in specs.items():
        entries: list[Any] = []
        for header, required, meaning in columns:
            term: list[Any] = [html.Code(header)]
            if required:
                badge = t("import.template.h.required", lang)
                term.append(html.Span(badge, className="badge text-bg-light border ms-2"))
            entries += [html.Dt(term), html.Dd(t(meaning, lang), className="mb-2")]
        body = html.Dl(entries, className="small mb-0 data-format-columns")
        items.append(dbc.AccordionItem(body, title=t(f"data.kind.{kind}", lang)))
    notes = [t(f"import.template.note.{k}", lang) for k in ("privacy", "formats")]
    return [
        html.P(t("data.format.intro", lang), className="small"),
        dbc.Accordion(items, start_collapsed=True, always_open=True, className="mb-2"),
        html.Ul([html.Li(n) for n in notes], className="small mb-0"),
    ]


def report_card(lang: str) -> dbc.Card:
    empty = html.P(t("data.report.empty", lang), className="text-muted mb-0")
    content = dcc.Loading(html.Div(empty, id=ids.DATA_REPORT), type="dot", delay_show=300)
    return _card(t("data.step.report", lang), content)


def confirm_card(lang: str) -> dbc.Card:
    return _card(
        t("data.step.confirm", lang),
        [
            html.P(t("data.confirm.help", lang), className="small"),
            html.P(
                t("data.confirm.waiting", lang),
                id=ids.DATA_CONFIRM_NOTE,
                className="small text-muted text-break",
            ),
            dbc.Button(
                t("data.confirm.button", lang),
                id=ids.DATA_CONFIRM,
                color="primary",
                disabled=True,
                n_clicks=0,
            ),
            dcc.Loading(html.Div(id=ids.DATA_RESULT, className="mt-3"), type="dot"),
        ],
    )


def history_card(lang: str) -> dbc.Card:
    grid = data_grid(ids.DATA_HISTORY_GRID, HISTORY_COLUMNS, lang, page_size=10, height=420)
    intro = html.P(
        t("data.history.intro", lang, count=HISTORY_LIMIT),
        id=ids.DATA_HISTORY_INTRO,
        className="small text-muted",
    )
    return _card(t("data.history.title", lang), [intro, grid])


def layout(lang: str) -> html.Div:
    return html.Div(
        [
            html.H1(t("data.title", lang), className="page-title"),
            html.P(t("data.intro", lang)),
            dcc.Store(id=ids.DATA_FILE, data=None),
            dcc.Store(id=ids.DATA_UPLOAD_LIMIT, data=None),
            dcc.Store(id=ids.DATA_UPLOAD_GUARD, data=None),
            dcc.Store(id=ids.DATA_INSPECTED, data=None),
            dcc.Store(id=ids.DATA_IMPORTED, data=0),
            dcc.Download(id=ids.DATA_DOWNLOAD),
            dbc.Row(
                [
                    dbc.Col([upload_card(lang), report_card(lang), confirm_card(lang)], lg=8),
                    dbc.Col([templates_card(lang), format_card(lang)], lg=4),
                ],
                className="g-3",
            ),
            history_card(lang),
        ],
        className="data-page",
    )

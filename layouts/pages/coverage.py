"""Coverage (``/acoperire``): per-capita ranking with the national median, units without an
active access point, dormant access points, localities far from an active access point (map and
count per unit) and the underserved score per unit (formula on the page, sortable, exportable).
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import t
from layouts import ids
from layouts.components import chart_card
from layouts.figures.common import message_figure
from layouts.figures.theme import graph_config
from layouts.grid import DATE, INT, LABEL, NUMBER, PERCENT, TEXT, Column, column_defs, data_grid

DEFAULT_KM = 10
KM_MARKS = (1, 5, 10, 15, 20, 25, 30)
DORMANT_COLUMNS = [
    Column("name", "coverage.col.library", TEXT, min_width=220, pinned=True),
    Column("locality", "coverage.col.locality", TEXT, min_width=130),
    Column("raion_name", "common.raion", TEXT, min_width=120),
    Column("kind", "directory.col.kind", LABEL, labels="kind"),
    Column("accredited_on", "coverage.col.accredited_on", DATE),
    Column("last_day", "coverage.col.last_day", DATE, missing_key="coverage.no_activity_3y"),
    Column("days_inactive", "coverage.col.days_inactive", INT),
    Column("ambassadors", "coverage.col.ambassadors", TEXT, min_width=200),
]
SCORE_COLUMNS = [
    Column("rank", "coverage.col.rank", INT, min_width=80, pinned=True),
    Column("raion_name", "common.raion", TEXT, min_width=130, pinned=True),
    Column("score", "coverage.col.score", NUMBER, min_width=90),
    Column("activity_gap", "coverage.score.activity_gap", PERCENT, min_width=130),
    Column("far_share", "coverage.score.far_share", PERCENT, min_width=130),
    Column("dormant_share", "coverage.score.dormant_share", PERCENT, min_width=130),
    Column("no_active_point", "coverage.score.no_active_point", INT, min_width=130),
    Column(
        "citizens_served_per_10k", "coverage.col.citizens_served_per_10k", NUMBER, min_width=140
    ),
    Column("localities", "coverage.col.localities", INT),
    Column("far_localities", "coverage.col.far_localities", INT, min_width=130),
    Column("access_points", "coverage.col.access_points", INT),
    Column("dormant_points", "coverage.col.dormant_points", INT),
    Column("active_points", "coverage.col.active_points", INT),
    Column("population", "coverage.col.population", INT),
]


def no_active_list(units: pd.DataFrame, lang: str) -> Any:
    """The units without an active access point, or a sentence saying there are none."""
    if units.empty:
        return html.P(t("coverage.no_active.none", lang), className="text-success mb-0")
    items = [
        html.Li(t("coverage.no_active.item", lang, name=row.raion_name,
                  points=int(row.access_points)) if row.access_points
                else t("coverage.no_active.item_none", lang, name=row.raion_name))
        for row in units.itertuples()
    ]  # fmt: skip
    return html.Ul(items, className="mb-0 no-active-list")


def _controls(lang: str) -> dbc.Card:
    days = dbc.Input(id=ids.COVERAGE_DAYS, type="number", min=1, max=3650, step=1,
                     debounce=True, className="coverage-days")  # fmt: skip
    km = dcc.Slider(id=ids.COVERAGE_KM, min=1, max=30, step=1, value=DEFAULT_KM,
                    marks={m: str(m) for m in KM_MARKS},
                    tooltip={"placement": "bottom", "always_visible": False})  # fmt: skip
    return dbc.Card(dbc.CardBody(dbc.Row([
        dbc.Col([dbc.Label(t("coverage.control.days", lang), html_for=ids.COVERAGE_DAYS,
                           className="filter-label"), days], md=4),
        dbc.Col([dbc.Label(t("coverage.control.km", lang), html_for=ids.COVERAGE_KM,
                           className="filter-label"), km], md=8),
    ], className="g-3")), className="chart-card mb-3")  # fmt: skip


def _card(title: Any, body: Any, *, title_id: str | None = None) -> dbc.Card:
    heading = html.H2(title, id=title_id, className="chart-title") if title_id else html.H2(
        title, className="chart-title")  # fmt: skip
    return dbc.Card([dbc.CardHeader(heading, className="chart-header"), dbc.CardBody(body)],
                    className="chart-card h-100")  # fmt: skip


def _score_section(lang: str) -> dbc.Card:
    buttons = html.Div([
        dbc.Button(t("export.csv", lang), id=ids.COVERAGE_EXPORT_CSV, size="sm",
                   color="primary", outline=True, className="me-2"),
        dbc.Button(t("export.xlsx", lang), id=ids.COVERAGE_EXPORT_XLSX, size="sm",
                   color="primary", outline=True),
        dcc.Download(id=ids.COVERAGE_DOWNLOAD),
    ], className="export-buttons")  # fmt: skip
    grid = data_grid(ids.COVERAGE_SCORE_GRID, SCORE_COLUMNS, lang, page_size=50, height=560)
    grid.columnDefs = column_defs(SCORE_COLUMNS, lang, km=DEFAULT_KM)
    body = [
        html.P(id=ids.COVERAGE_FORMULA, className="score-formula"),
        html.Div([html.Span(t("coverage.score.sort_hint", lang), className="text-muted small"),
                  buttons], className="grid-toolbar"),
        grid,
    ]  # fmt: skip
    return _card(t("coverage.score.title", lang), body)


def layout(lang: str) -> html.Div:
    far_map = dcc.Graph(
        id=ids.COVERAGE_FAR_MAP,
        figure=message_figure("…"),
        config=graph_config("localitati-indepartate", lang),
        style={"height": "520px"},
    )
    return html.Div([
        html.H1(t("coverage.title", lang), className="page-title"),
        html.P(t("coverage.intro", lang), className="text-muted small page-intro"),
        dcc.Store(id=ids.COVERAGE_INIT, data=True),
        dcc.Store(id=ids.COVERAGE_FAR_DRAWN, data=None),
        _controls(lang),
        dbc.Row(dbc.Col(chart_card(t("coverage.ranking", lang), ids.COVERAGE_RANKING, lang,
                                   height=860)), className="mb-2"),
        html.P(t("coverage.outside_program", lang), className="text-muted small mb-3"),
        dbc.Row([
            dbc.Col(_card(t("coverage.no_active.title", lang),
                          html.Div(id=ids.COVERAGE_NO_ACTIVE)), lg=4),
            dbc.Col(_card("", data_grid(ids.COVERAGE_DORMANT_GRID, DORMANT_COLUMNS, lang,
                                        page_size=10, height=430, server=True),
                          title_id=ids.COVERAGE_DORMANT_TITLE), lg=8),
        ], className="g-3 mb-3"),
        _card("", [dbc.Row([
            dbc.Col(dcc.Loading(far_map, type="dot", delay_show=400), lg=8),
            dbc.Col(dcc.Loading(dcc.Graph(id=ids.COVERAGE_FAR_COUNTS, figure=message_figure("…"),
                                          config=graph_config(ids.COVERAGE_FAR_COUNTS, lang)),
                                type="dot", delay_show=400), lg=4),
        ]), html.P(t("coverage.far.legend", lang), className="text-muted small mb-0")],
              title_id=ids.COVERAGE_FAR_TITLE),
        html.Div(className="mb-3"),
        _score_section(lang),
    ])  # fmt: skip

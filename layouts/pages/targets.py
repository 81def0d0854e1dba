"""Targets (``/tinte``): the status counts, the cumulative chart of a chosen target, every
target with its progress and status, and the raion and ambassador (cascade) tables (server
grids: the browser holds one block of rows)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import fmt_int, fmt_percent, t
from dashboard.target_math import AT_RISK_PACE, ON_TRACK_PACE, STATUSES
from layouts import ids
from layouts.components import chart_card, dropdown
from layouts.grid import DATE, INT, LABEL, NUMBER, PERCENT, STATUS, TEXT, Column, data_grid

_PROGRESS = [
    Column("target", "targets.col.target", INT),
    Column("actual", "targets.col.actual", INT),
    Column("attainment", "targets.col.attainment", PERCENT),
    Column("pace", "targets.col.pace", PERCENT),
    Column("projected", "targets.col.projected", INT),
    Column("status", "targets.col.status", STATUS, labels="status", min_width=120),
]
TARGET_COLUMNS = [
    Column("metric", "targets.col.metric", LABEL, labels="metric", min_width=200, pinned=True),
    Column("scope_label", "targets.col.scope", TEXT, min_width=140),
    Column("period_label", "targets.col.period", TEXT),
    *_PROGRESS,
]
RAION_COLUMNS = [
    Column("raion_name", "common.raion", TEXT, min_width=140, pinned=True),
    Column("metric", "targets.col.metric", LABEL, labels="metric", min_width=190),
    Column("period_label", "targets.col.period", TEXT),
    Column("actual_per_10k", "coverage.col.citizens_served_per_10k", NUMBER, min_width=130),
    *_PROGRESS,
]
AMBASSADOR_COLUMNS = [
    Column("name", "directory.col.name", TEXT, min_width=170, pinned=True),
    Column("library_name", "common.library", TEXT, min_width=200),
    Column("raion_name", "common.raion", TEXT, min_width=120),
    Column("citizens_served", "targets.col.own_citizens", INT, min_width=130),
    Column("locals_trained", "targets.col.locals_trained", INT),
    Column("locals_active", "targets.col.locals_active", INT),
    Column("cascade_citizens_served", "targets.col.cascade_citizens", INT, min_width=150),
    Column("total_citizens_served", "targets.col.total_citizens", INT, min_width=130),
    Column("last_activity", "common.last_activity", DATE, missing_key="common.never"),
    Column("target", "targets.col.target", INT),
    Column("attainment", "targets.col.attainment", PERCENT),
    Column("status", "targets.col.status", STATUS, labels="status", min_width=120),
]
LOCAL_COLUMNS = [
    Column("name", "directory.col.name", TEXT, min_width=170, pinned=True),
    Column("library_name", "common.library", TEXT, min_width=200),
    Column("raion_name", "common.raion", TEXT),
    Column("certified_on", "directory.col.certified_on", DATE),
    Column("sessions", "metric.sessions", INT),
    Column("participants", "metric.participants", INT),
    Column("requests", "metric.requests", INT),
    Column("last_activity", "common.last_activity", DATE, missing_key="common.never"),
]


def status_summary(counts: dict[str, int], lang: str) -> list[Any]:
    """One pill per status that occurs ("la risc: 30"), after the total."""
    total = sum(counts.values())
    pills: list[Any] = [html.Span(t("targets.summary", lang, count=total),
                                  className="targets-total")]  # fmt: skip
    for status in STATUSES:
        if counts.get(status):
            pills.append(html.Span(
                f"{t(f'status.{status}', lang)}: {fmt_int(counts[status], lang)}",
                className=f"status-pill status-{status}", **{"data-count": str(counts[status])},
            ))  # fmt: skip
    return pills


def _section(title: str, body: Any, note: str | None = None) -> dbc.Card:
    children: list[Any] = [html.H2(title, className="chart-title")]
    if note:
        children.append(html.Div(note, className="section-note"))
    return dbc.Card(
        [dbc.CardHeader(children, className="chart-header"), dbc.CardBody(body)],
        className="chart-card mb-3",
    )


def layout(lang: str) -> html.Div:
    intro = t("targets.intro", lang, on_track=fmt_percent(ON_TRACK_PACE, lang),
              at_risk=fmt_percent(AT_RISK_PACE, lang))  # fmt: skip
    picker = dropdown(
        ids.TARGETS_PICKER, [], None, lang, clearable=False, className="targets-picker",
        placeholder=t("targets.chart.pick", lang),
    )  # fmt: skip
    locals_grid = html.Div([
        html.H3(t("targets.cascade_hint", lang), id=ids.TARGETS_LOCALS_TITLE,
                className="section-subtitle mt-3"),
        data_grid(ids.TARGETS_LOCALS_GRID, LOCAL_COLUMNS, lang, page_size=10, height=300),
    ])  # fmt: skip
    return html.Div(
        [
            html.H1(t("targets.title", lang), className="page-title"),
            html.P(intro, className="text-muted small page-intro"),
            html.Div(id=ids.TARGETS_SUMMARY, className="targets-summary mb-3"),
            dbc.Row(dbc.Col(chart_card(t("targets.chart", lang), ids.TARGETS_CHART, lang,
                                       height=340, extra=picker)), className="mb-3"),
            _section(t("targets.all", lang),
                     data_grid(ids.TARGETS_GRID, TARGET_COLUMNS, lang, height=440, server=True)),
            _section(t("targets.by_raion", lang),
                     data_grid(ids.TARGETS_RAION_GRID, RAION_COLUMNS, lang, height=440,
                               server=True)),
            _section(t("targets.by_ambassador", lang),
                     [data_grid(ids.TARGETS_AMBASSADOR_GRID, AMBASSADOR_COLUMNS, lang,
                                height=440, selectable=True, server=True), locals_grid]),
        ]
    )  # fmt: skip

"""Overview (``/``): KPI cards, monthly trend, breakdowns, top and bottom raions."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import t
from layouts import ids
from layouts.components import chart_card, dropdown, kpi_card

KPI_METRICS = (
    "sessions", "participants", "requests", "citizens_served", "active_ambassadors",
    "access_points",
)  # fmt: skip
TREND_METRICS = ("citizens_served", "sessions", "participants", "requests")


def _definition(metric: str, lang: str) -> str:
    return t(f"metric.{metric}.def", lang)


def layout(lang: str) -> html.Div:
    metric_picker = dropdown(
        ids.TREND_METRIC,
        [{"label": t(f"metric.{m}", lang), "value": m} for m in TREND_METRICS],
        "citizens_served",
        lang,
        clearable=False,
        searchable=False,
        className="trend-metric",
    )
    return html.Div(
        [
            html.H1(t("overview.title", lang), className="page-title"),
            dbc.Row(
                [
                    dbc.Col(
                        kpi_card(m, lang, definition=_definition(m, lang)), xs=12, sm=6, xl=4, xxl=2
                    )
                    for m in KPI_METRICS
                ],
                id=ids.KPI_ROW,
                className="g-3 mb-3 kpi-row",
            ),
            dbc.Row(
                dbc.Col(
                    chart_card(t("overview.trend", lang), ids.TREND, lang, extra=metric_picker)
                ),
                className="mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(chart_card(t("overview.by_service", lang), ids.BY_SERVICE, lang), lg=6),
                    dbc.Col(
                        chart_card(t("overview.by_audience", lang), ids.BY_AUDIENCE, lang), lg=6
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(t("overview.by_format", lang), ids.BY_FORMAT, lang, height=260),
                        md=6,
                    ),
                    dbc.Col(
                        chart_card(t("overview.by_behalf", lang), ids.BY_BEHALF, lang, height=260),
                        md=6,
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            t("overview.top_raions", lang), ids.TOP_RAIONS, lang, height=220
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        chart_card(
                            t("overview.bottom_raions", lang), ids.BOTTOM_RAIONS, lang, height=220
                        ),
                        md=6,
                    ),
                ],
                className="g-3",
            ),
        ]
    )

"""Map (``/harta``): raion choropleth and library markers; click a raion to filter by it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t
from layouts import ids
from layouts.components import dropdown
from layouts.figures.common import message_figure
from layouts.figures.theme import graph_config

MAP_METRICS = ("citizens_served", "requests", "sessions", "participants")


def legend(lang: str) -> html.Div:
    items = [
        ("national", "map.legend.national"),
        ("local", "map.legend.local"),
        ("none", "map.legend.none"),
        ("dormant", "map.legend.dormant"),
    ]
    return html.Div(
        [html.Span([html.Span(className=f"legend-dot legend-{cls}"), t(key, lang)],
                   className="legend-item") for cls, key in items]
        + [html.Span(t("map.legend.size", lang), className="legend-item text-muted")],
        className="map-legend",
    )  # fmt: skip


def layout(lang: str) -> html.Div:
    controls = dbc.Row(
        [
            dbc.Col(
                [dbc.Label(t("map.metric", lang), html_for=ids.MAP_METRIC,
                           className="filter-label"),
                 dropdown(ids.MAP_METRIC,
                          [{"label": t(f"metric.{m}", lang), "value": m} for m in MAP_METRICS],
                          "citizens_served", lang, clearable=False, searchable=False)],
                md=5,
            ),
            dbc.Col(
                dbc.RadioItems(
                    id=ids.MAP_PER_CAPITA, value="per_10k", inline=True, className="mt-md-4",
                    options=[{"label": t("map.per_10k", lang), "value": "per_10k"},
                             {"label": t("map.absolute", lang), "value": "absolute"}],
                ),
                md=4,
            ),
            dbc.Col(
                html.Div([html.Span(id=ids.MAP_SELECTION, className="map-selection"),
                          dbc.Button(t("map.clear", lang), id=ids.MAP_CLEAR, size="sm",
                                     color="secondary", outline=True, className="ms-2")],
                         className="mt-md-4 text-md-end"),
                md=3,
            ),
        ],
        className="g-2 mb-2 align-items-start",
    )  # fmt: skip
    return html.Div(
        [
            html.H1(t("map.title", lang), className="page-title"),
            dcc.Store(id=ids.MAP_DRAWN, data=None),
            html.P(t("map.hint", lang), className="text-muted small"),
            controls,
            dbc.Card(
                dbc.CardBody(
                    dcc.Loading(
                        dcc.Graph(id=ids.MAP, figure=message_figure("…"),
                                  config=graph_config("harta", lang), style={"height": "560px"}),
                        type="dot", delay_show=400,
                    )
                ),
                className="chart-card",
            ),
            legend(lang),
            html.P(t("map.attribution", lang), className="attribution small text-muted mt-2"),
        ]
    )  # fmt: skip

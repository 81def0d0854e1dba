"""Presentation (``/prezentare``): the network's results for a projector — key figures, the
national map, the monthly trend and the top raions — as slides, with optional auto-advance.
No filter panel: the view is the one in the URL (set it on another page, then present)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import fmt_int, t
from layouts import ids
from layouts.figures.common import message_figure
from layouts.figures.theme import graph_config

SLIDES = ("kpis", "map", "trend", "top")
SLIDE_GRAPHS = {"map": ids.PRES_MAP, "trend": ids.PRES_TREND, "top": ids.PRES_TOP}
KPI_ORDER = ("citizens_served", "requests", "sessions", "participants", "active_ambassadors",
             "access_points")  # fmt: skip
ADVANCE_MS = 12_000


def slide_class(slide: str, active: str) -> str:
    return "pres-slide active" if slide == active else "pres-slide"


def next_slide(current: object, step: int) -> str:
    """The slide ``step`` away from ``current`` (wrapping around; unknown -> the first)."""
    index = SLIDES.index(current) if current in SLIDES else -step
    return SLIDES[(index + step) % len(SLIDES)]


def kpi_tiles(values: dict[str, int], lang: str) -> list[Any]:
    """Big numbers, citizens served first and largest."""
    return [
        html.Div(
            [html.Div(fmt_int(values[m], lang), className="pres-kpi-value",
                      **{"data-value": str(values[m])}),
             html.Div(t(f"metric.{m}", lang), className="pres-kpi-label")],
            className="pres-kpi" + (" hero" if i == 0 else ""), **{"data-metric": m},
        )
        for i, m in enumerate(KPI_ORDER)
    ]  # fmt: skip


def _slide(key: str, lang: str, body: Any) -> html.Section:
    return html.Section(
        [html.H2(t(f"presentation.{key}_caption", lang), className="pres-caption"), body],
        id=ids.pres_slide(key), className=slide_class(key, SLIDES[0]),
        **{"aria-label": t(f"presentation.slide.{key}", lang)},
    )  # fmt: skip


def _graph(graph_id: str, lang: str) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=message_figure("…"), config=graph_config(graph_id, lang),
                     className="pres-graph", responsive=True)  # fmt: skip


def _controls(lang: str) -> html.Div:
    picker = dbc.RadioItems(
        id=ids.PRES_SLIDE, value=SLIDES[0], className="btn-group pres-picker",
        input_class_name="btn-check", label_class_name="btn btn-outline-secondary",
        label_checked_class_name="active",
        options=[{"label": t(f"presentation.slide.{s}", lang), "value": s} for s in SLIDES],
    )  # fmt: skip
    return html.Div([
        html.Button("‹", id=ids.PRES_PREVIOUS, className="btn btn-outline-secondary",
                    title=t("presentation.previous", lang),
                    **{"aria-label": t("presentation.previous", lang)}),
        picker,
        html.Button("›", id=ids.PRES_NEXT, className="btn btn-outline-secondary",
                    title=t("presentation.next", lang),
                    **{"aria-label": t("presentation.next", lang)}),
        dbc.Switch(id=ids.PRES_AUTO, label=t("presentation.auto", lang), value=False,
                   className="pres-auto"),
        dcc.Interval(id=ids.PRES_INTERVAL, interval=ADVANCE_MS, disabled=True),
    ], className="pres-controls", role="group",
       **{"aria-label": t("presentation.slides", lang)})  # fmt: skip


def layout(lang: str) -> html.Div:
    slides = [
        _slide("kpis", lang, html.Div(id=ids.PRES_KPIS, className="pres-kpis")),
        *(_slide(key, lang, _graph(graph, lang)) for key, graph in SLIDE_GRAPHS.items()),
    ]
    return html.Div([
        html.Div([
            html.Div([html.H1(t("presentation.title", lang), className="page-title pres-title"),
                      html.Div(id=ids.PRES_SUBTITLE, className="pres-subtitle")]),
            _controls(lang),
        ], className="pres-header"),
        html.Div(slides, className="pres-stage"),
    ], className="presentation")  # fmt: skip

"""Reusable, typed components (unit-tested on their children and class names)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import fmt_int, fmt_percent, t
from layouts import ids
from layouts.figures.common import message_figure
from layouts.figures.theme import graph_config

DROPDOWN_LABELS = (
    "select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
    "no_options_found",
)  # fmt: skip


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts Dash's dropdown shows itself, in ``lang``."""
    return {key: t(f"dropdown.{key}", lang) for key in DROPDOWN_LABELS}


def dropdown(component_id: Any, options: list[dict[str, Any]], value: Any, lang: str,
             **props: Any) -> dcc.Dropdown:  # fmt: skip
    return dcc.Dropdown(
        id=component_id, options=options, value=value, labels=dropdown_labels(lang), **props
    )


def chart_card(
    title: str, graph_id: str, lang: str, *, height: int = 320, extra: Any = None
) -> dbc.Card:
    """A titled card holding one graph; the graph starts as an explicit "loading" figure."""
    header_children: list[Any] = [html.H2(title, className="chart-title")]
    if extra is not None:
        header_children.append(extra)
    return dbc.Card(
        [
            dbc.CardHeader(header_children, className="chart-header"),
            dbc.CardBody(
                dcc.Loading(
                    dcc.Graph(
                        id=graph_id,
                        figure=message_figure("…"),
                        config=graph_config(graph_id, lang),
                        style={"minHeight": f"{height}px"},
                    ),
                    type="dot",
                    delay_show=400,
                ),
                className="chart-body",
            ),
        ],
        className="chart-card h-100",
    )


def info_icon(tooltip_id: str, text: str) -> html.Span:
    return html.Span(
        [
            html.Span(
                "i", id=tooltip_id, className="info-icon", tabIndex="0", **{"aria-label": text}
            ),
            dbc.Tooltip(text, target=tooltip_id, placement="top"),
        ]
    )


def change_badge(current: int, previous: int, lang: str) -> html.Span:
    """ "▲ 12 %" against the previous equal period; neutral when it cannot be computed."""
    label = t("kpi.vs_previous", lang)
    if previous == 0:
        text = t("kpi.no_previous", lang) if current else "—"
        return html.Span(text, className="kpi-change neutral", title=label)
    change = (current - previous) / previous
    arrow, tone = ("▲", "up") if change > 0 else (("▼", "down") if change < 0 else ("■", "neutral"))
    return html.Span(
        f"{arrow} {fmt_percent(abs(change), lang)}", className=f"kpi-change {tone}", title=label
    )


def target_line(progress: dict[str, Any] | None, lang: str) -> html.Div:
    """Progress against the current target: a bar, the share reached and the status."""
    if not progress:
        return html.Div(t("kpi.no_target", lang), className="kpi-target muted")
    share = progress.get("attainment")
    status = progress.get("status", "no_target")
    width = 0 if share is None else max(0.0, min(share, 1.0)) * 100
    return html.Div(
        [
            html.Div(
                t(
                    "kpi.target_text",
                    lang,
                    label=progress["label"],
                    actual=fmt_int(progress["actual"], lang),
                    target=fmt_int(progress["target"], lang),
                ),
                className="kpi-target-text",
            ),
            dbc.Progress(
                value=width, className=f"kpi-progress status-{status}", style={"height": "6px"}
            ),
            html.Div(
                [
                    html.Span(fmt_percent(share, lang) if share is not None else "—"),
                    html.Span(
                        t(f"status.{status}", lang), className=f"status-pill status-{status}"
                    ),
                ],
                className="kpi-target-meta",
            ),
        ],
        className="kpi-target",
    )


def kpi_card(metric: str, lang: str, *, definition: str) -> dbc.Card:
    """A KPI card's frame; its value, change, note and target are filled by callbacks."""
    tooltip_id = f"kpi-def-{metric}"
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [html.Span(t(f"metric.{metric}", lang)), info_icon(tooltip_id, definition)],
                    className="kpi-title",
                ),
                html.Div(html.Div("…", className="kpi-value"), id=ids.kpi_part(metric, "value")),
                html.Div(id=ids.kpi_part(metric, "change")),
                html.Div(id=ids.kpi_part(metric, "note")),
                html.Div(id=ids.kpi_part(metric, "target")),
            ]
        ),
        id=ids.kpi(metric),
        className="kpi-card h-100",
    )  # fmt: skip


def kpi_value(value: int, lang: str) -> html.Div:
    """The big number, with the raw value in ``data-value`` (tests read it)."""
    return html.Div(fmt_int(value, lang), className="kpi-value", **{"data-value": str(value)})

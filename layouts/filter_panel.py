"""The filter panel: raion, service type, period, library kind, tier, format, reset."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.filter_options import FilterOptions
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.periods import PROGRAM_START, Period
from layouts import ids
from layouts.components import dropdown

CUSTOM_PERIOD = "custom"
LIBRARY_KINDS = ("municipal", "raion", "town", "village")
RAION_KIND_ORDER = ("municipality", "raion", "atu", "territorial_unit")
DATE_FORMATS = {"ro": "DD.MM.YYYY", "en": "DD/MM/YYYY", "ru": "DD.MM.YYYY"}


def raion_options(options: FilterOptions, lang: str) -> list[dict[str, Any]]:
    """Raions grouped by kind: a disabled heading option before each group."""
    grouped: list[dict[str, Any]] = []
    for kind in RAION_KIND_ORDER:
        members = sorted((r for r in options.raions if r.kind == kind), key=lambda r: r.name)
        if not members:
            continue
        grouped.append(
            {"label": f"— {t(f'raion_kind.{kind}', lang)} —", "value": f"group:{kind}",
             "disabled": True}
        )  # fmt: skip
        grouped += [{"label": r.name, "value": r.code, "search": r.code} for r in members]
    return grouped


def service_options(options: FilterOptions, lang: str) -> list[dict[str, Any]]:
    return [
        {"label": s.names.get(lang, s.code), "value": s.code}
        for s in sorted(options.services, key=lambda s: s.names.get(lang, s.code))
    ]


def _checklist(component_id: str, values: tuple[str, ...], prefix: str, choices: tuple[str, ...],
               lang: str) -> dbc.Checklist:  # fmt: skip
    return dbc.Checklist(
        id=component_id,
        options=[{"label": t(f"{prefix}.{c}", lang), "value": c} for c in choices],
        value=list(values),
        inline=True,
        className="filter-checklist",
    )


def _field(label: str, control: Any) -> html.Div:
    return html.Div([dbc.Label(label, className="filter-label"), control], className="filter-field")


def filter_panel(filters: Filters, options: FilterOptions, lang: str, today_iso: str) -> html.Div:
    """The panel, initialised from the current (URL) filters."""
    period_value = filters.period.value if filters.period else CUSTOM_PERIOD
    period_choices = [{"label": t(f"period.{p.value}", lang), "value": p.value} for p in Period]
    period_choices.append({"label": t("filters.custom", lang), "value": CUSTOM_PERIOD})
    body = [
        _field(t("filters.raion", lang), dropdown(
            ids.F_RAION, raion_options(options, lang), list(filters.raions), lang,
            multi=True, searchable=True, placeholder=t("filters.raion.placeholder", lang),
        )),
        _field(t("filters.service", lang), dropdown(
            ids.F_SERVICE, service_options(options, lang), list(filters.services), lang,
            multi=True, searchable=True, placeholder=t("filters.service.placeholder", lang),
        )),
        _field(t("filters.period", lang), dropdown(
            ids.F_PERIOD, period_choices, period_value, lang, clearable=False, searchable=False,
        )),
        _field(t("filters.dates", lang), dcc.DatePickerRange(
            id=ids.F_DATES, start_date=filters.date_from.isoformat(),
            end_date=filters.date_to.isoformat(), min_date_allowed=PROGRAM_START.isoformat(),
            max_date_allowed=today_iso, display_format=DATE_FORMATS.get(lang, "DD.MM.YYYY"),
            month_format="LLLL YYYY", first_day_of_week=1, className="filter-dates",
            start_date_placeholder_text=t("filters.date_from", lang),
            end_date_placeholder_text=t("filters.date_to", lang),
        )),
        _field(t("filters.library_kind", lang), _checklist(
            ids.F_KIND, filters.library_kinds, "kind", LIBRARY_KINDS, lang
        )),
        _field(t("filters.tier", lang), _checklist(
            ids.F_TIER, filters.tiers, "tier", ("national", "local"), lang
        )),
        _field(t("filters.format", lang), _checklist(
            ids.F_FORMAT, filters.formats, "format", ("in_person", "online"), lang
        )),
        dbc.Button(t("filters.reset", lang), id=ids.F_RESET, color="secondary", outline=True,
                   size="sm", className="w-100 mt-2"),
    ]  # fmt: skip
    return html.Div(
        [
            dbc.Button(
                t("filters.show", lang),
                id=ids.FILTER_TOGGLE,
                color="primary",
                outline=True,
                size="sm",
                className="d-lg-none mb-2 w-100",
            ),
            dbc.Collapse(
                html.Aside(
                    [html.H2(t("filters.title", lang), className="filter-title"), *body],
                    className="filter-panel",
                    **{"aria-label": t("filters.title", lang)},
                ),
                id=ids.FILTER_COLLAPSE,
                # closed on a tablet (the page comes first; "Filtre" opens it), always shown
                # from the laptop breakpoint up (d-lg-block overrides the collapse)
                is_open=False,
                className="d-lg-block",
            ),
        ]
    )

"""The Data page's validation report and import result, built from plain values (pure).

``callbacks/data.py`` turns an importer report into a :class:`ReportView`; the functions here
only lay it out, in the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import fmt_int, fmt_number, t
from layouts import ids
from layouts.grid import INT, TEXT, Column, data_grid, grid_rows

ERROR_CAP = 2000  # rows sent to the browser; the note says how many there are in all
ERROR_COLUMNS = [
    Column("row", "data.errors.col.row", INT, min_width=80),
    Column("column", "data.errors.col.column", TEXT, min_width=120),
    Column("message", "data.errors.col.message", TEXT, min_width=320),
]
BANNER_COLORS = {
    "valid": "success",
    "imported": "success",
    "duplicate": "info",
    "rejected": "danger",
    "privacy": "danger",
    "failed": "warning",
}
ErrorRow = tuple[int | None, str | None, str]  # (row, column, message in the UI language)


@dataclass(frozen=True)
class ReportView:
    """What the page shows about one checked (or imported) file."""

    status: str  # valid / duplicate / rejected / failed / imported
    file_name: str
    size: int
    sha256: str = ""
    kind: str | None = None
    rows: int = 0
    valid_rows: int | None = None  # None: the rows could not be checked (a file-level problem)
    new_rows: int = 0
    duplicates: int = 0
    summary: str = ""
    privacy: bool = False
    notices: tuple[str, ...] = ()
    errors: tuple[ErrorRow, ...] = field(default_factory=tuple)  # at most ERROR_CAP
    error_total: int = 0

    @property
    def banner(self) -> str:
        return "privacy" if self.privacy else self.status

    @property
    def importable(self) -> bool:
        return self.status == "valid"


def size_text(size: int, lang: str) -> str:
    """``532 de octeți``, ``12,4 KB``, ``3,2 MB``."""
    if size < 1024:
        return t("data.size.bytes", lang, size=size)
    if size < 1024 * 1024:
        return t("data.size.kb", lang, size=fmt_number(size / 1024, lang))
    return t("data.size.mb", lang, size=fmt_number(size / (1024 * 1024), lang))


def banner(view: ReportView, lang: str) -> dbc.Alert:
    children: list[Any] = [
        html.H3(t(f"data.banner.{view.banner}", lang), className="h5 alert-heading"),
        html.P(view.summary, className="mb-1"),
    ]
    if view.privacy:
        children.append(html.P(t("import.personal_data_refused", lang), className="mb-1"))
    if view.notices:
        children.append(html.Ul([html.Li(n) for n in view.notices], className="mb-0"))
    return dbc.Alert(children, color=BANNER_COLORS.get(view.banner, "secondary"),
                     className=f"data-banner data-banner-{view.banner}")  # fmt: skip


def facts(view: ReportView, lang: str) -> html.Div:
    """The counts side by side, then the detected kind and the file's fingerprint."""
    counts = [
        ("rows", view.rows),
        ("valid", view.valid_rows),
        ("duplicates", view.duplicates),
        ("new", view.new_rows),
        ("errors", view.error_total),
    ]
    stats = [
        html.Div(
            [
                html.Div(t(f"data.fact.{key}", lang), className="small text-muted"),
                html.Div(fmt_int(number, lang), className=f"fs-5 fw-semibold data-fact-{key}"),
            ],
            className="me-4 mb-2",
        )
        for key, number in counts
    ]
    kind = t(f"data.kind.{view.kind}", lang) if view.kind else "—"
    details = [
        html.Div([f"{t('data.fact.kind', lang)}: ", html.Span(kind, className="data-fact-kind")]),
        html.Div([f"{t('data.fact.sha256', lang)}: ",
                  html.Code(view.sha256, className="text-break data-fact-sha256")]),
    ]  # fmt: skip
    return html.Div(
        [html.Div(stats, className="d-flex flex-wrap"), html.Div(details, className="small")],
        className="data-facts mb-2",
    )


def error_rows(errors: tuple[ErrorRow, ...], lang: str) -> list[dict[str, Any]]:
    frame = pd.DataFrame(list(errors), columns=["row", "column", "message"], dtype=object)
    frame.insert(0, "id", range(len(frame)))
    return grid_rows(frame, ERROR_COLUMNS, lang, "id")


def error_table(view: ReportView, lang: str) -> list[Any]:
    if not view.errors:
        return []
    grid = data_grid(ids.DATA_ERRORS_GRID, ERROR_COLUMNS, lang, page_size=20, height=460)
    grid.rowData = error_rows(view.errors, lang)
    for spec in grid.columnDefs:
        if spec["field"] == "message":
            spec.update(wrapText=True, autoHeight=True, flex=3, tooltipField="message")
    parts: list[Any] = [html.H3(t("data.errors.title", lang), className="h6 mt-2")]
    if view.error_total > len(view.errors):
        shown, total = fmt_int(len(view.errors), lang), view.error_total
        parts.append(html.P(t("data.errors.capped", lang, shown=shown, total=total),
                            className="small text-muted data-errors-capped"))  # fmt: skip
    return [*parts, grid]


def report_panel(view: ReportView, lang: str) -> list[Any]:
    """Banner, facts, the dry-run reassurance and every problem found (paginated)."""
    return [
        banner(view, lang),
        facts(view, lang),
        html.P(t("data.report.dry_run", lang), className="small text-muted"),
        *error_table(view, lang),
    ]


def refusal_panel(message: str, lang: str) -> dbc.Alert:
    """A file refused before it was read (too large, not CSV/XLSX, several files)."""
    return dbc.Alert(
        [html.H3(t("data.banner.rejected", lang), className="h5 alert-heading"),
         html.P(message, className="mb-0")],
        color="danger",
        className="data-banner data-banner-rejected",
    )  # fmt: skip


def confirm_note(view: ReportView | None, lang: str) -> str:
    if view is None or not view.importable:
        return t("data.confirm.waiting", lang)
    return t("data.confirm.what", lang, file=view.file_name, rows=view.rows,
             new=fmt_int(view.new_rows, lang), sha=view.sha256)  # fmt: skip


def result_panel(view: ReportView, lang: str, overview_href: str) -> dbc.Alert:
    """The outcome of the import; after new rows, where to see them."""
    children: list[Any] = [
        html.H3(t(f"data.banner.{view.banner}", lang), className="h5 alert-heading"),
        html.P(view.summary, className="mb-1"),
    ]
    if view.notices:
        children.append(html.Ul([html.Li(n) for n in view.notices], className="mb-1"))
    if view.errors:
        children.append(html.Ul([html.Li(m) for _, _, m in view.errors[:20]], className="mb-1"))
    if view.status == "imported":
        children.append(html.P(t("data.result.live", lang), className="mb-1"))
        children.append(dcc.Link(t("data.result.overview", lang), href=overview_href,
                                 className="alert-link"))  # fmt: skip
    return dbc.Alert(children, color=BANNER_COLORS.get(view.banner, "secondary"),
                     className=f"data-result data-result-{view.status}")  # fmt: skip

"""Targets page builders: target labels, the table frames and the cumulative progress chart.

Pure functions of DataFrames (from ``data_access.queries.targets``): no database, no clock.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from dashboard.i18n import fmt_date, fmt_month, t
from dashboard.target_math import AT_RISK, BEHIND, ON_TRACK, STATUSES
from layouts.figures.common import message_figure
from layouts.figures.theme import PALETTE, base_layout, separators
from layouts.table_view import MAX_TEXT, fold

STATUS_COLORS = {
    ON_TRACK: PALETTE["green"],
    AT_RISK: PALETTE["orange"],
    BEHIND: PALETTE["vermillion"],
}
DEFAULT_METRIC = "citizens_served"
PICKER_MATCHES = 50  # targets listed for a typed search


@lru_cache(maxsize=4096)
def period_label(start: dt.date, end: dt.date, lang: str) -> str:
    """ "2026" for a calendar year, else "01.01.2026 – 30.06.2026" (remembered: a targets table
    repeats a few periods over hundreds of rows)."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{fmt_date(start, lang, 'short')} – {fmt_date(end, lang, 'short')}"


def scope_label(kind: str, name: object, value: object, lang: str) -> str:
    if kind == "national":
        return t("targets.national", lang)
    return str(name) if isinstance(name, str) and name else str(value)


def _period_labels(frame: pd.DataFrame, lang: str) -> list[str]:
    starts, ends = frame["period_start"].tolist(), frame["period_end"].tolist()
    return [period_label(s, e, lang) for s, e in zip(starts, ends, strict=True)]


def with_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``targets_table`` rows plus ``scope_label``, ``period_label`` and ``label``."""
    out = frame.copy()
    kinds, names, values = (out[c].tolist() for c in ("scope_kind", "scope_name", "scope_value"))
    out["scope_label"] = [
        scope_label(k, n, v, lang) for k, n, v in zip(kinds, names, values, strict=True)
    ]
    out["period_label"] = _period_labels(out, lang)
    metrics = [t(f"metric.{m}", lang) for m in out["metric"].tolist()]
    out["label"] = [
        f"{m} · {s} · {p}"
        for m, s, p in zip(metrics, out["scope_label"], out["period_label"], strict=True)
    ]
    return out


def raion_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``attainment_by_raion`` rows plus ``period_label`` and a unique ``row_key``."""
    out = frame.copy()
    out["period_label"] = _period_labels(out, lang)
    keys = zip(*(out[c].tolist() for c in ("raion_code", "metric", "period_start", "period_end")),
               strict=True)  # fmt: skip
    out["row_key"] = ["|".join(str(part) for part in key) for key in keys]
    return out


def ambassador_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``attainment_by_ambassador`` rows plus a unique ``row_key`` (ambassador, target)."""
    out = frame.copy()
    out["row_key"] = [
        f"{int(a)}|{'' if pd.isna(target) else int(target)}"
        for a, target in zip(out["ambassador_id"], out["target_id"], strict=True)
    ]
    return out


def trained_by(people: pd.DataFrame, ambassador_id: int) -> pd.DataFrame:
    """The ambassadors of ``people`` (a directory frame) trained by ``ambassador_id``."""
    return people[people["trained_by_id"] == ambassador_id].reset_index(drop=True)


def target_row(frame: pd.DataFrame, target_id: object) -> dict[str, Any] | None:
    """The row of target ``target_id`` in ``frame``, or None."""
    if isinstance(target_id, bool) or not isinstance(target_id, int) or frame.empty:
        return None
    chosen = frame[frame["target_id"] == target_id]
    if chosen.empty:
        return None
    return {k: None if _is_nan(v) else v for k, v in chosen.iloc[0].to_dict().items()}


def _is_nan(value: object) -> bool:
    return value is pd.NA or (isinstance(value, float) and math.isnan(value))


def default_target(frame: pd.DataFrame, today: dt.date) -> int | None:
    """The national citizens-served target whose period holds ``today`` (else of the latest
    year), or the first target in view; ``None`` when there is none."""
    if frame.empty:
        return None
    national = frame[(frame["scope_kind"] == "national") & (frame["metric"] == DEFAULT_METRIC)]
    current = national[(national["period_start"] <= today) & (national["period_end"] >= today)]
    for candidates in (current, national.sort_values("period_end", ascending=False), frame):
        if not candidates.empty:
            return int(candidates["target_id"].iloc[0])
    return None


def picker_options(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Dropdown options from :func:`with_labels` rows."""
    return [
        {"label": label, "value": int(target_id)}
        for target_id, label in zip(frame["target_id"], frame["label"], strict=True)
    ]


def picker_shortlist(frame: pd.DataFrame, raions: Sequence[str], chosen: object) -> pd.DataFrame:
    """The :func:`with_labels` rows the picker lists before anyone types: the national targets,
    those of ``raions`` (raion and ambassador targets there) and the ``chosen`` one."""
    keep = (frame["scope_kind"] == "national") | frame["scope_raion"].isin(list(raions))
    return frame[keep | (frame["target_id"] == chosen)]


def picker_matches(
    frame: pd.DataFrame, text: str, chosen: object, limit: int = PICKER_MATCHES
) -> pd.DataFrame:
    """The first ``limit`` :func:`with_labels` rows whose label holds every word of ``text``
    (case and diacritics ignored), and the ``chosen`` one."""
    labels = pd.Series([fold(label) for label in frame["label"]], index=frame.index)
    found = pd.Series(True, index=frame.index)
    for word in fold(text[:MAX_TEXT]).split():
        found &= labels.str.contains(word, regex=False)
    return frame[(found & (found.cumsum() <= limit)) | (frame["target_id"] == chosen)]


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["status"].value_counts() if len(frame) else pd.Series(dtype="int64")
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def _line(x: list[str], y: list[Any], name: str, color: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "scatter", "x": x, "y": y, "name": name, "mode": "lines",
        "line": {"color": color, "width": 3}, "connectgaps": False,
        "hovertemplate": f"%{{x}}<br>{name}: %{{y:,.0f}}<extra></extra>", **extra,
    }  # fmt: skip


def cumulative_figure(
    progress: pd.DataFrame, target: Mapping[str, Any], lang: str
) -> dict[str, Any]:
    """Cumulative actual against the linear target line for one target.

    ``progress`` comes from ``cumulative_progress``; ``target`` is the target's row of
    ``targets_table`` (metric, status, projected, period_end, as_of).
    """
    if progress.empty:
        return message_figure(t("common.no_data", lang))
    if progress["actual"].isna().all():
        return message_figure(t("targets.not_started", lang))
    months = [fmt_month(int(m), lang) for m in progress["month_key"]]
    actual = [None if pd.isna(v) else round(float(v), 1) for v in progress["actual"]]
    goal = [None if pd.isna(v) else round(float(v), 1) for v in progress["target_line"]]
    status = str(target.get("status", ""))
    color = STATUS_COLORS.get(status, PALETTE["blue"])
    actual_name = f"{t('targets.legend.actual', lang)} · {t(f'status.{status}', lang)}"
    traces = [
        _line(months, goal, t("targets.legend.target", lang), PALETTE["grey"],
              line={"color": PALETTE["grey"], "width": 2, "dash": "dash"}),
        _line(months, actual, actual_name, color, mode="lines+markers",
              marker={"size": 7, "color": color}),
    ]  # fmt: skip
    last = max(i for i, v in enumerate(actual) if v is not None)
    projected = target.get("projected")
    if last < len(months) - 1 and projected is not None and not pd.isna(projected):
        traces.append(_line(
            [months[last], months[-1]], [actual[last], round(float(projected), 1)],
            t("targets.legend.projection", lang), color,
            line={"color": color, "width": 2, "dash": "dot"},
        ))  # fmt: skip
    return {
        "data": traces,
        "layout": base_layout(
            height=340,
            separators=separators(lang),
            showlegend=True,
            legend={"orientation": "h", "y": 1.12, "x": 0},
            margin={"l": 10, "r": 10, "t": 40, "b": 40},
            xaxis={"type": "category", "automargin": True},
            yaxis={"tickformat": ",.0f", "gridcolor": "#eef1f4", "automargin": True,
                   "rangemode": "tozero"},
            hovermode="x unified",
            meta={"metric": str(target.get("metric", ""))},
        ),
    }  # fmt: skip

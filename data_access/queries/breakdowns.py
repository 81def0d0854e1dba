"""Breakdowns the pages chart: by month, raion, service type, audience, format, library,
ambassador. Each is a small DataFrame aggregated in the database."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.models import ServiceType
from data_access.queries.dimensions import dimensions, raions
from data_access.queries.frames import gather, read_frame
from data_access.queries.held_latest import held_activity, planned_activity
from data_access.queries.planner import aggregate
from data_access.queries.sources import REQUEST_MEASURES
from data_access.queries.versioned import has_store, stored

ACTIVITY = ["sessions", "participants", "requests"]


def _lined_up(keys: pd.DataFrame, key: str,
              parts: list[tuple[pd.DataFrame, list[str]]]) -> dict[str, Any]:  # fmt: skip
    """``keys``' columns with each part's ``measures`` added, matched on ``key`` (0, or NaT
    for days, where a part has no row for a key; a part's keys missing from ``keys`` are left
    out): what a left merge would give, without the cost of one per part. As arrays, for one
    frame built at the end (each column added to a frame costs more than its numbers)."""
    columns: dict[str, Any] = {c: keys[c].array for c in keys.columns}
    wanted = keys[key].to_numpy()
    for part, measures in parts:
        at = pd.Index(part[key]).get_indexer(wanted)
        for m in measures:
            values = part[m].to_numpy()
            if values.dtype.kind == "M":
                columns[m] = gather(values.astype("M8[ns]"), at, np.datetime64("NaT"))
            else:
                columns[m] = gather(values.astype(np.int64), at, 0)
    return columns


def by_month(session: Session, filters: Filters) -> pd.DataFrame:
    """month_key, sessions, participants, requests, citizens_served — one row per month."""
    s = aggregate(session, "sessions", filters, ("sessions", "participants"), ("month_key",))
    r = aggregate(session, "requests", filters, ("requests",), ("month_key",))
    months = np.union1d(s["month_key"].to_numpy(np.int64), r["month_key"].to_numpy(np.int64))
    columns = _lined_up(pd.DataFrame({"month_key": months}), "month_key",
                        [(s, ACTIVITY[:2]), (r, ACTIVITY[2:])])  # fmt: skip
    columns["citizens_served"] = columns["participants"] + columns["requests"]
    return pd.DataFrame(columns)


def by_raion(session: Session, filters: Filters) -> pd.DataFrame:
    """Activity per raion with population, for every raion in view (zeros included).

    ``*_per_10k`` columns are NaN where the census gives no population (never 0).
    """
    s = aggregate(session, "sessions", filters, ("sessions", "participants"), ("raion_code",))
    r = aggregate(session, "requests", filters, ("requests",), ("raion_code",))
    places = raions(session, filters)  # by code
    return _with_rates(_lined_up(places, "raion_code", [(s, ACTIVITY[:2]), (r, ACTIVITY[2:])]))


def by_raion_of_libraries(session: Session, filters: Filters,
                          activity: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """:func:`by_raion`, summed from ``activity`` (library_id and :data:`ACTIVITY` per library,
    read under the same ``filters``): a fact's raion is always its library's (the facts'
    composite foreign key), so the two agree, and a caller that has per-library activity
    anyway saves two reads."""
    places = raions(session, filters)  # by code
    columns: dict[str, Any] = {c: places[c].array for c in places.columns}
    dims = dimensions(session)
    libraries = dims.libraries
    library_at = pd.Index(libraries["library_id"]).get_indexer(activity["library_id"])
    codes = tuple(places["raion_code"])  # each library's place among them: once per view kind
    raion_of = dims.remember(("raion_of", codes), lambda: pd.Index(codes).get_indexer(
        libraries["raion_code"]))  # fmt: skip
    at = np.where(library_at >= 0, raion_of[library_at], -1)
    kept = at >= 0
    for m in ACTIVITY:
        weights = activity[m].to_numpy(np.float64)[kept]
        totals = np.bincount(at[kept], weights=weights, minlength=len(places))
        columns[m] = np.rint(totals).astype(np.int64)
    return _with_rates(columns)


def _with_rates(columns: dict[str, Any]) -> pd.DataFrame:
    """citizens_served, and every count per 10,000 inhabitants (NaN without a population)."""
    columns["citizens_served"] = columns["participants"] + columns["requests"]
    population = np.asarray(columns["population"], dtype=np.float64)  # None, NaN: no census
    for column in [*ACTIVITY, "citizens_served"]:
        columns[f"{column}_per_10k"] = columns[column].astype(np.float64) / population * 10_000
    return pd.DataFrame(columns, copy=False)


def by_service(session: Session, filters: Filters) -> pd.DataFrame:
    """Requests of each service type and sessions covering it, with names and category."""
    r = aggregate(session, "requests", filters, ("requests",), ("service_type_code",))
    s = aggregate(session, "sessions", filters, ("sessions",), ("service_type_code",))
    names = stored(session, "service_names", read_service_names, release=False)
    frame = pd.DataFrame(_lined_up(names, "service_type_code",
                                   [(r, ["requests"]), (s, ["sessions"])]))  # fmt: skip
    if filters.services:
        frame = frame[frame["service_type_code"].isin(filters.services)]
    return frame.sort_values("requests", ascending=False).reset_index(drop=True)


def read_service_names(session: Session) -> pd.DataFrame:
    """Each service type's code, category and names (held per data version: asked for on
    every filter change, changed only by a write)."""
    columns = ["service_type_code", "category", "name_ro", "name_en", "name_ru"]
    st = ServiceType
    return read_frame(session, select(st.code, st.category, st.name_ro, st.name_en, st.name_ru),
                      columns)  # fmt: skip


def by_session_dimension(session: Session, filters: Filters, dimension: str) -> pd.DataFrame:
    """Sessions and participants by ``audience`` or ``format``."""
    if dimension not in ("audience", "format"):
        raise ValueError(f"sessions cannot be broken down by {dimension!r}")
    frame = aggregate(session, "sessions", filters, ("sessions", "participants"), (dimension,))
    return frame.sort_values("sessions", ascending=False).reset_index(drop=True)


def request_profile(session: Session, filters: Filters) -> dict[str, int]:
    """Totals of requests by on-behalf-of and by outcome, in one row."""
    measures = tuple(m for m in REQUEST_MEASURES if m != "last_day")
    row = aggregate(session, "requests", filters, measures).iloc[0]
    return {m: int(row[m]) for m in measures}


def activity_by(session: Session, filters: Filters, key: str, *,
                latest: bool = True) -> pd.DataFrame:  # fmt: skip
    """Sessions, participants, requests and (unless ``latest`` is false) the last activity day
    per library or per ambassador. Where no service or format filter applies, whole months
    come from the per-person and per-library rollups held in memory, latest days included
    (:mod:`~data_access.queries.held_latest`); otherwise from the planner's parts (SQL and
    memory), added up at once; for the naive baseline or a bare session, from two aggregates
    lined up."""
    if key not in ("library_id", "ambassador_id"):
        raise ValueError(f"activity cannot be grouped by {key!r}")
    held = held_activity(session, filters, key, latest=latest)
    if held is None and has_store(session) and not NAIVE.get():
        held = planned_activity(session, filters, key, latest=latest)
    if held is not None:
        last_day = held.pop("last_day")
        if latest:
            held["last_day"] = last_day
        return _active(held)
    last = ("last_any_day",) if latest else ()
    s = aggregate(session, "sessions", filters, ("sessions", "participants", *last), (key,),
                  as_dates=False)  # fmt: skip
    r = aggregate(session, "requests", filters, ("requests", *last), (key,), as_dates=False)
    r = r.dropna(subset=[key])
    keys = np.union1d(s[key].to_numpy(np.int64), r[key].to_numpy(np.int64))
    s = s.rename(columns={"last_any_day": "last_session_day"})
    r = r.rename(columns={"last_any_day": "last_request_day"})
    days = (["last_session_day"], ["last_request_day"]) if latest else ([], [])
    parts = [(s, [*ACTIVITY[:2], *days[0]]), (r, [*ACTIVITY[2:], *days[1]])]
    columns = _lined_up(pd.DataFrame({key: keys}), key, parts)
    if latest:  # the later of each one's last session and last request
        columns["last_day"] = np.fmax(columns.pop("last_session_day"),
                                      columns.pop("last_request_day"))  # fmt: skip
    return _active(columns)


def _active(columns: dict[str, Any]) -> pd.DataFrame:
    """The rows with any activity (``last_day``, if any, as dates or None): a rollup row of sessions
    alone also gives 0 requests, which the facts would not (under a format filter that leaves
    none of its sessions)."""
    kept = (columns["sessions"] != 0) | (columns["participants"] != 0) | (columns["requests"] != 0)
    taken = {c: np.asarray(v)[kept] for c, v in columns.items()}
    if "last_day" in taken:  # dates, None where none
        taken["last_day"] = taken["last_day"].astype("M8[D]").astype(object)
    return pd.DataFrame(taken)

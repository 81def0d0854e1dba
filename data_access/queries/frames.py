"""Query results as small DataFrames."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session


def read_frame(session: Session, stmt: Any, columns: Sequence[str],
               params: dict[str, Any] | None = None) -> pd.DataFrame:  # fmt: skip
    """Run ``stmt`` (with the values of its bound ``params``, if any) and return its rows as a
    DataFrame with ``columns``.

    Rows reach pandas as plain tuples: pandas probes each SQLAlchemy ``Row`` for several
    attributes, and building the ``Row`` objects one by one costs more than the query itself on
    a few thousand rows. Where no column needs SQLAlchemy's conversion (its result processors:
    the aggregates here are numbers and text), the driver's tuples are taken as they come.
    The statement runs on the session's connection, as Core: through the session, a statement
    naming mapped attributes gets the ORM's result (rows rebuilt in Python, no driver cursor).
    """
    result = _connection(session).execute(stmt, params)
    return pd.DataFrame.from_records(_rows(result), columns=list(columns))


def read_text(session: Session, sql: str, params: Any, columns: Sequence[str]) -> pd.DataFrame:
    """Run SQL text (:mod:`~data_access.queries.plan_text`) with its parameters as the driver
    takes them, and return its rows as a DataFrame with ``columns``."""
    result = _connection(session).exec_driver_sql(sql, params)
    return pd.DataFrame.from_records(_rows(result), columns=list(columns))


def _connection(session: Session) -> Any:
    """The session's connection, its pending changes flushed first (what ``session.execute``
    would have done)."""
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()
    return session.connection()


def _rows(result: Any) -> list[Any]:
    """``result``'s rows as tuples: the driver's own, where no column needs SQLAlchemy's
    conversion."""
    cursor = _plain_cursor(result)
    if cursor is None:
        return [tuple(row) for row in result]
    try:
        return list(cursor.fetchall())
    finally:
        result.close()


def _plain_cursor(result: Any) -> Any:
    """The driver's cursor of ``result`` when no column needs SQLAlchemy's per-value conversion,
    else (or when unsure) None."""
    processors = getattr(getattr(result, "_metadata", None), "_processors", None)
    if processors is None or any(processors):
        return None
    return getattr(result, "cursor", None)


def read_chunks(session: Session, stmt: Any, columns: Sequence[str],
                size: int = 10_000) -> Iterator[pd.DataFrame]:  # fmt: skip
    """The rows of a large ``stmt`` as DataFrames of up to ``size`` rows, read through the
    driver's own cursor. For tables held in memory: SQLAlchemy's rows would cost several times
    the query, and the Python objects of a large result at once leave the process's heap
    fragmented (tens of MB it never returns)."""
    sql = stmt.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True})
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(str(sql))
        while chunk := cursor.fetchmany(size):
            yield pd.DataFrame.from_records(chunk, columns=list(columns))
    finally:
        cursor.close()


def taken(frame: pd.DataFrame, rows: np.ndarray, columns: Sequence[str]) -> pd.DataFrame:
    """``frame``'s ``rows`` (positions) of ``columns``, as a new frame numbered from 0: each
    column taken once and the frame built from them, ~3x cheaper than pandas' ``.loc`` or
    ``.iloc`` with ``reset_index`` on the few thousand people and places held in memory."""
    return pd.DataFrame(taken_columns(frame, rows, columns), copy=False)


def taken_columns(frame: pd.DataFrame, rows: np.ndarray, columns: Sequence[str]) -> dict[str, Any]:
    """:func:`taken` as arrays, for callers that add columns before building the frame."""
    return {c: frame[c].array.take(rows) for c in columns}


def gather(values: np.ndarray, at: np.ndarray, fill: Any) -> np.ndarray:
    """``values[at]``, with ``fill`` where ``at`` is -1 (what ``Index.get_indexer`` gives for
    a missing key): one table's column lined up with another's rows, without a merge."""
    out = np.full(len(at), fill, dtype=values.dtype)
    found = at >= 0
    out[found] = values[at[found]]
    return out


def positions_in_union(arrays: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """The sorted distinct values of ``arrays`` (integers: database ids) and, for each array,
    its values' positions among them. Ids are small non-negative numbers, so a mark per
    possible id does it in linear time (``np.unique`` sorts: ~20x slower on 15,000 ids); far
    apart ids fall back to the sort."""
    present = [a for a in arrays if len(a)]
    total = sum(len(a) for a in present)
    low = min((int(a.min()) for a in present), default=0)
    top = max((int(a.max()) for a in present), default=-1)
    if low < 0 or top >= max(8 * total, 1 << 16):
        union = np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, np.int64)
        return union, [np.searchsorted(union, a) for a in arrays]
    mark = np.zeros(top + 1, dtype=bool)
    for a in present:
        mark[a] = True
    number = np.cumsum(mark) - 1
    return np.flatnonzero(mark), [number[a] for a in arrays]


def combine_parts(frames: list[pd.DataFrame], by: tuple[str, ...], measures: tuple[str, ...],
                  maxima: frozenset[str], *, regroup: bool = False) -> pd.DataFrame:  # fmt: skip
    """Partial aggregates of one query (from SQL and from tables in memory) as one frame: one
    row per ``by`` group, sums added and the ``maxima`` measures (latest days) the latest.
    A single part is taken to have one row per group already, unless ``regroup``."""
    typed = [_typed(f, measures, maxima) for f in frames if len(f)]
    if not typed:
        return pd.DataFrame(columns=[*by, *measures])
    regroup = regroup or len(typed) > 1
    if regroup and len(by) == 1:
        frame = _summed_by(typed, by[0], measures, maxima)
    else:
        frame = pd.concat(typed, ignore_index=True) if len(typed) > 1 else typed[0]
        agg = {m: "max" if m in maxima else "sum" for m in measures}
        if not by:
            return frame.agg(agg).to_frame().T
        if regroup:
            frame = frame.groupby(list(by), dropna=False, sort=False, as_index=False).agg(agg)
    ids = {d: frame[d].to_numpy(np.int64) for d in by if d.endswith("_id")
           and frame[d].dtype != np.int64 and not frame[d].isna().any()}  # fmt: skip
    return frame.assign(**ids) if ids else frame


def _summed_by(frames: list[pd.DataFrame], key: str, measures: tuple[str, ...],
               maxima: frozenset[str]) -> pd.DataFrame:  # fmt: skip
    """What ``groupby(key, dropna=False, sort=False)`` of the frames one after another, summing
    the measures (the latest of the ``maxima``), gives, counted with numpy on their columns
    put end to end: pandas' ``concat`` and ``groupby`` cost ~1 ms each of set-up per call
    whatever the size, more than these few thousand rows' sums."""
    keys = [f[key] for f in frames]
    if all(k.dtype.kind in "iuf" for k in keys):  # ids (NaN: none): as numpy numbers
        codes, uniques = pd.factorize(np.concatenate([k.to_numpy() for k in keys]),
                                      use_na_sentinel=False)  # fmt: skip
    else:  # text (raion codes): pandas keeps its string type
        codes, uniques = pd.factorize(pd.concat(keys, ignore_index=True), use_na_sentinel=False)
    size = len(uniques)
    columns: dict[str, Any] = {key: uniques}
    for m in measures:
        values = np.concatenate([f[m].to_numpy() for f in frames])
        if m in maxima:  # datetime64: NaT is the smallest int64, so a group's max skips it
            latest = np.full(size, np.iinfo(np.int64).min, dtype=np.int64)
            np.maximum.at(latest, codes, values.astype("M8[ns]").view(np.int64))
            columns[m] = latest.view("M8[ns]")
        elif values.dtype.kind in "iub":
            totals = np.bincount(codes, weights=values.astype(np.float64), minlength=size)
            columns[m] = np.rint(totals).astype(np.int64)
        else:  # as pandas sums: missing values count as nothing
            weights = np.nan_to_num(values.astype(np.float64))
            columns[m] = np.bincount(codes, weights=weights, minlength=size)
    return pd.DataFrame(columns)


def _typed(frame: pd.DataFrame, measures: tuple[str, ...], maxima: frozenset[str]) -> pd.DataFrame:
    """``frame`` with its sums numeric and its ``maxima`` datetimes, converting only the
    columns that are not already (most are: each conversion costs a copy and pandas' checks)."""
    changes = {m: datetimes(frame[m]) if m in maxima else pd.to_numeric(frame[m])
               for m in measures
               if frame[m].dtype.kind not in ("M" if m in maxima else "iuf")}  # fmt: skip
    return frame.assign(**changes) if changes else frame


def datetimes(column: pd.Series) -> np.ndarray:
    """Days as SQL gives them (ISO text from SQLite, dates from PostgreSQL, missing values) as
    datetime64[ns], NaT where missing: for the few thousand latest days of a per-person
    aggregate, several times faster than ``pd.to_datetime`` (numpy parses ISO text in C; dates
    are counted by their ordinal, as numpy's own conversion of date objects is slower still)."""
    values = column.to_numpy()
    if values.dtype.kind == "M":
        return values.astype("M8[ns]")
    missing = pd.isna(values)
    present = values[~missing]
    days = np.full(len(values), np.datetime64("NaT"), dtype="M8[D]")
    try:
        if len(present) and isinstance(present[0], str):
            days[~missing] = np.array(present, dtype="M8[D]")
        elif len(present) and isinstance(present[0], dt.date):
            ordinals = np.fromiter((d.toordinal() for d in present), np.int64, len(present))
            days[~missing] = (ordinals - _EPOCH_ORDINAL).astype("M8[D]")
        elif len(present):
            raise TypeError("not a day")
    except (TypeError, ValueError, AttributeError):  # another form: pandas knows more of them
        return pd.to_datetime(column).to_numpy("M8[ns]")
    return days.astype("M8[ns]")


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def counts(column: pd.Series) -> np.ndarray:
    """A column of sums as int64, 0 where missing: SQL gives NULL for a sum over no rows, and
    PostgreSQL's sums of integers arrive as Decimal."""
    values = column.to_numpy()
    if values.dtype.kind in "iub":
        return values.astype(np.int64, copy=False)
    if values.dtype.kind == "f":
        return np.where(np.isnan(values), 0, values).astype(np.int64)
    return pd.to_numeric(column).fillna(0).to_numpy(np.int64)

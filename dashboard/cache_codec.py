"""Result-cache values made cheap to pickle, and restored exactly.

Tables for the grids keep dates as ``datetime.date`` objects (what exports and formatting
want), and pickle reduces such objects one by one: a 2,700-row directory table with three date
columns took ~15 ms to store and ~6 to read, more than computing parts of it. Stored here, each
such column is one ``datetime64[D]`` array (a single buffer to pickle) and becomes the same
objects again when read (numpy gives ``datetime.date`` and ``None`` back).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

EPOCH = dt.date(1970, 1, 1).toordinal()
NAT = np.iinfo(np.int64).min  # datetime64's "not a time"
MIN_ROWS = 500


@dataclass(frozen=True)
class PackedFrame:
    """A DataFrame whose ``dates`` columns are held as datetime64[D] (NaT where None)."""

    frame: pd.DataFrame
    dates: tuple[str, ...]


def pack(value: Any) -> Any:
    """``value`` as stored: a DataFrame (or a plain tuple's DataFrames) packed, else as is."""
    if isinstance(value, pd.DataFrame):
        return _pack_frame(value)
    if type(value) is tuple and any(isinstance(v, pd.DataFrame) for v in value):
        return tuple(pack(v) for v in value)
    return value


def unpack(value: Any) -> Any:
    """The inverse of :func:`pack`."""
    if isinstance(value, PackedFrame):
        restored = {c: value.frame[c].to_numpy("M8[D]").astype(object) for c in value.dates}
        return value.frame.assign(**restored)  # the columns keep their places
    if type(value) is tuple and any(isinstance(v, PackedFrame) for v in value):
        return tuple(unpack(v) for v in value)
    return value


def _pack_frame(frame: pd.DataFrame) -> pd.DataFrame | PackedFrame:
    """Small tables as they are: below :data:`MIN_ROWS` the look for date columns would cost
    more than pickle's reducing of their dates."""
    if len(frame) < MIN_ROWS or not frame.columns.is_unique:
        return frame
    objects = [
        c
        for c, dtype in frame.dtypes.items()
        if isinstance(dtype, np.dtype) and dtype.kind == "O" and isinstance(c, str)
    ]
    days = {c: d for c in objects if (d := _days(frame[c].tolist())) is not None}
    return PackedFrame(frame.assign(**days), tuple(days)) if days else frame


def _days(values: list[Any]) -> np.ndarray | None:
    """``values`` as datetime64[D] (None: NaT) when every one is a date (not a datetime: its
    time would be lost) or None, and one at least a date; else None. By day numbers: numpy
    converts date objects to datetime64 ~30 times slower."""
    kinds = set(map(type, values))
    if dt.date not in kinds or not kinds <= {dt.date, type(None)}:
        return None
    numbers = [NAT if v is None else v.toordinal() - EPOCH for v in values]
    return np.array(numbers, dtype=np.int64).view("M8[D]")

"""Access points' accreditation days, for counting the access points on any day (a targets
table asks for hundreds of such counts)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd


class AccreditedDays:
    """The access points' accreditation days (``library_id``, ``raion_code``,
    ``accredited_on``), sorted nationally and per raion, so that a count on a day is one binary
    search (a targets table asks for hundreds)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        days = pd.to_datetime(frame["accredited_on"]).to_numpy("M8[D]")
        known = ~np.isnat(days)
        order = np.argsort(days[known], kind="stable")
        self.days = days[known][order]
        codes, raion = np.unique(frame["raion_code"].to_numpy(str)[known][order],
                                 return_inverse=True)  # fmt: skip
        per_raion = self.days[np.argsort(raion, kind="stable")]  # each raion's still sorted
        ends = np.cumsum(np.bincount(raion, minlength=len(codes)))[:-1]
        pieces = np.split(per_raion, ends) if len(codes) else []  # one piece of nothing else
        self.by_raion = dict(zip(codes.tolist(), pieces, strict=True))
        libraries = frame["library_id"].to_numpy(np.int64)[known][order]
        self.by_library = dict(zip(libraries.tolist(), self.days, strict=True))

    def count(self, day: dt.date, raion: object = None, library: int | None = None) -> int:
        """Accredited on or before ``day``: all, in ``raion``, or ``library`` (0 or 1)."""
        on = np.datetime64(day, "D")
        if library is not None:
            accredited = self.by_library.get(library)
            return int(accredited is not None and accredited <= on)
        days = self.days if raion is None else self.by_raion.get(raion, self.days[:0])
        return int(np.searchsorted(days, on, side="right"))

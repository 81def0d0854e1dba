"""Running totals of a monthly rollup held in memory: each person's or library's sums up to
every month, so a period's sums are one subtraction per person.

Summing a period's rows of the per-ambassador rollup costs a pass over all of them: ~240,000
rows for "program to date" at national scale, 5-10 ms of ``bincount`` on every such view of
the directory, the map and the targets' cascade. With the totals up to each month kept (a few
MB per rollup: months x people x three counts), any span of whole months is answered by
subtracting two rows of them. Only without place filters (raion, library kind, tier): a filter
keeps some of a person's rows and not others, which only the rows can tell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard.periods import month_number


@dataclass(frozen=True)
class RunningTotals:
    """``totals[m, k, i]``: measure ``m`` of value ``i`` summed over the months before month
    number ``first_month + k``."""

    first_month: int
    totals: np.ndarray

    @classmethod
    def build(cls, keys: np.ndarray, positions: np.ndarray, size: int,
              measures: list[np.ndarray]) -> RunningTotals:  # fmt: skip
        """From rows of month ``keys`` (month keys, as 202401), value ``positions`` (among
        ``size`` values) and ``measures`` (one array each, per row)."""
        if not len(keys):
            return cls(0, np.zeros((len(measures), 1, size), np.int64))
        months = month_number(keys.astype(np.int64))
        first = int(months.min())
        count = int(months.max()) - first + 1
        cell = (months - first) * size + positions.astype(np.int64)
        totals = np.zeros((len(measures), count + 1, size), np.int64)
        for m, values in enumerate(measures):
            per_month = np.bincount(cell, weights=values, minlength=count * size)
            totals[m, 1:] = np.cumsum(np.rint(per_month).astype(np.int64).reshape(count, size),
                                      axis=0)  # fmt: skip
        smallest = np.min_scalar_type(int(totals.max()))  # counts: unsigned, a quarter the size
        return cls(first, totals.astype(smallest))

    def between(self, first_key: int, last_key: int) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the values with any of the first or last measure (sessions or
        requests: every row of the rollups has one of them) over the months ``first_key`` to
        ``last_key``, and their sums (measures x values, int64)."""
        months = self.totals.shape[1] - 1
        lo = min(max(month_number(first_key) - self.first_month, 0), months)
        hi = min(max(month_number(last_key) - self.first_month + 1, lo), months)
        sums = self.totals[:, hi].astype(np.int64) - self.totals[:, lo]
        present = np.flatnonzero((sums[0] > 0) | (sums[-1] > 0))
        return present, sums[:, present]


__all__ = ["RunningTotals"]

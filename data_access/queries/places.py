"""The place filters (raion within scope, library kind, tier) on the rows held in memory."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.filters import Filters
from data_access.queries.versioned import Recent

PLACE_COLUMNS = ("raion_code", "library_kind", "ambassador_tier")  # what place_filters names
KEPT_MASKS = 32  # the place filters whose kept rows each table remembers


@dataclass
class PlaceCodes:
    """What a table held in memory keeps about its place columns: per column, its distinct
    values and each row's code among them (a few thousand strings compared once, not on every
    filter change); and the rows the last few place filters kept (every read of a view asks
    again for the same ones: ~0.4 ms each at national scale)."""

    columns: dict[str, tuple[pd.Index, np.ndarray]] = field(default_factory=dict)
    kept: Recent = field(default_factory=lambda: Recent(KEPT_MASKS))


def place_filters(filters: Filters) -> dict[str, tuple[str, ...] | None]:
    """The raion (within scope), library kind and tier each in-memory rollup row must have,
    by the rollups' column names (None: any)."""
    return {"raion_code": filters.effective_raions, "library_kind": filters.library_kinds or None,
            "ambassador_tier": filters.tiers or None}  # fmt: skip


def groups_kept(groups: pd.DataFrame, filters: Filters, codes: PlaceCodes) -> np.ndarray:
    """Which rows of ``groups`` (a table of place columns) the raion (within scope), library
    kind and tier filters keep (read-only: remembered in ``codes``)."""
    wanted = place_filters(filters)

    def compute() -> np.ndarray:
        kept = np.ones(len(groups), dtype=bool)
        for column, values in wanted.items():
            if values is not None:
                categories, numbers = place_codes(groups, column, codes)
                at = categories.get_indexer(list(values))
                kept &= np.isin(numbers, at[at >= 0])  # code -1: missing, never kept
        kept.flags.writeable = False
        return kept

    return codes.kept.get(tuple(wanted.values()), compute)


def place_codes(groups: pd.DataFrame, column: str,
                codes: PlaceCodes) -> tuple[pd.Index, np.ndarray]:  # fmt: skip
    """``column``'s distinct values and each row's code among them, kept in ``codes``."""
    if column not in codes.columns:
        numbers, categories = pd.factorize(groups[column])
        codes.columns[column] = (pd.Index(categories), numbers)
    return codes.columns[column]


def warm_place_codes(groups: pd.DataFrame, codes: PlaceCodes) -> None:
    """Build now the codes of each place column of ``groups`` (what the first place filter on
    them would build)."""
    for column in PLACE_COLUMNS:
        if column in groups:
            place_codes(groups, column, codes)

"""The place filters (raion within scope, library kind, tier) on the rows held in memory."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.filters import Filters

PLACE_COLUMNS = ("raion_code", "library_kind", "ambassador_tier")  # what place_filters names
PlaceCodes = dict[str, tuple[pd.Index, np.ndarray]]  # per column: distinct values, row codes


def place_filters(filters: Filters) -> dict[str, tuple[str, ...] | None]:
    """The raion (within scope), library kind and tier each in-memory rollup row must have,
    by the rollups' column names (None: any)."""
    return {"raion_code": filters.effective_raions, "library_kind": filters.library_kinds or None,
            "ambassador_tier": filters.tiers or None}  # fmt: skip


def groups_kept(groups: pd.DataFrame, filters: Filters, codes: PlaceCodes) -> np.ndarray:
    """Which rows of ``groups`` (a table of place columns) the raion (within scope), library
    kind and tier filters keep. ``codes`` caches each column's distinct values and each row's
    code among them: a few thousand strings compared once, not on every filter change."""
    kept = np.ones(len(groups), dtype=bool)
    for column, values in place_filters(filters).items():
        if values is not None:
            categories, numbers = place_codes(groups, column, codes)
            wanted = categories.get_indexer(list(values))
            kept &= np.isin(numbers, wanted[wanted >= 0])  # code -1: missing, never kept
    return kept


def place_codes(groups: pd.DataFrame, column: str,
                codes: PlaceCodes) -> tuple[pd.Index, np.ndarray]:  # fmt: skip
    """``column``'s distinct values and each row's code among them, kept in ``codes``."""
    if column not in codes:
        numbers, categories = pd.factorize(groups[column])
        codes[column] = (pd.Index(categories), numbers)
    return codes[column]


def warm_place_codes(groups: pd.DataFrame, codes: PlaceCodes) -> None:
    """Build now the codes of each place column of ``groups`` (what the first place filter on
    them would build)."""
    for column in PLACE_COLUMNS:
        if column in groups:
            place_codes(groups, column, codes)

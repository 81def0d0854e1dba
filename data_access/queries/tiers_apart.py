"""An ambassador-tier filter on the raw facts applied in memory, not in SQL.

A partial edge month under a service filter is read from the raw facts (no day rollup has
services per person). A tier filter there joins ``ambassador`` for its tier: on PostgreSQL a
hash of all ~3,000 ambassadors built for each part of the plan (1-1.5 ms each on this 2-core
VM), more than the index-only scan of the edge's few thousand requests. Grouped by ambassador
too and without the join, the parts read only the covering index, and the ambassadors' tiers
(held in memory per data version, :mod:`~data_access.queries.dimensions`) keep the rows of
the chosen tiers. Then the rows are summed again by the asked groups.

Only for groups an ambassador decides (their own id, a library, a raion), so that the extra
group adds at most one row per ambassador and library, however long the span; and only on
PostgreSQL: SQLite looks each row's ambassador up by primary key, cheaper than the extra rows
(measured: 1-2 ms slower in memory than the join on the same views).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from data_access.models.base import NO_TIER
from data_access.queries.dimensions import dimensions
from data_access.queries.frames import combine_parts, read_text
from data_access.queries.plans import Reads
from data_access.queries.sources import MAX_MEASURES
from data_access.queries.versioned import has_store

AMBASSADOR = "ambassador_id"
# the groups whose rows, split by ambassador as well, stay few
PER_AMBASSADOR = frozenset({AMBASSADOR, "library_id", "raion_code"})


def tiers_apart(session: Session, reads: Reads) -> Reads | None:
    """What to read instead of ``reads`` to apply its tier filter in memory: the same parts
    without it, grouped by ambassador as well; None when ``reads`` are read as they are."""
    if (not reads.filters.tiers or NO_TIER in reads.filters.tiers  # kept by the join alone
            or not set(reads.by) <= PER_AMBASSADOR
            or any(source.cube is not None for source in reads.sources)
            or session.get_bind().dialect.name != "postgresql"
            or not has_store(session)):  # fmt: skip
        return None
    by = reads.by if AMBASSADOR in reads.by else (*reads.by, AMBASSADOR)
    return replace(reads, filters=replace(reads.filters, tiers=()), by=by)


def read_tiers_apart(session: Session, reads: Reads, apart: Reads) -> pd.DataFrame:
    """``reads``' answer, from ``apart`` (:func:`tiers_apart`): its rows of the ambassadors of
    the chosen tiers (requests without an ambassador have none), summed by ``reads.by``."""
    sql, params = apart.text(session.get_bind().dialect)
    rows = read_text(session, sql, params, [*apart.by, *apart.measures])
    ids = rows[AMBASSADOR].to_numpy(np.float64, na_value=np.nan)
    kept = of_tiers(session, ids, reads.filters.tiers)
    # from the kept values of each column: a boolean .loc costs several times more
    rows = pd.DataFrame({name: rows[name].to_numpy()[kept] for name in rows.columns})
    if reads.by == apart.by:
        return rows
    # the other columns only are summed: the ambassador's is left behind
    return combine_parts([rows], reads.by, reads.measures, MAX_MEASURES, regroup=True)


def of_tiers(session: Session, ambassador_ids: np.ndarray, tiers: tuple[str, ...]) -> np.ndarray:
    """Which of ``ambassador_ids`` (NaN: none) are of ``tiers``, as a boolean mask."""
    dims = dimensions(session)
    known = dims.ambassadors["ambassador_id"].to_numpy(np.int64)  # ascending
    chosen = dims.remember(("of tiers", tiers),
                           lambda: dims.ambassadors["tier"].isin(tiers).to_numpy())  # fmt: skip
    ids = np.asarray(ambassador_ids, dtype=np.float64)
    mask = np.zeros(len(ids), dtype=bool)
    present = np.flatnonzero(~np.isnan(ids))
    if len(known) and len(present):
        wanted = ids[present].astype(np.int64)
        at = np.minimum(np.searchsorted(known, wanted), len(known) - 1)
        mask[present] = (known[at] == wanted) & chosen[at]
    return mask

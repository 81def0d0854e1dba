"""The people and places tables (ambassadors, libraries, localities), read once per data version.

They are small (a few thousand rows) but every directory, map and targets view re-read and
re-joined them on each filter change; the fact aggregates are what varies. They are now read
once per data version (:mod:`~data_access.queries.versioned`); views select and count from
them in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from dashboard.filters import Filters
from data_access.models import Ambassador, Library, Locality, Raion
from data_access.models.base import AMBASSADOR_TIERS
from data_access.queries.frames import read_frame
from data_access.queries.versioned import Recent, stored

T = TypeVar("T")
REMEMBERED = 64  # keys kept by Dimensions.remember (a few bytes to a few KB each)

AMBASSADOR_COLUMNS = [
    "ambassador_id", "code", "name", "tier", "library_id", "library_code", "library_name",
    "raion_code", "raion_name", "trained_by_id", "trained_by", "certified_on", "left_on",
    "library_kind",
]  # fmt: skip
LIBRARY_COLUMNS = ["library_id", "code", "name", "locality", "raion_code", "kind", "lat", "lon",
                   "accredited_on", "raion_name"]  # fmt: skip


@dataclass(frozen=True)
class Dimensions:
    """Every ambassador (with library, raion and trainer) and every library (with its raion's
    name), each sorted by id. Treat as read-only: they are shared between requests."""

    ambassadors: pd.DataFrame
    libraries: pd.DataFrame
    _remembered: Recent = field(default_factory=lambda: Recent(REMEMBERED), compare=False,
                                repr=False)  # fmt: skip

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, kept for ``key`` among the last :data:`REMEMBERED` keys: what views
        derive from these tables for a day (the map's roster for its period end, asked again
        by every view that ends then). Treat as read-only."""
        return self._remembered.get(key, compute)

    def serving(self, day: dt.date, tiers: tuple[str, ...] = ()) -> np.ndarray:
        """Which ambassadors are in service on ``day`` (certified by then, not left), of
        ``tiers`` (all when empty): a boolean mask over :attr:`ambassadors`."""
        a, when = self.ambassadors, np.datetime64(day, "D")
        mask = (a["certified_day"].to_numpy() <= when) & ~(a["left_day"].to_numpy() <= when)
        if tiers:
            codes = [AMBASSADOR_TIERS.index(t) for t in tiers if t in AMBASSADOR_TIERS]
            mask &= np.isin(a["tier_code"].to_numpy(), codes)
        return mask

    def staff_counts(self, mask: np.ndarray) -> np.ndarray:
        """How many ambassadors of ``mask`` each library has, in :attr:`libraries` order."""
        position = self.ambassadors["library_position"].to_numpy()[mask]
        return np.bincount(position, minlength=len(self.libraries)).astype("int64")


def in_view(frame: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Rows whose library is in the raion (within scope) and kind filters: a mask over
    :attr:`Dimensions.libraries` or :attr:`Dimensions.ambassadors` (or a frame with their
    ``raion_code`` and ``kind`` / ``library_kind`` columns)."""
    chosen = np.ones(len(frame), dtype=bool)
    raions = filters.effective_raions
    if raions is not None:
        chosen &= frame["raion_code"].isin(raions).to_numpy()
    if filters.library_kinds:
        kind = frame["library_kind" if "library_kind" in frame else "kind"]
        chosen &= kind.isin(filters.library_kinds).to_numpy()
    return chosen


def dimensions(session: Session) -> Dimensions:
    """The session's database's dimensions (once per data version, see :mod:`.versioned`)."""
    return stored(session, "dimensions", read_dimensions)


def read_dimensions(session: Session) -> Dimensions:
    libraries = read_frame(
        session,
        select(Library.id, Library.code, Library.name, Library.locality, Library.raion_code,
               Library.kind, Library.lat, Library.lon, Library.accredited_on, Raion.name_ro)
        .join(Raion, Raion.code == Library.raion_code)
        .order_by(Library.id),
        LIBRARY_COLUMNS,
    )  # fmt: skip
    trainer = aliased(Ambassador)
    ambassadors = read_frame(
        session,
        select(Ambassador.id, Ambassador.code, Ambassador.display_name, Ambassador.tier,
               Ambassador.library_id, Library.code, Library.name, Library.raion_code,
               Raion.name_ro, Ambassador.trained_by_id, trainer.display_name,
               Ambassador.certified_on, Ambassador.left_on, Library.kind)
        .join(Library, Library.id == Ambassador.library_id)
        .join(Raion, Raion.code == Library.raion_code)
        .outerjoin(trainer, trainer.id == Ambassador.trained_by_id)
        .order_by(Ambassador.id),
        AMBASSADOR_COLUMNS,
    )  # fmt: skip
    ambassadors["certified_day"] = pd.to_datetime(ambassadors["certified_on"]).to_numpy("M8[D]")
    ambassadors["left_day"] = pd.to_datetime(ambassadors["left_on"]).to_numpy("M8[D]")
    tier_code = {t: i for i, t in enumerate(AMBASSADOR_TIERS)}
    ambassadors["tier_code"] = ambassadors["tier"].map(tier_code).to_numpy(np.int8)
    libraries["accredited_day"] = pd.to_datetime(libraries["accredited_on"]).to_numpy("M8[D]")
    ids = libraries["library_id"].to_numpy()
    ambassadors["library_position"] = np.searchsorted(ids, ambassadors["library_id"].to_numpy())
    # the directory's order (name, then id), as one number: sorting by it skips string compares
    order = ambassadors.sort_values(["name", "ambassador_id"], kind="stable").index.to_numpy()
    ambassadors["name_rank"] = np.argsort(order)
    order = libraries.sort_values(["raion_name", "name", "library_id"], kind="stable").index
    libraries["directory_rank"] = np.argsort(order.to_numpy())  # raion, name, id
    return Dimensions(ambassadors=ambassadors, libraries=libraries)


def read_localities(session: Session) -> pd.DataFrame:
    """Every locality with its position (reference data: read once per data version)."""
    stmt = select(
        Locality.id, Locality.name_ro, Locality.kind, Locality.raion_code, Locality.lat,
        Locality.lon,
    ).order_by(Locality.id)  # fmt: skip
    columns = ["locality_id", "locality", "locality_kind", "raion_code", "lat", "lon"]
    return read_frame(session, stmt, columns)


def read_raions(session: Session) -> pd.DataFrame:
    """Every raion (code, name_ro, kind, population: NaN where the census gives none), by code."""
    stmt = select(Raion.code, Raion.name_ro, Raion.kind, Raion.population).order_by(Raion.code)
    return read_frame(session, stmt, ["raion_code", "name_ro", "kind", "population"])


def raions(session: Session, filters: Filters | None = None) -> pd.DataFrame:
    """The raions (see :func:`read_raions`, once per data version), those in ``filters``' view
    (raion filter within scope) when given. A copy: callers add columns."""
    frame = stored(session, "raions", read_raions)
    codes = None if filters is None else filters.effective_raions
    return (frame if codes is None else frame[frame["raion_code"].isin(codes)]).copy()


def raion_names(session: Session) -> dict[str, str]:
    frame = stored(session, "raions", read_raions)
    return dict(zip(frame["raion_code"], frame["name_ro"], strict=True))


def localities(session: Session) -> pd.DataFrame:
    """Every locality (see :func:`read_localities`), once per data version."""
    return stored(session, "localities", read_localities)

"""The program's people, places and goals: libraries, ambassadors and targets."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import (
    AMBASSADOR_TIERS,
    LIBRARY_KINDS,
    TARGET_METRICS,
    TARGET_SCOPES,
    Base,
    in_values,
)


class Library(Base):
    """A public library; an e-service access point once accredited."""

    __tablename__ = "library"
    __table_args__ = (
        CheckConstraint(in_values("kind", LIBRARY_KINDS), name="kind"),
        CheckConstraint("lat BETWEEN 45 AND 49 AND lon BETWEEN 26 AND 31", name="in_moldova"),
        # Lets fact tables reference (library_id, raion_code) so the two can never disagree.
        UniqueConstraint("id", "raion_code", name="uq_library_id_raion"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    locality: Mapped[str] = mapped_column(String(80))
    raion_code: Mapped[str] = mapped_column(ForeignKey("raion.code"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    accredited_on: Mapped[dt.date | None] = mapped_column(Date)


class Ambassador(Base):
    """A librarian ambassador: national (accredited trainer) or local (trained by a national)."""

    __tablename__ = "ambassador"
    __table_args__ = (
        CheckConstraint(in_values("tier", AMBASSADOR_TIERS), name="tier"),
        CheckConstraint("left_on IS NULL OR left_on >= certified_on", name="left_after_certified"),
        CheckConstraint("trained_by_id IS NULL OR trained_by_id <> id", name="not_self_trained"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id"), index=True)
    tier: Mapped[str] = mapped_column(String(10))
    trained_by_id: Mapped[int | None] = mapped_column(ForeignKey("ambassador.id"), index=True)
    certified_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)


class Target(Base):
    """A goal for one metric over one period, nationally or for one raion or ambassador."""

    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint(in_values("metric", TARGET_METRICS), name="metric"),
        CheckConstraint(in_values("scope_kind", TARGET_SCOPES), name="scope_kind"),
        CheckConstraint(
            "(scope_kind = 'national' AND scope_value IS NULL)"
            " OR (scope_kind <> 'national' AND scope_value IS NOT NULL)",
            name="scope_value",
        ),
        CheckConstraint("period_end >= period_start", name="period_order"),
        CheckConstraint("value >= 0", name="value_non_negative"),
        UniqueConstraint(
            "metric",
            "scope_kind",
            "scope_value",
            "period_start",
            "period_end",
            name="uq_target_scope_period",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    metric: Mapped[str] = mapped_column(String(30))
    scope_kind: Mapped[str] = mapped_column(String(12))
    scope_value: Mapped[str | None] = mapped_column(String(20))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)

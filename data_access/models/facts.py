"""Fact tables: information sessions and assisted e-service requests.

Both carry the raion code and a generated ``yyyymm`` month key (DESIGN.md 10), and reference
``(library_id, raion_code)`` together so the raion of a fact always equals its library's raion.
No column may identify a citizen (DESIGN.md 4): a test enforces it on the live schema.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Computed,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import (
    AUDIENCES,
    ON_BEHALF_OF,
    OUTCOMES,
    SESSION_FORMATS,
    Base,
    in_values,
    month_key_of,
)


class InfoSession(Base):
    """An information or training session held by an ambassador at a library."""

    __tablename__ = "info_session"
    __table_args__ = (
        CheckConstraint(in_values("format", SESSION_FORMATS), name="format"),
        CheckConstraint(in_values("audience", AUDIENCES), name="audience"),
        CheckConstraint("participants >= 0", name="participants_non_negative"),
        ForeignKeyConstraint(
            ["library_id", "raion_code"],
            ["library.id", "library.raion_code"],
            name="fk_info_session_library_raion",
        ),
        Index("ix_info_session_month_key", "month_key"),
        Index(
            "ix_info_session_day_cover",
            "held_on",
            "raion_code",
            "library_id",
            "ambassador_id",
            "format",
            "audience",
            "participants",
        ),
        Index(
            "ix_info_session_raion_day_cover",
            "raion_code",
            "held_on",
            "library_id",
            "ambassador_id",
            "format",
            "audience",
            "participants",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    month_key: Mapped[int] = mapped_column(
        Integer, Computed(month_key_of(literal_column("held_on")), persisted=True)
    )
    ambassador_id: Mapped[int] = mapped_column(ForeignKey("ambassador.id"), index=True)
    library_id: Mapped[int] = mapped_column(Integer)
    raion_code: Mapped[str] = mapped_column(ForeignKey("raion.code"))
    format: Mapped[str] = mapped_column(String(10))
    audience: Mapped[str] = mapped_column(String(30))
    participants: Mapped[int] = mapped_column(Integer)
    source_ref: Mapped[str | None] = mapped_column(String(120), unique=True)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class InfoSessionServiceType(Base):
    """Which service types a session covered (many-to-many)."""

    __tablename__ = "info_session_service_type"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("info_session.id", ondelete="CASCADE"), primary_key=True
    )
    service_type_code: Mapped[str] = mapped_column(
        ForeignKey("service_type.code"), primary_key=True, index=True
    )


class ServiceRequest(Base):
    """One e-service request a citizen was helped with. Deliberately anonymous."""

    __tablename__ = "service_request"
    __table_args__ = (
        CheckConstraint(in_values("on_behalf_of", ON_BEHALF_OF), name="on_behalf_of"),
        CheckConstraint(in_values("outcome", OUTCOMES), name="outcome"),
        ForeignKeyConstraint(
            ["library_id", "raion_code"],
            ["library.id", "library.raion_code"],
            name="fk_service_request_library_raion",
        ),
        Index("ix_service_request_month_key", "month_key"),
        Index(
            "ix_service_request_day_cover",
            "requested_on",
            "raion_code",
            "service_type_code",
            "library_id",
            "ambassador_id",
            "on_behalf_of",
            "outcome",
        ),
        Index(
            "ix_service_request_raion_day_cover",
            "raion_code",
            "requested_on",
            "service_type_code",
            "library_id",
            "ambassador_id",
            "on_behalf_of",
            "outcome",
        ),
        # A service filter's partial edge months per library or ambassador (no day rollup
        # holds both): only that service's rows of those days, not every service's (0015).
        Index(
            "ix_service_request_service_day_cover",
            "service_type_code",
            "requested_on",
            "raion_code",
            "library_id",
            "ambassador_id",
            "on_behalf_of",
            "outcome",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requested_on: Mapped[dt.date] = mapped_column(Date)
    month_key: Mapped[int] = mapped_column(
        Integer, Computed(month_key_of(literal_column("requested_on")), persisted=True)
    )
    library_id: Mapped[int] = mapped_column(Integer)
    ambassador_id: Mapped[int | None] = mapped_column(ForeignKey("ambassador.id"), index=True)
    raion_code: Mapped[str] = mapped_column(ForeignKey("raion.code"))
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_type.code"))
    on_behalf_of: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(10))
    source_ref: Mapped[str | None] = mapped_column(String(120), unique=True)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))

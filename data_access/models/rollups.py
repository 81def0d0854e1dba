"""Monthly rollup tables (DESIGN.md 10), derived from the fact tables and kept current on every
write (see ``data_access.rollups``). Each query reads the smallest rollup that can answer it.

Dimension columns are part of the primary key; measure columns are sums (or ``last_day``: the
latest activity date in the month). ``ambassador_tier`` is ``'none'`` for requests without a
recorded ambassador; ``service_mask`` ORs the ``service_type.mask_bit`` of a session's services.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base


class RollupRequestMonth(Base):
    __tablename__ = "rollup_request_month"
    __table_args__ = (Index("ix_rollup_request_month_raion", "raion_code", "month_key"),)

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_behalf_self: Mapped[int] = mapped_column(Integer)
    on_behalf_relative_abroad: Mapped[int] = mapped_column(Integer)
    on_behalf_other: Mapped[int] = mapped_column(Integer)
    outcome_submitted: Mapped[int] = mapped_column(Integer)
    outcome_completed: Mapped[int] = mapped_column(Integer)
    outcome_failed: Mapped[int] = mapped_column(Integer)


class RollupRequestLibraryMonth(Base):
    __tablename__ = "rollup_request_library_month"
    __table_args__ = (
        Index("ix_rollup_request_library_month_raion", "raion_code", "month_key"),
        # Per library under a service filter: that service's months only, read from the index.
        Index(
            "ix_rollup_request_library_month_service",
            "service_type_code", "month_key", "library_id", "ambassador_tier", "raion_code",
            "library_kind", "requests", "last_day",
        ),
    )  # fmt: skip

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    library_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5))
    library_kind: Mapped[str] = mapped_column(String(10))
    requests: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[dt.date] = mapped_column(Date)


class RollupSessionMonth(Base):
    __tablename__ = "rollup_session_month"
    __table_args__ = (Index("ix_rollup_session_month_raion", "raion_code", "month_key"),)

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    audience: Mapped[str] = mapped_column(String(30), primary_key=True)
    service_mask: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)


class RollupSessionLibraryMonth(Base):
    __tablename__ = "rollup_session_library_month"
    __table_args__ = (Index("ix_rollup_session_library_month_raion", "raion_code", "month_key"),)

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    library_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    service_mask: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5))
    library_kind: Mapped[str] = mapped_column(String(10))
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[dt.date] = mapped_column(Date)


class RollupAmbassadorMonth(Base):
    """Activity per ambassador and library where it happened (usually the ambassador's own)."""

    __tablename__ = "rollup_ambassador_month"
    __table_args__ = (
        Index("ix_rollup_ambassador_month_raion", "raion_code", "month_key"),
        # One person's months in order, with their last days: "latest activity" by seeks.
        Index(
            "ix_rollup_ambassador_month_person",
            "ambassador_id", "month_key", "last_session_day", "last_request_day",
        ),
    )  # fmt: skip

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    ambassador_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    library_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5))
    library_kind: Mapped[str] = mapped_column(String(10))
    ambassador_tier: Mapped[str] = mapped_column(String(10))
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)
    requests: Mapped[int] = mapped_column(Integer)
    last_session_day: Mapped[dt.date | None] = mapped_column(Date)
    last_request_day: Mapped[dt.date | None] = mapped_column(Date)
    # First day of any activity in the month: with the last days, says whether an ambassador
    # was active in a partial month at the edge of a range without reading the facts.
    first_day: Mapped[dt.date | None] = mapped_column(Date)


class RollupRequestRaionMonth(Base):
    """Requests per month and raion: answers every unfiltered or raion-filtered request query."""

    __tablename__ = "rollup_request_raion_month"

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_behalf_self: Mapped[int] = mapped_column(Integer)
    on_behalf_relative_abroad: Mapped[int] = mapped_column(Integer)
    on_behalf_other: Mapped[int] = mapped_column(Integer)
    outcome_submitted: Mapped[int] = mapped_column(Integer)
    outcome_completed: Mapped[int] = mapped_column(Integer)
    outcome_failed: Mapped[int] = mapped_column(Integer)


class RollupRequestServiceMonth(Base):
    """Requests per month, raion and service type."""

    __tablename__ = "rollup_request_service_month"
    __table_args__ = (
        Index("ix_rollup_request_service_month_service", "service_type_code", "month_key"),
    )

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_behalf_self: Mapped[int] = mapped_column(Integer)
    on_behalf_relative_abroad: Mapped[int] = mapped_column(Integer)
    on_behalf_other: Mapped[int] = mapped_column(Integer)
    outcome_submitted: Mapped[int] = mapped_column(Integer)
    outcome_completed: Mapped[int] = mapped_column(Integer)
    outcome_failed: Mapped[int] = mapped_column(Integer)


class RollupRequestServiceDay(Base):
    """Requests per day, raion and service type: the partial months at a range's edges."""

    __tablename__ = "rollup_request_service_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    month_key: Mapped[int] = mapped_column(Integer, index=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_behalf_self: Mapped[int] = mapped_column(Integer)
    on_behalf_relative_abroad: Mapped[int] = mapped_column(Integer)
    on_behalf_other: Mapped[int] = mapped_column(Integer)
    outcome_submitted: Mapped[int] = mapped_column(Integer)
    outcome_completed: Mapped[int] = mapped_column(Integer)
    outcome_failed: Mapped[int] = mapped_column(Integer)


class RollupSessionRaionMonth(Base):
    """Sessions per month, raion, format and audience."""

    __tablename__ = "rollup_session_raion_month"

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    audience: Mapped[str] = mapped_column(String(30), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)


class RollupSessionServiceMonth(Base):
    """Sessions covering each service type, per month and raion. A session covering two types
    counts under each, so this answers "by service" and single-service filters exactly."""

    __tablename__ = "rollup_session_service_month"

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)


class RollupLibraryMonth(Base):
    """All activity per month and library (any service, tier or format): the map's markers,
    the directory and every library's last activity."""

    __tablename__ = "rollup_library_month"
    __table_args__ = (Index("ix_rollup_library_month_library", "library_id", "month_key"),)

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    library_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5))
    library_kind: Mapped[str] = mapped_column(String(10))
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)
    requests: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[dt.date] = mapped_column(Date)  # of either fact
    # each fact's own (none in a month without it): a request's latest day under a session
    # format filter, which leaves the sessions of the other format out
    last_session_day: Mapped[dt.date | None] = mapped_column(Date)
    last_request_day: Mapped[dt.date | None] = mapped_column(Date)


class RollupSessionMaskMonth(Base):
    """Sessions per month, service set (mask) and format, over all raions: "sessions covering
    any of these services" nationally without double counting."""

    __tablename__ = "rollup_session_mask_month"

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_mask: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)


class RollupRequestTierMonth(Base):
    """Requests per month, raion, library kind and ambassador tier (kind/tier filters)."""

    __tablename__ = "rollup_request_tier_month"

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_behalf_self: Mapped[int] = mapped_column(Integer)
    on_behalf_relative_abroad: Mapped[int] = mapped_column(Integer)
    on_behalf_other: Mapped[int] = mapped_column(Integer)
    outcome_submitted: Mapped[int] = mapped_column(Integer)
    outcome_completed: Mapped[int] = mapped_column(Integer)
    outcome_failed: Mapped[int] = mapped_column(Integer)


class RollupSessionTierMonth(Base):
    """Sessions per month, raion, library kind, ambassador tier, format and audience."""

    __tablename__ = "rollup_session_tier_month"

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    audience: Mapped[str] = mapped_column(String(30), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)


class RollupSessionServiceTierMonth(Base):
    """Sessions covering each service type by month, raion, library kind, tier and format
    (the per-service breakdown under a kind or tier filter)."""

    __tablename__ = "rollup_session_service_tier_month"

    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    format: Mapped[str] = mapped_column(String(10), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)

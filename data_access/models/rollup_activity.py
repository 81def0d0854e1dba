"""Who was active on which service, and requests per day by kind and tier.

:class:`RollupAmbassadorServiceMonth` answers "active ambassadors" under service and format
filters with one range scan, where the facts would need a union of two large scans. (The
quarterly and yearly twins of every monthly rollup are in :mod:`.rollup_twins`.)
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base

ACTIVITIES = ("request", "in_person", "online")  # a request, or a session of that format
ANY_SERVICE = "*"  # rows of all activity, whatever its service types (or none)


class RollupAmbassadorServiceMonth(Base):
    """Per month, service type, ambassador, kind of activity (``'request'`` or the session's
    format) and place: how many, and the first and last day (for partial edge months).

    A session covering two service types counts under each; every activity counts once more
    under :data:`ANY_SERVICE` (what a format filter alone reads: far fewer rows than all the
    services, and sessions recorded without a service type count too). Requests without a
    recorded ambassador are left out (nobody to count as active).
    """

    __tablename__ = "rollup_ambassador_service_month"
    # Clustered on the key (SQLite): a (service, months) range scan reads the rows themselves.
    __table_args__ = ({"sqlite_with_rowid": False},)

    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    ambassador_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity: Mapped[str] = mapped_column(String(10), primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    # follows from the ambassador; in the key so that every filter is read from the key alone
    # (PostgreSQL: an index-only scan)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    activities: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)


class RollupRequestTierDay(Base):
    """Requests per day, raion, library kind and ambassador tier: the partial edge months
    under a kind or tier filter (which the service day rollup cannot apply)."""

    __tablename__ = "rollup_request_tier_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    month_key: Mapped[int] = mapped_column(Integer, index=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_behalf_self: Mapped[int] = mapped_column(Integer)
    on_behalf_relative_abroad: Mapped[int] = mapped_column(Integer)
    on_behalf_other: Mapped[int] = mapped_column(Integer)
    outcome_submitted: Mapped[int] = mapped_column(Integer)
    outcome_completed: Mapped[int] = mapped_column(Integer)
    outcome_failed: Mapped[int] = mapped_column(Integer)

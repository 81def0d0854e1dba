"""How each rollup table is computed: one INSERT ... SELECT per table and month range.

Fine tables are computed from the facts; coarser ones from the finest table that has their
dimensions (reading 240k rollup rows instead of 5M facts). Order matters: :data:`MONTHLY_ORDER`
(the whole order, with the yearly twins: :mod:`data_access.rollup_order`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Select,
    Table,
    case,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)

from data_access.models import (
    Ambassador,
    InfoSession,
    InfoSessionServiceType,
    Library,
    RollupAmbassadorMonth,
    RollupLibraryMonth,
    RollupRequestLibraryMonth,
    RollupRequestMonth,
    RollupRequestRaionMonth,
    RollupRequestServiceDay,
    RollupRequestServiceMonth,
    RollupRequestTierMonth,
    RollupSessionLibraryMonth,
    RollupSessionMaskMonth,
    RollupSessionMonth,
    RollupSessionRaionMonth,
    RollupSessionServiceMonth,
    RollupSessionServiceTierMonth,
    RollupSessionTierMonth,
    ServiceRequest,
    ServiceType,
)
from data_access.models.base import NO_TIER, table_of

Months = Collection[int] | None  # None = every month
BREAKDOWN = (
    "on_behalf_self", "on_behalf_relative_abroad", "on_behalf_other",
    "outcome_submitted", "outcome_completed", "outcome_failed",
)  # fmt: skip


def in_months(column: Any, months: Months) -> Any:
    return literal(True) if months is None else column.in_(sorted(months))


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def request_facts(months: Months) -> Any:
    r, lib, amb = ServiceRequest, Library, Ambassador
    return (
        select(
            r.month_key, r.requested_on.label("day"), r.raion_code, r.service_type_code,
            r.library_id, r.on_behalf_of, r.outcome, lib.kind.label("library_kind"),
            func.coalesce(amb.tier, NO_TIER).label("ambassador_tier"),
        )
        .join(lib, lib.id == r.library_id)
        .outerjoin(amb, amb.id == r.ambassador_id)
        .where(in_months(r.month_key, months))
        .subquery()
    )  # fmt: skip


def service_mask_of_session(session_id_column: Any) -> Any:
    """OR of the mask bits of a session's services (a sum of distinct powers of two)."""
    x, st = InfoSessionServiceType, ServiceType
    bit = cast(literal(1), BigInteger).op("<<")(st.mask_bit)
    return (
        select(func.coalesce(func.sum(bit), 0))
        .select_from(x)
        .join(st, st.code == x.service_type_code)
        .where(x.session_id == session_id_column)
        .scalar_subquery()
    )


def _session_facts(months: Months) -> Any:
    s, lib, amb = InfoSession, Library, Ambassador
    return (
        select(
            s.month_key, s.held_on.label("day"), s.raion_code, s.library_id, s.format,
            s.audience, s.participants, lib.kind.label("library_kind"),
            amb.tier.label("ambassador_tier"), service_mask_of_session(s.id).label("service_mask"),
        )
        .join(lib, lib.id == s.library_id)
        .join(amb, amb.id == s.ambassador_id)
        .where(in_months(s.month_key, months))
        .subquery()
    )  # fmt: skip


def from_request_facts(src: Any) -> list[Any]:
    """requests + the on-behalf/outcome breakdown, counted from fact rows."""
    return [
        func.count(),
        *(_count_if(src.c.on_behalf_of == v) for v in ("self", "relative_abroad", "other")),
        *(_count_if(src.c.outcome == v) for v in ("submitted", "completed", "failed")),
    ]


def _summed(src: Any, names: tuple[str, ...]) -> list[Any]:
    return [func.sum(src.c[n]) for n in names]


def grouped(src: Any, dims: list[str], measures: list[Any]) -> Select[Any]:
    columns = [src.c[d] for d in dims]
    return select(*columns, *measures).group_by(*columns)


def _requests_fine(months: Months) -> Select[Any]:
    src = request_facts(months)
    dims = ["month_key", "raion_code", "service_type_code", "library_kind", "ambassador_tier"]
    return grouped(src, dims, from_request_facts(src))


def _requests_coarse(dims: list[str]) -> Callable[[Months], Select[Any]]:
    def build(months: Months) -> Select[Any]:
        src = (
            select(table_of(RollupRequestMonth))
            .where(in_months(RollupRequestMonth.month_key, months))
            .subquery()
        )
        return grouped(src, dims, _summed(src, ("requests", *BREAKDOWN)))

    return build


def _requests_day(months: Months) -> Select[Any]:
    src = request_facts(months)
    return grouped(src, ["day", "raion_code", "service_type_code", "month_key"],
                    from_request_facts(src))  # fmt: skip


def _requests_library(months: Months) -> Select[Any]:
    src = request_facts(months)
    dims = ["month_key", "library_id", "service_type_code", "ambassador_tier", "raion_code",
            "library_kind"]  # fmt: skip
    return grouped(src, dims, [func.count(), func.max(src.c.day)])


def _sessions_fine(months: Months) -> Select[Any]:
    src = _session_facts(months)
    dims = ["month_key", "raion_code", "library_kind", "ambassador_tier", "format", "audience",
            "service_mask"]  # fmt: skip
    return grouped(src, dims, [func.count(), func.sum(src.c.participants)])


def _sessions_coarse(dims: list[str]) -> Callable[[Months], Select[Any]]:
    def build(months: Months) -> Select[Any]:
        src = (
            select(table_of(RollupSessionMonth))
            .where(in_months(RollupSessionMonth.month_key, months))
            .subquery()
        )
        return grouped(src, dims, _summed(src, ("sessions", "participants")))

    return build


def _sessions_library(months: Months) -> Select[Any]:
    src = _session_facts(months)
    dims = ["month_key", "library_id", "ambassador_tier", "format", "service_mask", "raion_code",
            "library_kind"]  # fmt: skip
    measures = [func.count(), func.sum(src.c.participants), func.max(src.c.day)]
    return grouped(src, dims, measures)


def _sessions_by_service_fine(months: Months) -> Select[Any]:
    s, x, lib, amb = InfoSession, InfoSessionServiceType, Library, Ambassador
    src = (
        select(s.month_key, s.raion_code, x.service_type_code, lib.kind.label("library_kind"),
               amb.tier.label("ambassador_tier"), s.format, s.participants)
        .join(x, x.session_id == s.id)
        .join(lib, lib.id == s.library_id)
        .join(amb, amb.id == s.ambassador_id)
        .where(in_months(s.month_key, months))
        .subquery()
    )  # fmt: skip
    dims = ["month_key", "raion_code", "service_type_code", "library_kind", "ambassador_tier",
            "format"]  # fmt: skip
    return grouped(src, dims, [func.count(), func.sum(src.c.participants)])


def _sessions_by_service(months: Months) -> Select[Any]:
    m = RollupSessionServiceTierMonth
    src = select(table_of(m)).where(in_months(m.month_key, months)).subquery()
    dims = ["month_key", "raion_code", "service_type_code", "format"]
    return grouped(src, dims, _summed(src, ("sessions", "participants")))


def _libraries(months: Months) -> Select[Any]:
    """Both facts per library, from the two library rollups."""
    s, r = RollupSessionLibraryMonth, RollupRequestLibraryMonth
    no_day = cast(null(), Date)
    parts = union_all(
        select(s.month_key, s.library_id, s.raion_code, s.library_kind, s.sessions,
               s.participants, literal(0).label("requests"), s.last_day,
               s.last_day.label("last_session_day"), no_day.label("last_request_day"))
        .where(in_months(s.month_key, months)),
        select(r.month_key, r.library_id, r.raion_code, r.library_kind, literal(0), literal(0),
               r.requests, r.last_day, no_day, r.last_day)
        .where(in_months(r.month_key, months)),
    ).subquery()  # fmt: skip
    dims = ["month_key", "library_id", "raion_code", "library_kind"]
    days = [func.max(parts.c[d]) for d in ("last_day", "last_session_day", "last_request_day")]
    return grouped(parts, dims, [*_summed(parts, ("sessions", "participants", "requests")),
                                  *days])  # fmt: skip


def _ambassadors(months: Months) -> Select[Any]:
    s, r = InfoSession, ServiceRequest
    no_day = cast(null(), Date)
    sessions_part = select(
        s.month_key, s.ambassador_id, s.library_id, s.raion_code,
        func.count().label("sessions"), func.sum(s.participants).label("participants"),
        literal(0).label("requests"), func.max(s.held_on).label("last_session_day"),
        no_day.label("last_request_day"), func.min(s.held_on).label("first_day"),
    ).where(in_months(s.month_key, months)).group_by(
        s.month_key, s.ambassador_id, s.library_id, s.raion_code
    )  # fmt: skip
    requests_part = select(
        r.month_key, r.ambassador_id, r.library_id, r.raion_code,
        literal(0), literal(0), func.count(), no_day, func.max(r.requested_on),
        func.min(r.requested_on),
    ).where(in_months(r.month_key, months), r.ambassador_id.is_not(None)).group_by(
        r.month_key, r.ambassador_id, r.library_id, r.raion_code
    )  # fmt: skip
    u = union_all(sessions_part, requests_part).subquery()
    lib, amb = Library, Ambassador
    dims = [u.c.month_key, u.c.ambassador_id, u.c.library_id, u.c.raion_code, lib.kind, amb.tier]
    return (
        select(*dims, *_summed(u, ("sessions", "participants", "requests")),
               func.max(u.c.last_session_day), func.max(u.c.last_request_day),
               func.min(u.c.first_day))
        .join(lib, lib.id == u.c.library_id)
        .join(amb, amb.id == u.c.ambassador_id)
        .group_by(*dims)
    )  # fmt: skip


Builder = Callable[[Months], Select[Any]]
# (table, which facts' months it depends on, builder) — finer tables first.
MONTHLY_ORDER: tuple[tuple[Table, frozenset[str], Builder], ...] = (
    (table_of(RollupRequestMonth), frozenset({"requests"}), _requests_fine),
    (table_of(RollupRequestRaionMonth), frozenset({"requests"}),
     _requests_coarse(["month_key", "raion_code"])),
    (table_of(RollupRequestServiceMonth), frozenset({"requests"}),
     _requests_coarse(["month_key", "raion_code", "service_type_code"])),
    (table_of(RollupRequestTierMonth), frozenset({"requests"}),
     _requests_coarse(["month_key", "raion_code", "library_kind", "ambassador_tier"])),
    (table_of(RollupRequestServiceDay), frozenset({"requests"}), _requests_day),
    (table_of(RollupRequestLibraryMonth), frozenset({"requests"}), _requests_library),
    (table_of(RollupSessionMonth), frozenset({"sessions"}), _sessions_fine),
    (table_of(RollupSessionRaionMonth), frozenset({"sessions"}),
     _sessions_coarse(["month_key", "raion_code", "format", "audience"])),
    (table_of(RollupSessionTierMonth), frozenset({"sessions"}),
     _sessions_coarse(["month_key", "raion_code", "library_kind", "ambassador_tier", "format",
                       "audience"])),
    (table_of(RollupSessionMaskMonth), frozenset({"sessions"}),
     _sessions_coarse(["month_key", "service_mask", "format"])),
    (table_of(RollupSessionServiceTierMonth), frozenset({"sessions"}), _sessions_by_service_fine),
    (table_of(RollupSessionServiceMonth), frozenset({"sessions"}), _sessions_by_service),
    (table_of(RollupSessionLibraryMonth), frozenset({"sessions"}), _sessions_library),
    (table_of(RollupLibraryMonth), frozenset({"sessions", "requests"}), _libraries),
    (table_of(RollupAmbassadorMonth), frozenset({"sessions", "requests"}), _ambassadors),
)  # fmt: skip

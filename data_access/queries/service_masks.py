"""Each service type's bit in the session rollups' service masks (a session covering several
services is one row, its services as bits of one integer)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.models import ServiceType
from data_access.queries.versioned import stored


def service_bits(session: Session) -> dict[str, int]:
    """Each service type's bit: every aggregate needs it, so it is held per data version (a
    request's session no longer reads it: ~0.7 ms a callback on PostgreSQL) and per session
    (a bare session reads it once)."""
    if "service_bits" not in session.info:
        session.info["service_bits"] = stored(session, "service_bits", read_service_bits,
                                              release=False)  # fmt: skip
    return dict(session.info["service_bits"])


def read_service_bits(session: Session) -> dict[str, int]:
    rows = session.execute(select(ServiceType.code, ServiceType.mask_bit)).all()
    return {str(code): int(bit) for code, bit in rows}


def services_mask(services: tuple[str, ...], bits: dict[str, int]) -> int:
    """The service mask with the bit of each of ``services`` (unknown ones: none)."""
    return sum(1 << bits[s] for s in services if s in bits)

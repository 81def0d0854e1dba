"""The numbers of the overview's KPI cards: each metric now and in the previous equal period.

Split in two groups (activity; ambassadors and access points) so the page can ask for them in
parallel; the targets come from :mod:`data_access.queries.kpi_targets`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries import metrics
from data_access.queries.library_latest import dormant_last_days

Pair = tuple[int, int]  # (this period, the previous equal period)


def activity_pairs(session: Session, filters: Filters) -> dict[str, Pair]:
    now = metrics.activity_totals(session, filters)
    before = metrics.activity_totals(session, filters.previous_period())
    pairs = {
        name: (current, previous)
        for name, current, previous in zip(
            ("sessions", "participants", "requests"), now, before, strict=True
        )
    }
    pairs["citizens_served"] = (now[1] + now[2], before[1] + before[2])
    return pairs


def place_pairs(
    session: Session, filters: Filters, dormant_days: int
) -> tuple[dict[str, Pair], int]:
    """Active ambassadors and access points (now, before), and the dormant access points now."""
    previous = filters.previous_period()
    points = metrics.access_point_frame(session, filters)
    pairs = {
        "active_ambassadors": (
            metrics.active_ambassadors(session, filters),
            metrics.active_ambassadors(session, previous),
        ),
        "access_points": (len(points), len(metrics.access_point_frame(session, previous))),
    }
    # the same count as metrics.dormant_access_points, by one index seek per access point
    dormant = dormant_last_days(session, filters, points["library_id"], dormant_days)
    return pairs, len(dormant)


def current_kpis(session: Session, filters: Filters, dormant_days: int) -> metrics.Kpis:
    """This period's headline metrics alone (the presentation's tiles): the values of
    :func:`metrics.kpis`, its dormant access points counted as :func:`place_pairs` does."""
    sessions, participants, requests = metrics.activity_totals(session, filters)
    points = metrics.access_point_frame(session, filters)
    dormant = dormant_last_days(session, filters, points["library_id"], dormant_days)
    return metrics.Kpis(
        sessions=sessions,
        participants=participants,
        requests=requests,
        active_ambassadors=metrics.active_ambassadors(session, filters),
        access_points=len(points),
        dormant_access_points=len(dormant),
    )

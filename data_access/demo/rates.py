"""How busy each ambassador is: per-capita demand per raion, shared out over its access points.

A raion's activity is proportional to its census population times a raion factor; a few raions
are clearly underserved (factor ~0.2) and Chișinău, where people use e-services on their own, is
below the median. Within a raion, raion and municipal libraries are busier than village ones.
Rates are calibrated so that the expected totals match the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from data_access.demo.ambassadors import NEVER, Network
from data_access.demo.libraries import Libraries, raion_population
from data_access.demo.mix import BEHALF_BASE
from data_access.demo.spec import Plan
from data_access.demo.timeline import Timeline, expected_totals

LIBRARY_KIND_DEMAND = {"municipal": 3.0, "raion": 3.0, "town": 1.6, "village": 1.0}
UNIT_FACTOR = {"MD-CU": 0.6, "MD-BA": 0.85}
NOT_UNDERSERVED = frozenset({"MD-CU", "MD-BA", "MD-GA"})
UNDERSERVED = 3
NATIONAL_REQUESTS = 1.3
NATIONAL_SESSIONS = 4.0


@dataclass(frozen=True)
class Rates:
    """Per ambassador: expected requests / sessions per day = weight x timeline curve."""

    requests: np.ndarray
    sessions: np.ndarray
    first: np.ndarray  # first active day (the day after certification)
    last: np.ndarray  # last active day (before leaving or the library falling silent)
    abroad: np.ndarray  # per library: base share of requests for a relative abroad
    underserved: tuple[str, ...]


def _unit_factors(rng: np.random.Generator, units: list[str]) -> tuple[dict[str, float], list[str]]:
    factors = {u: float(np.clip(rng.lognormal(0.0, 0.15), 0.75, 1.3)) for u in units}
    factors.update({u: f for u, f in UNIT_FACTOR.items() if u in factors})
    candidates = [u for u in units if u not in NOT_UNDERSERVED]
    chosen = sorted(rng.choice(candidates, size=min(UNDERSERVED, len(candidates)), replace=False))
    for u in chosen:
        factors[str(u)] = float(rng.uniform(0.16, 0.26))
    return factors, [str(u) for u in chosen]


def compute_rates(
    rng: np.random.Generator, plan: Plan, tl: Timeline, libs: Libraries, net: Network
) -> Rates:
    units = libs.column("raion_code")
    kinds = libs.column("kind")
    population = raion_population()
    factors, underserved = _unit_factors(rng, sorted(population))

    accredited = net.accredited >= 0
    demand = np.array([LIBRARY_KIND_DEMAND[k] for k in kinds]) * rng.lognormal(0.0, 0.5, libs.n)
    demand = demand * accredited
    for unit in np.unique(units):
        in_unit = units == unit
        total = demand[in_unit].sum()
        if total > 0:
            demand[in_unit] *= population.get(str(unit), 0) * factors.get(str(unit), 1.0) / total

    per_library = np.bincount(net.library, minlength=libs.n).astype(float)
    share = demand[net.library] / np.maximum(per_library[net.library], 1.0)
    requests = share * rng.lognormal(0.0, 0.5, net.n) * np.where(net.national, NATIONAL_REQUESTS, 1)
    sessions = share * rng.lognormal(0.0, 0.5, net.n) * np.where(net.national, NATIONAL_SESSIONS, 1)

    until = tl.index(plan.until)
    first = net.certified + 1
    stop = np.minimum(net.left, net.dormant[net.library])
    last = np.where(stop == NEVER, until, np.minimum(stop - 1, until))

    calibrate_until = min(tl.index(plan.requests_until), until)
    expected = expected_totals(tl.request_curve, requests, first, last, calibrate_until)
    requests = requests * (plan.requests_expected / expected if expected > 0 else 0.0)
    expected = expected_totals(tl.session_curve, sessions, first, last, until)
    sessions = sessions * (plan.sessions_expected / expected if expected > 0 else 0.0)

    abroad = np.array([BEHALF_BASE[k] for k in kinds]) * rng.lognormal(0.0, 0.15, libs.n)
    return Rates(
        requests=requests,
        sessions=sessions,
        first=first,
        last=last,
        abroad=abroad,
        underserved=tuple(underserved),
    )

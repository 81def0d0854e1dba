"""Sessions and requests, generated month by month as numpy column chunks (never whole tables).

Each month: expected counts per (ambassador, day) = rate x calendar curve, drawn as Poisson, then
expanded to rows sorted by day. The 2016 pilot sessions and the cascade's training sessions are
merged in from precomputed arrays.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from data_access.demo import mix
from data_access.demo.ambassadors import Network
from data_access.demo.rates import Rates
from data_access.demo.spec import Plan
from data_access.demo.timeline import Timeline

NULL_AMBASSADOR_SHARE = 0.05  # assisted by library staff, no ambassador recorded
SERVICES_PER_SESSION = (0.42, 0.38, 0.2)  # 1, 2 or 3 service types
LIBRARIANS = mix.AUDIENCE_INDEX["librarians"]
SELF, ABROAD, OTHER = (
    list(mix.BEHALF_NAMES).index(v) for v in ("self", "relative_abroad", "other")
)
SUBMITTED, COMPLETED, FAILED = (
    list(mix.OUTCOME_NAMES).index(v) for v in ("submitted", "completed", "failed")
)


@dataclass(frozen=True)
class RequestChunk:
    first_id: int
    day: np.ndarray
    library: np.ndarray  # library index
    ambassador: np.ndarray  # ambassador index, -1 = none recorded
    service: np.ndarray  # index into mix.service_codes()
    behalf: np.ndarray  # index into ON_BEHALF_OF
    outcome: np.ndarray  # index into OUTCOMES


@dataclass(frozen=True)
class SessionChunk:
    first_id: int
    day: np.ndarray
    library: np.ndarray
    ambassador: np.ndarray
    online: np.ndarray  # bool
    audience: np.ndarray  # index into AUDIENCES
    participants: np.ndarray
    link_row: np.ndarray  # row of the session within the chunk, one per covered service type
    link_service: np.ndarray


@dataclass(frozen=True)
class _Special:
    """Sessions fixed in advance (pilot, trainings), sorted by day."""

    ambassador: np.ndarray
    day: np.ndarray
    online: np.ndarray
    audience: np.ndarray
    participants: np.ndarray

    def between(self, lo: int, hi: int) -> _Special:
        a, b = np.searchsorted(self.day, [lo, hi])
        return _Special(*(getattr(self, f)[a:b] for f in self.__dataclass_fields__))


def _cells(
    rng: np.random.Generator, weights: np.ndarray, curve: np.ndarray, rates: Rates, lo: int, hi: int
) -> tuple[np.ndarray, np.ndarray]:
    """(ambassador, day) of every row of days [lo, hi), sorted by day."""
    who = np.flatnonzero((rates.first < hi) & (rates.last >= lo) & (weights > 0))
    days = np.arange(lo, hi)
    lam = weights[who, None] * curve[None, lo:hi]
    lam *= (rates.first[who, None] <= days) & (rates.last[who, None] >= days)
    counts = rng.poisson(lam)
    rows, cols = np.nonzero(counts)
    repeat = counts[rows, cols]
    amb = np.repeat(who[rows], repeat)
    day = np.repeat(days[cols], repeat)
    order = np.argsort(day, kind="stable")
    return amb[order], day[order]


def _year_fraction(tl: Timeline, day: int) -> float:
    return float(tl.year[day] - 2016 + (tl.month[day] - 1) / 12)


def request_chunks(
    rng: np.random.Generator, plan: Plan, tl: Timeline, net: Network, rates: Rates
) -> Iterator[RequestChunk]:
    until = tl.index(plan.until)
    abroad, fail = mix.abroad_factor(), mix.fail_share()
    next_id = 1
    for lo, hi in zip(tl.month_starts[:-1], tl.month_starts[1:], strict=True):
        amb, day = _cells(rng, rates.requests, tl.request_curve, rates, int(lo), int(hi))
        n = len(amb)
        if n == 0:
            continue
        lib = net.library[amb]
        p = mix.request_mix(_year_fraction(tl, int(lo)), int(tl.month[lo]))
        service = rng.choice(len(p), size=n, p=p)
        p_abroad = np.clip(rates.abroad[lib] * abroad[service], 0.0, 0.85)
        u = rng.random(n)
        behalf = np.where(
            u < p_abroad, ABROAD, np.where(u < p_abroad + mix.BEHALF_OTHER, OTHER, SELF)
        )
        pending = mix.SUBMITTED + 0.45 * np.exp(-(until - day) / 7.0)  # recent ones still open
        u = rng.random(n)
        outcome = np.where(
            u < fail[service], FAILED, np.where(u < fail[service] + pending, SUBMITTED, COMPLETED)
        )
        amb = np.where(rng.random(n) < NULL_AMBASSADOR_SHARE, -1, amb)
        yield RequestChunk(next_id, day, lib, amb, service, behalf, outcome)
        next_id += n


def _participants(rng: np.random.Generator, online: np.ndarray) -> np.ndarray:
    n = len(online)
    in_person = 4 + rng.negative_binomial(3, 3 / (3 + 5.0), n)
    remote = 5 + rng.negative_binomial(2, 2 / (2 + 10.0), n)
    return np.where(online, np.minimum(remote, 60), np.minimum(in_person, 25))


def _audiences(rng: np.random.Generator, national: np.ndarray, month: int) -> np.ndarray:
    shares = np.array([mix.AUDIENCE_SHARES[True], mix.AUDIENCE_SHARES[False]])
    if month in (7, 8, 12):  # emigrants come home in summer and for the winter holidays
        shares[:, mix.AUDIENCE_INDEX["emigrant_families"]] *= 2.0
    cdf = np.cumsum(shares / shares.sum(axis=1, keepdims=True), axis=1)
    rows = cdf[np.where(national, 0, 1)]
    return np.minimum((rng.random(len(national))[:, None] > rows).sum(axis=1), len(cdf[0]) - 1)


def _services(
    rng: np.random.Generator, audience: np.ndarray, tl: Timeline, day: int
) -> tuple[np.ndarray, np.ndarray]:
    """1-3 distinct service types per session (Gumbel top-k on audience affinities)."""
    n = len(audience)
    weights = mix.session_affinity(int(tl.month[day]), _year_fraction(tl, day))[audience]
    keys = np.log(weights) + rng.gumbel(size=weights.shape)
    keys[audience == LIBRARIANS, mix.service_codes().index("mpass_msign")] = np.inf
    k = rng.choice(3, size=n, p=SERVICES_PER_SESSION) + 1
    k = np.where(audience == LIBRARIANS, np.maximum(k, 2), k)
    top = np.argsort(-keys, axis=1)[:, :3]
    take = np.arange(3)[None, :] < k[:, None]
    return np.repeat(np.arange(n), k), top[take]


def _pilot(rng: np.random.Generator, plan: Plan, tl: Timeline, net: Network) -> _Special:
    """60+ sessions with 550+ participants by the first 18 before their certification."""
    first_day = int(net.certified.min())
    pioneers = np.flatnonzero(net.national & (net.certified == first_day))
    n = int(rng.integers(62, 71))
    amb = np.r_[np.repeat(pioneers, 3), rng.choice(pioneers, n - 3 * len(pioneers))]
    workdays = [d for d in range(1, first_day + 1) if tl.day(d).weekday() < 5]
    day = rng.choice(workdays, size=n)
    participants = np.clip(4 + rng.negative_binomial(3, 3 / (3 + 5.2), n), 4, 25)
    goal = int(rng.integers(570, 631))
    while (total := int(participants.sum())) != goal:
        i = int(rng.integers(n))
        step = 1 if total < goal else -1
        if 4 <= participants[i] + step <= 25:
            participants[i] += step
    shares = np.asarray(mix.PILOT_AUDIENCES) / sum(mix.PILOT_AUDIENCES)
    audience = rng.choice(len(shares), size=n, p=shares)
    order = np.argsort(day, kind="stable")
    return _Special(amb[order], day[order], np.zeros(n, bool), audience[order], participants[order])


def _trainings(rng: np.random.Generator, tl: Timeline, net: Network, until: int) -> _Special:
    rows = net.trainings[net.trainings[:, 1] <= until]
    online = rng.random(len(rows)) < tl.online_share[rows[:, 1]]
    participants = np.clip(rows[:, 2] + rng.integers(2, 7, len(rows)), np.where(online, 5, 4), 25)
    order = np.argsort(rows[:, 1], kind="stable")
    audience = np.full(len(rows), LIBRARIANS)
    return _Special(rows[order, 0], rows[order, 1], online[order], audience, participants[order])


def _concat(a: _Special, b: _Special) -> _Special:
    merged = _Special(*(np.r_[getattr(a, f), getattr(b, f)] for f in a.__dataclass_fields__))
    order = np.argsort(merged.day, kind="stable")
    return _Special(*(getattr(merged, f)[order] for f in merged.__dataclass_fields__))


def session_chunks(
    rng: np.random.Generator, plan: Plan, tl: Timeline, net: Network, rates: Rates
) -> Iterator[SessionChunk]:
    until = tl.index(plan.until)
    special = _trainings(rng, tl, net, until)
    if plan.pilot_sessions:
        special = _concat(_pilot(rng, plan, tl, net), special)
    next_id = 1
    for lo, hi in zip(tl.month_starts[:-1], tl.month_starts[1:], strict=True):
        amb, day = _cells(rng, rates.sessions, tl.session_curve, rates, int(lo), int(hi))
        online = rng.random(len(amb)) < tl.online_share[day]
        regular = _Special(
            amb, day, online, _audiences(rng, net.national[amb], int(tl.month[lo])),
            _participants(rng, online),
        )  # fmt: skip
        batch = _concat(regular, special.between(int(lo), int(hi)))
        n = len(batch.day)
        if n == 0:
            continue
        link_row, link_service = _services(rng, batch.audience, tl, int(lo))
        yield SessionChunk(
            next_id, batch.day, net.library[batch.ambassador], batch.ambassador, batch.online,
            batch.audience, batch.participants, link_row, link_service,
        )  # fmt: skip
        next_id += n

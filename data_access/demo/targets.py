"""Yearly targets, set the way a program sets them: last year's actual plus 10-20%.

National targets for every metric, raion targets for requests and sessions (blending the raion's
own history with its share of the population, so underserved raions are clearly behind).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from data_access.demo.libraries import raion_population
from data_access.models.base import TARGET_METRICS

NATIONAL_METRICS = TARGET_METRICS  # sessions, participants, requests, citizens served, ...
RAION_METRICS = ("requests", "sessions")


@dataclass
class Actuals:
    """Yearly actuals gathered while the facts stream by (years x units)."""

    years: list[int]
    units: list[str]
    ambassadors: int
    requests: np.ndarray = field(init=False)
    sessions: np.ndarray = field(init=False)
    participants: np.ndarray = field(init=False)
    active: np.ndarray = field(init=False)  # years x ambassadors (bool)
    access_points: np.ndarray = field(init=False)  # per year, at year end

    def __post_init__(self) -> None:
        shape = (len(self.years), len(self.units))
        self.requests = np.zeros(shape, dtype=np.int64)
        self.sessions = np.zeros(shape, dtype=np.int64)
        self.participants = np.zeros(shape, dtype=np.int64)
        self.active = np.zeros((len(self.years), self.ambassadors), dtype=bool)
        self.access_points = np.zeros(len(self.years), dtype=np.int64)

    def add(self, table: np.ndarray, year: np.ndarray, unit: np.ndarray, values: Any = 1) -> None:
        np.add.at(table, (year - self.years[0], unit), values)

    def national(self, metric: str, y: int) -> float:
        i = y - self.years[0]
        values = {
            "sessions": self.sessions[i].sum(),
            "participants": self.participants[i].sum(),
            "requests": self.requests[i].sum(),
            "citizens_served": self.participants[i].sum() + self.requests[i].sum(),
            "active_ambassadors": self.active[i].sum(),
            "access_points": self.access_points[i],
        }
        return float(values[metric])


def _nice(value: float) -> float:
    return float(round(value, -1) if value >= 1000 else round(value))


def _national_target(
    rng: np.random.Generator, a: Actuals, metric: str, year: int, ramp: bool
) -> float:
    if ramp:  # the first full year: planned from the program's own projection
        return _nice(a.national(metric, year) * rng.uniform(0.92, 1.08))
    previous = a.national(metric, year - 1)
    if metric in ("access_points", "active_ambassadors"):
        return _nice(previous * rng.uniform(1.02, 1.08))
    return _nice(previous * rng.uniform(1.10, 1.20))


def build_targets(
    rng: np.random.Generator, a: Actuals, start: dt.date, until: dt.date
) -> list[dict[str, object]]:
    population = raion_population()
    total_pop = sum(population.get(u, 0) for u in a.units)
    first_year = start.year + (1 if (start.month, start.day) != (1, 1) else 0)
    rows: list[dict[str, object]] = []
    for year in range(max(first_year, 2017), until.year + 1):
        ramp = year == first_year
        period = {"period_start": dt.date(year, 1, 1), "period_end": dt.date(year, 12, 31)}
        national: dict[str, float] = {}
        for metric in NATIONAL_METRICS:
            national[metric] = _national_target(rng, a, metric, year, ramp)
            rows.append({"metric": metric, "scope_kind": "national", "scope_value": None,
                         "value": national[metric], **period})  # fmt: skip
        i = year - a.years[0]
        for metric in RAION_METRICS:
            table = a.requests if metric == "requests" else a.sessions
            for u, unit in enumerate(a.units):
                if unit not in population:
                    continue
                own = table[i if ramp else i - 1, u] * (
                    rng.uniform(0.92, 1.08) if ramp else rng.uniform(1.08, 1.22)
                )
                fair = national[metric] * population[unit] / total_pop
                rows.append({"metric": metric, "scope_kind": "raion", "scope_value": unit,
                             "value": _nice(0.7 * own + 0.3 * fair), **period})  # fmt: skip
    for n, row in enumerate(rows, start=1):
        row["id"] = n
    return rows

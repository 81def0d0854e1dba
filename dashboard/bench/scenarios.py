"""Realistic random filter combinations, as managers and coordinators click them."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dashboard.filters import Vocabulary
from dashboard.periods import PROGRAM_START, Period, add_months, month_end


@dataclass(frozen=True)
class Scenario:
    name: str
    search: str  # the URL query string (what the browser sends)

    @property
    def filtered(self) -> bool:
        """Whether any dimension besides the dates is restricted."""
        return any(
            f"{key}=" in self.search for key in ("raion", "serviciu", "tip", "nivel", "format")
        )


def _dates(rng: random.Random, today: dt.date) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"perioada={rng.choice(list(Period)).value}"
    first_month = add_months(PROGRAM_START, rng.randrange(0, (today.year - 2016) * 12))
    months = rng.choice([1, 3, 6, 12, 12, 24, 36])
    start, end = first_month, month_end(add_months(first_month, months - 1))
    if roll > 0.8:  # a day-precise range: partial months at both edges
        start += dt.timedelta(days=rng.randrange(0, 27))
        end -= dt.timedelta(days=rng.randrange(0, 27))
    end = min(end, today)
    if start > end:
        start = end - dt.timedelta(days=30)
    return f"de={start.isoformat()}&pana={end.isoformat()}"


def random_scenarios(
    vocab: Vocabulary, today: dt.date, count: int, seed: int = 7
) -> list[Scenario]:
    """The default view first, then ``count`` random combinations (deterministic per seed)."""
    rng = random.Random(seed)
    raions, services = sorted(vocab.raions - {"MD-BD", "MD-SN"}), sorted(vocab.services)
    scenarios = [Scenario("default", "")]
    for i in range(count):
        parts = [_dates(rng, today)]
        roll = rng.random()
        if roll < 0.35:
            parts.append("raion=" + rng.choice(raions))
        elif roll < 0.5:
            parts.append("raion=" + ",".join(sorted(rng.sample(raions, rng.randint(2, 5)))))
        if rng.random() < 0.3:
            parts.append("serviciu=" + ",".join(sorted(rng.sample(services, rng.randint(1, 3)))))
        if rng.random() < 0.1:
            parts.append("tip=" + rng.choice(["municipal", "raion", "town", "village"]))
        if rng.random() < 0.1:
            parts.append("nivel=" + rng.choice(["national", "local"]))
        if rng.random() < 0.1:
            parts.append("format=" + rng.choice(["in_person", "online"]))
        scenarios.append(Scenario(f"random-{i + 1}", "?" + "&".join(parts)))
    return scenarios

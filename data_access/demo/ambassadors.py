"""The cascade: national eAmbassadors certified in cohorts train local librarians near them.

A library becomes an access point (``accredited_on``) when its first ambassador is certified.
Some ambassadors leave, some access points fall silent (``dormant``), and after the first wave a
slower trickle of new locals opens late access points and replaces those who left.
All days are indexes into the plan's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from data_access.demo.libraries import Libraries
from data_access.demo.names import person_names
from data_access.demo.spec import Plan
from data_access.demo.timeline import Timeline

NEVER = np.iinfo(np.int32).max  # "no day": never left / never dormant
KIND_WEIGHT = {"municipal": 4.0, "raion": 3.0, "town": 1.5, "village": 0.4}
LEAVE_SHARE_LOCAL = 0.12
NATIONALS_LEAVING = 3
DORMANT_SHARE = 0.07


@dataclass(frozen=True)
class Network:
    """Ambassadors sorted by certification (ids are ``index + 1``) and library status arrays."""

    library: np.ndarray  # library index per ambassador
    national: np.ndarray  # bool
    trainer: np.ndarray  # ambassador index of the trainer, -1 for nationals
    certified: np.ndarray  # day index
    left: np.ndarray  # day index, NEVER when still active
    names: list[str]
    accredited: np.ndarray  # per library: day index, -1 when never accredited
    dormant: np.ndarray  # per library: first silent day, NEVER when active
    trainings: np.ndarray  # rows of (trainer ambassador index, day index, trainees)

    @property
    def n(self) -> int:
        return len(self.library)


class _Builder:
    def __init__(self, rng: np.random.Generator, plan: Plan, tl: Timeline, libs: Libraries):
        self.rng, self.plan, self.tl, self.libs = rng, plan, tl, libs
        self.units = libs.column("raion_code")
        self.kinds = libs.column("kind")
        self.center = libs.column("is_center").astype(bool)
        lat, lon = libs.column("lat"), libs.column("lon")
        self.xy = np.c_[lat * 111.2, lon * 111.2 * np.cos(np.radians(47.0))]
        self.until = tl.index(plan.until)
        self.milestone = min(tl.index(plan.milestone), self.until)
        self.eligible = self.center | (rng.random(libs.n) > 0.06)
        self.late = self.eligible & ~self.center & (rng.random(libs.n) < 0.05)
        self.lib: list[int] = []
        self.national: list[bool] = []
        self.trainer: list[int] = []
        self.cert: list[int] = []
        self.left: list[int] = []
        self.trainings: list[tuple[int, int]] = []  # (trainer, day) per trainee
        self.dormant = np.full(libs.n, NEVER, dtype=np.int64)

    # -- nationals -------------------------------------------------------------------------
    def _add(self, lib: int, national: bool, trainer: int, day: int) -> int:
        self.lib.append(lib)
        self.national.append(national)
        self.trainer.append(trainer)
        self.cert.append(day)
        self.left.append(NEVER)
        return len(self.lib) - 1

    def _first_cohort(self, n: int) -> list[int]:
        """The 18 of June 2016: municipal, raion and village libraries in distinct units."""
        free = self.eligible & ~self.late
        municipal = [int(i) for i in np.flatnonzero(self.center & (self.kinds == "municipal"))]
        raion_libs = np.flatnonzero(self.center & (self.kinds == "raion"))
        n_raion = max(1, round(n / 3))
        raion = [int(i) for i in self.rng.choice(raion_libs, size=n_raion, replace=False)]
        used = {self.units[i] for i in municipal + raion}
        villages = list(np.flatnonzero(free & (self.kinds == "village")))
        self.rng.shuffle(villages)
        picks = municipal + raion
        for i in villages:
            if len(picks) >= n:
                break
            if self.units[i] not in used:
                used.add(self.units[i])
                picks.append(int(i))
        return picks[:n]

    def _cohort(self, n: int) -> list[int]:
        """``n`` more nationals, each in a unit with the fewest nationals so far."""
        picks: list[int] = []
        open_to = self.eligible & ~self.late
        for _ in range(n):
            taken = np.zeros(self.libs.n, dtype=bool)
            taken[self.lib + picks] = True
            per_unit = {u: int(np.sum(taken & (self.units == u))) for u in np.unique(self.units)}
            tiebreak = self.rng.permutation(len(per_unit))
            for _, _, unit in sorted(zip(per_unit.values(), tiebreak, per_unit, strict=True)):
                pool = np.flatnonzero((self.units == unit) & open_to & ~taken)
                if len(pool):
                    w = np.array([KIND_WEIGHT[k] for k in self.kinds[pool]])
                    picks.append(int(self.rng.choice(pool, p=w / w.sum())))
                    break
        return picks

    def place_nationals(self) -> None:
        for k, (day, n) in enumerate(self.plan.national_cohorts):
            picks = self._first_cohort(n) if k == 0 else self._cohort(n)
            for lib in picks:
                self._add(lib, True, -1, self.tl.index(day))

    # -- locals ----------------------------------------------------------------------------
    def _training_days(self, first: int, last: int) -> list[int]:
        days, day = [], first
        while day <= last:
            d = self.tl.day(day)
            if (d.month == 7 and d.day >= 10) or (d.month == 8 and d.day <= 25):
                day += 21
                continue
            if (d.month == 12 and d.day >= 20) or (d.month == 1 and d.day <= 15):
                day += 14
                continue
            day += (1 - d.weekday()) % 7  # the next Tuesday
            if day <= last:
                days.append(day + int(self.rng.integers(0, 3)))
            day += int(self.rng.integers(20, 46))
        return [d for d in days if d <= last]

    def _nearest(self, lib: int, candidates: list[int], k: int) -> list[int]:
        d = np.hypot(*(self.xy[[self.lib[c] for c in candidates]] - self.xy[lib]).T)
        return [candidates[i] for i in np.argsort(d, kind="stable")[:k]]

    def first_wave(self) -> None:
        trainers = [
            a
            for a in range(len(self.lib))
            if self.cert[a] <= self.milestone - 45 and self.national[a]
        ]
        if not trainers or self.plan.locals_by_milestone <= 0:
            return
        days = {t: self._training_days(self.cert[t] + 21, self.milestone) for t in trainers}
        trainers = [t for t in trainers if days[t]]
        has_national = np.zeros(self.libs.n, dtype=bool)
        has_national[self.lib] = True
        first = np.flatnonzero(self.eligible & ~self.late & ~has_national)
        total = self.plan.locals_by_milestone
        if total < len(first):  # tiny sizes: raion centres first
            order = np.r_[
                first[self.center[first]], self.rng.permutation(first[~self.center[first]])
            ]
            targets = list(order[:total])
        else:
            pool = np.flatnonzero(self.eligible & ~self.late)
            w = np.array([KIND_WEIGHT[k] for k in self.kinds[pool]])
            extra = self.rng.choice(pool, size=total - len(first), p=w / w.sum())
            targets = list(first) + list(extra)
        for lib in targets:
            near = self._nearest(int(lib), trainers, 3)
            w = (
                np.array([np.sqrt(len(days[t])) for t in near])
                * np.array([1.0, 0.6, 0.35])[: len(near)]
            )
            t = near[int(self.rng.choice(len(near), p=w / w.sum()))]
            day = days[t][int(self.rng.integers(len(days[t])))]
            self._add(int(lib), False, t, day)
            self.trainings.append((t, day))

    def leave(self, members: range) -> None:
        for a in members:
            if self.national[a]:
                continue
            lo, hi = self.cert[a] + 180, self.until - 10
            if lo < hi and self.rng.random() < LEAVE_SHARE_LOCAL:
                self.left[a] = int(self.rng.integers(lo, hi))

    def nationals_leave(self) -> None:
        nationals = [a for a in range(len(self.lib)) if self.national[a]]
        for a in self.rng.permutation(nationals)[:NATIONALS_LEAVING]:
            lo = max(self.cert[a] + 365, self.milestone + 1)
            if lo < self.until - 30:
                self.left[a] = int(self.rng.integers(lo, self.until - 30))

    def choose_dormant(self) -> None:
        accredited = self._accredited()
        with_national = set(np.array(self.lib)[np.array(self.national, dtype=bool)].tolist())
        pool = [
            i
            for i in np.flatnonzero((accredited >= 0) & (accredited < self.until - 400))
            if not self.center[i] and i not in with_national
        ]
        n = round(DORMANT_SHARE * int(np.sum(accredited >= 0)))
        for i in self.rng.permutation(pool)[:n]:
            lo = max(int(accredited[i]) + 180, self.until - 800)
            self.dormant[i] = int(self.rng.integers(lo, self.until - 75))

    def _accredited(self) -> np.ndarray:
        acc = np.full(self.libs.n, -1, dtype=np.int64)
        for lib, day in zip(self.lib, self.cert, strict=True):
            if acc[lib] < 0 or day < acc[lib]:
                acc[lib] = day
        return acc

    def second_wave(self) -> None:
        years = max(0.0, (self.until - 7 - self.milestone) / 365.25)
        n = round(self.plan.locals_per_year_after * years)
        if n <= 0:
            return
        raw = np.sort(self.rng.integers(self.milestone + 1, self.until - 6, size=n))
        late = [int(i) for i in self.rng.permutation(np.flatnonzero(self.late))]
        weights = np.array([KIND_WEIGHT[k] for k in self.kinds]) * self.eligible
        nationals = np.flatnonzero(np.array(self.national, dtype=bool))
        acc = self._accredited()
        for day in (int(d) for d in raw):
            weekday = self.tl.day(day).weekday()
            day += 7 - weekday if weekday >= 5 else 0  # trainings happen on weekdays
            lib = self._second_wave_library(day, acc, late, weights)
            cert = np.array(self.cert)[nationals]
            left = np.array(self.left)[nationals]
            active = [int(a) for a in nationals[(cert + 21 <= day) & (day < left)]]
            if not active:
                continue
            near = self._nearest(lib, active, 2)
            t = near[int(self.rng.integers(len(near)))]
            a = self._add(lib, False, t, day)
            self.trainings.append((t, day))
            self.leave(range(a, a + 1))
            if acc[lib] < 0:
                acc[lib] = day

    def _second_wave_library(
        self, day: int, acc: np.ndarray, late: list[int], weights: np.ndarray
    ) -> int:
        """A late access point (40%), a replacement where everyone left (35%), or any other."""
        silent = self.dormant <= day
        r = self.rng.random()
        if r < 0.4 and late:
            return late.pop()
        if r < 0.75:
            end = np.full(self.libs.n, -1, dtype=np.int64)
            np.maximum.at(end, np.array(self.lib), np.array(self.left))
            orphan = np.flatnonzero((acc >= 0) & (end < day) & ~silent)
            if len(orphan):
                return int(self.rng.choice(orphan))
        w = weights * (acc >= 0) * ~silent
        return int(self.rng.choice(self.libs.n, p=w / w.sum()))

    def build(self) -> Network:
        order = sorted(
            range(len(self.lib)), key=lambda a: (self.cert[a], not self.national[a], self.lib[a])
        )
        new = {old: i for i, old in enumerate(order)}
        library = np.array([self.lib[a] for a in order], dtype=np.int64)
        trainer = np.array([new[self.trainer[a]] if self.trainer[a] >= 0 else -1 for a in order])
        pairs: dict[tuple[int, int], int] = {}
        for t, day in self.trainings:
            pairs[(new[t], day)] = pairs.get((new[t], day), 0) + 1
        trainings = np.array([(t, d, c) for (t, d), c in sorted(pairs.items())], dtype=np.int64)
        return Network(
            library=library,
            national=np.array([self.national[a] for a in order], dtype=bool),
            trainer=trainer.astype(np.int64),
            certified=np.array([self.cert[a] for a in order], dtype=np.int64),
            left=np.array([self.left[a] for a in order], dtype=np.int64),
            names=person_names(self.rng, [str(self.units[i]) for i in library]),
            accredited=self._accredited(),
            dormant=self.dormant,
            trainings=trainings.reshape(-1, 3),
        )


def build_network(rng: np.random.Generator, plan: Plan, tl: Timeline, libs: Libraries) -> Network:
    b = _Builder(rng, plan, tl, libs)
    b.place_nationals()
    b.first_wave()
    b.leave(range(len(b.lib)))
    b.nationals_leave()
    b.choose_dormant()
    b.second_wave()
    return b.build()

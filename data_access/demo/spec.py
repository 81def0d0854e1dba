"""What a demo data set should look like: the scale's plan, its sizes and the result summary.

The ``demo`` scale replays the program's real history (DESIGN.md 3) on fixed calendar dates; the
``national`` scale has the size of the whole country over ten years ending at ``until``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

D = dt.date

FIRST_WORKSHOP = D(2016, 3, 25)  # 18 librarian-trainers start; nothing happened before
FIRST_CERTIFICATION = D(2016, 6, 13)  # the 18 are certified as eAmbasadori
MILESTONE = D(2018, 6, 30)  # 43 national, ~1,220 local ambassadors, ~14,000 citizens assisted
SCALES = ("demo", "national")


class DemoDataError(RuntimeError):
    """The demo data cannot be generated (e.g. the database already holds program data)."""


@dataclass(frozen=True)
class NationalSize:
    """Sizes of the ``national`` scale; tests pass a tiny one."""

    requests: int = 5_000_000
    sessions: int = 200_000
    ambassadors: int = 3_000
    libraries: int = 1_400
    years: int = 10


@dataclass(frozen=True)
class Plan:
    """Everything the generators need to know about the scale, resolved against ``until``."""

    scale: str
    start: dt.date  # first day with facts (the pilot sessions start the day after)
    until: dt.date  # last day with facts
    libraries: int
    national_cohorts: tuple[tuple[dt.date, int], ...]
    milestone: dt.date  # end of the cascade's first wave
    locals_by_milestone: int
    locals_per_year_after: float
    requests_until: dt.date  # the expected number of requests up to this day is calibrated ...
    requests_expected: int  # ... to this value
    sessions_expected: int  # regular sessions over the whole period (pilot and trainings apart)
    pilot_sessions: bool  # the 2016 pilot: 60+ sessions by the first 18 before certification

    @property
    def days(self) -> int:
        return (self.until - self.start).days + 1


@dataclass(frozen=True)
class DemoSummary:
    scale: str
    seed: int
    until: dt.date
    libraries: int
    access_points: int
    ambassadors: int
    national_ambassadors: int
    sessions: int
    session_service_types: int
    participants: int
    requests: int
    targets: int
    seconds: float

    def lines(self) -> list[str]:
        return [
            f"demo data generated (scale={self.scale}, seed={self.seed}, until={self.until})",
            f"  libraries:   {self.libraries:>10,} ({self.access_points:,} access points)",
            f"  ambassadors: {self.ambassadors:>10,} ({self.national_ambassadors:,} national)",
            f"  sessions:    {self.sessions:>10,} ({self.participants:,} participants)",
            f"  requests:    {self.requests:>10,}",
            f"  targets:     {self.targets:>10,}",
            f"  time:        {self.seconds:>10.1f} s",
        ]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def demo_plan(until: dt.date) -> Plan:
    cohorts = (
        (FIRST_CERTIFICATION, 18),
        (D(2016, 10, 21), 11),
        (D(2017, 5, 19), 8),
        (D(2018, 4, 20), 6),
        (D(2019, 11, 15), 4),
        (D(2021, 10, 22), 4),
        (D(2023, 11, 10), 4),
        (D(2025, 10, 17), 3),
    )
    return Plan(
        scale="demo",
        start=FIRST_WORKSHOP,
        until=until,
        libraries=1_000,
        national_cohorts=tuple(c for c in cohorts if c[0] <= until),
        milestone=MILESTONE,
        locals_by_milestone=1_220,
        locals_per_year_after=22.0,
        requests_until=MILESTONE,
        requests_expected=14_000,
        sessions_expected=21_000,
        pilot_sessions=True,
    )


def national_plan(until: dt.date, size: NationalSize) -> Plan:
    start = _add_years(until, -size.years) + dt.timedelta(days=1)
    nationals = max(18, round(size.ambassadors * 0.03))
    cohorts: list[tuple[dt.date, int]] = [(start + dt.timedelta(days=80), 18)]
    left = nationals - 18
    if left:
        cohorts.append((start + dt.timedelta(days=210), min(11, left)))
        left -= min(11, left)
    offset = 420
    while left > 0:  # later cohorts every ~8 months
        n = min(left, max(3, nationals // 12))
        cohorts.append((start + dt.timedelta(days=offset), n))
        left -= n
        offset += 240
    locals_total = size.ambassadors - nationals
    milestone = start + dt.timedelta(days=round(827 * size.years / 10))
    after_years = max(0.5, (until - milestone).days / 365.25)
    by_milestone = round(locals_total * 0.7)
    return Plan(
        scale="national",
        start=start,
        until=until,
        libraries=size.libraries,
        national_cohorts=tuple(c for c in cohorts if c[0] <= until - dt.timedelta(days=30)),
        milestone=milestone,
        locals_by_milestone=by_milestone,
        locals_per_year_after=(locals_total - by_milestone) / after_years,
        requests_until=until,
        requests_expected=size.requests,
        sessions_expected=size.sessions,
        pilot_sessions=False,
    )


def make_plan(scale: str, until: dt.date, size: NationalSize | None = None) -> Plan:
    if scale == "demo":
        if until < MILESTONE:
            raise DemoDataError(f"the demo scale replays 2016-2018: 'until' must be >= {MILESTONE}")
        return demo_plan(until)
    if scale == "national":
        return national_plan(until, size or NationalSize())
    raise DemoDataError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")

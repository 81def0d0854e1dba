"""The days the target tests reason about (tests/handmade_program.py's targets): ``today`` is
2024-02-29, 60 days into 2024, a leap year."""

from __future__ import annotations

import datetime as dt

from dashboard.filters import Filters

D = dt.date
TODAY = D(2024, 2, 29)
YEAR = (D(2024, 1, 1), D(2024, 12, 31))  # 366 days
Q1 = (D(2024, 1, 1), D(2024, 3, 31))  # 91 days
H1 = (D(2024, 1, 1), D(2024, 6, 30))  # 182 days
WINTER = Filters(D(2023, 12, 1), TODAY)

"""The service mix: which e-services people ask for, when, for whom, and how it ends.

Rows follow ``reference.service_types_frame()`` (the 16 bundled service types, by ``mask_bit``).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from data_access.models.base import AUDIENCES, ON_BEHALF_OF, OUTCOMES, SESSION_FORMATS
from data_access.reference import service_types_frame

# Share of requests per service type (business and mobile signature are rare).
SHARE = {
    "cazier": 16.0, "act_nastere": 7.0, "act_casatorie": 3.0, "extras_stare_civila": 4.0,
    "mpay_utilitati": 13.0, "mpay_amenzi": 6.0, "declaratie_fiscala": 6.0,
    "impozit_imobiliar": 3.0, "pensie": 8.0, "contributii_sociale": 5.0,
    "asigurare_medicala": 6.0, "mpass_msign": 7.0, "semnatura_mobila": 2.0,
    "programare_acte": 6.0, "extras_rsud": 1.5, "inregistrare_afacere": 1.0,
}  # fmt: skip
# Monthly seasonality (Jan..Dec); the tax declaration peaks in February-May.
SEASON = {
    "cazier": (0.9, 0.95, 1.15, 1.15, 1.15, 1.0, 1.1, 1.1, 0.9, 0.9, 0.9, 0.85),
    "act_nastere": (0.9, 0.9, 0.95, 0.95, 1.0, 1.0, 1.3, 1.3, 0.9, 0.9, 0.9, 1.2),
    "act_casatorie": (0.8, 0.8, 0.9, 1.0, 1.1, 1.1, 1.3, 1.3, 1.1, 1.0, 0.8, 0.8),
    "mpay_utilitati": (1.2, 1.2, 1.1, 1.0, 0.9, 0.85, 0.85, 0.85, 0.9, 1.0, 1.1, 1.25),
    "declaratie_fiscala": (0.4, 1.6, 2.6, 2.8, 2.2, 0.35, 0.2, 0.2, 0.2, 0.2, 0.2, 0.25),
    "impozit_imobiliar": (0.3, 0.4, 0.8, 1.2, 1.8, 2.0, 0.8, 1.6, 0.7, 1.4, 0.5, 0.4),
    "asigurare_medicala": (1.3, 1.1, 1.0, 1.0, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.0, 1.1),
    "programare_acte": (0.9, 0.9, 1.0, 1.1, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9, 0.9, 0.9),
}
# Trend: weight in 2016 and in 2026 (linear in between); online payments and signatures grow.
TREND = {
    "act_nastere": (1.0, 0.9), "act_casatorie": (1.0, 0.9), "mpay_utilitati": (0.7, 1.3),
    "mpay_amenzi": (0.9, 1.1), "declaratie_fiscala": (1.0, 1.1), "mpass_msign": (1.3, 0.9),
    "semnatura_mobila": (0.5, 1.6), "programare_acte": (0.4, 1.4),
    "inregistrare_afacere": (1.0, 1.2),
}  # fmt: skip
# How much likelier than average a request of this type is made for a relative abroad.
ABROAD = {
    "cazier": 1.6, "act_nastere": 1.5, "act_casatorie": 1.4, "extras_stare_civila": 1.3,
    "mpay_utilitati": 0.9, "mpay_amenzi": 0.8, "declaratie_fiscala": 0.5, "impozit_imobiliar": 1.2,
    "pensie": 0.6, "asigurare_medicala": 0.8, "mpass_msign": 0.5, "semnatura_mobila": 0.4,
    "programare_acte": 1.3, "extras_rsud": 0.5, "inregistrare_afacere": 0.4,
}  # fmt: skip
SESSION_BOOST = {"mpass_msign": 2.5, "semnatura_mobila": 1.5, "mpay_utilitati": 1.3}
# audience: {service code or category: affinity}; anything unlisted has affinity 1 (or "*")
AUDIENCE_AFFINITY: dict[str, dict[str, float]] = {
    "citizens": {},
    "librarians": {"mpass_msign": 3.0, "semnatura_mobila": 2.0},
    "local_administration": {"*": 0.7, "extras_stare_civila": 2.0, "impozit_imobiliar": 2.0,
                             "mpass_msign": 2.0, "extras_rsud": 2.0},
    "business": {"*": 0.3, "business": 8.0, "declaratie_fiscala": 3.0, "semnatura_mobila": 3.0,
                 "mpass_msign": 2.0},
    "youth": {"programare_acte": 2.5, "cazier": 2.0, "mpass_msign": 2.0, "semnatura_mobila": 2.0,
              "pensie": 0.1},
    "elderly": {"pensie": 4.0, "asigurare_medicala": 3.0, "mpay_utilitati": 2.0,
                "contributii_sociale": 2.0, "business": 0.1, "cazier": 0.5},
    "emigrant_families": {"*": 0.8, "cazier": 3.0, "act_nastere": 3.0, "act_casatorie": 2.0,
                          "extras_stare_civila": 2.0, "programare_acte": 2.0, "business": 0.3},
}  # fmt: skip
# Audience shares for sessions of national and of local ambassadors (AUDIENCES order).
AUDIENCE_SHARES = {
    True: (0.32, 0.22, 0.1, 0.07, 0.1, 0.09, 0.1),
    False: (0.45, 0.05, 0.05, 0.05, 0.13, 0.14, 0.13),
}
PILOT_AUDIENCES = (0.5, 0.0, 0.1, 0.0, 0.12, 0.14, 0.14)
BEHALF_BASE = {"municipal": 0.19, "raion": 0.24, "town": 0.27, "village": 0.31}
BEHALF_OTHER = 0.08
FAIL = {"default": 0.04, "business": 0.08, "programare_acte": 0.055, "cazier": 0.03}
SUBMITTED = 0.12

AUDIENCE_INDEX = {a: i for i, a in enumerate(AUDIENCES)}
FORMATS = np.array(SESSION_FORMATS, dtype=object)
AUDIENCE_NAMES = np.array(AUDIENCES, dtype=object)
BEHALF_NAMES = np.array(ON_BEHALF_OF, dtype=object)
OUTCOME_NAMES = np.array(OUTCOMES, dtype=object)


@cache
def service_codes() -> tuple[str, ...]:
    frame = service_types_frame().sort_values("mask_bit")
    return tuple(frame["code"])


@cache
def service_categories() -> tuple[str, ...]:
    frame = service_types_frame().sort_values("mask_bit")
    return tuple(frame["category"])


def _by_code(values: dict[str, float], default: float = 1.0) -> np.ndarray:
    fallback = values.get("*", default)
    return np.array(
        [
            values.get(code, values.get(category, fallback))
            for code, category in zip(service_codes(), service_categories(), strict=True)
        ]
    )


def request_mix(year_fraction: float, month: int) -> np.ndarray:
    """Probabilities of each service type for requests in a month (``year_fraction`` 0 = 2016)."""
    t = float(np.clip(year_fraction / 10.0, 0.0, 1.2))
    w = []
    for code in service_codes():
        first, last = TREND.get(code, (1.0, 1.0))
        season = SEASON.get(code, (1.0,) * 12)[month - 1]
        w.append(SHARE[code] * season * (first + (last - first) * t))
    weights = np.array(w)
    return weights / weights.sum()


def session_affinity(month: int, year_fraction: float) -> np.ndarray:
    """Weights (audience x service type) for the services a session covers."""
    base = request_mix(year_fraction, month) * _by_code(SESSION_BOOST)
    return np.vstack([base * _by_code(AUDIENCE_AFFINITY[a]) for a in AUDIENCES])


def abroad_factor() -> np.ndarray:
    return _by_code(ABROAD)


def fail_share() -> np.ndarray:
    return _by_code(FAIL, FAIL["default"])

"""Coverage page texts: the underserved-score formula and the labels of the coverage tables.

The weights in ``coverage.score.formula`` are those of
``data_access.queries.coverage.SCORE_WEIGHTS`` (a test checks that they agree).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "coverage.score.formula": {
        "ro": (
            "Indicele de deservire insuficientă (0–100; mai mare = zonă mai slab deservită)"
            " = 100 × (0,40 × A + 0,25 × B + 0,15 × C + 0,20 × D), unde:"
            " A = decalajul față de mediana națională a cetățenilor deserviți la 10.000 de"
            " locuitori = max(0; 1 − rata unității / mediană);"
            " B = ponderea localităților aflate la peste {km} km de cel mai apropiat punct de"
            " acces activ;"
            " C = ponderea punctelor de acces inactive (fără activitate; pragul: {days} zile);"
            " D = 1 dacă unitatea nu are niciun punct de acces activ, altfel 0."
        ),
        "en": (
            "Underserved score (0–100; higher = more underserved)"
            " = 100 × (0.40 × A + 0.25 × B + 0.15 × C + 0.20 × D), where:"
            " A = gap to the national median of citizens served per 10,000 inhabitants"
            " = max(0, 1 − unit rate / median);"
            " B = share of localities more than {km} km from the nearest active access point;"
            " C = share of access points that are dormant (no activity in the last {days} days);"
            " D = 1 if the unit has no active access point at all, otherwise 0."
        ),
        "ru": (
            "Индекс недостаточного обслуживания (0–100; больше = хуже обслуживается)"
            " = 100 × (0,40 × A + 0,25 × B + 0,15 × C + 0,20 × D), где:"
            " A = отставание от национальной медианы обслуженных граждан на 10 000 жителей"
            " = max(0; 1 − показатель единицы / медиана);"
            " B = доля населённых пунктов, удалённых более чем на {km} км от ближайшей"
            " активной точки доступа;"
            " C = доля неактивных точек доступа (без активности; порог: {days} дн.);"
            " D = 1, если в единице нет ни одной активной точки доступа, иначе 0."
        ),
    },
    "coverage.score.title": {
        "ro": "Indicele de deservire insuficientă",
        "en": "Underserved score",
        "ru": "Индекс недостаточного обслуживания",
    },
    "coverage.score.activity_gap": {
        "ro": "A · Decalaj față de mediană",
        "en": "A · Gap to the median",
        "ru": "A · Отставание от медианы",
    },
    "coverage.score.far_share": {
        "ro": "B · Localități la peste {km} km",
        "en": "B · Localities beyond {km} km",
        "ru": "B · Населённые пункты дальше {km} км",
    },
    "coverage.score.dormant_share": {
        "ro": "C · Puncte de acces inactive",
        "en": "C · Dormant access points",
        "ru": "C · Неактивные точки доступа",
    },
    "coverage.score.no_active_point": {
        "ro": "D · Niciun punct de acces activ",
        "en": "D · No active access point",
        "ru": "D · Нет активной точки доступа",
    },
    "coverage.median": {
        "ro": "Mediana națională: {value} cetățeni deserviți la 10.000 de locuitori",
        "en": "National median: {value} citizens served per 10,000 inhabitants",
        "ru": "Национальная медиана: {value} обслуженных граждан на 10 000 жителей",
    },
    "coverage.outside_program": {
        "ro": (
            "Municipiul Bender și unitățile teritoriale din stânga Nistrului nu sunt incluse:"
            " recensământul din 2024 nu le-a cuprins și nu au biblioteci în program."
        ),
        "en": (
            "Bender and the left bank of the Dniester (Transnistria) are not included: the"
            " 2024 census did not cover them and they have no program libraries."
        ),
        "ru": (
            "Бендеры и левобережье Днестра (Приднестровье) не учитываются: перепись 2024 года"
            " их не охватила, и библиотек программы там нет."
        ),
    },
    "coverage.col.rank": {"ro": "Loc", "en": "Rank", "ru": "Место"},
    "coverage.col.raion": {"ro": "Raion", "en": "Raion", "ru": "Район"},
    "coverage.col.population": {"ro": "Populație", "en": "Population", "ru": "Население"},
    "coverage.col.citizens_served": {
        "ro": "Cetățeni deserviți",
        "en": "Citizens served",
        "ru": "Обслужено граждан",
    },
    "coverage.col.citizens_served_per_10k": {
        "ro": "Cetățeni deserviți la 10.000 de locuitori",
        "en": "Citizens served per 10,000 inhabitants",
        "ru": "Обслужено граждан на 10 000 жителей",
    },
    "coverage.col.ratio_to_median": {
        "ro": "Raport față de mediană",
        "en": "Ratio to the median",
        "ru": "Отношение к медиане",
    },
    "coverage.col.localities": {"ro": "Localități", "en": "Localities", "ru": "Населённые пункты"},
    "coverage.col.far_localities": {
        "ro": "Localități la peste {km} km",
        "en": "Localities beyond {km} km",
        "ru": "Населённые пункты дальше {km} км",
    },
    "coverage.col.access_points": {
        "ro": "Puncte de acces",
        "en": "Access points",
        "ru": "Точки доступа",
    },
    "coverage.col.dormant_points": {
        "ro": "Puncte de acces inactive",
        "en": "Dormant access points",
        "ru": "Неактивные точки доступа",
    },
    "coverage.col.active_points": {
        "ro": "Puncte de acces active",
        "en": "Active access points",
        "ru": "Активные точки доступа",
    },
    "coverage.col.library": {"ro": "Bibliotecă", "en": "Library", "ru": "Библиотека"},
    "coverage.col.locality": {"ro": "Localitate", "en": "Locality", "ru": "Населённый пункт"},
    "coverage.col.accredited_on": {
        "ro": "Punct de acces din",
        "en": "Access point since",
        "ru": "Точка доступа с",
    },
    "coverage.col.last_day": {
        "ro": "Ultima activitate",
        "en": "Last activity",
        "ru": "Последняя активность",
    },
    "coverage.col.days_inactive": {
        "ro": "Zile fără activitate",
        "en": "Days without activity",
        "ru": "Дней без активности",
    },
    "coverage.col.ambassadors": {
        "ro": "eAmbasadori",
        "en": "eAmbassadors",
        "ru": "eАмбассадоры",
    },
    "coverage.col.distance_km": {
        "ro": "Distanța (km)",
        "en": "Distance (km)",
        "ru": "Расстояние (км)",
    },
    "coverage.col.nearest_library": {
        "ro": "Cel mai apropiat punct de acces activ",
        "en": "Nearest active access point",
        "ru": "Ближайшая активная точка доступа",
    },
    "coverage.col.score": {"ro": "Indice", "en": "Score", "ru": "Индекс"},
    "coverage.never_active": {
        "ro": "nicio activitate",
        "en": "never active",
        "ru": "нет активности",
    },
    "coverage.no_active_point_anywhere": {
        "ro": "Niciun punct de acces activ",
        "en": "No active access point",
        "ru": "Нет активной точки доступа",
    },
}

"""Coverage page texts: the underserved-score formula and the labels of the coverage tables.

The weights in ``coverage.score.formula`` are those of
``data_access.queries.coverage_score.SCORE_WEIGHTS`` (a test checks that they agree).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "coverage.score.formula": {
        "ro": (
            "Indicele de deservire insuficientă (0–100; mai mare = zonă mai slab deservită)"
            " = 100 × (0,40 × A + 0,25 × B + 0,15 × C + 0,20 × D), unde:"
            " A = decalajul față de mediana cetățenilor deserviți la 10.000 de locuitori în"
            " unitățile la care aveți acces (toată țara, dacă accesul nu vă este restrâns la"
            " unele raioane) = max(0; 1 − rata unității / mediană);"
            " B = ponderea localităților aflate la peste {km} km de cel mai apropiat punct de"
            " acces activ;"
            " C = ponderea punctelor de acces inactive (fără activitate; pragul: {days|zi|zile|de zile});"
            " D = 1 dacă unitatea nu are niciun punct de acces activ, altfel 0."
        ),
        "en": (
            "Underserved score (0–100; higher = more underserved)"
            " = 100 × (0.40 × A + 0.25 × B + 0.15 × C + 0.20 × D), where:"
            " A = gap to the median of citizens served per 10,000 inhabitants across the units"
            " you have access to (the whole country unless your access is limited to some"
            " raions) = max(0, 1 − unit rate / median);"
            " B = share of localities more than {km} km from the nearest active access point;"
            " C = share of access points that are dormant (no activity in the last {days|day|days});"
            " D = 1 if the unit has no active access point at all, otherwise 0."
        ),
        "ru": (
            "Индекс недостаточного обслуживания (0–100; больше = хуже обслуживается)"
            " = 100 × (0,40 × A + 0,25 × B + 0,15 × C + 0,20 × D), где:"
            " A = отставание от медианы обслуженных граждан на 10 000 жителей по единицам,"
            " к которым у вас есть доступ (вся страна, если ваш доступ не ограничен"
            " отдельными районами) = max(0; 1 − показатель единицы / медиана);"
            " B = доля населённых пунктов, удалённых более чем на {km} км от ближайшей"
            " активной точки доступа;"
            " C = доля неактивных точек доступа (без активности; порог: {days|день|дня|дней|дня});"
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
        "ro": "Mediana unităților la care aveți acces: {value} cetățeni deserviți la 10.000 de"
        " locuitori",
        "en": "Median of the units you have access to: {value} citizens served per 10,000"
        " inhabitants",
        "ru": "Медиана по доступным вам единицам: {value} обслуженных граждан на 10 000 жителей",
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
    # Coverage page layout (``/acoperire``).
    "coverage.title": {
        "ro": "Acoperire: unde rețeaua nu ajunge",
        "en": "Coverage: where the network falls short",
        "ru": "Охват: куда сеть не доходит",
    },
    "coverage.intro": {
        "ro": "Pentru coordonatorii regionali: activitatea pe cap de locuitor, punctele de acces inactive și localitățile departe de un punct de acces activ, în cele 35 de unități cu populație recenzată.",
        "en": "For regional coordinators: activity per inhabitant, dormant access points and localities far from an active access point, across the 35 units with census population.",
        "ru": "Для региональных координаторов: активность на душу населения, неактивные точки доступа и населённые пункты вдали от активной точки доступа в 35 единицах с данными переписи.",
    },
    "coverage.control.days": {
        "ro": "Inactiv după (zile fără activitate)",
        "en": "Dormant after (days without activity)",
        "ru": "Неактивна после (дней без активности)",
    },
    "coverage.control.km": {
        "ro": "Distanța maximă până la un punct activ (km)",
        "en": "Maximum distance to an active point (km)",
        "ru": "Максимальное расстояние до активной точки (км)",
    },
    "coverage.ranking": {
        "ro": "Cetățeni deserviți la 10.000 de locuitori, pe unități",
        "en": "Citizens served per 10,000 inhabitants, by unit",
        "ru": "Обслужено граждан на 10 000 жителей, по единицам",
    },
    "coverage.median_short": {
        "ro": "mediana {value}",
        "en": "median {value}",
        "ru": "медиана {value}",
    },
    "coverage.below_median": {
        "ro": "sub mediană",
        "en": "below the median",
        "ru": "ниже медианы",
    },
    "coverage.above_median": {
        "ro": "la nivelul medianei sau peste",
        "en": "at or above the median",
        "ru": "на уровне медианы или выше",
    },
    "coverage.summary.no_active": {
        "ro": "Unități fără punct de acces activ",
        "en": "Units without an active access point",
        "ru": "Единицы без активной точки доступа",
    },
    "coverage.summary.dormant": {
        "ro": "Puncte de acces inactive",
        "en": "Dormant access points",
        "ru": "Неактивные точки доступа",
    },
    "coverage.summary.far": {
        "ro": "Localități la peste {km} km",
        "en": "Localities beyond {km} km",
        "ru": "Населённые пункты дальше {km} км",
    },
    "coverage.summary.median": {
        "ro": "Mediana la 10.000 de locuitori",
        "en": "Median per 10,000 inhabitants",
        "ru": "Медиана на 10 000 жителей",
    },
    "coverage.no_active.title": {
        "ro": "Unități fără niciun punct de acces activ",
        "en": "Units with no active access point",
        "ru": "Единицы без активной точки доступа",
    },
    "coverage.no_active.none": {
        "ro": "Fiecare unitate are cel puțin un punct de acces activ.",
        "en": "Every unit has at least one active access point.",
        "ru": "В каждой единице есть хотя бы одна активная точка доступа.",
    },
    "coverage.no_active.item": {
        "ro": "{name}: {points|punct de acces, inactiv|puncte de acces, toate inactive"
        "|de puncte de acces, toate inactive}",
        "en": "{name}: {points|access point, dormant|access points, all dormant}",
        "ru": "{name}: {points|точка доступа|точки доступа|точек доступа|точки доступа}, активных нет",
    },
    "coverage.no_active.item_none": {
        "ro": "{name}: niciun punct de acces",
        "en": "{name}: no access point at all",
        "ru": "{name}: нет ни одной точки доступа",
    },
    "coverage.dormant.title": {
        "ro": "Puncte de acces inactive (fără activitate în ultimele {days|zi|zile|de zile} ale perioadei)",
        "en": "Dormant access points (no activity in the period's last {days|day|days})",
        "ru": "Неактивные точки доступа (без активности в последние {days|день|дня|дней|дня} периода)",
    },
    "coverage.far.title": {
        "ro": "Localități la peste {km} km de cel mai apropiat punct de acces activ",
        "en": "Localities more than {km} km from the nearest active access point",
        "ru": "Населённые пункты дальше {km} км от ближайшей активной точки доступа",
    },
    "coverage.far.none": {
        "ro": "Nicio localitate nu este la peste {km} km de un punct de acces activ.",
        "en": "No locality is more than {km} km from an active access point.",
        "ru": "Нет населённых пунктов дальше {km} км от активной точки доступа.",
    },
    "coverage.far.by_unit": {
        "ro": "Localități îndepărtate, pe unități",
        "en": "Far localities by unit",
        "ru": "Удалённые населённые пункты по единицам",
    },
    "coverage.far.legend": {
        "ro": "Fiecare punct este o localitate îndepărtată; cu cât punctul e mai mare, cu atât e mai departe de cel mai apropiat punct de acces activ.",
        "en": "Each dot is a far locality; the bigger the dot, the farther it is from the nearest active access point.",
        "ru": "Каждая точка — удалённый населённый пункт; чем больше точка, тем дальше ближайшая активная точка доступа.",
    },
    "coverage.score.sort_hint": {
        "ro": "Sortați după orice coloană; descărcați tabelul cu indicele și componentele lui.",
        "en": "Sort by any column; download the table with the score and its components.",
        "ru": "Сортируйте по любому столбцу; скачайте таблицу с индексом и его компонентами.",
    },
    # A library's last activity is looked up over the last 3 years only
    # (data_access.queries.metrics.LOOKBACK_DAYS): no date means none in that window.
    "coverage.no_activity_3y": {
        "ro": "nicio activitate în ultimii 3 ani",
        "en": "none in the last 3 years",
        "ru": "нет за последние 3 года",
    },
    "coverage.file.scores": {
        "ro": "indice-deservire",
        "en": "underserved-score",
        "ru": "underserved-score",
    },
}

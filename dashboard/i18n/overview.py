"""Messages of the overview page and the KPI cards."""

MESSAGES = {
    "overview.title": {
        "ro": "Prezentare generală",
        "en": "Overview",
        "ru": "Обзор",
    },
    "overview.trend": {"ro": "Evoluția lunară", "en": "Monthly trend", "ru": "Динамика по месяцам"},
    "overview.by_service": {
        "ro": "Cereri după tipul de serviciu",
        "en": "Requests by service type",
        "ru": "Запросы по типам услуг",
    },
    "overview.by_audience": {
        "ro": "Sesiuni după public",
        "en": "Sessions by audience",
        "ru": "Сессии по аудитории",
    },
    "overview.by_format": {
        "ro": "Sesiuni: cu prezență fizică sau online",
        "en": "Sessions: in person or online",
        "ru": "Сессии: очно или онлайн",
    },
    "overview.by_behalf": {
        "ro": "Cereri: în numele cui",
        "en": "Requests: on whose behalf",
        "ru": "Запросы: от чьего имени",
    },
    "overview.top_raions": {
        "ro": "Cele mai active raioane (cetățeni deserviți la 10.000 de locuitori)",
        "en": "Most active raions (citizens served per 10,000 inhabitants)",
        "ru": "Самые активные районы (обслужено граждан на 10 000 жителей)",
    },
    "overview.bottom_raions": {
        "ro": "Cele mai puțin active raioane (cetățeni deserviți la 10.000 de locuitori)",
        "en": "Least active raions (citizens served per 10,000 inhabitants)",
        "ru": "Наименее активные районы (обслужено граждан на 10 000 жителей)",
    },
    "kpi.vs_previous": {
        "ro": "față de perioada anterioară de aceeași lungime",
        "en": "against the previous period of equal length",
        "ru": "по сравнению с предыдущим периодом той же длины",
    },
    "kpi.no_previous": {
        "ro": "nou față de perioada anterioară",
        "en": "new against the previous period",
        "ru": "новое по сравнению с предыдущим периодом",
    },
    "kpi.no_target": {
        "ro": "Nicio țintă pentru această perioadă",
        "en": "No target for this period",
        "ru": "Нет цели на этот период",
    },
    "kpi.target_text": {
        "ro": "Ținta {label}: {actual} din {target}",
        "en": "Target {label}: {actual} of {target}",
        "ru": "Цель {label}: {actual} из {target}",
    },
    "kpi.dormant_note": {
        "ro": "{count|inactiv|inactive|de inactive} (fără activitate de {days|zi|zile|de zile})",
        "en": "{count|dormant|dormant} (no activity for {days|day|days})",
        "ru": "{count|неактивная|неактивные|неактивных|неактивной}"
        " (без активности {days|день|дня|дней|дня})",
    },
    "status.on_track": {"ro": "în grafic", "en": "on track", "ru": "по графику"},
    "status.at_risk": {"ro": "la risc", "en": "at risk", "ru": "под угрозой"},
    "status.behind": {"ro": "în urmă", "en": "behind", "ru": "отстаёт"},
    "status.not_started": {"ro": "neînceput", "en": "not started", "ru": "не начат"},
    "status.no_target": {"ro": "fără țintă", "en": "no target", "ru": "без цели"},
}

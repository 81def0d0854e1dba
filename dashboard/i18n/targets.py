"""Targets page texts (``/tinte``)."""

MESSAGES = {
    "targets.title": {
        "ro": "Progresul față de ținte",
        "en": "Progress against targets",
        "ru": "Выполнение целей",
    },
    "targets.intro": {
        "ro": "Fiecare țintă a cărei perioadă se suprapune cu perioada selectată, calculată pe întreaga țintă (filtrele de serviciu, format și nivel nu se aplică). Ritm = realizare ÷ partea scursă din perioadă. Stare: în grafic (ritm ≥ {on_track}), la risc (ritm ≥ {at_risk}), în urmă (ritm sub {at_risk}).",
        "en": "Every target whose period overlaps the selected period, measured on the whole target (the service, format and tier filters do not apply). Pace = attainment ÷ share of the period elapsed. Status: on track (pace ≥ {on_track}), at risk (pace ≥ {at_risk}), behind (pace below {at_risk}).",
        "ru": "Все цели, период которых пересекается с выбранным, рассчитанные по цели целиком (фильтры услуг, формата и уровня не применяются). Темп = выполнение ÷ доля прошедшего периода. Статус: по графику (темп ≥ {on_track}), под угрозой (темп ≥ {at_risk}), отстаёт (темп ниже {at_risk}).",
    },
    "targets.chart": {
        "ro": "Progres cumulat față de țintă",
        "en": "Cumulative progress against the target",
        "ru": "Накопленный прогресс относительно цели",
    },
    "targets.chart.pick": {
        "ro": "Ținta afișată",
        "en": "Target shown",
        "ru": "Показанная цель",
    },
    "targets.all": {"ro": "Toate țintele", "en": "All targets", "ru": "Все цели"},
    "targets.by_raion": {
        "ro": "Ținte pe raioane",
        "en": "Targets by raion",
        "ru": "Цели по районам",
    },
    "targets.by_ambassador": {
        "ro": "Ambasadorii naționali și cascada lor",
        "en": "National ambassadors and their cascade",
        "ru": "Национальные амбассадоры и их каскад",
    },
    "targets.cascade_hint": {
        "ro": "Alegeți un ambasador național din tabel pentru a vedea bibliotecarii locali pe care i-a instruit.",
        "en": "Choose a national ambassador in the table to see the local librarians they trained.",
        "ru": "Выберите национального амбассадора в таблице, чтобы увидеть обученных им местных библиотекарей.",
    },
    "targets.locals_of": {
        "ro": "Bibliotecari locali instruiți de {name}",
        "en": "Local librarians trained by {name}",
        "ru": "Местные библиотекари, обученные: {name}",
    },
    "targets.no_targets": {
        "ro": "Nicio țintă nu se suprapune cu perioada selectată.",
        "en": "No target overlaps the selected period.",
        "ru": "Ни одна цель не пересекается с выбранным периодом.",
    },
    "targets.not_started": {
        "ro": "Perioada acestei ținte nu a început încă.",
        "en": "This target's period has not started yet.",
        "ru": "Период этой цели ещё не начался.",
    },
    "targets.national": {"ro": "Național", "en": "National", "ru": "Национальная"},
    "targets.summary": {
        "ro": "{count|țintă|ținte|de ținte}",
        "en": "{count|target|targets}",
        "ru": "{count|цель|цели|целей|цели}",
    },
    "targets.legend.actual": {
        "ro": "Realizat (cumulat)",
        "en": "Actual (cumulative)",
        "ru": "Факт (нарастающим итогом)",
    },
    "targets.legend.target": {
        "ro": "Ținta (traseu liniar)",
        "en": "Target (linear path)",
        "ru": "Цель (линейный план)",
    },
    "targets.legend.projection": {
        "ro": "Proiecție la ritmul actual",
        "en": "Projection at the current pace",
        "ru": "Прогноз при текущем темпе",
    },
    "targets.col.metric": {"ro": "Indicator", "en": "Metric", "ru": "Показатель"},
    "targets.col.scope": {"ro": "Pentru", "en": "Scope", "ru": "Для"},
    "targets.col.period": {"ro": "Perioada", "en": "Period", "ru": "Период"},
    "targets.col.target": {"ro": "Ținta", "en": "Target", "ru": "Цель"},
    "targets.col.actual": {"ro": "Realizat", "en": "Actual", "ru": "Факт"},
    "targets.col.attainment": {"ro": "Realizare", "en": "Attainment", "ru": "Выполнение"},
    "targets.col.pace": {"ro": "Ritm", "en": "Pace", "ru": "Темп"},
    "targets.col.projected": {
        "ro": "Proiecție la final",
        "en": "Projected end value",
        "ru": "Прогноз на конец",
    },
    "targets.col.status": {"ro": "Stare", "en": "Status", "ru": "Статус"},
    "targets.col.own_citizens": {
        "ro": "Cetățeni deserviți (proprii)",
        "en": "Citizens served (own)",
        "ru": "Обслужено граждан (сам)",
    },
    "targets.col.locals_trained": {
        "ro": "Bibliotecari instruiți",
        "en": "Librarians trained",
        "ru": "Обучено библиотекарей",
    },
    "targets.col.locals_active": {
        "ro": "Dintre ei activi",
        "en": "Of whom active",
        "ru": "Из них активны",
    },
    "targets.col.cascade_citizens": {
        "ro": "Cetățeni deserviți de cei instruiți",
        "en": "Citizens served by those trained",
        "ru": "Обслужено обученными",
    },
    "targets.col.total_citizens": {
        "ro": "Total cu cascada",
        "en": "Total with the cascade",
        "ru": "Всего с каскадом",
    },
}

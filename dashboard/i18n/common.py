"""Messages shared by every page: metrics, dimensions, values of enumerated columns."""

MESSAGES = {
    # Metrics (DESIGN.md 5) and their one-line definitions (tooltips).
    "metric.sessions": {"ro": "Sesiuni ținute", "en": "Sessions held", "ru": "Проведённые сессии"},
    "metric.sessions.def": {
        "ro": "Numărul sesiunilor de informare și instruire ținute în perioadă.",
        "en": "Number of information and training sessions held in the period.",
        "ru": "Число информационных и обучающих сессий, проведённых за период.",
    },
    "metric.participants": {"ro": "Participanți", "en": "Participants", "ru": "Участники"},
    "metric.participants.def": {
        "ro": "Suma participanților la sesiunile din perioadă.",
        "en": "Sum of the participants of the sessions in the period.",
        "ru": "Сумма участников сессий за период.",
    },
    "metric.requests": {
        "ro": "Cereri de e-servicii asistate",
        "en": "E-service requests assisted",
        "ru": "Оформлено запросов на э-услуги",
    },
    "metric.requests.def": {
        "ro": "Numărul cererilor de servicii electronice la care cetățenii au fost ajutați.",
        "en": "Number of e-service requests citizens were helped with.",
        "ru": "Число запросов электронных услуг, с которыми помогли гражданам.",
    },
    "metric.citizens_served": {
        "ro": "Cetățeni deserviți",
        "en": "Citizens served",
        "ru": "Обслужено граждан",
    },
    "metric.citizens_served.def": {
        "ro": "Participanți + cereri asistate.",
        "en": "Participants + requests assisted.",
        "ru": "Участники + оформленные запросы.",
    },
    "metric.active_ambassadors": {
        "ro": "Ambasadori activi",
        "en": "Active ambassadors",
        "ru": "Активные амбассадоры",
    },
    "metric.active_ambassadors.def": {
        "ro": "Ambasadori cu cel puțin o sesiune sau o cerere asistată în perioadă.",
        "en": "Ambassadors with at least one session or assisted request in the period.",
        "ru": "Амбассадоры хотя бы с одной сессией или запросом за период.",
    },
    "metric.access_points": {
        "ro": "Puncte de acces",
        "en": "Access points",
        "ru": "Точки доступа",
    },
    "metric.access_points.def": {
        "ro": "Biblioteci acreditate ca puncte de acces la e-servicii până la sfârșitul perioadei.",
        "en": "Libraries accredited as e-service access points by the end of the period.",
        "ru": "Библиотеки, аккредитованные как точки доступа к э-услугам на конец периода.",
    },
    "metric.dormant_access_points": {
        "ro": "Puncte de acces inactive",
        "en": "Dormant access points",
        "ru": "Неактивные точки доступа",
    },
    "metric.dormant_access_points.def": {
        "ro": "Puncte de acces fără nicio activitate în ultimele {days|zi|zile|de zile} ale perioadei.",
        "en": "Access points with no activity in the last {days|day|days} of the period.",
        "ru": "Точки доступа без активности в последние {days|день|дня|дней|дня} периода.",
    },
    "metric.per_10k": {
        "ro": "la 10.000 de locuitori",
        "en": "per 10,000 inhabitants",
        "ru": "на 10 000 жителей",
    },
    # Enumerated values.
    "tier.national": {"ro": "Național", "en": "National", "ru": "Национальный"},
    "tier.local": {"ro": "Local", "en": "Local", "ru": "Местный"},
    "tier.none": {"ro": "Fără ambasador", "en": "No ambassador", "ru": "Без амбассадора"},
    "format.in_person": {"ro": "Cu prezență fizică", "en": "In person", "ru": "Очно"},
    "format.online": {"ro": "Online", "en": "Online", "ru": "Онлайн"},
    "kind.municipal": {"ro": "Municipală", "en": "Municipal", "ru": "Муниципальная"},
    "kind.raion": {"ro": "Raională", "en": "Raion", "ru": "Районная"},
    "kind.town": {"ro": "Orășenească", "en": "Town", "ru": "Городская"},
    "kind.village": {"ro": "Sătească / comunală", "en": "Village / communal", "ru": "Сельская"},
    "audience.citizens": {"ro": "Cetățeni", "en": "Citizens", "ru": "Граждане"},
    "audience.librarians": {"ro": "Bibliotecari", "en": "Librarians", "ru": "Библиотекари"},
    "audience.local_administration": {
        "ro": "Administrația publică locală",
        "en": "Local public administration",
        "ru": "Местная публичная администрация",
    },
    "audience.business": {"ro": "Mediul de afaceri", "en": "Business", "ru": "Бизнес"},
    "audience.youth": {"ro": "Tineri", "en": "Youth", "ru": "Молодёжь"},
    "audience.elderly": {"ro": "Vârstnici", "en": "Elderly", "ru": "Пожилые"},
    "audience.emigrant_families": {
        "ro": "Familiile migranților",
        "en": "Families of emigrants",
        "ru": "Семьи эмигрантов",
    },
    "on_behalf.self": {"ro": "Pentru sine", "en": "For themselves", "ru": "Для себя"},
    "on_behalf.relative_abroad": {
        "ro": "Pentru o rudă plecată peste hotare",
        "en": "For a relative abroad",
        "ru": "Для родственника за границей",
    },
    "on_behalf.other": {
        "ro": "Pentru altă persoană",
        "en": "For someone else",
        "ru": "Для другого лица",
    },
    "outcome.submitted": {"ro": "Depusă", "en": "Submitted", "ru": "Подан"},
    "outcome.completed": {"ro": "Finalizată", "en": "Completed", "ru": "Выполнен"},
    "outcome.failed": {"ro": "Eșuată", "en": "Failed", "ru": "Не удался"},
    "raion_kind.raion": {"ro": "Raioane", "en": "Raions", "ru": "Районы"},
    "raion_kind.municipality": {"ro": "Municipii", "en": "Municipalities", "ru": "Муниципии"},
    "raion_kind.atu": {"ro": "UTA Găgăuzia", "en": "ATU Gagauzia", "ru": "АТО Гагаузия"},
    "raion_kind.territorial_unit": {
        "ro": "Unitatea teritorială din stânga Nistrului",
        "en": "Left-bank territorial unit",
        "ru": "Левобережная территориальная единица",
    },
    # Generic words.
    "common.no_data": {
        "ro": "Nu există date pentru filtrele alese.",
        "en": "There is no data for the chosen filters.",
        "ru": "Нет данных для выбранных фильтров.",
    },
    "common.no_population": {
        "ro": "fără date despre populație",
        "en": "no population data",
        "ru": "нет данных о населении",
    },
    "common.month": {"ro": "Luna", "en": "Month", "ru": "Месяц"},
    "common.raion": {"ro": "Raion", "en": "Raion", "ru": "Район"},
    "common.service": {"ro": "Serviciu", "en": "Service", "ru": "Услуга"},
    "common.library": {"ro": "Bibliotecă", "en": "Library", "ru": "Библиотека"},
    "common.ambassador": {"ro": "Ambasador", "en": "Ambassador", "ru": "Амбассадор"},
    "common.last_activity": {
        "ro": "Ultima activitate",
        "en": "Last activity",
        "ru": "Последняя активность",
    },
    "common.never": {"ro": "niciodată", "en": "never", "ru": "никогда"},
    "common.dormant": {"ro": "Inactiv", "en": "Dormant", "ru": "Неактивна"},
    "common.population": {
        "ro": "Populație (2024)",
        "en": "Population (2024)",
        "ru": "Население (2024)",
    },
    "common.download_png": {
        "ro": "Descarcă imaginea (PNG)",
        "en": "Download image (PNG)",
        "ru": "Скачать изображение (PNG)",
    },
}

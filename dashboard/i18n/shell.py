"""Messages of the application shell: navigation, filter panel, notices, status."""

MESSAGES = {
    "app.title": {
        "ro": "eAmbasadori — panou operațional",
        "en": "eAmbassadors — operational dashboard",
        "ru": "eАмбассадоры — оперативная панель",
    },
    "app.subtitle": {
        "ro": "Bibliotecile publice ca puncte de acces la serviciile publice electronice",
        "en": "Public libraries as access points to public e-services",
        "ru": "Публичные библиотеки как точки доступа к электронным госуслугам",
    },
    "nav.overview": {"ro": "Sumar", "en": "Overview", "ru": "Обзор"},
    "nav.map": {"ro": "Hartă", "en": "Map", "ru": "Карта"},
    "nav.targets": {"ro": "Ținte", "en": "Targets", "ru": "Цели"},
    "nav.coverage": {"ro": "Acoperire", "en": "Coverage", "ru": "Охват"},
    "nav.directory": {"ro": "Director", "en": "Directory", "ru": "Справочник"},
    "nav.data": {"ro": "Date", "en": "Data", "ru": "Данные"},
    "nav.presentation": {"ro": "Mod prezentare", "en": "Presentation", "ru": "Презентация"},
    "nav.language": {"ro": "Limba", "en": "Language", "ru": "Язык"},
    "shell.demo_badge": {
        "ro": "Date demonstrative",
        "en": "Demo data",
        "ru": "Демонстрационные данные",
    },
    "shell.demo_explained": {
        "ro": "Baza de date conține date generate pentru demonstrație, nu date reale ale programului.",
        "en": "The database holds data generated for demonstration, not the program's real data.",
        "ru": "База содержит данные, созданные для демонстрации, а не реальные данные программы.",
    },
    "shell.updated_at": {
        "ro": "Date actualizate: {when}",
        "en": "Data updated: {when}",
        "ru": "Данные обновлены: {when}",
    },
    "shell.db_down": {
        "ro": "Baza de date nu poate fi accesată acum. Se reîncearcă automat; "
        "cifrele afișate pot fi depășite.",
        "en": "The database cannot be reached right now. Retrying automatically; "
        "the figures shown may be out of date.",
        "ru": "База данных сейчас недоступна. Повторная попытка выполняется автоматически; "
        "показанные цифры могут быть устаревшими.",
    },
    "shell.error": {
        "ro": "Nu am putut încărca aceste date. Încercați din nou peste puțin timp.",
        "en": "These figures could not be loaded. Please try again shortly.",
        "ru": "Не удалось загрузить эти данные. Попробуйте ещё раз чуть позже.",
    },
    "page.not_found": {
        "ro": "Pagina nu există.",
        "en": "This page does not exist.",
        "ru": "Такой страницы нет.",
    },
    "page.not_built": {
        "ro": "Această pagină nu este gata încă.",
        "en": "This page is not built yet.",
        "ru": "Эта страница ещё не готова.",
    },
    "filters.title": {"ro": "Filtre", "en": "Filters", "ru": "Фильтры"},
    "filters.raion": {"ro": "Raion", "en": "Raion", "ru": "Район"},
    "filters.raion.placeholder": {
        "ro": "Toate raioanele",
        "en": "All raions",
        "ru": "Все районы",
    },
    "filters.service": {"ro": "Tip de serviciu", "en": "Service type", "ru": "Тип услуги"},
    "filters.service.placeholder": {
        "ro": "Toate serviciile",
        "en": "All services",
        "ru": "Все услуги",
    },
    "filters.period": {"ro": "Perioada", "en": "Period", "ru": "Период"},
    "filters.dates": {"ro": "De la – până la", "en": "From – to", "ru": "С – по"},
    "filters.date_from": {"ro": "De la", "en": "From", "ru": "С"},
    "filters.date_to": {"ro": "Până la", "en": "To", "ru": "По"},
    "filters.library_kind": {
        "ro": "Tipul bibliotecii",
        "en": "Library kind",
        "ru": "Тип библиотеки",
    },
    "filters.tier": {
        "ro": "Nivelul ambasadorului",
        "en": "Ambassador tier",
        "ru": "Уровень амбассадора",
    },
    "filters.format": {"ro": "Formatul sesiunii", "en": "Session format", "ru": "Формат сессии"},
    "filters.all": {"ro": "Toate", "en": "All", "ru": "Все"},
    "filters.reset": {"ro": "Resetează filtrele", "en": "Reset filters", "ru": "Сбросить фильтры"},
    "filters.custom": {"ro": "Personalizată", "en": "Custom", "ru": "Произвольный"},
    "filters.show": {"ro": "Filtre", "en": "Filters", "ru": "Фильтры"},
    "period.30-zile": {
        "ro": "Ultimele 30 de zile",
        "en": "Last 30 days",
        "ru": "Последние 30 дней",
    },
    "period.trimestru": {"ro": "Trimestrul curent", "en": "This quarter", "ru": "Текущий квартал"},
    "period.an": {"ro": "Anul curent", "en": "This year", "ru": "Текущий год"},
    "period.12-luni": {
        "ro": "Ultimele 12 luni",
        "en": "Last 12 months",
        "ru": "Последние 12 месяцев",
    },
    "period.program": {
        "ro": "De la începutul programului",
        "en": "Program to date",
        "ru": "С начала программы",
    },
    "notice.title": {
        "ro": "Unii parametri din adresă au fost ignorați:",
        "en": "Some parameters in the address were ignored:",
        "ru": "Некоторые параметры адреса были проигнорированы:",
    },
    "notice.unknown_parameter": {
        "ro": "parametru necunoscut „{value}”",
        "en": "unknown parameter “{value}”",
        "ru": "неизвестный параметр «{value}»",
    },
    "notice.unknown_raion": {
        "ro": "raion necunoscut „{value}”",
        "en": "unknown raion “{value}”",
        "ru": "неизвестный район «{value}»",
    },
    "notice.unknown_service": {
        "ro": "serviciu necunoscut „{value}”",
        "en": "unknown service “{value}”",
        "ru": "неизвестная услуга «{value}»",
    },
    "notice.unknown_library_kind": {
        "ro": "tip de bibliotecă necunoscut „{value}”",
        "en": "unknown library kind “{value}”",
        "ru": "неизвестный тип библиотеки «{value}»",
    },
    "notice.unknown_tier": {
        "ro": "nivel necunoscut „{value}”",
        "en": "unknown tier “{value}”",
        "ru": "неизвестный уровень «{value}»",
    },
    "notice.unknown_format": {
        "ro": "format necunoscut „{value}”",
        "en": "unknown format “{value}”",
        "ru": "неизвестный формат «{value}»",
    },
    "notice.bad_date": {
        "ro": "dată invalidă „{value}”",
        "en": "invalid date “{value}”",
        "ru": "неверная дата «{value}»",
    },
    "notice.bad_period": {
        "ro": "perioadă necunoscută „{value}”",
        "en": "unknown period “{value}”",
        "ru": "неизвестный период «{value}»",
    },
    "notice.dates_swapped": {
        "ro": "datele erau inversate și au fost schimbate între ele",
        "en": "the dates were in reverse order and were swapped",
        "ru": "даты были в обратном порядке и переставлены",
    },
    "notice.dates_out_of_range": {
        "ro": "perioada cerută este în afara programului",
        "en": "the requested period lies outside the program",
        "ru": "запрошенный период вне сроков программы",
    },
    "notice.too_many_values": {
        "ro": "prea multe valori ({value}); au fost păstrate primele",
        "en": "too many values ({value}); the first ones were kept",
        "ru": "слишком много значений ({value}); оставлены первые",
    },
    "notice.bad_request": {
        "ro": "cerere invalidă",
        "en": "invalid request",
        "ru": "неверный запрос",
    },
}

"""Presentation page texts (``/prezentare``)."""

MESSAGES = {
    "presentation.title": {
        "ro": "eAmbasadori: ce a realizat rețeaua",
        "en": "eAmbassadors: what the network achieved",
        "ru": "eАмбассадоры: чего достигла сеть",
    },
    "presentation.slide.kpis": {"ro": "Cifre cheie", "en": "Key figures", "ru": "Ключевые цифры"},
    "presentation.slide.map": {"ro": "Harta", "en": "Map", "ru": "Карта"},
    "presentation.slide.trend": {"ro": "Evoluția", "en": "Trend", "ru": "Динамика"},
    "presentation.slide.top": {"ro": "Top raioane", "en": "Top raions", "ru": "Лучшие районы"},
    "presentation.auto": {
        "ro": "Derulare automată",
        "en": "Auto-advance",
        "ru": "Автопереключение",
    },
    "presentation.previous": {"ro": "Înapoi", "en": "Previous", "ru": "Назад"},
    "presentation.next": {"ro": "Înainte", "en": "Next", "ru": "Вперёд"},
    "presentation.slides": {"ro": "Diapozitive", "en": "Slides", "ru": "Слайды"},
    "presentation.whole_country": {
        "ro": "Toată țara",
        "en": "Whole country",
        "ru": "Вся страна",
    },
    "presentation.services": {
        "ro": "{count|tip de serviciu|tipuri de servicii|de tipuri de servicii}",
        "en": "{count|service type|service types}",
        "ru": "{count|тип услуг|типа услуг|типов услуг|типа услуг}",
    },
    "presentation.map_caption": {
        "ro": "Cetățeni deserviți la 10.000 de locuitori, pe raioane",
        "en": "Citizens served per 10,000 inhabitants, by raion",
        "ru": "Обслужено граждан на 10 000 жителей, по районам",
    },
    "presentation.trend_caption": {
        "ro": "Cetățeni deserviți în fiecare lună",
        "en": "Citizens served each month",
        "ru": "Обслужено граждан по месяцам",
    },
    "presentation.top_caption": {
        "ro": "Cei mai mulți cetățeni deserviți la 10.000 de locuitori",
        "en": "Most citizens served per 10,000 inhabitants",
        "ru": "Больше всего обслуженных граждан на 10 000 жителей",
    },
    "presentation.kpis_caption": {
        "ro": "Rezultatele rețelei în perioada selectată",
        "en": "The network's results in the selected period",
        "ru": "Результаты сети за выбранный период",
    },
}

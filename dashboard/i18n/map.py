"""Messages of the map page."""

MESSAGES = {
    "map.title": {
        "ro": "Harta activității",
        "en": "Activity map",
        "ru": "Карта активности",
    },
    "map.hint": {
        "ro": "Faceți clic pe un raion pentru a-l adăuga la filtru; toate graficele se actualizează.",
        "en": "Click a raion to add it to the filter; every chart follows.",
        "ru": "Нажмите на район, чтобы добавить его в фильтр; все графики обновятся.",
    },
    "map.metric": {"ro": "Indicator", "en": "Metric", "ru": "Показатель"},
    "map.per_10k": {
        "ro": "La 10.000 de locuitori",
        "en": "Per 10,000 inhabitants",
        "ru": "На 10 000 жителей",
    },
    "map.absolute": {"ro": "Valori absolute", "en": "Absolute values", "ru": "Абсолютные значения"},
    "map.clear": {
        "ro": "Șterge selecția raioanelor",
        "en": "Clear raion selection",
        "ru": "Сбросить выбор районов",
    },
    "map.selected": {
        "ro": "Raioane selectate: {names}",
        "en": "Selected raions: {names}",
        "ru": "Выбранные районы: {names}",
    },
    "map.none_selected": {
        "ro": "Toate raioanele",
        "en": "All raions",
        "ru": "Все районы",
    },
    "map.days_since_activity": {
        "ro": "Zile de la ultima activitate",
        "en": "Days since last activity",
        "ru": "Дней с последней активности",
    },
    "map.legend.national": {
        "ro": "Bibliotecă cu ambasador național",
        "en": "Library with a national ambassador",
        "ru": "Библиотека с национальным амбассадором",
    },
    "map.legend.local": {
        "ro": "Bibliotecă cu ambasador local",
        "en": "Library with a local ambassador",
        "ru": "Библиотека с местным амбассадором",
    },
    "map.legend.none": {
        "ro": "Fără ambasador activ",
        "en": "No active ambassador",
        "ru": "Без активного амбассадора",
    },
    "map.legend.dormant": {
        "ro": "Punct de acces inactiv",
        "en": "Dormant access point",
        "ru": "Неактивная точка доступа",
    },
    "map.legend.size": {
        "ro": "Mărimea cercului: activitatea în perioadă",
        "en": "Circle size: activity in the period",
        "ru": "Размер круга: активность за период",
    },
    "map.attribution": {
        "ro": "Limite administrative: geoBoundaries (Runfola et al. 2020), sursa OCHA/HDX, CC BY 3.0 IGO. "
        "Populație: Biroul Național de Statistică, RPL 2024, CC BY 4.0.",
        "en": "Boundaries: geoBoundaries (Runfola et al. 2020), source OCHA/HDX, CC BY 3.0 IGO. "
        "Population: National Bureau of Statistics of the Republic of Moldova, 2024 census, CC BY 4.0.",
        "ru": "Границы: geoBoundaries (Runfola et al. 2020), источник OCHA/HDX, CC BY 3.0 IGO. "
        "Население: Национальное бюро статистики, перепись 2024 г., CC BY 4.0.",
    },
}

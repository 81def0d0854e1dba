"""Texts inside Dash's own controls (dropdown search, select-all, ...)."""

MESSAGES = {
    "dropdown.select_all": {"ro": "Selectează tot", "en": "Select all", "ru": "Выбрать все"},
    "dropdown.deselect_all": {"ro": "Deselectează tot", "en": "Deselect all", "ru": "Снять выбор"},
    "dropdown.selected_count": {
        "ro": "Selectate: {num_selected}",
        "en": "{num_selected} selected",
        "ru": "Выбрано: {num_selected}",
    },
    "dropdown.search": {"ro": "Caută", "en": "Search", "ru": "Поиск"},
    "dropdown.clear_search": {
        "ro": "Șterge căutarea",
        "en": "Clear search",
        "ru": "Очистить поиск",
    },
    "dropdown.clear_selection": {
        "ro": "Șterge selecția",
        "en": "Clear selection",
        "ru": "Очистить выбор",
    },
    "dropdown.no_options_found": {
        "ro": "Nicio opțiune găsită",
        "en": "No options found",
        "ru": "Ничего не найдено",
    },
}

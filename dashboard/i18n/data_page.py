"""Data page texts (``/date``): upload, validation report, import, history, templates.

The importer's own messages (errors, statuses, column descriptions) are in ``importing.py`` and
reused here; only what the page itself says lives in this module.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "data.title": {
        "ro": "Date: importul rapoartelor de activitate",
        "en": "Data: importing activity reports",
        "ru": "Данные: импорт отчётов о деятельности",
    },
    "data.intro": {
        "ro": "Încărcați un raport de activitate (CSV sau XLSX). Fișierul este mai întâi doar "
        "verificat, fără să se scrie nimic; datele intră în baza de date numai după ce "
        "confirmați importul.",
        "en": "Upload an activity report (CSV or XLSX). The file is first only checked, and "
        "nothing is written; the data enter the database only once you confirm the import.",
        "ru": "Загрузите отчёт о деятельности (CSV или XLSX). Сначала файл только проверяется, "
        "ничего не записывается; данные попадают в базу только после подтверждения импорта.",
    },
    # --- step 1: upload ------------------------------------------------------------------------
    "data.step.upload": {
        "ro": "1. Alegeți fișierul",
        "en": "1. Choose the file",
        "ru": "1. Выберите файл",
    },
    "data.upload.drop": {
        "ro": "Trageți fișierul aici",
        "en": "Drag the file here",
        "ru": "Перетащите файл сюда",
    },
    "data.upload.or_click": {
        "ro": "sau faceți clic pentru a-l alege",
        "en": "or click to choose it",
        "ru": "или нажмите, чтобы выбрать его",
    },
    "data.upload.hint": {
        "ro": "CSV sau XLSX, un singur fișier, cel mult {limit_mb} MB.",
        "en": "CSV or XLSX, one file, at most {limit_mb} MB.",
        "ru": "CSV или XLSX, один файл, не более {limit_mb} МБ.",
    },
    "data.upload.chosen": {
        "ro": "Fișier: {file} ({size})",
        "en": "File: {file} ({size})",
        "ru": "Файл: {file} ({size})",
    },
    "data.size.bytes": {
        "ro": "{size|octet|octeți|de octeți}",
        "en": "{size|byte|bytes}",
        "ru": "{size|байт|байта|байт|байта}",
    },
    "data.size.kb": {"ro": "{size} KB", "en": "{size} KB", "ru": "{size} КБ"},
    "data.size.mb": {"ro": "{size} MB", "en": "{size} MB", "ru": "{size} МБ"},
    "data.kind.label": {
        "ro": "Tipul raportului",
        "en": "Report type",
        "ru": "Тип отчёта",
    },
    "data.kind.auto": {
        "ro": "Detectare automată",
        "en": "Detect automatically",
        "ru": "Определить автоматически",
    },
    "data.kind.sessions": {
        "ro": "Sesiuni de informare",
        "en": "Information sessions",
        "ru": "Информационные сессии",
    },
    "data.kind.requests": {
        "ro": "Cereri de servicii electronice",
        "en": "E-service requests",
        "ru": "Запросы электронных услуг",
    },
    "data.kind.demo": {
        "ro": "Date demonstrative",
        "en": "Demo data",
        "ru": "Демонстрационные данные",
    },
    "data.wrong_type": {
        "ro": "„{file}” nu este un fișier CSV sau XLSX. Salvați raportul ca .xlsx sau .csv și "
        "încărcați-l din nou.",
        "en": "“{file}” is not a CSV or XLSX file. Save the report as .xlsx or .csv and upload "
        "it again.",
        "ru": "«{file}» — не файл CSV или XLSX. Сохраните отчёт как .xlsx или .csv и загрузите "
        "его снова.",
    },
    "data.one_file": {
        "ro": "Încărcați un singur fișier odată.",
        "en": "Please upload one file at a time.",
        "ru": "Загружайте по одному файлу.",
    },
    "data.request_too_large": {
        "ro": "Fișierul este prea mare pentru a fi trimis (limita este {limit_mb} MB). "
        "Împărțiți-l în mai multe fișiere.",
        "en": "The file is too large to be sent (the limit is {limit_mb} MB). Split it into "
        "several files.",
        "ru": "Файл слишком велик для отправки (предел {limit_mb} МБ). Разделите его на "
        "несколько файлов.",
    },
    # --- step 2: validation report -------------------------------------------------------------
    "data.step.report": {
        "ro": "2. Raportul de verificare",
        "en": "2. Validation report",
        "ru": "2. Отчёт о проверке",
    },
    "data.report.empty": {
        "ro": "Niciun fișier verificat încă.",
        "en": "No file checked yet.",
        "ru": "Файл ещё не проверен.",
    },
    "data.report.dry_run": {
        "ro": "Verificarea nu a scris nimic în baza de date.",
        "en": "The check wrote nothing to the database.",
        "ru": "Проверка ничего не записала в базу данных.",
    },
    "data.banner.valid": {
        "ro": "Fișierul poate fi importat",
        "en": "The file can be imported",
        "ru": "Файл можно импортировать",
    },
    "data.banner.duplicate": {
        "ro": "Nimic nou de importat",
        "en": "Nothing new to import",
        "ru": "Нечего импортировать",
    },
    "data.banner.rejected": {
        "ro": "Fișierul a fost respins",
        "en": "The file was rejected",
        "ru": "Файл отклонён",
    },
    "data.banner.privacy": {
        "ro": "Fișierul a fost refuzat: conține date personale",
        "en": "The file was refused: it contains personal data",
        "ru": "Файл отклонён: он содержит персональные данные",
    },
    "data.banner.failed": {
        "ro": "Fișierul nu a putut fi verificat",
        "en": "The file could not be checked",
        "ru": "Файл не удалось проверить",
    },
    "data.banner.imported": {
        "ro": "Import reușit",
        "en": "Import complete",
        "ru": "Импорт выполнен",
    },
    "data.fact.kind": {"ro": "Tip", "en": "Type", "ru": "Тип"},
    "data.fact.rows": {"ro": "Rânduri citite", "en": "Rows read", "ru": "Прочитано строк"},
    "data.fact.valid": {"ro": "Rânduri valide", "en": "Valid rows", "ru": "Корректных строк"},
    "data.fact.new": {"ro": "Rânduri noi", "en": "New rows", "ru": "Новых строк"},
    "data.fact.duplicates": {
        "ro": "Există deja",
        "en": "Already present",
        "ru": "Уже есть",
    },
    "data.fact.errors": {"ro": "Probleme", "en": "Problems", "ru": "Проблем"},
    "data.fact.sha256": {
        "ro": "Amprenta SHA-256",
        "en": "SHA-256 fingerprint",
        "ru": "Отпечаток SHA-256",
    },
    "data.errors.title": {
        "ro": "Problemele găsite",
        "en": "Problems found",
        "ru": "Найденные проблемы",
    },
    "data.errors.capped": {
        "ro": "Se afișează primele {shown} din {total|problemă|probleme|de probleme}. Corectați-le și încărcați "
        "fișierul din nou pentru a le vedea pe celelalte.",
        "en": "Showing the first {shown} of {total|problem|problems}. Fix them and upload the file "
        "again to see the rest.",
        "ru": "Показаны первые {shown} из {total|проблемы|проблем|проблем|проблемы}. Исправьте их и загрузите файл "
        "снова, чтобы увидеть остальные.",
    },
    "data.errors.col.row": {"ro": "Rândul", "en": "Row", "ru": "Строка"},
    "data.errors.col.column": {"ro": "Coloana", "en": "Column", "ru": "Столбец"},
    "data.errors.col.message": {"ro": "Problema", "en": "Problem", "ru": "Проблема"},
    # --- step 3: confirm -----------------------------------------------------------------------
    "data.step.confirm": {
        "ro": "3. Confirmați importul",
        "en": "3. Confirm the import",
        "ru": "3. Подтвердите импорт",
    },
    "data.confirm.button": {
        "ro": "Importă în baza de date",
        "en": "Import into the database",
        "ru": "Импортировать в базу данных",
    },
    "data.confirm.help": {
        "ro": "Doar acest buton scrie în baza de date. Importul este atomic: se salvează toate "
        "rândurile noi sau niciunul; rândurile care există deja (același cod_raport) sunt omise, "
        "deci un import repetat este sigur.",
        "en": "Only this button writes to the database. The import is atomic: every new row is "
        "saved or none is; rows already present (same cod_raport) are skipped, so importing "
        "again is safe.",
        "ru": "Только эта кнопка записывает в базу данных. Импорт атомарен: сохраняются все "
        "новые строки или ни одной; строки, которые уже есть (тот же cod_raport), пропускаются, "
        "поэтому повторный импорт безопасен.",
    },
    "data.confirm.waiting": {
        "ro": "Încărcați un fișier valid pentru a-l putea importa.",
        "en": "Upload a valid file to be able to import it.",
        "ru": "Загрузите корректный файл, чтобы его можно было импортировать.",
    },
    "data.confirm.what": {
        "ro": "Se va importa „{file}” ({rows|rând|rânduri|de rânduri}, dintre care noi: {new}), SHA-256 {sha}.",
        "en": "This will import “{file}” ({rows|row|rows}, new: {new}), SHA-256 {sha}.",
        "ru": "Будет импортирован «{file}» ({rows|строка|строки|строк|строки}, новых: {new}), SHA-256 {sha}.",
    },
    "data.confirm.changed": {
        "ro": "Fișierul s-a schimbat după verificare. Încărcați-l din nou înainte de import.",
        "en": "The file changed after it was checked. Upload it again before importing.",
        "ru": "Файл изменился после проверки. Загрузите его снова перед импортом.",
    },
    "data.confirm.no_file": {
        "ro": "Nu există niciun fișier verificat de importat.",
        "en": "There is no checked file to import.",
        "ru": "Нет проверенного файла для импорта.",
    },
    "data.result.live": {
        "ro": "Tablourile de bord deschise vor afișa noile cifre la următoarea actualizare "
        "automată.",
        "en": "Open dashboards will show the new numbers at their next automatic refresh.",
        "ru": "Открытые панели покажут новые цифры при следующем автоматическом обновлении.",
    },
    "data.result.overview": {
        "ro": "Deschideți prezentarea generală",
        "en": "Open the overview",
        "ru": "Открыть обзор",
    },
    # --- templates and format ------------------------------------------------------------------
    "data.templates.title": {"ro": "Șabloane", "en": "Templates", "ru": "Шаблоны"},
    "data.templates.intro": {
        "ro": "Descărcați un șablon gol, completați-l și încărcați-l aici. Șablonul XLSX are "
        "liste de valori, o foaie cu instrucțiuni și lista serviciilor.",
        "en": "Download an empty template, fill it in and upload it here. The XLSX template "
        "has value lists, an instructions sheet and the list of services.",
        "ru": "Скачайте пустой шаблон, заполните его и загрузите сюда. В шаблоне XLSX есть "
        "списки значений, лист с инструкцией и список услуг.",
    },
    "data.format.title": {
        "ro": "Formatul fișierului",
        "en": "File format",
        "ru": "Формат файла",
    },
    "data.format.intro": {
        "ro": "Primul rând este antetul, cu denumirile coloanelor de mai jos; fiecare rând "
        "următor este o sesiune sau o cerere. Ordinea coloanelor nu contează.",
        "en": "The first row is the header, with the column names below; every following row "
        "is one session or one request. The order of the columns does not matter.",
        "ru": "Первая строка — заголовок с названиями столбцов ниже; каждая следующая строка — "
        "одна сессия или один запрос. Порядок столбцов не важен.",
    },
    # --- history -------------------------------------------------------------------------------
    "data.history.title": {
        "ro": "Istoricul importurilor",
        "en": "Import history",
        "ru": "История импорта",
    },
    "data.history.intro": {
        "ro": "Ultimele {count|încercare|încercări|de încercări} de import, cele mai noi primele.",
        "en": "The latest {count|import attempt|import attempts}, newest first.",
        "ru": "Последние {count|попытка|попытки|попыток|попытки} импорта, сначала новые.",
    },
    "data.history.col.when": {"ro": "Când (UTC)", "en": "When (UTC)", "ru": "Когда (UTC)"},
    "data.history.col.who": {"ro": "Cine", "en": "Who", "ru": "Кто"},
    "data.history.col.file": {"ro": "Fișier", "en": "File", "ru": "Файл"},
    "data.history.col.kind": {"ro": "Tip", "en": "Type", "ru": "Тип"},
    "data.history.col.rows": {"ro": "Rânduri", "en": "Rows", "ru": "Строк"},
    "data.history.col.inserted": {"ro": "Rânduri noi", "en": "New rows", "ru": "Новых строк"},
    "data.history.col.status": {"ro": "Rezultat", "en": "Result", "ru": "Результат"},
    "data.history.col.sha256": {"ro": "SHA-256", "en": "SHA-256", "ru": "SHA-256"},
    "data.status.imported": {"ro": "Importat", "en": "Imported", "ru": "Импортирован"},
    "data.status.rejected": {"ro": "Respins", "en": "Rejected", "ru": "Отклонён"},
    "data.status.duplicate": {"ro": "Nimic nou", "en": "Nothing new", "ru": "Нет новых данных"},
    "data.status.failed": {"ro": "Eșuat", "en": "Failed", "ru": "Не удался"},
    "data.status.interrupted": {
        "ro": "Întrerupt sau în curs",
        "en": "Interrupted or in progress",
        "ru": "Прерван или выполняется",
    },
}

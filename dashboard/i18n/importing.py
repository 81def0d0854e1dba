"""Messages of the activity-report importer (data_access.importing): where a problem is, statuses,
the command line and the templates (the errors themselves: :mod:`.import_errors`)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- where ---------------------------------------------------------------------------------
    "import.where.row_column": {
        "ro": "Rândul {row}, coloana „{column}”",
        "en": "Row {row}, column “{column}”",
        "ru": "Строка {row}, столбец «{column}»",
    },
    "import.where.row": {"ro": "Rândul {row}", "en": "Row {row}", "ru": "Строка {row}"},
    "import.where.column": {
        "ro": "Coloana „{column}”",
        "en": "Column “{column}”",
        "ru": "Столбец «{column}»",
    },
    # --- statuses ------------------------------------------------------------------------------
    "import.status.imported": {
        "ro": "Fișierul „{file}” a fost importat. Rânduri noi: {inserted} din {rows}.",
        "en": "“{file}” was imported. New rows: {inserted} of {rows}.",
        "ru": "Файл «{file}» импортирован. Новых строк: {inserted} из {rows}.",
    },
    "import.status.duplicate": {
        "ro": "Fișierul „{file}” nu aduce nimic nou: toate rândurile există deja (rânduri: {rows}).",
        "en": "“{file}” adds nothing new: every row is already in the database (rows: {rows}).",
        "ru": "Файл «{file}» не содержит новых данных: все строки уже есть в базе (строк: {rows}).",
    },
    "import.status.rejected": {
        "ro": "Fișierul „{file}” a fost respins (erori: {errors}); nu s-a importat nimic.",
        "en": "“{file}” was rejected (errors: {errors}); nothing was imported.",
        "ru": "Файл «{file}» отклонён (ошибок: {errors}); ничего не импортировано.",
    },
    "import.status.failed": {
        "ro": "Importul fișierului „{file}” nu a reușit; nu s-a importat nimic.",
        "en": "Importing “{file}” failed; nothing was imported.",
        "ru": "Импорт файла «{file}» не удался; ничего не импортировано.",
    },
    "import.status.valid": {
        "ro": "Fișierul „{file}” este valid. Rânduri: {rows}, dintre care există deja: {duplicates}.",
        "en": "“{file}” is valid. Rows: {rows}, already in the database: {duplicates}.",
        "ru": "Файл «{file}» корректен. Строк: {rows}, из них уже есть в базе: {duplicates}.",
    },
    "import.failure.busy": {
        "ro": "Baza de date este ocupată cu un alt import. Încercați din nou peste un minut.",
        "en": "The database is busy with another import. Please try again in a minute.",
        "ru": "База данных занята другим импортом. Повторите попытку через минуту.",
    },
    "import.failure.conflict": {
        "ro": "Aceleași rânduri au fost salvate simultan de altcineva. Încercați din nou.",
        "en": "The same rows were being saved by someone else at the same time. Please try again.",
        "ru": "Те же строки одновременно сохранялись кем-то другим. Повторите попытку.",
    },
    "import.failure.error": {
        "ro": "Baza de date a refuzat datele. Contactați administratorul.",
        "en": "The database refused the data. Please contact the administrator.",
        "ru": "База данных отклонила данные. Обратитесь к администратору.",
    },
    "import.failure.unavailable": {
        "ro": "Baza de date nu este accesibilă acum. Încercați mai târziu.",
        "en": "The database cannot be reached right now. Please try again later.",
        "ru": "База данных сейчас недоступна. Повторите попытку позже.",
    },
    "import.notice.duplicates": {
        "ro": "Rânduri care există deja (același cod_raport), omise: {count} (rândurile {rows}).",
        "en": "Rows already present (same cod_raport), skipped: {count} (rows {rows}).",
        "ru": "Строки, которые уже есть (тот же cod_raport), пропущены: {count} (строки {rows}).",
    },
    "import.notice.same_file": {
        "ro": "Exact același fișier a mai fost importat la {when}.",
        "en": "This exact file was already imported on {when}.",
        "ru": "Точно такой же файл уже был импортирован {when}.",
    },
    "import.personal_data_refused": {
        "ro": "Fișierul pare să conțină date personale ale cetățenilor și a fost refuzat în "
        "întregime. Baza de date a programului nu are voie să păstreze nume, IDNP, telefoane, "
        "e-mailuri, adrese sau date de naștere ale cetățenilor: eliminați aceste coloane și "
        "încărcați din nou fișierul.",
        "en": "The file appears to contain citizens' personal data and was refused as a whole. "
        "The program's database must not hold citizens' names, IDNPs, phone numbers, e-mail "
        "addresses, home addresses or birth dates: remove those columns and upload the file again.",
        "ru": "Файл, по-видимому, содержит персональные данные граждан и отклонён целиком. "
        "В базе данных программы нельзя хранить имена, IDNP, телефоны, адреса электронной почты, "
        "адреса или даты рождения граждан: удалите эти столбцы и загрузите файл снова.",
    },
    # --- command line --------------------------------------------------------------------------
    "import.cli.no_file": {
        "ro": "Fișierul {path} nu există sau nu poate fi citit.",
        "en": "The file {path} does not exist or cannot be read.",
        "ru": "Файл {path} не существует или не может быть прочитан.",
    },
    "import.cli.written": {
        "ro": "Șablonul a fost scris în {path}.",
        "en": "The template was written to {path}.",
        "ru": "Шаблон записан в {path}.",
    },
    "import.cli.more": {
        "ro": "… și alte mesaje: {count}.",
        "en": "… and more messages: {count}.",
        "ru": "… и ещё сообщений: {count}.",
    },
    # --- templates -----------------------------------------------------------------------------
    "import.template.sheet_data": {"ro": "raport", "en": "report", "ru": "отчёт"},
    "import.template.sheet_help": {"ro": "instrucțiuni", "en": "instructions", "ru": "инструкция"},
    "import.template.sheet_services": {"ro": "servicii", "en": "services", "ru": "услуги"},
    "import.template.h.column": {"ro": "Coloana", "en": "Column", "ru": "Столбец"},
    "import.template.h.required": {"ro": "Obligatoriu", "en": "Required", "ru": "Обязательно"},
    "import.template.h.meaning": {
        "ro": "Ce se completează",
        "en": "What to enter",
        "ru": "Что указывать",
    },
    "import.template.h.example": {"ro": "Exemplu", "en": "Example", "ru": "Пример"},
    "import.template.yes": {"ro": "da", "en": "yes", "ru": "да"},
    "import.template.no": {"ro": "nu", "en": "no", "ru": "нет"},
    "import.template.example": {
        "ro": "exemplu, nu îl copiați",
        "en": "example only, do not copy",
        "ru": "только пример, не копируйте",
    },
    "import.template.col.date": {
        "ro": "Data: AAAA-LL-ZZ, ZZ.LL.AAAA, ZZ/LL/AAAA sau o celulă de tip dată Excel; "
        "nu în viitor și nu înainte de 2016-01-01.",
        "en": "Date: YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or an Excel date cell; "
        "not in the future and not before 2016-01-01.",
        "ru": "Дата: ГГГГ-ММ-ДД, ДД.ММ.ГГГГ, ДД/ММ/ГГГГ или ячейка даты Excel; "
        "не в будущем и не раньше 2016-01-01.",
    },
    "import.template.col.raion": {
        "ro": "Raionul sau municipiul: denumirea (cu sau fără diacritice, cu sau fără „r.”, "
        "„mun.”, „UTA”) ori codul ISO (MD-UN).",
        "en": "Raion or municipality: its name (with or without diacritics, with or without "
        "“r.”, “mun.”, “UTA”) or its ISO code (MD-UN).",
        "ru": "Район или муниципий: название (с диакритикой или без, с «r.», «mun.», «UTA» или "
        "без) либо код ISO (MD-UN).",
    },
    "import.template.col.library": {
        "ro": "Codul bibliotecii sau denumirea ei exact ca în baza de date, din acel raion.",
        "en": "The library's code, or its name exactly as in the database, within that raion.",
        "ru": "Код библиотеки или её название точно как в базе данных, в этом районе.",
    },
    "import.template.col.ambassador": {
        "ro": "Codul ambasadorului sau numele afișat, al unui ambasador al acelei biblioteci.",
        "en": "The ambassador's code or display name, an ambassador of that library.",
        "ru": "Код или отображаемое имя амбассадора этой библиотеки.",
    },
    "import.template.col.ambassador_requests": {
        "ro": "Codul sau numele ambasadorului bibliotecii; gol dacă a asistat personalul "
        "bibliotecii fără un ambasador înregistrat.",
        "en": "The library ambassador's code or name; empty if library staff assisted without "
        "a recorded ambassador.",
        "ru": "Код или имя амбассадора библиотеки; пусто, если помогали сотрудники библиотеки "
        "без зарегистрированного амбассадора.",
    },
    "import.template.col.format": {
        "ro": "Formatul sesiunii: față în față sau online.",
        "en": "Session format: in person or online.",
        "ru": "Формат сессии: очно или онлайн.",
    },
    "import.template.col.audience": {
        "ro": "Publicul: cetățeni, bibliotecari, APL, afaceri, tineri, vârstnici, familiile "
        "migranților (în română, engleză sau rusă).",
        "en": "Audience: citizens, librarians, local administration, business, youth, elderly, "
        "emigrant families (in Romanian, English or Russian).",
        "ru": "Аудитория: граждане, библиотекари, местная администрация, бизнес, молодёжь, "
        "пожилые, семьи мигрантов (на румынском, английском или русском).",
    },
    "import.template.col.participants": {
        "ro": "Numărul de participanți: un număr întreg, 0 sau mai mare.",
        "en": "Number of participants: a whole number, 0 or more.",
        "ru": "Число участников: целое число, 0 или больше.",
    },
    "import.template.col.services": {
        "ro": "Serviciile prezentate, separate prin „;”: coduri sau denumiri din foaia "
        "„servicii”. Poate rămâne gol.",
        "en": "Services covered, separated by “;”: codes or names from the “services” sheet. "
        "May be left empty.",
        "ru": "Рассмотренные услуги через «;»: коды или названия с листа «услуги». "
        "Можно оставить пустым.",
    },
    "import.template.col.service": {
        "ro": "Serviciul electronic: codul sau denumirea din foaia „servicii”.",
        "en": "The e-service: its code or name from the “services” sheet.",
        "ru": "Электронная услуга: код или название с листа «услуги».",
    },
    "import.template.col.on_behalf_of": {
        "ro": "În numele cui: sine, rudă peste hotare sau altă persoană.",
        "en": "On whose behalf: self, relative abroad or other.",
        "ru": "От чьего имени: для себя, родственник за рубежом или другое лицо.",
    },
    "import.template.col.outcome": {
        "ro": "Rezultatul: depus, finalizat sau eșuat.",
        "en": "Outcome: submitted, completed or failed.",
        "ru": "Результат: подано, выполнено или не удалось.",
    },
    "import.template.col.report_ref": {
        "ro": "Codul rândului în raportul dvs., unic pentru totdeauna (începeți-l cu codul "
        "bibliotecii). Un rând cu un cod deja importat este omis, deci reimportul e sigur.",
        "en": "Your own reference of the row, unique forever (start it with the library code). "
        "A row whose reference was already imported is skipped, so re-importing is safe.",
        "ru": "Ваш код строки, уникальный навсегда (начните его с кода библиотеки). Строка с уже "
        "импортированным кодом пропускается, поэтому повторный импорт безопасен.",
    },
    "import.template.example.format": {"ro": "față în față", "en": "in person", "ru": "очно"},
    "import.template.example.audience": {"ro": "cetățeni", "en": "citizens", "ru": "граждане"},
    "import.template.example.on_behalf_of": {
        "ro": "rudă peste hotare",
        "en": "relative abroad",
        "ru": "родственник за рубежом",
    },
    "import.template.example.outcome": {"ro": "finalizat", "en": "completed", "ru": "выполнено"},
    "import.template.choices.format": {
        "ro": "față în față,online",
        "en": "in person,online",
        "ru": "очно,онлайн",
    },
    "import.template.choices.audience": {
        "ro": "cetățeni,bibliotecari,APL,afaceri,tineri,vârstnici,familiile migranților",
        "en": "citizens,librarians,local administration,business,youth,elderly,emigrant families",
        "ru": "граждане,библиотекари,местная администрация,бизнес,молодёжь,пожилые,семьи мигрантов",
    },
    "import.template.choices.on_behalf_of": {
        "ro": "sine,rudă peste hotare,altă persoană",
        "en": "self,relative abroad,other",
        "ru": "для себя,родственник за рубежом,другое лицо",
    },
    "import.template.choices.outcome": {
        "ro": "depus,finalizat,eșuat",
        "en": "submitted,completed,failed",
        "ru": "подано,выполнено,не удалось",
    },
    "import.template.note.examples": {
        "ro": "Completați rândurile în prima foaie, sub antet. Exemplele de mai sus sunt doar "
        "ilustrative: codurile lor nu trebuie copiate.",
        "en": "Fill in rows on the first sheet, below the header. The examples above are "
        "illustrations only: do not copy their codes.",
        "ru": "Заполняйте строки на первом листе под заголовком. Примеры выше приведены только "
        "для иллюстрации: не копируйте их коды.",
    },
    "import.template.note.privacy": {
        "ro": "Nu adăugați date despre cetățeni (nume, IDNP, telefon, e-mail, adresă, data "
        "nașterii): un fișier cu astfel de date este refuzat în întregime.",
        "en": "Do not add data about citizens (name, IDNP, phone, e-mail, address, birth date): "
        "a file with such data is refused as a whole.",
        "ru": "Не добавляйте данные о гражданах (ФИО, IDNP, телефон, e-mail, адрес, дату "
        "рождения): файл с такими данными отклоняется целиком.",
    },
    "import.template.note.formats": {
        "ro": "Fără formule și fără macrocomenzi. Se acceptă și CSV (UTF-8, Windows-1250 sau "
        "Windows-1251, separat prin „,” sau „;”) și antete în engleză.",
        "en": "No formulas and no macros. CSV is accepted too (UTF-8, Windows-1250 or "
        "Windows-1251, separated by “,” or “;”), and so are English headers.",
        "ru": "Без формул и макросов. Принимается и CSV (UTF-8, Windows-1250 или Windows-1251, "
        "с разделителем «,» или «;»), а также заголовки на английском.",
    },
}

"""Errors of the activity-report importer (data_access.importing), per file and per row."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- file-level errors ---------------------------------------------------------------------
    "import.file_too_large": {
        "ro": "Fișierul are {size_mb} MB; limita este {limit_mb} MB. Împărțiți-l în mai multe.",
        "en": "The file is {size_mb} MB; the limit is {limit_mb} MB. Split it into several files.",
        "ru": "Размер файла {size_mb} МБ; предел {limit_mb} МБ. Разделите его на несколько.",
    },
    "import.file_empty": {
        "ro": "Fișierul este gol.",
        "en": "The file is empty.",
        "ru": "Файл пуст.",
    },
    "import.file_no_rows": {
        "ro": "Fișierul are doar antetul, fără niciun rând de date.",
        "en": "The file has a header but no data rows.",
        "ru": "В файле есть заголовок, но нет строк с данными.",
    },
    "import.file_unreadable": {
        "ro": "Fișierul nu poate fi citit ca tabel CSV sau XLSX.",
        "en": "The file cannot be read as a CSV or XLSX table.",
        "ru": "Файл не удаётся прочитать как таблицу CSV или XLSX.",
    },
    "import.encoding_unknown": {
        "ro": "Codificarea textului nu este recunoscută. Salvați fișierul ca CSV UTF-8.",
        "en": "The text encoding is not recognised. Save the file as CSV UTF-8.",
        "ru": "Кодировка текста не распознана. Сохраните файл как CSV UTF-8.",
    },
    "import.too_many_rows": {
        "ro": "Fișierul are mai mult de {limit|rând|rânduri|de rânduri}. Împărțiți-l în mai multe fișiere.",
        "en": "The file has more than {limit|row|rows}. Split it into several files.",
        "ru": "В файле больше {limit|строки|строк|строк|строки}. Разделите его на несколько файлов.",
    },
    "import.too_many_columns": {
        "ro": "Fișierul are mai mult de {limit|coloană|coloane|de coloane}.",
        "en": "The file has more than {limit|column|columns}.",
        "ru": "В файле больше {limit|столбца|столбцов|столбцов|столбца}.",
    },
    "import.xlsx_invalid": {
        "ro": "Fișierul XLSX este deteriorat sau nu este un registru Excel valid.",
        "en": "The XLSX file is damaged or not a valid Excel workbook.",
        "ru": "Файл XLSX повреждён или не является корректной книгой Excel.",
    },
    "import.xlsx_dtd": {
        "ro": "Fișierul XLSX conține construcții XML nepermise (DTD/entități) și a fost refuzat.",
        "en": "The XLSX file contains XML constructs that are not allowed (DTD/entities).",
        "ru": "Файл XLSX содержит недопустимые конструкции XML (DTD/сущности) и отклонён.",
    },
    "import.xls_legacy": {
        "ro": "Formatul vechi .xls nu este acceptat. Salvați fișierul ca .xlsx sau .csv.",
        "en": "The old .xls format is not accepted. Save the file as .xlsx or .csv.",
        "ru": "Старый формат .xls не поддерживается. Сохраните файл как .xlsx или .csv.",
    },
    "import.xlsx_encrypted": {
        "ro": "Fișierul este protejat cu parolă (criptat). Salvați-l fără parolă.",
        "en": "The file is password-protected (encrypted). Save it without a password.",
        "ru": "Файл защищён паролем (зашифрован). Сохраните его без пароля.",
    },
    "import.xlsx_macros": {
        "ro": "Fișierele cu macrocomenzi (.xlsm) nu sunt acceptate. Salvați ca .xlsx.",
        "en": "Macro-enabled files (.xlsm) are not accepted. Save the file as .xlsx.",
        "ru": "Файлы с макросами (.xlsm) не принимаются. Сохраните файл как .xlsx.",
    },
    "import.zip_bomb": {
        "ro": "Fișierul XLSX se decomprimă într-un volum anormal de mare și a fost refuzat.",
        "en": "The XLSX file expands to an abnormally large size and was refused.",
        "ru": "Файл XLSX распаковывается в аномально большой объём и отклонён.",
    },
    "import.formulas_not_allowed": {
        "ro": "Fișierul conține celule cu formule ({count}; prima: {cell}). Copiați și lipiți "
        "doar valorile, apoi încărcați din nou.",
        "en": "The file has formula cells ({count}; first: {cell}). Copy and paste values only, "
        "then upload again.",
        "ru": "В файле есть ячейки с формулами ({count}; первая: {cell}). Скопируйте и вставьте "
        "только значения, затем загрузите снова.",
    },
    "import.kind_unknown": {
        "ro": "Nu se poate stabili dacă fișierul conține sesiuni sau cereri: verificați antetul "
        "(folosiți șablonul).",
        "en": "Cannot tell whether the file holds sessions or requests: check the header row "
        "(use the template).",
        "ru": "Невозможно определить, содержит ли файл сессии или запросы: проверьте заголовок "
        "(используйте шаблон).",
    },
    "import.kind_mismatch_sessions": {
        "ro": "Fișierul pare să conțină sesiuni de informare, nu cereri.",
        "en": "The file looks like a sessions report, not a requests report.",
        "ru": "Файл похож на отчёт об информационных сессиях, а не о запросах.",
    },
    "import.kind_mismatch_requests": {
        "ro": "Fișierul pare să conțină cereri de servicii, nu sesiuni.",
        "en": "The file looks like a requests report, not a sessions report.",
        "ru": "Файл похож на отчёт о запросах услуг, а не о сессиях.",
    },
    "import.column_missing": {
        "ro": "Lipsește coloana obligatorie „{column}”.",
        "en": "The required column “{column}” is missing.",
        "ru": "Отсутствует обязательный столбец «{column}».",
    },
    "import.column_duplicate": {
        "ro": "Coloana apare de două ori.",
        "en": "This column appears twice.",
        "ru": "Этот столбец встречается дважды.",
    },
    "import.column_unknown": {
        "ro": "Coloană necunoscută care conține date. Ștergeți-o sau folosiți șablonul.",
        "en": "Unknown column with data. Delete it or use the template.",
        "ru": "Неизвестный столбец с данными. Удалите его или используйте шаблон.",
    },
    "import.personal_data_column": {
        "ro": "Antetul indică date personale ale cetățenilor.",
        "en": "The header indicates citizens' personal data.",
        "ru": "Заголовок указывает на персональные данные граждан.",
    },
    "import.personal_data_idnp": {
        "ro": "Valori de 13 cifre, ca un IDNP (valori: {count}).",
        "en": "13-digit values, like an IDNP (values: {count}).",
        "ru": "13-значные значения, как IDNP (значений: {count}).",
    },
    "import.personal_data_email": {
        "ro": "Valori care arată ca adrese de e-mail (valori: {count}).",
        "en": "Values that look like e-mail addresses (values: {count}).",
        "ru": "Значения, похожие на адреса электронной почты (значений: {count}).",
    },
    "import.personal_data_phone": {
        "ro": "Valori care arată ca numere de telefon (valori: {count}).",
        "en": "Values that look like phone numbers (values: {count}).",
        "ru": "Значения, похожие на номера телефонов (значений: {count}).",
    },
    # --- row errors ----------------------------------------------------------------------------
    "import.required": {
        "ro": "Valoarea lipsește.",
        "en": "The value is missing.",
        "ru": "Значение отсутствует.",
    },
    "import.date_invalid": {
        "ro": "„{value}” nu este o dată validă (de ex. 2024-03-15 sau 15.03.2024).",
        "en": "“{value}” is not a valid date (e.g. 2024-03-15 or 15.03.2024).",
        "ru": "«{value}» — недопустимая дата (например, 2024-03-15 или 15.03.2024).",
    },
    "import.date_future": {
        "ro": "Data {date} este în viitor.",
        "en": "The date {date} is in the future.",
        "ru": "Дата {date} находится в будущем.",
    },
    "import.date_too_early": {
        "ro": "Data {date} este anterioară începutului programului ({min}).",
        "en": "The date {date} is before the programme started ({min}).",
        "ru": "Дата {date} раньше начала программы ({min}).",
    },
    "import.raion_unknown": {
        "ro": "Raionul „{value}” nu este cunoscut.",
        "en": "The raion “{value}” is not known.",
        "ru": "Район «{value}» не найден.",
    },
    "import.library_unknown": {
        "ro": "Biblioteca „{value}” nu există în raionul {raion}.",
        "en": "There is no library “{value}” in {raion}.",
        "ru": "Библиотеки «{value}» нет в районе {raion}.",
    },
    "import.library_ambiguous": {
        "ro": "Mai multe biblioteci din raionul {raion} se numesc „{value}”; folosiți codul.",
        "en": "Several libraries in {raion} are called “{value}”; use the library code.",
        "ru": "В районе {raion} несколько библиотек с названием «{value}»; укажите код.",
    },
    "import.library_raion_mismatch": {
        "ro": "Biblioteca „{value}” este în {library_raion}, nu în {raion}.",
        "en": "The library “{value}” is in {library_raion}, not in {raion}.",
        "ru": "Библиотека «{value}» находится в {library_raion}, а не в {raion}.",
    },
    "import.ambassador_unknown": {
        "ro": "Ambasadorul „{value}” nu este cunoscut la biblioteca {library}.",
        "en": "The ambassador “{value}” is not known at the library {library}.",
        "ru": "Амбассадор «{value}» не найден в библиотеке {library}.",
    },
    "import.ambassador_ambiguous": {
        "ro": "Mai mulți ambasadori ai bibliotecii {library} se numesc „{value}”; folosiți codul.",
        "en": "Several ambassadors of the library {library} are called “{value}”; use the code.",
        "ru": "В библиотеке {library} несколько амбассадоров с именем «{value}»; укажите код.",
    },
    "import.ambassador_library_mismatch": {
        "ro": "Ambasadorul „{value}” nu aparține bibliotecii {library}.",
        "en": "The ambassador “{value}” does not belong to the library {library}.",
        "ru": "Амбассадор «{value}» не относится к библиотеке {library}.",
    },
    "import.format_invalid": {
        "ro": "Formatul „{value}” nu este valid: „față în față” sau „online”.",
        "en": "The format “{value}” is not valid: “in person” or “online”.",
        "ru": "Формат «{value}» недопустим: «очно» или «онлайн».",
    },
    "import.audience_invalid": {
        "ro": "Publicul „{value}” nu este valid: cetățeni, bibliotecari, APL, afaceri, tineri, "
        "vârstnici sau familiile migranților.",
        "en": "The audience “{value}” is not valid: citizens, librarians, local administration, "
        "business, youth, elderly or emigrant families.",
        "ru": "Аудитория «{value}» недопустима: граждане, библиотекари, местная администрация, "
        "бизнес, молодёжь, пожилые или семьи мигрантов.",
    },
    "import.on_behalf_of_invalid": {
        "ro": "„{value}” nu este valid: „sine”, „rudă peste hotare” sau „altă persoană”.",
        "en": "“{value}” is not valid: “self”, “relative abroad” or “other”.",
        "ru": "«{value}» недопустимо: «для себя», «родственник за рубежом» или «другое лицо».",
    },
    "import.outcome_invalid": {
        "ro": "Rezultatul „{value}” nu este valid: „depus”, „finalizat” sau „eșuat”.",
        "en": "The outcome “{value}” is not valid: “submitted”, “completed” or “failed”.",
        "ru": "Результат «{value}» недопустим: «подано», «выполнено» или «не удалось».",
    },
    "import.participants_not_number": {
        "ro": "„{value}” nu este un număr întreg de participanți.",
        "en": "“{value}” is not a whole number of participants.",
        "ru": "«{value}» — не целое число участников.",
    },
    "import.participants_negative": {
        "ro": "Numărul de participanți nu poate fi negativ ({value}).",
        "en": "The number of participants cannot be negative ({value}).",
        "ru": "Число участников не может быть отрицательным ({value}).",
    },
    "import.participants_too_large": {
        "ro": "Numărul de participanți ({value}) depășește maximul de {max}.",
        "en": "The number of participants ({value}) exceeds the maximum of {max}.",
        "ru": "Число участников ({value}) превышает максимум {max}.",
    },
    "import.service_unknown": {
        "ro": "Serviciul „{value}” nu este cunoscut (folosiți codul sau denumirea din șablon).",
        "en": "The service “{value}” is not known (use the code or name from the template).",
        "ru": "Услуга «{value}» не найдена (используйте код или название из шаблона).",
    },
    "import.report_ref_duplicate_in_file": {
        "ro": "Același cod_raport apare deja în rândul {first_row}.",
        "en": "The same cod_raport already appears in row {first_row}.",
        "ru": "Такой же cod_raport уже есть в строке {first_row}.",
    },
    "import.report_ref_too_long": {
        "ro": "Codul raportului are mai mult de {max|caracter|caractere|de caractere}.",
        "en": "The report reference is longer than {max|character|characters}.",
        "ru": "Код отчёта длиннее {max|символа|символов|символов|символа}.",
    },
}

"""Fictional librarian names and real-sounding library names, in Romanian with correct diacritics.

Person names are drawn from common Moldovan first and last names (Gagauz and Bulgarian ones in
Găgăuzia and Taraclia); they identify no real person. Library patrons are writers and historical
figures, as Moldovan public libraries are commonly named.
"""

from __future__ import annotations

import numpy as np

FEMALE_FIRST = (
    "Ana", "Maria", "Elena", "Natalia", "Tatiana", "Svetlana", "Valentina", "Galina", "Lidia",
    "Larisa", "Olga", "Nina", "Angela", "Aurelia", "Ludmila", "Veronica", "Diana", "Cristina",
    "Mariana", "Lilia", "Doina", "Eugenia", "Silvia", "Rodica", "Viorica", "Violeta", "Liliana",
    "Irina", "Zinaida", "Raisa", "Tamara", "Ecaterina", "Vera", "Alexandra", "Daniela", "Victoria",
    "Ina", "Corina", "Nadejda", "Iuliana", "Stela", "Elisaveta", "Ala", "Emilia", "Margareta",
    "Aliona", "Oxana", "Lucia", "Mihaela", "Adriana", "Parascovia", "Antonina", "Claudia", "Dorina",
    "Feodora", "Gabriela", "Marina", "Nelea", "Renata", "Valeria", "Zina", "Livia",
)  # fmt: skip
MALE_FIRST = (
    "Ion", "Vasile", "Gheorghe", "Nicolae", "Mihai", "Andrei", "Victor", "Sergiu", "Alexandru",
    "Dumitru", "Petru", "Vitalie", "Valeriu", "Iurie", "Constantin", "Tudor", "Radu", "Octavian",
    "Eugen", "Ștefan", "Ilie", "Grigore",
)  # fmt: skip
LAST = (
    "Rusu", "Ceban", "Ciobanu", "Popa", "Lungu", "Munteanu", "Cojocaru", "Rotari", "Țurcanu",
    "Moraru", "Sîrbu", "Bivol", "Gumeniuc", "Cebotari", "Melnic", "Guțu", "Cazacu", "Ursu", "Roșca",
    "Botnaru", "Bejenari", "Croitoru", "Mocanu", "Ungureanu", "Căpățînă", "Plămădeală", "Cucu",
    "Chiriac", "Grosu", "Buzdugan", "Spînu", "Vrabie", "Gîrlea", "Bujor", "Păduraru", "Morari",
    "Răileanu", "Popescu", "Bodrug", "Lupu", "Negru", "Stratan", "Găină", "Ciubotaru", "Tofan",
    "Coroi", "Frunză", "Bălan", "Oprea", "Ghețu", "Nistor", "Șchiopu", "Țurcan", "Prisăcaru",
    "Borș", "Burlacu", "Carauș", "Scutaru", "Cușnir", "Dănilă", "Ene", "Focșa", "Golban", "Harea",
    "Iordache", "Jardan", "Leancă", "Malai", "Nedelcu", "Odobescu", "Pîrțac", "Rață", "Sandu",
    "Șaptefrați", "Tabără", "Ursachi", "Vasilache", "Zaharia", "Arseni", "Bîrcă", "Cernei",
    "Donică", "Eremia", "Florea", "Galben", "Hîncu", "Josan", "Lozan", "Mîțu", "Năstase", "Pavlov",
    "Rusnac", "Stîngaci", "Talpă", "Volconovici", "Ababii", "Bostan", "Chirtoacă", "Dabija",
)  # fmt: skip
SOUTH_FIRST = (
    "Maria", "Elena", "Svetlana", "Natalia", "Tatiana", "Galina", "Vera", "Ana", "Olga", "Irina",
    "Nadejda", "Valentina", "Ludmila", "Stepanida", "Ivan", "Dmitri", "Gheorghi", "Nicolai",
)  # fmt: skip
SOUTH_LAST = (
    "Topal", "Arnaut", "Caraman", "Uzun", "Colioglo", "Manoli", "Cara", "Chiosa", "Dragan",
    "Ianioglo", "Cazmalî", "Bozbei", "Stoianov", "Dimitrov", "Iovcev", "Petcov", "Ivanov",
    "Todorov", "Nedelcov", "Cavaci", "Ormanji", "Ciolac", "Tanasoglo", "Chiriacov",
)  # fmt: skip
SOUTH_UNITS = frozenset({"MD-GA", "MD-TA"})

PATRONS = (
    "Ion Creangă", "Mihai Eminescu", "Alexei Mateevici", "Grigore Vieru", "Vasile Alecsandri",
    "Ion Druță", "Nicolae Dabija", "Dimitrie Cantemir", "Ștefan cel Mare", "Alexandru Donici",
    "Constantin Stere", "Onisifor Ghibu", "Ion Vatamanu", "Spiridon Vangheli", "Nicolae Iorga",
    "George Coșbuc", "Lucian Blaga", "Mihail Sadoveanu", "Andrei Lupan", "Constantin Stamati",
    "Petru Zadnipru", "Liviu Deleanu", "Emil Loteanu", "Maria Bieșu", "Ion Neculce", "Miron Costin",
    "Grigore Ureche", "Alexandru cel Bun", "Petru Rareș", "George Meniuc", "Dumitru Matcovschi",
    "Vasile Vasilache", "Anatol Codru", "Nicolae Costenco", "Vladimir Beșleagă",
    "Ion Pelivan", "Petre Ștefănucă", "Alecu Russo", "Costache Negruzzi", "Bogdan Istru",
)  # fmt: skip
SOUTH_PATRONS = ("Mihail Ciachir", "Nicolai Baboglu", "Dmitri Kara Ciobanu", "Hristo Botev")
CITY_BRANCHES = (
    "Onisifor Ghibu", "Transilvania", "Ștefan cel Mare", "Maramureș", "Alba Iulia", "Ovidius",
    "Târgu Mureș", "Petru Movilă", "Traian", "Hyperion", "Alexandru cel Bun", "Mihai Eminescu",
    "Ion Creangă", "Lucian Blaga", "Alexei Mateevici", "Vasile Alecsandri", "Grigore Vieru",
    "Nicolae Iorga", "Paul Goma", "Târgoviște", "Iași", "Bucovina", "Basarabia", "Tudor Arghezi",
    "Liviu Rebreanu", "Ion Pelivan", "Alba Carolina", "Prometeu", "Dacia", "Suceava", "Cluj",
    "Timișoara", "Constantin Brâncuși", "George Enescu", "Mircea Eliade", "Nichita Stănescu",
    "Grigore Ureche", "Dimitrie Cantemir", "Ion Neculce", "Miron Costin", "Petru Rareș",
    "Andrei Mureșanu", "Spiridon Vangheli", "Emil Loteanu", "Maria Bieșu", "Ion Druță",
)  # fmt: skip
MUNICIPAL_MAIN = {"MD-CU": "«B. P. Hasdeu»", "MD-BA": "«Eugeniu Coșeriu»"}


def person_names(rng: np.random.Generator, units: list[str]) -> list[str]:
    """One unique fictional name per ambassador, in the order of ``units`` (their raion codes)."""
    seen: set[str] = set()
    names: list[str] = []
    for unit in units:
        south = unit in SOUTH_UNITS and rng.random() < 0.7
        for _attempt in range(50):
            if south:
                first = SOUTH_FIRST[rng.integers(len(SOUTH_FIRST))]
                last = SOUTH_LAST[rng.integers(len(SOUTH_LAST))]
            else:
                pool = FEMALE_FIRST if rng.random() < 0.88 else MALE_FIRST
                first = pool[rng.integers(len(pool))]
                last = LAST[rng.integers(len(LAST))]
            name = f"{first} {last}"
            if name not in seen:
                break
        seen.add(name)
        names.append(name)
    return names


def library_name(
    rng: np.random.Generator, kind: str, unit: str, locality: str, *, is_seat: bool, branch: int
) -> str:
    """A real-sounding name; ``branch`` numbers the city branches (0 = the main library)."""
    patrons = SOUTH_PATRONS + PATRONS[:6] if unit in SOUTH_UNITS else PATRONS
    patron = patrons[rng.integers(len(patrons))]
    if kind == "municipal":
        if branch == 0:
            return f"Biblioteca Municipală {MUNICIPAL_MAIN.get(unit, '')} {locality}".replace(
                "  ", " "
            )
        return f"Biblioteca publică «{CITY_BRANCHES[(branch - 1) % len(CITY_BRANCHES)]}» {locality}"
    if kind == "raion":
        return f"Biblioteca publică raională «{patron}» {locality}"
    if kind == "town":
        if rng.random() < 0.5:
            return f"Biblioteca publică orășenească «{patron}» {locality}"
        return f"Biblioteca publică orășenească {locality}"
    place = "comuna" if is_seat and rng.random() < 0.5 else "satul"
    if rng.random() < 0.15:
        return f"Biblioteca publică «{patron}» din {place} {locality}"
    return f"Biblioteca publică din {place} {locality}"

"""Libraries, ambassadors and service types of the database, indexed for matching report values.

Loaded with one query per table (a few thousand small rows at national scale), then every row of
a file is resolved in memory: no query per row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.importing.normalize import fold
from data_access.models import Ambassador, Library, ServiceType
from data_access.reference import raion_infos


@dataclass(frozen=True)
class Match:
    """The id found, or the error code (and its extra parameters) explaining why not."""

    id: int | None = None
    error: str | None = None
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class Lookup:
    library_by_code: dict[str, tuple[int, str]] = field(default_factory=dict)  # -> (id, raion)
    library_by_name: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    library_name_raions: dict[str, set[str]] = field(default_factory=dict)
    library_label: dict[int, str] = field(default_factory=dict)
    ambassador_by_code: dict[str, tuple[int, int]] = field(default_factory=dict)  # (id, library)
    ambassador_by_name: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    ambassador_name_libraries: dict[str, set[int]] = field(default_factory=dict)
    services: dict[str, str] = field(default_factory=dict)  # folded code or name -> code
    raion_names: dict[str, str] = field(default_factory=dict)

    def library(self, raion: str | None, value: str) -> Match:
        """A library by its code (anywhere) or its name within ``raion``."""
        key = fold(value)
        if key in self.library_by_code:
            library_id, library_raion = self.library_by_code[key]
            if raion is not None and library_raion != raion:
                return self._raion_mismatch(raion, library_raion)
            return Match(library_id)
        if raion is None:  # the raion is already reported as unknown
            return Match()
        ids = self.library_by_name.get((raion, key), [])
        if len(ids) == 1:
            return Match(ids[0])
        if len(ids) > 1:
            return Match(error="library_ambiguous", params={"raion": self.raion_names[raion]})
        elsewhere = sorted(self.library_name_raions.get(key, ()))
        if elsewhere:
            return self._raion_mismatch(raion, elsewhere[0])
        return Match(error="library_unknown", params={"raion": self.raion_names[raion]})

    def _raion_mismatch(self, raion: str, library_raion: str) -> Match:
        params = {
            "raion": self.raion_names[raion],
            "library_raion": self.raion_names[library_raion],
        }
        return Match(error="library_raion_mismatch", params=params)

    def ambassador(self, library_id: int, value: str) -> Match:
        """An ambassador of ``library_id`` by code or display name."""
        key = fold(value)
        library = {"library": self.library_label[library_id]}
        if key in self.ambassador_by_code:
            ambassador_id, home = self.ambassador_by_code[key]
            if home != library_id:
                return Match(error="ambassador_library_mismatch", params=library)
            return Match(ambassador_id)
        ids = self.ambassador_by_name.get((library_id, key), [])
        if len(ids) == 1:
            return Match(ids[0])
        if len(ids) > 1:
            return Match(error="ambassador_ambiguous", params=library)
        if self.ambassador_name_libraries.get(key):
            return Match(error="ambassador_library_mismatch", params=library)
        return Match(error="ambassador_unknown", params=library)

    def service(self, value: str) -> str | None:
        return self.services.get(fold(value))


def load_lookup(session: Session) -> Lookup:
    """Three queries: libraries, ambassadors, service types."""
    lookup = Lookup(raion_names={r.code: r.name_ro for r in raion_infos()})
    by_name: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    name_raions: defaultdict[str, set[str]] = defaultdict(set)
    for library_id, code, name, raion in session.execute(
        select(Library.id, Library.code, Library.name, Library.raion_code)
    ):
        lookup.library_by_code[fold(code)] = (library_id, raion)
        by_name[(raion, fold(name))].append(library_id)
        name_raions[fold(name)].add(raion)
        lookup.library_label[library_id] = f"{code} {name}"
    lookup.library_by_name, lookup.library_name_raions = dict(by_name), dict(name_raions)

    amb_by_name: defaultdict[tuple[int, str], list[int]] = defaultdict(list)
    name_libraries: defaultdict[str, set[int]] = defaultdict(set)
    for ambassador_id, code, display_name, library_id in session.execute(
        select(Ambassador.id, Ambassador.code, Ambassador.display_name, Ambassador.library_id)
    ):
        lookup.ambassador_by_code[fold(code)] = (ambassador_id, library_id)
        amb_by_name[(library_id, fold(display_name))].append(ambassador_id)
        name_libraries[fold(display_name)].add(library_id)
    lookup.ambassador_by_name = dict(amb_by_name)
    lookup.ambassador_name_libraries = dict(name_libraries)

    for code, *names in session.execute(
        select(ServiceType.code, ServiceType.name_ro, ServiceType.name_en, ServiceType.name_ru)
    ):
        for spelling in (*names, code):  # the code wins if a name folds to another's code
            lookup.services[fold(spelling)] = code
    return lookup

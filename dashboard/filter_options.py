"""What the filter controls offer (raions grouped by kind, service types with names)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RaionOption:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class ServiceOption:
    code: str
    names: dict[str, str]  # language -> name
    category: str


@dataclass(frozen=True)
class FilterOptions:
    """What the controls offer; fetched by the callbacks layer and passed in."""

    raions: tuple[RaionOption, ...]
    services: tuple[ServiceOption, ...]

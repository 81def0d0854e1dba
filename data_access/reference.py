"""The bundled real reference data (see reference_data/SOURCES.md), read lazily and cached.

Nothing is downloaded: the files ship inside the package and ``init-db`` loads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from data_access.models import Locality, Raion, ServiceType

REFERENCE_PACKAGE = "data_access.reference_data"
GEOJSON_FILE = "moldova_raions_simplified.geojson"
RAION_KIND = {
    "raion": "raion",
    "municipiu": "municipality",
    "uta": "atu",
    "unitate_teritoriala": "territorial_unit",
}


@dataclass(frozen=True)
class RaionInfo:
    code: str
    name_ro: str
    kind: str
    population: int | None


def _read_csv(name: str, **kwargs: Any) -> pd.DataFrame:
    with resources.files(REFERENCE_PACKAGE).joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, **kwargs)


@cache
def raions_frame() -> pd.DataFrame:
    """The 37 first-level units with 2024 census population (NA where not enumerated)."""
    raions = _read_csv("moldova_raions.csv", dtype={"cuatm_code": str}, keep_default_na=False)
    pop = _read_csv("moldova_population_2024.csv", dtype={"cuatm_code": str})
    merged = raions.merge(pop[["raion_code", "population", "year"]], on="raion_code", how="left")
    merged["kind"] = merged["unit_type"].map(RAION_KIND)
    merged["population"] = merged["population"].astype("Int64")
    merged["year"] = merged["year"].astype("Int64")
    return merged


@cache
def localities_frame() -> pd.DataFrame:
    """Cities, towns and villages (CUATM) with coordinates; ``raion_code`` is the truth."""
    return _read_csv("moldova_localities.csv", dtype={"cuatm_code": str, "admin_unit_code": str})


@cache
def service_types_frame() -> pd.DataFrame:
    return _read_csv("service_types.csv")


@cache
def raion_codes() -> frozenset[str]:
    return frozenset(raions_frame()["raion_code"])


@cache
def raion_infos() -> tuple[RaionInfo, ...]:
    return tuple(
        RaionInfo(
            code=r.raion_code,
            name_ro=r.name_ro,
            kind=r.kind,
            population=None if pd.isna(r.population) else int(r.population),
        )
        for r in raions_frame().itertuples()
    )


@cache
def raion_geojson_text() -> str:
    """The simplified boundaries as GeoJSON text (also served as a static asset)."""
    return resources.files(REFERENCE_PACKAGE).joinpath(GEOJSON_FILE).read_text(encoding="utf-8")


def raion_geojson() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(raion_geojson_text())
    return data


@cache
def raion_geojson_for_browser() -> str:
    """The boundaries with clockwise exterior rings, as d3-geo (plotly's geo maps) expects.

    RFC 7946 files wind exterior rings counter-clockwise; d3 reads that as "the whole globe
    minus the raion" and would paint everything. Coordinates are otherwise unchanged.
    """
    from shapely.geometry import mapping, shape
    from shapely.geometry.polygon import orient

    data = raion_geojson()
    for feature in data["features"]:
        geometry = shape(feature["geometry"])
        if geometry.geom_type == "Polygon":
            geometry = orient(geometry, sign=-1.0)
        else:
            geometry = type(geometry)([orient(part, sign=-1.0) for part in geometry.geoms])
        feature["geometry"] = mapping(geometry)
    return json.dumps(data, separators=(",", ":"))


def load_reference_data(session: Session) -> None:
    """Insert or refresh raions, localities and service types. Idempotent."""
    _load_raions(session)
    _load_service_types(session)
    _load_localities(session)


def _load_raions(session: Session) -> None:
    existing = {r.code: r for r in session.scalars(select(Raion))}
    for r in raions_frame().itertuples():
        values = {
            "name_ro": r.name_ro,
            "kind": r.kind,
            "population": None if pd.isna(r.population) else int(r.population),
            "population_year": None if pd.isna(r.year) else int(r.year),
            "name_ascii": r.name_ascii,
            "cuatm_code": r.cuatm_code,
            "area_km2": float(r.area_km2),
            "aliases": r.aliases,
        }
        row = existing.get(r.raion_code)
        if row is None:
            session.add(Raion(code=r.raion_code, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
    session.flush()


def _load_service_types(session: Session) -> None:
    existing = {s.code: s for s in session.scalars(select(ServiceType))}
    for s in service_types_frame().itertuples():
        values = {
            "name_ro": s.name_ro,
            "name_en": s.name_en,
            "name_ru": s.name_ru,
            "category": s.category,
            "mask_bit": int(s.mask_bit),
        }
        row = existing.get(s.code)
        if row is None:
            session.add(ServiceType(code=s.code, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
    session.flush()


def _load_localities(session: Session) -> None:
    frame = localities_frame()
    if session.scalar(select(func.count()).select_from(Locality)) == len(frame):
        return
    session.execute(delete(Locality))
    session.execute(
        insert(Locality),
        [
            {
                "id": i + 1,
                "cuatm_code": r.cuatm_code,
                "name_ro": r.name_ro,
                "kind": r.type,
                "raion_code": r.raion_code,
                "lat": float(r.lat),
                "lon": float(r.lon),
                "is_admin_seat": bool(r.is_admin_seat),
                "is_raion_center": bool(r.is_raion_center),
                "coord_source": r.coord_source,
            }
            for i, r in enumerate(frame.itertuples())
        ],
    )

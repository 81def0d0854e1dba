"""The libraries of the program, placed at real localities (``reference.localities_frame``).

Each raion centre gets the raion library (municipal in Chișinău and Bălți, which also get city
branches spread over the city); other towns get a town library and a sample of villages a village
library. Bender and the left bank are outside the program and get none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.demo.names import library_name
from data_access.reference import localities_frame, raions_frame

OUTSIDE_PROGRAM = frozenset({"MD-BD", "MD-SN"})
MUNICIPALITIES = frozenset({"MD-CU", "MD-BA"})
BRANCH_RADIUS_KM = {"MD-CU": 5.0, "MD-BA": 2.5}
BRANCH_SHARE = {"MD-CU": 0.026, "MD-BA": 0.004}  # of all libraries
JITTER_M = 300.0
APPROXIMATE_JITTER_M = 700.0
KM_PER_DEG_LAT = 111.2


@dataclass(frozen=True)
class Libraries:
    """Column arrays, one entry per library; ids are ``index + 1``."""

    frame: pd.DataFrame  # id, code, name, locality, raion_code, kind, lat, lon, is_center

    @property
    def n(self) -> int:
        return len(self.frame)

    def column(self, name: str) -> np.ndarray:
        return self.frame[name].to_numpy()


def _candidates() -> pd.DataFrame:
    loc = localities_frame()
    loc = loc[~loc["raion_code"].isin(OUTSIDE_PROGRAM)]
    loc = loc[~loc["name_ro"].str.contains("loc.st.c.f.", regex=False)]  # railway stations
    loc = loc.reset_index(drop=True)
    centre = loc["is_raion_center"].to_numpy().copy()
    for _unit, group in loc.groupby("raion_code"):
        if not group["is_raion_center"].any():  # Dubăsari: the raion seat is on the right bank
            seats = group[group["is_admin_seat"]].sort_values(
                "population_geonames", ascending=False, na_position="last"
            )
            centre[seats.index[0]] = True
    loc["is_center"] = centre
    return loc


def _kind(is_center: bool, unit: str, locality_type: str) -> str:
    if is_center:
        return "municipal" if unit in MUNICIPALITIES else "raion"
    return "village" if locality_type == "village" else "town"


def _jitter(rng: np.random.Generator, lat: float, radius_m: float) -> tuple[float, float]:
    distance = radius_m * np.sqrt(rng.random())
    angle = rng.random() * 2 * np.pi
    dlat = distance * np.cos(angle) / 1000 / KM_PER_DEG_LAT
    dlon = distance * np.sin(angle) / 1000 / (KM_PER_DEG_LAT * np.cos(np.radians(lat)))
    return dlat, dlon


def build_libraries(rng: np.random.Generator, count: int) -> Libraries:
    """About ``count`` libraries (never fewer than one per unit of the program)."""
    loc = _candidates()
    branches = {u: max(1, round(count * share)) for u, share in BRANCH_SHARE.items()}
    fixed = loc["is_center"] | (loc["type"] != "village")
    villages = np.flatnonzero(~fixed.to_numpy())
    wanted = count - int(fixed.sum()) - sum(branches.values())
    wanted = int(np.clip(wanted, 0, len(villages)))
    # Admin seats (communes) are likelier to have a library than small villages.
    weight = np.where(loc["is_admin_seat"].to_numpy()[villages], 3.0, 1.0)
    chosen = rng.choice(villages, size=wanted, replace=False, p=weight / weight.sum())
    keep = np.sort(np.r_[np.flatnonzero(fixed.to_numpy()), chosen])
    picked = loc.iloc[keep]

    rows: list[dict[str, object]] = []
    for place in picked.to_dict("records"):
        unit, name = str(place["raion_code"]), str(place["name_ro"])
        kind = _kind(bool(place["is_center"]), unit, str(place["type"]))
        lat, lon = float(place["lat"]), float(place["lon"])
        for branch in range(branches.get(unit, 1) if kind == "municipal" else 1):
            radius = BRANCH_RADIUS_KM[unit] * 1000 if branch else JITTER_M
            if place["coord_source"] == "approximate":
                radius = APPROXIMATE_JITTER_M
            dlat, dlon = _jitter(rng, lat, radius)
            rows.append(
                {
                    "raion_code": unit,
                    "locality": name,
                    "kind": kind,
                    "is_center": bool(place["is_center"]) and branch == 0,
                    "lat": round(lat + dlat, 6),
                    "lon": round(lon + dlon, 6),
                    "name": library_name(
                        rng, kind, unit, name, is_seat=bool(place["is_admin_seat"]), branch=branch
                    ),
                }
            )
    frame = pd.DataFrame(rows)
    order = {"municipal": 0, "raion": 1, "town": 2, "village": 3}
    frame["_kind_order"] = frame["kind"].map(order)
    frame = frame.sort_values(["raion_code", "_kind_order", "locality"], kind="stable")
    frame = frame.drop(columns="_kind_order").reset_index(drop=True)
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    number = frame.groupby("raion_code").cumcount() + 1
    frame.insert(
        1, "code", [f"BP-{u[3:]}-{n:04d}" for u, n in zip(frame["raion_code"], number, strict=True)]
    )
    return Libraries(frame=frame)


def raion_population() -> dict[str, int]:
    """Census population of the units that have one (the 35 of the program)."""
    r = raions_frame()
    r = r[r["population"].notna()]
    return {str(code): int(pop) for code, pop in zip(r["raion_code"], r["population"], strict=True)}

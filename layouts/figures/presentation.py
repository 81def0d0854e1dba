"""Figures restyled for a projector: large type, no fixed height (they fill their slide)."""

from __future__ import annotations

import copy
from typing import Any

PROJECTOR_FONT = 20
MANY_MONTHS = 8  # more month labels than fit side by side on a projector


def for_projector(figure: dict[str, Any], *, font_size: int = PROJECTOR_FONT) -> dict[str, Any]:
    """A copy of ``figure`` with large fonts that sizes itself to its container.

    Only the type and the margins change: the data, the palette and the "no data" message
    (a figure with ``meta.empty``) are kept as they are.
    """
    out = copy.deepcopy(figure)
    layout = out.setdefault("layout", {})
    layout.pop("height", None)
    layout["autosize"] = True
    layout["font"] = {**layout.get("font", {}), "size": font_size}
    layout["hoverlabel"] = {**layout.get("hoverlabel", {}), "font": {"size": font_size}}
    for note in layout.get("annotations", []):
        note["font"] = {**note.get("font", {}), "size": font_size + 4}
    for axis in ("xaxis", "yaxis"):
        if axis in layout:
            layout[axis] = {**layout[axis], "tickfont": {"size": font_size}}
    categories = max((len(trace.get("x") or []) for trace in out.get("data", [])), default=0)
    if layout.get("xaxis", {}).get("type") == "category" and categories > MANY_MONTHS:
        layout["xaxis"]["tickangle"] = -40
    for trace in out.get("data", []):
        if trace.get("type") == "bar" and "text" in trace:
            trace["textfont"] = {"size": font_size}
        if trace.get("type") == "choropleth" and "colorbar" in trace:
            trace["colorbar"] = {**trace["colorbar"], "tickfont": {"size": font_size - 2},
                                 "thickness": 20}  # fmt: skip
    return out


def regions_only(figure: dict[str, Any]) -> dict[str, Any]:
    """The national map without its library markers: one clean picture of the raion shading
    (the markers' legend lives on the map page, not on a slide)."""
    out = dict(figure)
    out["data"] = [trace for trace in figure.get("data", []) if trace.get("type") == "choropleth"]
    return out

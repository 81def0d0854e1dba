"""The naive baseline the benchmark compares against (``EAMBASADORI_NAIVE_BASELINE=1``, never in
production): the very same callbacks, but every query reads the raw fact tables (no rollups), no
result cache, and every figure is built through plotly's figure objects — the per-figure cost
plotly.express adds. Set per request, so one process serves one mode only."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

NAIVE: ContextVar[bool] = ContextVar("eambasadori_naive_baseline", default=False)


def naive_figures(result: Any) -> Any:
    """In naive mode, rebuild every figure dict in a callback result as a validated Figure."""
    if not NAIVE.get():
        return result
    import plotly.graph_objects as go

    def convert(value: Any) -> Any:
        if isinstance(value, dict) and "data" in value and "layout" in value:
            return go.Figure(value).to_plotly_json()
        if isinstance(value, list | tuple):
            return type(value)(convert(v) for v in value)
        return value

    return convert(result)

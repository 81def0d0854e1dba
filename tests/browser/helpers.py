"""Small waits and reads for browser tests (conditions, never fixed sleeps)."""

from __future__ import annotations

from typing import Any

SETTLED_JS = """() => document.querySelector('#page') !== null
  && document.querySelector('#page').children.length > 0
  && document.querySelectorAll('[data-dash-is-loading="true"]').length === 0"""


def wait_settled(tab: Any, timeout_ms: int = 20_000) -> None:
    """Wait until Dash has no callback in flight and the page content is rendered."""
    tab.wait_for_load_state("networkidle", timeout=timeout_ms)
    tab.wait_for_function(SETTLED_JS, timeout=timeout_ms)


def _kpi_selector(metric: str) -> str:
    return f'[id*=\'"metric":"{metric}"\'] .kpi-value'


def kpi_value(tab: Any, metric: str, timeout_ms: int = 20_000) -> int:
    """The KPI's value once its callback has filled it (the placeholder card has no
    ``data-value``, and KPI cards show no loading state, so a settled page may still
    hold the placeholder)."""
    selector = _kpi_selector(metric) + "[data-value]"
    tab.wait_for_selector(selector, timeout=timeout_ms)
    return int(tab.locator(selector).get_attribute("data-value"))


def kpi_value_after_change(tab: Any, metric: str, before: int, timeout_ms: int = 20_000) -> int:
    """The KPI's value once it differs from ``before`` (its callback may still be in flight
    when the page looks settled: KPI cards show no loading state)."""
    script = "([selector, before]) => document.querySelector(selector)"
    script += ".getAttribute('data-value') !== before"
    tab.wait_for_function(script, arg=[_kpi_selector(metric), str(before)], timeout=timeout_ms)
    return kpi_value(tab, metric)


def graph_data(tab: Any, graph_id: str) -> Any:
    """The data of a rendered plotly graph, read from the page."""
    return tab.evaluate(
        f"() => document.querySelector('#{graph_id} .js-plotly-plot').data"
        ".map(t => ({type: t.type, x: t.x, y: t.y, z: t.z, locations: t.locations}))"
    )

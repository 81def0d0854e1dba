"""The underserved score in a real browser: a coordinator sorts the list by clicking a column
and the export holds the units in the order shown, with the page's headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dashboard.i18n import t
from tests.browser.conftest import LiveServer, screenshot
from tests.browser.helpers import wait_settled

pytestmark = pytest.mark.browser
GRID = "coverage-score-grid"
SHOWN = """(id) => { const api = window.dash_ag_grid && dash_ag_grid.getApi(id);
  if (!api) return null; const rows = [];
  api.forEachNodeAfterFilterAndSort(n => rows.push([n.data.raion_name, n.data.score]));
  return rows; }"""


def _shown(tab: Any) -> list[tuple[str, float]]:
    """The grid's rows in the order on screen: (unit, score)."""
    tab.wait_for_function(f"() => {{ const r = ({SHOWN})('{GRID}'); return r && r.length > 0; }}")
    return [(name, score) for name, score in tab.evaluate(SHOWN, GRID)]


def test_the_score_list_sorts_by_a_click_and_exports_in_that_order(
    page: Any, live: LiveServer
) -> None:
    page.goto(live.url + "/acoperire?perioada=an")
    wait_settled(page)
    first = _shown(page)
    assert len(first) == 35  # every unit with census population
    scores = [score for _, score in first]
    assert scores == sorted(scores, reverse=True)  # the most underserved first
    page.locator(f"#{GRID} .ag-header-cell[col-id='score']").click()
    page.wait_for_function(
        f"(top) => {{ const r = ({SHOWN})('{GRID}'); return r && r[0][0] !== top; }}",
        arg=first[0][0],
    )
    ascending = _shown(page)
    assert [s for _, s in ascending] == sorted(scores)  # the best served first now
    with page.expect_download() as download:
        page.locator("#coverage-export-csv").click()
    lines = Path(download.value.path()).read_bytes().decode("utf-8-sig").strip().split("\r\n")
    header = lines[0].split(";")
    assert header[:3] == [t("coverage.col.rank", "ro"), t("common.raion", "ro"),
                          t("coverage.col.score", "ro")]  # fmt: skip
    assert [line.split(";")[1] for line in lines[1:]] == [name for name, _ in ascending]
    screenshot(page, "coverage-score-sorted")
    assert page.console_errors == []

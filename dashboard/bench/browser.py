"""Time, in headless Chromium, from a filter change until every chart on the page has settled."""

from __future__ import annotations

import shutil
import time
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SETTLED = """() => document.querySelector('#page')
  && document.querySelector('#page').children.length
  && document.querySelectorAll('[data-dash-is-loading="true"]').length === 0
  && Array.from(document.querySelectorAll('.js-plotly-plot')).length > 0"""


def _settled_after(tab: Any, action: Any, url_part: str) -> float:
    start = time.perf_counter()
    action()
    tab.wait_for_url(f"**{url_part}**", timeout=60_000)
    tab.wait_for_function(SETTLED, timeout=60_000, polling="raf")
    return (time.perf_counter() - start) * 1000


def measure(base_url: str, repeats: int = 3) -> list[dict[str, Any]]:
    """Open the overview and the map, pick a raion in the filter panel, time until settled."""
    from playwright.sync_api import sync_playwright

    results = []
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for path in ("/", "/harta"):
            samples = []
            for raion, name in (("MD-UN", "Ungheni"), ("MD-CA", "Cahul"), ("MD-OR", "Orhei"))[
                :repeats
            ]:
                tab = browser.new_page(viewport={"width": 1280, "height": 800})
                start = time.perf_counter()
                tab.goto(base_url + path)
                tab.wait_for_function(SETTLED, timeout=60_000, polling="raf")
                loaded_ms = (time.perf_counter() - start) * 1000

                tab.locator("#filter-raion").click()
                tab.keyboard.type(name)
                option = tab.get_by_role("option", name=name)
                option.wait_for()
                samples.append((loaded_ms, _settled_after(tab, option.click, f"raion={raion}")))
                tab.close()
            results.append(
                {
                    "page": path,
                    "load_ms": round(sorted(s[0] for s in samples)[len(samples) // 2], 0),
                    "filter_change_settled_ms": [round(s[1], 0) for s in samples],
                    "median_settled_ms": round(sorted(s[1] for s in samples)[len(samples) // 2], 0),
                }
            )
        browser.close()
    return results

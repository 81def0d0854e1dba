"""Time, in headless Chromium, from a filter change until every chart on the page has settled."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
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


WATCH_CHANGES = """() => {
  window.__lastChange = performance.now();
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true,
                             characterData: true});
  return performance.now();
}"""
QUIET_MS = 600  # no callback in flight for this long: the change is over


def _settled_after(tab: Any, action: Any, url_part: str) -> float:
    """Milliseconds from the filter change to the page's last change caused by it: every
    callback it triggered has answered and its output is drawn (the last DOM mutation, which
    includes plotly's redraws), read on the page's own clock."""
    in_flight: set[Any] = set()
    seen: list[float] = []

    def started(request: Any) -> None:
        if "_dash-update-component" in request.url:
            in_flight.add(request)
            seen.append(time.perf_counter())

    def ended(request: Any) -> None:
        if request in in_flight:
            in_flight.discard(request)
            seen.append(time.perf_counter())

    tab.on("request", started)
    tab.on("requestfinished", ended)
    tab.on("requestfailed", ended)
    start = tab.evaluate(WATCH_CHANGES)
    action()
    tab.wait_for_url(f"**{url_part}**", timeout=60_000)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        tab.wait_for_timeout(25)  # lets Playwright deliver the network events
        if seen and not in_flight and (time.perf_counter() - seen[-1]) * 1000 >= QUIET_MS:
            break
    tab.wait_for_function(SETTLED, timeout=60_000, polling="raf")
    return float(tab.evaluate("() => window.__lastChange")) - float(start)


def measure(base_url: str, repeats: int = 3) -> list[dict[str, Any]]:
    """Open the overview and the map, pick a raion in the filter panel, time until settled.

    Runs in a thread of its own: Playwright's sync API refuses a thread with an event loop
    running (as in a test session that also drives a browser)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_measure, base_url, repeats).result()


def _measure(base_url: str, repeats: int) -> list[dict[str, Any]]:
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

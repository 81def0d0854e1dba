"""Browser tier: the real app served on loopback, driven by Debian's headless Chromium through
Playwright (nothing downloads a browser). Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from dashboard.app_factory import create_app
from data_access.pg_cluster import free_port
from tests.conftest import app_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


@dataclass
class LiveServer:
    url: str
    db_path: Path
    thread: threading.Thread
    server: Any

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def start_server(db_path: Path, tmp_path: Path, **settings: object) -> LiveServer:
    port = free_port()
    app = create_app(app_settings(f"sqlite:///{db_path}", tmp_path, **settings))
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return LiveServer(f"http://127.0.0.1:{port}", db_path, thread, server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("EAMB_REQUIRE_BROWSER") == "1":
            pytest.fail("Debian's chromium is required for the browser tests but is missing")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def live(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on the demo database (a private copy), refreshing every 2 seconds."""
    folder = tmp_path_factory.mktemp("live")
    db_path = folder / "demo.sqlite3"
    shutil.copy(demo_sqlite, db_path)
    server = start_server(db_path, folder, refresh_seconds=2)
    yield server
    server.stop()


def leaves_the_machine(url: str, app_url: str) -> bool:
    """True for a request to any host but the app's (inline ``data:`` and ``blob:`` stay)."""
    parts, app = urlsplit(url), urlsplit(app_url)
    if parts.scheme in ("data", "blob"):
        return False
    return (parts.scheme, parts.netloc) != (app.scheme, app.netloc)


@pytest.fixture
def page(browser: Any, live: LiveServer) -> Iterator[Any]:
    """A fresh page that records console errors and every request leaving the app's host.

    The teardown fails the test if any page of its context (extra tabs included) asked another
    host for anything: every browser test, run alone or in any order, proves the app offline."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ro-MD")
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if leaves_the_machine(r.url, live.url)
               else None)  # fmt: skip
    tab = context.new_page()
    tab.console_errors = []
    tab.external_requests = outside
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    yield tab
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


def screenshot(tab: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=False)
    return path


@pytest.fixture(autouse=True, scope="session")
def _quiet_werkzeug() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

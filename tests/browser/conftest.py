"""Browser tier: the real app served on loopback, driven by Debian's headless Chromium through
Playwright (nothing downloads a browser). Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    external_requests: list[str] = field(default_factory=list)

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


@pytest.fixture
def page(browser: Any, live: LiveServer) -> Iterator[Any]:
    """A fresh page that records console errors and every request leaving the app's host."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ro-MD")
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))

    def track(request: Any) -> None:
        if not request.url.startswith((live.url, "data:", "blob:")):
            live.external_requests.append(request.url)

    tab.on("request", track)
    yield tab
    context.close()


def screenshot(tab: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=False)
    return path


@pytest.fixture(autouse=True, scope="session")
def _quiet_werkzeug() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

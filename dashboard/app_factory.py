"""``create_app(settings)``: builds one self-contained Dash app (STYLE.md, flaskr-style)."""

from __future__ import annotations

import itertools
import logging
import os
import weakref
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import dash
from flask import Response, jsonify, request, send_file
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from callbacks import coverage as coverage_callbacks
from callbacks import data as data_callbacks
from callbacks import directory as directory_callbacks
from callbacks import filters as filter_callbacks
from callbacks import map as map_callbacks
from callbacks import overview as overview_callbacks
from callbacks import overview_kpis as overview_kpi_callbacks
from callbacks import presentation as presentation_callbacks
from callbacks import shell as shell_callbacks
from callbacks import targets as targets_callbacks
from dashboard import response_cache
from dashboard.baseline import NAIVE
from dashboard.cache import ResultCache
from dashboard.context import AppContext
from dashboard.i18n import t
from dashboard.settings import Settings
from data_access.database import Database
from data_access.queries.versioned import trim_heap
from data_access.reference import raion_geojson_for_browser
from layouts.filter_panel import filter_panel
from layouts.shell import root_layout

log = logging.getLogger(__name__)
TRIM_EVERY_REQUESTS = 25
CALLBACK_MODULES = (
    shell_callbacks,
    filter_callbacks,
    overview_callbacks,
    overview_kpi_callbacks,
    map_callbacks,
    targets_callbacks,
    coverage_callbacks,
    directory_callbacks,
    presentation_callbacks,
    data_callbacks,
)
ASSETS = Path(__file__).resolve().parent.parent / "assets"
BOOTSTRAP_CSS = "/vendor/bootstrap.min.css"


def _bootstrap_css_path() -> Any:
    return (
        resources.files("flask_bootstrap") / "static" / "bootstrap5" / "css" / "bootstrap.min.css"
    )


def _add_routes(server: Any, app_ctx: AppContext) -> None:
    @server.route(BOOTSTRAP_CSS)
    def bootstrap_css() -> Response:
        with resources.as_file(_bootstrap_css_path()) as path:
            return send_file(path, mimetype="text/css", max_age=86400)

    @server.route("/assets/geo/raions.geojson")
    def raions_geojson() -> Response:
        response = Response(raion_geojson_for_browser(), mimetype="application/geo+json")
        response.cache_control.max_age = 86400
        response.cache_control.public = True
        return response

    @server.route("/healthz")
    def health() -> Any:
        """For load balancers and the benchmarks: the data version this worker sees and
        whether its in-memory store holds it yet (a new version warms it)."""
        try:
            status = app_ctx.status()
        except SQLAlchemyError:
            return jsonify({"database": "unreachable"}), 503
        return jsonify({"version": status.version, "ready": app_ctx.warmer.is_warm(status.version),
                        "pid": os.getpid()})  # fmt: skip

    @server.errorhandler(Exception)
    def handle_error(error: Exception) -> Any:
        """No traceback, SQL text or 500 page ever reaches a user."""
        if isinstance(error, HTTPException) and error.code and error.code < 500:
            return error
        log.exception("unhandled error on %s", request.path)
        if request.path.startswith("/_dash-"):
            return jsonify({"error": t("notice.bad_request", "ro")}), 400
        return t("shell.error", "ro"), 503


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the app. Nothing touches the database until the first request."""
    settings = settings or Settings.from_env()
    app = dash.Dash(
        __name__,
        title="eAmbasadori",
        assets_folder=str(ASSETS),
        external_stylesheets=[BOOTSTRAP_CSS],
        suppress_callback_exceptions=True,
        update_title="",
        serve_locally=True,
        compress=True,
    )
    server = app.server
    # gzip at level 3, the level of zstd's default (browsers mostly get zstd or brotli): a map
    # answer of 40 KB compresses in ~1 ms instead of ~4 ms at gzip's default 6, 5-7% larger
    server.config["COMPRESS_LEVEL"] = 3
    # The file travels base64-encoded inside the callback's JSON: room for it plus a margin.
    server.config["MAX_CONTENT_LENGTH"] = data_callbacks.request_limit(settings.max_upload_bytes)
    db = Database(settings.database_url, pool_size=settings.pool_size)
    app_ctx = AppContext(settings, db, ResultCache(server, settings))
    server.extensions["eambasadori"] = app_ctx
    server.extensions["dash_app"] = app
    app.layout = lambda: _layout(app_ctx)
    _add_routes(server, app_ctx)
    if settings.naive_baseline:
        server.before_request(lambda: NAIVE.set(True) and None)
    else:
        response_cache.install(server, app_ctx)
    for module in CALLBACK_MODULES:
        module.register(app, app_ctx)
    server.teardown_request(_trim_every(TRIM_EVERY_REQUESTS))
    # gunicorn --preload forks workers from this process: a child must never reuse a database
    # connection of its parent (they would talk over one socket and corrupt each other).
    engine = weakref.ref(db.engine)
    os.register_at_fork(after_in_child=lambda: _forget_connections(engine()))
    return app


def _trim_every(requests: int) -> Callable[[BaseException | None], None]:
    """A teardown hook that trims the heap (:func:`trim_heap`, ~2 ms) once every ``requests``
    requests, after the response has gone out."""
    served = itertools.count(1)

    def teardown(_error: BaseException | None) -> None:
        if next(served) % requests == 0:
            trim_heap()

    return teardown


def _forget_connections(engine: Any) -> None:
    if engine is not None:
        engine.dispose(close=False)


def _layout(app_ctx: AppContext) -> Any:
    """The skeleton with a default filter panel; the router fills in the page and language."""
    filters, _, lang = app_ctx.parse("")
    panel = filter_panel(filters, app_ctx.filter_options, lang, app_ctx.today().isoformat())
    return root_layout(app_ctx.settings.refresh_seconds * 1000, _initial_version(app_ctx), panel)


def _initial_version(app_ctx: AppContext) -> int:
    try:
        return app_ctx.status().version
    except Exception:
        log.warning("database unreachable while serving the layout", exc_info=True)
        return -1

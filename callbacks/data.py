"""Data page callbacks: check an uploaded report (a dry run), import it on confirmation, list
the import history, serve the templates. Only :func:`confirm` writes to the database.

The server stays stateless: the uploaded bytes live in a client-side store and the confirmation
sends them again; the import goes ahead only if their SHA-256 is the one the user was shown.
Sizes are enforced three times: in the browser (a file over the limit is never read or sent),
in the callback (decoded size against ``max_upload_bytes`` and the parser's limits) and by Flask
(``MAX_CONTENT_LENGTH`` = :func:`request_limit`: a larger request is refused with 413 before
any callback runs, answered with a short JSON message instead of an HTML page).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate
from flask import jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from callbacks.common import guarded, language_of
from callbacks.data_view import (
    format_specs,
    history_frame,
    mb_text,
    problem_message,
    read_upload,
    to_view,
)
from dashboard.context import AppContext
from dashboard.i18n import normalize_language, t
from dashboard.pages import PAGES_BY_KEY
from dashboard.url_state import to_query
from data_access.importing import (
    KINDS,
    ImportLimits,
    import_file,
    import_history,
    inspect_file,
    template_bytes,
    template_file_name,
)
from layouts import ids
from layouts.grid import grid_rows
from layouts.import_report import confirm_note, refusal_panel, report_panel, result_panel
from layouts.pages.data import (
    HISTORY_COLUMNS,
    HISTORY_LIMIT,
    TEMPLATE_FORMATS,
    file_info,
    format_section,
)

log = logging.getLogger(__name__)
REQUEST_MARGIN = 1024 * 1024  # the JSON around the file, and the other inputs of the callback

# Installed once per page load: refuses, before anything is read, a file that is too large, not
# CSV/XLSX, or one of several (dcc.Upload itself would drop such a file without a word).
GUARD_JS = """
function (limit) {
    if (!limit) { return window.dash_clientside.no_update; }
    window.eambUploadLimit = limit;
    if (!window.eambUploadGuard) {
        window.eambUploadGuard = true;
        var check = function (event) {
            var target = event.target;
            if (!target || !target.closest || !target.closest('#UPLOAD')) { return; }
            var files = (event.dataTransfer && event.dataTransfer.files) || target.files;
            if (!files || files.length === 0) { return; }
            var file = files[0], problem = null;
            if (files.length > 1) { problem = 'several'; }
            else if (!/[.](csv|xlsx)$/i.test(file.name)) { problem = 'wrong_type'; }
            else if (file.size > window.eambUploadLimit) { problem = 'too_large'; }
            if (problem) {
                window.dash_clientside.set_props('FILE', {data: {name: file.name,
                    size: file.size, problem: problem, at: Date.now()}});
            }
        };
        document.addEventListener('drop', check, true);
        document.addEventListener('change', check, true);
    }
    return limit;
}
""".replace("UPLOAD", ids.DATA_UPLOAD).replace("FILE", ids.DATA_FILE)

# The chosen file goes to the store with its size (the data URL's payload is base64).
STORE_JS = """
function (contents, name, limit) {
    if (typeof contents !== 'string') { return window.dash_clientside.no_update; }
    var b64 = contents.slice(contents.indexOf(',') + 1);
    var pad = b64.endsWith('==') ? 2 : (b64.endsWith('=') ? 1 : 0);
    var size = Math.max(0, Math.floor(b64.length * 3 / 4) - pad);
    if (limit && size > limit) {
        return {name: name, size: size, problem: 'too_large', at: Date.now()};
    }
    return {name: name, size: size, content: contents, at: Date.now()};
}
"""


def request_limit(max_upload_bytes: int) -> int:
    """``MAX_CONTENT_LENGTH`` for callbacks carrying a file of ``max_upload_bytes`` in base64."""
    return -(-max_upload_bytes * 4 // 3) + REQUEST_MARGIN


def _kind(value: object) -> str | None:
    return value if isinstance(value, str) and value in KINDS else None


def _created_by() -> str:
    return f"dashboard {request.remote_addr or 'unknown'}"


def _overview_href(app_ctx: AppContext, search: str | None) -> str:
    """The overview, with the filters and language of the current URL."""
    filters, _, lang = app_ctx.parse(search)
    return PAGES_BY_KEY["overview"].path + to_query(filters, lang if lang != "ro" else None)


def _inspect_fallback(lang: str, message: str) -> tuple[Any, ...]:
    waiting = t("data.confirm.waiting", lang)
    return refusal_panel(message, lang), None, True, waiting, None, None


def _confirm_fallback(lang: str, message: str) -> tuple[Any, ...]:
    return refusal_panel(message, lang), False, no_update, no_update


def register(app: Dash, app_ctx: AppContext) -> None:
    max_bytes = app_ctx.settings.max_upload_bytes
    limits = ImportLimits(max_bytes=max_bytes)
    _register_too_large(app, max_bytes)
    app.clientside_callback(
        GUARD_JS,
        Output(ids.DATA_UPLOAD_GUARD, "data"),
        Input(ids.DATA_UPLOAD_LIMIT, "data", allow_optional=True),
    )
    app.clientside_callback(
        STORE_JS,
        Output(ids.DATA_FILE, "data"),
        Input(ids.DATA_UPLOAD, "contents", allow_optional=True),
        State(ids.DATA_UPLOAD, "filename", allow_optional=True),
        State(ids.DATA_UPLOAD_LIMIT, "data", allow_optional=True),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.DATA_UPLOAD, "max_size"),
        Output(ids.DATA_UPLOAD_HINT, "children"),
        Output(ids.DATA_UPLOAD_LIMIT, "data"),
        Output(ids.DATA_FORMAT, "children"),
        Input(ids.URL, "search"),
    )
    def configure(search: str | None) -> tuple[Any, ...]:
        lang = language_of(search)
        hint = t("data.upload.hint", lang, limit_mb=mb_text(max_bytes, lang))
        return max_bytes, hint, max_bytes, format_section(format_specs(), lang)

    @app.callback(
        Output(ids.DATA_REPORT, "children"),
        Output(ids.DATA_FILE_INFO, "children"),
        Output(ids.DATA_CONFIRM, "disabled"),
        Output(ids.DATA_CONFIRM_NOTE, "children"),
        Output(ids.DATA_INSPECTED, "data"),
        Output(ids.DATA_RESULT, "children", allow_duplicate=True),
        State(ids.URL, "search"),
        Input(ids.DATA_FILE, "data", allow_optional=True),
        Input(ids.DATA_KIND, "value", allow_optional=True),
        prevent_initial_call=True,
    )
    @guarded(_inspect_fallback)
    def inspect(search: str | None, stored: Any, kind: Any) -> tuple[Any, ...]:
        """The dry run: read and validate the file, show every problem. Writes nothing."""
        lang = language_of(search)
        upload = read_upload(stored, max_bytes)
        if upload is None:
            raise PreventUpdate
        info = file_info(upload.name, upload.size, lang)
        if upload.content is None:
            message = problem_message(upload, max_bytes, lang)
            return refusal_panel(message, lang), info, True, confirm_note(None, lang), None, None
        report = inspect_file(app_ctx.db, upload.name, upload.content, _kind(kind),
                              today=app_ctx.today(), limits=limits)  # fmt: skip
        view = to_view(report, upload.size, lang)
        inspected = {"sha256": report.sha256} if view.importable else None
        note = confirm_note(view, lang)
        return report_panel(view, lang), info, not view.importable, note, inspected, None

    @app.callback(
        Output(ids.DATA_RESULT, "children"),
        Output(ids.DATA_CONFIRM, "disabled", allow_duplicate=True),
        Output(ids.DATA_CONFIRM_NOTE, "children", allow_duplicate=True),
        Output(ids.DATA_IMPORTED, "data"),
        State(ids.URL, "search"),
        Input(ids.DATA_CONFIRM, "n_clicks", allow_optional=True),
        State(ids.DATA_FILE, "data", allow_optional=True),
        State(ids.DATA_KIND, "value", allow_optional=True),
        State(ids.DATA_INSPECTED, "data", allow_optional=True),
        State(ids.DATA_IMPORTED, "data", allow_optional=True),
        running=[(Output(ids.DATA_CONFIRM, "disabled"), True, True)],
        prevent_initial_call=True,
    )
    @guarded(_confirm_fallback)
    def confirm(search: str | None, clicks: Any, stored: Any, kind: Any, inspected: Any,
                imported: Any) -> tuple[Any, ...]:  # fmt: skip
        """The only write: import exactly the bytes that were checked, then clear the cache."""
        if not clicks:
            raise PreventUpdate
        lang = language_of(search)
        upload = read_upload(stored, max_bytes)
        if upload is None or upload.content is None or not isinstance(inspected, dict):
            return refusal_panel(t("data.confirm.no_file", lang), lang), True, "", imported
        if hashlib.sha256(upload.content).hexdigest() != inspected.get("sha256"):
            return refusal_panel(t("data.confirm.changed", lang), lang), True, "", imported
        by, today = _created_by(), app_ctx.today()
        report = import_file(app_ctx.db, upload.name, upload.content, _kind(kind),
                             created_by=by, today=today, limits=limits)  # fmt: skip
        if report.inserted:
            app_ctx.cache.clear()
        view = to_view(report, upload.size, lang, located=True)
        retry = report.status == "failed"  # busy or unreachable: the same file may be retried
        panel = result_panel(view, lang, _overview_href(app_ctx, search))
        return panel, not retry, no_update if retry else "", (imported or 0) + 1

    @app.callback(
        Output(ids.DATA_HISTORY_GRID, "rowData"),
        Input(ids.URL, "search"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.DATA_IMPORTED, "data", allow_optional=True),
    )
    @guarded(lambda _lang, _message: no_update)  # the shell's banner says the database is down
    def history(search: str | None, _version: Any, _imported: Any) -> list[dict[str, Any]]:
        frame = history_frame(import_history(app_ctx.db, HISTORY_LIMIT))
        return grid_rows(frame, HISTORY_COLUMNS, language_of(search), "id")

    @app.callback(
        Output(ids.DATA_DOWNLOAD, "data"),
        State(ids.URL, "search"),
        Input(ids.data_template(ALL, ALL), "n_clicks", allow_optional=True),
        prevent_initial_call=True,
    )
    def download(search: str | None, _clicks: Any) -> dict[str, Any]:
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not any(c["value"] for c in ctx.triggered):
            raise PreventUpdate
        kind, fmt = trigger.get("kind"), trigger.get("format")
        if kind not in KINDS or fmt not in TEMPLATE_FORMATS:
            raise PreventUpdate
        xlsx = fmt == "xlsx"
        content = template_bytes(str(kind), xlsx, language_of(search))
        return dcc.send_bytes(content, template_file_name(str(kind), xlsx))


def _register_too_large(app: Dash, max_bytes: int) -> None:
    """A request over ``MAX_CONTENT_LENGTH``: 413 with a short translated JSON message."""

    def too_large(_error: RequestEntityTooLarge) -> Any:
        query = parse_qs(urlsplit(request.referrer or "").query)
        lang = normalize_language((query.get("limba") or [""])[0])
        message = t("data.request_too_large", lang, limit_mb=mb_text(max_bytes, lang))
        if request.path.startswith("/_dash-"):
            return jsonify({"error": message}), 413
        return message, 413, {"Content-Type": "text/plain; charset=utf-8"}

    app.server.register_error_handler(RequestEntityTooLarge, too_large)

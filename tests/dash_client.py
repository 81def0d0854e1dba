"""Drive Dash callbacks over HTTP with the Flask test client, as the browser would."""

from __future__ import annotations

import json
import re
from typing import Any

from flask.testing import FlaskClient

Prop = tuple[Any, str]  # (component id, property)


def _prop_id(cid: Any, prop: str) -> str:
    if isinstance(cid, dict):
        return json.dumps(cid, separators=(",", ":"), sort_keys=True) + "." + prop
    return f"{cid}.{prop}"


def _registered(client: FlaskClient, output: str) -> str:
    """The key Dash registered for ``output`` (outputs with allow_duplicate get an @hash)."""
    app = client.application.extensions.get("dash_app")
    if app is None:
        return output
    for key in app.callback_map:
        if re.sub(r"@[0-9a-f]+", "", key) == output:
            return str(key)
    if f"..{output}.." in app.callback_map:
        return f"..{output}.."
    return output


def post_callback(
    client: FlaskClient,
    outputs: list[Prop],
    inputs: list[tuple[Any, str, Any]],
    state: list[tuple[Any, str, Any]] | None = None,
    changed: list[Prop] | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """POST /_dash-update-component; returns the Flask response. A single output registered
    as a list of one (``[Output(...)]``) is sent the way the renderer sends it."""
    single = _prop_id(*outputs[0])
    if len(outputs) > 1:
        output = ".." + "...".join(_prop_id(*o) for o in outputs) + ".."
    elif _registered(client, single) == f"..{single}..":
        output = f"..{single}.."
    else:
        output = single
    body = {
        "output": _registered(client, output),
        "outputs": [{"id": c, "property": p} for c, p in outputs]
        if len(outputs) > 1 or output.startswith("..")
        else {"id": outputs[0][0], "property": outputs[0][1]},
        "inputs": [{"id": c, "property": p, "value": v} for c, p, v in inputs],
        "state": [{"id": c, "property": p, "value": v} for c, p, v in (state or [])],
        "changedPropIds": [_prop_id(*c) for c in (changed or [])],
    }
    return client.post("/_dash-update-component", json=body, headers=headers or {})


def response_value(response: Any, cid: str, prop: str) -> Any:
    return response.get_json()["response"][cid][prop]


def kpi_values(client: FlaskClient, search: str, version: int = 1) -> dict[str, int]:
    """Metric -> the number its KPI card shows, through the two KPI callbacks over HTTP."""
    from callbacks.overview_kpis import ACTIVITY, DORMANT_NOTE, PLACES
    from layouts import ids

    inputs = [(ids.URL, "search", search), (ids.DATA_VERSION, "data", version)]
    values: dict[str, int] = {}
    for metrics, extra in ((ACTIVITY, []), (PLACES, [DORMANT_NOTE])):
        outputs = [(ids.kpi_part(m, p), "children") for m in metrics for p in ("value", "change")]
        outputs += [(o.component_id, o.component_property) for o in extra]
        response = post_callback(client, outputs, inputs)
        assert response.status_code == 200, response.data[:300]
        body = response.get_json()["response"]
        for metric in metrics:
            key = json.dumps(ids.kpi_part(metric, "value"), separators=(",", ":"), sort_keys=True)
            value = body[key]["children"]["props"]["data-value"]
            values[metric] = int(value)
    return values

"""Every callback of every page, as the browser would call it: payloads built from the app's own
callback map and page layouts (so new pages are benchmarked without editing this file)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import dash

from dashboard.pages import PAGES, Page
from layouts import ids

SHELL = "shell"
# Inputs the benchmark varies; everything else takes the value the page layout gives it.
VARIED = {(ids.URL, "search"), (ids.DATA_VERSION, "data"), (ids.URL, "pathname")}


@dataclass
class CallbackCase:
    """One callback: where it lives and how to call it."""

    key: str  # the callback map key (the "output" field of the request)
    page: str
    outputs: list[dict[str, Any]]
    inputs: list[dict[str, Any]]
    state: list[dict[str, Any]]
    defaults: dict[tuple[str, str], Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        first = self.outputs[0]
        return f"{self.page}:{id_key(first['id'])}.{first['property']}"

    def body(
        self, search: str, version: int, path: str, fed_back: dict[tuple[str, str], Any]
    ) -> dict[str, Any]:
        def value(dep: dict[str, Any]) -> Any:
            key = (id_key(dep["id"]), dep["property"])
            if key == (ids.URL, "search"):
                return search
            if key == (ids.DATA_VERSION, "data"):
                return version
            if key == (ids.URL, "pathname"):
                return path
            return fed_back.get(key, self.defaults.get(key))

        # "..id.prop.." is a list of outputs, even a list of one
        outputs = self.outputs if self.key.startswith("..") else self.outputs[0]
        return {
            "output": self.key,
            "outputs": outputs,
            "inputs": [{**dep, "value": value(dep)} for dep in self.inputs],
            "state": [{**dep, "value": value(dep)} for dep in self.state],
            "changedPropIds": [f"{ids.URL}.search"],
        }


def _walk(component: Any) -> Iterator[Any]:
    if isinstance(component, dash.development.base_component.Component):
        yield component
        children = getattr(component, "children", None)
        if isinstance(children, list | tuple):
            for child in children:
                yield from _walk(child)
        elif children is not None:
            yield from _walk(children)


def id_key(cid: Any) -> str:
    """A component id as Dash writes it in callback keys (dict ids as sorted JSON)."""
    return json.dumps(cid, separators=(",", ":"), sort_keys=True) if isinstance(cid, dict) else cid


def _component_props(layout: Any) -> dict[str, dict[str, Any]]:
    props: dict[str, dict[str, Any]] = {}
    for component in _walk(layout):
        cid = getattr(component, "id", None)
        if isinstance(cid, str | dict):
            props[id_key(cid)] = component.to_plotly_json()["props"]
    return props


def _parse_outputs(key: str) -> list[dict[str, Any]]:
    text = key[2:-2] if key.startswith("..") else key
    outputs = []
    for part in text.split("..."):
        cid, prop = part.rsplit(".", 1)
        parsed: Any = json.loads(cid) if cid.startswith("{") else cid
        outputs.append({"id": parsed, "property": prop.split("@")[0]})
    return outputs


def catalog(
    app: dash.Dash, page_layouts: dict[str, Callable[[str], Any]], shell_layout: Any
) -> list[CallbackCase]:
    """Server-side callbacks with plain string ids, each tagged with the page it serves."""
    pages: dict[str, dict[str, dict[str, Any]]] = {SHELL: _component_props(shell_layout)}
    for page in PAGES:
        builder = page_layouts.get(page.key)
        if builder is not None:
            pages[page.key] = _component_props(builder("ro"))
    cases = []
    for key, spec in app.callback_map.items():
        if '["ALL"]' in key or '["MATCH"]' in key or spec.get("callback") is None:
            continue  # pattern-matching outputs (navigation links) and clientside callbacks
        outputs = _parse_outputs(key)
        first = id_key(outputs[0]["id"])
        owner = next((p for p, comps in pages.items() if p != SHELL and first in comps), SHELL)
        defaults = {}
        for dep in [*spec["inputs"], *spec["state"]]:
            dep_key = id_key(dep["id"])
            for comps in (pages.get(owner, {}), pages[SHELL]):
                if dep_key in comps and dep["property"] in comps[dep_key]:
                    defaults[(dep_key, dep["property"])] = comps[dep_key][dep["property"]]
                    break
        inputs = [{"id": d["id"], "property": d["property"]} for d in spec["inputs"]]
        state = [{"id": d["id"], "property": d["property"]} for d in spec["state"]]
        cases.append(CallbackCase(key, owner, outputs, inputs, state, defaults))
    return cases


def page_path(key: str) -> str:
    page: Page | None = next((p for p in PAGES if p.key == key), None)
    return page.path if page else "/"


def fed_back_values(case: CallbackCase, response: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """Outputs that the same callback also reads as State (e.g. the map's "already drawn")."""
    values = {}
    state_keys = {(id_key(d["id"]), d["property"]) for d in case.state}
    for cid, props in response.get("response", {}).items():
        for prop, value in props.items():
            if (cid, prop) in state_keys:
                values[(cid, prop)] = value
    return values


def dumps(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()

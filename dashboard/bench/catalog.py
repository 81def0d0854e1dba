"""Every callback of every page, as the browser would call it: payloads built from the app's own
callback map and page layouts (so new pages are benchmarked without editing this file).

Callbacks that read the URL are called as a filter change. The others are called by their own
control: a button's click (an export really exports), so their timing is their real work.
Pattern-matching ids (``ALL``) are expanded to the components the layouts hold."""

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
# Never clicked: confirming an import writes to the database (the benchmark only reads).
NEVER_CLICKED = {(ids.DATA_CONFIRM, "n_clicks")}
CLICK = "n_clicks"
ALL = ["ALL"]
Dep = dict[str, Any]
# A dependency as sent: one component, or the list of components a wildcard id matches.
Sent = Dep | list[Dep]


@dataclass
class CallbackCase:
    """One callback: where it lives and how to call it."""

    key: str  # the callback map key (the "output" field of the request)
    page: str
    outputs: list[Sent]
    inputs: list[Sent]
    state: list[Sent]
    defaults: dict[tuple[str, str], Any] = field(default_factory=dict)
    clicked: tuple[str, str] | None = None  # the control that triggers it, when not the URL

    @property
    def name(self) -> str:
        """Page and first output; a second writer of an output (``allow_duplicate``) is told
        apart by its first input, e.g. the URL written by the filters and by a map click."""
        first = _parse_outputs(self.key)[0]
        name = f"{self.page}:{id_key(first['id'])}.{first['property']}"
        if "@" in self.key.split("...")[0]:
            trigger = flat(self.inputs)[0]
            name += f" ({id_key(trigger['id'])}.{trigger['property']})"
        return name

    def body(
        self,
        search: str,
        version: int,
        path: str,
        fed_back: dict[tuple[str, str], Any],
        *,
        click: bool = True,
    ) -> dict[str, Any]:
        """The request; ``click=False`` sends a filter change even to a clicked callback (a page
        view runs it that way: an export does nothing until its button is pressed)."""
        clicked = self.clicked if click else None

        def value(dep: dict[str, Any]) -> Any:
            key = (id_key(dep["id"]), dep["property"])
            if key == (ids.URL, "search"):
                return search
            if key == (ids.DATA_VERSION, "data"):
                return version
            if key == (ids.URL, "pathname"):
                return path
            if key == clicked:
                return 1
            return fed_back.get(key, self.defaults.get(key))

        def filled(sent: Sent) -> Sent:
            if isinstance(sent, list):
                return [{**dep, "value": value(dep)} for dep in sent]
            return {**sent, "value": value(sent)}

        # "..id.prop.." is a list of outputs, even a list of one
        outputs = self.outputs if self.key.startswith("..") else self.outputs[0]
        changed = f"{clicked[0]}.{clicked[1]}" if clicked else f"{ids.URL}.search"
        return {
            "output": self.key,
            "outputs": outputs,
            "inputs": [filled(dep) for dep in self.inputs],
            "state": [filled(dep) for dep in self.state],
            "changedPropIds": [changed],
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


def flat(sents: list[Sent]) -> list[Dep]:
    """Every component of a callback's outputs, inputs or state, wildcards expanded."""
    return [dep for sent in sents for dep in (sent if isinstance(sent, list) else [sent])]


def _parse_id(raw: Any) -> Any:
    return json.loads(raw) if isinstance(raw, str) and raw.startswith("{") else raw


def _matches(pattern: dict[str, Any], cid: dict[str, Any]) -> bool:
    return pattern.keys() == cid.keys() and all(
        value == ALL or cid[name] == value for name, value in pattern.items()
    )


def _expand(dep: Dep, holders: list[dict[str, dict[str, Any]]]) -> Sent:
    """A dependency with an ``ALL`` wildcard becomes the components the layouts hold."""
    cid = _parse_id(dep["id"])
    plain = {"id": cid, "property": dep["property"]}
    if not (isinstance(cid, dict) and ALL in cid.values()):
        return plain
    found: list[Dep] = []
    for comps in holders:
        for key in comps:
            concrete = _parse_id(key)
            if isinstance(concrete, dict) and _matches(cid, concrete):
                entry = {"id": concrete, "property": dep["property"]}
                if entry not in found:
                    found.append(entry)
    return found


def _first_click(inputs: list[Sent], reads_url: bool) -> tuple[str, str] | None:
    """The control a user clicks to run a callback that does not follow the URL."""
    if reads_url:
        return None
    for dep in flat(inputs):
        key = (id_key(dep["id"]), dep["property"])
        if dep["property"] == CLICK and key not in NEVER_CLICKED:
            return key
    return None


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
    """Every server-side callback, each tagged with the page it serves."""
    pages: dict[str, dict[str, dict[str, Any]]] = {SHELL: _component_props(shell_layout)}
    for page in PAGES:
        builder = page_layouts.get(page.key)
        if builder is not None:
            pages[page.key] = _component_props(builder("ro"))
    cases = []
    for key, spec in app.callback_map.items():
        if spec.get("callback") is None:
            continue  # clientside: runs in the browser, never reaches the server
        pattern = _parse_outputs(key)
        owner = _owner(pattern[0], pages)
        holders = [pages.get(owner, {}), pages[SHELL]]
        outputs = [_expand(o, holders) for o in pattern]
        inputs = [_expand(d, holders) for d in spec["inputs"]]
        state = [_expand(d, holders) for d in spec["state"]]
        defaults = {}
        for dep in flat([*inputs, *state]):
            dep_key = id_key(dep["id"])
            for comps in holders:
                if dep_key in comps and dep["property"] in comps[dep_key]:
                    defaults[(dep_key, dep["property"])] = comps[dep_key][dep["property"]]
                    break
        reads_url = any(d["id"] == ids.URL and d["property"] == "search" for d in spec["inputs"])
        clicked = _first_click(inputs, reads_url)
        cases.append(CallbackCase(key, owner, outputs, inputs, state, defaults, clicked))
    return cases


def _owner(first: dict[str, Any], pages: dict[str, dict[str, dict[str, Any]]]) -> str:
    """The page whose layout holds the callback's first output (the shell's when none does)."""
    cid = first["id"]
    for page, comps in pages.items():
        if page == SHELL:
            continue
        if id_key(cid) in comps:
            return page
        if isinstance(cid, dict) and any(
            isinstance(c := _parse_id(k), dict) and _matches(cid, c) for k in comps
        ):
            return page
    return SHELL


def page_path(key: str) -> str:
    page: Page | None = next((p for p in PAGES if p.key == key), None)
    return page.path if page else "/"


def fed_back_values(case: CallbackCase, response: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """Outputs that the same callback also reads as State (e.g. the map's "already drawn")."""
    values = {}
    state_keys = {(id_key(d["id"]), d["property"]) for d in flat(case.state)}
    for cid, props in response.get("response", {}).items():
        for prop, value in props.items():
            if (cid, prop) in state_keys:
                values[(cid, prop)] = value
    return values


def dumps(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()

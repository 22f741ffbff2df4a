"""The pattern-matching ids of the linking: one set of callbacks (dashboard.linking) serves every page.

Every element the linking reads or writes has a dict id ``{"type": "ruaz-<kind>", "page": <prefix>, ...}``:
the linked graphs (``chart``), the state and config stores, the clear button, the year picker, the
selection labels, the event panel and the controls (``key``: the state key the control writes). The
callbacks match them with ``MATCH`` on ``page`` and ``ALL`` on ``chart``/``key``. In the DOM, Dash
renders a dict id as its JSON with sorted keys (:func:`dom_id`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

GraphId = str | dict[str, str]

KINDS = (
    "linked",
    "state",
    "cfg",
    "clear",
    "year-pick",
    "year-label",
    "range-label",
    "event-detail",
    "event-click",
    "control",
)


def page_id(kind: str, prefix: str, **more: str) -> dict[str, str]:
    """The id of a linking element of one page (``kind`` one of :data:`KINDS`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown linking element {kind!r}")
    return {"type": f"ruaz-{kind}", "page": prefix, **more}


def linked(prefix: str, chart: str) -> dict[str, str]:
    """A linked time-series graph."""
    return page_id("linked", prefix, chart=chart)


def control(prefix: str, key: str) -> dict[str, str]:
    """A control writing the state key ``key``."""
    return page_id("control", prefix, key=key)


def dom_id(element: str | Mapping[str, str]) -> str:
    """The id Dash gives the element in the DOM (a dict id: its JSON, keys sorted, no spaces)."""
    if isinstance(element, str):
        return element
    return json.dumps(dict(element), sort_keys=True, separators=(",", ":"))


def dom_name(element: str | Mapping[str, str]) -> str:
    """A graph's stable string name: a string id itself, a linked graph ``<page>-<chart>`` ("trade-main").

    Every id, file name, route key and JS lookup derived from a graph uses this name (``<name>-src``,
    ``<name>-alt``, ``<name>-csv``, ``ruaz-<name>.png``, ``/chart-data/<name>.csv``); linking.js and
    chart_export.js derive the same name from the parsed DOM id.
    """
    if isinstance(element, str):
        return element
    if "chart" in element:
        return f"{element['page']}-{element['chart']}"
    if "key" in element:
        return f"{element['page']}-{element['key']}"
    return f"{element['page']}-{element['type'].removeprefix('ruaz-')}"


def source_id(element: str | Mapping[str, str]) -> str:
    """The id of a chart's source block: ``<graph name>-src`` (:func:`dom_name`)."""
    return f"{dom_name(element)}-src"


def alt_id(element: str | Mapping[str, str]) -> str:
    """The id of a chart's hidden text alternative: ``<graph name>-alt`` (:func:`dom_name`)."""
    return f"{dom_name(element)}-alt"

"""Every text a reader sees in a rendered Dash layout: text nodes, labelled props, option labels, grid headers,
and inside each figure its title, axis and unit titles, notes, legend names and hover texts (shared by the
language tests)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component

TEXT_PROPS = ("placeholder", "title", "aria-label", "alt", "label")
TAG = re.compile(r"<[^>]+>")


def figure_texts(figure: Any) -> Iterator[tuple[str, str]]:
    """(where, text) of a figure: title, axis titles, annotations, legend names, hover templates and texts."""
    fig = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    if not isinstance(fig, dict):
        return
    layout = fig.get("layout") or {}
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text"):
        yield "figure title", str(title["text"])
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            axis_title = axis.get("title")
            text = axis_title.get("text") if isinstance(axis_title, dict) else axis_title
            if text:
                yield "axis title", str(text)
    for note in layout.get("annotations") or []:
        if isinstance(note, dict) and note.get("text"):
            yield "annotation", str(note["text"])
    for trace in fig.get("data") or []:
        if not isinstance(trace, dict):
            continue
        if trace.get("name") and trace.get("showlegend") is not False:
            yield "legend", str(trace["name"])
        if trace.get("hovertemplate"):
            yield "hover template", str(trace["hovertemplate"])
        for key in ("text", "hovertext"):
            values = trace.get(key)
            for value in values if isinstance(values, list | tuple) else [values]:
                if isinstance(value, str) and value:
                    yield f"trace {key}", value


def visible_texts(node: Any) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a reader sees in a layout tree."""
    if isinstance(node, list | tuple):
        for child in node:
            yield from visible_texts(child)
        return
    if isinstance(node, str):
        yield "text", node
        return
    if not isinstance(node, Component):
        return
    kind = type(node).__name__
    props = node.to_plotly_json()["props"]
    for prop in TEXT_PROPS:
        if isinstance(props.get(prop), str):
            yield f"{kind}.{prop}", props[prop]
    for option in props.get("options") or []:
        if isinstance(option, dict) and isinstance(option.get("label"), str):
            yield f"{kind} option", option["label"]
    for column in props.get("columnDefs") or []:
        if isinstance(column, dict) and isinstance(column.get("headerName"), str):
            yield "grid header", column["headerName"]
    if "figure" in props and props["figure"] is not None:
        yield from figure_texts(props["figure"])
    if kind == "Markdown":
        yield "markdown", str(props.get("children") or "")
        return
    if kind == "Store":
        return
    yield from visible_texts(props.get("children"))


def plain(text: str) -> str:
    """A text without HTML tags."""
    return TAG.sub(" ", text)

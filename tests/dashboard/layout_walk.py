"""Finding components in a Dash layout tree (shared by the page tests)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def find(component: Any, element_id: str) -> Any:
    """A component by id anywhere in a layout tree."""
    if getattr(component, "id", None) == element_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            hit = find(child, element_id)
            if hit is not None:
                return hit
    return None


def walk(component: Any) -> Iterator[Any]:
    """Every Dash component in a tree, depth first."""
    if isinstance(component, list | tuple):
        for c in component:
            yield from walk(c)
        return
    if component is None or isinstance(component, str | int | float):
        return
    yield component
    yield from walk(getattr(component, "children", None))


def texts(component: Any) -> str:
    """The text of a component tree, its strings joined in order (no separators)."""
    if isinstance(component, str):
        return component
    if isinstance(component, list | tuple):
        return "".join(texts(c) for c in component)
    children = getattr(component, "children", None)
    return texts(children) if children is not None else ""

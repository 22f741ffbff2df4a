"""A bounded memo for pure renderers (page layouts, year-dependent panels).

The data store is immutable for the life of a process, so a layout or a
panel is a pure function of its arguments: the same query string always
renders the same components. Rendering a page builds several Plotly figures
(0.1–0.3 s); serving a repeat from memory keeps callbacks small under load.
This is a cache of derived output, not user state: no entry depends on who
asked, entries are keyed by the store's identity, and the size is bounded.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from dashboard.data import DataStore, store

F = TypeVar("F", bound=Callable[..., Any])
MAX_KEY_LENGTH = 4000


def _plain(value: Any) -> Any:
    # the store itself is part of the key through id(store()); never serialise its frames
    return "<store>" if isinstance(value, DataStore) else repr(value)


def _key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    try:
        text = json.dumps([args, kwargs], sort_keys=True, default=_plain, allow_nan=True)
    except (TypeError, ValueError):
        return None
    return text if len(text) <= MAX_KEY_LENGTH else None


def memoize(maxsize: int = 64) -> Callable[[F], F]:
    """Cache up to ``maxsize`` results of a pure renderer, least recently used first out."""

    def decorate(fn: F) -> F:
        entries: OrderedDict[tuple[int, str], Any] = OrderedDict()
        lock = threading.Lock()

        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            text = _key(args, kwargs)
            if text is None:
                return fn(*args, **kwargs)
            key = (id(store()), text)
            with lock:
                if key in entries:
                    entries.move_to_end(key)
                    return entries[key]
            result = fn(*args, **kwargs)
            with lock:
                entries[key] = result
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return result

        wrapper.cache_clear = entries.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate

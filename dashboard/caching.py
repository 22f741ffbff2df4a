"""Per-process caches of derived output, keyed on the clean data's digest (flask-caching backends).

The data store is immutable for the life of a process, so a page layout, a
panel renderer or a server callback is a pure function of its arguments and
of the data it reads. Every cache key therefore carries the digest of that
data (:attr:`dashboard.data.DataStore.digest`): the digest of a
:class:`DataStore` passed as an argument, otherwise the digest of the store
the app serves. Two stores with different contents never share an entry.

- :func:`memoize` caches pure renderers (page layouts, panels, KPI series).
- :class:`ResponseReplay` replays the bytes of a server callback's response
  for an identical request body. A callback is replayed unless it is marked
  :func:`never_cache` where it is declared (downloads: their workbooks carry
  a generation time).

Both sit on flask-caching's ``SimpleCache`` backend: a dict behind an
``RLock`` (safe for gunicorn's threads), bounded by entry count (and, for
responses, by bytes). They are used as backends, not through the ``Cache``
extension, because renderers also run outside any request (unit tests,
``warm_layouts`` before gunicorn forks). Values are kept as objects, not
pickled: unpickling a page's component tree costs 10–115 ms, as much as
rendering it. This is a cache of derived output, not user state: no entry
depends on who asked.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from cachelib.serializers import SimpleSerializer
from flask_caching.backends.simplecache import SimpleCache

from dashboard.data import DataStore, store

F = TypeVar("F", bound=Callable[..., Any])
MAX_KEY_LENGTH = 4000  # longer argument lists are rendered, not cached (bounds memory per key)
# The store never changes in a process, so entries need not expire. A finite timeout still matters:
# cachelib treats a never-expiring entry (timeout 0) as expired when it prunes, dropping every entry at once;
# with a timeout the oldest entries go first.
ENTRY_TIMEOUT = 7 * 24 * 3600
RESPONSE_MAX_BYTES = 48 * 1024 * 1024
RESPONSE_MAX_ENTRY = 2 * 1024 * 1024
RESPONSE_MAX_ENTRIES = 2048


class _AsIs(SimpleSerializer):
    """cachelib serializer that keeps values as they are (in-process cache; values are never mutated)."""

    def dumps(self, value: Any, protocol: int = 0) -> Any:
        return value

    def loads(self, bvalue: Any) -> Any:
        return bvalue


class ObjectCache(SimpleCache):
    """flask-caching's thread-safe ``SimpleCache`` holding objects instead of pickles."""

    serializer = _AsIs()

    def __init__(self, threshold: int) -> None:
        super().__init__(threshold=threshold, default_timeout=ENTRY_TIMEOUT)

    def _over_threshold(self) -> bool:
        # cachelib prunes before each insert while this is true: ">=" keeps at most ``threshold`` entries
        return len(self._cache) >= self._threshold

    def __len__(self) -> int:
        with self._lock:
            return len(self._cache)


def store_digests(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[str]:
    """Digests of the data a call reads: each DataStore argument's, else the served store's."""
    given = [v.digest for v in (*args, *kwargs.values()) if isinstance(v, DataStore)]
    return given or [store().digest]


def _plain(value: Any) -> Any:
    # a store enters the key through its digest; never serialise its frames
    return f"<store {value.digest}>" if isinstance(value, DataStore) else repr(value)


def memo_key(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    """Cache key of one call of ``name``, or None when its arguments are unsuitable (not JSON, too long)."""
    try:
        text = json.dumps([args, kwargs], sort_keys=True, default=_plain, allow_nan=True)
    except (TypeError, ValueError):
        return None
    if len(text) > MAX_KEY_LENGTH:
        return None
    return f"{name}:{'+'.join(store_digests(args, kwargs))}:{hashlib.sha256(text.encode()).hexdigest()}"


def memoize(maxsize: int = 64) -> Callable[[F], F]:
    """Cache up to ``maxsize`` results of a pure renderer per process, oldest out first.

    ``fn.cache_clear()`` empties the cache; ``fn.cache`` is the backend (tests count its entries).
    """

    def decorate(fn: F) -> F:
        cache = ObjectCache(threshold=maxsize)
        name = f"{fn.__module__}.{fn.__qualname__}"

        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = memo_key(name, args, kwargs)
            if key is None:
                return fn(*args, **kwargs)
            hit = cache.get(key)
            if hit is not None:
                return hit[0]
            result = fn(*args, **kwargs)
            cache.set(key, (result,))
            return result

        wrapper.cache = cache  # type: ignore[attr-defined]
        wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


_NEVER_CACHE: set[Callable[..., Any]] = set()


def never_cache(fn: F) -> F:
    """Mark a server callback whose response must never be replayed (put it right above the ``def``)."""
    _NEVER_CACHE.add(inspect.unwrap(fn))
    return fn


def replayable(callback_map: dict[str, dict[str, Any]], output: object) -> bool:
    """Whether the response of the callback with this output id may be replayed.

    Only registered callbacks that are not marked :func:`never_cache` are.
    """
    if not isinstance(output, str):
        return False
    entry = callback_map.get(output)
    if entry is None or not callable(entry.get("callback")):
        return False
    return inspect.unwrap(entry["callback"]) not in _NEVER_CACHE


class _ResponseCache(ObjectCache):
    """ObjectCache of response bytes that also prunes, oldest first, when it holds over ``max_bytes``."""

    def __init__(self, threshold: int, max_bytes: int) -> None:
        super().__init__(threshold=threshold)
        self.max_bytes = max_bytes

    def _over_threshold(self) -> bool:
        # cachelib calls this before each insert and after each eviction, under its lock
        return super()._over_threshold() or sum(len(v) for _, v in self._cache.values()) > self.max_bytes

    @property
    def size(self) -> int:
        """Bytes currently held."""
        with self._lock:
            return sum(len(v) for _, v in self._cache.values())


class ResponseReplay:
    """Serialised callback responses keyed by (data digest, sha256 of the request body).

    Bounded to ``max_bytes`` plus one entry (entries over ``max_entry`` are skipped) and to ``max_entries``.
    """

    def __init__(
        self,
        max_bytes: int = RESPONSE_MAX_BYTES,
        max_entry: int = RESPONSE_MAX_ENTRY,
        max_entries: int = RESPONSE_MAX_ENTRIES,
    ) -> None:
        self.max_entry = max_entry
        self._cache = _ResponseCache(threshold=max_entries, max_bytes=max_bytes)
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(digest: str, body: bytes) -> str:
        """Cache key of a request body for the data with this digest."""
        return f"{digest}:{hashlib.sha256(body).hexdigest()}"

    def get(self, key: str) -> bytes | None:
        """The cached response bytes, or None."""
        data = self._cache.get(key)
        with self._lock:
            if data is None:
                self.misses += 1
                return None
            self.hits += 1
        return bytes(data)

    def put(self, key: str, data: bytes) -> None:
        """Remember a response (too-large ones are skipped); the oldest go first when full."""
        if len(data) <= self.max_entry:
            self._cache.set(key, data)

    def __len__(self) -> int:
        return len(self._cache)

    @property
    def size(self) -> int:
        """Bytes currently held."""
        return self._cache.size

"""Byte-bounded LRU of serialised callback responses.

Server callbacks here are pure functions of their request (inputs, state and
which input changed) over an immutable data store, so an identical request
body always yields an identical response. Re-serialising a page of Plotly
figures costs 15–50 ms of CPU; replaying the bytes costs none. Downloads are
never cached (their workbooks carry a generation time), and neither is any
response other than a 200.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

NEVER_CACHE = ("download",)


class ResponseCache:
    """LRU keyed by (store id, sha256 of the request body), bounded in total bytes."""

    def __init__(self, max_bytes: int = 48 * 1024 * 1024, max_entry: int = 2 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self._entries: OrderedDict[tuple[int, str], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def cacheable(output: object) -> bool:
        """Whether a callback (by its output id) may be served from the cache."""
        return isinstance(output, str) and not any(word in output for word in NEVER_CACHE)

    @staticmethod
    def key(store_id: int, body: bytes) -> tuple[int, str]:
        """Cache key of a request body for one data store."""
        return store_id, hashlib.sha256(body).hexdigest()

    def get(self, key: tuple[int, str]) -> bytes | None:
        """The cached response bytes, or None."""
        with self._lock:
            data = self._entries.get(key)
            if data is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return data

    def put(self, key: tuple[int, str], data: bytes) -> None:
        """Remember a response (too-large ones are skipped), evicting the least recently used."""
        if len(data) > self.max_entry:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._entries[key] = data
            self._size += len(data)
            while self._size > self.max_bytes and self._entries:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted)

    @property
    def size(self) -> int:
        """Bytes currently held."""
        return self._size

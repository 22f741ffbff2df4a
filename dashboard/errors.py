"""The error a text that cannot be rendered raises: it names the source, the offending item and the reason."""

from __future__ import annotations


class LocatedError(ValueError):
    """A text cannot be rendered: ``source`` (file or page), ``item`` (what in it) and ``reason``."""

    def __init__(self, source: str, item: str, reason: str) -> None:
        self.source = source
        self.item = item
        self.reason = reason
        super().__init__(f"{source}: {item}: {reason}")

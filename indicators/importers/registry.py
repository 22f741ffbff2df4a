"""Which formats exist, and which one a file is in.

:func:`formats` imports every module of :mod:`indicators.importers.formats`
and keeps those that define ``FORMAT`` (an :class:`ImportFormat`), so a new
format is added by adding its module, without editing this file.
:func:`detect` reads the first 64 KiB of a file and asks every format's
``sniff``; exactly one must claim the file. When none does, the problem says
what the file looks like instead (empty, HTML page, UTF-16, binary, ...) and
what was looked for.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from indicators.importers import formats as formats_package
from indicators.importers.model import FileRejected, ImportFormat
from indicators.problems import Problem

HEAD_BYTES = 64 * 1024


def formats() -> list[ImportFormat]:
    """Every registered format, in module-name order."""
    found: list[ImportFormat] = []
    for info in sorted(pkgutil.iter_modules(formats_package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{formats_package.__name__}.{info.name}")
        fmt = getattr(module, "FORMAT", None)
        if isinstance(fmt, ImportFormat):
            found.append(fmt)
    return found


def describe_unknown(head: bytes) -> str:
    """Say what a file no format claims looks like (for the rejection message)."""
    if not head.strip():
        return "the file is empty"
    start = head.lstrip()[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start or b"<head" in start:
        return "the file is an HTML page (an error or login page saved under the download's name?)"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\x00") > 20:
        return "the file is UTF-16 encoded (NUL bytes / byte-order mark); save it as the publisher's CSV/XLSX"
    if head.startswith(b"PK\x03\x04"):
        return "the file is a zip/xlsx workbook whose sheets match no known layout"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "the file is a legacy .xls (OLE2) workbook; save it as .xlsx"
    if head.startswith(b"%PDF"):
        return "the file is a PDF"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    first = text.splitlines()[0][:80] if text.splitlines() else ""
    return f"its first line is {first!r}"


def detect(path: Path) -> ImportFormat:
    """The one format that claims ``path``; FileRejected when none or several do."""
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    known = formats()
    claims = [f for f in known if f.sniff(path, head)]
    if len(claims) == 1:
        return claims[0]
    if not claims:
        looked_for = "; ".join(f"{f.name} ({f.description})" for f in known)
        message = f"no known format recognises this file: {describe_unknown(head)}. Looked for: {looked_for}"
        raise FileRejected([Problem(path.name, 0, "", "", "format_known", message)])
    names = ", ".join(f.name for f in claims)
    raise FileRejected(
        [Problem(path.name, 0, "", "", "format_unique", f"several formats claim this file ({names}); fix their sniff")]
    )

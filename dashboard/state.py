"""URL state grammar: parse, validate and encode query-string parameters (pure functions).

Every page declares the parameters it understands (``Param``) in its page spec
(``dashboard.protocol.PageSpec``). Parsing never raises: a bad, tampered or
unknown value yields a short notice and the default, so a shared link can never
produce an error page. ``to_query`` is the one Python encoder; the browser's
encoder (``ruazProtocol.encode`` in assets/linking.js) reads the same specs as
JSON (:func:`param_json`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from indicators.vocab import EVENT_CATEGORIES

KINDS = ("year", "choice", "multi", "bool")
MAX_PARAM_LENGTH = 200
MAX_NOTICE_VALUE = 40


@dataclass(frozen=True)
class Param:
    """One query parameter: its kind, allowed values and default.

    kind: ``year`` (int within [lo, hi], the data's year range: a year param has no bounds of its own),
    ``choice`` (one of ``choices``), ``multi`` (comma-separated subset of ``choices``) or ``bool`` (0/1).
    """

    kind: str
    default: Any = None
    choices: Sequence[str] = ()
    lo: int | None = None
    hi: int | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown parameter kind {self.kind!r}")
        if self.kind == "year" and (self.lo is None or self.hi is None):
            raise ValueError("a year parameter needs the data's year range (lo, hi)")


@dataclass
class ParsedState:
    """Validated values plus the notices to show for what was rejected."""

    values: dict[str, Any]
    notices: list[str] = field(default_factory=list)


def _show(value: object) -> str:
    text = str(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= MAX_NOTICE_VALUE else text[: MAX_NOTICE_VALUE - 1] + "…"


def _first(value: object) -> str:
    """Dash passes repeated parameters as lists; keep the first."""
    if isinstance(value, list | tuple):
        return str(value[0]) if value else ""
    return str(value)


def _parse_one(name: str, spec: Param, raw: object) -> tuple[Any, str | None]:
    text = _first(raw).strip()
    label = spec.label or name
    if len(text) > MAX_PARAM_LENGTH:
        return spec.default, f"Ignored an over-long value for '{label}'."
    if spec.kind == "year":
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            return spec.default, f"'{_show(text)}' is not a year; showing the default for '{label}'."
        year = int(text)
        if spec.lo is None or spec.hi is None or not spec.lo <= year <= spec.hi:
            return spec.default, f"No data for {year} ({label}); data cover {spec.lo}–{spec.hi}."
        return year, None
    if spec.kind == "choice":
        if text in spec.choices:
            return text, None
        return spec.default, f"Unknown {label} '{_show(text)}'; showing the default."
    if spec.kind == "multi":
        parts = [p for p in text.split(",") if p]
        bad = [p for p in parts if p not in spec.choices]
        good = [p for p in parts if p in spec.choices]
        if bad:
            note = f"Ignored unknown {label} {', '.join(repr(_show(b)) for b in bad[:3])}."
            return (good or list(spec.default or [])), note
        return good, None
    if spec.kind == "bool":
        if text in ("0", "1"):
            return text == "1", None
        return spec.default, f"'{_show(text)}' is not 0 or 1 for '{label}'; showing the default."
    return spec.default, None


SHELL_ONLY_PARAMS = frozenset({"lang"})  # read by the shell (dashboard.i18n.page_lang), not by a page's spec


def parse_params(specs: Mapping[str, Param], raw: Mapping[str, object]) -> ParsedState:
    """Validate ``raw`` (layout kwargs / query dict) against ``specs``."""
    values: dict[str, Any] = {name: spec.default for name, spec in specs.items()}
    notices: list[str] = []
    for name, value in raw.items():
        if not isinstance(name, str) or name.startswith("_") or name in SHELL_ONLY_PARAMS:
            continue
        spec = specs.get(name)
        if spec is None:
            notices.append(f"Ignored unknown parameter '{_show(name)}'.")
            continue
        parsed, note = _parse_one(name, spec, value)
        values[name] = parsed
        if note:
            notices.append(note)
    if "from" in values and "to" in values and values["from"] and values["to"] and values["from"] > values["to"]:
        notices.append(f"Range {values['from']}–{values['to']} is reversed; showing all years.")
        values["from"] = values["to"] = None
    return ParsedState(values, notices)


def param_text(kind: str, value: object) -> str:
    """The query-string text of a value (the inverse of parsing; ``ruazProtocol.text`` in linking.js)."""
    if kind == "multi" and isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if kind == "bool" and isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def to_query(values: Mapping[str, Any], specs: Mapping[str, Param], keep_defaults: bool = False) -> str:
    """Encode values as a query string in spec order ('' when there is nothing to write).

    Values equal to their default are left out unless ``keep_defaults``; ``None`` is always left out.
    ``ruazProtocol.encode`` (assets/linking.js) writes the same string in the browser.
    """
    pairs: list[tuple[str, str]] = []
    for name, spec in specs.items():
        value = values.get(name, spec.default)
        if value is None or value == "" or (value == spec.default and not keep_defaults):
            continue
        pairs.append((name, param_text(spec.kind, value)))
    return ("?" + urlencode(pairs, safe=",")) if pairs else ""


def param_json(spec: Param) -> dict[str, Any]:
    """One parameter as the browser code reads it (kind, default, allowed values, year bounds)."""
    return {
        "kind": spec.kind,
        "default": list(spec.default) if isinstance(spec.default, list | tuple) else spec.default,
        "choices": list(spec.choices),
        "lo": spec.lo,
        "hi": spec.hi,
    }


def selection_params(lo: int, hi: int) -> dict[str, Param]:
    """The parameters shared by every time-series page: selected year and range."""
    return {
        "year": Param("year", None, lo=lo, hi=hi, label="year"),
        "from": Param("year", None, lo=lo, hi=hi, label="range start"),
        "to": Param("year", None, lo=lo, hi=hi, label="range end"),
        "events": Param("bool", False, label="events"),
        "cats": Param("multi", [], choices=EVENT_CATEGORIES, label="event categories"),
    }

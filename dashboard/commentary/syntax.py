"""The placeholder syntax of chapter commentary: parse ``{{kind key=value ...}}`` (pure functions).

The grammar is documented in :mod:`dashboard.commentary`. :func:`parse_placeholders` returns every
placeholder of a text in order; anything malformed raises :class:`CommentaryError` naming the file,
the placeholder and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from dashboard.errors import LocatedError
from indicators.derive import window_label

SHARE_5Y = "arms_tiv_5y_share"
# placeholder keyword -> (share indicator, window length in years)
SHARE_WINDOWS = {"share5y": (SHARE_5Y, 5), "share10y": ("arms_tiv_10y_share", 10)}

# keyword -> (required arguments, optional arguments)
KINDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "value": (frozenset({"indicator"}), frozenset({"year", "period", "reporter", "subject", "edition", "source"})),
    "change": (frozenset({"indicator", "from", "to"}), frozenset({"reporter", "subject", "edition"})),
    "latest": (frozenset({"indicator"}), frozenset({"reporter", "subject", "edition"})),
    "share5y": (frozenset({"supplier", "year", "release"}), frozenset()),
    "share10y": (frozenset({"supplier", "year", "release"}), frozenset()),
    "count": (frozenset(), frozenset({"category", "layer", "from", "to"})),
}
COUNT_TARGETS = ("events",)
YEAR_ARGS = ("year", "from", "to")

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_KIND = re.compile(r"\s*([a-z0-9]+)")
_ARG = re.compile(r'\s+([a-z_]+)=(?:"([^"{}\n]*)"|([^\s"{}]+))')
_YEAR = re.compile(r"^\d{4}$")


class CommentaryError(LocatedError):
    """A commentary file cannot be rendered: names the file, the placeholder (``item``) and the reason."""

    @property
    def placeholder(self) -> str:
        """The placeholder (or other item) at fault, as written."""
        return self.item


@dataclass(frozen=True)
class Placeholder:
    """One parsed ``{{kind key=value ...}}``; ``raw`` is the text as written."""

    raw: str
    kind: str
    args: Mapping[str, str] = field(default_factory=dict)


def parse_placeholder(raw: str, source: str = "<text>") -> Placeholder:
    """Parse one ``{{...}}`` (braces included). Raises CommentaryError when malformed."""
    if not (raw.startswith("{{") and raw.endswith("}}")):
        raise CommentaryError(source, raw, "a placeholder starts with '{{' and ends with '}}'")
    body = raw[2:-2]
    if "{" in body or "}" in body:
        raise CommentaryError(source, raw, "braces inside a placeholder (nested or unclosed '{{')")
    m = _KIND.match(body)
    if not m:
        raise CommentaryError(source, raw, f"empty placeholder; expected one of {', '.join(KINDS)}")
    kind = m.group(1)
    if kind not in KINDS:
        raise CommentaryError(source, raw, f"unknown placeholder kind '{kind}'; expected one of {', '.join(KINDS)}")
    pos = m.end()
    if kind == "count":
        target = re.match(r"\s+([a-z]+)", body[pos:])
        if not target or target.group(1) not in COUNT_TARGETS:
            raise CommentaryError(source, raw, "'count' needs what to count: {{count events ...}}")
        pos += target.end()
    args: dict[str, str] = {}
    while pos < len(body):
        if not body[pos:].strip():
            break
        am = _ARG.match(body, pos)
        if not am:
            rest = body[pos:].strip()
            raise CommentaryError(source, raw, f"cannot read '{rest[:40]}'; arguments are key=value or key=\"a b\"")
        key = am.group(1)
        value = am.group(2) if am.group(2) is not None else am.group(3)
        if key in args:
            raise CommentaryError(source, raw, f"argument '{key}' given twice")
        if not value.strip():
            raise CommentaryError(source, raw, f"argument '{key}' is empty")
        args[key] = value.strip()
        pos = am.end()
    required, optional = KINDS[kind]
    unknown = sorted(set(args) - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise CommentaryError(
            source, raw, f"unknown argument(s) {', '.join(unknown)} for '{kind}' (allowed: {allowed})"
        )
    missing = sorted(required - set(args))
    if missing:
        raise CommentaryError(source, raw, f"'{kind}' needs {', '.join(missing)}")
    if kind == "value" and ("year" in args) == ("period" in args):
        raise CommentaryError(
            source, raw, "'value' needs exactly one of year= (annual series) or period= (as published)"
        )
    for key in YEAR_ARGS:
        if key in args and not _YEAR.match(args[key]):
            raise CommentaryError(source, raw, f"{key}={args[key]!r} is not a four-digit year")
    if kind in SHARE_WINDOWS and args["release"] != "latest" and not args["release"].strip():
        raise CommentaryError(source, raw, "release= is empty")
    if kind in SHARE_WINDOWS and int(args["year"]) % SHARE_WINDOWS[kind][1] != 0:
        length = SHARE_WINDOWS[kind][1]
        raise CommentaryError(
            source,
            raw,
            f"year={args['year']} does not end a SIPRI {length}-year window (windows end in a year divisible "
            f"by {length}, e.g. {window_label(range(2011, 2011 + length))})",
        )
    return Placeholder(raw=raw, kind=kind, args=args)


def parse_placeholders(text: str, source: str = "<text>") -> list[Placeholder]:
    """Every placeholder of a text, in order. Stray or unbalanced braces raise CommentaryError."""
    found = []
    for m in PLACEHOLDER.finditer(text):
        found.append(parse_placeholder(m.group(0), source))
    leftover = PLACEHOLDER.sub("", text)
    for brace in ("{{", "}}", "{", "}"):
        idx = leftover.find(brace)
        if idx >= 0:
            snippet = leftover[max(0, idx - 20) : idx + 20].replace("\n", " ")
            raise CommentaryError(source, snippet.strip(), f"stray '{brace}' outside a well-formed placeholder")
    return found

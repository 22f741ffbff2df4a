"""The watch file's grammar: ``data/watch.toml`` → rules, or problems naming the line (pure functions).

Each rule is one ``[[rule]]`` table::

    [[rule]]
    label = "AZ-reported turnover (IMF DOTS) falls more than 10% year on year"
    indicator = "trade_az_ru_turnover"   # an indicator_id of the catalogue (required)
    reporter = "AZ"                      # optional filters: reporter, subject, edition (exact),
    edition = "DOTS export of 2022-02 (annual data to 2020)"
    metric = "yoy_pct"                   # level | yoy_pct | staleness_months (required)
    op = "<"                             # < <= > >= == (required)
    threshold = -10                      # a number (required)

``source`` (a prefix of source ids, e.g. ``imf-dots``) narrows ``level`` and ``staleness_months``; a
year-on-year change is read from the changes table, which is per edition, so ``yoy_pct`` takes
``edition`` instead. A rule's line is the line of its ``[[rule]]`` header in the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass

import pandas as pd

from indicators.modelinfo import coerce_to_model
from indicators.problems import Problem
from indicators.schemas_tables import WatchRuleSchema
from indicators.vocab import WATCH_METRICS, WATCH_OPERATORS

REQUIRED = ("label", "indicator", "metric", "op", "threshold")
OPTIONAL = ("reporter", "subject", "edition", "source")
_HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]\s*(#.*)?$")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Rule:
    """One watch rule, with the line of its ``[[rule]]`` header."""

    line: int
    label: str
    indicator: str
    metric: str
    op: str
    threshold: float
    reporter: str | None = None
    subject: str | None = None
    edition: str | None = None
    source: str | None = None


RULE_COLUMNS = list(Rule.__dataclass_fields__)


class WatchFileError(Exception):
    """The watch file breaks the grammar: one problem per bad key or rule."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.line() for p in problems))


def header_lines(text: str) -> list[int]:
    """Line numbers (1-based) of the ``[[rule]]`` headers, in order."""
    return [i for i, line in enumerate(text.splitlines(), start=1) if _HEADER.match(line)]


def _check_rule(raw: dict[str, object], line: int, name: str, known: set[str] | None) -> list[Problem]:
    def bad(key: str, value: object, rule: str, message: str) -> Problem:
        return Problem(name, line, key, "" if value is None else str(value), rule, message)

    problems = [bad(k, None, "key_required", f"rule lacks '{k}'") for k in REQUIRED if k not in raw]
    problems += [
        bad(k, v, "key_known", f"unknown key; a rule takes {', '.join(REQUIRED + OPTIONAL)}")
        for k, v in raw.items()
        if k not in REQUIRED + OPTIONAL
    ]
    for key in ("label", "indicator", "metric", "op", *OPTIONAL):
        if key in raw and not isinstance(raw[key], str):
            problems.append(bad(key, raw[key], "key_is_text", "must be a quoted string"))
    threshold = raw.get("threshold")
    if "threshold" in raw and (isinstance(threshold, bool) or not isinstance(threshold, int | float)):
        problems.append(bad("threshold", threshold, "threshold_is_number", "must be a number"))
    if isinstance(raw.get("op"), str) and raw["op"] not in WATCH_OPERATORS:
        problems.append(bad("op", raw["op"], "op_known", f"operator must be one of {' '.join(WATCH_OPERATORS)}"))
    if isinstance(raw.get("metric"), str) and raw["metric"] not in WATCH_METRICS:
        problems.append(
            bad("metric", raw["metric"], "metric_known", f"metric must be one of {', '.join(WATCH_METRICS)}")
        )
    if raw.get("metric") == "yoy_pct" and "source" in raw:
        problems.append(
            bad("source", raw["source"], "yoy_takes_edition", "yoy_pct reads the changes table: use 'edition'")
        )
    if known is not None and isinstance(raw.get("indicator"), str) and raw["indicator"] not in known:
        problems.append(bad("indicator", raw["indicator"], "indicator_known", "not an indicator_id of the catalogue"))
    return problems


def parse_rules(text: str, name: str = "data/watch.toml", known: set[str] | None = None) -> list[Rule]:
    """The rules of a watch file; raises :class:`WatchFileError` naming file, line, key, value and rule.

    ``known``: the catalogue's indicator ids (None: indicators are not checked).
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        raise WatchFileError([Problem(name, int(m.group(1)) if m else 0, "", "", "toml_syntax", str(exc))]) from exc
    extra = [k for k in doc if k != "rule"]
    tables = doc.get("rule", [])
    if extra or not isinstance(tables, list):
        what = ", ".join(extra) or "rule"
        raise WatchFileError([Problem(name, 1, what, "", "rules_only", "the file holds only [[rule]] tables")])
    lines = header_lines(text)
    if len(lines) != len(tables):
        message = f"{len(tables)} rules but {len(lines)} '[[rule]]' header lines: write each header on its own line"
        raise WatchFileError([Problem(name, 0, "", "", "rule_headers", message)])
    problems: list[Problem] = []
    rules: list[Rule] = []
    for raw, line in zip(tables, lines, strict=True):
        found = _check_rule(raw, line, name, known)
        problems += found
        if not found:
            rules.append(
                Rule(
                    line=line,
                    **{k: raw[k] for k in REQUIRED if k != "threshold"},
                    threshold=float(raw["threshold"]),
                    **{k: raw.get(k) for k in OPTIONAL},
                )
            )
    if problems:
        raise WatchFileError(problems)
    return rules


def rules_frame(rules: list[Rule]) -> pd.DataFrame:
    """The rules as a table (the clean ``watch_rules`` table), in file order."""
    frame = pd.DataFrame([asdict(r) for r in rules], columns=RULE_COLUMNS)
    return coerce_to_model(frame, WatchRuleSchema)


def rules_from_frame(frame: pd.DataFrame) -> list[Rule]:
    """The rules of a ``watch_rules`` table (as read back from data/clean)."""
    out = []
    for rec in frame.to_dict(orient="records"):
        opt = {k: (None if pd.isna(rec[k]) else str(rec[k])) for k in OPTIONAL}
        out.append(
            Rule(
                int(rec["line"]),
                str(rec["label"]),
                str(rec["indicator"]),
                str(rec["metric"]),
                str(rec["op"]),
                float(rec["threshold"]),
                **opt,
            )
        )
    return out

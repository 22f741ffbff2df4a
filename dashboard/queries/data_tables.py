"""Queries of the /data page: the clean tables as grid rows, the validation report summarised, the full workbook.

Pure functions from the data store (or a report mapping) to frames, rows and texts; no Dash components.
The page (:mod:`dashboard.pages.data_sources`) lays them out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd

from dashboard.caching import memoize
from dashboard.commentary.words import tn
from dashboard.data import DataStore
from dashboard.exports import ExportView, build_workbook
from dashboard.grid_format import number_cells
from dashboard.i18n import DEFAULT_LANG, LANGS, _, current_lang, format_number, tr
from dashboard.queries.data_words import NOT_RECORDED, column_header, word
from indicators.schemas import table_description, table_title

DEFAULT_TABLE = "catalogue"
# table name -> (title, description), both from the table's pandera model; the order is the page's
TABLES: dict[str, tuple[str, str]] = {
    name: (table_title(name), table_description(name))
    for name in (
        "observations",
        "changes",
        "catalogue",
        "sources",
        "events",
        "arms_deals",
        "arms_statements",
        "coverage",
    )
}
# Excel sheet name (the table's title) -> DataStore attribute, for the extra sheets of "Download everything"
EXPORT_EXTRAS = {
    TABLES[t][0]: {"arms_deals": "deals"}.get(t, t) for t in ("events", "arms_deals", "arms_statements", "changes")
}
# One status vocabulary for every check on the page (schema checks, plausibility warnings, sanity checks).
STATUSES = ("pass", "warn", "fail", "not applicable")
STATUS_LABEL = {"pass": "pass", "warn": "warn", "fail": "fail", "error": "fail", "not_applicable": "not applicable"}
PLAUSIBILITY_MARK = "(warnings)"
# sources: url is the publisher's own page, copy_url the public copy that was read
LINK_COLUMNS = ("url", "copy_url")
HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def table_frame(data: DataStore, name: str) -> pd.DataFrame:
    """One clean table; coverage comes from the validation report (the same records as coverage.csv)."""
    if name == "coverage":
        records = data.report.get("coverage")
        return pd.DataFrame.from_records(records if isinstance(records, list) else [])
    attr = {"arms_deals": "deals"}.get(name, name)
    frame = getattr(data, attr)
    assert isinstance(frame, pd.DataFrame), name
    return frame


def is_http_url(value: Any) -> bool:
    """A plain http(s) URL that can be linked (anything else stays text)."""
    return isinstance(value, str) and bool(HTTP_URL.match(value))


def markdown_link(url: str) -> str:
    """A markdown link whose text is the URL itself (escaped) and whose target is the URL."""
    text = MARKDOWN_SPECIALS.sub(r"\\\1", url)
    return f"[{text}](<{url}>)"


def _column_kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"


def table_label(name: str) -> str:
    """A table's title in the language being rendered."""
    return tr(TABLES[name][0])


def grid_columns(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """Column definitions: number filters for numbers (shown in ``lang``'s style), text filters otherwise, URLs
    as links; headers in ``lang``."""
    cols = []
    for name in frame.columns:
        kind = _column_kind(frame[name])
        col: dict[str, Any] = {"field": str(name), "headerName": column_header(str(name), lang)}
        if kind == "number":
            col.update(cellDataType="number", filter="agNumberColumnFilter", **number_cells(lang, str(name)))
        else:
            col.update(cellDataType="text", filter="agTextColumnFilter")
        if name in LINK_COLUMNS:
            col.update(cellRenderer="markdown", linkTarget="_blank", minWidth=320)
        cols.append(col)
    return cols


def grid_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready rows: dates as YYYY-MM-DD, booleans as true/false text, missing as None, URLs as links."""
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        series = frame[name]
        kind = _column_kind(series)
        if kind == "date":
            out[name] = series.dt.strftime("%Y-%m-%d")
        elif kind == "bool":
            out[name] = series.map({True: "true", False: "false"})
        elif name in LINK_COLUMNS:
            out[name] = [markdown_link(u) if is_http_url(u) else u for u in series]
        else:
            out[name] = series
    records = out.astype(object).where(out.notna(), None).to_dict(orient="records")
    return [{str(k): v for k, v in r.items()} for r in records]


def table_caption(frame: pd.DataFrame, name: str) -> str:
    """'5 133 rows · …description' for the selected table, in the language being rendered."""
    lang = current_lang()
    count = f"{len(frame):,}".replace(",", "\u202f") if lang == DEFAULT_LANG else format_number(len(frame), lang)
    rows = tn(lang, "{num} row", "{num} rows", len(frame), num=count)
    return f"{rows} · {tr(TABLES[name][1])}"


def plain_number(value: Any, lang: str) -> str:
    """A count or a measured number as recorded (no rounding), in ``lang``'s style; text as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float) or lang == DEFAULT_LANG:
        return text_or(value, "–")
    decimals = 0 if float(value).is_integer() else len(repr(float(value)).partition(".")[2])
    return format_number(value, lang, decimals)


def everything_view(data: DataStore, lang: str = DEFAULT_LANG) -> ExportView:
    """The full dataset as an export view (in ``lang``): all observations plus events, deals, arms statements
    and changes."""
    return ExportView(
        title="RU–AZ Indicators: full dataset",
        filters={"page": "Data & sources", "scope": "every clean table"},
        observations=data.observations,
        sources=data.sources,
        catalogue=data.catalogue,
        extra_tables={sheet: getattr(data, attr) for sheet, attr in EXPORT_EXTRAS.items()},
        release=data.default_tiv_release,
        lang=lang,
    )


@memoize(maxsize=len(LANGS))
def everything_workbook(data: DataStore, generated_at: dt.datetime | None = None, lang: str = DEFAULT_LANG) -> bytes:
    """Workbook of the full dataset (About, Data, one wide sheet per domain, extra tables, Sources).

    The same for every user for the life of the process (the data are immutable), so it is built once:
    the first download takes about 2 s on two cores, later ones are served from memory. Its About sheet
    gives the time it was generated. One workbook per language (en, ru, az), each built once.
    """
    return build_workbook(everything_view(data, lang), generated_at)


def everything_in(data: DataStore, lang: str) -> bytes:
    """The full-dataset workbook in ``lang`` from memory (English under the same cache key as
    ``everything_workbook(data)``, so the route, the /data button and the prebuilt copy share one)."""
    return everything_workbook(data) if lang == DEFAULT_LANG else everything_workbook(data, lang=lang)


def text_or(value: Any, default: str | None = None) -> str:
    """``value`` as text, or ``default`` (else "not recorded" in the language being rendered) when it is
    missing (None or empty)."""
    if value is None or value == "":
        return tr(NOT_RECORDED) if default is None else default
    return str(value)


def status_label(raw: Any) -> str:
    """The page's word for a check status: pass, warn, fail or not applicable ('unknown' otherwise)."""
    return STATUS_LABEL.get(str(raw), "unknown") if raw is not None else "unknown"


def mappings(items: Any) -> list[Mapping[str, Any]]:
    """The mappings of a report list (anything else, or a non-list, gives none)."""
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def warning_text(warning: Any) -> str:
    """A schema plausibility warning as one line: where, column, value, rule and message."""
    if not isinstance(warning, Mapping):
        return text_or(warning)
    row = warning.get("row")
    where = f"{text_or(warning.get('file'), 'observations')}" + (f":{row}" if row else "")
    column = _(" column '{column}'").format(column=warning["column"]) if warning.get("column") else ""
    value = _(" value '{value}'").format(value=warning["value"]) if warning.get("value") not in (None, "") else ""
    rule = _(" breaks the soft bound '{rule}'").format(rule=warning["rule"]) if warning.get("rule") else ""
    message = f": {warning['message']}" if warning.get("message") else ""
    return f"{where}{column}{value}{rule}{message}"


class CheckStatus(NamedTuple):
    """One check of the last build with its status in the page's vocabulary (see :data:`STATUSES`)."""

    group: str  # "schema" or "sanity"
    name: str
    status: str


class WarningItem(NamedTuple):
    """One thing the last build warned about: a soft-bound row or a sanity check marked warn."""

    kind: str  # "schema plausibility" or "sanity check"
    name: str
    text: str


def check_statuses(report: Mapping[str, Any]) -> list[CheckStatus]:
    """Every check of the report with its status.

    Schema checks listed in ``checks_run`` passed (the build stops on a hard failure), except that the
    soft-bound plausibility check is "warn" when it produced warnings. Sanity checks keep their own
    status, mapped onto the same words ("not_applicable" reads "not applicable").
    """
    run = report.get("checks_run")
    warnings = report.get("warnings")
    n_warnings = len(warnings) if isinstance(warnings, list) else 0
    out = [
        CheckStatus("schema", str(c), "warn" if PLAUSIBILITY_MARK in str(c) and n_warnings else "pass")
        for c in (run if isinstance(run, list) else [])
    ]
    out += [
        CheckStatus("sanity", text_or(c.get("name"), _("unnamed check")), status_label(c.get("status")))
        for c in mappings(report.get("sanity_checks"))
    ]
    return out


def warning_items(report: Mapping[str, Any]) -> list[WarningItem]:
    """The build's warnings: each schema plausibility warning, then each sanity check whose status is warn."""
    warnings = report.get("warnings")
    items = [
        WarningItem(
            "schema plausibility",
            text_or(w.get("rule"), _("soft bound")) if isinstance(w, Mapping) else _("soft bound"),
            warning_text(w),
        )
        for w in (warnings if isinstance(warnings, list) else [])
    ]
    items += [
        WarningItem("sanity check", text_or(c.get("name"), _("unnamed check")), text_or(c.get("message"), ""))
        for c in mappings(report.get("sanity_checks"))
        if status_label(c.get("status")) == "warn"
    ]
    return items


def status_counts(statuses: list[CheckStatus], group: str) -> str:
    """'4 run: 1 pass, 2 warn, 1 not applicable' for one group of checks (statuses with no check left out),
    in the language being rendered."""
    lang = current_lang()
    mine = [s.status for s in statuses if s.group == group]
    words = [*STATUSES, *sorted({s for s in mine if s not in STATUSES})]
    parts = [
        _("{count} {status}").format(count=format_number(mine.count(w), lang), status=word(w))
        for w in words
        if mine.count(w)
    ]
    n = format_number(len(mine), lang)
    return _("{n} run: {parts}").format(n=n, parts=", ".join(parts)) if parts else _("{n} run").format(n=n)


def warnings_summary(items: list[WarningItem]) -> str:
    """'2 warnings: 2 sanity checks marked warn, 0 schema plausibility warnings' (counts agree with the list),
    in the language being rendered."""
    lang = current_lang()
    sanity = sum(i.kind == "sanity check" for i in items)
    schema = len(items) - sanity
    return _("{warnings}: {sanity}, {schema}").format(
        warnings=tn(lang, "{num} warning", "{num} warnings", len(items), num=format_number(len(items), lang)),
        sanity=tn(
            lang,
            "{num} sanity check marked warn",
            "{num} sanity checks marked warn",
            sanity,
            num=format_number(sanity, lang),
        ),
        schema=tn(
            lang,
            "{num} schema plausibility warning",
            "{num} schema plausibility warnings",
            schema,
            num=format_number(schema, lang),
        ),
    )


class RowCount(NamedTuple):
    """One table's rows as written by the build and as loaded by the dashboard (None = not recorded)."""

    name: str
    built: Any
    loaded: int | None

    @property
    def differs(self) -> bool:
        """Both counts are known and they differ."""
        return self.built is not None and self.loaded is not None and self.built != self.loaded


def row_counts(data: DataStore) -> list[RowCount]:
    """Rows per table as written by the build (validation report) next to what the dashboard loaded."""
    counts = data.report.get("row_counts")
    counts = counts if isinstance(counts, Mapping) else {}
    loaded = {name: len(table_frame(data, name)) for name in TABLES if name != "coverage"}
    names = sorted(set(counts) | set(loaded), key=lambda n: (n not in TABLES, n))
    return [RowCount(name, counts.get(name), loaded.get(name)) for name in names]


def download_stem(data: DataStore) -> str:
    """'all-data-2026-11-28' from the build date (the date only when it parses)."""
    built = str(data.report.get("built_at") or "")[:10]
    return f"all-data-{built}" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", built) else "all-data"

"""The project's vocabularies and id patterns, defined once.

The pandera models (:mod:`indicators.schemas`) check the data against these,
and the dashboard imports them (event categories for its filters, the
reprocessing mark for SIPRI releases) instead of keeping its own copies.
Tuples, so that no importer can change them; models pass ``list(...)``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# who produced a figure (government bodies and officials are AZ or RU)
REPORTERS = ("AZ", "RU", "SOCAR", "TRANSNEFT", "GAZPROM", "LUKOIL", "BP", "EI", "EIA", "IEA", "SIPRI", "OTHER")
RAW_CONFIDENCE = ("official", "statistical_review", "officials_statement", "secondary")
# "computed" is given only by indicators.derive, never in data/raw
CONFIDENCE = (*RAW_CONFIDENCE, "computed")
QUALIFIERS = ("exact", "approximate", "lower_bound", "upper_bound", "range", "none_recorded", "qualitative")
# a year-on-year change is exact, approximate, or not computed (different sources)
CHANGE_QUALIFIERS = ("exact", "approximate", "not_computed")
KINDS = ("series", "point")
MEASURES = ("level", "count", "share", "growth", "rank", "ratio", "balance", "text", "price")
NON_NEGATIVE_MEASURES = ("level", "count", "rank", "ratio", "price")
CHANGE_TYPES = ("percent", "absolute", "percentage_points", "none")
# the unit of a percent and of a percentage-point change (indicators.changes); other changes keep the series unit
CHANGE_UNITS = ("%", "pp")
DOMAINS = ("trade", "investment", "finance", "transport", "tourism", "energy", "arms")
CHAPTERS = tuple(str(i) for i in range(1, 12))
EVENT_CATEGORIES = (
    "diplomatic",
    "treaty",
    "security",
    "conflict",
    "economic",
    "transport",
    "energy",
    "humanitarian",
    "crisis",
    "multilateral",
)
EVENT_LAYERS = ("political", "caspian")
DATE_PRECISIONS = ("day", "month", "year")
# the languages the catalogue is translated into (English is the catalogue itself)
TRANSLATION_LANGS = ("ru", "az")
TIV_INDICATORS = ("arms_tiv_to_az", "arms_tiv_5y_sum", "arms_tiv_10y_sum")
YEAR_MIN, YEAR_MAX = 1985, 2030

SOURCE_ID_RE = r"^[a-z0-9][a-z0-9-]*$"
INDICATOR_ID_RE = r"^[a-z][a-z0-9_]+$"
RECORD_ID_RE = r"^[A-Z]{2}\d{4}$"
DATE_RE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
# a GitHub copy is never a source's primary link: that link goes to the publisher's own page
GITHUB_URL_RE = r"^https?://([a-z0-9-]+\.)*(github\.com|githubusercontent\.com)(/|$)"
# a URL stored twice-encoded ('%2541' is '%41' encoded again): the link a reader clicks is broken
DOUBLE_ENCODED_RE = re.compile(r"%25[0-9A-Fa-f]{2}")
# a SIPRI release's edition ends with the last year it covers: "... (data to 2023)"
DATA_TO_RE = re.compile(r"data to (\d{4})")
# in a source's edition: the copy read is a third party's reprocessing, not the publisher's export
REPROCESSED_MARK = "third-party reprocessing"


def is_github_url(url: object) -> bool:
    """True for a URL on github.com or raw.githubusercontent.com (a copy, not a publisher's page)."""
    return isinstance(url, str) and re.match(GITHUB_URL_RE, url.strip(), flags=re.IGNORECASE) is not None


def is_double_encoded(url: object) -> bool:
    """True for a URL that was percent-encoded twice (``%25`` followed by two hex digits)."""
    return isinstance(url, str) and DOUBLE_ENCODED_RE.search(url) is not None


def url_parses(url: object) -> bool:
    """True for an empty cell or a URL with an http(s) scheme and a host (``urllib.parse``)."""
    if not isinstance(url, str) or url == "":
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# watch rules (data/watch.toml, indicators/watch_rules.py): what a rule measures and how it compares
WATCH_METRICS = ("level", "yoy_pct", "staleness_months")
WATCH_OPERATORS = ("<", "<=", ">", ">=", "==")
# each publisher's release rhythm (overview freshness, indicators/watch.py): key, label, source_id prefix
# (None: the latest period of the reporter's trade figures counts, not a release date), reporter, months
# between releases, rhythm as the publisher states it
RELEASE_RHYTHMS = (
    ("sipri-atdb", "SIPRI Arms Transfers Database", "sipri-atdb", None, 12, "every March"),
    ("sipri-milex", "SIPRI Military Expenditure Database", "sipri-milex", None, 12, "every April"),
    ("ei-sr", "Energy Institute Statistical Review", "ei-sr", None, 12, "every June"),
    ("imf-dots", "IMF Direction of Trade Statistics", "imf-dots", None, 3, "quarterly"),
    ("az-customs", "Azerbaijani customs (trade figures reported by AZ)", None, "AZ", 1, "monthly"),
)

# English month names, lower case (release texts such as "March 2025 update")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# SIPRI's supplier names -> the names data/raw uses (arms_tiv.subject, arms_deals.supplier); the importers map them
SIPRI_SUPPLIER_NAMES = {
    "Turkey": "Turkiye",
    "Türkiye": "Turkiye",
    "Czech Republic": "Czechia",
    "Unknown supplier(s)": "unknown",
    "unknown supplier(s)": "unknown",
    "Bosnia-Herzegovina": "Bosnia and Herzegovina",
    "USA": "United States",
}

"""Units: canonical names, the aliases raw files may use, and conversion factors.

Every factor is a named constant with the reason it holds. Conversions only
change scale (billion -> million) or apply a factor the data supports; currencies
are never converted into each other.
"""

from __future__ import annotations

# Scale factors (exact by definition of the prefixes).
BILLION_TO_MILLION = 1_000.0
MILLION_TO_ONE = 1_000_000.0
ONE_TO_THOUSAND = 0.001

# Energy factors stated by the dossier for the Statistical Review data
# (BP's approximate conversion factors, also used by Our World in Data):
# 1 bcm of natural gas ~ 10 TWh of primary energy (BP: 1 bcm = 0.036 EJ = 10 TWh).
GAS_TWH_PER_BCM = 10.0
# 1 tonne of oil equivalent = 11.63 MWh, so 1 Mt of oil ~ 11.63 TWh (BP conversion table).
OIL_TWH_PER_MT = 11.63

# Canonical units used in the catalogue.
CANONICAL_UNITS: frozenset[str] = frozenset(
    {
        "USD million",
        "USD million (constant 2022)",
        "RUB million",
        "Mt",
        "Mt/year",
        "kb/d",
        "bcm",
        "bcm/year",
        "TWh",
        "TIV million",
        "percent",
        "tonnes",
        "m3",
        "persons",
        "trips",
        "companies",
        "containers",
        "rank",
        "times",
        "ratio",
        "USD per tonne",
        "million barrels",
        "text",
    }
)

# raw unit as written in data/raw -> (canonical unit, factor to multiply by)
UNIT_ALIASES: dict[str, tuple[str, float]] = {
    "USD million": ("USD million", 1.0),
    "million USD": ("USD million", 1.0),
    "USD billion": ("USD million", BILLION_TO_MILLION),
    "billion USD": ("USD million", BILLION_TO_MILLION),
    "USD million (constant 2022)": ("USD million (constant 2022)", 1.0),
    "RUB billion": ("RUB million", BILLION_TO_MILLION),
    "RUB million": ("RUB million", 1.0),
    "million tonnes": ("Mt", 1.0),
    "Mt": ("Mt", 1.0),
    "million tonnes per year": ("Mt/year", 1.0),
    "thousand barrels/day": ("kb/d", 1.0),
    "kb/d": ("kb/d", 1.0),
    "barrels/day": ("kb/d", ONE_TO_THOUSAND),
    "bcm": ("bcm", 1.0),
    "bcm per year": ("bcm/year", 1.0),
    "TWh": ("TWh", 1.0),
    "TIV million": ("TIV million", 1.0),
    "percent": ("percent", 1.0),
    "tonnes": ("tonnes", 1.0),
    "cubic metres": ("m3", 1.0),
    "persons": ("persons", 1.0),
    "trips": ("trips", 1.0),
    "companies": ("companies", 1.0),
    "containers": ("containers", 1.0),
    "rank": ("rank", 1.0),
    "times": ("times", 1.0),
    "USD per tonne": ("USD per tonne", 1.0),
    "million barrels": ("million barrels", 1.0),
    "text": ("text", 1.0),
}

# Extra conversions between canonical units of the same quantity (scale only).
SCALE_BETWEEN: dict[tuple[str, str], float] = {
    ("Mt", "tonnes"): MILLION_TO_ONE,
    ("tonnes", "Mt"): 1.0 / MILLION_TO_ONE,
}


class UnitError(ValueError):
    """A raw unit is unknown or cannot be expressed in the catalogue's unit."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


def to_canonical(raw_unit: str, catalogue_unit: str) -> float:
    """Return the factor turning a value in ``raw_unit`` into ``catalogue_unit``.

    Raises UnitError with rule ``unknown_unit`` when the raw unit is not known,
    or ``unit_not_convertible`` when it measures something else than the
    catalogue unit (e.g. TIV given for a USD indicator).
    """
    if raw_unit not in UNIT_ALIASES:
        raise UnitError("unknown_unit", f"unit {raw_unit!r} is not a known unit")
    canonical, factor = UNIT_ALIASES[raw_unit]
    if canonical == catalogue_unit:
        return factor
    if (canonical, catalogue_unit) in SCALE_BETWEEN:
        return factor * SCALE_BETWEEN[(canonical, catalogue_unit)]
    raise UnitError(
        "unit_not_convertible",
        f"unit {raw_unit!r} ({canonical}) cannot be expressed in the catalogue unit {catalogue_unit!r}",
    )

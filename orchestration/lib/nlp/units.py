"""Units of a quantity and their normalisation: currency words, durations, measures, periods.

Pure vocabulary and arithmetic (no spaCy). The words are looked up around a quantity span by
orchestration/lib/nlp/quantities.py (``unit_of``, ``period_near``); :func:`normalise` gives the
``value``/``unit`` a claim is compared on across articles (orchestration/lib/rules/claim_groups.py
meets claims of the same normalised unit only). Number words and currency symbols are in
orchestration/lib/nlp/numbers.py.
"""

from __future__ import annotations

CURRENCY_WORDS = {
    "dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "pound": "GBP", "sterling": "GBP",
    "gbp": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "shekel": "ILS",
    "rial": "IRR", "riyal": "SAR", "dirham": "AED", "ruble": "RUB", "rouble": "RUB", "lira": "TRY",
    "franc": "CHF", "won": "KRW", "peso": "MXN", "real": "BRL", "rand": "ZAR", "naira": "NGN",
}
# a currency's hundredth written as a unit word: "77 cents" = 0.77 USD
SUBUNITS = {"cent": ("USD", 0.01), "cents": ("USD", 0.01), "penny": ("GBP", 0.01),
            "pence": ("GBP", 0.01), "p": ("GBP", 0.01)}
PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
DURATION_UNITS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "decade": "decade",
}
MEASURE_UNITS = {
    "km": "km", "kilometre": "km", "kilometer": "km", "mile": "mile", "metre": "m", "meter": "m",
    "m": "m", "cm": "cm", "mm": "mm", "kg": "kg", "kilogram": "kg", "gram": "g", "g": "g",
    "ton": "tonne", "tonne": "tonne", "t": "tonne", "pound": "lb", "lb": "lb", "litre": "l",
    "liter": "l", "l": "l", "gallon": "gallon", "barrel": "barrel", "acre": "acre",
    "hectare": "ha", "ha": "ha", "sq": "km2", "square": "km2", "mw": "MW", "megawatt": "MW",
    "gw": "GW", "kwh": "kWh", "foot": "ft", "feet": "ft", "ft": "ft", "inch": "inch",
    "lbs": "lb", "nmi": "nmi", "gb": "GB", "gigabyte": "GB", "mb": "MB", "megabyte": "MB",
    "tb": "TB", "terabyte": "TB", "pixel": "pixel", "megapixel": "megapixel",
    "millimetre": "mm", "millimeter": "mm", "centimetre": "cm", "centimeter": "cm",
    "kilometres": "km", "kilometers": "km", "metres": "m", "meters": "m", "inches": "inch",
}
PERIOD_WORDS = {
    "annual": "year", "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
    "daily": "day", "nightly": "day", "hourly": "hour", "per annum": "year",
}
PERIOD_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day", "annum": "year"}
PERIOD_FACTORS = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}



def normalise(raw_value: float, raw_unit: str, period: str | None) -> tuple[float, str]:
    """(value, unit) compared across articles: a percentage becomes a fraction (80 -> 0.80,
    ``fraction``); a quantity with a period becomes a yearly rate ($30 million monthly ->
    360000000 ``USD/year``); a per-unit amount keeps its denominator in the unit ("$1.14 per
    share" -> ``USD/share``); otherwise the raw value and unit. ``period`` is the claim's
    ``per``."""
    value = raw_value
    unit = raw_unit
    if raw_unit == "percent":
        value, unit = raw_value / 100.0, "fraction"
    if period in PERIOD_FACTORS and unit not in ("fraction", "percentage point"):
        value = value * PERIOD_FACTORS[period]
        unit = f"{unit}/year"
    elif period is not None and period not in PERIOD_FACTORS:  # "$1.14 per share"
        unit = f"{unit}/{period}"
    return value, unit

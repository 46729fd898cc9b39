"""Resolve a date expression against the article's publication date.

``resolve_date(expression, published, context)`` returns ``(date | None, source, precision)``:

* ``source``: ``explicit`` (a calendar date: "March 30, 2024", "March 22", "October 7"),
  ``weekday`` ("on Tuesday"), ``relative`` ("yesterday", "last week", "two days ago") or ``None``.
* ``precision``: ``day``, ``week``, ``month``, ``year`` or ``None``.

Rules (the anchor is the publication date; without one only expressions that carry their own
year resolve, everything else stays ``None``):

* A weekday is the publication day itself when it matches; otherwise the nearest past one within
  a week, or the nearest future one when the expression or its sentence is clearly about the
  future ("next Tuesday", "will", "scheduled", "set to", "upcoming", ...). "last Tuesday" is
  always past.
* A month and day without a year takes the year that makes it the most recent past date (the
  nearest future one in a clearly future sentence).
* Coarser expressions ("last week", "March 2023", "2021") keep their precision: the date returned
  is the start of the period dateparser found (first of the month / year), so callers that need
  a day must check ``precision``.
* Durations, frequencies and vague words ("six-month-long", "monthly", "each day", "recently",
  "the 1990s", "[insert date here]") are not dates: ``(None, None, None)``.

Parsing is dateparser's (English only, no network); this module only adds the anchoring rules.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

Resolved = tuple[dt.date | None, str | None, str | None]
UNRESOLVED: Resolved = (None, None, None)

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_WEEKDAY_RE = re.compile(
    r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?", re.I
)
_MONTH_RE = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b\.?",
    re.I,
)
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RELATIVE_RE = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|ago|last|past|previous|next|this|coming|earlier|later)\b",
    re.I,
)
# Not a point in time: durations, frequencies, decades, vague references, template holes.
_NOT_A_DATE_RE = re.compile(
    r"(\blong\b|-long\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bannual(ly)?\b|\byearly\b|\beach\b|"
    r"\bevery\b|\bper\b|\bsince\b|\buntil\b|\bthrough\b|\bduring\b|\bfor\b|\bdecades?\b|"
    r"\bcentur(y|ies)\b|\d0s\b|\[|\]|\brecent(ly)?\b|\bages\b|\bseason\b|\bera\b|"
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)",
    re.I,
)
_LEADING_PREP_RE = re.compile(r"^\s*(on|in|at|by|from|as of|of|for)\s+", re.I)
# Words that make a sentence "clearly future" for weekday and month-day anchoring.
FUTURE_CUES = re.compile(
    r"\b(will|shall|scheduled|schedules|set to|next|upcoming|expected to|plans? to|planned|"
    r"planning to|is to|are to|going to|due to (meet|visit|hold|travel|arrive|take place)|"
    r"later this|coming)\b",
    re.I,
)
_WEEKDAY_MODIFIER_RE = re.compile(r"\b(last|past|previous|next|coming|this)\b", re.I)


def is_future_context(text: str | None) -> bool:
    """True when the text clearly talks about the future ("will", "scheduled", "set to", ...)."""
    return bool(text and FUTURE_CUES.search(text))


@lru_cache(maxsize=256)
def _parser(prefer: str, base: dt.datetime) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": prefer,
            "RETURN_AS_TIMEZONE_AWARE": False,
            "RELATIVE_BASE": base,
        },
    )


def _resolve_weekday(weekday: int, expression: str, published: dt.date, future: bool) -> Resolved:
    modifier = _WEEKDAY_MODIFIER_RE.search(expression)
    mod = modifier.group(1).lower() if modifier else None
    if mod in ("last", "past", "previous"):
        delta = (published.weekday() - weekday) % 7 or 7
        return published - dt.timedelta(days=delta), "weekday", "day"
    if mod in ("next", "coming"):
        delta = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=delta), "weekday", "day"
    if weekday == published.weekday():
        return published, "weekday", "day"
    if future:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7), "weekday", "day"
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7), "weekday", "day"


def resolve_date(
    expression: str | None, published: dt.date | None, context: str | None = None
) -> Resolved:
    """Resolve ``expression`` (e.g. a spaCy DATE span) against ``published``.

    ``context`` is the sentence the expression comes from; it only decides past vs. future for
    weekdays and year-less dates.
    """
    if not expression or not expression.strip():
        return UNRESOLVED
    text = _LEADING_PREP_RE.sub("", expression.strip().strip(",.;:")).strip()
    if not text or _NOT_A_DATE_RE.search(text):
        return UNRESOLVED
    has_year = bool(_YEAR_RE.search(text))
    has_month = bool(_MONTH_RE.search(text)) or bool(_ISO_RE.search(text))
    weekday_match = _WEEKDAY_RE.search(text)
    future = is_future_context(text) or is_future_context(context)

    # "Tuesday", "on Tuesday", "early Tuesday", "last Tuesday": our own anchoring rules
    # (dateparser never returns the base day itself for a bare weekday).
    if weekday_match and not has_month and not has_year:
        if published is None:
            return UNRESOLVED
        return _resolve_weekday(WEEKDAYS[weekday_match.group(1).lower()], text, published, future)

    if published is None:
        # Without an anchor only self-contained calendar dates resolve.
        if not has_year or _RELATIVE_RE.search(text):
            return UNRESOLVED
        base = dt.datetime(int(_YEAR_RE.search(text).group(1)), 12, 31)
    else:
        base = dt.datetime(published.year, published.month, published.day)

    if not (has_year or has_month or _RELATIVE_RE.search(text)):
        return UNRESOLVED  # e.g. bare numbers, "the weekend", "the same day"

    try:
        data = _parser("future" if future else "past", base).get_date_data(text)
    except Exception:  # dateparser raises on some odd inputs; an unknown date stays unknown
        return UNRESOLVED
    if data is None or data.date_obj is None:
        return UNRESOLVED
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "time":
        period = "day"
    if period not in ("day", "week", "month", "year"):
        return UNRESOLVED
    if has_year and not has_month and period == "day" and not _RELATIVE_RE.search(text):
        return UNRESOLVED  # a year plus noise dateparser read as a day
    source = "explicit" if (has_month or has_year) and not _RELATIVE_RE.search(text) else "relative"
    if period == "month":
        found = found.replace(day=1)
    elif period == "year":
        found = found.replace(month=1, day=1)
    elif period == "week":
        found = found - dt.timedelta(days=found.weekday())
    return found, source, period

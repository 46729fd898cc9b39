"""When two claims measure the same thing, and when their values agree (read by claim_groups).

**Same thing** (``relation(a, b)``): two claims of different articles are compared only when
they have the same ``unit`` and denominator (``per``), each one's head term (what is measured,
the first of ``subject_terms``) is among the other's terms, they share enough terms (at least
``MIN_SHARED_TERMS``, or all of the smaller set, and an overlap coefficient of at least
``MIN_OVERLAP``) and the same anchoring years. Then the match is

* ``strong`` when nothing sets them apart: the same entity measured (``subject_entity``, by its
  words), the same places and names in the subject (the capitalised words other than the
  entity: "jobs in France" never meets "jobs in Germany"), the same kind (fact; estimate and
  target as one, both saying what is not yet so; tally) and the same period: both stated and
  equal, or neither stated and the articles published at most ``WINDOW_DAYS`` apart (an
  undated article compares with all);
* ``weak`` when something is only unknown or looser: only one head among the other's terms
  ("jobs" and "job cuts"), one side names no entity or one name
  holds the other ("Boeing" and "Boeing 787"), a place on one side only, kinds that differ, a
  period stated on one side only or one period inside the other (2008 and 2008-02), periods
  unstated in articles published further apart;
* none when something differs: two different entities, different places, different stated
  periods, a tally against anything else; or when a match already loose in some point has no
  period on either side and its articles were published more than ``WINDOW_DAYS`` apart (a
  price or a count months later is likely another one).

A weak match is evidence of sameness only together with the same figure (both values bounded,
neither a "more than" or "up to", their intervals meeting): it may join two such claims, never
two that disagree, so "contradicts" is only ever said of a strong match.

**Values** (``interval``): a claim stands for the interval its writing allows: the rounding of
the number as written (half a unit of its last significant digit: "16,400" is 16,350-16,450,
"$1.8 billion" 1.75-1.85 billion) capped at ``ROUNDING_CAP`` of the value (a round "10,000"
stands for 9,500-10,500), at least ``MIN_TOLERANCE``; "about"/"approximately" widen it to
``APPROXIMATE`` each way; "more than"/"at least" open it upwards, "up to"/"less than"/"at most"
downwards, "nearly" downwards by ``APPROXIMATE``; a range is its two ends. Two claims agree
when their intervals meet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MIN_SHARED_TERMS = 2
MIN_OVERLAP = 0.5
WINDOW_DAYS = 30
ROUNDING_CAP = 0.05
MIN_TOLERANCE = 0.005
APPROXIMATE = 0.10

KIND_CLASS = {"fact": "fact", "estimate": "projection", "target": "projection", "tally": "tally"}
LOWER_BOUND_QUALIFIERS = {"more than", "at least"}
UPPER_BOUND_QUALIFIERS = {"less than", "up to", "at most"}

TIME_DENOMINATORS = {"year", "month", "week", "day", "hour", "quarter", "annum"}
_YEAR_TERM = re.compile(r"1[5-9]\d\d|20\d\d")
_WORD = re.compile(r"[A-Za-z][\w&.-]*")


@dataclass(frozen=True, slots=True)
class Key:
    """What a claim measures, worked out once per claim."""

    unit: str | None
    per: str | None
    head: str | None
    terms: frozenset[str]
    years: frozenset[str]
    entity: frozenset[str]
    names: frozenset[str]  # capitalised subject words other than the entity's
    kind: str | None
    period: str | None
    day: int | None  # publication day (days since 1970) or None


def claim_key(
    unit, per, subject, terms, entity, kind, period, day
) -> Key:
    terms = tuple(terms or ())
    if per in TIME_DENOMINATORS and unit and unit.endswith("/year"):
        per = None  # a yearly rate already: "$30 million monthly" meets "$70 million a year"
    entity_words = frozenset(w.lower() for w in _WORD.findall(entity or ""))
    names = frozenset(
        w.lower().strip(".")
        for w in _WORD.findall(subject or "")
        if w[0].isupper() and w.lower() not in entity_words
    )
    return Key(
        unit=unit,
        per=per,
        head=terms[0] if terms else None,
        terms=frozenset(terms),
        years=frozenset(t for t in terms if _YEAR_TERM.fullmatch(t)),
        entity=entity_words,
        names=names,
        kind=KIND_CLASS.get(kind or "fact", kind),
        period=period,
        day=day,
    )


def relation(a: Key, b: Key) -> tuple[str | None, list[str]]:
    """("strong" | "weak" | None, what made it weak or kept it apart) for two claims of
    different articles (module doc)."""
    if a.unit != b.unit or a.per != b.per or a.head is None or b.head is None:
        return None, ["other unit or measure"]
    heads_in = (a.head in b.terms) + (b.head in a.terms)
    if not heads_in or a.years != b.years:
        return None, ["other measure"]
    shared = len(a.terms & b.terms)
    smaller = min(len(a.terms), len(b.terms))
    if shared < min(MIN_SHARED_TERMS, smaller) or shared / smaller < MIN_OVERLAP:
        return None, ["too few shared terms"]
    weak: list[str] = [] if heads_in == 2 else ["one measure names more than the other"]
    for what, x, y in (("entity", a.entity, b.entity), ("places and names", a.names, b.names)):
        if x and y and x != y:
            if not (x <= y or y <= x):
                return None, [f"other {what}"]
            weak.append(f"{what} only partly the same")
        elif bool(x) != bool(y):
            weak.append(f"{what} on one side only")
    if a.kind != b.kind:
        if "tally" in (a.kind, b.kind):
            return None, ["a tally against another kind"]
        weak.append("kinds differ")
    if a.period and b.period:
        if a.period != b.period:
            if not (a.period.startswith(b.period) or b.period.startswith(a.period)):
                return None, ["other period"]
            weak.append("one period inside the other")
    elif a.period or b.period:
        weak.append("period stated on one side only")
    elif a.day is not None and b.day is not None and abs(a.day - b.day) > WINDOW_DAYS:
        if weak:  # months apart, no period and looser besides: prices and products change
            return None, [*weak, f"no period stated, published over {WINDOW_DAYS} days apart"]
        weak.append(f"no period stated, published over {WINDOW_DAYS} days apart")
    return ("weak" if weak else "strong"), weak


def _half_unit(x: float) -> float:
    """Half a unit of the last significant digit of ``x`` as written (scaled)."""
    x = abs(x)
    if x == 0 or not math.isfinite(x):
        return 0.0
    text = f"{x:.6f}".rstrip("0")
    whole, _, frac = text.partition(".")
    if frac:
        return 0.5 * 10 ** -len(frac)
    zeros = len(whole) - len(whole.rstrip("0"))
    return 0.5 * 10**zeros


def interval(
    value: float, raw_value: float | None, low: float | None, high: float | None,
    qualifier: str | None,
) -> tuple[float, float]:
    """The values a claim allows (module doc), in the normalised unit."""
    raw = value if raw_value in (None, 0) else raw_value
    scale = value / raw if raw else 1.0
    lo_v, hi_v = (low * scale, high * scale) if low is not None and high is not None else (
        value, value)

    def tol(v: float, raw_v: float) -> float:
        t = min(_half_unit(raw_v) * abs(scale), ROUNDING_CAP * abs(v))
        t = max(t, MIN_TOLERANCE * abs(v))
        if qualifier == "approximately" and low is None:
            t = max(t, APPROXIMATE * abs(v))
        return t

    lo = lo_v - tol(lo_v, low if low is not None else raw)
    hi = hi_v + tol(hi_v, high if high is not None else raw)
    if qualifier in LOWER_BOUND_QUALIFIERS:
        hi = math.inf
    elif qualifier in UPPER_BOUND_QUALIFIERS:
        lo = -math.inf
    elif qualifier == "nearly":
        lo, hi = value * (1 - APPROXIMATE) if value >= 0 else lo, hi
    return lo, hi


def intervals_meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def same_figure(
    a: tuple[float, float], b: tuple[float, float], core_a: tuple[float, float],
    core_b: tuple[float, float],
) -> bool:
    """The same figure, not a bound that merely allows the other (what a weak match needs): the
    intervals open the same way ("more than 32,000" and "over 32,000") and the figures as
    written (``core_*``: their rounding only) meet."""
    if math.isinf(a[0]) != math.isinf(b[0]) or math.isinf(a[1]) != math.isinf(b[1]):
        return False
    return intervals_meet(a, b) and intervals_meet(core_a, core_b)

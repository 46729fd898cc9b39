"""Quantitative claims: extraction per article.

Extraction: ``claim_mentions_from_doc(doc, article)``
------------------------------------------------------
One row per quantity (keys exactly ``CLAIM_MENTION_SCHEMA`` in orchestration/lib/nlp/extract.py).

* **Quantities** come from the model's MONEY / PERCENT / CARDINAL / QUANTITY spans, from number
  tokens the model left untagged, and from adjectival durations ("hour-long",
  "six-month-long"). Not claims: years ("since 2015", "the 2021 conflict"), other dates and
  times, ordinals, numbers inside names ("Resolution 2728", "Flight 370"), list markers, clock
  times, definite small counts that only refer back ("the two sides", "both"), and spelled-out
  numbers that count nothing ("one of them").
* **Value**: "2.3 million" -> 2300000, "over a million" -> 1000000 (qualifier "more than"),
  "32,000", "$1.5bn", "twenty-five". ``raw_value`` is the number as written (scale words
  applied), ``raw_unit`` its unit: an ISO currency code (``$`` -> USD, also EUR, GBP, ...),
  ``percent``, ``count``, a duration unit (``hour``, ``day``, ``month``, ...) or a measure unit
  (``km``, ``tonne``, ...).
* **Normalised** ``value``/``unit``: percentages become fractions (80% -> 0.80, unit
  ``fraction``); any quantity with a period ("annual", "a year", "monthly", "per day", ...) is
  converted to a yearly rate (``$30 million monthly`` -> 360000000 ``USD/year``; factors: year 1,
  month 12, week 52, day 365); otherwise ``unit`` = ``raw_unit``; "hour-long" -> 1 ``hour``.
* **Qualifier** (normalised): more than (over, surpassing, exceeding, upwards of, ...),
  approximately (about, around, roughly, some, an estimated), at least, nearly (almost, close
  to), up to, less than (under, fewer than, below), at most.
* **Subject**: a readable phrase built from the dependency parse around the quantity:
  the counted noun with its modifiers ("Palestinian casualties in Gaza"), the noun a
  comparison verb describes ("death toll" in "the death toll, surpassing 32,000"), the
  population of a share plus what happened to it ("Gaza's inhabitants displaced" for "displacing
  80% of its inhabitants"), the noun a value is "of" ("Iran's annual support to Hamas" for
  "support of $70 million to Hamas"), the change of a "by" complement ("increase in ..."), the
  agent and verb of a transfer ("Iran allocated to support Hamas operations"), "<noun> duration"
  for "hour-long meeting". "its" is read as the nearest preceding place/organisation.
* **subject_terms**: normalised content lemmas of the subject (nouns, proper nouns, verbs,
  nationality adjectives), through a small synonym table (casualty/fatality/dead/killed/toll ->
  death; inhabitant/resident/population -> population; funding/aid/allocate/... -> support;
  displacement -> displace; ...). **The first term is the head**: what is measured. A year that
  anchors the clause ("the 2021 conflict", "since 2015") is added as a term such as ``2021``.
* **Attribution**: "according to X", "as reported/stated by X", or the subject of the reporting
  verb whose complement holds the quantity ("X said ...", "recent reports suggest that ...").

Grouping the claims of all articles and flagging agreement is a cross-article rule run by dbt:
orchestration/lib/rules/claim_groups.py.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

# A bare integer (no separators, no unit) written this many times in one article is an
# identifier ("787", "737"), not a quantity.
REPEATED_IDENTIFIER = 3
QUANTITY_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
NON_QUANTITY_LABELS = {"DATE", "TIME", "ORDINAL"}
NAME_LABELS = {
    "PERSON", "ORG", "GPE", "LOC", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "NORP",
    "LANGUAGE",
}

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a": 1, "an": 1, "half": 0.5,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}
VAGUE_WORDS = {
    "few", "several", "many", "dozens", "scores", "hundreds", "thousands", "millions", "billions",
    "tens", "numerous", "countless",
}
CURRENCY_SYMBOLS = [
    ("us$", "USD"), ("a$", "AUD"), ("c$", "CAD"), ("hk$", "HKD"), ("nz$", "NZD"), ("$", "USD"),
    ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₪", "ILS"), ("₽", "RUB"),
    ("₩", "KRW"), ("₺", "TRY"),
]
CURRENCY_SYMBOL_SET = frozenset(sym for sym, _ in CURRENCY_SYMBOLS)
CURRENCY_WORDS = {
    "dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "pound": "GBP", "sterling": "GBP",
    "gbp": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "shekel": "ILS",
    "rial": "IRR", "riyal": "SAR", "dirham": "AED", "ruble": "RUB", "rouble": "RUB", "lira": "TRY",
    "franc": "CHF", "won": "KRW", "peso": "MXN", "real": "BRL", "rand": "ZAR", "naira": "NGN",
}
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
}
PERIOD_WORDS = {
    "annual": "year", "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
    "daily": "day", "nightly": "day", "hourly": "hour", "per annum": "year",
}
PERIOD_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day", "annum": "year"}
PERIOD_FACTORS = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}

QUALIFIERS = [  # (words, normalised) -- longest first when matching
    (("more", "than"), "more than"),
    (("greater", "than"), "more than"),
    (("upwards", "of"), "more than"),
    (("in", "excess", "of"), "more than"),
    (("just", "over"), "more than"),
    (("over",), "more than"),
    (("above",), "more than"),
    (("exceeding",), "more than"),
    (("surpassing",), "more than"),
    (("topping",), "more than"),
    (("at", "least"), "at least"),
    (("no", "fewer", "than"), "at least"),
    (("no", "less", "than"), "at least"),
    (("a", "minimum", "of"), "at least"),
    (("approximately",), "approximately"),
    (("about",), "approximately"),
    (("around",), "approximately"),
    (("roughly",), "approximately"),
    (("some",), "approximately"),
    (("an", "estimated"), "approximately"),
    (("estimated",), "approximately"),
    (("circa",), "approximately"),
    (("nearly",), "nearly"),
    (("almost",), "nearly"),
    (("close", "to"), "nearly"),
    (("just", "under"), "nearly"),
    (("up", "to"), "up to"),
    (("as", "many", "as"), "up to"),
    (("as", "much", "as"), "up to"),
    (("less", "than"), "less than"),
    (("fewer", "than"), "less than"),
    (("under",), "less than"),
    (("below",), "less than"),
    (("at", "most"), "at most"),
    (("no", "more", "than"), "at most"),
]
COMPARISON_VERBS = {
    "surpass": "more than", "exceed": "more than", "top": "more than", "pass": "more than",
    "cross": "more than", "near": "nearly", "approach": "nearly", "reach": None, "hit": None,
    "rise": None, "climb": None, "jump": None, "soar": None, "grow": None, "increase": None,
    "fall": None, "drop": None, "decline": None, "stand": None, "total": None, "number": None,
    "mount": None, "swell": None, "be": None,
}
CHANGE_VERBS = {
    "increase": "increase", "rise": "rise", "grow": "growth", "jump": "increase",
    "climb": "increase", "soar": "increase", "surge": "increase", "boost": "increase",
    "raise": "increase", "fall": "fall", "drop": "drop", "decline": "decline", "cut": "cut",
    "reduce": "reduction", "decrease": "decrease", "shrink": "decrease", "slash": "cut",
    "expand": "increase",
}
OUTCOME_VERBS = {
    "kill", "die", "injure", "wound", "displace", "evacuate", "arrest", "detain", "abduct",
    "kidnap", "release", "free", "rescue", "flee", "hospitalize", "hospitalise", "infect",
    "affect", "deport", "execute", "shelter", "starve", "miss", "hold", "capture", "sentence",
    "employ", "lay", "fire", "vaccinate", "treat", "house",
}
TRANSFER_VERBS = {
    "allocate", "give", "provide", "pledge", "spend", "send", "donate", "receive", "raise",
    "transfer", "pay", "fund", "earmark", "invest", "grant", "offer", "commit", "approve",
    "budget", "finance", "lend", "loan", "contribute", "supply", "deliver", "channel",
}
REPORTING_VERBS = {
    "say", "report", "suggest", "show", "indicate", "estimate", "state", "claim", "announce",
    "tell", "add", "note", "find", "reveal", "confirm", "according", "write", "warn", "argue",
    "assert", "insist", "maintain", "believe", "calculate", "put", "record", "cite", "allege",
}
SYNONYMS = {
    "casualty": "death", "fatality": "death", "dead": "death", "toll": "death", "kill": "death",
    "die": "death", "killing": "death", "deaths": "death", "inhabitant": "population",
    "resident": "population", "populace": "population", "citizen": "population",
    "people": "population", "population": "population", "funding": "support", "fund": "support",
    "aid": "support", "assistance": "support", "backing": "support", "allocate": "support",
    "allocation": "support", "provide": "support", "give": "support", "pledge": "support",
    "donate": "support", "donation": "support", "finance": "support", "financing": "support",
    "grant": "support", "contribution": "support", "contribute": "support", "channel": "support",
    "earmark": "support", "subsidy": "support", "displacement": "displace",
    "displaced": "displace", "flee": "displace", "uproot": "displace", "refugee": "displace",
    "injury": "injure", "wound": "injure", "wounded": "injure", "injured": "injure",
    "hurt": "injure", "detention": "detain", "arrest": "detain", "prisoner": "detain",
    "detainee": "detain", "hostage": "hostage", "captive": "hostage", "abduct": "hostage",
    "kidnap": "hostage", "rise": "increase", "growth": "increase", "jump": "increase",
    "climb": "increase", "boost": "increase", "fall": "decrease", "drop": "decrease",
    "decline": "decrease", "reduction": "decrease", "cut": "decrease", "length": "duration",
    "last": "duration", "spending": "spend", "expenditure": "spend", "budget": "spend",
    "cost": "spend", "child": "child", "kid": "child",
}
STOP_TERMS = {
    "total", "number", "figure", "amount", "level", "count", "estimate", "rate", "share",
    "portion", "proportion", "percent", "percentage", "%", "part", "majority", "minority", "which",
    "that", "who", "what", "it", "its", "their", "there", "many", "some", "other", "be", "have",
    "do", "more", "less", "over", "about", "least",
}
EVALUATIVE = {
    "staggering", "significant", "substantial", "devastating", "crucial", "critical", "pivotal",
    "unprecedented", "huge", "massive", "dire", "major", "key", "continued", "ongoing", "recent",
    "latest", "new", "reported", "estimated", "total", "overall", "whopping", "mere", "just",
    "only", "tragic", "alarming", "record", "vast", "enormous", "considerable", "modest",
    "notable", "remarkable", "startling", "shocking", "sizable", "sizeable", "large", "small",
    "big", "heavy", "high", "low", "current", "initial", "final", "official", "additional",
    "further", "approximately", "roughly", "about", "nearly", "almost", "some", "least",
}
DEFINITE_DETS = {
    "the", "these", "those", "both", "its", "their", "his", "her", "our", "my", "your", "all",
}


# ----------------------------------------------------------------------------- helpers


def _lower(tok: Token) -> str:
    return tok.lower_


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _norm_term(word: str) -> str:
    w = word.lower().strip(".'’-")
    w = re.sub(r"['’]s$", "", w)
    return SYNONYMS.get(w, w)


def _token_term(tok: Token) -> str:
    """Lemma for common words; proper nouns and nationality words keep their text, singular
    ("Palestinians" -> palestinian)."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("NORP", "GPE", "ORG", "LOC", "PERSON"):
        text = tok.text
        if (
            tok.ent_type_ == "NORP"
            and len(text) > 4
            and text.endswith("s")
            and not text.endswith("ss")
        ):
            text = text[:-1]
        return _norm_term(text)
    return _norm_term(tok.lemma_)


RANGE_WORDS = {"to", "-", "–", "—", "or"}


def parse_quantity(words: Iterable[str]) -> tuple[float | None, bool]:
    """Like :func:`parse_number`, but a range ("15-20", "1,500 to 2,000", "between 3 and 4
    million") gives its midpoint and ``True``; a list ("0.99 and 9.99") its first number."""
    symbols = CURRENCY_SYMBOL_SET | {"us$", "us"}
    items = [w for w in words if w.lower() not in symbols]
    low = [w.lower() for w in items]
    for k in range(1, len(items) - 1):
        sep = low[k]
        is_range = sep in RANGE_WORDS or (sep == "and" and "between" in low[:k])
        if (
            sep in RANGE_WORDS | {"and"}
            and _has_digit_or_word(low[k - 1])
            and _has_digit_or_word(low[k + 1])
        ):
            if sep == "and" and k + 1 < len(low) and low[k + 1] in ("a", "an"):
                continue  # "two and a half"
            left = [w for w in items[:k] if w.lower() != "between"]
            right = items[k + 1 :]
            a, b = parse_number(left), parse_number(right)
            if a is None or b is None:
                break
            if not is_range:
                return a, False
            scale_right = _trailing_scale(right)
            if scale_right and not _trailing_scale(left) and a < b / scale_right * 1.0001 + 1:
                a *= scale_right
            return (a + b) / 2.0, True
    return parse_number(items), False


def _has_digit_or_word(w: str) -> bool:
    return any(c.isdigit() for c in w) or w in SMALL_NUMBERS or w.split("-")[0] in SMALL_NUMBERS


def _trailing_scale(words: list[str]) -> float | None:
    for w in reversed(words):
        lw = w.lower()
        if lw in SCALES:
            return SCALES[lw]
        m = re.fullmatch(r"[\d.,]+([a-z]+)", lw)
        if m and m.group(1) in SCALES:
            return SCALES[m.group(1)]
        if any(c.isdigit() for c in lw):
            return None
    return None


def parse_number(words: Iterable[str]) -> float | None:
    """'2.3 million' -> 2300000.0, 'a million' -> 1e6, '32,000' -> 32000, 'twenty-five' -> 25."""
    total = 0.0
    current: float | None = None
    seen = False
    pending_half = False
    for raw in words:
        w = raw.lower().strip()
        if not w:
            continue
        for sym, _ in CURRENCY_SYMBOLS:
            if w.startswith(sym) and len(w) > len(sym):
                w = w[len(sym) :]
                break
        if w in CURRENCY_SYMBOL_SET or w in ("and", "-", "us"):
            continue
        m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?|\.\d+)([a-z]+)?", w)
        if m:
            num = float(m.group(1).replace(",", ""))
            current = (current or 0.0) + num
            seen = True
            if m.group(2) and m.group(2) in SCALES:
                total += current * SCALES[m.group(2)]
                current = None
            continue
        if "-" in w and all(p in SMALL_NUMBERS for p in w.split("-") if p):
            current = (current or 0.0) + sum(SMALL_NUMBERS[p] for p in w.split("-") if p)
            seen = True
            continue
        if w == "half":
            if current is not None:  # "two and a half"
                current += 0.5
                continue
            pending_half = True
            seen = True
            continue
        if w in SMALL_NUMBERS:
            if w in ("a", "an") and (pending_half or current is not None):
                continue
            current = (current or 0.0) + SMALL_NUMBERS[w]
            seen = True
            continue
        if w in VAGUE_WORDS:
            return None  # "a few hundred", "thousands of": not a checkable number
        if w in SCALES:
            base = current if current is not None else (0.5 if pending_half else 1.0)
            if pending_half and current is not None:
                base *= 0.5
            if SCALES[w] == 100:
                current = base * 100
            else:
                total += base * SCALES[w]
                current = None
            pending_half = False
            seen = True
            continue
        return None if not seen else (total + (current or 0.0))
    if not seen:
        return None
    if pending_half and current is None and total == 0:
        return 0.5
    return total + (current or 0.0)


# Compiled once: these run for many tokens of every document.
_NUMBER_WITH_SUFFIX = re.compile(r"\d[\d,]*(\.\d+)?([a-z]{1,3})?")
_DECIMAL_FRACTION = re.compile(r"\.\d+")
_UPPER = re.compile(r"[A-Z]")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)s?")
_MULTI_DIGIT = re.compile(r"\d{2,}")
_ASCII_DIGIT = re.compile(r"[0-9]")


def _is_numberish(tok: Token) -> bool:
    w = tok.lower_
    m = _NUMBER_WITH_SUFFIX.fullmatch(w)
    if m and m.group(2) and _UPPER.search(tok.text):
        return False  # "3G", "4S": identifiers, not quantities
    if m and (
        not m.group(2)
        or m.group(2) in SCALES
        or (m.group(2) in MEASURE_UNITS and len(m.group(2)) > 1)
    ):
        return True
    if _DECIMAL_FRACTION.fullmatch(w):
        return True
    if m:
        return False
    return (
        tok.like_num
        or w in SMALL_NUMBERS
        and tok.pos_ == "NUM"
        or w in SCALES
        and tok.pos_ == "NUM"
    )


def _is_year(text: str) -> bool:
    return bool(_YEAR.fullmatch(text.strip()))


# ----------------------------------------------------------------------------- extraction


class _Quantity:
    __slots__ = ("start", "end", "label", "kind")

    def __init__(self, start: int, end: int, label: str, kind: str):
        self.start, self.end, self.label, self.kind = start, end, label, kind


class _DocTokens:
    """Token attributes of one document, read from spaCy once.

    Each ``doc[i]`` builds a Token object and each string attribute is looked up anew; the
    quantity scan looks at every token of the document several times, so it reads these lists
    instead and builds Tokens only around the few tokens that can be part of a quantity.
    """

    __slots__ = ("doc", "text", "lower", "lemma", "_numberish")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text: list[str] = []
        self.lower: list[str] = []
        self.lemma: list[str] = []  # lower-cased, as _lemma
        for tok in doc:
            self.text.append(tok.text)
            self.lower.append(tok.lower_)
            self.lemma.append(tok.lemma_.lower())
        self._numberish: list[bool | None] = [None] * len(self.text)

    def numberish(self, i: int) -> bool:
        """``_is_numberish(doc[i])``, computed at most once per token."""
        value = self._numberish[i]
        if value is None:
            value = self._numberish[i] = _is_numberish(self.doc[i])
        return value


def _has_digit(text: str) -> bool:
    """``any(c.isdigit() for c in text)``; ASCII text (nearly every token) via a regex."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(c.isdigit() for c in text)


def _duration_spans(doc: Doc, toks: _DocTokens) -> list[_Quantity]:
    """'hour-long', 'six-month-long', 'two-hour' (before a noun)."""
    out = []
    n = len(toks.text)
    for i in range(n):
        unit = DURATION_UNITS.get(toks.lemma[i]) or DURATION_UNITS.get(toks.lower[i].rstrip("s"))
        if not unit:
            continue
        tok = doc[i]
        nxt = doc[i + 1] if i + 1 < n else None
        is_long = nxt is not None and nxt.text == "-" and i + 2 < n and toks.lower[i + 2] == "long"
        start = i
        prv = doc[i - 1] if i > 0 else None
        if prv is not None and prv.text == "-" and i >= 2 and toks.numberish(i - 2):
            start = i - 2
        elif prv is not None and toks.numberish(i - 1) and prv.whitespace_ == "":
            start = i - 1
        if is_long:
            out.append(_Quantity(start, i + 3, "DURATION", "duration"))
        elif (
            start < i
            and nxt is not None
            and tok.head.pos_ in ("NOUN", "PROPN")
            and (tok.head.i > i and any(toks.text[j] == "-" for j in range(start, i)))
        ):
            out.append(_Quantity(start, i + 1, "DURATION", "duration"))
    return out


def _quantity_spans(doc: Doc, toks: _DocTokens, ents: tuple[Span, ...]) -> list[_Quantity]:
    spans: list[_Quantity] = []
    covered: set[int] = set()
    for q in _duration_spans(doc, toks):
        spans.append(q)
        covered.update(range(q.start, q.end))
    name_tokens: set[int] = set()
    other_tokens: set[int] = set()
    for ent in ents:
        if ent.label_ in NAME_LABELS:
            name_tokens.update(range(ent.start, ent.end))
        if ent.label_ in NON_QUANTITY_LABELS:
            other_tokens.update(range(ent.start, ent.end))
    for ent in ents:
        if ent.label_ not in QUANTITY_LABELS:
            continue
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        spans.append(_Quantity(ent.start, ent.end, ent.label_, ent.label_.lower()))
        covered.update(range(ent.start, ent.end))
    # number tokens the model left untagged (the cheap tests first: few tokens hold a digit)
    n = len(toks.text)
    i = 0
    while i < n:
        if (
            i in covered
            or i in name_tokens
            or i in other_tokens
            or not _has_digit(toks.text[i])
            or doc[i].pos_ not in ("NUM", "X", "NOUN", "PROPN", "ADJ")
            or not toks.numberish(i)
        ):
            i += 1
            continue
        j = i + 1
        while j < n and j not in covered and (toks.lower[j] in SCALES or toks.numberish(j)):
            j += 1
        start = i - 1 if i > 0 and toks.text[i - 1] in CURRENCY_SYMBOL_SET else i
        end = j
        label = "MONEY" if start < i else "CARDINAL"
        if end < n and toks.lower[end] in ("%", "percent"):
            end, label = end + 1, "PERCENT"
        spans.append(_Quantity(start, end, label, label.lower()))
        covered.update(range(start, end))
        i = end
    symbols = CURRENCY_SYMBOL_SET | {"us$", "usd"}
    for q in spans:
        if q.kind == "duration":
            continue
        while (
            q.start > 0 and toks.lower[q.start - 1] in symbols and (q.start - 1) not in name_tokens
        ):
            q.start -= 1
            q.label, q.kind = "MONEY", "money"
        while (
            q.end < n
            and toks.lower[q.end].rstrip(".") in SCALES
            and doc[q.end].pos_ in ("NUM", "NOUN", "X", "PROPN")
        ):
            if _has_digit(toks.text[q.end - 1]) or toks.lower[q.end - 1] in SCALES:
                q.end += 1
            else:
                break
    spans.sort(key=lambda q: q.start)
    return spans


def _strip_qualifier(doc: Doc, q: _Quantity) -> tuple[int, str | None]:
    """Move the span start past leading qualifier words; return (new start, qualifier)."""
    words = [t.lower_ for t in doc[q.start : q.end]]
    for pattern, norm in QUALIFIERS:
        n = len(pattern)
        if tuple(words[:n]) == pattern and n < len(words):
            return q.start + n, norm
    return q.start, None


def _qualifier_before(doc: Doc, start: int) -> str | None:
    words = [t.lower_ for t in doc[max(0, start - 3) : start]]
    for pattern, norm in QUALIFIERS:
        n = len(pattern)
        if n <= len(words) and tuple(words[-n:]) == pattern:
            return norm
    return None


def _currency(tokens: list[Token]) -> str | None:
    text = "".join(t.text_with_ws for t in tokens).lower()
    for sym, code in CURRENCY_SYMBOLS:
        if sym in text.replace(" ", ""):
            if sym == "$" and re.search(r"\b(a|c|hk|nz)\$", text.replace(" ", "")):
                continue
            return code
    for t in tokens:
        code = CURRENCY_WORDS.get(_lemma(t)) or CURRENCY_WORDS.get(t.lower_.rstrip("s"))
        if code:
            return code
    return None


def _period_near(doc: Doc, q_start: int, q_end: int, head: Token | None) -> str | None:
    after = [t.lower_ for t in doc[q_end : min(len(doc), q_end + 4)]]
    # "monthly", "annually"
    for w in after[:2]:
        if w in PERIOD_WORDS:
            return PERIOD_WORDS[w]
    # "a month", "per year", "each day", "every week", "per annum"
    for k in range(len(after) - 1):
        if after[k] in ("a", "an", "per", "each", "every", "/") and after[k + 1] in PERIOD_UNITS:
            return PERIOD_UNITS[after[k + 1]]
        if k >= 1:
            break
    # "... of $70 million" -> modifiers of the noun the quantity belongs to ("annual support")
    nodes = [head] if head is not None else []
    for t in doc[q_start:q_end]:
        node = t.head
        for _ in range(3):  # up through "of" to the noun the value belongs to
            nodes.append(node)
            if node.dep_ in ("pobj", "prep", "nummod", "quantmod") and node.head is not node:
                node = node.head
            else:
                break
    for node in nodes:
        if node is None:
            continue
        for c in list(node.children) + [node]:
            if c.dep_ in ("amod", "advmod", "npadvmod") or c is node:
                if c.lower_ in PERIOD_WORDS:
                    return PERIOD_WORDS[c.lower_]
    return None


def _unit_of(doc: Doc, q: _Quantity, tokens: list[Token]) -> tuple[str, Token | None]:
    """(raw_unit, unit token outside the span if any)."""
    if q.kind == "duration":
        for t in tokens:
            u = DURATION_UNITS.get(_lemma(t)) or DURATION_UNITS.get(t.lower_.rstrip("s"))
            if u:
                return u, None
    text = " ".join(t.lower_ for t in tokens)
    if (
        q.label == "PERCENT"
        or any(t.text == "%" for t in tokens)
        or "percent" in text
        or "per cent" in text
    ):
        if "point" in text:
            return "percentage point", None
        return "percent", None
    cur = _currency(tokens)
    if cur is None and q.label == "MONEY":
        nxt = doc[q.end] if q.end < len(doc) else None
        if nxt is not None:
            cur = CURRENCY_WORDS.get(_lemma(nxt))
    if cur:
        return cur, None
    for t in tokens:
        lem = _lemma(t)
        if lem in DURATION_UNITS and q.label in ("QUANTITY", "DURATION"):
            return DURATION_UNITS[lem], None
        if lem in MEASURE_UNITS and not _is_numberish(t) and t.lower_ not in SCALES:
            return MEASURE_UNITS[lem], None
    if q.label == "QUANTITY" and tokens:
        last = tokens[-1]
        if not _is_numberish(last):
            return _lemma(last), None
    # a unit noun right after the number ("5 kilometres" left untagged, "3 tonnes")
    nxt = doc[q.end] if q.end < len(doc) else None
    if nxt is not None and _lemma(nxt) in MEASURE_UNITS and nxt.pos_ == "NOUN":
        return MEASURE_UNITS[_lemma(nxt)], nxt
    if nxt is not None and _lemma(nxt) in DURATION_UNITS and nxt.pos_ == "NOUN":
        return DURATION_UNITS[_lemma(nxt)], nxt
    return "count", None


def _skip(doc: Doc, q: _Quantity, start: int, tokens: list[Token], repeated: set[str]) -> bool:
    if not tokens:
        return True
    if q.label == "CARDINAL" and len(tokens) == 1 and tokens[0].text in repeated:
        return True  # a bare number that keeps coming back is a model or flight number
    text = doc[start : q.end].text
    if q.kind == "duration":
        return False
    nums = [
        t for t in tokens if _is_numberish(t) or t.lower_ in SMALL_NUMBERS or t.lower_ in SCALES
    ]
    if not nums:
        return True
    if ":" in text or re.search(r"\d{4}-\d{2}", text) or re.search(r"\d/\d", text):
        return True  # clock times, ISO dates, fractions written as dates
    if re.search(r"\d(st|nd|rd|th)\b", text.lower()):
        return True
    if q.label in ("CARDINAL",) and len(tokens) == 1 and _is_year(tokens[0].text):
        return True
    first = tokens[0]
    # numbers that are part of a name or an identifier: "Resolution 2728", "Flight 370"
    prev = doc[start - 1] if start > 0 else None
    if (
        prev is not None
        and (prev.ent_type_ in NAME_LABELS and prev.ent_iob_ != "O")
        and q.label == "CARDINAL"
    ):
        return True
    root = doc[start : q.end].root
    if (
        q.label == "CARDINAL"
        and prev is not None
        and prev.pos_ == "PROPN"
        and prev.whitespace_
        and prev.ent_type_ != "NORP"
    ):
        return True  # "Boeing 737", "iPhone 4", "Flight 370"
    if (
        q.label == "CARDINAL"
        and root.dep_ in ("nummod", "compound")
        and root.head.pos_ == "PROPN"
        and root.head.i > root.i
        and root.head.ent_type_ != "NORP"
    ):
        return True  # "787 Dreamliner", "737 MAX"
    if (
        q.label == "CARDINAL"
        and prev is not None
        and prev.lower_ in ("the", "a", "an")
        and root.dep_ not in ("nummod", "quantmod")
    ):
        return True  # "the 787", "a 737"
    if prev is not None and prev.lower_ in (
        "no",
        "no.",
        "number",
        "#",
        "nos",
        "article",
        "section",
        "chapter",
        "page",
        "resolution",
        "paragraph",
    ):
        return True
    # list markers: "1." / "2)" at the start of a line
    if (
        (start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space)
        and q.end < len(doc)
        and doc[q.end].text in (".", ")")
    ):
        return True
    # "the two sides", "both", "its three members": a definite small count that refers back
    dets = {_lower(c) for c in root.head.children if c.dep_ in ("det", "poss") and c.i < start}
    dets |= {_lower(c) for c in root.children if c.dep_ in ("det", "poss")}
    value = parse_number(t.text for t in tokens)
    if dets & DEFINITE_DETS and value is not None and value < 10 and q.label == "CARDINAL":
        return True
    # spelled-out numbers that count nothing ("one of them", "the two")
    if q.label == "CARDINAL" and not any(c.isdigit() for c in text) and value is not None:
        if root.dep_ not in ("nummod", "quantmod") and value < 100:
            return True
        if value == 1 and root.dep_ == "nummod":
            return True
    if q.label == "CARDINAL" and len(nums) == 1 and first.lower_ in ("one",):
        return True
    return False


def _antecedent(doc: Doc, tok: Token) -> str | None:
    """'its' -> the nearest preceding place or organisation (same or previous sentence)."""
    if tok.lower_ not in ("its",):
        return None
    sent = tok.sent
    prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    best = None
    for ent in doc.ents:
        if (
            ent.label_ in ("GPE", "LOC", "ORG", "FAC")
            and prev_start <= ent.start
            and ent.end <= tok.i
        ):
            best = ent
    if best is None:
        return None
    text = re.sub(r"^(the)\s+", "", best.text, flags=re.I)
    return re.sub(r"['’]s?$", "", text)


_PHRASE_LEFT = {"poss", "compound", "amod", "nmod", "npadvmod"}
_PHRASE_RIGHT_PREPS = {"of", "in", "to", "for", "from", "on", "among", "across", "inside", "within"}


class _Phrase:
    """Ordered tokens of a readable noun phrase plus replacements (resolved 'its')."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens: dict[int, str] = {}
        self.term_tokens: list[Token] = []
        self.extra_terms: list[str] = []

    def add(self, tok: Token, text: str | None = None, term: bool = True) -> None:
        self.tokens[tok.i] = tok.text if text is None else text
        if term:
            self.term_tokens.append(tok)

    def render(self) -> str:
        parts = []
        for i in sorted(self.tokens):
            tok = self.doc[i]
            text = self.tokens[i]
            if not text:
                continue
            if parts and (
                text in ("'s", "'", "’s", "’", ",") or tok.text in ("'s", "’s", "'", "’")
            ):
                parts[-1] = parts[-1] + text
            elif parts and parts[-1].endswith("-"):
                parts[-1] = parts[-1] + text
            elif text == "-" and parts:
                parts[-1] = parts[-1] + text
            else:
                parts.append(text)
        return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _add_noun_phrase(
    ph: _Phrase, noun: Token, exclude: set[int], depth: int = 0, rightward: bool = True
) -> None:
    if noun.i in exclude or depth > 3:
        return
    for c in noun.children:
        if c.i in exclude:
            continue
        if c.dep_ == "poss":
            if c.lower_ in ("its",):
                ante = _antecedent(ph.doc, c)
                if ante:
                    ph.add(c, ante + "'s", term=False)
                    ph.extra_terms.extend(_norm_term(w) for w in ante.split())
                continue
            if c.pos_ == "PRON":
                continue
            _add_subtree_words(ph, c, exclude)
        elif c.dep_ in _PHRASE_LEFT and c.i < noun.i:
            if c.dep_ == "amod" and c.lower_ in EVALUATIVE:
                continue
            if (
                c.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY")
                and c.lower_ not in PERIOD_WORDS
            ):
                continue
            _add_subtree_words(ph, c, exclude)
    ph.add(noun)
    if not rightward:
        return
    for c in noun.children:
        if c.i in exclude or c.i < noun.i:
            continue
        if c.dep_ == "prep" and c.lower_ in _PHRASE_RIGHT_PREPS:
            objs = [o for o in c.children if o.dep_ == "pobj" and o.i not in exclude]
            if not objs:
                continue
            if any(o.i in exclude for o in c.subtree):
                continue
            ph.add(c, term=False)
            for o in objs:
                _add_noun_phrase(ph, o, exclude, depth + 1)
                for cj in o.children:
                    if cj.dep_ in ("conj", "cc") and cj.i not in exclude:
                        if cj.dep_ == "cc":
                            ph.add(cj, term=False)
                        else:
                            _add_noun_phrase(ph, cj, exclude, depth + 2, rightward=False)


def _add_subtree_words(ph: _Phrase, tok: Token, exclude: set[int]) -> None:
    for t in tok.subtree:
        if t.i in exclude or t.dep_ == "det" or t.dep_ == "punct" and t.text != "-":
            continue
        if t.pos_ == "ADJ" and t.lower_ in EVALUATIVE:
            continue
        if t.lower_ in ("its",):
            ante = _antecedent(ph.doc, t)
            if ante:
                ph.add(t, ante + "'s", term=False)
                ph.extra_terms.extend(_norm_term(w) for w in ante.split())
            continue
        ph.add(t, term=t.dep_ not in ("case", "cc"))


def _terms(ph: _Phrase, head_term: str | None, extra: Iterable[str] = ()) -> list[str]:
    out: list[str] = []

    def push(term: str) -> None:
        if term and term not in out and term not in STOP_TERMS and not term.isdigit():
            out.append(term)

    if head_term:
        push(head_term)
    for t in sorted(ph.term_tokens, key=lambda t: t.i):
        if t.is_stop or t.is_punct or _is_numberish(t):
            continue
        if t.lower_ in PERIOD_WORDS or t.lower_ in EVALUATIVE:
            continue
        if t.pos_ in ("NOUN", "PROPN", "VERB") or t.ent_type_ in ("NORP", "GPE", "ORG", "LOC"):
            if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
                continue
            push(_token_term(t))
    for term in ph.extra_terms:
        push(term)
    for term in extra:
        if term.isdigit():
            if term not in out:
                out.append(term)
        else:
            push(term)
    return out


IRREGULAR_PARTICIPLES = {
    "hold": "held", "make": "made", "take": "taken", "give": "given", "leave": "left",
    "keep": "kept", "lose": "lost", "send": "sent", "spend": "spent", "find": "found",
    "bring": "brought", "buy": "bought", "sell": "sold", "fight": "fought", "flee": "fled",
    "shoot": "shot", "hit": "hit", "cut": "cut", "put": "put", "drive": "driven", "win": "won",
    "build": "built", "feed": "fed", "hide": "hidden", "steal": "stolen", "slay": "slain",
    "lay": "laid", "pay": "paid", "sink": "sunk", "catch": "caught", "seek": "sought",
}


def _participle(verb: Token) -> str:
    if verb.tag_ in ("VBN", "VBD"):
        return verb.text
    lemma = verb.lemma_.lower()
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    return lemma + "ed"


def _years_in_clause(ents: tuple[Span, ...], clause: Token | None, exclude: set[int]) -> list[str]:
    """Years named in DATE entities (``doc.ents``) inside the clause."""
    if clause is None:
        return []
    years = []
    lo, hi = clause.left_edge.i, clause.right_edge.i
    for ent in ents:
        if ent.label_ != "DATE" or ent.start < lo or ent.end - 1 > hi:
            continue
        if any(i in exclude for i in range(ent.start, ent.end)):
            continue
        for m in re.finditer(r"\b(1[5-9]\d\d|20\d\d)\b", ent.text):
            if m.group(1) not in years:
                years.append(m.group(1))
    return years


def _clause_verb(tok: Token) -> Token | None:
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod", "acl") or node.head is node:
            return node
        node = node.head
    return None


def _location_context(doc: Doc, clause: Token | None, ph: _Phrase) -> tuple[str | None, list[str]]:
    """'in Rafah' from the clause's subject ('The situation in Rafah ... with 1m Palestinians') or
    from the noun a relative clause hangs on ('... in Gaza, which has resulted in ...')."""
    if clause is None:
        return None, []
    candidates: list[Token] = []
    if clause.dep_ == "relcl" and clause.head.ent_type_ in ("GPE", "LOC"):
        candidates.append(clause.head)
    if clause.dep_ == "relcl":
        for prep in clause.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                candidates.extend(o for o in prep.children if o.dep_ == "pobj")
    subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for s in subj:
        for prep in s.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "across", "inside"):
                candidates.extend(o for o in prep.children if o.dep_ == "pobj")
    for c in candidates:
        if c.ent_type_ in ("GPE", "LOC", "FAC") and c.i not in ph.tokens:
            ent = next((e for e in doc.ents if e.start <= c.i < e.end), None)
            name = re.sub(r"^(the)\s+", "", ent.text if ent else c.text, flags=re.I)
            return f"in {name}", [_norm_term(w) for w in name.split()]
    return None, []


def _subject(doc: Doc, qstart: int, qend: int, unit_tok: Token | None):
    """(subject text, terms, clause verb) for the quantity tokens doc[qstart:qend]."""
    span = doc[qstart:qend]
    exclude = set(range(qstart, qend))
    if unit_tok is not None:
        exclude.add(unit_tok.i)
    root = span.root
    ph = _Phrase(doc)
    # duration: "hour-long meeting" -> "meeting duration"
    if any(_lemma(t) in DURATION_UNITS for t in span):
        long_tok = next((t for t in span if t.lower_ == "long"), None)
        noun = long_tok.head if long_tok is not None else root.head
        if noun.pos_ in ("NOUN", "PROPN") and noun.i not in exclude:
            _add_noun_phrase(ph, noun, exclude)
            text = ph.render()
            text = f"{text} duration" if len(text.split()) == 1 else f"duration of {text}"
            return text, _terms(ph, "duration", [_token_term(noun)]), _clause_verb(noun)
    # the quantity phrase head: "$70 million" -> million; "32,000 Palestinians" -> Palestinians
    q = root
    counted: Token | None = None
    if unit_tok is not None:
        q = unit_tok
    elif (
        root.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod")
        and root.head.i not in exclude
    ):
        h = root.head
        if h.lower_ in PERIOD_WORDS:
            q = h
            exclude.add(h.i)
        elif h.pos_ in ("NOUN", "PROPN"):
            counted = h
            q = h
        elif h.pos_ == "ADJ" and h.lower_ == "long":  # "hour-long meeting"
            exclude.add(h.i)
            q = h
    # also exclude qualifier words that hang on the quantity
    for c in root.children:
        if c.dep_ in ("quantmod", "advmod") and c.i < root.i:
            exclude.add(c.i)
    head_term: str | None = None
    extra: list[str] = []
    clause = _clause_verb(q)
    dep, h = q.dep_, q.head

    partitive = [
        o
        for p in q.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    if partitive and (counted is None):
        # "80% of its 2.3 million inhabitants", "half of the population"
        pop = partitive[0]
        pop_exclude = exclude | {
            t.i for t in pop.subtree if t.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
        }
        _add_noun_phrase(ph, pop, pop_exclude)
        text = ph.render()
        head_term = _token_term(pop)
        if (
            dep in ("dobj", "nsubjpass", "nsubj")
            and h.pos_ in ("VERB",)
            and _lemma(h) not in COMPARISON_VERBS
        ):
            text = f"{text} {_participle(h)}"
            extra.append(_token_term(h))
            head_term = _token_term(h)
        return text, _terms(ph, head_term, extra), clause

    # "by over 50%" with a change verb -> "increase in <object>"
    if dep == "pobj" and h.lower_ == "by" and _lemma(h.head) in CHANGE_VERBS:
        verb = h.head
        objs = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i not in exclude
        ]
        obj = next((o for o in objs if o.dep_ == "dobj"), objs[0] if objs else None)
        if obj is not None:
            _add_noun_phrase(ph, obj, exclude)
            # "... support to Hamas" attached to the verb
            for prep in verb.children:
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ in ("to", "for", "in", "of")
                    and not any(t.i in exclude for t in prep.subtree)
                ):
                    ph.add(prep, term=False)
                    for o in prep.children:
                        if o.dep_ == "pobj":
                            _add_noun_phrase(ph, o, exclude)
            noun = CHANGE_VERBS[_lemma(verb)]
            # the agent: "Iran has increased its support" -> "Iran's" when the object has no owner
            text = f"{noun} in {ph.render()}"
            return text, _terms(ph, _norm_term(noun), [_token_term(obj)]), clause

    # comparison verbs: "the death toll, surpassing 32,000 Palestinians", "rose to 1,200"
    verb = None
    if (
        dep in ("dobj", "attr", "npadvmod", "nsubj")
        and _lemma(h) in COMPARISON_VERBS
        and h.pos_ in ("VERB", "AUX")
    ):
        verb = h
    elif (
        dep == "pobj"
        and h.lower_ in ("to", "at", "of")
        and (_lemma(h.head) in COMPARISON_VERBS or _lemma(h.head) in CHANGE_VERBS)
        and h.head.pos_ in ("VERB", "AUX")
    ):
        verb = h.head
    if verb is not None and not (dep == "nsubj" and counted is not None):
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            measured = verb.head
        else:
            subj = [
                c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude
            ]
            measured = subj[0] if subj else None
        if (
            measured is not None
            and measured.pos_ in ("NOUN", "PROPN")
            and measured.lower_ not in ("which", "that")
        ):
            _add_noun_phrase(ph, measured, exclude)
            head_term = _token_term(measured)
            comp = [c for c in measured.children if c.dep_ == "compound"]
            if head_term == "death" or any(_token_term(c) == "death" for c in comp):
                head_term = "death"
            if counted is not None:
                extra.append(_token_term(counted))
            return ph.render(), _terms(ph, head_term, extra), clause

    # "support of $70 million to Hamas", "a population of 2 million"
    if dep == "pobj" and h.lower_ == "of" and h.head.pos_ in ("NOUN", "PROPN") and counted is None:
        noun = h.head
        _add_noun_phrase(ph, noun, exclude | {t.i for t in h.subtree})
        return ph.render(), _terms(ph, _token_term(noun)), clause

    # a counted noun: "32,000 Palestinian casualties", "over a million Palestinians"
    if counted is not None:
        _add_noun_phrase(ph, counted, exclude)
        text = ph.render()
        head_term = _token_term(counted)
        cdep, ch = counted.dep_, counted.head
        if cdep in ("dobj", "nsubjpass") and ch.pos_ == "VERB" and _lemma(ch) in OUTCOME_VERBS:
            text = f"{text} {_participle(ch)}"
            head_term = _token_term(ch)
            extra.append(_token_term(counted))
        elif cdep == "nsubj" and ch.pos_ == "VERB" and _lemma(ch) in OUTCOME_VERBS:
            text = f"{text} {ch.text}"
            head_term = _token_term(ch)
            extra.append(_token_term(counted))
        loc, loc_terms = _location_context(doc, clause, ph)
        if loc and loc.split(" ", 1)[1] not in text:
            text = f"{text} {loc}"
            extra.extend(loc_terms)
        return text, _terms(ph, head_term, extra), clause

    # a transfer: "Iran has allocated approximately $30 million monthly to support Hamas"
    v = h if h.pos_ in ("VERB", "AUX") else None
    if (
        v is not None
        and dep in ("dobj", "advmod", "npadvmod", "nsubjpass", "attr")
        and _lemma(v) in TRANSFER_VERBS
    ):
        subj = [c for c in v.children if c.dep_ in ("nsubj",) and c.i not in exclude]
        if subj and subj[0].pos_ != "PRON":
            _add_subtree_words(ph, subj[0], exclude)
        ph.add(v, term=False)
        for c in v.children:
            if c.i in exclude or c.i < v.i:
                continue
            if c.dep_ == "prep" and c.lower_ in ("to", "for", "in"):
                _add_subtree_words(ph, c, exclude)
            elif c.dep_ in ("advcl", "xcomp") and any(
                a.lower_ == "to" for a in c.children if a.dep_ == "aux"
            ):
                for t in (
                    [c]
                    + [a for a in c.children if a.dep_ == "aux"]
                    + [o for o in c.children if o.dep_ in ("dobj",)]
                ):
                    if t.dep_ == "dobj":
                        _add_noun_phrase(ph, t, exclude, rightward=False)
                    else:
                        ph.add(t, term=t.dep_ != "aux")
        head_term = _token_term(v)
        return ph.render(), _terms(ph, head_term), clause

    # copula / generic object: "the budget is $5bn" -> subject of the clause
    if v is not None:
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
        if subj and subj[0].pos_ in ("NOUN", "PROPN"):
            _add_noun_phrase(ph, subj[0], exclude)
            head_term = _token_term(subj[0])
            if _lemma(v) != "be":
                ph.add(v, term=True)
            return ph.render(), _terms(ph, head_term), clause
        if dep == "nsubj" and _lemma(v) in OUTCOME_VERBS:  # "40 injured"
            ph.add(v)
            return v.text, _terms(ph, _token_term(v)), clause
    if h.pos_ in ("NOUN", "PROPN") and h.i not in exclude:
        _add_noun_phrase(ph, h, exclude)
        return ph.render(), _terms(ph, _token_term(h)), clause
    # climb through "worth", "up", "to" ... to the clause and take its subject
    measured = _clause_subject(q)
    if measured is not None and measured.i not in exclude:
        _add_noun_phrase(ph, measured, exclude)
        return ph.render(), _terms(ph, _token_term(measured)), clause
    return None, [], clause


def _clause_subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(10):
        if node.head is node:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            s0 = subj[0]
            if s0.lower_ in ("which", "that", "who") and node.dep_ == "relcl":
                return node.head if node.head.pos_ in ("NOUN", "PROPN") else None
            return s0 if s0.pos_ in ("NOUN", "PROPN") else None
        if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head
        if node.dep_ not in ("xcomp", "conj", "acomp", "advcl"):
            break
    return None


def _attribution(doc: Doc, sent: Span, tok: Token) -> str | None:
    def text_of(node: Token) -> str:
        lo, hi = node.left_edge.i, node.right_edge.i
        if hi - lo + 1 > 10:  # a long subject: keep the head with its left modifiers
            lo = min([node.i] + [c.left_edge.i for c in node.lefts if c.dep_ != "punct"])
            hi = node.i
        s = doc[lo : hi + 1].text
        return re.sub(r"^(the|a|an)\s+", "", s, flags=re.I).strip(" ,")

    # "according to X"
    for t in sent:
        if t.lower_ == "according":
            for prep in t.children:
                if prep.lower_ == "to":
                    objs = [o for o in prep.children if o.dep_ == "pobj"]
                    if objs:
                        return text_of(objs[0])
    # "as reported by X", "as stated by X"
    for t in sent:
        if (
            t.pos_ == "VERB"
            and t.tag_ == "VBN"
            and any(c.lower_ == "as" and c.dep_ == "mark" for c in t.children)
        ):
            for agent in t.children:
                if agent.dep_ == "agent":
                    objs = [o for o in agent.children if o.dep_ == "pobj"]
                    if objs:
                        return text_of(objs[0])
    # the clause holding the quantity is the complement of a reporting verb
    node = tok
    for _ in range(15):
        if node.dep_ in ("ccomp", "parataxis") and _lemma(node.head) in REPORTING_VERBS:
            subj = [c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ != "PRON":
                return text_of(subj[0])
            return None
        if node.head is node:
            break
        node = node.head
    # "..., X said." where the parser made the reporting verb the root
    root = sent.root
    if _lemma(root) in REPORTING_VERBS and tok.i != root.i:
        for c in root.children:
            if c.dep_ in ("ccomp",) and c.left_edge.i <= tok.i <= c.right_edge.i:
                subj = [s for s in root.children if s.dep_ in ("nsubj",)]
                if subj and subj[0].pos_ != "PRON":
                    return text_of(subj[0])
    return None


def claim_mentions_from_doc(doc: Doc, article: dict) -> list[dict]:
    """One row per quantitative assertion in ``doc`` (keys of CLAIM_MENTION_SCHEMA)."""
    rows: list[dict] = []
    toks = _DocTokens(doc)
    ents = doc.ents  # built anew on each access
    counts: dict[str, int] = defaultdict(int)
    for text in toks.text:
        if _MULTI_DIGIT.fullmatch(text) and not _is_year(text):
            counts[text] += 1
    repeated = {t for t, c in counts.items() if c >= REPEATED_IDENTIFIER}
    for q in _quantity_spans(doc, toks, ents):
        start, qualifier = _strip_qualifier(doc, q)
        tokens = list(doc[start : q.end])
        if _skip(doc, q, start, tokens, repeated):
            continue
        if qualifier is None:
            qualifier = _qualifier_before(doc, start)
        if qualifier is None:
            root = doc[start : q.end].root
            for node in (root.head, root.head.head):
                if node.dep_ in ("acl", "relcl", "ROOT", "conj", "advcl") or node.pos_ == "VERB":
                    norm = COMPARISON_VERBS.get(_lemma(node)) if node.pos_ == "VERB" else None
                    if norm and node.i < start:
                        qualifier = norm
                        break
        raw_unit, unit_tok = _unit_of(doc, q, tokens)
        if q.kind == "duration":
            nums = [t.text for t in tokens if _is_numberish(t) or t.lower_ in SMALL_NUMBERS]
            raw_value = parse_number(nums) if nums else 1.0
        else:
            raw_value, is_range = parse_quantity(t.text for t in tokens)
            if is_range and qualifier is None:
                qualifier = "approximately"
        if raw_value is None or math.isnan(raw_value):
            continue
        sent = tokens[0].sent
        subject, terms, clause = _subject(doc, start, q.end, unit_tok)
        if subject is not None and not re.search(r"[A-Za-z0-9]", subject):
            subject = None
        terms = [t for t in terms if not re.fullmatch(r"1[5-9]\d\d|20\d\d", t)]
        if terms:
            for y in _years_in_clause(ents, clause, set(range(start, q.end))):
                if y not in terms:
                    terms.append(y)
        period = None
        if raw_unit not in DURATION_UNITS.values():
            period = _period_near(doc, start, q.end, unit_tok)
        value = raw_value
        unit = raw_unit
        if raw_unit == "percent":
            value, unit = raw_value / 100.0, "fraction"
        if period in PERIOD_FACTORS and unit not in ("fraction", "percentage point"):
            value = value * PERIOD_FACTORS[period]
            unit = f"{unit}/year"
        end_tok = unit_tok if unit_tok is not None and unit_tok.i == q.end else None
        last = end_tok if end_tok is not None else doc[q.end - 1]
        q_start_char = doc[start].idx
        q_end_char = last.idx + len(last.text)
        # the characters q_start_char:q_end_char (Doc.text would join the whole document)
        quantity_text = doc[start : last.i + 1].text
        rows.append(
            {
                "drop_id": article.get("drop_id"),
                "article_id": article["article_id"],
                "claim_id": f"{article['article_id']}:c{q_start_char}",
                "subject": subject,
                "subject_terms": terms,
                "quantity_text": quantity_text,
                "quantity_start": q_start_char,
                "quantity_end": q_end_char,
                "raw_value": float(raw_value),
                "raw_unit": raw_unit,
                "period": period,
                "qualifier": qualifier,
                "attribution": _attribution(doc, sent, doc[start]),
                "value": float(value),
                "unit": unit,
                "sentence": sent.text,
                "sentence_start": sent.start_char,
                "sentence_end": sent.end_char,
            }
        )
    return rows

"""Quantities in a parsed document: where they are, their qualifier, unit and period.

``quantity_spans(doc, toks, ents)`` finds the spans: the model's MONEY / PERCENT / CARDINAL /
QUANTITY entities, number tokens the model left untagged, and adjectival durations ("hour-long",
"six-month-long"). Around a span: its qualifier (``strip_qualifier``, ``qualifier_before``,
``qualifier_outside``: "more than", "approximately", ...), its unit (``unit_of``: an ISO currency
code, ``percent``, ``count``, a duration or measure unit) and its period (``period_near``:
"annual", "a month", ...).

Reading the number itself is orchestration/lib/nlp/numbers.py, the unit vocabulary and
normalisation orchestration/lib/nlp/units.py; which spans are not claims (years, identifiers,
back-references) is orchestration/lib/nlp/claim_filters.py.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from orchestration.lib.nlp.numbers import (
    CURRENCY_SYMBOL_SET,
    CURRENCY_SYMBOLS,
    SCALES,
    SMALL_NUMBERS,
)
from orchestration.lib.nlp.units import (
    CURRENCY_WORDS,
    DURATION_UNITS,
    MEASURE_UNITS,
    PERIOD_UNITS,
    PERIOD_WORDS,
)

QUANTITY_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
NON_QUANTITY_LABELS = {"DATE", "TIME", "ORDINAL"}
NAME_LABELS = {
    "PERSON", "ORG", "GPE", "LOC", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "NORP",
    "LANGUAGE",
}


def lemma(tok: Token) -> str:
    """The token's lemma, lower-cased."""
    return tok.lemma_.lower()


# Compiled once: these run for many tokens of every document.
_NUMBER_WITH_SUFFIX = re.compile(r"\d[\d,]*(\.\d+)?([a-z]{1,3})?")
_DECIMAL_FRACTION = re.compile(r"\.\d+")
_UPPER = re.compile(r"[A-Z]")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)s?")
_ASCII_DIGIT = re.compile(r"[0-9]")


def is_numberish(tok: Token) -> bool:
    """A number token: digits (also with a scale or unit suffix: "1.5bn", "10km"), ".5", or a
    number word the model tagged as one."""
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


def is_year(text: str) -> bool:
    return bool(_YEAR.fullmatch(text.strip()))


class Quantity:
    """A quantity span ``doc[start:end]``: its entity label (MONEY, PERCENT, CARDINAL, QUANTITY
    or DURATION) and kind (the label lower-cased)."""

    __slots__ = ("start", "end", "label", "kind")

    def __init__(self, start: int, end: int, label: str, kind: str):
        self.start, self.end, self.label, self.kind = start, end, label, kind


class DocTokens:
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
        self.lemma: list[str] = []  # lower-cased, as lemma()
        for tok in doc:
            self.text.append(tok.text)
            self.lower.append(tok.lower_)
            self.lemma.append(tok.lemma_.lower())
        self._numberish: list[bool | None] = [None] * len(self.text)

    def numberish(self, i: int) -> bool:
        """``is_numberish(doc[i])``, computed at most once per token."""
        value = self._numberish[i]
        if value is None:
            value = self._numberish[i] = is_numberish(self.doc[i])
        return value


def _has_digit(text: str) -> bool:
    """``any(c.isdigit() for c in text)``; ASCII text (nearly every token) via a regex."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(c.isdigit() for c in text)


def _duration_spans(doc: Doc, toks: DocTokens) -> list[Quantity]:
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
            out.append(Quantity(start, i + 3, "DURATION", "duration"))
        elif (
            start < i
            and nxt is not None
            and tok.head.pos_ in ("NOUN", "PROPN")
            and (tok.head.i > i and any(toks.text[j] == "-" for j in range(start, i)))
        ):
            out.append(Quantity(start, i + 1, "DURATION", "duration"))
    return out


def _entity_parts(toks: DocTokens, start: int, end: int) -> list[tuple[int, int]]:
    """The quantities of one model entity: a price in two currencies is two ("$199 / £ 129");
    a range's join word the model took in is left out, so the range is merged with its other
    end ("10,400 to" + "16,400 km", "between 200" + "350")."""
    cuts = [k for k in range(start + 1, end - 1)
            if toks.text[k] == "/" and toks.lower[k + 1] in CURRENCY_SYMBOL_SET]
    parts = list(zip([start, *(k + 1 for k in cuts)], [*cuts, end], strict=True))
    out = []
    for a, b in parts:
        while b - a > 1 and toks.lower[b - 1] in _RANGE_JOINS | {"and"}:
            b -= 1
        if b - a > 1 and toks.lower[a] == "between" and "and" not in toks.lower[a:b]:
            a += 1  # "between 200": its other end is the next quantity
        out.append((a, b))
    return out


# a duration followed by these places an event in time ("two years ago"): no claim
_PLACING_AFTER = {"ago", "later", "earlier", "hence"}


def _dated_durations(doc: Doc, toks: DocTokens, ents: tuple[Span, ...]) -> list[Quantity]:
    """Durations the model tagged DATE or TIME ("lasted four hours", "over the next four years",
    "within 90 days"): the number and its unit, unless the span places a happening ("two
    years ago", "a week later")."""
    out = []
    for ent in ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        for k in range(ent.start + 1, ent.end):
            unit = DURATION_UNITS.get(toks.lemma[k]) or DURATION_UNITS.get(
                toks.lower[k].rstrip("s"))
            if not unit or not (toks.numberish(k - 1) or toks.lower[k - 1] in SMALL_NUMBERS):
                continue
            if _YEAR.fullmatch(toks.text[k - 1]) or toks.lower[k - 1] in ("one", "1", "a"):
                continue  # "one year" mostly places ("one year later", "for one year")
            after = toks.lower[k + 1] if k + 1 < len(toks.text) else ""
            if after in _PLACING_AFTER or after == "-":
                continue
            start = k - 1
            while start > ent.start and toks.lower[start - 1] not in ("a", "an") and (
                toks.numberish(start - 1) or toks.lower[start - 1] in SMALL_NUMBERS
            ):
                start -= 1
            out.append(Quantity(start, k + 1, "DURATION", "duration"))
    return out


def quantity_spans(doc: Doc, toks: DocTokens, ents: tuple[Span, ...]) -> list[Quantity]:
    spans: list[Quantity] = []
    covered: set[int] = set()
    for q in _duration_spans(doc, toks):
        spans.append(q)
        covered.update(range(q.start, q.end))
    for q in _dated_durations(doc, toks, ents):
        if not any(i in covered for i in range(q.start, q.end)):
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
        for start, end in _entity_parts(toks, ent.start, ent.end):
            spans.append(Quantity(start, end, ent.label_, ent.label_.lower()))
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
        spans.append(Quantity(start, end, label, label.lower()))
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
    return _merge_ranges(toks, spans)


_RANGE_JOINS = {"to", "-", "–", "—"}


def _merge_ranges(toks: DocTokens, spans: list[Quantity]) -> list[Quantity]:
    """Two quantities joined by "to" or a dash ("200 to 300", "5,600 to 8,870 nautical miles"),
    or by "and" after "between" ("between 305 and 550"), are one range: one span, "between"
    included, labelled as its right end (which carries the unit: "10,400 to 16,400 km")."""
    out: list[Quantity] = []
    for q in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.kind != "duration" and q.kind != "duration":
            gap = toks.lower[prev.end : q.start]
            before = toks.lower[prev.start - 1] if prev.start > 0 else ""
            if (len(gap) == 1 and gap[0] in _RANGE_JOINS) or (
                gap == ["and"] and before == "between"
            ):
                start = prev.start - 1 if gap == ["and"] else prev.start
                out[-1] = Quantity(start, q.end, q.label, q.kind)
                continue
        out.append(q)
    return out


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
    (("within",), "at most"),
]
# words the model takes into a quantity that say nothing of its value ("only 7.2 millimetres")
_EMPHASIS = {"only", "merely", "just", "mere"}
COMPARISON_VERBS = {
    "surpass": "more than", "exceed": "more than", "top": "more than", "pass": "more than",
    "cross": "more than", "near": "nearly", "approach": "nearly", "reach": None, "hit": None,
    "rise": None, "climb": None, "jump": None, "soar": None, "grow": None, "increase": None,
    "fall": None, "drop": None, "decline": None, "stand": None, "total": None, "number": None,
    "mount": None, "swell": None, "be": None,
}


def strip_qualifier(doc: Doc, q: Quantity) -> tuple[int, str | None]:
    """Move the span start past leading qualifier (and emphasis) words; return (new start,
    qualifier)."""
    words = [t.lower_ for t in doc[q.start : q.end]]
    skip = 0
    while skip + 1 < len(words) and words[skip] in _EMPHASIS and words[skip + 1] not in (
        "million", "billion", "thousand", "hundred", "dozen", "half", "third", "quarter",
        "few", "over", "under",
    ):
        skip += 1
    words = words[skip:]
    for pattern, norm in QUALIFIERS:
        n = len(pattern)
        if tuple(words[:n]) == pattern and n < len(words):
            return q.start + skip + n, norm
    return q.start + skip, None


def qualifier_before(doc: Doc, start: int) -> str | None:
    words = [t.lower_ for t in doc[max(0, start - 3) : start]]
    for pattern, norm in QUALIFIERS:
        n = len(pattern)
        if n <= len(words) and tuple(words[-n:]) == pattern:
            return norm
    return None


def qualifier_outside(doc: Doc, start: int, end: int) -> str | None:
    """The qualifier of the quantity ``doc[start:end]`` when its span holds none: the words just
    before it ("more than"), else a comparison verb before it that governs it ("the death toll,
    surpassing 32,000")."""
    qualifier = qualifier_before(doc, start)
    if qualifier is not None:
        return qualifier
    root = doc[start:end].root
    for node in (root.head, root.head.head):
        if node.dep_ in ("acl", "relcl", "ROOT", "conj", "advcl") or node.pos_ == "VERB":
            norm = COMPARISON_VERBS.get(lemma(node)) if node.pos_ == "VERB" else None
            if norm and node.i < start:
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
        code = CURRENCY_WORDS.get(lemma(t)) or CURRENCY_WORDS.get(t.lower_.rstrip("s"))
        if code:
            return code
    return None


def period_near(doc: Doc, q_start: int, q_end: int, head: Token | None) -> str | None:
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


def _nautical(tok: Token, unit: str) -> str:
    """"nautical miles" are ``nmi``, not miles."""
    if unit == "mile" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "nautical":
        return "nmi"
    return unit


def unit_of(doc: Doc, q: Quantity, tokens: list[Token]) -> tuple[str, Token | None]:
    """(raw_unit, unit token outside the span if any)."""
    if q.kind == "duration":
        for t in tokens:
            u = DURATION_UNITS.get(lemma(t)) or DURATION_UNITS.get(t.lower_.rstrip("s"))
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
    nxt = doc[q.end] if q.end < len(doc) else None
    if cur is None and nxt is not None and (
        q.label == "MONEY" or (nxt.pos_ == "NOUN" and lemma(nxt) not in ("pound", "real"))
    ):  # "$5 million", "6 billion dollars"
        cur = CURRENCY_WORDS.get(lemma(nxt))
    if cur:
        return cur, None
    for t in tokens:
        lem = lemma(t)
        if lem in DURATION_UNITS and q.label in ("QUANTITY", "DURATION"):
            return DURATION_UNITS[lem], None
        if lem in MEASURE_UNITS and not is_numberish(t) and t.lower_ not in SCALES:
            return _nautical(t, MEASURE_UNITS[lem]), None
    if q.label == "QUANTITY" and tokens:
        last = tokens[-1]
        if not is_numberish(last):
            return lemma(last), None
    # a unit noun right after the number ("5 kilometres" left untagged, "3 tonnes")
    if nxt is not None and nxt.lower_ == "nautical" and nxt.i + 1 < len(doc):
        if lemma(doc[nxt.i + 1]) == "mile":
            return "nmi", doc[nxt.i + 1]
    if nxt is not None and lemma(nxt) in MEASURE_UNITS and nxt.pos_ in ("NOUN", "PROPN"):
        return MEASURE_UNITS[lemma(nxt)], nxt
    if nxt is not None and lemma(nxt) in DURATION_UNITS and nxt.pos_ == "NOUN":
        return DURATION_UNITS[lemma(nxt)], nxt
    return "count", None

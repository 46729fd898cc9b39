"""Which quantity spans are not claims.

Not claims: years ("since 2015", "the 2021 conflict"), other dates and times, ordinals, numbers
inside names or identifiers ("Resolution 2728", "Flight 370", "Boeing 737", a bare number the
article keeps repeating or uses in a name elsewhere: "Boeing 787" then "the new 787 aircraft";
model codes "737-800", "787-8"; "No. 1"; serials "001"; "3G"; "three-class"), list markers,
clock times, definite small counts that only refer back ("the two sides", "both"), and
spelled-out numbers that count nothing ("one of them").

The spans come from orchestration/lib/nlp/quantities.py; the extraction that drops them is
orchestration/lib/nlp/claims.py.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from orchestration.lib.nlp.numbers import SCALES, SMALL_NUMBERS, parse_number
from orchestration.lib.nlp.quantities import NAME_LABELS, Quantity, is_numberish, is_year
from orchestration.lib.nlp.units import CURRENCY_WORDS, DURATION_UNITS, MEASURE_UNITS

# A bare integer (no separators, no unit) written this many times in one article is an
# identifier ("787", "737"), not a quantity.
REPEATED_IDENTIFIER = 3
DEFINITE_DETS = {
    "the", "these", "those", "both", "its", "their", "his", "her", "our", "my", "your", "all",
}
IDENTIFIER_WORDS = (
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
)

_MULTI_DIGIT = re.compile(r"\d{2,}")
_CAMEL = re.compile(r"[A-Z]")
_MODEL_PLURAL = re.compile(r"[A-Z]?\d{3,}[A-Z]?s")
# letters written tight after a number that are a unit, not a code ("160GB" vs "3G", "3GS")
_TIGHT_UNITS = {"gb", "mb", "tb", "kb", "mw", "gw", "kw", "kwh", "km", "kg", "cm", "mm", "m",
                "bn", "k", "ft", "lb", "lbs", "mph"}
_SMALL_WORD_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}


def repeated_identifiers(texts: list[str]) -> set[str]:
    """Bare integers (not years) among the token ``texts`` of one article written at least
    ``REPEATED_IDENTIFIER`` times."""
    counts: dict[str, int] = {}
    for text in texts:
        if _MULTI_DIGIT.fullmatch(text) and not is_year(text):
            counts[text] = counts.get(text, 0) + 1
    return {t for t, c in counts.items() if c >= REPEATED_IDENTIFIER}


def name_numbers(doc: Doc) -> set[str]:
    """Integers the article uses inside names, so that the bare number is a name everywhere in
    it: right after a proper noun or a camel-case word it hangs on ("Boeing 787", "iOS 4"), or
    the left part of a model code written tight ("737-800", "787-8", "777-200LR")."""
    out: set[str] = set()
    for tok in doc:
        plural = re.fullmatch(r"(\d{3,})s", tok.text)  # "5,700 737s": a model's plural
        if plural and not tok.text.endswith("0s"):
            out.add(plural.group(1))
        if not tok.text.isdigit() or is_year(tok.text):
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        spaced = prev is not None and bool(prev.whitespace_)
        if prev is not None and prev.tag_ == "POS" and tok.i > 1:
            prev = doc[tok.i - 2]  # "Boeing's 787"
        counts_a_noun = tok.dep_ == "nummod" and tok.head.i > tok.i and tok.head.pos_ == "NOUN"
        if spaced and _is_name_word(prev) and not counts_a_noun:
            out.add(tok.text)
        if _is_tight_code(doc, tok):
            out.add(tok.text)
    return out


def _is_name_word(tok: Token) -> bool:
    """A proper noun (not a nationality) or a camel-case word ("iPhone", "iOS")."""
    if tok.ent_type_ == "NORP" or not tok.is_alpha:
        return False
    return tok.pos_ == "PROPN" or bool(_CAMEL.search(tok.text[1:]))


def _is_tight_code(doc: Doc, tok: Token) -> bool:
    """``tok`` (3+ digits) starts a code written without spaces: "737-800", "787-8", "777-200LR"
    (a right part smaller than the left or holding letters is no range)."""
    if len(tok.text) < 3 or tok.whitespace_ or tok.i + 2 >= len(doc):
        return False
    dash, right = doc[tok.i + 1], doc[tok.i + 2]
    if dash.text != "-" or dash.whitespace_:
        return False
    digits = re.match(r"\d+", right.text)
    if digits is None:
        return False
    letters = right.text[digits.end():] != "" or (
        not right.whitespace_ and tok.i + 3 < len(doc) and doc[tok.i + 3].is_alpha
    )
    return letters or int(digits.group(0)) < int(tok.text)


def _lower(tok: Token) -> str:
    return tok.lower_


def is_not_a_claim(
    doc: Doc, q: Quantity, start: int, tokens: list[Token], repeated: set[str]
) -> bool:
    """Is the quantity ``doc[start:q.end]`` (qualifier words stripped) not a claim?"""
    if not tokens:
        return True
    if q.label == "CARDINAL" and len(tokens) == 1 and tokens[0].text in repeated:
        return True  # a bare number that keeps coming back is a model or flight number
    text = doc[start : q.end].text
    if q.kind == "duration":
        return False
    nums = [
        t for t in tokens if is_numberish(t) or t.lower_ in SMALL_NUMBERS or t.lower_ in SCALES
    ]
    if not nums:
        return True
    prev = doc[start - 1] if start > 0 else None
    root = doc[start : q.end].root
    return (
        _is_date_or_time(q, tokens, text)
        or _is_identifier(q, prev, root)
        or _is_code(doc, q, start, tokens, repeated)
        or _is_list_marker(doc, q, start)
        or _counts_nothing(q, tokens, nums, text, start, root)
    )


def _is_date_or_time(q: Quantity, tokens: list[Token], text: str) -> bool:
    if ":" in text or re.search(r"\d{4}-\d{2}", text) or re.search(r"\d/\d", text):
        return True  # clock times, ISO dates, fractions written as dates
    if re.search(r"\d(st|nd|rd|th)\b", text.lower()):
        return True
    if q.label in ("CARDINAL",) and len(tokens) == 1 and is_year(tokens[0].text):
        return True
    return False


def _is_identifier(q: Quantity, prev: Token | None, root: Token) -> bool:
    """Numbers that are part of a name or an identifier: "Resolution 2728", "Flight 370"."""
    if (
        prev is not None
        and (prev.ent_type_ in NAME_LABELS and prev.ent_iob_ != "O")
        and q.label == "CARDINAL"
    ):
        return True
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
        and not _MODEL_PLURAL.fullmatch(root.head.text)  # "18 777s" counts 777s
    ):
        return True  # "787 Dreamliner", "737 MAX"
    if (
        q.label == "CARDINAL"
        and prev is not None
        and prev.lower_ in ("the", "a", "an")
        and root.dep_ not in ("nummod", "quantmod")
    ):
        return True  # "the 787", "a 737"
    if prev is not None and prev.lower_ in IDENTIFIER_WORDS:
        return True
    return False


def _is_code(doc: Doc, q: Quantity, start: int, tokens: list[Token], names: set[str]) -> bool:
    """Numbers of names by shape: a number the article uses in a name ("their new 787
    aircraft" after "Boeing 787"), a tight model code ("737-800", "787-8"), "No. 1", a
    zero-padded serial ("001"), a number with a capital-letter code written tight ("3G", "3GS"),
    a small number word joined to a noun that is no unit ("three-class configuration")."""
    if q.kind == "duration":
        return False
    first, last = tokens[0], tokens[-1]
    if q.label == "CARDINAL" and any(t.text in names for t in tokens) and len(tokens) <= 3:
        if all(t.text in names or not t.text[:1].isdigit() for t in tokens):
            return True  # "787", "737-800", "787-8"
    if first.text.isdigit() and _is_tight_code(doc, first):
        return True
    if first.text in names and not first.whitespace_ and doc[first.i + 1 : first.i + 2].text == "-":
        return True  # "737-800" after "Boeing 737"
    if start >= 2 and doc[start - 1].text == "." and doc[start - 2].lower_ in ("no", "nos"):
        return True  # "No. 1"
    if q.label == "CARDINAL" and len(tokens) == 1 and re.fullmatch(r"0\d+", first.text):
        return True  # a serial number "001"
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if (
        nxt is not None and not last.whitespace_ and nxt.is_alpha and nxt.text[:1].isupper()
        and nxt.lower_ not in _TIGHT_UNITS and last.text[-1:].isdigit()
    ):
        return True  # "3G", "3GS"
    m = re.fullmatch(r"\d+([A-Z][A-Za-z]*)", last.text)
    if m and m.group(1).lower() not in _TIGHT_UNITS:
        return True
    if (
        q.label == "CARDINAL" and len(tokens) == 1 and first.lower_ in _SMALL_WORD_NUMBERS
        and nxt is not None and nxt.text == "-" and not first.whitespace_
        and last.i + 2 < len(doc) and not _is_unit_word(doc[last.i + 2])
    ):
        return True  # "three-class configuration"
    return False


def _is_unit_word(tok: Token) -> bool:
    lem = tok.lemma_.lower()
    return lem in MEASURE_UNITS or lem in DURATION_UNITS or lem in CURRENCY_WORDS


def _is_list_marker(doc: Doc, q: Quantity, start: int) -> bool:
    """ "1." / "2)" at the start of a line."""
    return (
        (start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space)
        and q.end < len(doc)
        and doc[q.end].text in (".", ")")
    )


def _counts_nothing(
    q: Quantity, tokens: list[Token], nums: list[Token], text: str, start: int, root: Token
) -> bool:
    """Small counts that refer back or count nothing ("the two sides", "one of them")."""
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
    first = tokens[0]
    if q.label == "CARDINAL" and len(nums) == 1 and first.lower_ in ("one",):
        return True
    return False

"""Which quantity spans are not claims.

Not claims: years ("since 2015", "the 2021 conflict"), other dates and times, ordinals, numbers
inside names or identifiers ("Resolution 2728", "Flight 370", "Boeing 737", a bare number the
article keeps repeating), list markers, clock times, definite small counts that only refer back
("the two sides", "both"), and spelled-out numbers that count nothing ("one of them").

The spans come from orchestration/lib/nlp/quantities.py; the extraction that drops them is
orchestration/lib/nlp/claims.py.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from orchestration.lib.nlp.numbers import SCALES, SMALL_NUMBERS, parse_number
from orchestration.lib.nlp.quantities import NAME_LABELS, Quantity, is_numberish, is_year

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


def repeated_identifiers(texts: list[str]) -> set[str]:
    """Bare integers (not years) among the token ``texts`` of one article written at least
    ``REPEATED_IDENTIFIER`` times."""
    counts: dict[str, int] = {}
    for text in texts:
        if _MULTI_DIGIT.fullmatch(text) and not is_year(text):
            counts[text] = counts.get(text, 0) + 1
    return {t for t, c in counts.items() if c >= REPEATED_IDENTIFIER}


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

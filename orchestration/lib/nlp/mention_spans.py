"""What one model span becomes a candidate mention by (rules 1-3 of ``entities.py``): cut at
paragraph breaks, trimmed (leading article and quotes, trailing possessive, caption label, and
for PERSON leading titles and lower-case words), filtered (title words only, adjectival
compounds, currencies, lone common or caption words) and retyped by its head noun
(organisation / facility) or its shape (letters and digits: a product).

Word lists from ``lexicon.py``; document-level rules and the mention rows are in ``entities.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from orchestration.lib.nlp.lexicon import (
    CAPTION_LABELS,
    FACILITY_HEADS,
    LEGAL_SUFFIXES,
    NAME_PARTICLES,
    OF_LIKE,
    ORG_HEADS,
    POSSESSIVE_TOKENS,
    TITLE_HEADS,
    TITLE_WORDS,
    is_title_only,
    lex_word,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from orchestration.lib.nlp.entities import Candidate

# Model labels -> warehouse types. Numeric and temporal labels are dropped.
TYPE_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION",
            "FAC": "LOCATION"}
KEPT_OTHER = {"NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}
DROPPED = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}

_LEADING_DROP = {"the", "a", "an", "this", "that", "these", "those"}
_QUOTES = "\"'“”‘’`«»"
_HAS_UPPER = re.compile(r"[A-Z]")


def split_paragraphs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a token range at whitespace tokens that hold a line break."""
    pieces, s = [], start
    for i in range(start, end):
        tok = doc[i]
        if "\n" in tok.text or "\n" in tok.whitespace_:
            if tok.is_space:
                if i > s:
                    pieces.append((s, i))
                s = i + 1
            else:  # a token followed by a line break ends the piece
                pieces.append((s, i + 1))
                s = i + 1
    if end > s:
        pieces.append((s, end))
    return pieces


def trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop a leading article/quote, a trailing possessive and surrounding punctuation."""
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or doc[start].lower_ in _LEADING_DROP
                           or doc[start].text in _QUOTES):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE_TOKENS or doc[end - 1].is_space
                           or (doc[end - 1].is_punct and not (
                               doc[end - 1].text == ")" and "(" in doc[start:end].text))
                           or doc[end - 1].text in _QUOTES):
        # keep a final dot that belongs to an abbreviation ("U.S.", "D.C.")
        if doc[end - 1].text == "." and end - 1 > start and "." in doc[end - 2].text:
            break
        end -= 1
    # a caption label glued to a name: "Belle Image: Nick Moreau"
    if end - start > 1 and lex_word(doc[end - 1]) in CAPTION_LABELS and end < len(doc) \
            and doc[end].text == ":":
        end -= 1
    if label == "PERSON":
        # strip honorifics, titles and lower-case words in front of a name ("President Donald
        # Trump", "nonpartisan Paul Tse"); name particles ("al-Nakhalah", "van Gogh") stay
        while end - start > 1:
            tok = doc[start]
            if (lex_word(tok) in TITLE_WORDS and tok.text[:1].isupper()) or tok.is_punct or (
                    tok.is_lower and lex_word(tok) not in NAME_PARTICLES
                    and not (start + 1 < end and doc[start + 1].text == "-")):
                start += 1
            else:
                break
    return start, end


_PREFIX_COMPOUND = re.compile(r"^(?:pro|anti|non|ex|post|pre|neo|pan|semi|self|all)-",
                              re.IGNORECASE)


def keep(doc: Doc, start: int, end: int, label: str, lower_vocab: set[str],
          name_words: set[str]) -> bool:
    if end <= start:
        return False
    text = doc[start:end].text
    if not _HAS_UPPER.search(text):
        return False
    if is_title_only(doc, start, end) or _title_complement(doc, start, end):
        return False
    toks = [doc[i] for i in range(start, end) if not doc[i].is_punct]
    if not toks:
        return False
    if all(t.is_stop and not t.is_upper for t in toks):
        return False
    # an adjectival compound, not a name: "pro-Beijing", "anti-Israel"
    if label in TYPE_MAP and _PREFIX_COMPOUND.match(text):
        return False
    # the country part of a currency ("US$ 40", "HK$")
    if end < len(doc) and doc[end].text.startswith("$") and not doc[end - 1].whitespace_:
        return False
    if len(toks) == 1 and label in TYPE_MAP:
        t = toks[0]
        if not t.is_upper:
            # a single common word the tagger does not read as a proper noun ("Background")
            if t.pos_ != "PROPN" and t.tag_ not in {"NNP", "NNPS"}:
                return False
            # a capitalised word that the same document also writes in lower case ("Water"),
            # unless it is also a word of a longer name ("the Church" / "Church of Scientology")
            if t.lower_ in lower_vocab and t.lower_ not in name_words:
                return False
            # a caption label ("Image: NASA")
            if t.lower_ in CAPTION_LABELS and t.i + 1 < len(doc) and doc[t.i + 1].text == ":":
                return False
    return True


def _title_complement(doc: Doc, start: int, end: int) -> bool:
    """Title words completing a title: "State" in "Secretary of State", "Staff" in "Chief of
    Staff" (the office, not an organisation)."""
    if start < 2 or lex_word(doc[start - 1]) != "of" or lex_word(doc[start - 2]) not in TITLE_HEADS:
        return False
    return all(lex_word(doc[i]) in TITLE_WORDS for i in range(start, end) if not doc[i].is_punct)


def trim_postnominal(doc: Doc, start: int, end: int) -> int:
    """A PERSON span loses post-nominal letters glued after the name ("John Murray SC",
    "Jane Doe QC"): a final all-capital token of two or three letters after two name words."""
    last = doc[end - 1]
    if end - start >= 3 and last.is_upper and last.is_alpha and 2 <= len(last) <= 3 \
            and doc[end - 2].text[:1].isupper() and not doc[end - 2].is_upper:
        return end - 1
    return end


_LETTERS_AND_DIGITS = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]+$")


def head_retype(doc: Doc, c: Candidate) -> None:
    """ORG/LOCATION from the head noun of the name; a single token mixing letters and digits
    ("IE6", "U2") is a product or a code, not a place or a person."""
    if c.type in ("LOCATION", "PERSON") and c.end - c.start == 1 \
            and _LETTERS_AND_DIGITS.match(doc[c.start].text):
        c.type = "PRODUCT"
        return
    # a legal or corporate head makes a company of a "person" ("Saturn Corporation")
    if c.type == "PERSON" and c.end - c.start >= 2 and lex_word(doc[c.end - 1]) in LEGAL_SUFFIXES:
        c.type = "ORG"
        return
    if c.type not in ("ORG", "LOCATION"):
        return
    words = [doc[i] for i in range(c.start, c.end) if not doc[i].is_punct]
    if not words:
        return
    low = [lex_word(t) for t in words]
    # "Municipality of Bogliasco", "Council on American-Islamic Relations"
    if len(low) >= 3 and low[1] in OF_LIKE and low[0] in ORG_HEADS:
        c.type = "ORG"
        return
    last = low[-1]
    if len(low) >= 2 and last in FACILITY_HEADS and c.type == "ORG":
        c.type = "LOCATION"
    elif len(low) >= 2 and last in ORG_HEADS and c.type == "LOCATION":
        c.type = "ORG"

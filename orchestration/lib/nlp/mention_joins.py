"""Span repairs that look at more than one candidate (rule 3b of ``entities.py``), on the
candidates of one document:

* **One phrase, one span.** An organisation head followed by "of/for/on (the)" and a capitalised
  name keeps the whole name ("Federal Service for the Financial Markets", not "Federal Service"
  and "Financial Markets"); an acronym glued to an organisation name is one span ("UN" +
  "Security Council" -> "UN Security Council").
* **Post-nominal letters.** A two- or three-letter capital token right after a PERSON name
  ("John Murray SC", "Jane Doe, QC,") is not an organisation.
* **Company short names.** The name of a company written with its legal suffix in the document
  ("Washington Mutual Inc.", "Saturn Corporation") types its short form ORG wherever the short
  form occurs ("Washington Mutual" read as a person or a city plus a word; "Saturn" as a person).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestration.lib.names import norm_name
from orchestration.lib.nlp.lexicon import LEGAL_SUFFIXES, ORG_HEADS, lex_word

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from orchestration.lib.nlp.entities import Candidate


_JOINING = {"of", "for", "on"}


def _cap(tok) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or "&" in tok.text) \
        and "\n" not in tok.whitespace_


def join_phrases(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Extend ORG names over "of/for/on (the) Name" and glue an acronym to the ORG name after
    it; candidates inside the extended span are dropped."""
    n = len(doc)
    for c in cands:
        if c.type != "ORG" or lex_word(doc[c.end - 1]) not in ORG_HEADS or c.end >= n:
            continue
        if "\n" in doc[c.end - 1].whitespace_:
            continue
        j = c.end
        if lex_word(doc[j]) not in _JOINING:  # not "in"/"at": "College in Saratoga Springs"
            continue
        j += 1
        if j < n and doc[j].lower_ == "the":
            j += 1
        k = j
        while k < n and _cap(doc[k]) and not doc[k].is_sent_start:
            k += 1
        if k > j:
            c.end = k
    by_start = {c.start: c for c in cands}
    for c in cands:
        nxt = by_start.get(c.end)
        if nxt is None or nxt is c or c.type != "ORG" or nxt.type != "ORG":
            continue
        first = doc[c.start:c.end]
        if len(first) == 1 and first.text.isupper() and len(first.text) >= 2 \
                and "\n" not in first[-1].whitespace_ \
                and lex_word(doc[nxt.end - 1]) in ORG_HEADS:
            c.end = nxt.end
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            continue  # inside a span kept already
        out.append(c)
    return out


def drop_postnominals(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Drop a two- or three-letter capital token that follows a PERSON name."""
    person_end = {c.end for c in cands if c.type == "PERSON"}
    out = []
    for c in cands:
        tok = doc[c.start]
        if c.end - c.start == 1 and c.type != "PERSON" and tok.is_upper and tok.is_alpha \
                and 2 <= len(tok) <= 3:
            before = c.start - 1 if c.start > 0 and doc[c.start - 1].text == "," else c.start
            after = doc[c.end] if c.end < len(doc) else None
            if before in person_end and (after is None or after.is_punct):
                continue
        out.append(c)
    return out


def company_short_names(doc: Doc, cands: list[Candidate], make) -> list[Candidate]:
    """Type the short form of a company named with its legal suffix ORG everywhere in the
    document. ``make(start, end)`` builds a candidate."""
    cores: dict[tuple[str, ...], None] = {}
    for c in cands:
        if c.type != "ORG" or c.end - c.start < 2:
            continue
        toks = [doc[i] for i in range(c.start, c.end)]
        while len(toks) > 1 and (lex_word(toks[-1]) in LEGAL_SUFFIXES or toks[-1].is_punct):
            toks.pop()
        if len(toks) < len(range(c.start, c.end)) and toks:
            cores[tuple(t.text for t in toks)] = None
    if not cores:
        return cands
    one_word = {norm_name(k[0]) for k in cores if len(k) == 1}
    texts = [t.text for t in doc]
    spans = []
    for core in cores:
        m = len(core)
        if m < 2:
            continue
        for i in range(len(doc) - m + 1):
            if tuple(texts[i:i + m]) == core and not (i + m < len(doc) and lex_word(doc[i + m])
                                                      in LEGAL_SUFFIXES):
                spans.append((i, i + m))
    out = []
    covered: set[int] = set()
    for s, e in spans:
        inside = [c for c in cands if c.start < e and s < c.end]
        if any(c.type == "ORG" and c.start <= s and c.end >= e for c in inside):
            continue  # already an organisation span
        if any(c.start < s or c.end > e for c in inside):
            continue  # part of a longer, different name
        covered.update(range(s, e))
        c = make(s, e)
        c.type = "ORG"
        out.append(c)
    for c in cands:
        if any(i in covered for i in range(c.start, c.end)):
            continue
        if c.type == "PERSON" and norm_name(doc[c.start:c.end].text) in one_word:
            c.type = "ORG"  # "Saturn" after "Saturn Corporation"
        out.append(c)
    return sorted(out, key=lambda c: c.start)

"""The entity a quantity is about: ``subject_entity(doc, start, end, subject, mentions)``.

``mentions`` are the article's entity mention rows (``raw.entity_mentions``: mention_id,
mention_text, entity_type, start_char, end_char). The entity measured is, in order:

1. a named organisation, product or person the subject phrase holds as owner ("Apple's
   quarterly profit");
2. the named subject of the clause the quantity is in, climbing through conjuncts, participles
   and reported clauses ("Airbus will cut 4,300 jobs in France" -> Airbus; "The A380 can carry
   555 passengers" -> A380); a pronoun or a definite description ("it", "the company", "the
   plane") stands for the nearest such name before its sentence (same or previous two
   sentences);
3. another name the subject phrase holds (a maker's: "30 Airbus aircraft" when the clause names
   no owner); a name the quantity's noun hangs on through "of"/"for"/"by"/"from" ("orders for
   the 787");
4. the nearest name of the sentence before the quantity, unless the subject phrase names its
   own people or place ("Palestinian casualties in Gaza").

The speaker of a reported clause is never the entity ("Hamas said 32,000 died").

Places and nationalities are not the thing measured (they are context: "jobs in France"). The
claim keeps the mention's id (``subject_mention_id``); dbt links it to the resolved entity
(``subject_entity_id`` of marts.claims).
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from orchestration.lib.nlp.units import MEASURE_UNITS

MEASURED_TYPES = {"ORG", "PRODUCT", "PERSON", "WORK_OF_ART", "EVENT"}
STAND_IN_PRONOUNS = {"it", "its", "they", "their", "them"}
STAND_IN_NOUNS = {
    "company", "firm", "group", "carrier", "airline", "maker", "manufacturer", "plane",
    "aircraft", "airliner", "jet", "bank", "business", "device", "phone", "model", "product",
    "government", "agency", "corporation", "giant", "retailer", "automaker", "insurer",
}
_LINK_PREPS = {"of", "for", "by", "from"}


class MentionIndex:
    """The article's measured-type mentions by character offset (built once per article)."""

    def __init__(self, mentions: list[dict] | None):
        rows = sorted(
            (m for m in mentions or () if m.get("entity_type") in MEASURED_TYPES
             and m["mention_text"].lower() not in MEASURE_UNITS),  # "GB" of "16GB" is no name
            key=lambda m: m["start_char"],
        )
        self.rows = rows
        self.starts = [m["start_char"] for m in rows]

    def at(self, tok: Token) -> dict | None:
        """The mention covering ``tok``, or None."""
        k = bisect.bisect_right(self.starts, tok.idx) - 1
        if k >= 0 and self.rows[k]["end_char"] > tok.idx:
            return self.rows[k]
        return None

    def within(self, lo_char: int, hi_char: int) -> list[dict]:
        """Mentions starting inside [lo_char, hi_char)."""
        a = bisect.bisect_left(self.starts, lo_char)
        b = bisect.bisect_left(self.starts, hi_char)
        return self.rows[a:b]


def subject_entity(
    doc: Doc, start: int, end: int, subject: str | None, index: MentionIndex
) -> dict | None:
    """The mention row of the entity ``doc[start:end]`` measures (module doc), or None."""
    if not index.rows:
        return None
    sent = doc[start].sent
    q_lo, q_hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    in_sent = [
        m for m in index.within(sent.start_char, sent.end_char)
        if m["end_char"] <= q_lo or m["start_char"] >= q_hi
    ]
    named = []
    if subject:  # 1. the subject phrase names it: an owner first ("Apple's profit")
        low = subject.lower()
        named = sorted((m for m in in_sent if _name(m).lower() in low),
                       key=lambda m: abs(m["start_char"] - q_lo))
        owners = [m for m in named if _is_owner(doc, m)]
        if owners:
            return owners[0]
    found = _clause_subject_entity(doc, doc[start:end].root, index)  # 2.
    if found is not None:
        return found
    if named:  # a maker's name on the counted thing ("30 Airbus aircraft") comes after
        return named[0]
    head = doc[start:end].root.head  # 3. "orders for the 787"
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _LINK_PREPS:
            for tok in prep.subtree:
                m = index.at(tok)
                if m is not None and (m["end_char"] <= q_lo or m["start_char"] >= q_hi):
                    return m
    if subject and any(w[:1].isupper() for w in subject.split()):
        return None  # the subject names its own people or place: "Palestinian casualties"
    speakers = _speaker_spans(doc[start:end].root)  # 4. the nearest earlier name, no speaker
    before = [m for m in in_sent if m["end_char"] <= q_lo
              and not any(lo <= m["start_char"] < hi for lo, hi in speakers)]
    return before[-1] if before else None


def _speaker_spans(tok: Token) -> list[tuple[int, int]]:
    """Character spans of the subjects of the reporting verbs above ``tok``."""
    spans = []
    node = tok
    for _ in range(12):
        if node.head is node:
            break
        if node.dep_ in ("ccomp", "parataxis"):
            for s in node.head.children:
                if s.dep_ in ("nsubj", "nsubjpass"):
                    lo, hi = s.left_edge, s.right_edge
                    spans.append((lo.idx, hi.idx + len(hi)))
        node = node.head
    return spans


def _is_owner(doc: Doc, mention: dict) -> bool:
    """Is the mention a possessor ("Apple's", "its")?"""
    last = doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
    if last is None:
        return False
    tail = doc[last.end] if last.end < len(doc) else None
    return last.root.dep_ == "poss" or (tail is not None and tail.tag_ == "POS")


def _clause_subject_entity(doc: Doc, tok: Token, index: MentionIndex) -> dict | None:
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("acl", "relcl"):
            found = _named_in(node.head, index)  # "its A380 airliner flying up to 840 people"
            if found is not None:
                return found
        if node.pos_ in ("VERB", "AUX"):
            for subj in (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")):
                found = _named_in(subj, index)
                if found is not None:
                    return found
                if _stands_in(subj):
                    return _antecedent(doc, subj, index)
                return None
        if node.head is node or node.dep_ in ("ccomp", "parataxis"):
            return None  # a reported clause: its speaker is no subject of the figure
        node = node.head
    return None


def _named_in(subj: Token, index: MentionIndex) -> dict | None:
    """A mention inside the subject noun phrase: the head's own name first ("Boeing's rival
    Airbus" -> Airbus), then its left part, then the head's "of" phrase."""
    own = index.at(subj)
    if own is not None:
        return own
    for tok in subj.subtree:
        if tok.i > subj.i and tok.dep_ in ("relcl", "acl", "appos"):
            break
        m = index.at(tok)
        if m is not None:
            return m
    return None


def _stands_in(subj: Token) -> bool:
    if subj.lower_ in STAND_IN_PRONOUNS:
        return True
    return subj.pos_ == "NOUN" and subj.lemma_.lower() in STAND_IN_NOUNS and any(
        c.lower_ in ("the", "this") for c in subj.children
    )


def _antecedent(doc: Doc, tok: Token, index: MentionIndex) -> dict | None:
    """The nearest measured-type mention before ``tok``'s sentence, at most two sentences back."""
    sent = tok.sent
    lo = sent.start
    for _ in range(2):
        if lo == 0:
            break
        lo = doc[lo - 1].sent.start
    earlier = index.within(doc[lo].idx, tok.idx)
    if tok.lower_ in ("it", "its"):  # "it" is no person nor event: a product or organisation
        earlier = [m for m in earlier if m["entity_type"] in ("ORG", "PRODUCT")]
    return earlier[-1] if earlier else None


def entity_name(mention: dict | None) -> str | None:
    return None if mention is None else _name(mention)


def _name(mention: dict) -> str:
    text = re.sub(r"^the\s+", "", mention["mention_text"], flags=re.I)
    return re.sub(r"['’]s?$", "", text).strip()


def with_entity(
    subject: str | None, terms: list[str], name: str | None, doc: Doc, start: int, end: int
) -> tuple[str | None, list[str]]:
    """The subject naming its entity ("jobs" about Airbus -> "Airbus jobs"), the entity's words
    added to the terms after the head; an empty subject falls back on the noun right after the
    quantity or the one it hangs on ("between 305 and 550 passengers")."""
    from orchestration.lib.nlp.claim_phrases import norm_term, token_term

    terms = list(terms)
    if not subject:
        noun = _fallback_noun(doc, start, end)
        if noun is not None:
            subject = noun.text
            terms = [token_term(noun), *terms]
    if name:
        if not subject:
            subject = name
        elif name.lower() not in subject.lower():
            subject = f"{name} {subject}"
        for w in re.findall(r"[A-Za-z0-9][\w.&-]*", name):
            t = norm_term(w)
            if t not in terms:
                terms.append(t)
    return subject, terms


def _fallback_noun(doc: Doc, start: int, end: int) -> Token | None:
    for tok in doc[end : min(end + 2, len(doc))]:
        if tok.pos_ in ("NOUN", "PROPN"):
            return tok
        if tok.pos_ not in ("ADJ", "NUM"):
            break
    head = doc[start:end].root.head
    return head if head.pos_ == "NOUN" and not start <= head.i < end else None

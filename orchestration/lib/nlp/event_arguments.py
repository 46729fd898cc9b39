"""The arguments of an event trigger: who takes part, where and when (per article, on the parse).

orchestration.lib.nlp.events finds the triggers and builds the event-mention rows; this module
holds what both need (the trigger record, the index of the article's entity mentions by token,
small parse helpers) and the rules for a trigger's arguments:

* Participants (``_participants``): PERSON/ORG mentions (plus a place that is the grammatical
  subject: "Iran condemned") syntactically linked to the trigger: subject (inherited through "set
  to visit", "visited ... and met"), object, "with X", "between X and Y", "by X", possessor
  ("Haniyeh's visit"), apposition ("the bureau head, Ismail Haniyeh, ..."). For
  meeting/visit/contact nouns that sit in "following/after/at/for/during <trigger>", the governing
  verb's subject takes part. A surname typed as something else by the model ("Abdollahian" as
  NORP) counts as a person when an earlier PERSON mention of the article ends with it
  (``_EntityIndex``).
* Location (``_location``, ``_place_containers``): the LOCATION mention governed by
  in/to/at/into near the trigger (or the object of "visit", or "the Tehran meeting"); the most
  specific one wins ("Tehran, Iran" -> Tehran).
* Date (``_assign_dates``): the DATE expression of the trigger's own clause: walking up the
  dependency tree from the date, the first trigger (or the verb carrying a trigger noun) reached
  owns it; a date in a subordinate clause of a verb that is no event belongs to no trigger.
  Otherwise the smallest trigger phrase that contains it. Resolved by ``dates.resolve_date``
  against the publication date; only day precision is used as ``event_date`` (coarser ones keep
  ``date_text``).

Names are compared with orchestration.lib.names.norm_name, the project's one normaliser.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from orchestration.lib.names import norm_name
from orchestration.lib.nlp.dates import resolve_date
from orchestration.lib.rules.event_links import FAMILY

PARTICIPANT_TYPES = {"PERSON", "PER", "ORG", "ORGANIZATION"}
LOCATION_TYPES = {"LOCATION", "LOC", "GPE", "FAC"}
DELIBERATIVE_HEADS = {"council", "assembly", "parliament", "congress", "senate"}
LIGHT_VERBS = {
    "hold", "have", "conduct", "attend", "host", "begin", "start", "open", "resume", "join",
    "chair", "lead", "conclude", "end", "wrap", "make", "pay", "take", "issue", "release",
    "deliver", "launch", "carry", "stage", "mount",
}
CLIMB_PREPS = {"following", "after", "before", "during", "at", "for", "in", "ahead", "since"}
GROUP_NOUNS = {"delegation", "government", "team", "leadership", "administration"}
LOCATION_PREPS = {"in", "to", "at", "into", "inside"}


@dataclass
class _Trigger:
    token: Token
    event_type: str
    participants: list[dict] = field(default_factory=list)
    location: dict | None = None
    date: object = None
    date_text: str | None = None
    date_source: str | None = None
    anaphoric: bool = False
    anchor: Token | None = None
    modality: str = "asserted"


class _EntityIndex:
    """Token index -> entity row, built from the caller's entity rows (offsets into the body)."""

    def __init__(self, doc: Doc, entity_rows: list[dict]):
        self.by_token: dict[int, dict] = {}
        self.effective_type: dict[str, str] = {}
        person_last_tokens: set[str] = set()
        for row in sorted(entity_rows, key=lambda r: r["start_char"]):
            if (row.get("mention_kind") or "name") != "name":
                continue  # a demonym ("Afghan") is never a participant nor a place
            etype = (row.get("entity_type") or "").upper()
            text = row.get("mention_text") or ""
            if etype in PARTICIPANT_TYPES - {"ORG", "ORGANIZATION"}:
                etype = "PERSON"
            elif etype in {"ORG", "ORGANIZATION"}:
                etype = "ORG"
            elif etype in LOCATION_TYPES:
                etype = "LOCATION"
            elif norm_name(text) in person_last_tokens:
                etype = "PERSON"  # a surname alone, typed as something else by the model
            if etype == "PERSON":
                parts = norm_name(text).split()
                if parts:
                    person_last_tokens.add(parts[-1])
            self.effective_type[row["mention_id"]] = etype
            span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                self.by_token.setdefault(i, row)
        self.rows = entity_rows

    def at(self, tok: Token) -> dict | None:
        return self.by_token.get(tok.i)

    def kind(self, row: dict | None) -> str | None:
        return None if row is None else self.effective_type.get(row["mention_id"])

def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(_conjuncts(c))
    return out


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    out = []
    for prep in tok.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            out.extend(_children(prep, "pobj"))
    return out


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    subs = _children(verb, "nsubj", "nsubjpass")
    if subs:
        out = []
        for s in subs:
            if s.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                out.append(verb.head)
            else:
                out.append(s)
        return out
    if depth < 3 and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in (
        "VERB", "AUX"
    ):
        return _subjects(verb.head, depth + 1)  # "Jobs unveiled ..., saying ...": Jobs says
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp":
            return []
        return _subjects(verb.head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return []


def _is_deliberative(row: dict | None) -> bool:
    if row is None:
        return False
    words = norm_name(row.get("mention_text") or "").split()
    return bool(words) and words[-1] in DELIBERATIVE_HEADS


def _deliberative_in(tokens: Iterable[Token], ents: _EntityIndex) -> list[dict]:
    out: list[dict] = []
    for t in tokens:
        row = ents.at(t)
        if row is not None and ents.kind(row) == "ORG" and _is_deliberative(row) and row not in out:
            out.append(row)
    return out

def _participant_rows_for_arg(arg: Token, ents: _EntityIndex, allow_place: bool) -> list[dict]:
    out: list[dict] = []
    allowed = {"PERSON", "ORG"} | ({"LOCATION"} if allow_place else set())
    for t in _conjuncts(arg):
        row = ents.at(t)
        if row is not None and ents.kind(row) in allowed and row not in out:
            out.append(row)
    if out:
        return out
    for t in _conjuncts(arg):
        if t.pos_ == "NOUN" and (t.tag_ == "NNS" or _lemma(t) in GROUP_NOUNS):
            for c in t.children:
                if c.dep_ in ("compound", "poss"):
                    row = ents.at(c)
                    if row is not None and ents.kind(row) == "ORG" and row not in out:
                        out.append(row)
    return out


def _participants(trig: _Trigger, ents: _EntityIndex) -> list[dict]:
    tok = trig.token
    etype = trig.event_type
    rows: list[dict] = []

    def add(found: Iterable[dict]) -> None:
        for r in found:
            if r not in rows:
                rows.append(r)

    if etype == "resolution" and _lemma(tok) in ("call", "demand", "urge"):
        if tok.pos_ in ("VERB", "AUX"):
            add(_deliberative_in((t for s in _subjects(tok) for t in s.subtree), ents))
        else:
            heads = [c for c in tok.children if c.dep_ in ("poss", "compound")]
            heads += _prep_objects(tok, {"by", "from"})
            add(_deliberative_in((t for h in heads for t in h.subtree), ents))
        return rows

    if tok.pos_ in ("VERB", "AUX"):
        for s in _subjects(tok):
            add(_participant_rows_for_arg(s, ents, allow_place=True))
        if etype != "statement":
            for o in _children(tok, "dobj"):
                if etype == "visit" and ents.kind(ents.at(o)) == "LOCATION":
                    continue
                add(_participant_rows_for_arg(o, ents, allow_place=False))
            for o in _prep_objects(tok, {"with", "between", "among", "by"}):
                add(_participant_rows_for_arg(o, ents, allow_place=False))
        return rows

    # noun trigger
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod"):
            row = ents.at(c)
            if row is not None and ents.kind(row) in ("PERSON", "ORG") and row not in rows:
                rows.append(row)
    for o in _prep_objects(tok, {"of", "between", "with", "by", "among", "from"}):
        add(_participant_rows_for_arg(o, ents, allow_place=False))
    if FAMILY[etype] in ("meeting", "contact"):
        head = tok.head
        if tok.dep_ == "dobj" and _lemma(head) in LIGHT_VERBS:
            for s in _subjects(head):
                add(_participant_rows_for_arg(s, ents, allow_place=True))
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in CLIMB_PREPS:
            verb = head.head
            if verb.pos_ in ("VERB", "AUX"):
                for s in _subjects(verb):
                    add(_participant_rows_for_arg(s, ents, allow_place=True))
    return rows


def _clause_children(tok: Token) -> Iterable[Token]:
    for c in tok.children:
        if c.dep_ in ("relcl", "ccomp", "advcl", "csubj", "parataxis", "conj", "acl", "xcomp"):
            continue
        yield c


def _location(
    trig: _Trigger, ents: _EntityIndex, containers: dict[str, set[str]], other: set[int]
) -> dict | None:
    tok = trig.token
    found: list[tuple[int, int, dict]] = []  # (depth, token index, row)

    def consider(t: Token, depth: int) -> None:
        row = ents.at(t)
        if row is not None and ents.kind(row) == "LOCATION":
            found.append((depth, t.i, row))

    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ in ("compound", "nmod", "poss"):
                consider(c, 0)
    if trig.event_type == "visit" and tok.pos_ in ("VERB", "AUX"):
        for o in _children(tok, "dobj"):
            consider(o, 0)
    if trig.event_type == "attack" and tok.pos_ in ("VERB", "AUX"):
        for o in _children(tok, "dobj"):
            consider(o, 1)
    if trig.anchor is not None and trig.anchor is not tok:
        for c in _children(trig.anchor, "prep"):
            if c.lower_ in LOCATION_PREPS:
                for p in _children(c, "pobj"):
                    consider(p, 2)
    stack = [(tok, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > 4:
            continue
        for c in _clause_children(node):
            if c.i in other:
                continue
            if c.dep_ == "prep" and c.lower_ in LOCATION_PREPS:
                for p in _children(c, "pobj"):
                    consider(p, depth + 1)
            if c.dep_ in ("prep", "pobj", "appos", "compound", "dobj", "agent"):
                stack.append((c, depth + 1))
    if not found:
        return None
    found.sort(key=lambda x: (x[0], x[1]))
    names = [norm_name(r["mention_text"]) for _, _, r in found]
    for (_, _, row), name in zip(found, names, strict=True):
        # prefer the most specific: drop a place that contains another candidate
        if not any(name in containers.get(other_name, set()) for other_name in names):
            return row
    return found[0][2]


def _place_containers(doc: Doc, ents: _EntityIndex) -> dict[str, set[str]]:
    """'Tehran, Iran' -> {'tehran': {'iran'}}: the apposed place contains the first one."""
    out: dict[str, set[str]] = defaultdict(set)
    for i in sorted(ents.by_token):  # only tokens inside a mention can hold a place
        tok = doc[i]
        row = ents.at(tok)
        if row is None or ents.kind(row) != "LOCATION":
            continue
        for c in tok.children:
            if c.dep_ in ("appos", "conj", "npadvmod") and c.i > tok.i:
                crow = ents.at(c)
                if crow is not None and crow is not row and ents.kind(crow) == "LOCATION":
                    between = doc[tok.i + 1 : c.i]
                    if any(t.text == "," for t in between) and not any(
                        t.lower_ in ("and", "or") for t in between
                    ):
                        out[norm_name(row["mention_text"])].add(norm_name(crow["mention_text"]))
    return out

def _subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj"}


def _clause_owner(
    root: Token, triggers: list[_Trigger], all_trigger_tokens: set[int]
) -> tuple[_Trigger | None, bool]:
    """The trigger whose own clause holds the date (walking up the tree from the date, the first
    trigger or trigger anchor reached), and whether the date sits in the clause of a verb that
    is no event ("development, begun two years ago, was announced": the date is the
    beginning's, not the announcement's)."""
    by_token = {t.token.i: t for t in triggers}
    by_anchor = {t.anchor.i: t for t in triggers if t.anchor is not None}
    node = root
    for _ in range(12):
        if node.i in by_token:
            return by_token[node.i], False
        if node.i in by_anchor:
            return by_anchor[node.i], False
        if (
            node is not root
            and node.pos_ in ("VERB", "AUX")
            and node.dep_ in _CLAUSE_DEPS
            and node.i not in all_trigger_tokens
            and node.head.i not in all_trigger_tokens
        ):
            return None, True
        if node.head is node:
            break
        node = node.head
    return None, False


def _assign_dates(
    sent: Span, triggers: list[_Trigger], published, all_trigger_tokens: set[int]
) -> None:
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates or not triggers:
        return
    sent_text = sent.text
    for ent in dates:
        root = ent.root
        owner, foreign = _clause_owner(root, triggers, all_trigger_tokens)
        if owner is None and not foreign:
            best = None
            for trig in triggers:
                lo, hi = _subtree_span(trig.anchor)
                if lo <= root.i <= hi:
                    size = hi - lo
                    # a date inside another trigger's own phrase belongs to that trigger
                    if best is None or size < best:
                        best, owner = size, trig
            if owner is None and len(triggers) == 1:
                owner = triggers[0]
        if owner is None or owner.date_text is not None:
            continue
        # resolved only for a date that has an owner (dateparser is the slow part)
        value, source, precision = resolve_date(ent.text, published, sent_text)
        if value is None:
            continue  # not a point in time ("six-month-long", "each day")
        owner.date_text = ent.text
        if precision == "day":
            owner.date = value
            owner.date_source = source

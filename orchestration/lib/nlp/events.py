"""Event mentions (per article) and event clustering (across articles).

Extraction: ``event_mentions_from_doc(doc, article, entity_rows)``
-----------------------------------------------------------------
One row per event trigger, keys exactly ``EVENT_MENTION_SCHEMA`` (orchestration/lib/nlp/extract.py).

* Triggers come from a small lexicon of generic news-event words, checked against the parse:

  - meeting: met/meet, convene(d), confer, negotiate; meeting, talks, discussion(s), summit,
    negotiation(s), consultation(s)
  - visit: visit (verb and noun), trip, arrival; travel/arrive/fly only with "to/in <place>"
  - contact: phone/telephone; call with a person or organisation as object or "phone call",
    "call with/between"; contact/communication(s) with "between/with"; speak/talk with a person
  - resolution: "resolution" when it is a decision (an organisation modifies it, a participle
    such as "calling for" follows, it is adopted/passed/vetoed, or "the/this resolution" refers
    back to one) and not "a resolution to the war"; vote by an organisation; a deliberative body
    (council, assembly, parliament, congress, senate) that "calls for / demands / urges"
  - statement (conservative): say/state/announce/declare, statement/announcement/declaration,
    only with a person/organisation as the speaker
  - attack: attack, assault, airstrike, bombing, raid, shelling, ambush, invasion, offensive
    (and "air/drone/missile/rocket strike"); verbs attack/bomb/raid/shell/ambush/invade
* Participants: PERSON/ORG mentions (plus a place that is the grammatical subject: "Iran
  condemned") syntactically linked to the trigger: subject (inherited through "set to visit",
  "visited ... and met"), object, "with X", "between X and Y", "by X", possessor ("Haniyeh's
  visit"), apposition ("the bureau head, Ismail Haniyeh, ..."). For meeting/visit/contact nouns
  that sit in "following/after/at/for/during <trigger>", the governing verb's subject takes part.
  A surname typed as something else by the model ("Abdollahian" as NORP) counts as a person when
  an earlier PERSON mention of the article ends with it.
* Location: the LOCATION mention governed by in/to/at/into near the trigger (or the object of
  "visit", or "the Tehran meeting"); the most specific one wins ("Tehran, Iran" -> Tehran).
* Date: the DATE expression of the sentence that sits in the trigger's own phrase (the
  smallest trigger phrase that contains it), resolved by ``dates.resolve_date``; only day
  precision is used as ``event_date`` (coarser ones keep ``date_text``). The lead event (the first
  event mention of the body; in its sentence the one closest to the root) with no date of its own
  takes the publication date (``date_source='dateline'``), and so do the verbs coordinated with
  it ("visited Tehran and met with ...") and same-family nouns inside its phrase ("visit ... for
  discussions"). Every other undated event stays null. An article whose first event comes after
  its first ``LEAD_MAX_SENTENCES`` (10) sentences has no lead event.
* ``is_anaphoric``: "the + trigger noun" with no participants and no date of its own ("the
  visit"), and "this/these/that/those + trigger noun" without a date of its own ("This meeting",
  "this Iranian meeting with Hamas": a demonstrative points back even when it names a party).

Clustering: ``cluster_events(event_mentions, resolved_mentions)``
-----------------------------------------------------------------
1. Within an article (mentions in text order): an anaphoric or participant-less mention joins
   the latest earlier event of the same type, else of the same family; a mention with
   participants joins an earlier same-family event sharing a participant (same resolved entity,
   or one name contained in the other, e.g. "UN" / "UN Security Council"). Dates must be
   compatible (equal, or one side null).
2. Across articles, on those per-article events (type families: meeting+visit, contact,
   resolution, statement, attack), candidates are blocked by (family, date) and by shared
   participant, so the work stays near-linear. Two events merge when they are of the same family
   and
   * both have the same date, share a resolved participant and their locations are compatible
     (equal, overlapping, or one unknown), or
   * both have the same date and the same location and one side has no participants, or
   * both are undated, share a participant and have compatible locations, are not statements,
     and their articles were published within ``UNDATED_WINDOW_DAYS`` (7) days of each other
     when both dates are known (the publication date comes from the optional
     ``published_dates`` argument, else from the article's dateline-dated lead event), or
   * one is undated and everything else matches strongly: two or more shared participants and a
     shared location.
   Grouping is transitive (union-find).
3. ``event_id`` = ``"ev_" + sha1(defining mention id)[:16]``; the defining mention is the first
   non-anaphoric mention of the earliest article (by article_id, then offset).
   ``merge_reason`` says which rule attached each mention. ``participant_entity_ids`` and
   ``location_entity_id`` describe the *event* (repeated on each of its mentions): the union of
   the resolved participants of all its mentions, and the place its mentions name most often
   (the first named on a tie), so "Tehran" wins over a single "talks in Iran". Each mention's
   own participants and place stay in raw.event_mentions.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl
from spacy.tokens import Doc, Span, Token

from orchestration.lib.frames import string_lists
from orchestration.lib.nlp.dates import resolve_date
from orchestration.lib.rules.union_find import UnionFind

PARTICIPANT_TYPES = {"PERSON", "PER", "ORG", "ORGANIZATION"}
LOCATION_TYPES = {"LOCATION", "LOC", "GPE", "FAC"}

FAMILY = {
    "meeting": "meeting", "visit": "meeting", "contact": "contact", "resolution": "resolution",
    "statement": "statement", "attack": "attack",
}

MEETING_VERBS = {"meet", "convene", "confer", "negotiate"}
MEETING_NOUNS = {
    "meeting", "talks", "discussion", "discussions", "summit", "negotiation", "negotiations",
    "consultation", "consultations",
}
VISIT_VERBS = {"visit"}
MOVE_VERBS = {"travel", "arrive", "fly"}
VISIT_NOUNS = {"visit", "trip", "arrival"}
CONTACT_NOUNS_WITH_PREP = {"contact", "contacts", "communication", "communications"}
PHONE_WORDS = {"phone", "telephone", "video"}
STATEMENT_VERBS = {"say", "state", "announce", "declare"}
STATEMENT_NOUNS = {"statement", "announcement", "declaration"}
ATTACK_VERBS = {"attack", "bomb", "raid", "shell", "ambush", "invade"}
ATTACK_NOUNS = {
    "attack", "assault", "airstrike", "bombing", "raid", "shelling", "ambush", "invasion",
    "offensive",
}
STRIKE_MODIFIERS = {"air", "drone", "missile", "rocket", "aerial"}
NON_EVENT_MODIFIERS = {"heart", "panic", "asthma", "anxiety"}
# "meet" that is not an encounter: meet demands, meet the deadline, ...
MEET_NON_PERSON_OBJECTS = {
    "need", "demand", "requirement", "expectation", "target", "goal", "standard", "criterion",
    "deadline", "condition", "obligation", "challenge", "end", "fate", "death", "cost",
    "threshold", "quota", "commitment", "criteria",
}
DELIBERATIVE_HEADS = {"council", "assembly", "parliament", "congress", "senate"}
DECISION_VERBS = {"adopt", "pass", "approve", "veto", "reject", "table", "draft", "unanimously"}
RESOLUTION_PARTICIPLES = {
    "call", "demand", "urge", "advocate", "condemn", "authorize", "authorise", "impose", "extend",
    "require", "endorse", "welcome", "establish", "request",
}
LIGHT_VERBS = {
    "hold", "have", "conduct", "attend", "host", "begin", "start", "open", "resume", "join",
    "chair", "lead", "conclude", "end", "wrap", "make", "pay", "take", "issue", "release",
    "deliver", "launch", "carry", "stage", "mount",
}
CLIMB_PREPS = {"following", "after", "before", "during", "at", "for", "in", "ahead", "since"}
ANAPHORIC_DETS = {"this", "these", "that", "those", "the"}
DEMONSTRATIVES = {"this", "these", "that", "those"}
GROUP_NOUNS = {"delegation", "government", "team", "leadership", "administration"}
LOCATION_PREPS = {"in", "to", "at", "into", "inside"}
# The lead event (the news peg) must sit in the first sentences of the body.
LEAD_MAX_SENTENCES = 10


# ----------------------------------------------------------------------------- extraction


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


class _EntityIndex:
    """Token index -> entity row, built from the caller's entity rows (offsets into the body)."""

    def __init__(self, doc: Doc, entity_rows: list[dict]):
        self.by_token: dict[int, dict] = {}
        self.effective_type: dict[str, str] = {}
        person_last_tokens: set[str] = set()
        for row in sorted(entity_rows, key=lambda r: r["start_char"]):
            etype = (row.get("entity_type") or "").upper()
            text = row.get("mention_text") or ""
            if etype in PARTICIPANT_TYPES - {"ORG", "ORGANIZATION"}:
                etype = "PERSON"
            elif etype in {"ORG", "ORGANIZATION"}:
                etype = "ORG"
            elif etype in LOCATION_TYPES:
                etype = "LOCATION"
            elif _norm_name(text) in person_last_tokens:
                etype = "PERSON"  # a surname alone, typed as something else by the model
            if etype == "PERSON":
                parts = _norm_name(text).split()
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


def _norm_name(text: str) -> str:
    text = re.sub(r"['\u2019]s?$", "", text.strip())
    text = re.sub(r"^(the)\s+", "", text, flags=re.I)
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


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
    words = _norm_name(row.get("mention_text") or "").split()
    return bool(words) and words[-1] in DELIBERATIVE_HEADS


def _deliberative_in(tokens: Iterable[Token], ents: _EntityIndex) -> list[dict]:
    out: list[dict] = []
    for t in tokens:
        row = ents.at(t)
        if row is not None and ents.kind(row) == "ORG" and _is_deliberative(row) and row not in out:
            out.append(row)
    return out


# Every word that _classify compares a lemma or a lower-cased form with: a token whose lemma
# and form are both outside this set is never a trigger, so the parse is not consulted for it.
_TRIGGER_WORDS = (
    MEETING_VERBS
    | VISIT_VERBS
    | MOVE_VERBS
    | STATEMENT_VERBS
    | ATTACK_VERBS
    | MEETING_NOUNS
    | VISIT_NOUNS
    | CONTACT_NOUNS_WITH_PREP
    | STATEMENT_NOUNS
    | ATTACK_NOUNS
    | {"call", "demand", "urge", "phone", "telephone", "speak", "talk", "vote", "conversation"}
    | {"resolution", "strike"}
)


def _classify(tok: Token, ents: _EntityIndex) -> str | None:
    lemma = _lemma(tok)
    lower = tok.lower_
    if lemma not in _TRIGGER_WORDS and lower not in _TRIGGER_WORDS:
        return None  # most tokens: no event word at all
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("amod", "compound"):
        return None  # "attacking midfielder", "the visiting team"
    if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD":
        if lemma in MEETING_VERBS:
            if lemma == "meet":
                for obj in _children(tok, "dobj"):
                    if ents.at(obj) is None and _lemma(obj) in MEET_NON_PERSON_OBJECTS:
                        return None
            return "meeting"
        if lemma in VISIT_VERBS:
            return "visit"
        if lemma in MOVE_VERBS:
            places = _prep_objects(tok, {"to", "in", "at", "into"})
            return "visit" if any(ents.kind(ents.at(p)) == "LOCATION" for p in places) else None
        if lemma in ("call", "demand", "urge") and tok.dep_ not in ("acl", "relcl"):
            if _deliberative_in((t for s in _subjects(tok) for t in s.subtree), ents) and (
                lemma != "call" or _prep_objects(tok, {"for"})
            ):
                return "resolution"
        if lemma in ("phone", "telephone"):
            return "contact"
        if lemma == "call":
            if (
                tok.dep_ in ("acl", "relcl")
                or _prep_objects(tok, {"for", "on", "off", "upon"})
                or _children(tok, "oprd", "xcomp")
            ):
                return None
            objs = _children(tok, "dobj")
            if any(ents.kind(ents.at(o)) in ("PERSON", "ORG") for o in objs):
                return "contact"
            return None
        if lemma in ("speak", "talk"):
            objs = _prep_objects(tok, {"with", "to"})
            if any(ents.kind(ents.at(o)) == "PERSON" for o in objs):
                return "contact"
            return None
        if lemma == "vote":
            subj_rows = [ents.at(s) for s in _subjects(tok)]
            return "resolution" if any(ents.kind(r) == "ORG" for r in subj_rows) else None
        if lemma in STATEMENT_VERBS:
            return "statement"
        if lemma in ATTACK_VERBS:
            return "attack"
        return None
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.pos_ == "PROPN" and ents.at(tok) is not None:
        return None  # part of a name ("Press Conference Hall", "Operation Raid")
    mods = {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if mods & NON_EVENT_MODIFIERS:
        return None
    if lower in MEETING_NOUNS or (lemma in MEETING_NOUNS and lower != "talk"):
        return "meeting"
    if lemma in VISIT_NOUNS:
        return "visit"
    if lemma in ("call", "conversation"):
        if lemma == "call" and _prep_objects(tok, {"for"}):
            poss = [c for c in tok.children if c.dep_ in ("poss", "compound")]
            by = _prep_objects(tok, {"by", "from"})
            if _deliberative_in((t for p in poss + by for t in p.subtree), ents):
                return "resolution"
            return None
        if mods & PHONE_WORDS or _prep_objects(tok, {"with", "between"}):
            return "contact"
        return None
    if lemma in CONTACT_NOUNS_WITH_PREP:
        return "contact" if _prep_objects(tok, {"with", "between"}) else None
    if lemma == "resolution":
        return "resolution" if _is_decision_resolution(tok, ents) else None
    if lemma == "vote":
        mods_ents = [ents.at(c) for c in tok.children if c.dep_ in ("poss", "compound")]
        if any(ents.kind(r) == "ORG" for r in mods_ents) or _prep_objects(tok, {"on"}):
            return "resolution"
        return None
    if lemma in STATEMENT_NOUNS:
        return "statement"
    if lemma in ATTACK_NOUNS or lower in ATTACK_NOUNS:
        return "attack"
    if lemma == "strike" and (mods & STRIKE_MODIFIERS or lower == "airstrikes"):
        return "attack"
    return None


def _is_decision_resolution(tok: Token, ents: _EntityIndex) -> bool:
    """'resolution' as a decision of a body, not as the solution of a problem."""
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "nmod", "amod"):
            if ents.kind(ents.at(c)) == "ORG":
                return True
            if _lemma(c) in ("ceasefire", "truce", "sanction", "sanctions", "un", "u.n."):
                return True
        if c.dep_ in ("acl", "relcl") and _lemma(c) in RESOLUTION_PARTICIPLES:
            return True
    if _prep_objects(tok, {"by", "from"}) and any(
        ents.kind(ents.at(p)) == "ORG" for p in _prep_objects(tok, {"by", "from"})
    ):
        return True
    if tok.dep_ in ("dobj", "nsubjpass") and _lemma(tok.head) in DECISION_VERBS:
        return True
    if _prep_objects(tok, {"to", "of"}):
        return False  # "a resolution to the war", "resolution of the conflict"
    dets = {_lemma(c) for c in tok.children if c.dep_ in ("det", "poss")}
    return bool(dets & ANAPHORIC_DETS)  # candidate anaphor; kept only if an antecedent exists


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
    names = [_norm_name(r["mention_text"]) for _, _, r in found]
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
                        out[_norm_name(row["mention_text"])].add(_norm_name(crow["mention_text"]))
    return out


def _anchor(tok: Token) -> Token:
    """The phrase that carries the trigger's circumstances (date, place)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            return tok.head
        if tok.dep_ == "dobj" and _lemma(tok.head) in LIGHT_VERBS:
            return tok.head
    return tok


def _depth(tok: Token) -> int:
    d = 0
    while tok.head is not tok and d < 50:
        tok = tok.head
        d += 1
    return d


def _subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


def _assign_dates(
    sent: Span, triggers: list[_Trigger], published, all_trigger_tokens: set[int]
) -> None:
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates or not triggers:
        return
    sent_text = sent.text
    for ent in dates:
        root = ent.root
        owner = None
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


def event_mentions_from_doc(doc: Doc, article: dict, entity_rows: list[dict]) -> list[dict]:
    """One row per event trigger of ``doc`` (``article['body']``), keys of EVENT_MENTION_SCHEMA."""
    ents = _EntityIndex(doc, entity_rows)
    containers = _place_containers(doc, ents)
    published = article.get("published_date")

    triggers: list[_Trigger] = []
    for tok in doc:
        etype = _classify(tok, ents)
        if etype is not None:
            triggers.append(_Trigger(token=tok, event_type=etype, anchor=_anchor(tok)))
    trigger_tokens = {t.token.i for t in triggers}

    kept: list[_Trigger] = []
    seen_resolution = False
    for trig in triggers:
        trig.participants = _participants(trig, ents)
        tok = trig.token
        if (
            not trig.participants
            and not trig.anaphoric
            and (
                trig.event_type in ("statement", "contact")
                or (trig.event_type == "visit" and _lemma(tok) in MOVE_VERBS)
            )
        ):
            continue  # a statement, contact or trip of nobody in particular
        if tok.pos_ in ("NOUN", "PROPN"):
            dets = {_lemma(c) for c in tok.children if c.dep_ in ("det", "poss")}
            has_date_mod = any(c.ent_type_ == "DATE" for c in tok.children)
            if not has_date_mod and (
                dets & DEMONSTRATIVES or (dets & ANAPHORIC_DETS and not trig.participants)
            ):
                trig.anaphoric = True
        if trig.event_type == "resolution" and _lemma(tok) == "resolution":
            # a bare "the resolution" only counts when it can refer back to a real one
            if trig.anaphoric and not seen_resolution:
                continue
            if not trig.anaphoric and not trig.participants and not _is_strong_resolution(tok):
                if not seen_resolution:
                    continue
            seen_resolution = True
        elif trig.event_type == "resolution":
            seen_resolution = True
        trig.location = _location(trig, ents, containers, trigger_tokens)
        kept.append(trig)

    by_sent: dict[int, list[_Trigger]] = defaultdict(list)
    for trig in kept:
        by_sent[trig.token.sent.start].append(trig)
    for trigs in by_sent.values():
        _assign_dates(trigs[0].token.sent, trigs, published, trigger_tokens)

    lead = None
    sentence_starts = [s.start for s in doc.sents][:LEAD_MAX_SENTENCES]
    if kept and kept[0].token.sent.start in sentence_starts:
        first_sent = kept[0].token.sent.start
        in_first = [t for t in kept if t.token.sent.start == first_sent and not t.anaphoric]
        if in_first:
            lead = min(in_first, key=lambda t: (_depth(t.token), t.token.i))
        else:
            lead = kept[0]
    if lead is not None and lead.date is None and lead.date_text is None and published is not None:
        lead.date, lead.date_source = published, "dateline"
        lo, hi = _subtree_span(lead.token)
        for trig in by_sent[lead.token.sent.start]:
            if trig is lead or trig.date is not None or trig.date_text is not None:
                continue
            coordinated = (trig.token.dep_ == "conj" and trig.token.head is lead.token) or (
                lead.token.dep_ == "conj" and lead.token.head is trig.token
            )
            inside = lo <= trig.token.i <= hi and FAMILY[trig.event_type] == FAMILY[lead.event_type]
            if coordinated or inside:
                trig.date, trig.date_source = published, "dateline"
                if trig.location is None and coordinated:
                    trig.location = lead.location

    rows = []
    for trig in kept:
        tok = trig.token
        sent = tok.sent
        start, end = tok.idx, tok.idx + len(tok.text)
        rows.append(
            {
                "drop_id": article.get("drop_id"),
                "article_id": article["article_id"],
                "event_mention_id": f"{article['article_id']}:e{start}",
                "event_type": trig.event_type,
                "trigger_text": tok.text,  # doc.text[start:end]
                "trigger_start": start,
                "trigger_end": end,
                "participant_mention_ids": [r["mention_id"] for r in trig.participants],
                "participant_texts": [r["mention_text"] for r in trig.participants],
                "location_mention_id": trig.location["mention_id"] if trig.location else None,
                "location_text": trig.location["mention_text"] if trig.location else None,
                "event_date": trig.date,
                "date_text": trig.date_text,
                "date_source": trig.date_source,
                "is_lead": trig is lead,
                "is_anaphoric": trig.anaphoric,
                "sentence": sent.text,
                "sentence_start": sent.start_char,
                "sentence_end": sent.end_char,
            }
        )
    return rows


def _is_strong_resolution(tok: Token) -> bool:
    """A resolution noun that stands on its own (adopted, or carrying its content)."""
    if tok.dep_ in ("dobj", "nsubjpass") and _lemma(tok.head) in DECISION_VERBS:
        return True
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and _lemma(c) in RESOLUTION_PARTICIPLES:
            return True
        if c.dep_ in ("compound", "amod", "nmod") and _lemma(c) in (
            "ceasefire",
            "truce",
            "sanction",
            "sanctions",
            "un",
            "u.n.",
        ):
            return True
    return False


# ----------------------------------------------------------------------------- clustering

# The columns the clustering rules read: of the event mentions (published_date may be absent),
# and of the resolved entity mentions (the entity of each participant and location). The dbt
# model reads these only, not whole rows.
CLUSTER_INPUT_COLUMNS = (
    "event_mention_id",
    "article_id",
    "event_type",
    "trigger_text",
    "trigger_start",
    "participant_mention_ids",
    "participant_texts",
    "location_mention_id",
    "location_text",
    "event_date",
    "date_source",
    "is_lead",
    "is_anaphoric",
    "published_date",
)
CLUSTER_ENTITY_COLUMNS = ("mention_id", "entity_id", "canonical_name")

CLUSTER_SCHEMA = {
    "event_mention_id": pl.String,
    "event_id": pl.String,
    "merge_reason": pl.String,
    "participant_entity_ids": pl.List(pl.String),
    "location_entity_id": pl.String,
}

# Above this many per-article events sharing one participant in one family, the participant is
# too common to propose undated-vs-dated candidates (keeps the strong rule near-linear).
MAX_PARTICIPANT_BLOCK = 200
# Undated events only merge when their articles appeared within this many days of each other
# (when both publication dates are known); undated statements never merge across articles.
UNDATED_WINDOW_DAYS = 7
UNDATED_NEVER_MERGE = {"statement"}


@dataclass
class _Unit:
    """One event of one article (after within-article clustering)."""

    article_id: str
    family: str
    types: list[str]
    members: list[int]  # indexes into the mention list
    date: object = None
    participants: dict[str, str] = field(default_factory=dict)  # entity_id -> name
    participant_texts: set[str] = field(default_factory=set)
    locations: dict[str, str] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)


@lru_cache(maxsize=1 << 16)
def _tokens_of(name: str) -> frozenset[str]:
    return frozenset(w for w in _norm_name(name).split() if w not in ("the", "of"))


def _texts_overlap(a: set[str], b: set[str]) -> bool:
    ta = [_tokens_of(x) for x in a]
    tb = [_tokens_of(x) for x in b]
    return any(x and y and (x <= y or y <= x) for x in ta for y in tb)


def _names(names: dict[str, str], ids) -> str:
    """The names of ``ids`` (entity ids, keys of ``names``), in id order: "A and B"."""
    return " and ".join(names[i] for i in sorted(ids))


def _join_reason(parts: list[str]) -> str:
    return ", ".join(p for p in parts if p)


def _article_dates(event_mentions: pl.DataFrame) -> dict[str, object]:
    """Publication date per article as seen through its events: the dateline date of its lead
    event, else its latest dated event."""
    dateline: dict[str, object] = {}
    latest: dict[str, object] = {}
    for article_id, date, source in zip(
        event_mentions["article_id"].to_list(),
        event_mentions["event_date"].to_list(),
        event_mentions["date_source"].to_list(),
        strict=True,
    ):
        if date is None:
            continue
        if source == "dateline":
            dateline[article_id] = date
        elif article_id not in latest or latest[article_id] < date:
            latest[article_id] = date
    return {**latest, **dateline}


def cluster_events(
    event_mentions: pl.DataFrame,
    resolved_mentions: pl.DataFrame,
    published_dates: dict[str, object] | None = None,
) -> pl.DataFrame:
    """Group event mentions into events (see the module docstring for the rules).

    ``published_dates`` (article_id -> date) is optional; a ``published_date`` column of
    ``event_mentions`` is used too; without either the publication date of an article is read
    from its dateline-dated lead event (or its latest dated event).
    """
    if event_mentions.height == 0:
        return pl.DataFrame(schema=CLUSTER_SCHEMA)
    article_dates = _article_dates(event_mentions)
    if "published_date" in event_mentions.columns:  # the dbt model passes it along
        for article_id, published in (
            event_mentions.select("article_id", "published_date").unique().iter_rows()
        ):
            if published is not None:
                article_dates[article_id] = published
    if published_dates:
        article_dates.update({k: v for k, v in published_dates.items() if v is not None})
    # one list per column rather than a dict per row
    em = event_mentions.sort(["article_id", "trigger_start"])
    col = {c: em[c].to_list() for c in (
        "event_mention_id", "article_id", "event_type", "trigger_text", "trigger_start",
        "participant_mention_ids", "participant_texts", "location_mention_id", "location_text",
        "event_date", "is_lead", "is_anaphoric",
    )}

    resolved: dict[str, tuple[str, str]] = {}
    if resolved_mentions is not None and resolved_mentions.height:
        name_col = "canonical_name" if "canonical_name" in resolved_mentions.columns else None
        # only the mentions that events refer to (this table has every entity mention of the
        # warehouse); the filter keeps row order, so a repeated id still ends on its last row
        wanted = {mid for mids in col["participant_mention_ids"] for mid in mids or []}
        wanted.update(mid for mid in col["location_mention_id"] if mid)
        keep = pl.col("mention_id").is_in([mid for mid in wanted if mid is not None])
        if None in wanted:
            keep = keep | pl.col("mention_id").is_null()
        rm = resolved_mentions.filter(keep)
        eids = rm["entity_id"].to_list()
        names = rm[name_col].to_list() if name_col else [None] * len(eids)
        for mid, eid, name in zip(rm["mention_id"].to_list(), eids, names, strict=True):
            resolved[mid] = (eid, name or eid)

    def entity_of(mention_id: str, text: str | None) -> tuple[str, str]:
        if mention_id in resolved:
            return resolved[mention_id]
        return ("name:" + _norm_name(text or mention_id), text or mention_id)

    m_id, m_article, m_type = col["event_mention_id"], col["article_id"], col["event_type"]
    m_trigger, m_start, m_date = col["trigger_text"], col["trigger_start"], col["event_date"]
    m_lead, m_anaphoric = col["is_lead"], col["is_anaphoric"]
    m_texts = [t or [] for t in col["participant_texts"]]
    n_mentions = em.height
    part_ids: list[dict[str, str]] = []
    loc_ids: list[tuple[str, str] | None] = []
    for mids, texts, loc_mid, loc_text in zip(
        col["participant_mention_ids"], m_texts, col["location_mention_id"],
        col["location_text"], strict=True,
    ):
        ids: dict[str, str] = {}
        for mid, text in zip(mids or [], texts, strict=False):
            eid, name = entity_of(mid, text)
            ids.setdefault(eid, name)
        part_ids.append(ids)
        loc_ids.append(entity_of(loc_mid, loc_text) if loc_mid else None)

    # 1. within each article
    units: list[_Unit] = []
    unit_of: list[int] = [0] * n_mentions
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, article_id in enumerate(m_article):
        by_article[article_id].append(i)
    for article_id, idxs in by_article.items():
        article_units: list[int] = []
        for i in idxs:
            event_type = m_type[i]
            family = FAMILY.get(event_type, event_type)
            date = m_date[i]
            joined = None
            reason = None
            if m_anaphoric[i] or (not part_ids[i] and not m_lead[i]):
                for same_type in (True, False):
                    for u in reversed(article_units):
                        unit = units[u]
                        if unit.family != family:
                            continue
                        if same_type and event_type not in unit.types:
                            continue
                        if date is not None and unit.date is not None and date != unit.date:
                            continue
                        joined = u
                        antecedent = m_trigger[unit.members[0]]
                        head = m_trigger[i]
                        reason = (
                            f"same article: anaphoric '{head}' refers back to '{antecedent}'"
                            if m_anaphoric[i]
                            else f"same article: '{head}' has no participants of its own and "
                            f"continues the earlier {family} '{antecedent}'"
                        )
                        break
                    if joined is not None:
                        break
            else:
                best = None
                for u in reversed(article_units):
                    unit = units[u]
                    if unit.family != family:
                        continue
                    if date is not None and unit.date is not None and date != unit.date:
                        continue
                    shared = set(part_ids[i]) & set(unit.participants)
                    if shared:
                        score = len(shared)
                        names = [unit.participants[e] for e in sorted(shared)]
                    elif _texts_overlap(set(m_texts[i]), unit.participant_texts):
                        score = 0.5
                        names = sorted(set(m_texts[i]))[:1]
                    else:
                        continue
                    if best is None or score > best[0]:
                        best = (score, u, names)
                if best is not None:
                    joined = best[1]
                    reason = _join_reason(
                        [
                            f"same article: same type family ({family})",
                            f"shared participant {' and '.join(best[2])}",
                        ]
                    )
            if joined is None:
                units.append(_Unit(article_id=article_id, family=family, types=[], members=[]))
                joined = len(units) - 1
                article_units.append(joined)
            unit = units[joined]
            unit.members.append(i)
            if event_type not in unit.types:
                unit.types.append(event_type)
            if unit.date is None and date is not None:
                unit.date = date
            unit.participants.update({k: v for k, v in part_ids[i].items()})
            unit.participant_texts.update(m_texts[i])
            if loc_ids[i] is not None:
                unit.locations.setdefault(*loc_ids[i])
            if reason:
                unit.reasons[i] = reason
            unit_of[i] = joined

    # 2. across articles, blocked
    uf = UnionFind(range(len(units)))
    edges: dict[int, list[tuple[int, str]]] = defaultdict(list)

    def link(a: int, b: int, rule: str) -> None:
        uf.union(a, b)
        edges[a].append((b, rule))
        edges[b].append((a, rule))

    def try_pair(a: int, b: int) -> None:
        ua, ub = units[a], units[b]
        if ua.article_id == ub.article_id or ua.family != ub.family:
            return
        # This runs for every candidate pair: the reason is worded only once a rule links them.
        shared = ua.participants.keys() & ub.participants.keys()
        if not ua.locations or not ub.locations:
            ok_loc, shared_locs = True, set()
        else:
            shared_locs = ua.locations.keys() & ub.locations.keys()
            ok_loc = bool(shared_locs)
        if ua.date is not None and ua.date == ub.date:
            if shared and ok_loc:
                how = [f"date {ua.date.isoformat()}",
                       f"shared participant {_names(ua.participants, shared)}"]
            elif (not ua.participants or not ub.participants) and shared_locs:
                how = [f"date {ua.date.isoformat()}", "no conflicting participants"]
            else:
                return
        elif ua.date is None and ub.date is None:
            if not (shared and ok_loc) or ua.family in UNDATED_NEVER_MERGE:
                return
            da, db = article_dates.get(ua.article_id), article_dates.get(ub.article_id)
            if da is not None and db is not None and abs((da - db).days) > UNDATED_WINDOW_DAYS:
                return
            how = ["both undated", f"shared participant {_names(ua.participants, shared)}"]
        else:
            if not (len(shared) >= 2 and shared_locs):
                return
            dated = ua.date or ub.date
            how = [f"one side undated, other dated {dated.isoformat()}",
                   f"shared participants {_names(ua.participants, shared)}"]
        parts = [f"same type family ({ua.family})", *how]
        if shared_locs:
            parts.append(f"same location {_names(ua.locations, shared_locs)}")
        link(a, b, "across articles: " + _join_reason(parts))

    blocks: dict[tuple, list[int]] = defaultdict(list)
    for u, unit in enumerate(units):
        blocks[(unit.family, unit.date)].append(u)
    for (family, date), members in blocks.items():
        if date is None and family in UNDATED_NEVER_MERGE:
            continue  # try_pair never links two undated statements: skip their (many) pairs
        by_participant: dict[str, list[int]] = defaultdict(list)
        by_location: dict[str, list[int]] = defaultdict(list)
        for u in members:
            for p in units[u].participants:
                by_participant[p].append(u)
            if date is not None and not units[u].participants:
                for loc in units[u].locations:
                    by_location[loc].append(u)
        pairs: set[tuple[int, int]] = set()
        for group in by_participant.values():
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    pairs.add((group[x], group[y]))
        if date is not None:
            for loc, group in by_location.items():
                for u in members:
                    if loc in units[u].locations:
                        for v in group:
                            if u != v:
                                pairs.add((min(u, v), max(u, v)))
        for a, b in sorted(pairs):
            if uf.find(a) != uf.find(b):
                try_pair(a, b)
    # undated vs dated (strong matches only)
    fam_part: dict[tuple[str, str], list[int]] = defaultdict(list)
    for u, unit in enumerate(units):
        for p in unit.participants:
            fam_part[(unit.family, p)].append(u)
    for u, unit in enumerate(units):
        if unit.date is not None or len(unit.participants) < 2 or not unit.locations:
            continue
        counts: dict[int, int] = defaultdict(int)
        for p in unit.participants:
            group = fam_part[(unit.family, p)]
            if len(group) > MAX_PARTICIPANT_BLOCK:
                continue
            for v in group:
                if units[v].date is not None:
                    counts[v] += 1
        for v, n in sorted(counts.items()):
            if n >= 2 and uf.find(u) != uf.find(v):
                try_pair(u, v)

    # 3. ids and reasons
    clusters: dict[int, list[int]] = defaultdict(list)
    for u in range(len(units)):
        clusters[uf.find(u)].append(u)
    # output built as column lists
    out: dict[str, list] = {name: [] for name in CLUSTER_SCHEMA}
    for members in clusters.values():
        mention_idx = [i for u in members for i in units[u].members]
        defining = min(
            mention_idx,
            key=lambda i: (
                bool(m_anaphoric[i]),
                m_article[i],
                m_start[i],
            ),
        )
        event_id = "ev_" + hashlib.sha1(m_id[defining].encode()).hexdigest()[:16]
        root_unit = unit_of[defining]
        unit_reason: dict[int, str] = {root_unit: ""}
        queue = [root_unit]
        while queue:
            u = queue.pop(0)
            for v, rule in edges.get(u, []):
                if v not in unit_reason:
                    unit_reason[v] = rule
                    queue.append(v)
        single = len(mention_idx) == 1
        event_participants = sorted({e for i in mention_idx for e in part_ids[i]})
        loc_counts: dict[str, int] = defaultdict(int)
        for i in sorted(mention_idx):
            if loc_ids[i] is not None:
                loc_counts[loc_ids[i][0]] += 1
        # the most often named place (first named on ties): "Tehran" over one "in Iran"
        event_location = max(loc_counts, key=loc_counts.get) if loc_counts else None
        for u in members:
            unit = units[u]
            for i in unit.members:
                if i == defining:
                    reason = "single mention" if single else "defining mention"
                else:
                    parts = [unit_reason.get(u, ""), unit.reasons.get(i, "")]
                    if i == unit.members[0] and not parts[0]:
                        parts[1] = parts[1] or "same article"
                    reason = "; ".join(p for p in parts if p) or "same article"
                out["event_mention_id"].append(m_id[i])
                out["event_id"].append(event_id)
                out["merge_reason"].append(reason)
                out["participant_entity_ids"].append(event_participants)
                out["location_entity_id"].append(event_location)
    out["participant_entity_ids"] = string_lists(out["participant_entity_ids"])
    return pl.DataFrame(out, schema=CLUSTER_SCHEMA)

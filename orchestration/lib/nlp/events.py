"""Event mentions of one article: which words are event triggers, and the row of each.

Extraction: ``event_mentions_from_doc(doc, article, entity_rows)``
-----------------------------------------------------------------
One row per event trigger, keys exactly ``EVENT_MENTION_SCHEMA`` (orchestration/lib/nlp/extract.py).

* Triggers come from a small lexicon of generic news-event words, checked against the parse:

  - meeting: met/meet, convene(d), confer, negotiate; meeting, talks, discussion(s), summit,
    negotiation(s), consultation(s)
  - visit: visit (verb and noun), trip, arrival; travel/arrive/fly only with "to/in <place>"
  - contact: phone/telephone; call with a person or organisation as object or "phone call",
    "call with/between"; contact/communication(s) with "between/with"; speak/talk with a person
    (speak/talk "about" something is a statement)
  - resolution: "resolution" when it is a decision (an organisation modifies it, a participle
    such as "calling for" follows, it is adopted/passed/vetoed, or "the/this resolution" refers
    back to one) and not "a resolution to the war"; vote by an organisation; a deliberative body
    (council, assembly, parliament, congress, senate) that "calls for / demands / urges"
  - statement: say/state/announce/declare and the taxonomy's other verbs of saying,
    statement/announcement/declaration/speech/..., only with a person/organisation as the
    speaker, or a pronoun or "the company"-like phrase pointing at one
    (``event_lexicon.known_speaker``)
  - attack: attack, assault, airstrike, bombing, raid, shelling, ambush, invasion, offensive
    (and "air/drone/missile/rocket strike"); verbs attack/bomb/raid/shell/ambush/invade
  - every other type of the taxonomy (orchestration.lib.nlp.event_types: agreement,
    appointment, election, bankruptcy, acquisition, layoffs, legal, protest, aid,
    financial_result, market_move, forecast, other): its lexicon, checked on the parse by
    orchestration.lib.nlp.event_lexicon; the statement and attack lists above are the
    taxonomy's too (a statement verb beyond say/state/announce/declare needs a reported clause,
    a quote or an object).
* Participants, location and date of each trigger: orchestration.lib.nlp.event_arguments.
* Narrative date: an asserted past or present verb with no time expression takes the date of
  the event the article last dated before it (``date_source='narrative'``;
  orchestration.lib.nlp.event_time).
* Modality (orchestration.lib.nlp.event_modality): only ``asserted`` mentions keep an
  ``event_date``; the others keep their time expression in ``date_text``.
* Lead event: the first asserted event mention of the body (in its sentence the one closest to
  the root, not a noun of circumstance: "following a resolution") with no date of its own takes
  the publication date (``date_source='dateline'``), and so do the verbs coordinated with it
  ("visited Tehran and met with ...") and same-family nouns inside its phrase ("visit ... for
  discussions"); unless the lede restates it with a day of its own (a headline "Apple
  introduces ..." and "On Wednesday, Apple introduced ...": ``_headline_restated``). An
  article whose first event comes after its first ``LEAD_MAX_SENTENCES`` (10) sentences has no
  lead event. Other undated events: see the narrative date below, else null.
* Not one happening, so no trigger: a habit ("Normally, the president flies ...") or a count
  ("a total of 237 orders").
* ``is_anaphoric``: "the + trigger noun" with no participants and no date of its own ("the
  visit"), and "this/these/that/those + trigger noun" without a date of its own ("This meeting",
  "this Iranian meeting with Hamas": a demonstrative points back even when it names a party).

The events across articles are formed by orchestration.lib.rules.event_clusters.cluster_events.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Token

from orchestration.lib.nlp.event_arguments import (
    LIGHT_VERBS,
    _assign_dates,
    _children,
    _deliberative_in,
    _EntityIndex,
    _lemma,
    _location,
    _participants,
    _place_containers,
    _prep_objects,
    _subjects,
    _subtree_span,
    _Trigger,
)
from orchestration.lib.nlp.event_lexicon import classify_lexicon, known_speaker, not_one_happening
from orchestration.lib.nlp.event_modality import modality
from orchestration.lib.nlp.event_time import narrative_dates
from orchestration.lib.nlp.event_types import BY_NAME, LEXICON_WORDS
from orchestration.lib.read.parse import heading_spans, in_heading
from orchestration.lib.rules.event_links import FAMILY

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
STATEMENT_VERBS = set(BY_NAME["statement"].verbs)
# Verbs of saying that are also ordinary verbs ("added a feature", "reported losses"): a
# statement only with a reported clause or a quote (ccomp, parataxis) or an object.
CORE_STATEMENT_VERBS = {"say", "state", "announce", "declare"}
STATEMENT_NOUNS = set(BY_NAME["statement"].nouns)
ATTACK_VERBS = set(BY_NAME["attack"].verbs)
ATTACK_NOUNS = set(BY_NAME["attack"].nouns)
STRIKE_MODIFIERS = {"air", "drone", "missile", "rocket", "aerial"}
NON_EVENT_MODIFIERS = {"heart", "panic", "asthma", "anxiety"}
# "meet" that is not an encounter: meet demands, meet the deadline, ...
MEET_NON_PERSON_OBJECTS = {
    "need", "demand", "requirement", "expectation", "target", "goal", "standard", "criterion",
    "deadline", "condition", "obligation", "challenge", "end", "fate", "death", "cost",
    "threshold", "quota", "commitment", "criteria",
}
DECISION_VERBS = {"adopt", "pass", "approve", "veto", "reject", "table", "draft", "unanimously"}
RESOLUTION_PARTICIPLES = {
    "call", "demand", "urge", "advocate", "condemn", "authorize", "authorise", "impose", "extend",
    "require", "endorse", "welcome", "establish", "request",
}
ANAPHORIC_DETS = {"this", "these", "that", "those", "the"}
DEMONSTRATIVES = {"this", "these", "that", "those"}
# The lead event (the news peg) must sit in the first sentences of the body.
LEAD_MAX_SENTENCES = 10


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
        if lemma in LEXICON_WORDS:
            return classify_lexicon(tok, ents)
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
            if any(ents.kind(ents.at(p)) == "LOCATION" for p in places):
                return "visit"
            return classify_lexicon(tok, ents)  # "the plane flew for four hours": other
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
            if _prep_objects(tok, {"about", "of", "on"}):
                return "statement"  # "Jobs talked about the switch to Intel"
            return None
        if lemma == "vote":
            subj_rows = [ents.at(s) for s in _subjects(tok)]
            return "resolution" if any(ents.kind(r) == "ORG" for r in subj_rows) else None
        if lemma in STATEMENT_VERBS and (
            lemma in CORE_STATEMENT_VERBS or _children(tok, "ccomp", "parataxis", "dobj")
        ):
            return "statement"
        if lemma in ATTACK_VERBS:
            return "attack"
        return classify_lexicon(tok, ents)
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
    return classify_lexicon(tok, ents)


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


def _anchor(tok: Token) -> Token:
    """The phrase that carries the trigger's circumstances (date, place)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            return tok.head
        if tok.dep_ == "dobj" and _lemma(tok.head) in LIGHT_VERBS:
            return tok.head
    return tok


def _headline_restated(lead: _Trigger, asserted: list[_Trigger]) -> None:
    """A headline verb ("Apple introduces new iPod") restated with its day in the lede ("On
    Wednesday, Apple introduced an iPod"): the same happening, so the lead takes the lede's
    date. Only a trigger of the same lemma and type within the next two sentences counts."""
    lead_sent = lead.token.sent
    window_end = lead_sent.end
    nxt = lead_sent.end
    doc = lead.token.doc
    for _ in range(2):
        if nxt >= len(doc):
            break
        window_end = doc[nxt].sent.end
        nxt = window_end
    for trig in asserted:
        if trig is lead or not (lead.token.i < trig.token.i < window_end):
            continue
        if (
            trig.date is not None
            and _lemma(trig.token) == _lemma(lead.token)
            and trig.event_type == lead.event_type
        ):
            lead.date, lead.date_source = trig.date, trig.date_source
            return


def _circumstance(tok: Token) -> bool:
    """A noun in "following/after/before/since <trigger>": what the news follows on, not it."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in (
        "following", "after", "before", "since", "amid", "despite"
    )


def _depth(tok: Token) -> int:
    d = 0
    while tok.head is not tok and d < 50:
        tok = tok.head
        d += 1
    return d


def event_mentions_from_doc(doc: Doc, article: dict, entity_rows: list[dict]) -> list[dict]:
    """One row per event trigger of ``doc`` (``article['body']``), keys of EVENT_MENTION_SCHEMA."""
    ents = _EntityIndex(doc, entity_rows)
    containers = _place_containers(doc, ents)
    published = article.get("published_date")

    triggers: list[_Trigger] = []
    headings = heading_spans(doc.text)  # a heading announces a section, it reports no event
    for tok in doc:
        etype = _classify(tok, ents)
        if (
            etype is not None
            and not in_heading(headings, tok.idx)
            and not not_one_happening(tok)
        ):
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
                (trig.event_type == "statement" and not known_speaker(tok))
                or trig.event_type == "contact"
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
        trig.modality = modality(trig.token, trig.anchor)
        by_sent[trig.token.sent.start].append(trig)
    for trigs in by_sent.values():
        _assign_dates(trigs[0].token.sent, trigs, published, trigger_tokens)

    lead = None
    asserted = [t for t in kept if t.modality == "asserted"]
    sentence_starts = [s.start for s in doc.sents][:LEAD_MAX_SENTENCES]
    if asserted and asserted[0].token.sent.start in sentence_starts:
        first_sent = asserted[0].token.sent.start
        in_first = [
            t for t in asserted
            if t.token.sent.start == first_sent and not t.anaphoric and not _circumstance(t.token)
        ]
        if in_first:
            lead = min(in_first, key=lambda t: (_depth(t.token), t.token.i))
        else:
            lead = asserted[0]
    if lead is not None and lead.date is None and lead.date_text is None:
        _headline_restated(lead, asserted)
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

    for trig in kept:
        if trig.modality != "asserted":
            # only what is reported as having happened is dated as happening on a day
            trig.date, trig.date_source = None, None
    narrative_dates(kept, published)

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
                "modality": trig.modality,
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

"""The modality of an event trigger: did it happen, or is it denied, supposed, planned or recalled?

``modality(tok, anchor)`` reads the dependency parse around the trigger (a verb, or for a noun
the verb that governs it: "the deal was approved", "plans to buy"), walking up through the verbs
that embed it by ``xcomp`` ("is expected to visit", "agreed to buy") and the clauses it sits in,
and returns one of ``MODALITIES``:

* ``negated``: a ``neg`` child ("did not meet", "never signed"), or "no"/"without" before a noun
  trigger ("no agreement was reached", "without a vote").
* ``hypothetical``: a conditional clause ("if/unless/whether ..." as ``mark``), a modal auxiliary
  (could, would, may, might, should, must, can), a question (the sentence ends with "?"), or an
  embedding verb of wish or possibility ("hopes to", "wants to", "threatened to", "seeks to").
* ``future``: "will/shall", "going to", "is to", an embedding verb of plan or expectation
  ("plans to", "is expected to", "is scheduled/set/due/slated to", "intends to", "agreed to"),
  a noun trigger modified by "planned/proposed/upcoming/future/next", or the object of
  "promised/plans/expects" ("promised a compatible release"). A noun that is the
  subject of "is scheduled for <day>" stays asserted: the day set for it is its date.
  A noun that is demanded or hoped for ("called for the release of", "hopes for a deal") is
  ``hypothetical``.
* ``background`` (past perfect outside reported speech: "said it had signed" is asserted):
  a noun trigger governed by "since" ("since the 2001 attacks"; "following" and
  "after" often order the same day's happenings, so they stay asserted), a clause
  introduced by "since", or a past perfect verb ("had been suspended"): an earlier happening
  that the article recalls, not the news it reports.
* A noun trigger takes the mood of its verb only as its subject or object ("the deal will be
  signed", and "could file for bankruptcy"); in another prepositional phrase it keeps its own
  ("will be compensated for the delay": the delay happened). An infinitive heading a sentence
  ("Airline to be compensated") is ``future``; "able/willing/ready to" ``hypothetical``,
  "likely/set/due to" ``future``.
* ``asserted``: everything else (reported past or present happenings, "said" included).

Only ``asserted`` events are dated as happening on a day (orchestration.lib.nlp.events).
"""

from __future__ import annotations

from spacy.tokens import Token

MODALITIES = ("asserted", "negated", "hypothetical", "future", "background")

HYPOTHETICAL_MODALS = {"could", "would", "may", "might", "should", "must", "can", "ought"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
WISH_VERBS = {"hope", "want", "wish", "seek", "threaten", "try", "attempt", "aim", "consider",
              "propose", "offer", "ask", "urge", "need", "would"}
PLAN_VERBS = {"plan", "expect", "intend", "schedule", "set", "due", "slate", "agree", "decide",
              "prepare", "promise", "pledge", "vow", "go", "commit", "be", "likely"}
FUTURE_NOUN_MODS = {"planned", "proposed", "upcoming", "future", "next", "possible", "potential",
                    "prospective", "forthcoming", "scheduled"}
NEGATION_DETS = {"no", "without"}
# verbs whose object is still to come: "promised a release", "plans a sale"
PROMISE_VERBS = {"promise", "plan", "expect", "propose", "pledge", "await",
                 "anticipate", "envisage", "forecast", "predict"}
# verbs whose prepositional object is the happening itself: "file for bankruptcy"
PERFORMING_VERBS = {"file", "apply", "enter", "go", "head", "petition", "vote", "sign"}
ABILITY_ADJS = {"able", "unable", "willing", "unwilling", "ready", "eager", "keen", "free",
                "possible", "happy", "prepared"}
FUTURE_ADJS = {"likely", "unlikely", "set", "due", "expected", "poised", "slated", "scheduled",
               "about", "sure", "certain"}
REPORTING_VERBS = {"say", "state", "announce", "tell", "report", "confirm", "add", "claim",
                   "note", "reveal", "explain", "write", "declare"}
DEMANDS = {"call", "demand", "push", "press", "hope", "wait", "seek", "ask", "appeal", "campaign",
           "lobby", "pray", "await", "aim", "strive"}

# "since the 2001 attacks", "following the resolution", "after the vote": an earlier happening
BACKGROUND_PREPS = {"since"}


def _verb_of(tok: Token, anchor: Token) -> Token | None:
    """The verb whose tense and mood the trigger shares."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    if anchor is not tok and anchor.pos_ in ("VERB", "AUX"):
        return anchor
    node = tok
    for _ in range(3):  # "plans for the purchase of ...": noun -> prep -> verb
        if node.head is node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ not in ("pobj",):
            return None
    return None


def _own_modality(verb: Token) -> str | None:
    """What the auxiliaries and children of one verb say."""
    for c in verb.children:
        if c.dep_ == "neg":
            return "negated"
    for c in verb.children:
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
            return "hypothetical"
        if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
            low = c.lower_
            if low in FUTURE_MODALS:
                return "future"
            if low in HYPOTHETICAL_MODALS:
                return "hypothetical"
        if c.dep_ == "aux" and c.lower_ == "going" and verb.tag_ == "VB":
            return "future"
    if verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children
    ) and not (verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS):
        return "background"  # but "said it had signed": reported speech shifts the tense
    return None


def modality(tok: Token, anchor: Token) -> str:
    """``tok``'s modality (one of ``MODALITIES``); ``anchor`` is the phrase carrying its date."""
    if tok.sent.text.rstrip().rstrip('"\u201d\'').endswith("?"):
        return "hypothetical"
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ in ("det", "amod", "neg") and c.lower_ in NEGATION_DETS:
                return "negated"
            if c.dep_ in ("amod", "compound", "nmod") and c.lower_ in FUTURE_NOUN_MODS:
                return "future"
        if tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND_PREPS:
            return "background"
        if tok.dep_ == "pobj" and tok.head.lower_ == "without":
            return "negated"
        node = tok
        while node.dep_ == "conj" and node.head is not node:
            node = node.head  # "called for a ceasefire and the release of hostages"
        head = node.head
        if node.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in DEMANDS:
            return "hypothetical"  # "called for the release of", "hopes for a deal"
        if node.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in PROMISE_VERBS:
            return "future"  # "promised a compatible release", "a deal is expected"
        performed = tok.dep_ == "pobj" and head.head.lemma_.lower() in PERFORMING_VERBS
        if not performed and tok.dep_ not in (
            "nsubj", "nsubjpass", "dobj", "ROOT", "conj", "appos", "attr"
        ):
            return "asserted"  # "compensated for the delay": the delay's own mood, not the verb's
    verb = _verb_of(tok, anchor)
    depth = 0
    while verb is not None and depth < 4:
        own = _own_modality(verb)
        if own is not None:
            return own
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "since" for c in verb.children
        ):
            return "background"
        if verb.dep_ == "ROOT" and any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in verb.children
        ):
            return "future"  # a headline's "Airline to be compensated", "Ford to cut jobs"
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":
            adj = verb.head.lower_  # "able to fly", "willing to contribute", "likely to fall"
            if adj in ABILITY_ADJS:
                return "hypothetical"
            if adj in FUTURE_ADJS:
                return "future"
            verb = verb.head.head if verb.head.head.pos_ in ("VERB", "AUX") else None
            depth += 1
            continue
        if verb.dep_ == "xcomp" or (verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX")):
            head = verb.head
            lemma = head.lemma_.lower()
            if verb.dep_ == "xcomp":
                if lemma in WISH_VERBS:
                    return "hypothetical"
                if lemma in PLAN_VERBS or head.lower_ in ("due", "set", "slated", "scheduled"):
                    return "future"
            verb = head
            depth += 1
            continue
        if verb.dep_ in ("advcl", "relcl", "ccomp", "acl") and verb.head is not verb:
            # the embedding clause's condition carries over ("said that if ..." does not)
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children):
                return "hypothetical"
        break
    return "asserted"

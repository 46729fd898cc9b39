"""Triggers of the lexicon types of the taxonomy (orchestration.lib.nlp.event_types), on the parse.

``classify_lexicon(tok, ents)`` returns the type of a verb or eventive noun whose lemma is in a
lexicon type's list, after checks that keep the word a happening:

* A verb used as a modifier ("the planned stop", "a growing market") or as a light verb of a
  trigger noun ("made its maiden flight", "launched an investigation": the noun is the trigger)
  is not one; nor is a noun that is part of a name or modifies another noun ("a flight number").
* ``market_move``: a verb of rising or falling only with a market subject (an index, shares, a
  price, a currency, a commodity: "the Dow fell 3%"); "a crash/slump" only with such a modifier.
  Elsewhere "rise" and "fall" are not events, and "crash" is a generic accident (``other``).
* ``layoffs``: "lay off", "shut down", "close" with a workplace object ("closed the plant"),
  "cut" with jobs/staff/workers as object, "strike" without an object (workers striking);
  "job cuts" as a noun; a strike of workers, a union or a company's staff.
* ``protest``: only without an object ("demonstrating the plane" is a showing); ``aid`` verbs
  only with one ("contributing to tension" is no aid).
* ``legal``: "rule" not in "rule out"; "charge" passive or with a person as object.
* ``financial_result``: a result noun ("profit", "loss", "revenue") with a modifier or a possessor
  ("a net loss", "Ford's profit", "quarterly earnings").
* ``known_speaker``: a statement's speaker that names no entity but points at one ("he said",
  "the company said"); ``not_one_happening``: a habit or a count, for every type.
* ``agreement``: "order" not in "in order to"; "conclude" with a deal noun as object.
* A plural noun with no determiner, possessor, number or specific modifier is a kind of
  happening, not one ("regular releases", "many deals").
* ``acquisition``: "invest"/"investment" with a sum ("invested $2 billion"; "invests in its
  relationships" is a figure of speech); "sale" in the singular ("sales fell" are figures).
* ``forecast`` nouns: only made public ("unveiled plans", "raised its forecast") or an
  organisation's ("Ford's plan").
"""

from __future__ import annotations

from spacy.tokens import Token

from orchestration.lib.nlp.event_arguments import (
    LIGHT_VERBS,
    _children,
    _EntityIndex,
    _lemma,
    _subjects,
)
from orchestration.lib.nlp.event_types import LEXICON_WORDS, NOUN_TYPES, candidates

MARKET_SUBJECTS = {
    "index", "indice", "indices", "stock", "share", "price", "market", "dow", "nasdaq", "ftse",
    "nikkei", "dax", "cac", "s&p", "dollar", "euro", "yen", "pound", "sterling", "yuan", "oil",
    "gold", "bond", "yield", "currency", "commodity", "crude", "bitcoin", "average", "rate",
    "composite", "hang", "sensex", "future", "equity", "peso", "rupee", "ruble", "rouble",
}
WORKPLACES = {"plant", "factory", "store", "office", "mine", "site", "branch", "operation",
              "facility", "shop", "mill", "school", "hospital", "station", "outlet", "line"}
STAFF = {"job", "staff", "worker", "employee", "workforce", "position", "post", "payroll"}
STRIKERS = STAFF | {"union", "pilot", "driver", "teacher", "nurse", "doctor", "miner", "crew"}
GENERIC_MODS = {"regular", "frequent", "many", "several", "some", "such", "other", "more",
                "most", "few", "numerous", "various", "occasional", "future", "new"}
PUBLISH_VERBS = {"unveil", "announce", "present", "approve", "publish", "release", "issue",
                 "make", "outline", "submit", "propose", "adopt", "raise", "lower", "cut"}
FINANCE_MODS = {"net", "quarterly", "annual", "operating", "pre-tax", "pretax", "first-quarter",
                "second-quarter", "third-quarter", "fourth-quarter", "record", "half-year",
                "full-year", "yearly", "gross"}


def _market_word(tok: Token) -> bool:
    return any(_lemma(t) in MARKET_SUBJECTS or t.lower_ in MARKET_SUBJECTS for t in tok.subtree)


def _has_money(tok: Token) -> bool:
    return any(t.ent_type_ in ("MONEY", "PERCENT") for t in tok.subtree)


def _verb_ok(tok: Token, etype: str, ents: _EntityIndex) -> bool:
    lemma = _lemma(tok)
    objs = _children(tok, "dobj")
    prt = {c.lower_ for c in _children(tok, "prt")}
    if etype == "market_move":
        subs = _children(tok, "nsubj", "nsubjpass")
        return any(_market_word(s) for s in subs)
    if etype == "layoffs":
        if lemma == "lay":
            return "off" in prt
        if lemma == "shut":
            return "down" in prt
        if lemma == "close":
            return any(_lemma(o) in WORKPLACES for o in objs) or bool(
                _children(tok, "nsubjpass") and any(
                    _lemma(s) in WORKPLACES for s in _children(tok, "nsubjpass")))
        if lemma == "cut":
            return any(_lemma(o) in STAFF for o in objs)
        if lemma == "strike":
            return not objs and any(_lemma(x) in STRIKERS or ents.kind(ents.at(x)) == "ORG"
                                    for x in _children(tok, "nsubj"))
        return True
    if etype == "protest":
        return not objs  # "demonstrating the plane" is a showing, not a protest
    if etype == "aid":
        return bool(objs or _children(tok, "nsubjpass"))
    if etype == "legal":
        if lemma == "rule":
            return "out" not in prt
        if lemma == "charge":
            return bool(_children(tok, "nsubjpass")) or any(
                ents.kind(ents.at(o)) == "PERSON" for o in objs)
        if lemma == "fine":
            return bool(objs or _children(tok, "nsubjpass"))
        return True
    if etype == "appointment" and lemma in ("succeed", "fire"):
        return bool(objs or _children(tok, "nsubjpass"))  # not "succeeded in", "fired at"
    if etype == "agreement" and lemma == "conclude":
        return any(_lemma(o) in NOUN_TYPES for o in objs)
    if etype == "acquisition" and lemma in ("buy", "sell", "purchase"):
        return bool(objs or _children(tok, "nsubjpass"))
    if etype == "acquisition" and lemma == "invest":
        return _has_money(tok)  # "invested $2 billion in", not "invests in its relationships"
    return True


def _noun_ok(tok: Token, etype: str) -> bool:
    lemma = _lemma(tok)
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod")]
    if etype == "market_move":
        return any(_market_word(m) for m in mods) or any(
            _market_word(p) for prep in _children(tok, "prep") if prep.lower_ in ("in", "of")
            for p in _children(prep, "pobj"))
    if etype == "financial_result":
        return any(
            m.dep_ == "poss" or _lemma(m) in FINANCE_MODS or m.ent_type_ in ("ORG", "MONEY")
            for m in mods
        )
    if etype == "layoffs" and lemma == "cut":
        return any(_lemma(m) in STAFF for m in mods)
    if etype == "layoffs" and lemma == "strike":
        return bool(mods) or any(p.lower_ in ("by", "at") for p in _children(tok, "prep"))
    if etype == "agreement" and lemma == "order":
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        return not (prev is not None and prev.lower_ == "in")
    if etype == "acquisition" and lemma == "investment":
        return _has_money(tok) or any(m.dep_ == "poss" and m.ent_type_ == "ORG" for m in mods)
    if etype == "acquisition" and lemma == "sale":
        return tok.tag_ == "NN"  # "sales fell" are figures, "the sale of Opel" is a deal
    if etype == "forecast":
        # a plan or forecast is a happening when it is made public: "unveiled plans for"
        return (tok.dep_ == "dobj" and _lemma(tok.head) in PUBLISH_VERBS) or any(
            m.dep_ == "poss" and m.ent_type_ == "ORG" for m in mods
        )
    if etype == "appointment" and lemma in ("leave", "absence"):
        return any(_lemma(m) in ("medical", "sick", "maternity", "paternity", "personal")
                   for m in mods)
    return True


def classify_lexicon(tok: Token, ents: _EntityIndex) -> str | None:
    """The lexicon type of ``tok``, or None (see the module docstring)."""
    lemma = _lemma(tok)
    if lemma not in LEXICON_WORDS or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY"):
        return None
    if tok.pos_ in ("VERB", "AUX"):
        if tok.tag_ == "MD" or tok.dep_ in ("amod", "compound", "aux", "auxpass"):
            return None
        if lemma in LIGHT_VERBS and any(
            _lemma(o) in LEXICON_WORDS for o in _children(tok, "dobj")
        ):
            return None  # "launched an investigation": the noun is the trigger
        for etype in candidates(lemma, is_verb=True):
            if _verb_ok(tok, etype, ents):
                return etype
        return None
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.pos_ == "PROPN" and ents.at(tok) is not None:
        return None  # part of a name
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
        return None  # "a flight number", "the launch date": the head noun is what it is
    if tok.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod", "compound", "amod") and c.lower_ not in GENERIC_MODS
        for c in tok.children
    ):
        return None  # "regular releases", "deals": a kind of happening, not one
    for etype in candidates(lemma, is_verb=False):
        if _noun_ok(tok, etype):
            return etype
    return None


# A speaker that names no entity but points at one the article has named: "he said", "the
# company said", "his keynote". "Iranian officials" or "analysts" are nobody in particular.
PRONOUN_SPEAKERS = {"he", "she", "they", "we", "i", "his", "her", "their", "our", "my"}
SPEAKER_NOUNS = {
    "company", "firm", "airline", "carrier", "manufacturer", "maker", "government", "ministry",
    "spokesman", "spokeswoman", "spokesperson", "board", "court", "agency", "bank", "group",
    "president", "minister", "chairman", "ceo", "executive", "judge", "police",
}


def known_speaker(tok: Token) -> bool:
    """The statement's speaker is a pronoun or "the company"-like phrase (see SPEAKER_NOUNS)."""
    if tok.pos_ in ("VERB", "AUX"):
        speakers = _subjects(tok)
    else:
        speakers = [c for c in tok.children if c.dep_ in ("poss", "compound")]
    for sp in speakers:
        if sp.lower_ in PRONOUN_SPEAKERS:
            return True
        dets = {c.lower_ for c in sp.children if c.dep_ in ("det", "poss")}
        if _lemma(sp) in SPEAKER_NOUNS and sp.tag_ != "NNS" and dets & {"the", "its", "our"}:
            return True
    return False


# "Normally, the president flies ...", "has always said": a habit, not one happening.
HABITUAL_ADVERBS = {"normally", "usually", "often", "always", "regularly", "typically",
                    "generally", "frequently", "routinely", "sometimes", "never"}
# "a total of 237 orders": a count of happenings, not one.
COUNT_HEADS = {"total", "number", "count", "series", "backlog", "tally", "string", "list"}


def not_one_happening(tok: Token) -> bool:
    """A habit ("usually flies") or a count ("a total of 237 orders"), not a happening."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else (
        tok.head if tok.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    )
    if verb is not None and any(
        c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS and c.lower_ != "never"
        for c in verb.children
    ):
        return True
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj":
        prep = tok.head
        return prep.lower_ == "of" and _lemma(prep.head) in COUNT_HEADS
    return False

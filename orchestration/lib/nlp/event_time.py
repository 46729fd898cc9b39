"""When an event with no time expression of its own happened: the story's day (narrative time).

``narrative_dates(triggers, published)`` (called by orchestration.lib.nlp.events on the kept
triggers of one article, in text order, after their own-clause dates and the lead's dateline)
gives ``date_source='narrative'`` dates; see its docstring for the rule.
"""

from __future__ import annotations

from spacy.tokens import Token

from orchestration.lib.nlp.event_arguments import LIGHT_VERBS, _lemma, _Trigger
from orchestration.lib.rules.event_links import FAMILY

# Verbs whose subject or object noun is a happening of the narrative when they are: "held talks",
# "the deal was approved", "the test flight lasted four hours".
HAPPEN_VERBS = LIGHT_VERBS | {
    "approve", "sign", "complete", "reach", "finalise", "finalize", "seal", "occur", "happen",
    "last", "announce", "unveil", "confirm", "conclude", "attend",
}
# Adverbs that place a happening at some earlier, unsaid time.
INDEFINITE_PAST = {"recently", "previously", "earlier", "once", "formerly", "already", "lately"}
# The lede: the first sentences of the body (a headline the parser joins to the first one).
LEDE_SENTENCES = 2
# A dated event this close to the publication date is the day the story tells (narrative time).
NARRATIVE_WINDOW_DAYS = 7
# Tense of a verb that reports a happening of the narrative: simple past or present.
_NARRATIVE_TAGS = {"VBD", "VBZ", "VBP"}


def narrative_dates(kept: list[_Trigger], published) -> None:
    """An asserted verb trigger (or a noun that is the subject or object of a verb of happening:
    "held talks", "the deal was approved") in the simple past or present, with no time
    expression of its own, happens on the day of the event the article last dated before it
    (``date_source='narrative'``): news tells one day's happenings in order, so "Jobs also said
    ..." after "On Wednesday, Jobs unveiled ..." is Wednesday. Only a date within
    ``NARRATIVE_WINDOW_DAYS`` of publication sets the story's day ("he resigned on August 24" in
    an October article is recalled). A present perfect ("has called for") is an indefinite past
    and takes none, nor does anything with no dated event before it or placed at an unsaid
    earlier time ("recently launched", ``INDEFINITE_PAST``); except in the lede (the
    first ``LEDE_SENTENCES``), where "Airbus has announced 10,000 job cuts" is the news of the
    day: it takes the publication date (``dateline``).

    Two more cases share a date that is already known: a participle or gerund under a dated
    trigger ("unveiled the phones, saying ...", "rounded off by unveiling ...") is its manner
    and happens with it; an anaphoric mention ("the deal") takes the date of the latest earlier
    dated mention of its family (what it points back to) unless an adjective or number sets it
    apart ("the first lawsuit")."""
    by_token = {t.token.i: t for t in kept}
    lede_end = 0
    if kept:
        sents = list(kept[0].token.doc.sents)
        lede_end = sents[min(LEDE_SENTENCES, len(sents)) - 1].end
    last = None
    for n, trig in enumerate(kept):
        if trig.modality != "asserted":
            continue
        if trig.date is not None:
            if published is None or abs((trig.date - published).days) <= NARRATIVE_WINDOW_DAYS:
                last = trig.date  # an older date is a recalled event, not the story's day
            continue
        if trig.date_text is not None:
            continue
        if trig.anaphoric:
            if any(c.dep_ == "amod" or c.tag_ in ("JJ", "CD") for c in trig.token.children):
                continue  # "the first lawsuit": another one than the latest
            family = FAMILY[trig.event_type]
            for earlier in reversed(kept[:n]):
                if FAMILY[earlier.event_type] == family and earlier.date is not None:
                    trig.date, trig.date_source = earlier.date, earlier.date_source
                    break
            continue
        governing = _governing_trigger(trig.token, by_token)
        if governing is not None and governing.date is not None:
            trig.date, trig.date_source = governing.date, governing.date_source
            continue
        tok = trig.token
        if tok.pos_ in ("VERB", "AUX"):
            verb = tok
        elif tok.dep_ in ("dobj", "nsubj", "nsubjpass") and _lemma(tok.head) in HAPPEN_VERBS:
            verb = tok.head  # "held talks", "the deal was approved", "the flight lasted"
        else:
            continue
        if any(c.dep_ == "advmod" and c.lower_ in INDEFINITE_PAST for c in verb.children):
            continue  # "recently launched", "had previously announced": not the story's day
        if last is not None and _simple_tense(verb):
            trig.date, trig.date_source = last, "narrative"
        elif published is not None and verb.i < lede_end and _present_perfect(verb):
            trig.date, trig.date_source = published, "dateline"


def _governing_trigger(tok: Token, by_token: dict[int, _Trigger]) -> _Trigger | None:
    """The trigger a participle or gerund trigger depends on ("unveiled ..., saying")."""
    if tok.tag_ != "VBG":
        return None
    node = tok
    for _ in range(3):
        if node.dep_ not in ("advcl", "pcomp", "prep", "xcomp", "conj") or node.head is node:
            return None
        node = node.head
        if node.i in by_token:
            return by_token[node.i]
    return None


def _present_perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and _lemma(c) == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )


def _simple_tense(verb: Token) -> bool:
    """Simple past or present, active or passive ("sold", "says", "was approved", "is
    waiting"); not a perfect ("has called"), not an infinitive or participle of its own."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(_lemma(a) == "have" for a in auxes):
        return False
    if verb.tag_ in _NARRATIVE_TAGS:
        return True
    return any(_lemma(a) == "be" and a.tag_ in _NARRATIVE_TAGS for a in auxes)

"""What kind of assertion a quantity is: ``claim_kind(doc, start, end, text)``.

* ``tally``: a vote or a score written as two numbers joined by a dash ("52-35", "3–1") in a
  sentence about voting, winning or scoring (the verbs and nouns of ``_TALLY_LEMMAS``); its two
  sides are no range.
* ``estimate``: the quantity's clause, or a clause above it, is an estimate, an expectation or a
  forecast ("estimated", "expected to", "forecast", "projected", "predicted", "likely",
  "believed", "could", "may", "might"; "Wall Street expected 77 cents").
* ``target``: a plan, target, promise or requirement, or a figure of the future ("plans to cut
  10,000 jobs", "aims for", "will carry 150 tons", "said it would cut", "is to build").
* ``fact`` otherwise: reported as so or as having happened.

Read from the dependency parse: the lemmas of the quantity's ancestors up to the sentence root,
their auxiliaries, their subjects ("projections showed that ...") and adjectives ("the proposed
sale of 3 plants"); an estimate cue wins over a future one ("is expected to be").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

_TALLY_RE = re.compile(r"^\s*\d{1,3}\s*[-–—]\s*\d{1,3}\s*$")
_TALLY_LEMMAS = {
    "vote", "voter", "ballot", "approve", "reject", "pass", "defeat", "beat", "win", "lose",
    "score", "victory", "margin", "tally", "poll", "elect", "draw", "lead", "game", "match",
}
_ESTIMATE_LEMMAS = {
    "estimate", "expect", "forecast", "project", "predict", "anticipate", "believe", "likely",
    "projection", "expectation", "estimation", "guess", "suppose", "think", "calculate",
    "reckon", "speculate", "probably", "possibly", "potentially", "could", "may", "might",
}
_TARGET_LEMMAS = {
    "plan", "aim", "target", "hope", "promise", "pledge", "intend", "want", "seek", "propose",
    "require", "need", "goal", "commit", "vow", "schedule", "try", "must", "should",
}
_ESTIMATE_NOUNS = {"projection", "estimate", "forecast", "expectation", "prediction", "analyst",
                   "estimation"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}


def claim_kind(doc: Doc, start: int, end: int, text: str) -> str:
    """``fact``, ``estimate``, ``target`` or ``tally`` for the quantity ``doc[start:end]``."""
    sent = doc[start].sent
    lemmas = [t.lemma_.lower() for t in sent]
    if _TALLY_RE.match(text) and any(w in _TALLY_LEMMAS for w in lemmas):
        return "tally"
    estimate = future = False
    for node in _ancestors(doc[start]):
        lem = node.lemma_.lower()
        if lem in _ESTIMATE_LEMMAS and not _negated(node):
            estimate = True
        if lem in _TARGET_LEMMAS and node.pos_ in ("VERB", "NOUN", "AUX"):
            future = True
        for c in node.children:
            cl = c.lemma_.lower()
            if c.dep_ in ("aux", "auxpass") and (c.lower_ in _FUTURE_AUX or cl in _FUTURE_AUX):
                future = True
            elif c.dep_ in ("aux", "advmod", "acomp") and cl in _ESTIMATE_LEMMAS:
                estimate = True
            elif c.dep_ == "aux" and cl in _TARGET_LEMMAS:
                future = True
            elif c.dep_ == "aux" and c.lower_ == "to" and node.head.lemma_.lower() == "be":
                future = True  # "is to build"
            elif c.dep_ in ("nsubj", "nsubjpass") and cl in _ESTIMATE_NOUNS:
                estimate = True  # "their projections showed that ... held 19 percent"
            elif c.dep_ == "amod" and cl in _TARGET_LEMMAS | {"propose", "plan"}:
                future = True  # "the proposed sale of 3 plants", "planned cuts"
    if estimate:
        return "estimate"
    if future:
        return "target"
    return "fact"


def _ancestors(tok: Token) -> list[Token]:
    out, node = [], tok
    for _ in range(20):
        out.append(node)
        if node.head is node or node.head.i == node.i:
            break
        node = node.head
    return out


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)

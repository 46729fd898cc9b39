"""Roles of PERSON mentions (title, organisation, evidence text), read from the dependency parse
and the tokens around each mention: a premodifying title ("Iranian Foreign Minister X", "Hamas
leader X", "Iran's Foreign Minister X"), a fronted appositive ("Hamas' political bureau head,
X") and a following appositive ("X, the head of the Hamas Political Bureau,").

Called by ``entities.py`` on its candidate mentions; the word lists are in ``lexicon.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestration.lib.nlp.lexicon import (
    HONORIFICS,
    OF_LIKE,
    POSSESSIVE_TOKENS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    demonym_country,
    is_title_only,
    lex_word,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from orchestration.lib.nlp.entities import Candidate


def _premodifier_role(doc: Doc, c: Candidate, ent_of: list[Candidate | None],
                      places: list[str]):
    """"Iranian Foreign Minister X", "Hamas leader X", "Iran's Foreign Minister X" and the
    fronted appositive "Hamas' political bureau head, X"."""
    i = c.start - 1
    if i >= 1 and doc[i].text == "," and lex_word(doc[i - 1]) in TITLE_HEADS:
        i -= 1
    # honorifics directly in front of the name are not part of the title ("Ayatollah")
    while i >= 0 and lex_word(doc[i]) in HONORIFICS and lex_word(doc[i]) not in TITLE_HEADS \
            and ent_of[i] is None:
        i -= 1
    title_end = i + 1
    if i < 0 or lex_word(doc[i]) not in TITLE_HEADS or (ent_of[i] is not None
                                                      and ent_of[i].type == "PERSON"):
        return None
    while i >= 0 and (lex_word(doc[i]) in TITLE_HEADS or lex_word(doc[i]) in TITLE_MODIFIERS) \
            and (ent_of[i] is None or is_title_only(doc, ent_of[i].start, ent_of[i].end)) \
            and doc[i].lower_ != "the":
        i -= 1
    title_start = i + 1
    title = doc[title_start:title_end].text
    # organisation words between the owner and the title ("political bureau")
    while i >= 0 and ent_of[i] is None and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} \
            and title_start - i <= 3 and doc[i].text not in POSSESSIVE_TOKENS:
        i -= 1
    extra_start = i + 1
    extra = doc[extra_start:title_start].text if extra_start < title_start else ""
    if i >= 0 and doc[i].text in POSSESSIVE_TOKENS:  # "Iran's", "Hamas'"
        i -= 1
    owner = ent_of[i] if i >= 0 else None
    if owner is not None and owner.end == i + 1 and owner.type != "PERSON":
        org = doc[owner.start:owner.end].text
        if owner.label == "NORP":
            org = demonym_country(org, places) or org
        if extra:
            org = f"{org} {extra}"
        return title, org, doc[owner.start:c.end].text
    if extra:  # no owner named: the words belong to the title ("team captain")
        return f"{extra} {title}", None, doc[extra_start:c.end].text
    return title, None, doc[title_start:c.end].text


def _appositive_role(doc: Doc, c: Candidate, ent_of: list[Candidate | None],
                     places: list[str]):
    """"X, the head of the Hamas Political Bureau," (dependency parse: appos of the name)."""
    span = doc[c.start:c.end]
    root = span.root
    for child in root.children:
        if child.dep_ != "appos" or child.i < c.end or lex_word(child) not in TITLE_HEADS:
            continue
        # title: the head noun with its title-like left modifiers ("political leader")
        lefts = [t for t in child.lefts if t.dep_ in {"amod", "compound"}
                 and (lex_word(t) in TITLE_MODIFIERS or lex_word(t) in TITLE_HEADS)]
        t_start = min([t.i for t in lefts] + [child.i])
        title = doc[t_start:child.i + 1].text
        org = None
        for prep in child.rights:
            if prep.dep_ == "prep" and prep.lower_ in OF_LIKE:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    target = ent_of[pobj.i]
                    if target is None:
                        for t in pobj.subtree:
                            if t.dep_ == "appos" and ent_of[t.i] is not None:
                                target = ent_of[t.i]
                                break
                    if target is None:
                        sub = [ent_of[t.i] for t in pobj.subtree if ent_of[t.i] is not None
                               and ent_of[t.i].type in ("ORG", "LOCATION")]
                        target = sub[-1] if sub else None
                    if target is not None and target.type != "PERSON":
                        org = doc[target.start:target.end].text
                        if target.label == "NORP":
                            org = demonym_country(org, places) or org
                    elif target is None and any(t.pos_ == "PROPN" or ent_of[t.i] is not None
                                                for t in pobj.subtree):
                        # no name of its own: the noun phrase ("the Israeli army")
                        toks = [t for t in pobj.subtree if t.i >= pobj.left_edge.i]
                        first = toks[0].i + (1 if toks[0].pos_ == "DET" else 0)
                        org = doc[first:pobj.right_edge.i + 1].text or None
                break
        if org is None:
            # "X, Hamas leader," / "X, Iran's foreign minister,"
            for t in child.lefts:
                e = ent_of[t.i]
                if e is not None and e.type in ("ORG", "LOCATION", "NORP"):
                    org = doc[e.start:e.end].text
                    if e.label == "NORP":
                        org = demonym_country(org, places) or org
        sub_end = max(t.i for t in child.subtree) + 1
        return title, org, doc[c.start:sub_end].text
    return None


def assign_roles(doc: Doc, cands: list[Candidate]) -> None:
    """Set ``role_title``, ``role_org`` and ``role_text`` of the PERSON candidates."""
    ent_of: list[Candidate | None] = [None] * len(doc)
    for c in cands:
        for i in range(c.start, c.end):
            ent_of[i] = c
    places = sorted({doc[c.start:c.end].text for c in cands if c.type == "LOCATION"})
    for c in cands:
        if c.type != "PERSON":
            continue
        pre = _premodifier_role(doc, c, ent_of, places)
        post = _appositive_role(doc, c, ent_of, places)
        # an appositive naming the organisation beats a bare title in front ("President X,
        # the head of Y"); otherwise the title in front wins
        role = pre if pre and (pre[1] or not (post and post[1])) else (post or pre)
        if role:
            c.role_title, c.role_org, c.role_text = role


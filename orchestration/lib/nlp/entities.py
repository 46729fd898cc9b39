"""Named-entity mentions from one parsed article (one spaCy ``Doc`` of the cleaned body).

The statistical model finds the names; the rules here fix what it is weak at, using only
generic linguistic knowledge (a lexicon of titles and honorifics, organisation and facility head
nouns, demonym suffixes) and evidence from the same document:

1. **Spans.** Model spans are cut at paragraph breaks and trimmed of a leading article, a
   trailing possessive and surrounding punctuation; a PERSON span loses leading titles and
   honorifics ("President", "Ayatollah"), which become the mention's ``role_title``. (Rules
   1-3 are in ``mention_spans.py``.)
2. **Filters.** Dropped: spans without a capital letter; spans made only of title words
   ("Supreme", "Home" in "Home Secretary"); adjectival compounds ("pro-Beijing"); the country
   of a currency ("US$"); single words that the tagger does not read as proper nouns, that the
   same document also writes in lower case ("Water" / "water") or that label a caption
   ("Image: NASA"). A single token mixing letters and digits ("IE6") is never a place/person.
3. **Heads.** A name headed by an organisation noun ("... Council", "Municipality of ...") is
   an ORG; one ending in a facility noun ("... Convention Centre", "... Station") a LOCATION; a
   "person" ending in a legal suffix ("Saturn Corporation") an ORG; a named operation ("Al-Aqsa
   Flood Operation") an EVENT. A PERSON span loses post-nominal letters ("John Murray SC"), and
   title words completing a title are dropped ("State" in "Secretary of State").
   3b. **Spans across candidates** (``mention_joins.py``): one phrase is one span ("Federal
   Service for the Financial Markets", "UN Security Council"); a capital token after a person
   ("SC") is dropped; a company named with its legal suffix types its short form ORG.
   3c. **Kinds** (``mention_kinds.py``): market indices and named measures are INDEX ("Dow Jones
   Industrial Average", "S&P 500"); demonyms ("Afghan", "Polish") get ``mention_kind =
   "demonym"`` and type NORP; every other mention is a ``name``.
3d. **Headings** (``parse.heading_spans`` of the body: section headings, subtitles, captions)
   are written in title case, so the model's capital-letter cue is gone there ("Global
   Response", "The Road Ahead" come out as names). A mention in a heading is kept only when the
   rest of the story names it too (same ``norm_name``, or a part of a PERSON full name found
   outside headings); it is dropped before the steps below, so it neither votes nor repeats.
4. **Document consistency.** A mention that repeats part of a PERSON full name found in the
   same document ("Montalvo" after "Vicki Montalvo") is PERSON; every other repeated string
   takes the type most of its mentions have. Unlabelled repeats of PERSON full names, of their
   surnames and of ORG names are added.
5. **Roles** are read from the dependency parse and the tokens around a PERSON mention
   (``roles.py``): a premodifying title ("Iranian Foreign Minister X", "Hamas leader X",
   "Iran's Foreign Minister X"), a fronted appositive ("Hamas' political bureau head, X") and a
   following appositive ("X, the head of the Hamas Political Bureau,").

The word lists live in ``lexicon.py`` (spaCy-free) and names are compared by their
``orchestration.lib.names.norm_name`` key. Everything is per document (no cross-article state);
resolution across articles lives in ``orchestration/lib/rules/resolution.py``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orchestration.lib.names import norm_name
from orchestration.lib.nlp.lexicon import TITLE_WORDS, lex_word
from orchestration.lib.nlp.mention_joins import (
    company_short_names,
    drop_postnominals,
    join_phrases,
)
from orchestration.lib.nlp.mention_kinds import (
    NAME,
    index_candidates,
    mark_demonyms,
    retype_events,
)
from orchestration.lib.nlp.mention_spans import (
    DROPPED,
    KEPT_OTHER,
    TYPE_MAP,
    head_retype,
    keep,
    split_paragraphs,
    trim,
    trim_postnominal,
)
from orchestration.lib.nlp.roles import assign_roles
from orchestration.lib.read.parse import heading_spans, in_heading

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCORED_TYPES = ("PERSON", "ORG", "LOCATION")


# ---------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    start: int  # token index
    end: int  # token index, exclusive
    label: str  # model label (PERSON, ORG, GPE, ...)
    type: str  # warehouse type
    source: str = "model"  # model | repeat | rule
    kind: str = NAME  # mention_kind: name | demonym (mention_kinds.MENTION_KINDS)
    role_title: str | None = None
    role_org: str | None = None
    role_text: str | None = None


def _wtype(label: str) -> str:
    return TYPE_MAP.get(label, label)


# ---------------------------------------------------------------------------------------------
# Document consistency


def _name_parts(text: str) -> list[str]:
    """Proper suffixes of a multi-word PERSON name: "Hossein Amir Abdollahian" ->
    ["Amir Abdollahian", "Abdollahian"]; hyphenated surnames also yield their parts."""
    words = text.split()
    out = [" ".join(words[i:]) for i in range(1, len(words))
           if not (words[i].isupper() and len(words[i]) > 1)]
    last = words[-1] if words else ""
    if "-" in last:
        bits = [b for b in last.split("-") if b]
        out.extend("-".join(bits[i:]) for i in range(1, len(bits)))
    return out


_RETYPABLE = set(TYPE_MAP) | {"NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}


def _consistency(doc: Doc, cands: list[Candidate]) -> None:
    texts = [doc[c.start:c.end].text for c in cands]
    keys = [norm_name(t) for t in texts]  # each is needed up to four times below
    # PERSON surnames/partial names from full names in the document
    person_parts: set[str] = set()
    for c, t in zip(cands, texts, strict=True):
        if c.type == "PERSON" and c.end - c.start >= 2 and len(t.split()) >= 2:
            for p in _name_parts(t):
                if p[:1].isupper():
                    person_parts.add(norm_name(p))
    full_person = {k for c, t, k in zip(cands, texts, keys, strict=True) if c.type == "PERSON"
                   and len(t.split()) >= 2}
    for c, k in zip(cands, keys, strict=True):
        if c.type != "PERSON" and (k in person_parts or k in full_person) \
                and c.label in _RETYPABLE and c.kind == NAME and c.type != "INDEX":
            c.type = "PERSON"
    # majority type per string (scored types only)
    votes: dict[str, Counter] = defaultdict(Counter)
    for c, k in zip(cands, keys, strict=True):
        if c.type in SCORED_TYPES:
            votes[k][c.type] += 1
    for c, k in zip(cands, keys, strict=True):
        v = votes.get(k)
        if not v or c.type not in SCORED_TYPES:
            continue
        top, n = v.most_common(1)[0]
        if top != c.type and n > v[c.type]:
            c.type = top


# Types whose every name is looked for again in the document. Measured on the dev set: ORG
# repeats add recall at equal precision (the model misses organisation names it found
# elsewhere in the text); LOCATION repeats cost precision (the model already finds places).
REPEAT_TYPES = {"ORG"}


def _add_repeats(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Tag unlabelled repeats of ORG names, PERSON full names and their surnames."""
    names: dict[tuple[str, ...], str] = {}
    for c in cands:
        if c.type in REPEAT_TYPES:
            toks = tuple(doc[i].text for i in range(c.start, c.end))
            if toks and toks[0][:1].isupper():
                names.setdefault(toks, c.type)
        if c.type != "PERSON":
            continue
        toks = tuple(doc[i].text for i in range(c.start, c.end))
        if not toks or not toks[0][:1].isupper():
            continue
        if c.end - c.start >= 2:
            names[toks] = "PERSON"
            last = toks[-1]
            if last[:1].isupper() and len(last) > 2 and not last.isupper():
                names.setdefault((last,), "PERSON")
    if not names:
        return cands
    covered = [False] * len(doc)
    for c in cands:
        for i in range(c.start, c.end):
            covered[i] = True
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for k in names:
        by_first[k[0]].append(k)
    for v in by_first.values():
        v.sort(key=len, reverse=True)
    added: list[Candidate] = []
    texts = [t.text for t in doc]  # read once: the scan below looks at every token
    i, n = 0, len(doc)
    while i < n:
        opts = by_first.get(texts[i])
        if opts and not covered[i]:
            for k in opts:
                j = i + len(k)
                if j <= n and all(texts[i + m] == k[m] for m in range(len(k))) \
                        and not any(covered[i:j]):
                    # not inside a larger capitalised sequence ("Warhol Foundation")
                    nxt = doc[j] if j < n else None
                    prv = doc[i - 1] if i > 0 else None
                    if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN":
                        break
                    if prv is not None and prv.text[:1].isupper() and prv.pos_ == "PROPN" \
                            and lex_word(prv) not in TITLE_WORDS:
                        break
                    added.append(Candidate(i, j, names[k], names[k], source="repeat"))
                    for m in range(i, j):
                        covered[m] = True
                    i = j - 1
                    break
        i += 1
    return sorted(cands + added, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------


def _confirmed_in_headings(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` without the heading mentions the story does not confirm (rule 3d)."""
    spans = heading_spans(doc.text)
    if not spans:
        return cands
    heading = [in_heading(spans, doc[c.start].idx) for c in cands]
    confirmed: set[str] = set()
    for c, is_heading in zip(cands, heading, strict=True):
        if not is_heading and c.kind == NAME:
            text = doc[c.start:c.end].text
            confirmed.add(norm_name(text))
            if c.type == "PERSON":
                confirmed.update(norm_name(p) for p in _name_parts(text))
    return [c for c, is_heading in zip(cands, heading, strict=True)
            if not is_heading or norm_name(doc[c.start:c.end].text) in confirmed]


def _rule_candidate(start: int, end: int) -> Candidate:
    """A span found by a document rule rather than the model (its type set by the caller)."""
    return Candidate(start, end, "RULE", "ORG", source="rule")


def candidates(doc: Doc) -> list[Candidate]:
    """Model entities cleaned, filtered, retyped and completed (no roles)."""
    cands: list[Candidate] = []
    lower_vocab = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    name_words = {t.lower_ for ent in doc.ents if len(ent) > 1 and ent.label_ in TYPE_MAP
                  for t in ent if t.is_title}
    for ent in doc.ents:
        if ent.label_ in DROPPED or (ent.label_ not in TYPE_MAP and ent.label_ not in KEPT_OTHER):
            continue
        for s, e in split_paragraphs(doc, ent.start, ent.end):
            s, e = trim(doc, s, e, ent.label_)
            if ent.label_ == "PERSON" and e > s:
                e = trim_postnominal(doc, s, e)
            if not keep(doc, s, e, ent.label_, lower_vocab, name_words):
                continue
            c = Candidate(s, e, ent.label_, _wtype(ent.label_))
            head_retype(doc, c)
            retype_events(doc, c)
            cands.append(c)
    cands = join_phrases(doc, cands)
    cands = drop_postnominals(doc, cands)
    cands = company_short_names(doc, cands, _rule_candidate)
    cands = index_candidates(doc, cands, _rule_candidate)
    mark_demonyms(doc, cands)
    cands = _confirmed_in_headings(doc, cands)
    _consistency(doc, cands)
    cands = _add_repeats(doc, cands)
    return cands


def entity_mentions_from_doc(doc: Doc, article: dict) -> list[dict]:
    """Rows for ``raw.entity_mentions`` (keys of ``extract.ENTITY_MENTION_SCHEMA``)."""
    cands = candidates(doc)
    assign_roles(doc, cands)
    drop_id, article_id = article.get("drop_id"), article.get("article_id")
    has_sents = doc.has_annotation("SENT_START")
    # Span.text joins the sentence's tokens: once per sentence, not once per mention
    sentences: dict[tuple[int, int], tuple[str, int, int]] = {}
    rows = []
    for c in cands:
        span = doc[c.start:c.end]
        sent = span.sent if has_sents else doc[:]
        key = (sent.start, sent.end)
        if key not in sentences:
            sentences[key] = (sent.text, sent.start_char, sent.end_char)
        sent_text, sent_start, sent_end = sentences[key]
        rows.append({
            "drop_id": drop_id,
            "article_id": article_id,
            "mention_id": f"{article_id}:{span.start_char}",
            "mention_text": span.text,
            "entity_type": c.type,
            "mention_kind": c.kind,
            "start_char": span.start_char,
            "end_char": span.end_char,
            "sentence": sent_text,
            "sentence_start": sent_start,
            "sentence_end": sent_end,
            "role_title": c.role_title,
            "role_org": c.role_org,
            "role_text": c.role_text,
        })
    return rows

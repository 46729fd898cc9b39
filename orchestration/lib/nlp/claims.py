"""Quantitative claims of one article: ``claim_mentions_from_doc(doc, article)``.

One row per quantity (keys exactly ``CLAIM_MENTION_SCHEMA`` in orchestration/lib/nlp/extract.py).
Grouping the claims of all articles and flagging agreement is a cross-article rule run by dbt:
orchestration/lib/rules/claim_groups.py.

* **Quantities** come from the model's MONEY / PERCENT / CARDINAL / QUANTITY spans, from number
  tokens the model left untagged, from adjectival durations ("hour-long",
  "six-month-long") and from durations the model tagged DATE/TIME ("lasted four hours", not
  "two years ago") (orchestration/lib/nlp/quantities.py). Not claims: years ("since 2015", "the
  2021 conflict"), other dates and times, ordinals, numbers inside names ("Resolution 2728",
  "Flight 370"), list markers, clock times, definite small counts that only refer back ("the two
  sides", "both"), and spelled-out numbers that count nothing ("one of them")
  (orchestration/lib/nlp/claim_filters.py).
* **Value**: "2.3 million" -> 2300000, "over a million" -> 1000000 (qualifier "more than"),
  "32,000", "$1.5bn", "twenty-five" (orchestration/lib/nlp/numbers.py). ``raw_value`` is the
  number as written (scale words applied), ``raw_unit`` its unit: an ISO currency code (``$`` ->
  USD, also EUR, GBP, ...), ``percent``, ``count``, a duration unit (``hour``, ``day``,
  ``month``, ...) or a measure unit (``km``, ``tonne``, ...).
* **Normalised** ``value``/``unit`` (orchestration/lib/nlp/units.py): percentages become
  fractions (80% -> 0.80, unit ``fraction``); any quantity with a time denominator ``per``
  ("annual", "a year", "monthly", "per day", ...) is converted to a yearly rate (``$30 million
  monthly`` -> 360000000 ``USD/year``; factors: year 1, month 12, week 52, day 365); otherwise
  ``unit`` = ``raw_unit``; "hour-long" -> 1 ``hour``.
* **Ranges**: ``low``/``high`` hold the ends as written ("1,500 to 2,000 jobs"), ``raw_value``
  the midpoint (qualifier "approximately"); null for a single value.
* **Period**: the day, month, quarter or year the value refers to (``2008-10-27``, ``2008-10``,
  ``2008-Q3``, ``2008``), from the clause's time expression or the publication date
  (orchestration/lib/nlp/claim_periods.py); none for a physical measure (a specification), a
  duration's only from a time expression.
* **Subject entity**: the organisation, product or person measured (``subject_entity``, its
  mention ``subject_mention_id``; orchestration/lib/nlp/claim_entities.py), named in front of
  the subject; a physical measure's subject is its dimension, a deal's money its value
  (orchestration/lib/nlp/claim_measures.py).
* **Kind**: ``fact``, ``estimate``, ``target`` or ``tally`` ("52-35" vote: ``raw_value`` the first
  side, ``low``/``high`` the smaller and larger) (orchestration/lib/nlp/claim_kinds.py).
* **Qualifier** (normalised): more than (over, surpassing, exceeding, upwards of, ...),
  approximately (about, around, roughly, some, an estimated), at least, nearly (almost, close
  to), up to, less than (under, fewer than, below), at most.
* **Subject**: a readable phrase built from the dependency parse around the quantity
  (orchestration/lib/nlp/claim_subjects.py): the counted noun with its modifiers ("Palestinian
  casualties in Gaza"), the noun a comparison verb describes ("death toll" in "the death toll,
  surpassing 32,000"), the population of a share plus what happened to it ("Gaza's inhabitants
  displaced" for "displacing 80% of its inhabitants"), the noun a value is "of" ("Iran's annual
  support to Hamas" for "support of $70 million to Hamas"), the change of a "by" complement
  ("increase in ..."), the agent and verb of a transfer ("Iran allocated to support Hamas
  operations"), "<noun> duration" for "hour-long meeting". "its" is read as the nearest
  preceding place/organisation.
* **subject_terms**: normalised content lemmas of the subject (nouns, proper nouns, verbs,
  nationality adjectives), through a small synonym table (orchestration/lib/nlp/claim_phrases.py:
  casualty/fatality/dead/killed/toll -> death; inhabitant/resident/population -> population;
  funding/aid/allocate/... -> support; displacement -> displace; ...). **The first term is the
  head**: what is measured. A year that anchors the clause ("the 2021 conflict", "since 2015") is
  added as a term such as ``2021``.
* **Attribution**: "according to X", "as reported/stated by X", or the subject of the reporting
  verb whose complement holds the quantity ("X said ...", "recent reports suggest that ...").
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc, Span, Token

from orchestration.lib.nlp.claim_entities import (
    MentionIndex,
    entity_name,
    subject_entity,
    with_entity,
)
from orchestration.lib.nlp.claim_filters import (
    is_not_a_claim,
    name_numbers,
    repeated_identifiers,
)
from orchestration.lib.nlp.claim_kinds import claim_kind
from orchestration.lib.nlp.claim_measures import duration_subject, measure_subject
from orchestration.lib.nlp.claim_per import per_of
from orchestration.lib.nlp.claim_periods import claim_period
from orchestration.lib.nlp.claim_subjects import subject_of
from orchestration.lib.nlp.numbers import SMALL_NUMBERS, parse_number, parse_quantity
from orchestration.lib.nlp.quantities import (
    DocTokens,
    Quantity,
    is_numberish,
    lemma,
    qualifier_outside,
    quantity_spans,
    strip_qualifier,
    unit_of,
)
from orchestration.lib.nlp.units import DURATION_UNITS, MEASURE_UNITS, SUBUNITS, normalise
from orchestration.lib.read.parse import heading_spans, in_heading

REPORTING_VERBS = {
    "say", "report", "suggest", "show", "indicate", "estimate", "state", "claim", "announce",
    "tell", "add", "note", "find", "reveal", "confirm", "according", "write", "warn", "argue",
    "assert", "insist", "maintain", "believe", "calculate", "put", "record", "cite", "allege",
}


def claim_mentions_from_doc(
    doc: Doc, article: dict, mentions: list[dict] | None = None
) -> list[dict]:
    """One row per quantitative assertion in ``doc`` (keys of CLAIM_MENTION_SCHEMA);
    ``mentions``: the article's entity mention rows, for the entity each claim measures."""
    rows: list[dict] = []
    index = MentionIndex(mentions)
    toks = DocTokens(doc)
    ents = doc.ents  # built anew on each access
    repeated = repeated_identifiers(toks.text) | name_numbers(doc)
    headings = heading_spans(doc.text)  # a heading's number is a label ("Chapter 1"), no claim
    for q in quantity_spans(doc, toks, ents):
        if in_heading(headings, doc[q.start].idx):
            continue
        start, qualifier = strip_qualifier(doc, q)
        tokens = list(doc[start : q.end])
        if is_not_a_claim(doc, q, start, tokens, repeated):
            continue
        if qualifier is None:
            qualifier = qualifier_outside(doc, start, q.end)
        raw_unit, unit_tok = unit_of(doc, q, tokens)
        raw_value, ends = _raw_value(q, tokens)
        if raw_value is None or math.isnan(raw_value):
            continue
        sub = _subunit(doc, tokens, q.end) if raw_unit == "count" else None
        if sub is not None:  # "77 cents"
            raw_unit, factor = SUBUNITS[sub.lower_]
            raw_value *= factor
            ends = None if ends is None else (ends[0] * factor, ends[1] * factor)
            unit_tok = sub if sub.i >= q.end else None
        q_start_char, q_end_char, quantity_text = _quantity_position(doc, start, q.end, unit_tok)
        kind = claim_kind(doc, start, q.end, quantity_text)
        if kind == "tally" and ends is not None:  # "52-35": two sides, no range
            raw_value, ends = ends[0], (min(ends), max(ends))
        elif ends is not None and qualifier is None:
            qualifier = "approximately"
        sent = tokens[0].sent
        subject, terms = _subject_and_terms(doc, ents, start, q.end, unit_tok)
        measured = measure_subject(doc, start, q.end, raw_unit)
        if measured is None and raw_unit in DURATION_UNITS.values() and not (
            subject or ""
        ).endswith("duration"):
            measured = duration_subject(doc, start, q.end)
        if measured is not None:  # a dimension or a deal's value, not "miles" or "Airbus"
            subject, terms = measured[0], measured[1] + [t for t in terms if t not in measured[1]]
        entity = subject_entity(doc, start, q.end, subject, index)
        subject, terms = with_entity(subject, terms, entity_name(entity), doc, start, q.end)
        per = None
        if raw_unit not in DURATION_UNITS.values():
            per = per_of(doc, start, q.end, unit_tok, raw_unit, _is_currency(raw_unit))
        value, unit = normalise(raw_value, raw_unit, per)
        rows.append(
            {
                "drop_id": article.get("drop_id"),
                "article_id": article["article_id"],
                "claim_id": f"{article['article_id']}:c{q_start_char}",
                "subject": subject,
                "subject_terms": terms,
                "subject_entity": entity_name(entity),
                "subject_mention_id": None if entity is None else entity["mention_id"],
                "quantity_text": quantity_text,
                "quantity_start": q_start_char,
                "quantity_end": q_end_char,
                "raw_value": float(raw_value),
                "raw_unit": raw_unit,
                "per": per,
                "period": None if raw_unit in MEASURE_UNITS.values() else claim_period(
                    doc, start, q.end, article.get("published_date"),
                    states_now=raw_unit not in DURATION_UNITS.values()),
                "low": None if ends is None else float(ends[0]),
                "high": None if ends is None else float(ends[1]),
                "kind": kind,
                "qualifier": qualifier,
                "attribution": _attribution(doc, sent, doc[start]),
                "value": float(value),
                "unit": unit,
                "sentence": sent.text,
                "sentence_start": sent.start_char,
                "sentence_end": sent.end_char,
            }
        )
    return rows


def _subunit(doc: Doc, tokens: list[Token], end: int) -> Token | None:
    """The "cents"/"pence" word of a count, inside its span or right after it."""
    for tok in (tokens[-1], doc[end] if end < len(doc) else None):
        if tok is not None and tok.lower_ in SUBUNITS and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()


def _raw_value(
    q: Quantity, tokens: list[Token]
) -> tuple[float | None, tuple[float, float] | None]:
    """(the number as written, a range's ends or None); "hour-long" is 1; a range's number is
    its midpoint."""
    if q.kind == "duration":
        nums = [t.text for t in tokens if is_numberish(t) or t.lower_ in SMALL_NUMBERS]
        return (parse_number(nums) if nums else 1.0), None
    return parse_quantity(t.text for t in tokens)


def _subject_and_terms(
    doc: Doc, ents: tuple[Span, ...], start: int, end: int, unit_tok: Token | None
) -> tuple[str | None, list[str]]:
    """The subject of ``doc[start:end]`` and its terms, the years anchoring its clause added."""
    subject, terms, clause = subject_of(doc, start, end, unit_tok)
    if subject is not None and not re.search(r"[A-Za-z0-9]", subject):
        subject = None
    terms = [t for t in terms if not re.fullmatch(r"1[5-9]\d\d|20\d\d", t)]
    if terms:
        for y in _years_in_clause(ents, clause, set(range(start, end))):
            if y not in terms:
                terms.append(y)
    return subject, terms


def _quantity_position(
    doc: Doc, start: int, end: int, unit_tok: Token | None
) -> tuple[int, int, str]:
    """(start char, end char, text) of the quantity, with its unit word when that follows it."""
    end_tok = unit_tok if unit_tok is not None and unit_tok.i == end else None
    last = end_tok if end_tok is not None else doc[end - 1]
    q_start_char = doc[start].idx
    q_end_char = last.idx + len(last.text)
    # the characters q_start_char:q_end_char (Doc.text would join the whole document)
    quantity_text = doc[start : last.i + 1].text
    return q_start_char, q_end_char, quantity_text


def _years_in_clause(ents: tuple[Span, ...], clause: Token | None, exclude: set[int]) -> list[str]:
    """Years named in DATE entities (``doc.ents``) inside the clause."""
    if clause is None:
        return []
    years = []
    lo, hi = clause.left_edge.i, clause.right_edge.i
    for ent in ents:
        if ent.label_ != "DATE" or ent.start < lo or ent.end - 1 > hi:
            continue
        if any(i in exclude for i in range(ent.start, ent.end)):
            continue
        for m in re.finditer(r"\b(1[5-9]\d\d|20\d\d)\b", ent.text):
            if m.group(1) not in years:
                years.append(m.group(1))
    return years


def _attribution(doc: Doc, sent: Span, tok: Token) -> str | None:
    def text_of(node: Token) -> str:
        lo, hi = node.left_edge.i, node.right_edge.i
        if hi - lo + 1 > 10:  # a long subject: keep the head with its left modifiers
            lo = min([node.i] + [c.left_edge.i for c in node.lefts if c.dep_ != "punct"])
            hi = node.i
        s = doc[lo : hi + 1].text
        return re.sub(r"^(the|a|an)\s+", "", s, flags=re.I).strip(" ,")

    # "according to X"
    for t in sent:
        if t.lower_ == "according":
            for prep in t.children:
                if prep.lower_ == "to":
                    objs = [o for o in prep.children if o.dep_ == "pobj"]
                    if objs:
                        return text_of(objs[0])
    # "as reported by X", "as stated by X"
    for t in sent:
        if (
            t.pos_ == "VERB"
            and t.tag_ == "VBN"
            and any(c.lower_ == "as" and c.dep_ == "mark" for c in t.children)
        ):
            for agent in t.children:
                if agent.dep_ == "agent":
                    objs = [o for o in agent.children if o.dep_ == "pobj"]
                    if objs:
                        return text_of(objs[0])
    # the clause holding the quantity is the complement of a reporting verb
    node = tok
    for _ in range(15):
        if node.dep_ in ("ccomp", "parataxis") and lemma(node.head) in REPORTING_VERBS:
            subj = [c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ != "PRON":
                return text_of(subj[0])
            return None
        if node.head is node:
            break
        node = node.head
    # "..., X said." where the parser made the reporting verb the root
    root = sent.root
    if lemma(root) in REPORTING_VERBS and tok.i != root.i:
        for c in root.children:
            if c.dep_ in ("ccomp",) and c.left_edge.i <= tok.i <= c.right_edge.i:
                subj = [s for s in root.children if s.dep_ in ("nsubj",)]
                if subj and subj[0].pos_ != "PRON":
                    return text_of(subj[0])
    return None

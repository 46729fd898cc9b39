"""The period a claim's value refers to: ``claim_period(doc, start, end, published)``.

A date-like string, or ``None`` when the text does not fix one:

* ``YYYY-MM-DD`` a day, ``YYYY-MM`` a month, ``YYYY-Qn`` a calendar quarter, ``YYYY`` a year.
* **A time expression of the quantity's clause** (spaCy DATE entities, the nearest first; then
  those of the clause it modifies as an adverbial, conjunct or participle, never of the
  reporting clause: "said on Tuesday" dates the report): resolved against the publication date by
  orchestration/lib/nlp/dates.py ``resolve_date`` (the resolver events use; "on Monday",
  "yesterday", "last year", "in 2006", "March 2008"). A week ("last week") fixes no period here.
  Durations and frequencies ("22 days", "a year", "monthly") are not points in time and are
  skipped (the resolver rejects them).
* **Quarters** (the resolver knows no quarters): "the third quarter", "Q3", "the fourth quarter of
  2006", "last quarter" / "the latest quarter" (the one before the publication's). Without a year
  a numbered quarter is the most recent one with that number before the publication's quarter;
  a fiscal or financial quarter without a year is the last calendar quarter before the
  publication's (fiscal years differ: results are reported for the quarter just ended).
* **Current states**: "now", "currently", "to date", "so far", "at present", "as of today" in the
  clause: the publication day.

A rate's denominator ("a year", "monthly") is no period: it is the claim's ``per``
(orchestration/lib/nlp/quantities.py ``period_near``).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from orchestration.lib.nlp.dates import resolve_date

_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                  "fourth": 4, "4th": 4}
_QUARTER_RE = re.compile(
    r"\b(?:(first|1st|second|2nd|third|3rd|fourth|4th|last|latest|past|previous|most recent)"
    r"[\s-]+(?:(?:fiscal|financial|calendar)\s+)?quarter|q([1-4]))\b"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?'?((?:19|20)\d\d))?",
    re.I,
)
_SPAN_PREPS = {"since", "until", "till", "by", "for", "through", "from", "before", "after",
               "within", "over", "throughout"}
# a year that modifies a noun ("its 1967 debut", "iLife '11") dates that thing, not the clause
_NOUN_MODIFIER_DEPS = {"nummod", "compound", "amod", "poss", "appos", "nmod"}
# stocks that change, stated in the present tense, are the publication day's ("holds a 25 percent
# share", "employs 1,400 employees", "has 800 orders")
_STOCK_LEMMAS = {"order", "share", "stake", "employee", "worker", "staff", "fleet", "value",
                 "backlog", "customer", "workforce", "holding", "user", "subscriber", "job"}
# a clause that shares the time of the clause it hangs on ("sold 13.7 million Macs last year,
# totaling $22 billion"); a reported clause (ccomp) does not: "said on Tuesday" dates the report
_SHARING_DEPS = {"advcl", "conj", "xcomp", "acl"}
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
_STATE_RE = re.compile(r"^(now|currently|presently|already)$", re.I)
_STATE_PHRASES = (("to", "date"), ("so", "far"), ("at", "present"), ("as", "of", "today"),
                  ("as", "of", "now"))


def claim_period(
    doc: Doc, start: int, end: int, published: dt.date | None, states_now: bool = True
) -> str | None:
    """The period of the quantity ``doc[start:end]`` (see the module docstring); with
    ``states_now`` False (a duration: "lasted four hours") only a time expression fixes it, not
    the present tense."""
    sent = doc[start].sent
    clause = _clause(doc[start])
    quarter = _quarter(sent, published)
    if quarter is not None:
        return quarter
    owner = clause
    for _ in range(3):  # the clause, then the clauses it modifies ("sold ... last year, totaling")
        for ent in _dates_nearest_first(sent, owner, start, end):
            value, _source, precision = resolve_date(ent.text, published, sent.text)
            if value is None:
                continue
            if precision == "day":
                return value.isoformat()
            if precision == "month":
                return value.strftime("%Y-%m")
            if precision == "year":
                return str(value.year)
        if owner is None or owner.dep_ not in _SHARING_DEPS or owner.head.i == owner.i:
            break
        owner = _clause(owner.head)
    if published is None or clause is None or not states_now:
        return None
    if _present_stock(doc, start, end, clause):
        return published.isoformat()
    owner = clause
    for _ in range(3):  # "already operates a fleet consisting of 30 aircraft"
        if _states_now(doc, owner):
            return published.isoformat()
        if owner.dep_ not in _SHARING_DEPS or owner.head.i == owner.i:
            break
        owner = _clause(owner.head)
        if owner is None:
            break
    return None


def _clause(tok: Token) -> Token | None:
    """The nearest verb (or the root) above ``tok``: the clause the quantity belongs to."""
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return None


def _same(a: Token | None, b: Token | None) -> bool:
    return a is not None and b is not None and a.i == b.i


def _dates_nearest_first(sent: Span, clause: Token | None, start: int, end: int) -> list[Span]:
    """DATE entities of the quantity's own clause (not of a clause inside it: "born on ..."),
    outside the quantity and on its line (a headline is not dated by the dateline below it),
    nearest first; none governed by "since", "until", "by", "for"."""
    doc_text, q_char = sent.doc.text, sent.doc[start].idx
    dates = [
        e for e in sent.ents
        if e.label_ == "DATE" and (e.end <= start or e.start >= end)
        and _same(_clause(e.root), clause) and not _span_word(e, clause)
        and e.root.dep_ not in _NOUN_MODIFIER_DEPS
        and "\n" not in doc_text[min(e.end_char, q_char) : max(e.start_char, q_char)]
    ]

    def distance(e: Span) -> int:
        return min(abs(e.start - end), abs(start - e.end))

    return sorted(dates, key=distance)


def _span_word(ent: Span, clause: Token | None) -> bool:
    """Whether a preposition of a span of time governs the date ("since 1967", "since its 1967
    debut", "by 2018")."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in _SPAN_PREPS:
        return True
    node = ent.root
    for _ in range(6):
        if node.head is node or _same(node.head, clause):
            return False
        node = node.head
        if node.lower_ in _SPAN_PREPS:
            return True
    return False


def _quarter(sent: Span, published: dt.date | None) -> str | None:
    m = _QUARTER_RE.search(sent.text)
    if m is None:
        return None
    word, qnum, year = (m.group(1) or "").lower(), m.group(2), m.group(3)
    pub_q = None if published is None else (published.month - 1) // 3 + 1
    fiscal = bool(re.search(r"fiscal|financial", m.group(0) + sent.text, re.I))
    if fiscal and year is None:
        word = "last"  # a fiscal quarter's number is no calendar quarter: the latest one reported
    if qnum or word in _QUARTER_WORDS:
        q = int(qnum) if qnum else _QUARTER_WORDS[word]
        if year is None:
            other = _YEAR_RE.search(sent.text)
            if other is not None:
                year = other.group(1)
            elif published is not None:
                year = str(published.year if q < pub_q else published.year - 1)
        return None if year is None else f"{year}-Q{q}"
    if published is None:  # "last quarter" needs the publication's
        return None
    q, y = pub_q - 1, published.year
    if q == 0:
        q, y = 4, y - 1
    return f"{y}-Q{q}"


def _states_now(doc: Doc, clause: Token) -> bool:
    """A current-state word ("now", "to date", "so far") among the clause's own words (those
    of its subclauses that state something of their own left out)."""
    own = [t for t in doc[clause.left_edge.i : clause.right_edge.i + 1]
           if _same(_clause(t), clause) or t.pos_ not in ("VERB", "AUX")]
    words = [t.lower_ for t in own]
    if any(_STATE_RE.match(w) for w in words):
        return True
    for phrase in _STATE_PHRASES:
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            return True
    return False


def _present_stock(doc: Doc, start: int, end: int, clause: Token) -> bool:
    """A stock that changes (orders, shares, staff, value) stated in the present tense."""
    if clause.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "may", "might")
           for c in clause.children):
        return False
    heads = {doc[i].head.i for i in range(start, end)} | set(range(start, end))
    heads |= {doc[i].head.i for i in heads}
    return any(doc[i].lemma_.lower() in _STOCK_LEMMAS for i in heads)

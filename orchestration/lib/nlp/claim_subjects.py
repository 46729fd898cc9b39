"""The subject of a quantity: what it measures, as a readable phrase and its terms.

``subject_of(doc, start, end, unit_tok)`` reads the dependency parse around the quantity and
tries, in order: a duration ("hour-long meeting" -> "meeting duration"); the population of a
share plus what happened to it ("Gaza's inhabitants displaced" for "displacing 80% of its
inhabitants"); the change of a "by" complement ("increase in ..."); the noun a comparison verb
describes ("death toll" in "the death toll, surpassing 32,000"); the noun a value is "of"
("Iran's annual support to Hamas" for "support of $70 million to Hamas"); the counted noun with
its modifiers ("Palestinian casualties in Gaza"); the agent and verb of a transfer ("Iran
allocated to support Hamas operations"); the subject of a copula ("the budget is $5bn"); the
noun the quantity hangs on; the subject of the clause. **The first term is the head**: what is
measured.

Phrases and terms are built by orchestration/lib/nlp/claim_phrases.py.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from orchestration.lib.nlp.claim_phrases import (
    Phrase,
    add_noun_phrase,
    add_subtree_words,
    location_context,
    norm_term,
    participle,
    phrase_terms,
    token_term,
)
from orchestration.lib.nlp.quantities import COMPARISON_VERBS, lemma
from orchestration.lib.nlp.units import DURATION_UNITS, PERIOD_WORDS

CHANGE_VERBS = {
    "increase": "increase", "rise": "rise", "grow": "growth", "jump": "increase",
    "climb": "increase", "soar": "increase", "surge": "increase", "boost": "increase",
    "raise": "increase", "fall": "fall", "drop": "drop", "decline": "decline", "cut": "cut",
    "reduce": "reduction", "decrease": "decrease", "shrink": "decrease", "slash": "cut",
    "expand": "increase",
}
OUTCOME_VERBS = {
    "kill", "die", "injure", "wound", "displace", "evacuate", "arrest", "detain", "abduct",
    "kidnap", "release", "free", "rescue", "flee", "hospitalize", "hospitalise", "infect",
    "affect", "deport", "execute", "shelter", "starve", "miss", "hold", "capture", "sentence",
    "employ", "lay", "fire", "vaccinate", "treat", "house", "cut", "lose", "shed", "eliminate",
    "axe", "slash", "create",
    # transactions: "sold 13.7 million Macs" -> "Macs sold", "delivered 5,700 737s"
    "sell", "ship", "deliver", "order", "buy", "purchase", "download", "build", "produce",
    "lease", "export", "import", "book",
}
# verbs of holding a part: "holds 19 percent of the market", "accounts for half of sales"
HOLDING_VERBS = {"hold", "have", "own", "control", "account", "take", "capture", "represent",
                 "comprise", "command", "make"}
# verbs of capacity: what they count is the thing's capacity ("can carry 555 passengers",
# "seats 300 people", "an airliner flying up to 840 people")
CAPACITY_VERBS = {"carry", "seat", "accommodate", "fly", "transport", "hold"}
TRANSFER_VERBS = {
    "allocate", "give", "provide", "pledge", "spend", "send", "donate", "receive", "raise",
    "transfer", "pay", "fund", "earmark", "invest", "grant", "offer", "commit", "approve",
    "budget", "finance", "lend", "loan", "contribute", "supply", "deliver", "channel",
}

Subject = tuple[str, list[str]]  # (subject text, subject terms)


def subject_of(doc: Doc, qstart: int, qend: int, unit_tok: Token | None):
    """(subject text, terms, clause verb) for the quantity tokens doc[qstart:qend]."""
    span = doc[qstart:qend]
    exclude = set(range(qstart, qend))
    if unit_tok is not None:
        exclude.add(unit_tok.i)
    root = span.root
    ph = Phrase(doc)
    # duration: "hour-long meeting" -> "meeting duration"
    if any(lemma(t) in DURATION_UNITS for t in span):
        found = _duration_subject(ph, span, root, exclude)
        if found is not None:
            return found
    q, counted = _quantity_head(root, unit_tok, exclude)
    # also exclude qualifier words that hang on the quantity
    for c in root.children:
        if c.dep_ in ("quantmod", "advmod") and c.i < root.i:
            exclude.add(c.i)
    clause = _clause_verb(q)
    for step in _SUBJECT_STEPS:
        subject = step(ph, q, counted, exclude, clause)
        if subject is not None:
            return subject[0], subject[1], clause
    return None, [], clause


def _duration_subject(ph: Phrase, span: Span, root: Token, exclude: set[int]):
    """(text, terms, clause verb) of "hour-long meeting" -> "meeting duration", or None."""
    long_tok = next((t for t in span if t.lower_ == "long"), None)
    noun = long_tok.head if long_tok is not None else root.head
    if noun.pos_ in ("NOUN", "PROPN") and noun.i not in exclude:
        add_noun_phrase(ph, noun, exclude)
        text = ph.render()
        text = f"{text} duration" if len(text.split()) == 1 else f"duration of {text}"
        return text, phrase_terms(ph, "duration", [token_term(noun)]), _clause_verb(noun)
    return None


def _quantity_head(root: Token, unit_tok: Token | None, exclude: set[int]):
    """(the token the quantity phrase hangs on, the counted noun or None): "$70 million" ->
    million; "32,000 Palestinians" -> Palestinians. A period word or "long" it hangs on joins
    ``exclude``."""
    q = root
    counted: Token | None = None
    if unit_tok is not None:
        q = unit_tok
    elif (
        root.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod")
        and root.head.i not in exclude
    ):
        h = root.head
        if h.lower_ in PERIOD_WORDS:
            q = h
            exclude.add(h.i)
        elif h.pos_ in ("NOUN", "PROPN"):
            counted = h
            q = h
        elif h.pos_ == "ADJ" and h.lower_ == "long":  # "hour-long meeting"
            exclude.add(h.i)
            q = h
    return q, counted


def _partitive_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """ "80% of its 2.3 million inhabitants", "half of the population"."""
    partitive = [
        o
        for p in q.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    if not partitive or counted is not None:
        return None
    dep, h = q.dep_, q.head
    extra: list[str] = []
    pop = partitive[0]
    pop_exclude = exclude | {
        t.i for t in pop.subtree if t.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
    }
    add_noun_phrase(ph, pop, pop_exclude)
    text = ph.render()
    head_term = token_term(pop)
    if dep in ("dobj", "pobj") and lemma(h if dep == "dobj" else h.head) in HOLDING_VERBS:
        text = f"share of {text}"  # "holds 19 percent of the market": a share, not "held"
    elif (
        dep in ("dobj", "nsubjpass", "nsubj")
        and h.pos_ in ("VERB",)
        and lemma(h) not in COMPARISON_VERBS
    ):
        text = f"{text} {participle(h)}"
        extra.append(token_term(h))
        head_term = token_term(h)
    return text, phrase_terms(ph, head_term, extra)


def _change_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """ "by over 50%" with a change verb -> "increase in <object>"."""
    dep, h = q.dep_, q.head
    if not (dep == "pobj" and h.lower_ == "by" and lemma(h.head) in CHANGE_VERBS):
        return None
    verb = h.head
    objs = [
        c
        for c in verb.children
        if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i not in exclude
    ]
    obj = next((o for o in objs if o.dep_ == "dobj"), objs[0] if objs else None)
    if obj is None:
        return None
    add_noun_phrase(ph, obj, exclude)
    # "... support to Hamas" attached to the verb
    for prep in verb.children:
        if (
            prep.dep_ == "prep"
            and prep.lower_ in ("to", "for", "in", "of")
            and not any(t.i in exclude for t in prep.subtree)
        ):
            ph.add(prep, term=False)
            for o in prep.children:
                if o.dep_ == "pobj":
                    add_noun_phrase(ph, o, exclude)
    noun = CHANGE_VERBS[lemma(verb)]
    # the agent: "Iran has increased its support" -> "Iran's" when the object has no owner
    text = f"{noun} in {ph.render()}"
    return text, phrase_terms(ph, norm_term(noun), [token_term(obj)])


def _compared_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """Comparison verbs: "the death toll, surpassing 32,000 Palestinians", "rose to 1,200"."""
    dep, h = q.dep_, q.head
    verb = None
    if (
        dep in ("dobj", "attr", "npadvmod", "nsubj")
        and lemma(h) in COMPARISON_VERBS
        and h.pos_ in ("VERB", "AUX")
    ):
        verb = h
    elif (
        dep == "pobj"
        and h.lower_ in ("to", "at", "of")
        and (lemma(h.head) in COMPARISON_VERBS or lemma(h.head) in CHANGE_VERBS)
        and h.head.pos_ in ("VERB", "AUX")
    ):
        verb = h.head
    if verb is None or (dep == "nsubj" and counted is not None):
        return None
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        measured = verb.head
    else:
        subj = [
            c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude
        ]
        measured = subj[0] if subj else None
    if not (
        measured is not None
        and measured.pos_ in ("NOUN", "PROPN")
        and measured.lower_ not in ("which", "that")
    ):
        return None
    extra: list[str] = []
    add_noun_phrase(ph, measured, exclude)
    head_term = token_term(measured)
    comp = [c for c in measured.children if c.dep_ == "compound"]
    if head_term == "death" or any(token_term(c) == "death" for c in comp):
        head_term = "death"
    if counted is not None:
        extra.append(token_term(counted))
    return ph.render(), phrase_terms(ph, head_term, extra)


def _of_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """ "support of $70 million to Hamas", "a population of 2 million"."""
    dep, h = q.dep_, q.head
    if not (
        dep == "pobj" and h.lower_ == "of" and h.head.pos_ in ("NOUN", "PROPN") and counted is None
    ):
        return None
    noun = h.head
    add_noun_phrase(ph, noun, exclude | {t.i for t in h.subtree})
    return ph.render(), phrase_terms(ph, token_term(noun))


def _counted_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """A counted noun: "32,000 Palestinian casualties", "over a million Palestinians"."""
    if counted is None:
        return None
    extra: list[str] = []
    add_noun_phrase(ph, counted, exclude)
    text = ph.render()
    head_term = token_term(counted)
    cdep, ch = counted.dep_, counted.head
    carrier = counted
    while carrier.dep_ == "conj" and carrier.head.pos_ == "NOUN":  # "840 people ... or 555 people"
        carrier = carrier.head
    cv = carrier.head
    if carrier.dep_ == "dobj" and cv.pos_ == "VERB" and lemma(cv) in CAPACITY_VERBS:
        head_term = "capacity"  # "can seat 330 passengers": the passenger capacity
        extra.append(token_term(counted))
        text = f"{text} capacity"
    elif cdep in ("dobj", "nsubjpass") and ch.pos_ == "VERB" and lemma(ch) in OUTCOME_VERBS:
        text = f"{text} {participle(ch)}"
        head_term = token_term(ch)
        extra.append(token_term(counted))
    elif cdep == "nsubj" and ch.pos_ == "VERB" and lemma(ch) in OUTCOME_VERBS:
        text = f"{text} {ch.text}"
        head_term = token_term(ch)
        extra.append(token_term(counted))
    loc, loc_terms = location_context(ph.doc, clause, ph)
    if loc is None and ch.pos_ == "VERB":  # "France will lose 4,300 jobs"
        loc, loc_terms = _place_subject(ch, ph)
    if loc and loc.split(" ", 1)[1] not in text:
        text = f"{text} {loc}"
        extra.extend(loc_terms)
    return text, phrase_terms(ph, head_term, extra)


def _place_subject(verb: Token, ph: Phrase) -> tuple[str | None, list[str]]:
    for subj in verb.children:
        if subj.dep_ == "nsubj" and subj.ent_type_ in ("GPE", "LOC") and subj.i not in ph.tokens:
            ent = next((e for e in ph.doc.ents if e.start <= subj.i < e.end), None)
            name = ent.text if ent is not None else subj.text
            name = name[4:] if name.lower().startswith("the ") else name
            return f"in {name}", [norm_term(w) for w in name.split()]
    return None, []


def _elided_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """A bare number in a list that shares the first one's noun: "cut 4,300 jobs in France,
    3,700 in Germany" -> "jobs cut in Germany"."""
    if counted is not None or q.dep_ not in ("conj", "appos") or not q.like_num:
        return None
    # the nearest earlier number of the sentence that counts a noun: "4,300 jobs"
    first = next(
        (
            t
            for t in reversed(ph.doc[q.sent.start : q.i])
            if t.like_num and t.dep_ == "nummod" and t.head.pos_ == "NOUN" and t.head.i < q.i
        ),
        None,
    )
    if first is None:
        return None
    noun = first.head
    ph.add(noun)
    extra: list[str] = []
    head_term = token_term(noun)
    text = noun.text
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" and lemma(verb) in OUTCOME_VERBS:
        text = f"{text} {participle(verb)}"
        head_term = token_term(verb)
        extra.append(token_term(noun))
    for prep in q.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "for"):
            words = [t for t in prep.subtree if t.i not in exclude]
            text = f"{text} " + " ".join(t.text for t in words)
            extra.extend(token_term(t) for t in words[1:] if t.pos_ in ("PROPN", "NOUN"))
    return text, phrase_terms(ph, head_term, extra)


def _transfer_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """A transfer: "Iran has allocated approximately $30 million monthly to support Hamas"."""
    dep, h = q.dep_, q.head
    v = h if h.pos_ in ("VERB", "AUX") else None
    if not (
        v is not None
        and dep in ("dobj", "advmod", "npadvmod", "nsubjpass", "attr")
        and lemma(v) in TRANSFER_VERBS
    ):
        return None
    subj = [c for c in v.children if c.dep_ in ("nsubj",) and c.i not in exclude]
    if subj and subj[0].pos_ != "PRON":
        add_subtree_words(ph, subj[0], exclude)
    ph.add(v, term=False)
    for c in v.children:
        if c.i in exclude or c.i < v.i:
            continue
        if c.dep_ == "prep" and c.lower_ in ("to", "for", "in"):
            add_subtree_words(ph, c, exclude)
        elif c.dep_ in ("advcl", "xcomp") and any(
            a.lower_ == "to" for a in c.children if a.dep_ == "aux"
        ):
            for t in (
                [c]
                + [a for a in c.children if a.dep_ == "aux"]
                + [o for o in c.children if o.dep_ in ("dobj",)]
            ):
                if t.dep_ == "dobj":
                    add_noun_phrase(ph, t, exclude, rightward=False)
                else:
                    ph.add(t, term=t.dep_ != "aux")
    head_term = token_term(v)
    return ph.render(), phrase_terms(ph, head_term)


def _copula_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """Copula / generic object: "the budget is $5bn" -> subject of the clause; "40 injured"."""
    dep, h = q.dep_, q.head
    v = h if h.pos_ in ("VERB", "AUX") else None
    if v is None:
        return None
    subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
    if subj and subj[0].pos_ in ("NOUN", "PROPN"):
        add_noun_phrase(ph, subj[0], exclude)
        head_term = token_term(subj[0])
        if lemma(v) != "be":
            ph.add(v, term=True)
        return ph.render(), phrase_terms(ph, head_term)
    if dep == "nsubj" and lemma(v) in OUTCOME_VERBS:  # "40 injured"
        ph.add(v)
        return v.text, phrase_terms(ph, token_term(v))
    return None


def _head_noun_subject(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """The noun the quantity hangs on."""
    h = q.head
    if h.pos_ in ("NOUN", "PROPN") and h.i not in exclude:
        add_noun_phrase(ph, h, exclude)
        return ph.render(), phrase_terms(ph, token_term(h))
    return None


def _subject_of_clause(
    ph: Phrase, q: Token, counted: Token | None, exclude: set[int], clause: Token | None
) -> Subject | None:
    """Climb through "worth", "up", "to" ... to the clause and take its subject."""
    measured = _clause_subject(q)
    if measured is not None and measured.i not in exclude:
        add_noun_phrase(ph, measured, exclude)
        return ph.render(), phrase_terms(ph, token_term(measured))
    return None


# subject_of tries these in order; the first that finds a subject wins
_SUBJECT_STEPS = (
    _partitive_subject,
    _elided_subject,
    _change_subject,
    _compared_subject,
    _of_subject,
    _counted_subject,
    _transfer_subject,
    _copula_subject,
    _head_noun_subject,
    _subject_of_clause,
)


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause ``tok`` is in (climbing its heads)."""
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod", "acl") or node.head is node:
            return node
        node = node.head
    return None


def _clause_subject(tok: Token) -> Token | None:
    """The noun subject of the clause ``tok`` is in (through xcomp, conj, ... and relative
    clauses), or None."""
    node = tok
    for _ in range(10):
        if node.head is node:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            s0 = subj[0]
            if s0.lower_ in ("which", "that", "who") and node.dep_ == "relcl":
                return node.head if node.head.pos_ in ("NOUN", "PROPN") else None
            return s0 if s0.pos_ in ("NOUN", "PROPN") else None
        if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head
        if node.dep_ not in ("xcomp", "conj", "acomp", "advcl"):
            break
    return None

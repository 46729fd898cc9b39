"""Readable subject phrases and their terms, built from the dependency parse.

``Phrase`` collects the tokens of a noun phrase ("Palestinian casualties in Gaza") in text order,
"its" replaced by the nearest preceding place or organisation ("Gaza's inhabitants");
``add_noun_phrase`` / ``add_subtree_words`` fill it, leaving out evaluative words ("staggering")
and the quantity itself. ``phrase_terms`` gives its **subject_terms**: normalised content lemmas
(nouns, proper nouns, verbs, nationality adjectives) through a small synonym table
(casualty/fatality/dead/killed/toll -> death; inhabitant/resident/population -> population;
funding/aid/allocate/... -> support; displacement -> displace; ...), the head term first.
Also the pieces a subject phrase is completed with: a verb as participle ("displaced") and the
place a clause is about ("in Rafah").

Which noun a quantity's subject is (the counted noun, the noun a comparison verb describes, ...)
is decided in orchestration/lib/nlp/claim_subjects.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from orchestration.lib.nlp.quantities import is_numberish
from orchestration.lib.nlp.units import PERIOD_WORDS

SYNONYMS = {
    "casualty": "death", "fatality": "death", "dead": "death", "toll": "death", "kill": "death",
    "die": "death", "killing": "death", "deaths": "death", "inhabitant": "population",
    "resident": "population", "populace": "population", "citizen": "population",
    "people": "population", "population": "population", "funding": "support", "fund": "support",
    "aid": "support", "assistance": "support", "backing": "support", "allocate": "support",
    "allocation": "support", "provide": "support", "give": "support", "pledge": "support",
    "donate": "support", "donation": "support", "finance": "support", "financing": "support",
    "grant": "support", "contribution": "support", "contribute": "support", "channel": "support",
    "earmark": "support", "subsidy": "support", "displacement": "displace",
    "displaced": "displace", "flee": "displace", "uproot": "displace", "refugee": "displace",
    "injury": "injure", "wound": "injure", "wounded": "injure", "injured": "injure",
    "hurt": "injure", "detention": "detain", "arrest": "detain", "prisoner": "detain",
    "detainee": "detain", "hostage": "hostage", "captive": "hostage", "abduct": "hostage",
    "kidnap": "hostage", "rise": "increase", "growth": "increase", "jump": "increase",
    "climb": "increase", "boost": "increase", "fall": "decrease", "drop": "decrease",
    "decline": "decrease", "reduction": "decrease", "cut": "decrease", "lose": "decrease",
    "loss": "decrease", "shed": "decrease", "eliminate": "decrease", "axe": "decrease",
    "slash": "decrease", "length": "duration",
    "last": "duration", "spending": "spend", "expenditure": "spend", "budget": "spend",
    "cost": "spend", "child": "child", "kid": "child",
}
STOP_TERMS = {
    "total", "number", "figure", "amount", "level", "count", "estimate", "rate", "share",
    "portion", "proportion", "percent", "percentage", "%", "part", "majority", "minority", "which",
    "that", "who", "what", "it", "its", "their", "there", "many", "some", "other", "be", "have",
    "do", "more", "less", "over", "about", "least",
}
EVALUATIVE = {
    "staggering", "significant", "substantial", "devastating", "crucial", "critical", "pivotal",
    "unprecedented", "huge", "massive", "dire", "major", "key", "continued", "ongoing", "recent",
    "latest", "new", "reported", "estimated", "total", "overall", "whopping", "mere", "just",
    "only", "tragic", "alarming", "record", "vast", "enormous", "considerable", "modest",
    "notable", "remarkable", "startling", "shocking", "sizable", "sizeable", "large", "small",
    "big", "heavy", "high", "low", "current", "initial", "final", "official", "additional",
    "further", "approximately", "roughly", "about", "nearly", "almost", "some", "least",
}


def norm_term(word: str) -> str:
    """A word as a subject term: lower-cased, possessive dropped, through ``SYNONYMS``."""
    w = word.lower().strip(".'’-")
    w = re.sub(r"['’]s$", "", w)
    return SYNONYMS.get(w, w)


def token_term(tok: Token) -> str:
    """Lemma for common words; proper nouns and nationality words keep their text, singular
    ("Palestinians" -> palestinian)."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("NORP", "GPE", "ORG", "LOC", "PERSON"):
        text = tok.text
        if (
            tok.ent_type_ == "NORP"
            and len(text) > 4
            and text.endswith("s")
            and not text.endswith("ss")
        ):
            text = text[:-1]
        return norm_term(text)
    return norm_term(tok.lemma_)


def _antecedent(doc: Doc, tok: Token) -> str | None:
    """'its' -> the nearest preceding place or organisation (same or previous sentence)."""
    if tok.lower_ not in ("its",):
        return None
    sent = tok.sent
    prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    best = None
    for ent in doc.ents:
        if (
            ent.label_ in ("GPE", "LOC", "ORG", "FAC")
            and prev_start <= ent.start
            and ent.end <= tok.i
        ):
            best = ent
    if best is None:
        return None
    text = re.sub(r"^(the)\s+", "", best.text, flags=re.I)
    return re.sub(r"['’]s?$", "", text)


_PHRASE_LEFT = {"poss", "compound", "amod", "nmod", "npadvmod"}
_PHRASE_RIGHT_PREPS = {"of", "in", "to", "for", "from", "on", "among", "across", "inside", "within"}


class Phrase:
    """Ordered tokens of a readable noun phrase plus replacements (resolved 'its')."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens: dict[int, str] = {}
        self.term_tokens: list[Token] = []
        self.extra_terms: list[str] = []

    def add(self, tok: Token, text: str | None = None, term: bool = True) -> None:
        self.tokens[tok.i] = tok.text if text is None else text
        if term:
            self.term_tokens.append(tok)

    def render(self) -> str:
        parts = []
        for i in sorted(self.tokens):
            tok = self.doc[i]
            text = self.tokens[i]
            if not text:
                continue
            if parts and (
                text in ("'s", "'", "’s", "’", ",") or tok.text in ("'s", "’s", "'", "’")
            ):
                parts[-1] = parts[-1] + text
            elif parts and parts[-1].endswith("-"):
                parts[-1] = parts[-1] + text
            elif text == "-" and parts:
                parts[-1] = parts[-1] + text
            else:
                parts.append(text)
        return re.sub(r"\s+", " ", " ".join(parts)).strip()


def add_noun_phrase(
    ph: Phrase, noun: Token, exclude: set[int], depth: int = 0, rightward: bool = True
) -> None:
    """Add ``noun`` with its left modifiers (owner, compounds, adjectives) and, when
    ``rightward``, its prepositional complements ("in Gaza", "of its inhabitants")."""
    if noun.i in exclude or depth > 3:
        return
    for c in noun.children:
        if c.i in exclude:
            continue
        if c.dep_ == "poss":
            if c.lower_ in ("its",):
                ante = _antecedent(ph.doc, c)
                if ante:
                    ph.add(c, ante + "'s", term=False)
                    ph.extra_terms.extend(norm_term(w) for w in ante.split())
                continue
            if c.pos_ == "PRON":
                continue
            add_subtree_words(ph, c, exclude)
        elif c.dep_ in _PHRASE_LEFT and c.i < noun.i:
            if c.dep_ == "amod" and c.lower_ in EVALUATIVE:
                continue
            if (
                c.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY")
                and c.lower_ not in PERIOD_WORDS
            ):
                continue
            add_subtree_words(ph, c, exclude)
    ph.add(noun)
    if not rightward:
        return
    for c in noun.children:
        if c.i in exclude or c.i < noun.i:
            continue
        if c.dep_ == "prep" and c.lower_ in _PHRASE_RIGHT_PREPS:
            objs = [o for o in c.children if o.dep_ == "pobj" and o.i not in exclude]
            if not objs:
                continue
            if any(o.i in exclude for o in c.subtree):
                continue
            ph.add(c, term=False)
            for o in objs:
                add_noun_phrase(ph, o, exclude, depth + 1)
                for cj in o.children:
                    if cj.dep_ in ("conj", "cc") and cj.i not in exclude:
                        if cj.dep_ == "cc":
                            ph.add(cj, term=False)
                        else:
                            add_noun_phrase(ph, cj, exclude, depth + 2, rightward=False)


def add_subtree_words(ph: Phrase, tok: Token, exclude: set[int]) -> None:
    """Add every word of ``tok``'s subtree but determiners, punctuation and evaluative words."""
    for t in tok.subtree:
        if t.i in exclude or t.dep_ == "det" or t.dep_ == "punct" and t.text != "-":
            continue
        if t.pos_ == "ADJ" and t.lower_ in EVALUATIVE:
            continue
        if t.lower_ in ("its",):
            ante = _antecedent(ph.doc, t)
            if ante:
                ph.add(t, ante + "'s", term=False)
                ph.extra_terms.extend(norm_term(w) for w in ante.split())
            continue
        ph.add(t, term=t.dep_ not in ("case", "cc"))


def phrase_terms(ph: Phrase, head_term: str | None, extra: Iterable[str] = ()) -> list[str]:
    """The subject terms of ``ph``: ``head_term`` first, then its content words, then ``extra``
    (years kept as they are)."""
    out: list[str] = []

    def push(term: str) -> None:
        if term and term not in out and term not in STOP_TERMS and not term.isdigit():
            out.append(term)

    if head_term:
        push(head_term)
    for t in sorted(ph.term_tokens, key=lambda t: t.i):
        if t.is_stop or t.is_punct or is_numberish(t):
            continue
        if t.lower_ in PERIOD_WORDS or t.lower_ in EVALUATIVE:
            continue
        if t.pos_ in ("NOUN", "PROPN", "VERB") or t.ent_type_ in ("NORP", "GPE", "ORG", "LOC"):
            if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
                continue
            push(token_term(t))
    for term in ph.extra_terms:
        push(term)
    for term in extra:
        if term.isdigit():
            if term not in out:
                out.append(term)
        else:
            push(term)
    return out


IRREGULAR_PARTICIPLES = {
    "hold": "held", "make": "made", "take": "taken", "give": "given", "leave": "left",
    "keep": "kept", "lose": "lost", "send": "sent", "spend": "spent", "find": "found",
    "bring": "brought", "buy": "bought", "sell": "sold", "fight": "fought", "flee": "fled",
    "shoot": "shot", "hit": "hit", "cut": "cut", "put": "put", "drive": "driven", "win": "won",
    "build": "built", "feed": "fed", "hide": "hidden", "steal": "stolen", "slay": "slain",
    "lay": "laid", "pay": "paid", "sink": "sunk", "catch": "caught", "seek": "sought",
}


def participle(verb: Token) -> str:
    """The verb as a past participle ("displace" -> "displaced", "hold" -> "held")."""
    if verb.tag_ in ("VBN", "VBD"):
        return verb.text
    lemma = verb.lemma_.lower()
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    return lemma + "ed"


def location_context(doc: Doc, clause: Token | None, ph: Phrase) -> tuple[str | None, list[str]]:
    """'in Rafah' from the clause's subject ('The situation in Rafah ... with 1m Palestinians') or
    from the noun a relative clause hangs on ('... in Gaza, which has resulted in ...')."""
    if clause is None:
        return None, []
    candidates: list[Token] = []
    if clause.dep_ == "relcl" and clause.head.ent_type_ in ("GPE", "LOC"):
        candidates.append(clause.head)
    if clause.dep_ == "relcl":
        for prep in clause.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                candidates.extend(o for o in prep.children if o.dep_ == "pobj")
    subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for s in subj:
        for prep in s.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "across", "inside"):
                candidates.extend(o for o in prep.children if o.dep_ == "pobj")
    for c in candidates:
        if c.ent_type_ in ("GPE", "LOC", "FAC") and c.i not in ph.tokens:
            ent = next((e for e in doc.ents if e.start <= c.i < e.end), None)
            name = re.sub(r"^(the)\s+", "", ent.text if ent else c.text, flags=re.I)
            return f"in {name}", [norm_term(w) for w in name.split()]
    return None, []

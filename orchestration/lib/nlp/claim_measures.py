"""What a physical measure or a deal's money measures: ``measure_subject(doc, start, end, unit)``.

A length, mass, resolution or capacity is a dimension of something, never the unit word
("9,420 nautical miles" is a range, not "miles"): the dimension comes from the words around the
quantity -- an adjective of dimension right after it or above it ("0.68 in thick" -> thickness,
"weighs 1.36 kg" -> weight, "an 11.6-inch screen" -> screen size), a dimension noun of its clause
("a range of 8,000 nautical miles") or a verb of travel ("can fly 9,420 nautical miles" ->
range) -- else from the unit (a length is a distance, a mass a weight, megapixels a camera
resolution, GB a storage capacity).

Money that prices a deal is the deal's value ("a $40 billion contract", "an order worth $15bn",
"will buy 20 planes for $4.6 billion" -> "contract value", "order value", "purchase value");
money a thing is priced at is its price ("is priced at $199", "starting at $199", "costs $49").

The caller (orchestration/lib/nlp/claims.py) puts the entity measured in front ("MacBook Air
thickness", "Qatar Airways purchase value").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

LENGTH_UNITS = {"mm", "cm", "m", "km", "inch", "ft", "mile", "nmi"}
MASS_UNITS = {"kg", "g", "lb", "tonne", "ounce"}
DIMENSION_WORDS = {
    "thick": "thickness", "thin": "thickness", "thickness": "thickness", "wide": "width",
    "width": "width", "long": "length", "length": "length", "tall": "height", "high": "height",
    "height": "height", "heavy": "weight", "weigh": "weight", "weight": "weight",
    "range": "range", "distance": "distance", "deep": "depth", "depth": "depth",
    "diagonal": "screen size", "screen": "screen size", "display": "screen size",
    "resolution": "resolution", "capacity": "capacity", "payload": "payload",
}
TRAVEL_VERBS = {"fly", "travel", "cover", "reach", "cruise"}
CARRY_VERBS = {"carry", "lift", "hold", "haul", "transport"}
UNIT_DIMENSION = {"megapixel": "camera resolution", "pixel": "resolution", "GB": "storage",
                  "TB": "storage", "MB": "storage"}
DEAL_NOUNS = {"contract", "deal", "order", "purchase", "agreement", "sale", "acquisition",
              "takeover", "merger", "bid", "offer", "package", "loan", "bailout"}
PURCHASE_VERBS = {"buy": "purchase", "purchase": "purchase", "order": "order", "sell": "sale",
                  "acquire": "acquisition", "win": "contract", "sign": "deal", "award": "contract"}


PRICE_VERBS = {"price", "cost", "retail", "start", "list", "sell"}


def measure_subject(doc: Doc, start: int, end: int, unit: str) -> tuple[str, list[str]] | None:
    """(subject, terms) for a physical measure or a deal's money (module doc), or None."""
    if unit in LENGTH_UNITS or unit in MASS_UNITS or unit in UNIT_DIMENSION:
        dim = _dimension(doc, start, end, unit)
        return dim, [dim.split()[-1], *dim.split()[:-1]]
    if len(unit) == 3 and unit.isupper():
        noun = _deal_noun(doc, start, end)
        if noun is not None:
            return f"{noun} value", [noun, "value"]
        if _is_price(doc, start, end):
            return "price", ["price"]
    return None


def duration_subject(doc: Doc, start: int, end: int) -> tuple[str, list[str]] | None:
    """What a duration measures, from the verb it is the time of: "the test flight lasted four
    hours" -> "test flight duration"; "he had worked at IBM for 25 years" -> "time Papermaster
    worked at IBM" (a pronoun subject left out). None when no verb governs it."""
    root = doc[start:end].root
    verb = None
    if root.dep_ == "pobj" and root.head.lower_ in ("for", "over", "within", "in", "after"):
        verb = root.head.head
    elif root.dep_ in ("dobj", "npadvmod", "attr"):
        verb = root.head
    if verb is None or verb.pos_ not in ("VERB", "AUX") or start <= verb.i < end:
        return None
    owner = verb
    subj = next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    while subj is None and owner.dep_ in ("xcomp", "conj", "advcl") and owner.head is not owner:
        owner = owner.head
        subj = next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    words = []
    if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
        words = [t for t in doc[subj.left_edge.i : subj.i + 1] if t.dep_ != "det"]
    subject = " ".join(t.text for t in words)
    terms = [t.lemma_.lower() for t in words if t.pos_ in ("NOUN", "PROPN")]
    if verb.lemma_.lower() in ("last", "take", "run", "span"):
        return (f"{subject} duration".strip(), ["duration", *terms])
    place = next((p for p in verb.children if p.dep_ == "prep" and p.lower_ in ("at", "on", "in")
                  and not p.i <= root.i <= p.right_edge.i), None)
    tail = "" if place is None else " " + doc[place.i : place.right_edge.i + 1].text
    text = " ".join(x for x in ("time", subject, verb.text) if x) + tail
    extra = [] if place is None else [t.lemma_.lower() for t in place.subtree
                                      if t.pos_ in ("NOUN", "PROPN")]
    return text, ["duration", verb.lemma_.lower(), *terms, *extra]


def _is_price(doc: Doc, start: int, end: int) -> bool:
    """"is priced at $199", "starting at $199", "costs $49", "retails for $29"."""
    node = _through_scale(doc[start:end].root)
    if node.dep_ == "pobj" and node.head.lower_ in ("at", "for", "from"):
        return node.head.head.lemma_.lower() in PRICE_VERBS
    return node.dep_ in ("dobj", "attr", "npadvmod") and node.head.lemma_.lower() in (
        "cost", "retail")


def _dimension(doc: Doc, start: int, end: int, unit: str) -> str:
    span = doc[start:end]
    root = span.root
    if unit in UNIT_DIMENSION:
        return UNIT_DIMENSION[unit]
    if unit in ("inch", "cm") and root.dep_ in ("amod", "compound", "nummod", "nmod") and any(
        t.text == "-" for t in doc[start:min(end + 2, len(doc))]
    ):
        return "screen size"  # "the 11.6-inch model": a device's size is its screen's
    near = [doc[i] for i in range(end, min(end + 4, len(doc)))]
    for tok in [*near, root.head, *(c for c in root.head.children if c.i >= end)]:
        word = DIMENSION_WORDS.get(tok.lemma_.lower()) or DIMENSION_WORDS.get(tok.lower_)
        if word and not start <= tok.i < end:
            return word
        if tok.pos_ == "PUNCT" and tok.i >= end and tok.text != ")":  # "0.68 in (1.73 cm) thick"
            break
    clause = root
    while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
        clause = clause.head
    if clause.lemma_.lower() in DIMENSION_WORDS:  # "weighs 1.36 kg"
        return DIMENSION_WORDS[clause.lemma_.lower()]
    if unit in MASS_UNITS and clause.lemma_.lower() in CARRY_VERBS:
        return "cargo capacity"  # "will carry 150 tons"
    for tok in root.sent:  # "a range of 8,000 nautical miles", "with a payload of"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in DIMENSION_WORDS:
            word = DIMENSION_WORDS[tok.lemma_.lower()]
            if (word in ("range", "distance", "length")) == (unit in LENGTH_UNITS):
                return word
    if unit in LENGTH_UNITS:
        return "range" if clause.lemma_.lower() in TRAVEL_VERBS else "distance"
    return "weight"


def _deal_noun(doc: Doc, start: int, end: int) -> str | None:
    root = doc[start:end].root
    head = _through_scale(root).head
    if head.pos_ == "NOUN" and head.lemma_.lower() in DEAL_NOUNS and not start <= head.i < end:
        return head.lemma_.lower()  # "a $40 billion contract"
    prep = _through_scale(root)
    if prep.dep_ == "pobj" and prep.head.lower_ in ("worth", "for", "at", "of"):
        above = prep.head.head
        if above.lower_ in ("valued", "priced", "worth") and above.head is not above:
            above = above.head
        word = above.lemma_.lower()
        if above.pos_ == "NOUN" and word in DEAL_NOUNS:
            return word  # "an order worth $15bn", "a deal of $2bn"
        if above.pos_ == "VERB" and word in PURCHASE_VERBS and prep.head.lower_ != "of":
            return PURCHASE_VERBS[word]  # "will buy 20 planes for $4.6 billion"
    return None


def _through_scale(tok: Token) -> Token:
    """"$40 billion": the token the money phrase hangs on the sentence by."""
    node = tok
    while node.dep_ in ("compound", "nummod", "quantmod") and node.head.pos_ in ("NUM", "SYM"):
        node = node.head
    return node

"""The denominator of a claim's value: ``per_of(doc, start, end, unit_tok, raw_unit)``.

* a time: "a year", "monthly", "annual support" -> ``year``, ``month``, ... (``period_near`` in
  orchestration/lib/nlp/quantities.py); the value is then normalised to a yearly rate;
* a counted thing after "per", "a", "an" or "each" ("$1.14 per share", "$500 a vehicle", "326
  pixels per inch", "200 million per aircraft") -> its lemma: ``share``, ``vehicle``, ``inch``;
* a price of shares: money whose clause is about shares or stock ("Shares of Apple rose $5.41",
  "its stock fell to $2.73") -> ``share``.

``None`` otherwise.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from orchestration.lib.nlp.quantities import period_near

_PER_WORDS = {"per", "a", "an", "each", "every", "/"}
_SHARE_LEMMAS = {"share", "stock"}
_NOT_DENOMINATORS = {"lot", "few", "bit", "total", "half", "third", "quarter", "number", "result",
                     "record", "rise", "fall", "drop", "gain", "loss", "cost", "price", "deal"}


def per_of(
    doc: Doc, start: int, end: int, unit_tok: Token | None, raw_unit: str, is_money: bool
) -> str | None:
    """The denominator of the quantity ``doc[start:end]`` (see the module docstring)."""
    per = period_near(doc, start, end, unit_tok)
    if per is not None:
        return per
    after = end if unit_tok is None or unit_tok.i < end else unit_tok.i + 1
    if after + 1 < len(doc) and doc[after].lower_ in _PER_WORDS:
        noun = doc[after + 1]
        lem = noun.lemma_.lower()
        if noun.pos_ == "NOUN" and lem not in _NOT_DENOMINATORS and (
            doc[after].lower_ in ("per", "/", "each") or is_money
        ):
            return lem
    if is_money and _about_shares(doc[start]):
        return "share"
    return None


def _about_shares(tok: Token) -> bool:
    """The clause holding ``tok`` has shares or stock as its subject."""
    node = tok
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            return any(
                s.lemma_.lower() in _SHARE_LEMMAS
                or any(c.lemma_.lower() in _SHARE_LEMMAS and c.dep_ == "compound"
                       for c in s.children)
                for s in subjects
            )
        if node.head.i == node.i:
            return False
        node = node.head
    return False

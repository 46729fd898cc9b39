"""What a candidate mention is, beyond the model's label (rule 4 of ``entities.py``):

* **Demonyms** (``mention_kind = "demonym"``): "Polish", "Afghan", "Americans", "South Korean",
  "European" name a people or an adjective of a place, never the place itself. A span is a
  demonym when the reference data (``lexicon.reference_demonym``, from ``countryinfo``) knows
  it, or when the model labels a single word NORP and it derives from a place of the document
  or a world region by the demonym suffix rule ("Kurdish" stays a NORP name: no such place).
  Whatever the model said (GPE, ORG, PERSON), a demonym is typed NORP: it is not a name mention
  of a place, an organisation or a person.
* **Market indices and named measures** (type ``INDEX``): a capitalised run ending in an index
  head ("Dow Jones Industrial Average", "Nasdaq Composite", "Hang Seng Index"); a run followed by
  the word "index"/"average" ("the Nikkei index", "the FTSE 100 index"); a run with its bare
  number ("S&P 500", "FTSE 100", "Nikkei 225") or a run that moves "N points" ("the DAX fell 80
  points"). The model rarely labels these at all, so the runs are read from the tokens.
  Document evidence then types every other occurrence of the same name, and of a word-prefix of
  a longer index name ("the Dow" after "Dow Jones Industrial Average"), as INDEX too.
* **Named operations** ("the Al-Aqsa Flood Operation", "Operation Cast Lead") are EVENTs, not
  organisations (head words in ``lexicon.EVENT_HEADS``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from orchestration.lib.names import norm_name
from orchestration.lib.nlp.lexicon import (
    EVENT_HEADS,
    INDEX_HEADS,
    ORG_HEADS,
    demonym_country,
    lex_word,
    reference_demonym,
    reference_regions,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from orchestration.lib.nlp.entities import Candidate

NAME, DEMONYM = "name", "demonym"
MENTION_KINDS = (NAME, DEMONYM)

_PLACE_TYPES = {"LOCATION"}


def mark_demonyms(doc: Doc, cands: list[Candidate]) -> None:
    """Set ``kind = "demonym"`` and type NORP on demonym spans (see the module docstring)."""
    places: list[str] | None = None
    for c in cands:
        if c.end - c.start > 3:
            continue
        text = doc[c.start:c.end].text
        if not text[:1].isupper():
            continue
        is_dem = reference_demonym(text) is not None
        if not is_dem and c.label == "NORP" and c.end - c.start == 1:
            if places is None:
                places = [doc[p.start:p.end].text for p in cands if p.type in _PLACE_TYPES]
                places.extend(reference_regions())
            tok = doc[c.start]
            is_dem = tok.tag_ in {"JJ", "NNPS", "NNS"} and demonym_country(text, places) is not None
        if is_dem:
            c.kind = DEMONYM
            c.type = "NORP"


# ---------------------------------------------------------------------------------------------
# Market indices and named measures

_NAME_TOKEN = re.compile(r"^[A-Z][A-Za-z0-9&.'-]*$|^&$")
_BARE_NUMBER = re.compile(r"^\d{2,4}$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_MOVES = {"rise", "fall", "gain", "lose", "drop", "climb", "slip", "slide", "jump", "tumble",
          "close", "end", "finish", "open", "shed", "add", "plunge", "surge", "rally", "edge",
          "dip", "soar", "sink", "advance", "decline", "trade", "hit", "retreat"}


def _name_tok(tok: Token) -> bool:
    return bool(_NAME_TOKEN.match(tok.text)) and not (tok.is_stop and not tok.is_upper) \
        and lex_word(tok) not in {"the", "a", "an"}


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised name tokens inside one sentence."""
    runs, i, n = [], 0, len(doc)
    while i < n:
        if _name_tok(doc[i]):
            j = i + 1
            while j < n and _name_tok(doc[j]) and not doc[j].is_sent_start:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _moves_points(doc: Doc, end: int) -> bool:
    """The words after a name say it moved by points: "fell 120 points", "rose 1.5 points"."""
    stop = min(end + 6, len(doc))
    window = [doc[i] for i in range(end, stop)]
    for k, t in enumerate(window):  # the rest of the sentence only (Span.sent would scan it)
        if t.is_sent_start:
            window = window[:k]
            break
    verb = any(t.lemma_.lower() in _MOVES for t in window)
    points = any(t.lower_ in {"points", "point"} and t.i > 0 and doc[t.i - 1].like_num
                 for t in window)
    return verb and points


def _index_spans(doc: Doc) -> list[tuple[int, int]]:
    found = []
    for s, e in _runs(doc):
        words = [lex_word(doc[i]) for i in range(s, e)]
        if len(words) >= 2 and words[-1] in INDEX_HEADS:
            found.append((s, e))
            continue
        if e - s > 4:
            continue
        end = e
        has_number = end < len(doc) and _BARE_NUMBER.match(doc[end].text) is not None \
            and not _YEAR.match(doc[end].text)  # "Fan Expo 2016" is an edition, not a level
        if has_number:
            end += 1
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.is_lower and lex_word(nxt) in INDEX_HEADS:
            found.append((s, end))
        elif has_number and (nxt is None or nxt.pos_ not in {"NOUN", "PROPN"}) \
                and (_moves_points(doc, end) or any(
                    t.lemma_.lower() in _MOVES or t.lower_ in {"percent", "%", "points"}
                    for t in doc[end:min(end + 6, len(doc))])):
            found.append((s, end))
        elif doc[s].ent_type_ not in {"PERSON", "GPE"} and _moves_points(doc, end):
            found.append((s, end))
    return found


def index_candidates(doc: Doc, cands: list[Candidate], make) -> list[Candidate]:
    """Replace the candidates that overlap an index name by one INDEX candidate per name, and
    type the document's other mentions of those names (or of their word-prefixes) INDEX.
    ``make(start, end)`` builds a candidate."""
    spans = _index_spans(doc)
    if not spans:
        return cands
    names = {norm_name(doc[s:e].text) for s, e in spans}
    # word-prefixes of long index names: "Dow Jones", "Dow" after "Dow Jones Industrial Average"
    prefixes = set()
    for s, e in spans:
        words = norm_name(doc[s:e].text).split()
        if len(words) >= 3:
            prefixes.update(" ".join(words[:k]) for k in range(1, len(words) - 1))
    for s, e in _runs(doc):
        key = norm_name(doc[s:e].text)
        if (key in names or key in prefixes) and (s, e) not in spans:
            spans.append((s, e))
    covered = set()
    out = []
    for s, e in sorted(spans):
        if any(i in covered for i in range(s, e)):
            continue
        covered.update(range(s, e))
        c = make(s, e)
        c.type = "INDEX"
        out.append(c)
    kept = [c for c in cands if not any(i in covered for i in range(c.start, c.end))]
    return sorted(kept + out, key=lambda c: c.start)


def retype_events(doc: Doc, c: Candidate) -> None:
    """A named operation, offensive or uprising is an EVENT ("Al-Aqsa Flood Operation")."""
    if c.type not in {"ORG", "LOCATION", "PERSON"} or c.end - c.start < 2:
        return
    first, last = lex_word(doc[c.start]), lex_word(doc[c.end - 1])
    if first in ORG_HEADS and first != "operation":  # "Ministry of War" stays an ORG
        return
    if last in EVENT_HEADS or (first == "operation" and doc[c.start + 1].text[:1].isupper()):
        c.type = "EVENT"

"""Named-entity mentions from one parsed article (one spaCy ``Doc`` of the cleaned body).

The statistical model finds the names; the rules here fix what it is weak at, using only
generic linguistic knowledge (a lexicon of titles and honorifics, organisation and facility head
nouns, demonym suffixes) and evidence from the same document:

1. **Spans.** Model spans are cut at paragraph breaks and trimmed of a leading article, a
   trailing possessive and surrounding punctuation; a PERSON span loses leading titles and
   honorifics ("President", "Ayatollah"), which become the mention's ``role_title``.
2. **Filters.** Dropped: spans without a capital letter; spans made only of title words
   ("Supreme", "Home" in "Home Secretary"); adjectival compounds ("pro-Beijing"); the country
   of a currency ("US$"); single words that the tagger does not read as proper nouns, that the
   same document also writes in lower case ("Water" / "water") or that label a caption
   ("Image: NASA"). A single token mixing letters and digits ("IE6") is never a place/person.
3. **Heads.** A name headed by an organisation noun ("... Council", "Municipality of ...") is
   an ORG; one ending in a facility noun ("... Convention Centre", "... Station") a LOCATION.
4. **Document consistency.** A mention that repeats part of a PERSON full name found in the
   same document ("Montalvo" after "Vicki Montalvo") is PERSON; every other repeated string
   takes the type most of its mentions have. Unlabelled repeats of PERSON full names, of their
   surnames and of ORG names are added.
5. **Roles** are read from the dependency parse and the tokens around a PERSON mention: a
   premodifying title ("Iranian Foreign Minister X", "Hamas leader X", "Iran's Foreign
   Minister X"), a fronted appositive ("Hamas' political bureau head, X") and a following
   appositive ("X, the head of the Hamas Political Bureau,").

Everything is per document (no cross-article state); resolution across articles lives in
``resolution.py``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the lexicons and norm_key are imported by resolution.py without spaCy
    from spacy.tokens import Doc, Token

# Model labels -> warehouse types. Numeric and temporal labels are dropped.
TYPE_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION",
            "FAC": "LOCATION"}
KEPT_OTHER = {"NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}
DROPPED = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
SCORED_TYPES = ("PERSON", "ORG", "LOCATION")

# ---------------------------------------------------------------------------------------------
# Lexicons: generic English knowledge, not names from any data set.

# Courtesy and religious honorifics: stripped from a name, not a role by themselves.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "madam", "madame",
    "ayatollah", "grand", "sheikh", "shaikh", "sheik", "imam", "mullah", "rabbi", "reverend",
    "rev", "father", "fr", "pastor", "saint", "st", "hon", "honourable", "honorable", "mister",
}
# Heads of a role phrase ("Foreign Minister", "leader", "head").
TITLE_HEADS = {
    "president", "minister", "premier", "chancellor", "secretary", "undersecretary",
    "ambassador", "envoy", "consul", "spokesman", "spokeswoman", "spokesperson",
    "leader", "head", "chief", "chairman", "chairwoman", "chairperson", "chair", "director",
    "ceo", "cfo", "coo", "cto", "founder", "co-founder", "cofounder", "commander",
    "general", "admiral", "colonel", "major", "captain", "lieutenant", "sergeant", "marshal",
    "governor", "mayor", "senator", "congressman", "congresswoman", "representative", "rep",
    "sen", "gov", "judge", "justice", "attorney", "prosecutor", "king", "queen", "prince",
    "princess", "emperor", "empress", "emir", "sultan", "pope", "cardinal", "bishop",
    "archbishop", "patriarch", "cleric", "professor", "prof", "coach", "manager", "editor",
    "correspondent", "reporter", "analyst", "officer", "official", "speaker", "commissioner",
    "councillor", "councilor", "inspector", "detective", "superintendent", "chief-of-staff",
    "deputy", "member", "mp", "mep", "diplomat", "negotiator", "adviser", "advisor",
    "counsel", "treasurer", "vice-president", "vice-chairman", "principal", "dean", "rector",
    "provost", "lawmaker", "legislator", "politician", "activist", "owner",
    "executive", "militant", "regent", "monarch", "caliph", "agent",
}
# Words that build a title together with a head ("Foreign", "Prime", "Supreme").
TITLE_MODIFIERS = {
    "foreign", "prime", "vice", "deputy", "acting", "interim", "former", "supreme", "chief",
    "senior", "junior", "assistant", "associate", "executive", "general", "home", "interior",
    "defence", "defense", "finance", "economy", "justice", "health", "education", "energy",
    "trade", "state", "shadow", "emeritus", "top", "political", "military", "spiritual",
    "religious", "managing", "first", "second", "lead", "principal", "permanent", "special",
    "high", "grand", "attorney", "secretary-general", "secretary", "de", "facto", "press",
    "communications", "information", "culture", "labour", "labor", "agriculture", "transport",
    "environment", "treasury", "security", "intelligence", "army", "navy", "police", "party",
    "opposition", "majority", "minority", "parliamentary", "presidential", "regional",
    "national", "federal", "provincial", "local", "ex", "outgoing", "incoming", "newly",
    "elected", "lord", "rear", "lieutenant", "staff", "sergeant", "master", "field", "air",
    "vice-", "co", "district", "the", "then",
}
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS | HONORIFICS
# Title words that are never a name by themselves.
_TITLE_CORE = HONORIFICS | TITLE_HEADS | {
    "vice", "deputy", "acting", "interim", "former", "supreme", "chief", "senior", "junior",
    "assistant", "associate", "shadow", "emeritus", "prime", "foreign",
}

# Heads that make a name an organisation ("Civic Party", "Municipality of Livorno").
ORG_HEADS = {
    "university", "college", "school", "institute", "institution", "academy", "council",
    "committee", "commission", "ministry", "department", "agency", "bureau", "authority",
    "board", "party", "association", "federation", "league", "society", "foundation",
    "corporation", "corp", "company", "co", "inc", "ltd", "llc", "plc", "gmbh", "ag", "sa",
    "church", "court", "parliament", "congress", "senate", "assembly", "government",
    "police", "army", "navy", "corps", "municipality", "administration", "service", "services",
    "network", "organisation", "organization", "movement", "coalition", "fund",
    "trust", "brigade", "brigades", "militia", "cabinet", "secretariat", "directorate",
    "office", "group", "club", "team", "press", "news", "times", "tribune", "herald",
    "gazette", "journal", "magazine", "tv", "radio", "broadcasting", "channel", "airlines",
    "airways", "railways", "industries", "holdings", "laboratories", "labs", "inc.", "co.",
    "ltd.", "corp.", "mission", "embassy", "consulate", "legion", "guard",
}
# Heads that make a name a place/facility ("Metro Toronto Convention Centre").
FACILITY_HEADS = {
    "street", "road", "avenue", "boulevard", "square", "bridge", "tower", "towers", "building",
    "hall", "stadium", "arena", "airport", "station", "centre", "center", "park", "palace",
    "castle", "cathedral", "mosque", "temple", "river", "lake", "mountain", "mountains",
    "island", "islands", "bay", "sea", "ocean", "valley", "desert", "strait", "canal",
    "province", "county", "district", "region", "peninsula", "coast", "harbour", "harbor",
    "port", "crossing", "highway", "motorway", "plaza", "mall", "camp", "base", "prison",
    "village", "town", "city", "gulf", "falls", "hills", "heights", "beach",
}
# Lower-case particles inside personal names.
NAME_PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "der", "den", "la",
                  "le", "abu", "bint", "ben", "du", "del", "dos", "das", "ter", "ten", "y"}
# Prepositions after which an ORG head is the head of the whole name ("Council on ...").
_OF_LIKE = {"of", "for", "on", "in", "at"}
# Demonym endings, longest first: "Iranian" -> "Iran", "Israeli" -> "Israel".
_DEMONYM_SUFFIXES = ("ians", "ian", "eans", "ean", "ans", "an", "ese", "ish", "is", "i",
                     "ic", "ns", "n", "s")

# Web furniture labels in front of a credit ("Image: NASA"): never a name themselves.
CAPTION_LABELS = {"image", "images", "photo", "photos", "photograph", "picture", "video",
                  "credit", "credits", "source", "caption", "file", "map", "graphic",
                  "illustration", "audio", "related", "tags", "tag", "share", "advertisement"}
_POSSESSIVE = {"'s", "’s", "'", "’", "s'", "s’"}
_LEADING_DROP = {"the", "a", "an", "this", "that", "these", "those"}
_QUOTES = "\"'“”‘’`«»"
_HAS_UPPER = re.compile(r"[A-Z]")


# ---------------------------------------------------------------------------------------------


@dataclass
class _Cand:
    start: int  # token index
    end: int  # token index, exclusive
    label: str  # model label (PERSON, ORG, GPE, ...)
    type: str  # warehouse type
    source: str = "model"  # model | repeat
    role_title: str | None = None
    role_org: str | None = None
    role_text: str | None = None


def _wtype(label: str) -> str:
    return TYPE_MAP.get(label, label)


def _low(tok: Token) -> str:
    return tok.lower_.rstrip(".")


def _split_paragraphs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a token range at whitespace tokens that hold a line break."""
    pieces, s = [], start
    for i in range(start, end):
        tok = doc[i]
        if "\n" in tok.text or "\n" in tok.whitespace_:
            if tok.is_space:
                if i > s:
                    pieces.append((s, i))
                s = i + 1
            else:  # a token followed by a line break ends the piece
                pieces.append((s, i + 1))
                s = i + 1
    if end > s:
        pieces.append((s, end))
    return pieces


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop a leading article/quote, a trailing possessive and surrounding punctuation."""
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or doc[start].lower_ in _LEADING_DROP
                           or doc[start].text in _QUOTES):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_space
                           or (doc[end - 1].is_punct and not (
                               doc[end - 1].text == ")" and "(" in doc[start:end].text))
                           or doc[end - 1].text in _QUOTES):
        # keep a final dot that belongs to an abbreviation ("U.S.", "D.C.")
        if doc[end - 1].text == "." and end - 1 > start and "." in doc[end - 2].text:
            break
        end -= 1
    # a caption label glued to a name: "Belle Image: Nick Moreau"
    if end - start > 1 and _low(doc[end - 1]) in CAPTION_LABELS and end < len(doc) \
            and doc[end].text == ":":
        end -= 1
    if label == "PERSON":
        # strip honorifics, titles and lower-case words in front of a name ("President Donald
        # Trump", "nonpartisan Paul Tse"); name particles ("al-Nakhalah", "van Gogh") stay
        while end - start > 1:
            tok = doc[start]
            if (_low(tok) in TITLE_WORDS and tok.text[:1].isupper()) or tok.is_punct or (
                    tok.is_lower and _low(tok) not in NAME_PARTICLES
                    and not (start + 1 < end and doc[start + 1].text == "-")):
                start += 1
            else:
                break
    return start, end


def _is_title_only(doc: Doc, start: int, end: int) -> bool:
    """Only honorifics, title heads and generic title modifiers ("Supreme", "Emeritus"), or
    title words in front of a title head ("Home" in "Home Secretary")."""
    words = [_low(doc[i]) for i in range(start, end) if not doc[i].is_punct]
    if not words:
        return True
    if all(w in _TITLE_CORE for w in words):
        return True
    nxt = _low(doc[end]) if end < len(doc) else ""
    return all(w in TITLE_WORDS for w in words) and nxt in TITLE_HEADS


_PREFIX_COMPOUND = re.compile(r"^(?:pro|anti|non|ex|post|pre|neo|pan|semi|self|all)-",
                              re.IGNORECASE)


def _keep(doc: Doc, start: int, end: int, label: str, lower_vocab: set[str],
          name_words: set[str]) -> bool:
    if end <= start:
        return False
    text = doc[start:end].text
    if not _HAS_UPPER.search(text):
        return False
    if _is_title_only(doc, start, end):
        return False
    toks = [doc[i] for i in range(start, end) if not doc[i].is_punct]
    if not toks:
        return False
    if all(t.is_stop and not t.is_upper for t in toks):
        return False
    # an adjectival compound, not a name: "pro-Beijing", "anti-Israel"
    if label in TYPE_MAP and _PREFIX_COMPOUND.match(text):
        return False
    # the country part of a currency ("US$ 40", "HK$")
    if end < len(doc) and doc[end].text.startswith("$") and not doc[end - 1].whitespace_:
        return False
    if len(toks) == 1 and label in TYPE_MAP:
        t = toks[0]
        if not t.is_upper:
            # a single common word the tagger does not read as a proper noun ("Background")
            if t.pos_ != "PROPN" and t.tag_ not in {"NNP", "NNPS"}:
                return False
            # a capitalised word that the same document also writes in lower case ("Water"),
            # unless it is also a word of a longer name ("the Church" / "Church of Scientology")
            if t.lower_ in lower_vocab and t.lower_ not in name_words:
                return False
            # a caption label ("Image: NASA")
            if t.lower_ in CAPTION_LABELS and t.i + 1 < len(doc) and doc[t.i + 1].text == ":":
                return False
    return True


_LETTERS_AND_DIGITS = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]+$")


def _head_retype(doc: Doc, c: _Cand) -> None:
    """ORG/LOCATION from the head noun of the name; a single token mixing letters and digits
    ("IE6", "U2") is a product or a code, not a place or a person."""
    if c.type in ("LOCATION", "PERSON") and c.end - c.start == 1 \
            and _LETTERS_AND_DIGITS.match(doc[c.start].text):
        c.type = "PRODUCT"
        return
    if c.type not in ("ORG", "LOCATION"):
        return
    words = [doc[i] for i in range(c.start, c.end) if not doc[i].is_punct]
    if not words:
        return
    low = [_low(t) for t in words]
    # "Municipality of Bogliasco", "Council on American-Islamic Relations"
    if len(low) >= 3 and low[1] in _OF_LIKE and low[0] in ORG_HEADS:
        c.type = "ORG"
        return
    last = low[-1]
    if len(low) >= 2 and last in FACILITY_HEADS and c.type == "ORG":
        c.type = "LOCATION"
    elif len(low) >= 2 and last in ORG_HEADS and c.type == "LOCATION":
        c.type = "ORG"


# ---------------------------------------------------------------------------------------------
# Document consistency


_POSSESSIVE_END = re.compile(r"('s|')$")
_LEADING_THE = re.compile(r"^the\s+")
_SEPARATORS = re.compile(r"[\s\-‐–—_]+")


def norm_key(text: str) -> str:
    """Case-, dot-, hyphen- and possessive-insensitive key of a name."""
    s = text.replace("’", "'").casefold().strip()
    s = _POSSESSIVE_END.sub("", s)
    s = _LEADING_THE.sub("", s)
    s = s.replace(".", "")
    s = _SEPARATORS.sub(" ", s)
    return s.strip(" \"',;:()[]")


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


def _consistency(doc: Doc, cands: list[_Cand]) -> None:
    texts = [doc[c.start:c.end].text for c in cands]
    keys = [norm_key(t) for t in texts]  # each is needed up to four times below
    # PERSON surnames/partial names from full names in the document
    person_parts: set[str] = set()
    for c, t in zip(cands, texts, strict=True):
        if c.type == "PERSON" and c.end - c.start >= 2 and len(t.split()) >= 2:
            for p in _name_parts(t):
                if p[:1].isupper():
                    person_parts.add(norm_key(p))
    full_person = {k for c, t, k in zip(cands, texts, keys, strict=True) if c.type == "PERSON"
                   and len(t.split()) >= 2}
    for c, k in zip(cands, keys, strict=True):
        if c.type != "PERSON" and (k in person_parts or k in full_person) \
                and c.label in _RETYPABLE:
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


def _add_repeats(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
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
    added: list[_Cand] = []
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
                            and _low(prv) not in TITLE_WORDS:
                        break
                    added.append(_Cand(i, j, names[k], names[k], source="repeat"))
                    for m in range(i, j):
                        covered[m] = True
                    i = j - 1
                    break
        i += 1
    return sorted(cands + added, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------
# Roles


def demonym_country(demonym: str, places: list[str]) -> str | None:
    """Map a demonym to a place named in the same document, by suffix rule:
    "Iranian" -> "Iran", "Israeli" -> "Israel", "Palestinian" -> "Palestine",
    "Afghan" -> "Afghanistan". None when no place fits."""
    d = demonym.casefold()
    stems = [d] + [d[: -len(suf)] for suf in _DEMONYM_SUFFIXES
                   if d.endswith(suf) and len(d) - len(suf) >= 3]
    for stem in stems:
        fits = [p for p in places if p.casefold() != d and p.casefold().startswith(stem)
                and len(p) - len(stem) <= 6]
        if fits:
            return min(fits, key=lambda p: (len(p), p))
    return None


def _premodifier_role(doc: Doc, c: _Cand, ent_of: list[_Cand | None], places: list[str]):
    """"Iranian Foreign Minister X", "Hamas leader X", "Iran's Foreign Minister X" and the
    fronted appositive "Hamas' political bureau head, X"."""
    i = c.start - 1
    if i >= 1 and doc[i].text == "," and _low(doc[i - 1]) in TITLE_HEADS:
        i -= 1
    # honorifics directly in front of the name are not part of the title ("Ayatollah")
    while i >= 0 and _low(doc[i]) in HONORIFICS and _low(doc[i]) not in TITLE_HEADS \
            and ent_of[i] is None:
        i -= 1
    title_end = i + 1
    if i < 0 or _low(doc[i]) not in TITLE_HEADS or (ent_of[i] is not None
                                                      and ent_of[i].type == "PERSON"):
        return None
    while i >= 0 and (_low(doc[i]) in TITLE_HEADS or _low(doc[i]) in TITLE_MODIFIERS) \
            and (ent_of[i] is None or _is_title_only(doc, ent_of[i].start, ent_of[i].end)) \
            and doc[i].lower_ != "the":
        i -= 1
    title_start = i + 1
    title = doc[title_start:title_end].text
    # organisation words between the owner and the title ("political bureau")
    while i >= 0 and ent_of[i] is None and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} \
            and title_start - i <= 3 and doc[i].text not in _POSSESSIVE:
        i -= 1
    extra_start = i + 1
    extra = doc[extra_start:title_start].text if extra_start < title_start else ""
    if i >= 0 and doc[i].text in _POSSESSIVE:  # "Iran's", "Hamas'"
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


def _appositive_role(doc: Doc, c: _Cand, ent_of: list[_Cand | None], places: list[str]):
    """"X, the head of the Hamas Political Bureau," (dependency parse: appos of the name)."""
    span = doc[c.start:c.end]
    root = span.root
    for child in root.children:
        if child.dep_ != "appos" or child.i < c.end or _low(child) not in TITLE_HEADS:
            continue
        # title: the head noun with its title-like left modifiers ("political leader")
        lefts = [t for t in child.lefts if t.dep_ in {"amod", "compound"}
                 and (_low(t) in TITLE_MODIFIERS or _low(t) in TITLE_HEADS)]
        t_start = min([t.i for t in lefts] + [child.i])
        title = doc[t_start:child.i + 1].text
        org = None
        for prep in child.rights:
            if prep.dep_ == "prep" and prep.lower_ in _OF_LIKE:
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


def _roles(doc: Doc, cands: list[_Cand]) -> None:
    ent_of: list[_Cand | None] = [None] * len(doc)
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


# ---------------------------------------------------------------------------------------------


def candidates(doc: Doc) -> list[_Cand]:
    """Model entities cleaned, filtered, retyped and completed (no roles)."""
    cands: list[_Cand] = []
    lower_vocab = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    name_words = {t.lower_ for ent in doc.ents if len(ent) > 1 and ent.label_ in TYPE_MAP
                  for t in ent if t.is_title}
    for ent in doc.ents:
        if ent.label_ in DROPPED or (ent.label_ not in TYPE_MAP and ent.label_ not in KEPT_OTHER):
            continue
        for s, e in _split_paragraphs(doc, ent.start, ent.end):
            s, e = _trim(doc, s, e, ent.label_)
            if not _keep(doc, s, e, ent.label_, lower_vocab, name_words):
                continue
            c = _Cand(s, e, ent.label_, _wtype(ent.label_))
            _head_retype(doc, c)
            cands.append(c)
    _consistency(doc, cands)
    cands = _add_repeats(doc, cands)
    return cands


def entity_mentions_from_doc(doc: Doc, article: dict) -> list[dict]:
    """Rows for ``raw.entity_mentions`` (keys of ``extract.ENTITY_MENTION_SCHEMA``)."""
    cands = candidates(doc)
    _roles(doc, cands)
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

"""How entity resolution compares names: clean surfaces, the keys derived from them (word-final
parts, initials, acronyms, type groups), the canonical form of a set of surfaces and the
``alias_rule`` (with its score) that relates a mention to its entity's canonical name.

The name keys themselves (``strip_edges``, ``norm_name``, ``compact_key``) are the shared ones of
``orchestration.lib.names``; the title and honorific word lists come from
``orchestration.lib.nlp.lexicon`` (spaCy-free). Company legal forms ("Inc.", "Corporation",
"plc", "AG", "S.A.", ...) are cleanco's maintained list (``legal_base``); person names are split
into given, middle, surname and suffix by nameparser (``person_parts``). The pipeline is
``resolution.py``, the rules that join nodes ``entity_merges.py`` and ``org_merges.py``, the
analysts' overrides ``overrides.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from cleanco.clean import custom_basename, normalized, prepare_default_terms, strip_punct
from nameparser import HumanName
from rapidfuzz import fuzz

from orchestration.lib.names import compact_key, norm_name, strip_edges
from orchestration.lib.nlp.lexicon import HONORIFICS, TITLE_HEADS, TITLE_MODIFIERS

GEO_ORG = "ORG|LOCATION"
_PERSON_PREFIXES = HONORIFICS | TITLE_HEADS | TITLE_MODIFIERS
_ACRONYM_STOP = {"of", "the", "and", "for", "on", "in", "at", "to", "de", "&", "a", "an"}
# particles dropped from a word-final part of a name (narrower than lexicon.NAME_PARTICLES,
# which tells name words from lower-case words in a span)
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "der", "den", "la",
                   "le", "abu", "bint", "ben", "du", "del", "dos", "das"}
# cleanco's legal forms, as its basename wants them; not the one-letter ones ("Serie A")
_LEGAL_TERMS = [(n, parts) for n, parts in prepare_default_terms() if len(parts[-1]) > 1]
_LEGAL_BY_LAST: dict[str, list] = {}  # last word -> the legal forms ending in it, in order
for _term in _LEGAL_TERMS:
    _LEGAL_BY_LAST.setdefault(_term[1][-1], []).append(_term)
SCORES = {
    "exact": 1.0, "normalised": 0.98, "honorific_stripped": 0.97, "transliteration": 0.95,
    "surname_backref": 0.9, "acronym": 0.9, "demonym": 0.85, "given_name_backref": 0.8,
    "surname_backref_global": 0.75, "acronym_global": 0.75, "surname_nearest": 0.85,
    "legal_suffix": 0.95, "generic_head": 0.9, "short_form": 0.85, "short_form_global": 0.7,
    "place_qualifier": 0.85, "place_qualifier_global": 0.7,
    "override_merge": 1.0, "override_split": 1.0, "override_rename": 1.0,
}


# ---------------------------------------------------------------------------------------------
# Keys


def clean_name(text: str, entity_type: str | None) -> tuple[str, bool]:
    """Surface form without article, possessive and (PERSON) leading titles, also when a place
    qualifies the title ("U.S. President Bush" -> "Bush"). Returns (clean, titles_were_stripped).
    """
    s = strip_edges(text)
    stripped = False
    if entity_type == "PERSON":
        words = s.split(" ")
        if len(words) > 2 and _is_place_word(words[0]) and _is_prefix(words[1]):
            words = words[1:]
        while len(words) > 1 and _is_prefix(words[0]):
            words = words[1:]
            stripped = True
        s = " ".join(words)
    return s, stripped


def _is_prefix(word: str) -> bool:
    return word.rstrip(".").casefold() in _PERSON_PREFIXES


def _is_place_word(word: str) -> bool:
    """An abbreviated place before a title: "U.S.", "UK" (not a given name)."""
    return "." in word.rstrip(".") or (word.isupper() and 2 <= len(word) <= 3)


def words(name: str) -> list[str]:
    return [w for w in name.split(" ") if w]


def pieces(name: str) -> int:
    return len([w for w in re.split(r"[\s\-‐‑–—]+", name) if w])


def suffix_keys(name: str) -> set[str]:
    """Compact keys of the word-final parts of a name: "Ziad al-Nakhalah" -> {"alnakhalah",
    "nakhalah"}; "Hossein Amir Abdollahian" -> {"amirabdollahian", "abdollahian"}."""
    out: set[str] = set()
    parts = [p for p in re.split(r"([\s\-‐‑–—]+)", name) if p]
    # indices of word starts
    starts = [i for i, p in enumerate(parts) if not re.fullmatch(r"[\s\-‐‑–—]+", p)]
    for n, i in enumerate(starts):
        if n == 0:
            continue
        tail = "".join(parts[i:])
        k = compact_key(tail)
        if k:
            out.add(k)
        # without a name particle: "al-Nakhalah" -> "Nakhalah"
        if parts[i].casefold() in _NAME_PARTICLES and n + 1 < len(starts):
            k2 = compact_key("".join(parts[starts[n + 1]:]))
            if k2:
                out.add(k2)
    return out


@lru_cache(maxsize=1 << 16)
def legal_base(name: str) -> str:
    """The name without its company legal form (cleanco): "General Motors Corporation" ->
    "General Motors", "Ford Motor Co." -> "Ford Motor"; the name itself when nothing is left
    ("Company") or there is no legal form. "Group" stays: it is often part of the name."""
    base = name
    while True:  # "Samsung Electronics Co., Ltd." has two
        last = base.rstrip(" ,").rsplit(" ", 1)[-1]
        terms = _LEGAL_BY_LAST.get(strip_punct(normalized(last))) if " " in base else None
        if not terms:
            return base
        shorter = custom_basename(base, terms).strip(" ,")
        if len(shorter) >= len(base) or compact_key(shorter) in ("", "the"):
            return base
        base = shorter


@lru_cache(maxsize=1 << 16)
def head_stripped(name: str) -> str | None:
    """The name without trailing lower-case common-noun heads: "United Auto Workers union" ->
    "United Auto Workers"; None when there is none (or nothing would be left)."""
    ws = words(name)
    n = len(ws)
    while n > 1 and ws[n - 1].isalpha() and ws[n - 1].islower():
        n -= 1
    return " ".join(ws[:n]) if n < len(ws) and any(w[:1].isupper() for w in ws[:n]) else None


def initials_keys(name: str) -> set[str]:
    """Initials an acronym of this name may spell: of the name, of it without its legal form and
    without a trailing generic head ("General Motors Corporation" -> GMC and GM)."""
    out = set()
    for form in {name, legal_base(name), head_stripped(name) or name}:
        # an expansion spells its words out: "US Senate" is not what "US" stands for
        if len(words(form)) >= 2 and not any(acronym(w) for w in words(form)):
            ini = initials(form)
            if len(ini) >= 2:
                out.add(ini)
    return out


@lru_cache(maxsize=1 << 16)
def person_parts(name: str) -> tuple[str, tuple[str, ...], str, str, bool]:
    """(given name, middle initials, surname, suffix, a middle name is an initial) by nameparser:
    "George H. W. Bush" -> ("george", ("h", "w"), "bush", "", True)."""
    h = HumanName(name)
    middles = [w for w in re.split(r"[\s.]+", h.middle) if w]
    return (compact_key(h.first), tuple(w[0].casefold() for w in middles), compact_key(h.last),
            compact_key(h.suffix), any(len(w) == 1 for w in middles))


def other_person(a: str, b: str) -> bool:
    """Two full names that cannot be one person, however alike they look: different middle
    initials ("George W. Bush", "George H. W. Bush", "George Bush") or suffixes ("Jr.")."""
    pa, pb = person_parts(a), person_parts(b)
    return pa[3] != pb[3] or ((pa[4] or pb[4]) and pa[1] != pb[1])


def initials(name: str) -> str:
    ws = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in _ACRONYM_STOP]
    return "".join(w[0] for w in ws if w[0].isalpha()).upper()


def acronym(name: str) -> str | None:
    s = name.replace(".", "")
    if 2 <= len(s) <= 8 and s.isalpha() and s.isupper():
        return s
    return None


def type_group(entity_type: str) -> str:
    return GEO_ORG if entity_type in ("ORG", "LOCATION") else entity_type


def is_people_plural(name: str) -> bool:
    """"Palestinians", "Iranians": the people, not the place's adjective."""
    return name.endswith("s") and name[:-1].endswith(("an", "i"))


# ---------------------------------------------------------------------------------------------
# Canonical names and alias rules


def canonical_form(surfaces: list[str]) -> str:
    """Most complete, then best supported, then most frequent surface form."""
    freq = Counter(s for s in surfaces if s)
    if not freq:
        return surfaces[0] if surfaces else ""
    return most_complete(freq)


def most_complete(freq: Counter) -> str:
    """``canonical_form`` on the counts of the non-empty surface forms (the key breaks every
    tie, so the order of ``freq`` does not matter)."""
    forms = list(freq)

    def support(form: str) -> int:
        total = 0
        for s, c in freq.items():
            if s == form or (form.endswith(s) and form[-len(s) - 1] in " -‐‑–—"):
                total += c
        return total

    # a form with a lower-case head ("United Auto Workers union") names the entity only if
    # nothing else does
    return max(forms, key=lambda f: (head_stripped(f) is None, pieces(f), support(f), freq[f], f))


def mention_rule(text: str, clean: str, stripped: bool, canonical: str, link):
    """How a mention's surface relates to its entity's canonical name."""
    if text == canonical:
        return "exact"
    same_norm = clean == canonical or norm_name(clean) == norm_name(canonical)
    if stripped and same_norm:
        return "honorific_stripped"
    if same_norm:
        return "normalised"
    if compact_key(clean) == compact_key(canonical):
        return "transliteration"
    if link is not None:
        return link
    return ("transliteration_fuzzy",
            round(fuzz.ratio(compact_key(clean), compact_key(canonical)) / 100.0, 4))


def scored(rule: str | tuple[str, float]) -> tuple[str, float]:
    """(rule, rounded score): a bare rule name scores what SCORES gives it."""
    name, score = (rule, SCORES.get(rule, 1.0)) if isinstance(rule, str) else rule
    return name, round(float(score), 4)

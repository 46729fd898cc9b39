"""How entity resolution compares names: clean surfaces, the keys derived from them (word-final
parts, initials, acronyms, type groups), the canonical form of a set of surfaces and the
``alias_rule`` (with its score) that relates a mention to its entity's canonical name.

The name keys themselves (``strip_edges``, ``norm_name``, ``compact_key``) are the shared ones of
``orchestration.lib.names``; the title and honorific word lists come from
``orchestration.lib.nlp.lexicon`` (spaCy-free). The pipeline is ``resolution.py``, the rules that
join nodes ``entity_merges.py``, the analysts' overrides ``overrides.py``.
"""

from __future__ import annotations

import re
from collections import Counter

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
SCORES = {
    "exact": 1.0, "normalised": 0.98, "honorific_stripped": 0.97, "transliteration": 0.95,
    "surname_backref": 0.9, "acronym": 0.9, "demonym": 0.85, "given_name_backref": 0.8,
    "surname_backref_global": 0.75, "acronym_global": 0.75,
    "override_merge": 1.0, "override_split": 1.0, "override_rename": 1.0,
}


# ---------------------------------------------------------------------------------------------
# Keys


def clean_name(text: str, entity_type: str | None) -> tuple[str, bool]:
    """Surface form without article, possessive and (PERSON) leading titles.
    Returns (clean, titles_were_stripped)."""
    s = strip_edges(text)
    stripped = False
    if entity_type == "PERSON":
        words = s.split(" ")
        while len(words) > 1 and words[0].rstrip(".").casefold() in _PERSON_PREFIXES:
            words = words[1:]
            stripped = True
        s = " ".join(words)
    return s, stripped


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

    return max(forms, key=lambda f: (pieces(f), support(f), freq[f], f))


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

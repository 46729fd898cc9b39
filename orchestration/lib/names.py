"""Keys of names: the one normaliser every rule compares names with (extraction per article,
entity resolution, event clustering), and the word key the event clustering compares
participant names and unresolved entities with. Cached: the same strings come back millions of
times."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE_END = re.compile(r"(?:'s|')$")
_DASHES_SPACES = re.compile(r"[\s\-‐‑–—_]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_NOT_WORD = re.compile(r"[^\w]+")
_KEY_CACHE = 1 << 18  # distinct strings kept per key function


@lru_cache(maxsize=_KEY_CACHE)
def strip_edges(text: str) -> str:
    s = text.replace("’", "'").replace("‘", "'").strip()
    s = s.strip(" \"'“”«»`,;:()[]")
    s = _SPACES.sub(" ", s)
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE_END.sub("", s)
    return s.strip(" \"'“”,;:")


@lru_cache(maxsize=_KEY_CACHE)
def norm_name(text: str) -> str:
    """Case, dots, hyphens, spacing: "the U.N. Security Council's" -> "un security council"."""
    s = strip_edges(text).casefold().replace(".", "")
    return _DASHES_SPACES.sub(" ", s).strip()


@lru_cache(maxsize=_KEY_CACHE)
def compact_key(text: str) -> str:
    """Transliterated, case-folded, letters and digits only: "Amir-Abdollahian" ->
    "amirabdollahian"."""
    return _NOT_ALNUM.sub("", anyascii(strip_edges(text)).casefold())


@lru_cache(maxsize=_KEY_CACHE)
def word_key(text: str) -> str:
    """Lower-cased words, any other character a separator: "the U.N. Security Council's" ->
    "u n security council". Unlike ``norm_name`` a dot splits ("U.N." is "u n", not "un"): the
    event clustering's keys (orchestration.lib.rules.event_links, event_clusters)."""
    return _NOT_WORD.sub(" ", strip_edges(text).lower()).strip()

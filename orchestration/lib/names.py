"""Keys of names: the one normaliser every rule compares names with (extraction per article,
entity resolution, event clustering). Cached: the same strings come back millions of times."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE_END = re.compile(r"(?:'s|')$")
_DASHES_SPACES = re.compile(r"[\s\-‐‑–—_]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
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

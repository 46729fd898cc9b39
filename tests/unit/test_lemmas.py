"""Lemmatizing once per distinct word form gives spaCy's own lemmas (real model)."""

from __future__ import annotations

import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer

from orchestration.lib.nlp import lemmas

# The same words under different parts of speech and morphology ("saw", "meeting", "left"),
from orchestration.lib.nlp.model import load_nlp, load_published

# The same words under different parts of speech and morphology ("saw", "meeting", "left"),
# inflections and exceptions, and tokens with no part of speech (whitespace).
TEXT = (
    "She saw the saw. The meeting was held after they had been meeting for hours; he left the "
    "left bank. Ministers met, better offers were made, the children's geese ran.  \n\n"
    "Whom did they meet? They're meeting again."
)


def test_newsdesk_loads_the_model_with_the_faster_lemmatizer():
    lemmatizer = load_nlp().get_pipe("lemmatizer")
    assert isinstance(lemmatizer, EnglishLemmatizer)
    assert type(lemmatizer).__call__ is not EnglishLemmatizer.__call__


def test_docs_are_byte_for_byte_the_published_models(published_model, seed_bodies):
    fast = load_published()
    assert lemmas.speed_up(fast.get_pipe("lemmatizer")) is True
    texts = [*seed_bodies, TEXT, TEXT.upper(), "", "  "]
    # Twice: the second pass takes every lemma from what the first one kept.
    for _ in range(2):
        for expected, got in zip(published_model.pipe(texts), fast.pipe(texts), strict=True):
            assert got.to_bytes() == expected.to_bytes()
    lemma_of = {(t.text, t.pos_): t.lemma_ for t in fast(TEXT)}
    assert (lemma_of[("saw", "VERB")], lemma_of[("saw", "NOUN")]) == ("see", "saw")
    assert (lemma_of[("meeting", "VERB")], lemma_of[("meeting", "NOUN")]) == ("meet", "meeting")
    assert (lemma_of[("left", "VERB")], lemma_of[("left", "ADJ")]) == ("leave", "left")
    assert (lemma_of[("children", "NOUN")], lemma_of[("'re", "AUX")]) == ("child", "be")


def test_lemmas_already_set_are_kept_unless_the_lemmatizer_overwrites():
    nlp = load_published()
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmas.speed_up(lemmatizer)
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp("Ministers met.")
    doc[1].lemma_ = "MEET"
    assert [t.lemma_ for t in lemmatizer(doc)] == ["minister", "MEET", "."]
    lemmatizer.overwrite = True
    assert [t.lemma_ for t in lemmatizer(doc)] == ["minister", "meet", "."]


def test_memo_starts_over_past_its_bound(monkeypatch):
    nlp = load_published()
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmas.speed_up(lemmatizer)
    monkeypatch.setattr(lemmas, "MAX_KEYS", 3)
    nlp(TEXT)
    assert len(lemmatizer._lemma_of_key) > 3
    assert [t.lemma_ for t in nlp("The children ran.")] == ["the", "child", "run", "."]
    assert len(lemmatizer._lemma_of_key) == 4  # emptied first, then this doc's four forms


def test_lookup_mode_and_unknown_lemmatizers_are_left_alone():
    nlp = spacy.blank("en")
    lookup = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert lemmas.speed_up(lookup) is False
    assert type(lookup).__call__ is EnglishLemmatizer.__call__

    class OwnRules(EnglishLemmatizer):
        pass

    own = OwnRules(nlp.vocab, None, mode="rule")
    assert lemmas.speed_up(own) is False
    assert type(own) is OwnRules

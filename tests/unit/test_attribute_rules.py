"""Matching the attribute ruler on token arrays gives spaCy's own annotations (real model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG

from orchestration.lib.nlp.attribute_rules import BLOCK_TOKENS, compile_rules, speed_up
from orchestration.lib.nlp.model import load_nlp

# The ruler's rarer rules: two-token lemma exceptions (gon na, got ta, let 's, c'm on, y' all,
# ai n't), the expletive-"there" verb, words whose lemma depends on the tag, whitespace tokens.
TRICKY = (
    "Y'all gonna see it, ain't you? Let's go, c'mon. There's a cat and there are two.  \n\n"
    "He gets what he got, I gotta say: it's gotten worse.\t Whom did they meet?"
)


@pytest.fixture(scope="module")
def texts(seed_bodies) -> list[str]:
    # Past BLOCK_TOKENS, with the rare rules on both sides of the block edge.
    long = " ".join([TRICKY] * (BLOCK_TOKENS // 40))
    return [*seed_bodies, TRICKY, long, "", " "]


def test_newsdesk_loads_the_model_with_the_array_matcher():
    ruler = load_nlp().get_pipe("attribute_ruler")
    assert "match" in vars(ruler)  # the instance's own match, not AttributeRuler.match


def test_matches_are_the_matchers_own(published_model, texts):
    ruler = published_model.get_pipe("attribute_ruler")
    fast = compile_rules(ruler)
    with published_model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(published_model.pipe(texts))
    matched = 0
    assert max(len(doc) for doc in docs) > BLOCK_TOKENS
    for doc in docs:
        expected = ruler.match(doc)
        assert fast(doc) == expected
        matched += len(expected)
    assert matched > sum(len(doc) for doc in docs)  # every token hits the tag map at least


def test_annotations_are_identical_to_the_published_model(published_model, texts):
    ours = load_nlp()
    for text in texts:
        expected, got = published_model(text), ours(text)
        assert got.to_bytes() == expected.to_bytes()
        assert (got.to_array([TAG, POS, MORPH, LEMMA]) ==
                expected.to_array([TAG, POS, MORPH, LEMMA])).all()
    doc = ours(TRICKY)
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"], lemmas["ai"]) == ("go", "to", "be")


def test_a_ruler_with_patterns_it_cannot_test_keeps_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}]], {"LEMMA": "THE"})
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "VERY"})
    assert speed_up(ruler) is False
    assert "match" not in vars(ruler)
    doc = nlp("the very very big")
    assert [t.lemma_ for t in doc][:3] == ["THE", "VERY", "VERY"]

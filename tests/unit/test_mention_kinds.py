"""Mention kinds, index names, operations and span repairs, on sentences written for these tests,
with the real spaCy model (orchestration.lib.nlp.mention_kinds, mention_joins, mention_spans)."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.lib.nlp import entities, events
from orchestration.lib.nlp.extract import ENTITY_MENTION_SCHEMA
from orchestration.lib.nlp.lexicon import demonym_country, reference_demonym
from orchestration.lib.nlp.model import load_nlp
from orchestration.lib.rules.resolution import resolve_entities


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _rows(nlp, text, article_id="t1"):
    return entities.entity_mentions_from_doc(nlp(text), {"drop_id": "d", "article_id": article_id})


def _by_text(rows):
    return {r["mention_text"]: (r["entity_type"], r["mention_kind"]) for r in rows}


def test_demonyms_are_never_name_mentions(nlp):
    rows = _rows(nlp, "Polish and Australian soldiers guarded the convoy while Lebanese officials "
                      "met Afghan and American diplomats in Kabul on Monday.")
    got = _by_text(rows)
    for dem in ("Polish", "Australian", "Lebanese", "Afghan", "American"):
        assert got[dem] == ("NORP", "demonym"), dem
    assert got["Kabul"] == ("LOCATION", "name")
    assert all(r["mention_kind"] in ("name", "demonym") for r in rows)


def test_demonym_reference_data_and_country_link():
    assert reference_demonym("Afghans") == "Afghanistan"
    assert reference_demonym("Polish") == "Poland"
    assert reference_demonym("South Korean") == "South Korea"
    assert reference_demonym("Kabul") is None
    # the place a demonym derives from, as the document writes it
    assert demonym_country("American", ["U.S.", "Iraq"]) == "U.S."
    # a name the demonym only modifies is not its place
    assert demonym_country("European", ["European Union"]) is None
    assert demonym_country("European", ["European Union", "Europe"]) == "Europe"


def test_demonym_links_to_country_but_is_no_alias_or_participant(nlp):
    text = ("Afghanistan's government said on Tuesday that Afghan troops attacked the town. "
            "The European Union and European ministers condemned the attack in Brussels.")
    rows = _rows(nlp, text)
    frame = pl.DataFrame(rows, schema=ENTITY_MENTION_SCHEMA, orient="row")
    resolved = {r["mention_id"]: r for r in resolve_entities(frame).to_dicts()}
    by_text = {r["mention_text"]: resolved[r["mention_id"]] for r in rows}
    # "Afghan" joins Afghanistan, as a demonym; "European" never joins the European Union
    assert by_text["Afghan"]["entity_id"] == by_text["Afghanistan"]["entity_id"]
    assert by_text["Afghan"]["alias_rule"] == "demonym"
    assert by_text["European"]["entity_id"] != by_text["European Union"]["entity_id"]
    # participants of the attack: never the demonym
    evs = events.event_mentions_from_doc(nlp(text), {"drop_id": "d", "article_id": "t1"}, rows)
    demonym_ids = {r["mention_id"] for r in rows if r["mention_kind"] == "demonym"}
    assert evs, "the attack is an event"
    for ev in evs:
        assert not demonym_ids & set(ev["participant_mention_ids"] or [])
        assert ev["location_mention_id"] not in demonym_ids


def test_market_indices_are_index_entities(nlp):
    rows = _rows(nlp, "Wall Street slid on Friday: the Dow Jones Industrial Average fell 310 "
                      "points, the Nasdaq Composite lost 1.8 percent and the S&P 500 closed at "
                      "5,120. In Tokyo the Nikkei 225 rose 0.4 percent, and in London the FTSE 100 "
                      "index edged lower. Traders said the Dow could fall again next week.")
    got = _by_text(rows)
    for name in ("Dow Jones Industrial Average", "Nasdaq Composite", "S&P 500", "Nikkei 225",
                 "FTSE 100"):
        assert got.get(name) == ("INDEX", "name"), (name, got)
    # the short form after the full name, by document evidence
    assert got.get("Dow") == ("INDEX", "name")
    assert got["Tokyo"] == ("LOCATION", "name")
    # an index moving by points, named by the document as an index
    rows = _rows(nlp, "Germany's DAX index dropped 95 points to 18,200. The DAX has lost 4 "
                      "percent this month.")
    assert [r["entity_type"] for r in rows if r["mention_text"] == "DAX"] == ["INDEX", "INDEX"]


def test_companies_are_not_persons(nlp):
    rows = _rows(nlp, "Washington Mutual Inc. said on Monday it would close 40 branches. Shares of "
                      "Washington Mutual fell 3 percent. Saturn Corporation, the carmaker, said "
                      "Saturn would cut 900 jobs.")
    got = _by_text(rows)
    assert got["Washington Mutual"] == ("ORG", "name")
    assert got["Saturn Corporation"] == ("ORG", "name")
    assert not any(r["entity_type"] == "PERSON" for r in rows), rows


def test_whole_org_span_after_of_for(nlp):
    rows = _rows(nlp, "Russia's Federal Service for the Financial Markets suspended the broker's "
                      "licence on Thursday.")
    orgs = [r["mention_text"] for r in rows if r["entity_type"] == "ORG"]
    assert orgs == ["Federal Service for the Financial Markets"]


def test_senior_counsel_is_not_an_org(nlp):
    rows = _rows(nlp, "Michael O'Higgins SC, for the applicant, told the High Court that the "
                      "decision was unlawful.")
    texts = [r["mention_text"] for r in rows]
    assert "SC" not in texts
    assert ("Michael O'Higgins", "PERSON") in {(r["mention_text"], r["entity_type"]) for r in rows}


def test_state_of_secretary_of_state_is_no_org(nlp):
    rows = _rows(nlp, "The Secretary of State, Antony Blinken, arrived in Cairo on Sunday for "
                      "talks with the Egyptian foreign minister.")
    assert "State" not in [r["mention_text"] for r in rows]
    assert ("Antony Blinken", "PERSON") in {(r["mention_text"], r["entity_type"]) for r in rows}


def test_operation_names_are_events(nlp):
    rows = _rows(nlp, "Hamas said the Al-Aqsa Flood Operation had begun at dawn, and Israel "
                      "answered with Operation Iron Swords.")
    got = _by_text(rows)
    assert got["Al-Aqsa Flood Operation"] == ("EVENT", "name")
    assert got["Hamas"] == ("ORG", "name")


def test_acronym_and_council_one_span(nlp):
    rows = _rows(nlp, "Diplomats said the UN Security Council would vote on the resolution on "
                      "Wednesday.")
    orgs = [r["mention_text"] for r in rows if r["entity_type"] == "ORG"]
    assert orgs == ["UN Security Council"]
    # no two mentions of one article overlap
    spans = sorted((r["start_char"], r["end_char"]) for r in rows)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))

"""The event taxonomy, modality and own-clause dates, on sentences written for these tests.

Real spaCy model, real entity extraction; each sentence is the kind of line news reports.
"""

import datetime as dt

import pytest

from orchestration.lib.nlp import entities, events
from orchestration.lib.nlp.event_types import FAMILY, TYPE_ORDER, TYPES, docs_table
from orchestration.lib.nlp.model import load_nlp
from orchestration.lib.rules import event_links

TUESDAY = dt.date(2024, 3, 26)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def extract(nlp, text, published=TUESDAY):
    article = {"drop_id": "d", "article_id": "t", "body": text, "published_date": published}
    doc = nlp(text)
    ents = entities.entity_mentions_from_doc(doc, article)
    return events.event_mentions_from_doc(doc, article, ents)


def one(rows, trigger):
    found = [r for r in rows if r["trigger_text"] == trigger]
    assert found, f"no event {trigger!r} in {[(r['trigger_text'], r['event_type']) for r in rows]}"
    return found[0]


def test_taxonomy_covers_the_news_kinds_and_is_documented():
    names = set(TYPE_ORDER)
    assert {
        "statement", "meeting", "agreement", "appointment", "election", "bankruptcy",
        "acquisition", "layoffs", "legal", "attack", "protest", "aid", "financial_result",
        "market_move", "forecast", "visit", "contact", "resolution", "other",
    } <= names
    assert all(t.description and (t.verbs or t.nouns) for t in TYPES)
    assert event_links.FAMILY is FAMILY and FAMILY["visit"] == "meeting"
    docs = open("dbt_project/models/_newsdesk__docs.md", encoding="utf-8").read()
    assert docs_table() in docs  # the dbt docs list every type with its description
    marts = open("dbt_project/models/marts/_marts__models.yml", encoding="utf-8").read()
    assert marts.count("values: [" + ", ".join(TYPE_ORDER) + "]") == 2


@pytest.mark.parametrize(
    "sentence, trigger, etype",
    [
        ("Toyota signed a supply agreement with Panasonic on Monday.", "signed", "agreement"),
        ("The board appointed Maria Lopez as chief executive on Monday.", "appointed",
         "appointment"),
        ("Finance Minister Peter Olsen resigned on Monday after the budget row.", "resigned",
         "appointment"),
        ("Voters in Chile elected Gabriel Boric on Monday.", "elected", "election"),
        ("Northwind Airlines filed for bankruptcy on Monday.", "bankruptcy", "bankruptcy"),
        ("Vodafone acquired the cable operator Kabel for $10 billion on Monday.", "acquired",
         "acquisition"),
        ("Ford laid off 3,000 workers at its Cologne plant on Monday.", "laid", "layoffs"),
        ("Siemens closed its Erlangen plant on Monday.", "closed", "layoffs"),
        ("Oracle sued Google in a federal court on Monday.", "sued", "legal"),
        ("Police arrested Tom Baker in Leeds on Monday.", "arrested", "legal"),
        ("Rebels attacked an army base near Goma on Monday.", "attacked", "attack"),
        ("Thousands of farmers protested in Brussels on Monday.", "protested", "protest"),
        ("The IMF approved a $3 billion loan to Egypt on Monday.", "loan", "aid"),
        ("Siemens reported a net loss of 200 million euros on Monday.", "loss",
         "financial_result"),
        ("The Dow Jones index fell 3 percent on Monday.", "fell", "market_move"),
        ("Airbus launched its new A321 jet in Toulouse on Monday.", "launched", "other"),
        ("Boeing delivered the first 787 to ANA on Monday.", "delivered", "other"),
        ("Apple announced a new iPhone on Monday.", "announced", "statement"),
    ],
)
def test_each_type_from_a_news_sentence(nlp, sentence, trigger, etype):
    row = one(extract(nlp, sentence), trigger)
    assert row["event_type"] == etype
    assert row["modality"] == "asserted"
    assert row["event_date"] == dt.date(2024, 3, 25)  # "on Monday" in a Tuesday article
    assert row["date_source"] == "weekday"


@pytest.mark.parametrize(
    "sentence, not_a",
    [
        ("Tensions rose sharply in the capital.", "market_move"),  # no market subject
        ("The store added a new section for children.", "statement"),  # no reported speech
        ("The engineers were demonstrating the new plane to reporters.", "protest"),
        ("The flight number was changed.", "other"),  # a noun modifying a noun
        ("The rise of populism worries the European Union.", "market_move"),
        ("The group wants to strike targets across the border.", "layoffs"),
    ],
)
def test_words_that_are_not_happenings_there(nlp, sentence, not_a):
    rows = extract(nlp, sentence)
    assert [r["trigger_text"] for r in rows if r["event_type"] == not_a] == []


@pytest.mark.parametrize(
    "sentence, trigger, modality",
    [
        ("Chrysler will file for bankruptcy if the talks with Fiat fail.", "talks",
         "hypothetical"),
        ("GM could file for bankruptcy within weeks.", "bankruptcy", "hypothetical"),
        ("The two companies did not sign the merger agreement on Monday.", "sign", "negated"),
        ("No agreement was reached in Geneva on Monday.", "agreement", "negated"),
        ("Airbus will deliver the first A350 to Qatar Airways on Friday.", "deliver", "future"),
        ("Ryanair plans to purchase 50 new Boeing jets.", "purchase", "future"),
        ("Ford is expected to announce job cuts next week.", "announce", "future"),
        ("Security at airports has been tightened since the 2001 attacks.", "attacks",
         "background"),
        ("Boeing had been suspended from bidding for military launch contracts.", "suspended",
         "background"),
        ("How did the two leaders meet?", "meet", "hypothetical"),
        ("Boeing delivered the first 787 to ANA on Monday.", "delivered", "asserted"),
    ],
)
def test_modality(nlp, sentence, trigger, modality):
    row = one(extract(nlp, sentence), trigger)
    assert row["modality"] == modality
    if modality != "asserted":
        assert row["event_date"] is None and row["date_source"] is None


def test_a_future_event_keeps_its_time_expression_but_no_date(nlp):
    row = one(extract(nlp, "Airbus will deliver the first A350 to Qatar Airways on Friday."),
              "deliver")
    assert row["date_text"] == "Friday" and row["event_date"] is None


def test_each_event_takes_the_date_of_its_own_clause(nlp):
    rows = extract(
        nlp,
        "China Eastern said on Thursday that it had signed a contract with Airbus on June 15, "
        "2009.",
        published=dt.date(2009, 6, 18),  # a Thursday
    )
    assert one(rows, "said")["event_date"] == dt.date(2009, 6, 18)
    signed = one(rows, "signed")
    assert signed["event_date"] == dt.date(2009, 6, 15) and signed["date_source"] == "explicit"


def test_relative_dates_resolve_against_publication(nlp):
    rows = extract(
        nlp,
        "Steve Jobs died yesterday in Palo Alto. Apple unveiled the iPhone 4S two days ago.",
        published=dt.date(2011, 10, 6),
    )
    assert one(rows, "died")["event_date"] == dt.date(2011, 10, 5)
    assert one(rows, "died")["date_source"] == "relative"
    assert one(rows, "unveiled")["event_date"] == dt.date(2011, 10, 4)


def test_narrative_date_carries_to_later_past_events(nlp):
    rows = extract(
        nlp,
        "On Wednesday, Apple chief executive Steve Jobs unveiled a new MacBook Air in Cupertino. "
        "Jobs also said that the company sold 14 million iPods. The Senate has voted on the "
        "bill.",
        published=dt.date(2010, 10, 23),  # a Saturday: Wednesday is 20 October
    )
    assert one(rows, "unveiled")["event_date"] == dt.date(2010, 10, 20)
    said = one(rows, "said")
    assert said["event_date"] == dt.date(2010, 10, 20) and said["date_source"] == "narrative"


def test_a_statement_is_not_a_meeting(nlp):
    rows = extract(nlp, "Chancellor Olaf Scholz said the talks with Poland were useful.")
    said = one(rows, "said")
    assert said["event_type"] == "statement" and FAMILY["statement"] != FAMILY["meeting"]


def test_a_pronoun_or_the_company_is_a_speaker_but_analysts_are_not(nlp):
    rows = extract(
        nlp,
        "Volkswagen chief executive Oliver Blume met union leaders in Wolfsburg on Monday. He "
        "said the plant in Zwickau would stay open. The company said sales fell. Analysts said "
        "the plan was bold.",
    )
    said = [r for r in rows if r["trigger_text"] == "said"]
    assert len(said) == 2  # "He said", "The company said"; not "Analysts said"
    assert all(r["event_date"] == dt.date(2024, 3, 25) for r in said)  # the narrative's Monday
    assert {r["date_source"] for r in said} == {"narrative"}
    assert [r["event_type"] for r in rows if r["trigger_text"] in ("sales", "plan")] == []


def test_a_recalled_old_date_does_not_become_the_story_day(nlp):
    rows = extract(
        nlp,
        "Apple chief executive Tim Cook unveiled the iPhone 15 in Cupertino on Tuesday. Cook "
        "succeeded Steve Jobs on August 24, 2011. Cook also said prices would stay the same.",
    )
    assert one(rows, "unveiled")["event_date"] == TUESDAY
    assert one(rows, "succeeded")["event_date"] == dt.date(2011, 8, 24)
    assert one(rows, "said")["event_date"] == TUESDAY  # not the recalled 2011 day


@pytest.mark.parametrize(
    "sentence, trigger, modality",
    [
        ("Qantas will be compensated by Airbus for the delay in deliveries.", "delay", "asserted"),
        ("Qantas to be compensated for A380 delays", "compensated", "future"),
        ("Officials fear the jets will not be able to land in Jakarta.", "land",
         "hypothetical"),
        ("Airbus is willing to contribute $20 million to the search.", "contribute",
         "hypothetical"),
    ],
)
def test_modality_of_nouns_headlines_and_adjectives(nlp, sentence, trigger, modality):
    assert one(extract(nlp, sentence), trigger)["modality"] == modality


def test_a_kind_of_happening_is_no_event(nlp):
    rows = extract(nlp, "Regular releases have fixed bugs quickly. Apple released iOS 17.")
    assert [r["trigger_text"] for r in rows if r["event_type"] == "other"] == ["released"]


def test_figures_of_speech_and_demands_are_no_asserted_happenings(nlp):
    rows = extract(
        nlp,
        "The Security Council called for a ceasefire and the release of all hostages. Iran "
        "continues to invest in its relationships with militant groups. SoftBank invested "
        "$2 billion in Uber on Monday.",
    )
    assert one(rows, "release")["modality"] == "hypothetical"
    assert [r["trigger_text"] for r in rows if r["event_type"] == "acquisition"] == ["invested"]


def test_a_headline_restated_in_the_lede_takes_the_lede_day(nlp):
    rows = extract(
        nlp,
        "Apple introduces new iPod with video playback\n\nOn Wednesday, Apple introduced an "
        "iPod that plays video in Cupertino.",
        published=dt.date(2005, 10, 13),  # a Thursday
    )
    head, lede = [r for r in rows if r["event_type"] == "other"][:2]
    assert head["is_lead"] and lede["event_date"] == dt.date(2005, 10, 12)
    assert head["event_date"] == dt.date(2005, 10, 12) and head["date_source"] == "weekday"


def test_saying_talking_about_and_applauding_are_statements_of_the_clause_subject(nlp):
    rows = extract(
        nlp,
        "Apple chief executive Steve Jobs unveiled the new laptops in Cupertino, saying the "
        "company wants more. Jobs talked about the move to Intel processors. Prime Minister "
        "Anthony Albanese applauded Qantas Airways.",
    )
    saying = one(rows, "saying")
    assert saying["event_type"] == "statement" and saying["participant_texts"] == ["Steve Jobs"]
    assert one(rows, "talked")["event_type"] == "statement"
    assert one(rows, "applauded")["event_type"] == "statement"


def test_participles_and_anaphors_share_a_known_date(nlp):
    rows = extract(
        nlp,
        "On Monday, Apple chief executive Tim Cook unveiled the new phones, saying sales were "
        "strong. Airbus signed a deal with Qantas on March 20. The deal was approved by the "
        "Qantas board.",
    )
    assert one(rows, "saying")["event_date"] == dt.date(2024, 3, 25)
    anaphor = [r for r in rows if r["trigger_text"] == "deal"][1]
    assert anaphor["is_anaphoric"] and anaphor["event_date"] == dt.date(2024, 3, 20)


def test_a_present_perfect_is_the_day_s_news_only_in_the_lede(nlp):
    rows = extract(
        nlp,
        "Boeing has won a contract from the US Air Force. Lockheed Martin has signed a supply "
        "deal with Boeing. Workers said they were pleased. Critics said Boeing has sold too "
        "many jets.",
    )
    assert one(rows, "won")["is_lead"]
    signed = one(rows, "signed")
    assert signed["event_date"] == TUESDAY and signed["date_source"] == "dateline"
    assert one(rows, "sold")["event_date"] is None  # outside the lede: an indefinite past


def test_habits_counts_and_promises_are_not_asserted_happenings(nlp):
    rows = extract(
        nlp,
        "Normally, the president flies on a Garuda Indonesia jet. Boeing now has a total of 237 "
        "orders for the 787. Cisco has promised a compatible release before June.",
    )
    assert [r["trigger_text"] for r in rows if r["trigger_text"] in ("flies", "orders")] == []
    assert one(rows, "release")["modality"] == "future"


def test_an_anaphor_set_apart_by_an_adjective_keeps_no_borrowed_date(nlp):
    rows = extract(
        nlp,
        "Apple Corps sued Apple Computer in London on Monday. The first lawsuit was settled in "
        "1981.",
    )
    first = one(rows, "lawsuit")
    assert first["event_date"] is None


def test_recently_is_no_day_of_the_story(nlp):
    rows = extract(
        nlp,
        "Emirates signed a deal with Airbus on Monday. The airline recently launched three new "
        "routes to the United States.",
    )
    assert one(rows, "signed")["event_date"] == dt.date(2024, 3, 25)
    assert one(rows, "launched")["event_date"] is None

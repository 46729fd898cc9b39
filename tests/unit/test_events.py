"""Event mentions and event clustering, on small sentences and on the seed articles.

Uses the real spaCy model (loaded once per process by ``load_nlp``) and the real entity,
resolution and parsing modules.
"""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from orchestration.lib.nlp import entities, events
from orchestration.lib.nlp.extract import ENTITY_MENTION_SCHEMA, EVENT_MENTION_SCHEMA
from orchestration.lib.nlp.model import load_nlp
from orchestration.lib.read.parse import parse_text
from orchestration.lib.rules import event_clusters
from orchestration.lib.rules.resolution import resolve_entities

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TUESDAY = dt.date(2024, 3, 26)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def extract(nlp, text: str, published=TUESDAY, article_id: str = "t"):
    article = {"drop_id": "d", "article_id": article_id, "body": text, "published_date": published}
    doc = nlp(text)
    ents = entities.entity_mentions_from_doc(doc, article)
    return events.event_mentions_from_doc(doc, article, ents), ents


def by_trigger(rows, trigger):
    found = [r for r in rows if r["trigger_text"] == trigger]
    assert found, f"no event with trigger {trigger!r} in {[r['trigger_text'] for r in rows]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_extraction(nlp):
    arts, ents, evs = [], [], []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), path.stem)
        art = {
            "drop_id": "seeds",
            "article_id": path.stem,
            "body": parsed.body,
            "published_date": parsed.published_date,
        }
        doc = nlp(parsed.body)
        e = entities.entity_mentions_from_doc(doc, art)
        ents.extend(e)
        evs.extend(events.event_mentions_from_doc(doc, art, e))
        arts.append(art)
    ev = pl.DataFrame(evs, schema=EVENT_MENTION_SCHEMA, orient="row")
    resolved = resolve_entities(pl.DataFrame(ents, schema=ENTITY_MENTION_SCHEMA, orient="row"))
    clusters = event_clusters.cluster_events(ev, resolved)
    return ev, resolved, clusters


# ------------------------------------------------------------------------- small sentences


def test_rows_have_exactly_the_contract_keys(nlp):
    rows, _ = extract(nlp, "Iran's foreign minister Hossein Amir-Abdollahian met Ismail Haniyeh.")
    assert rows and all(set(r) == set(EVENT_MENTION_SCHEMA) for r in rows)
    frame = pl.DataFrame(rows, schema=EVENT_MENTION_SCHEMA, orient="row")
    assert frame.height == len(rows)


def test_lead_meeting_takes_participants_place_and_dateline(nlp):
    rows, _ = extract(
        nlp,
        "Iranian Foreign Minister Hossein Amir-Abdollahian and Hamas leader Ismail Haniyeh "
        "convened in Tehran on the war in Gaza.",
    )
    lead = by_trigger(rows, "convened")
    assert lead["event_type"] == "meeting"
    assert lead["is_lead"] and not lead["is_anaphoric"]
    assert set(lead["participant_texts"]) == {"Hossein Amir-Abdollahian", "Ismail Haniyeh"}
    assert lead["location_text"] == "Tehran"
    assert lead["event_date"] == TUESDAY and lead["date_source"] == "dateline"
    assert lead["event_mention_id"] == f"t:e{lead['trigger_start']}"


def test_visit_prefers_the_city_and_a_future_weekday_resolves(nlp):
    rows, _ = extract(
        nlp,
        "Ismail Haniyeh, the head of the Hamas Political Bureau, is set to visit Tehran, Iran, "
        "for crucial discussions with Iranian officials. This significant meeting is scheduled "
        "for Tuesday.",
        published=dt.date(2024, 3, 25),  # a Monday: Tuesday is the next day
    )
    visit = by_trigger(rows, "visit")
    assert visit["event_type"] == "visit" and visit["location_text"] == "Tehran"
    assert visit["participant_texts"] == ["Ismail Haniyeh"]
    meeting = by_trigger(rows, "meeting")
    assert meeting["is_anaphoric"]
    assert meeting["event_date"] == dt.date(2024, 3, 26)
    assert (meeting["date_text"], meeting["date_source"]) == ("Tuesday", "weekday")


def test_contact_between_two_people_with_its_own_date(nlp):
    rows, _ = extract(
        nlp,
        "Ismail Haniyeh visited Tehran and met Hossein Amir-Abdollahian. Communication between "
        "the two sides has been ongoing, with the latest contact between Haniyeh and "
        "Amir-Abdollahian occurring on March 22.",
    )
    contact = by_trigger(rows, "contact")
    assert contact["event_type"] == "contact"
    assert set(contact["participant_texts"]) == {"Haniyeh", "Amir-Abdollahian"}
    assert contact["event_date"] == dt.date(2024, 3, 22)
    assert contact["date_source"] == "explicit" and not contact["is_lead"]
    # the verb coordinated with the lead shares its dateline date
    met = by_trigger(rows, "met")
    assert met["event_date"] == TUESDAY and met["date_source"] == "dateline"


def test_an_undated_non_lead_event_stays_null(nlp):
    rows, _ = extract(
        nlp,
        "Ismail Haniyeh met Hossein Amir-Abdollahian in Tehran. The meeting followed a UN "
        "Security Council resolution calling for a ceasefire.",
    )
    resolution = by_trigger(rows, "resolution")
    assert resolution["event_type"] == "resolution"
    assert resolution["participant_texts"] == ["UN Security Council"]
    assert resolution["event_date"] is None and resolution["date_source"] is None


def test_resolution_sense_and_council_calls(nlp):
    rows, _ = extract(
        nlp,
        "Officials hope for a sustainable resolution to the war. The international community, "
        "led by the U.N. Security Council, has called for an immediate ceasefire.",
    )
    assert [r["trigger_text"] for r in rows if r["event_type"] == "resolution"] == ["called"]
    called = by_trigger(rows, "called")
    assert called["participant_texts"] == ["U.N. Security Council"]


def test_attack_with_year_less_date(nlp):
    rows, _ = extract(nlp, "Tehran has repeatedly denied any involvement in the October 7 attack.")
    attack = by_trigger(rows, "attack")
    assert attack["event_type"] == "attack"
    assert attack["event_date"] == dt.date(2023, 10, 7)
    assert not attack["is_anaphoric"]  # it has a date of its own


def test_statements_need_a_speaker(nlp):
    rows, _ = extract(
        nlp,
        "Iran's relationship with Hamas is strong, as stated by Iranian officials. "
        "Ismail Haniyeh said the talks were constructive.",
    )
    statements = [r for r in rows if r["event_type"] == "statement"]
    assert [r["participant_texts"] for r in statements] == [["Ismail Haniyeh"]]


# ------------------------------------------------------------------------- clustering


def _mention(article, start, etype="meeting", parts=(), date=None, loc=None, **kw):
    return {
        "drop_id": "d",
        "article_id": article,
        "event_mention_id": f"{article}:e{start}",
        "event_type": etype,
        "trigger_text": etype,
        "trigger_start": start,
        "trigger_end": start + 5,
        "participant_mention_ids": [f"{article}:{p}" for p in parts],
        "participant_texts": list(parts),
        "location_mention_id": f"{article}:{loc}" if loc else None,
        "location_text": loc,
        "event_date": date,
        "date_text": None,
        "date_source": kw.get("date_source", "explicit" if date else None),
        "is_lead": kw.get("is_lead", False),
        "is_anaphoric": kw.get("is_anaphoric", False),
        "modality": kw.get("modality", "asserted"),
        "sentence": "",
        "sentence_start": 0,
        "sentence_end": 0,
    }


def _resolved(mentions):
    rows = []
    for m in mentions:
        for mid, text in zip(m["participant_mention_ids"], m["participant_texts"], strict=True):
            rows.append({"mention_id": mid, "entity_id": f"E:{text}", "canonical_name": text})
        if m["location_mention_id"]:
            loc = m["location_text"]
            rows.append(
                {"mention_id": m["location_mention_id"], "entity_id": f"E:{loc}",
                 "canonical_name": loc}
            )
    return pl.DataFrame(rows, schema={"mention_id": pl.String, "entity_id": pl.String,
                                      "canonical_name": pl.String})


def _cluster(mentions):
    frame = pl.DataFrame(mentions, schema=EVENT_MENTION_SCHEMA, orient="row")
    out = event_clusters.cluster_events(frame, _resolved(mentions))
    assert out.columns == list(event_clusters.CLUSTER_SCHEMA)
    assert out.height == len(mentions)
    return dict(out.select("event_mention_id", "event_id").iter_rows())


def test_cluster_rules_on_synthetic_mentions():
    d1, d2 = dt.date(2024, 3, 26), dt.date(2024, 3, 30)
    ms = [
        _mention("a", 0, parts=("Haniyeh", "Abdollahian"), date=d1, loc="Tehran", is_lead=True),
        _mention("a", 50, is_anaphoric=True),  # "this meeting"
        _mention("b", 0, "visit", parts=("Haniyeh",), date=d1, loc="Tehran", is_lead=True),
        _mention("c", 0, parts=("Nakhalah", "Abdollahian"), date=d2, loc="Tehran"),
        _mention("d", 0, parts=("Haniyeh",), date=d2, loc="Tehran"),  # other date: other event
        _mention("e", 0, "statement", parts=("Haniyeh",)),
        _mention("f", 0, "statement", parts=("Haniyeh",)),  # undated statements never merge
        _mention("g", 0, "resolution", parts=("UNSC",)),
        _mention("h", 0, "resolution", parts=("UNSC",)),  # undated: merges with undated
    ]
    ids = _cluster(ms)
    assert ids["a:e0"] == ids["a:e50"] == ids["b:e0"]
    assert len({ids["a:e0"], ids["c:e0"], ids["d:e0"]}) == 3
    assert ids["e:e0"] != ids["f:e0"]
    assert ids["g:e0"] == ids["h:e0"]


def test_undated_joins_dated_only_on_a_strong_match():
    d1 = dt.date(2024, 3, 26)
    weak = [
        _mention("a", 0, parts=("Haniyeh", "Abdollahian"), date=d1, loc="Tehran"),
        _mention("b", 0, parts=("Haniyeh",), loc="Tehran"),
    ]
    ids = _cluster(weak)
    assert ids["a:e0"] != ids["b:e0"]
    strong = [weak[0], _mention("b", 0, parts=("Haniyeh", "Abdollahian"), loc="Tehran")]
    ids = _cluster(strong)
    assert ids["a:e0"] == ids["b:e0"]


def test_event_ids_are_stable():
    ms = [_mention("a", 0, parts=("X",), date=dt.date(2024, 1, 1))]
    assert _cluster(ms) == _cluster(list(ms))


def _cluster_texts(nlp, texts: dict[str, str]):
    """Extract and cluster ``texts`` (article_id -> body): mention rows joined to their event."""
    evs, ents = [], []
    for article_id, text in texts.items():
        rows, found = extract(nlp, text, article_id=article_id)
        evs.extend(rows)
        ents.extend(found)
    frame = pl.DataFrame(evs, schema=EVENT_MENTION_SCHEMA, orient="row")
    resolved = resolve_entities(pl.DataFrame(ents, schema=ENTITY_MENTION_SCHEMA, orient="row"))
    out = event_clusters.cluster_events(frame, resolved)
    return frame.join(out, on="event_mention_id").sort("article_id", "trigger_start").to_dicts()


@pytest.mark.parametrize("question_first", [True, False])
def test_a_question_about_a_meeting_is_not_the_meeting_it_asks_about(nlp, question_first):
    asked_line = '"How did you two meet?" a cousin asked the couple. '
    met_line = '"We met back in high school," Ortiz told the guests. '
    rows = _cluster_texts(nlp, {"w": (
        "Singer Maya Ortiz and chef Leon Brandt married in Madrid on Saturday. "
        + (asked_line + met_line if question_first else met_line + asked_line)
    )})
    asked, met = by_trigger(rows, "meet"), by_trigger(rows, "met")
    assert (asked["modality"], met["modality"]) == ("hypothetical", "asserted")
    # the question has no participants: it used to continue the earlier "met" as one meeting
    assert asked["event_id"] != met["event_id"]
    assert asked["merge_reason"] == met["merge_reason"] == "single mention"


def test_unlike_happenings_of_one_company_stay_apart(nlp):
    rows = _cluster_texts(nlp, {"p": (
        "Toyota unveiled a hybrid van in Tokyo on Monday. "
        "The company also cancelled its older diesel model. "
        "Toyota launched the van in Europe last year."
    )})
    events_of = {r["trigger_text"]: r["event_id"] for r in rows if r["event_type"] == "other"}
    assert set(events_of) == {"unveiled", "cancelled", "launched"}
    assert len(set(events_of.values())) == 3


def test_one_meeting_reported_by_two_articles_is_one_event_with_its_reason(nlp):
    rows = _cluster_texts(nlp, {
        "r1": "Ford chief executive Jim Farley met German chancellor Olaf Scholz in Berlin on "
              "Monday to discuss a battery plant.",
        "r2": "Olaf Scholz and Jim Farley held talks in Berlin on Monday about electric cars, "
              "the government said.",
    })
    meetings = [r for r in rows if r["event_type"] == "meeting"]
    assert [(r["article_id"], r["trigger_text"]) for r in meetings] == [
        ("r1", "met"), ("r2", "talks")
    ]
    assert meetings[0]["event_id"] == meetings[1]["event_id"]
    assert meetings[0]["event_date"] == meetings[1]["event_date"] == dt.date(2024, 3, 25)
    reason = meetings[1]["merge_reason"]
    assert reason.startswith("across articles: same type family (meeting), date 2024-03-25")
    assert "shared participant" in reason and "same location Berlin" in reason
    # the government's statement is a happening of its own
    said = by_trigger(rows, "said")
    assert said["event_id"] not in {m["event_id"] for m in meetings}


def test_modality_keeps_mentions_apart_across_and_within_articles():
    d1 = dt.date(2024, 6, 3)
    ms = [
        # "Airbus signed an order with Qantas in Sydney on Monday"
        _mention("a", 0, "agreement", parts=("Airbus", "Qantas"), date=d1, loc="Sydney"),
        # "Airbus did not sign the Qantas order on Monday, a spokesman said"
        _mention("b", 0, "agreement", parts=("Airbus", "Qantas"), date=d1, loc="Sydney",
                 modality="negated"),
        # "Airbus and Qantas will sign a second order", then "the order" with no participants
        _mention("a", 80, "agreement", parts=("Airbus", "Qantas"), modality="future"),
        _mention("a", 120, "agreement", modality="asserted"),
        # two articles both expecting the same future signing do group
        _mention("c", 0, "agreement", parts=("Airbus", "Qantas"), loc="Sydney", modality="future"),
        _mention("d", 0, "agreement", parts=("Airbus", "Qantas"), loc="Sydney", modality="future"),
    ]
    ids = _cluster(ms)
    assert ids["a:e0"] != ids["b:e0"]  # a denial is not the signing
    assert ids["a:e80"] != ids["a:e0"]  # the planned order is not the signed one
    assert ids["a:e120"] == ids["a:e0"]  # "the order" continues the asserted signing
    assert ids["c:e0"] == ids["d:e0"]
    frame = pl.DataFrame(ms, schema=EVENT_MENTION_SCHEMA, orient="row")
    reasons = dict(
        event_clusters.cluster_events(frame, _resolved(ms))
        .select("event_mention_id", "merge_reason").iter_rows()
    )
    assert "both future" in reasons["d:e0"] and reasons["d:e0"].startswith("across articles")


# ------------------------------------------------------------------------- seeds


def _events_of(seed_extraction):
    ev, resolved, clusters = seed_extraction
    names = dict(resolved.select("entity_id", "canonical_name").iter_rows())
    joined = ev.join(clusters, on="event_mention_id")
    out = {}
    for (event_id,), g in joined.group_by("event_id"):
        dates = {d for d in g["event_date"].to_list() if d is not None}
        out[event_id] = {
            "articles": {a[:3] for a in g["article_id"].to_list()},
            "types": set(g["event_type"].to_list()),
            "dates": dates,
            "participants": {names.get(e, e) for ids in g["participant_entity_ids"] for e in ids},
            "locations": {names.get(e, e) for e in g["location_entity_id"].drop_nulls()},
            "reasons": g["merge_reason"].to_list(),
        }
    return out


def _find(evs, etype, articles):
    hits = [e for e in evs.values() if etype in e["types"] and articles <= e["articles"]]
    assert len(hits) == 1, f"{etype} in {articles}: {len(hits)} events"
    return hits[0]


def test_seed_meeting_of_haniyeh_and_amir_abdollahian_is_one_event(seed_extraction):
    evs = _events_of(seed_extraction)
    meeting = _find(evs, "meeting", {"000", "001", "004"})
    assert meeting["articles"] == {"000", "001", "004"}
    assert meeting["dates"] == {dt.date(2024, 3, 26)}
    assert meeting["locations"] == {"Tehran"}
    assert {"Ismail Haniyeh", "Hossein Amir-Abdollahian"} <= meeting["participants"]
    assert any(
        "date 2024-03-26" in r and "shared participant" in r and "Tehran" in r
        for r in meeting["reasons"]
    )


def test_seed_meeting_of_al_nakhalah(seed_extraction):
    evs = _events_of(seed_extraction)
    meeting = next(e for e in evs.values() if dt.date(2024, 3, 30) in e["dates"])
    assert meeting["articles"] == {"002"} and meeting["types"] == {"meeting"}
    assert meeting["dates"] == {dt.date(2024, 3, 30)}
    assert meeting["locations"] == {"Tehran"}
    assert any("Nakhalah" in p for p in meeting["participants"])
    assert any("Abdollahian" in p for p in meeting["participants"])


def test_seed_security_council_resolution_reported_by_four_articles(seed_extraction):
    evs = _events_of(seed_extraction)
    resolution = _find(evs, "resolution", {"000", "001", "002", "004"})
    assert resolution["dates"] == set()
    assert any("Security Council" in p for p in resolution["participants"])


def test_seed_contact_of_march_22(seed_extraction):
    evs = _events_of(seed_extraction)
    contact = _find(evs, "contact", {"004"})
    assert contact["dates"] == {dt.date(2024, 3, 22)}
    assert {"Ismail Haniyeh", "Hossein Amir-Abdollahian"} <= contact["participants"]


def test_seed_lead_events(seed_extraction):
    ev, _, _ = seed_extraction
    leads = {
        r["article_id"][:3]: r
        for r in ev.filter(pl.col("is_lead")).iter_rows(named=True)
    }
    assert set(leads) == {"000", "001", "002", "003", "004"}
    assert leads["000"]["trigger_text"] == "convened"
    assert leads["000"]["date_source"] == "dateline"
    assert leads["002"]["event_date"] == dt.date(2024, 3, 30)
    assert leads["002"]["date_source"] == "explicit"
    assert leads["003"]["event_date"] is None  # no publication date, no date in the text

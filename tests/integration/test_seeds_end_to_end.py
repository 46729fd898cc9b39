"""The whole graph materialised on the sample drop through Dagster (real dbt build, real GE,
real DuckDB), asserted against what an analyst reads out of the seeds."""

from __future__ import annotations

import datetime as dt

import pytest

MARTS = (
    "articles",
    "quarantined_articles",
    "entities",
    "entity_aliases",
    "entity_mentions",
    "entity_roles",
    "events",
    "event_mentions",
    "claims",
)


def short(article_id: str) -> str:
    return article_id[:3]


@pytest.mark.parametrize("mart", MARTS)
def test_every_mart_holds_rows(query, mart):
    assert query(f"select count(*) from marts.{mart}")[0][0] > 0


def test_articles_accepted_with_their_dates(query, expected):
    rows = dict(query("select article_id, published_date from marts.articles"))
    for article_id, item in expected["articles"].items():
        if item["status"] == "accepted":
            assert rows[article_id] == item["published"], article_id
    assert len(rows) == 4


def test_no_article_has_a_blank_title(query):
    rows = {a: (t, src, place) for a, t, src, place in query(
        "select article_id, title, title_source, dateline_place from marts.articles")}
    assert all(title and title.strip() for title, _, _ in rows.values())
    derived = sorted(a[:3] for a, (_, src, _) in rows.items() if src == "derived")
    assert derived == ["000", "001", "002"]  # the lede sits on the date line: no headline
    title, _, _ = next(v for a, v in rows.items() if a.startswith("001"))
    assert title.startswith("Ismail Haniyeh, the head of the Hamas Political Bureau")
    assert len(title) <= 101 and title.endswith("…")
    headline = next(v for a, v in rows.items() if a.startswith("004"))
    assert headline[:2] == ("Hamas and Iran: Haniyeh meets Iranian FM amid Gaza crisis", "headline")
    assert {place for _, _, place in rows.values()} == {None}  # the seeds have no dateline


def test_quarantine_has_both_reasons(query, expected):
    rows = query("select article_id, reasons, detail from marts.quarantined_articles")
    assert len(rows) == 1
    article_id, reasons, detail = rows[0]
    assert sorted(reasons) == sorted(expected["articles"][article_id]["reasons"])
    assert "[insert date here]" in detail


def test_publisher_and_authors_from_the_page(query, expected):
    article_id = "004_f3bea19917c7ffeb"
    publisher, authors = query(
        "select publisher, authors from marts.articles where article_id = ?", [article_id]
    )[0]
    assert publisher == expected["articles"][article_id]["publisher"]
    assert authors == expected["articles"][article_id]["authors"]


def test_spelling_variants_are_one_entity(query, expected):
    person = next(e for e in expected["entities"] if e["name"] == "Hossein Amir-Abdollahian")
    rows = query(
        "select distinct entity_id from marts.entity_mentions where mention_text in "
        f"({', '.join('?' * len(person['aliases']))})",
        person["aliases"],
    )
    assert len(rows) == 1
    name, entity_type = query(
        "select name, entity_type from marts.entities where entity_id = ?", [rows[0][0]]
    )[0]
    assert (name, entity_type) == (person["name"], person["type"])


def test_mentions_point_into_the_body(query):
    bad = query(
        "select count(*) from marts.entity_mentions m join marts.articles a using (article_id) "
        "where substr(a.body, m.start_char + 1, m.end_char - m.start_char) <> m.mention_text"
    )[0][0]
    assert bad == 0


def test_byline_and_furniture_are_not_entities(query, expected):
    names = {r[0].casefold() for r in query("select mention_text from marts.entity_mentions")}
    for not_entity in (
        expected["not_entities"] + expected["articles"]["004_f3bea19917c7ffeb"]["authors"]
    ):
        assert not_entity.casefold() not in names
    lebanon = query(
        "select count(*) from marts.entity_mentions where article_id like '004%' "
        "and mention_text = 'Lebanon'"
    )[0][0]
    assert lebanon == 0


def test_tehran_meeting_is_one_event_with_three_sources(query, expected):
    meeting = expected["events"][0]
    rows = query(
        "select event_id, participants, source_count, list_sort(article_ids), location "
        "from marts.events where event_type = 'meeting' and event_date = ?",
        [meeting["date"]],
    )
    assert len(rows) == 1
    _, participants, source_count, article_ids, location = rows[0]
    assert source_count == 3
    assert [short(a) for a in article_ids] == meeting["reported_by"]
    assert set(meeting["participants"]) <= set(participants)
    assert location == meeting["location"]


def test_runs_are_idempotent(seeds_warehouse, query):
    from orchestration import settings
    from orchestration.pipeline import run_drops

    before = {m: query(f"select count(*) from marts.{m}")[0][0] for m in MARTS}
    raw_before = query("select count(*) from raw.articles")[0][0]
    assert run_drops([(settings.SAMPLE_DROP_ID, settings.SAMPLE_DROP_DIR)]).success
    after = {m: query(f"select count(*) from marts.{m}")[0][0] for m in MARTS}
    assert after == before
    assert query("select count(*) from raw.articles")[0][0] == raw_before == 5


def test_no_publication_date_in_the_future(query):
    latest = query("select max(published_date) from marts.articles")[0][0]
    assert latest <= dt.date.today()

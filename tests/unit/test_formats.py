"""HTML pages and JSON / JSONL records become the same parsed article as plain text."""

import datetime as dt
import json

import pytest

from orchestration.lib.read.formats import (
    Article,
    MalformedRecord,
    parse_date_value,
    parse_html,
    parse_json,
    parse_json_lines,
)
from tests.helpers.bad_drop import COUNCIL_PAGE

FURNITURE = (
    "cookie",
    "Accept all",
    "Home",
    "Weather",
    "Related stories",
    "Bus fares to rise",
    "Bridge closure",
    "All rights reserved",
    "Privacy policy",
    "Terms of use",
    "By Priya Raman",
)


def test_html_page_main_text_without_furniture():
    article = parse_html(COUNCIL_PAGE, "council_tram")
    body = article.parsed.body
    assert body.startswith("Council approves northern tram extension\n\nThe city council voted")
    assert "independent review of the costs" in body
    for furniture in FURNITURE:
        assert furniture not in body, furniture


def test_html_page_title_author_site_and_date():
    parsed = parse_html(COUNCIL_PAGE, "council_tram").parsed
    assert parsed.title == "Council approves northern tram extension"
    assert parsed.authors == ["Priya Raman"]
    assert parsed.publisher == "Riverside Gazette"
    # the date as the page states it (09:30 at +01:00 is still 3 June)
    assert parsed.published_date == dt.date(2024, 6, 3)
    assert parsed.date_text == "2024-06-03"


@pytest.mark.parametrize(
    "meta, date_text, published",
    [
        ("1985-06-01T10:00:00Z", "1985-06-01", dt.date(1985, 6, 1)),  # reaches the gate
        ("2131-01-01", "2131-01-01", dt.date(2131, 1, 1)),
        ("sometime last spring", "sometime last spring", None),  # unparsable, not missing
    ],
)
def test_html_dates_reach_the_gate_as_stated(meta, date_text, published):
    page = COUNCIL_PAGE.replace("2024-06-03T09:30:00+01:00", meta)
    parsed = parse_html(page, "p").parsed
    assert (parsed.date_text, parsed.published_date) == (date_text, published)


def test_html_footer_year_is_not_a_date():
    page = COUNCIL_PAGE.replace(
        '<meta property="article:published_time" content="2024-06-03T09:30:00+01:00">', ""
    )
    parsed = parse_html(page, "p").parsed
    assert parsed.date_text is None and parsed.published_date is None


def test_jsonl_records_keep_line_numbers_and_bad_lines_stay_apart():
    text = "\n".join(
        [
            json.dumps({"title": "One", "date": "2024-03-26", "body": "First story text."}),
            "",
            '{"title": "Cut',
            json.dumps(
                {
                    "headline": "Three",
                    "published": "2024-03-27T10:00:00Z",
                    "text": "Third story text.",
                    "author": [{"name": "A. Writer"}],
                    "url": "https://example.org/3",
                    "source": "Wire",
                }
            ),
            "42",
        ]
    )
    results = parse_json_lines(text, "feed")
    assert [type(r).__name__ for r in results] == [
        "Article",
        "MalformedRecord",
        "Article",
        "MalformedRecord",
    ]
    first, broken, third, number = results
    assert (first.record, first.parsed.article_id, first.parsed.title) == (1, "feed_1", "One")
    assert first.parsed.body == "One\n\nFirst story text."
    assert broken.record == 3 and "line 3" in broken.detail
    assert third.parsed.article_id == "feed_4"
    assert third.parsed.published_date == dt.date(2024, 3, 27)
    assert third.parsed.authors == ["A. Writer"]
    assert (third.url, third.parsed.publisher) == ("https://example.org/3", "Wire")
    assert number.record == 5 and "not an object" in number.detail


def test_json_object_array_and_broken_file():
    single = parse_json(json.dumps({"title": "T", "date": "2024-01-02", "body": "B."}), "one")
    assert len(single) == 1 and isinstance(single[0], Article)
    assert single[0].record is None and single[0].parsed.article_id == "one"

    array = parse_json(json.dumps([{"title": "A", "body": "x."}, "oops"]), "many")
    assert isinstance(array[0], Article) and array[0].parsed.article_id == "many_1"
    assert isinstance(array[1], MalformedRecord) and array[1].record == 2

    broken = parse_json('{"title": "T", "body": "never closed', "bad")
    assert len(broken) == 1 and isinstance(broken[0], MalformedRecord)
    assert broken[0].record is None

    assert parse_json("[]", "nothing") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-03-26", dt.date(2024, 3, 26)),
        ("2024-03-26T23:30:00-05:00", dt.date(2024, 3, 26)),
        ("2024-03-26T10:00:00Z", dt.date(2024, 3, 26)),
        ("Tue, 26 Mar 2024 10:00:00 +0000", dt.date(2024, 3, 26)),
        ("26 March 2024", dt.date(2024, 3, 26)),
        ("March 26, 2024", dt.date(2024, 3, 26)),
        ("03/04/2024", None),  # ambiguous
        ("2024-13-45", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_value(text, expected):
    assert parse_date_value(text) == expected

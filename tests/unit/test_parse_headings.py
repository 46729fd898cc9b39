"""Headings are body paragraphs, and extraction treats them apart: a heading's title-case words
are not names unless the story names them too, and a heading reports no event and no claim.
The rule for "this span is a heading" is ``parse.heading_spans``; entities, events and claims
read it from the body they parse."""

from __future__ import annotations

import pytest

from orchestration.lib.read.parse import in_heading, parse_text

TEXT = (
    " date 2024-05-06 Port strike ends in Rotterdam\n\n"
    "Dockworkers in the Dutch city of Rotterdam returned to work on Monday after the union "
    "accepted a wage offer, Prime Minister Mark Rutte said.\n\n"
    "Economic Fallout and the Way Forward\n\n"
    "The agreement raises wages by 4 percent this year, the union said.\n\n"
    "Mark Rutte Meets 3,000 Port Workers Over $2 Billion Deal\n\n"
    "Talks on pensions are due to resume next spring.\n"
)


@pytest.fixture(scope="module")
def extracted():
    from orchestration.lib.nlp.extract import extract_articles

    parsed = parse_text(TEXT, "port")
    article = {"drop_id": "d", "article_id": "port", "body": parsed.body,
               "published_date": parsed.published_date}
    return parsed, extract_articles([article])


def test_headings_stay_in_the_body_as_paragraphs(extracted):
    parsed, _ = extracted
    assert parsed.headings == ["Economic Fallout and the Way Forward",
                               "Mark Rutte Meets 3,000 Port Workers Over $2 Billion Deal"]
    assert "\n\nEconomic Fallout and the Way Forward\n\n" in parsed.body
    assert parsed.title == "Port strike ends in Rotterdam"


def test_heading_mentions_need_the_story_to_name_them(extracted):
    parsed, extraction = extracted
    rows = extraction.entity_mentions.to_dicts()
    in_headings = [r["mention_text"] for r in rows
                   if in_heading(parsed.heading_spans, r["start_char"])]
    assert in_headings == ["Mark Rutte"]  # the story names him outside the heading
    # the model reads "the Way" as an organisation; nothing in the story confirms it
    assert not [r for r in rows if "Way" in r["mention_text"]]
    for r in rows:
        assert parsed.body[r["start_char"]:r["end_char"]] == r["mention_text"]


def test_headings_report_no_event_and_no_claim(extracted):
    parsed, extraction = extracted
    triggers = extraction.event_mentions["trigger_start"].to_list()
    assert not [t for t in triggers if in_heading(parsed.heading_spans, t)]
    claims = extraction.claim_mentions.to_dicts()
    assert [c["quantity_text"] for c in claims] == ["4 percent"]

"""Bylines, datelines, date lines and labels: only furniture leaves the body (own sentences)."""

from __future__ import annotations

import pytest

from orchestration.lib.read import furniture
from orchestration.lib.read.parse import display_title, parse_text

PLANT_CLOSURES = (
    " date 2006-01-24 Ford to close plants\n\n"
    "Ford Motor Co. said on Monday it would close fourteen factories and cut up to 30,000 jobs "
    "over the next six years.\n\n"
    "By the end of this year, the Atlanta and St. Louis plants will be closed.\n\n"
    "By Friday, the union had called a meeting of its members in Dearborn.\n"
)


def test_a_sentence_beginning_with_by_stays_in_the_body():
    parsed = parse_text(PLANT_CLOSURES, "ford")
    sentence = "By the end of this year, the Atlanta and St. Louis plants will be closed."
    assert sentence in parsed.body
    assert "By Friday, the union had called a meeting" in parsed.body
    assert parsed.authors == []


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By John Smith and Jane Doe", ["John Smith", "Jane Doe"]),
        ("By JANE DOE, Reuters", ["Jane Doe"]),
        ("By Maria van der Berg, Staff Writer", ["Maria van der Berg"]),
        ("By Ann Lee, Tom Ford and Raj Patel", ["Ann Lee", "Tom Ford", "Raj Patel"]),
    ],
)
def test_bylines_leave_the_body_and_give_the_authors(line, authors):
    text = (f" date 2024-05-02 Council backs tram plan\n\n{line}\n\n"
            "The city council voted on Wednesday to extend the tram line to the airport.\n")
    parsed = parse_text(text, "tram")
    assert parsed.authors == authors
    assert line not in parsed.body and "voted on Wednesday" in parsed.body


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, prices had doubled.",
        "By Christmas, most of the shops had closed",
        "By Monday morning the deal was done",
        "By 2030 the city wants every bus to run on electricity",
    ],
)
def test_not_bylines(line):
    assert not furniture.is_byline(line)


@pytest.mark.parametrize(
    ("opening", "place", "written"),
    [
        ("LONDON 1996-08-30\n\n", "London", "LONDON"),
        ("DETROIT (Reuters) - ", "Detroit", "DETROIT"),
        ("WASHINGTON, Oct 3 - ", "Washington", "WASHINGTON"),
        ("PARIS, France — ", "Paris", "PARIS"),
        ("NEW YORK (AP) — ", "New York", "NEW YORK"),
        ("RIO DE JANEIRO (Reuters) - ", "Rio de Janeiro", "RIO DE JANEIRO"),
        ("Taipei, Taiwan — ", "Taipei", "Taipei"),
    ],
)
def test_datelines_stay_in_the_body_and_give_the_place(opening, place, written):
    text = (f" date 2024-10-03 Talks resume\n\n{opening}"
            "Negotiators met again on Thursday to discuss the trade agreement.\n")
    parsed = parse_text(text, "talks")
    assert parsed.dateline_place == place
    assert parsed.body.startswith(f"Talks resume\n\n{opening.strip()}")
    found = furniture.find_dateline(parsed.body)
    assert parsed.body[found.start:found.end] == written
    assert text[parsed.source_offset(found.start):][: len(written)] == written


def test_no_dateline_in_ordinary_openings():
    for body in ("Group F — Sweden beat Korea Republic 1-0 on Monday.",
                 "Hamas and Iran: leaders meet in Tehran",
                 "GM (Reuters) - the carmaker said on Tuesday it would cut jobs.",
                 "Mr Smith — who had resigned in May — returned to the board."):
        assert furniture.find_dateline(body) is None, body


def test_date_line_and_caption_are_text_labels_are_furniture():
    text = (" date 2015-09-12 Crane collapse kills dozens\n\n"
            "Saturday, September 12, 2015\n\n"
            "World\n\n"
            "Pilgrims walk past the damaged mosque in the city centre\n\n"
            "A construction crane fell onto the Grand Mosque in Mecca on Friday, killing 107.\n")
    parsed = parse_text(text, "crane")
    assert "Saturday, September 12, 2015" in parsed.body
    assert parsed.boilerplate == ["World"]
    assert parsed.headings == ["Pilgrims walk past the damaged mosque in the city centre"]
    start = parsed.heading_starts[0]
    assert text[start:].startswith("Pilgrims walk past")


def test_derived_title_when_there_is_no_headline():
    lead = ("Negotiators from both sides met in Geneva on Thursday to resume talks on a trade "
            "agreement that has been stalled for more than two years. A second round is planned.")
    parsed = parse_text(f" date 2024-10-03 {lead}\n", "geneva")
    assert parsed.title is None and parsed.title_source == "derived"
    title = display_title(parsed)
    assert title.endswith("…") and len(title) <= 101
    assert lead.startswith(title[:-1]) and not title[:-1].endswith(" ")
    short = parse_text(" date 2024-10-03 Talks resumed in Geneva on Thursday. More follows.\n", "g")
    assert display_title(short) == "Talks resumed in Geneva on Thursday."


def test_headline_is_the_title():
    parsed = parse_text(" date 2024-10-03 Talks resume\n\nNegotiators met on Thursday.\n", "t")
    assert parsed.title_source == "headline" and display_title(parsed) == "Talks resume"


def test_dateline_place_is_a_location_mention():
    from orchestration.lib.nlp.extract import extract_articles

    text = (" date 2005-06-07 Carmaker to cut jobs\n\nDETROIT (Reuters) - General Motors said on "
            "Tuesday it would cut 25,000 jobs in the United States by 2008.\n")
    parsed = parse_text(text, "gm")
    extraction = extract_articles(
        [{"drop_id": "d", "article_id": "gm", "body": parsed.body,
          "published_date": parsed.published_date}]
    )
    rows = extraction.entity_mentions.to_dicts()
    detroit = [r for r in rows if r["mention_text"] == "DETROIT"]
    assert len(detroit) == 1 and detroit[0]["entity_type"] == "LOCATION"
    start = detroit[0]["start_char"]
    assert parsed.body[start:detroit[0]["end_char"]] == "DETROIT"
    assert not any(r["start_char"] < start + 7 and start < r["end_char"] for r in rows
                   if r is not detroit[0])

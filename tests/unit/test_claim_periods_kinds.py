"""Claims' date-like period, per-unit denominator, ranges, kinds and tallies, on small sentences."""

import datetime as dt

import pytest

from orchestration.lib.nlp import claims
from orchestration.lib.nlp.model import load_nlp

PUBLISHED = dt.date(2008, 10, 29)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def rows(nlp, text: str, published=PUBLISHED):
    article = {"drop_id": "d", "article_id": "t", "body": text, "published_date": published}
    return claims.claim_mentions_from_doc(nlp(text), article)


def row(nlp, text: str, quantity: str, published=PUBLISHED):
    found = [r for r in rows(nlp, text, published) if quantity in r["quantity_text"]]
    assert found, [r["quantity_text"] for r in rows(nlp, text, published)]
    return found[0]


# ------------------------------------------------------------------------------- period


def test_a_weekday_in_the_clause_fixes_the_day(nlp):
    r = row(nlp, "The Nikkei 225 index closed down 486.18 points on Monday.", "486.18")
    assert r["period"] == "2008-10-27"
    assert r["per"] is None


def test_yesterday_and_last_year_resolve_against_the_publication_date(nlp):
    r = row(nlp, "The carmaker sold 13.7 million cars last year.", "13.7 million")
    assert r["period"] == "2007"
    r = row(nlp, "Shares of the bank fell 12 percent yesterday.", "12 percent")
    assert r["period"] == "2008-10-28"


def test_a_named_quarter_and_a_month(nlp):
    r = row(nlp, "GM lost $2.5 billion in the third quarter.", "$2.5 billion")
    assert r["period"] == "2008-Q3"
    r = row(nlp, "Exports rose 4 percent in March 2008.", "4 percent")
    assert r["period"] == "2008-03"


def test_a_stock_stated_now_is_the_publication_day(nlp):
    r = row(nlp, "So far the airline has received 35 orders for the new jet.", "35")
    assert r["period"] == "2008-10-29"


def test_a_year_modifying_a_noun_or_governed_by_since_is_no_period(nlp):
    r = row(nlp, "The company was born in a garage and built a 1999 plant that employed "
                 "300 workers.", "300")
    assert r["period"] != "1999"
    r = row(nlp, "Since 1995 the firm has delivered 5,000 engines to date.", "5,000")
    assert r["period"] == "2008-10-29"


def test_a_participle_shares_the_time_of_its_clause(nlp):
    r = row(nlp, "Ford sold 1.2 million trucks last year, totaling $40 billion.", "$40 billion")
    assert r["period"] == "2007"
    r = row(nlp, "The airline already operates a fleet consisting of 30 jets.", "30")
    assert r["period"] == "2008-10-29"


def test_the_date_of_the_report_is_not_the_quantitys(nlp):
    r = row(nlp, "The minister said on Monday that the plant will employ 900 people.", "900")
    assert r["period"] is None
    assert r["kind"] == "target"


def test_a_specification_has_no_period(nlp):
    r = row(nlp, "The aircraft carries 250 passengers over a range of 8,000 miles.", "250")
    assert r["period"] is None


# ------------------------------------------------------------------- per-unit denominators


def test_a_rate_keeps_its_denominator_apart_from_the_period(nlp):
    a = row(nlp, "In 2006 Iran gave Hamas $70 million a year, officials said on Tuesday.",
            "$70 million")
    b = row(nlp, "Iran sends Hamas $30 million a month.", "$30 million")
    assert (a["per"], a["unit"], a["value"]) == ("year", "USD/year", 70e6)
    assert (b["per"], b["unit"], b["value"]) == ("month", "USD/year", 360e6)
    # the clause's year; "a year" is the rate, "on Tuesday" dates the report
    assert a["period"] == "2006"


# ------------------------------------------------------------------------- ranges, tallies


def test_a_range_keeps_its_ends(nlp):
    r = row(nlp, "The plant is expected to create 1,500 to 2,000 jobs.", "1,500")
    assert (r["low"], r["high"]) == (1500, 2000)
    assert r["raw_value"] == 1750 and r["qualifier"] == "approximately"
    assert r["kind"] == "estimate"


def test_a_single_value_has_no_ends(nlp):
    r = row(nlp, "The bank reported a net loss of $1.2 billion.", "$1.2 billion")
    assert (r["low"], r["high"], r["kind"]) == (None, None, "fact")


def test_a_vote_is_a_tally_not_a_midpoint(nlp):
    r = row(nlp, "The Senate voted 52-35 to approve the bailout.", "52")
    assert r["kind"] == "tally"
    assert r["raw_value"] == 52 and (r["low"], r["high"]) == (35, 52)


# --------------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("text", "quantity", "kind"),
    [
        ("Analysts forecast a loss of $3 billion for the quarter.", "$3 billion", "estimate"),
        ("The White House expects the deficit to reach $482 billion.", "$482 billion",
         "estimate"),
        ("The company plans to cut 10,000 jobs by 2010.", "10,000", "target"),
        ("The new jet will carry 150 tonnes of cargo.", "150", "target"),
        ("Ford sold 2,000 trucks in September.", "2,000", "fact"),
        ("Their projections showed that the firm held 19 percent of the market.", "19 percent",
         "estimate"),
        ("The plan includes the proposed closure of 3 plants.", "3", "target"),
    ],
)
def test_kinds(nlp, text, quantity, kind):
    assert row(nlp, text, quantity)["kind"] == kind


def test_a_range_split_by_the_model_is_one_claim(nlp):
    found = rows(nlp, "The new airliner seats between 250 and 300 passengers.")
    assert [(r["quantity_text"], r["low"], r["high"]) for r in found] == [
        ("between 250 and 300", 250, 300)
    ]


def test_nautical_miles_and_written_currency_words(nlp):
    r = row(nlp, "The jet has a range of 7,500 to 8,200 nautical miles.", "7,500")
    assert (r["raw_unit"], r["low"], r["high"]) == ("nmi", 7500, 8200)
    r = row(nlp, "The delays have cost the planemaker more than 4 billion dollars.", "4 billion")
    assert (r["raw_value"], r["raw_unit"], r["qualifier"]) == (4e9, "USD", "more than")


def test_per_unit_denominators_are_kept(nlp):
    r = row(nlp, "The bank earned $0.67 per share in the quarter.", "$0.67")
    assert (r["per"], r["unit"], r["value"]) == ("share", "USD/share", 0.67)
    r = row(nlp, "The automaker will receive $1,500 per vehicle from the scheme.", "$1,500")
    assert (r["per"], r["unit"]) == ("vehicle", "USD/vehicle")
    r = row(nlp, "Shares of the carmaker fell $2.10 in early trading.", "$2.10")
    assert r["per"] == "share"


# ---------------------------------------------------------------------- numbers inside names


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Apple released iOS 4 and the iPhone 4 sold 1.7 million units.", ["1.7 million"]),
        ("Delta flies the Boeing 737-800 on 40 routes.", ["40"]),
        ("The Boeing 787-8 seats 242 passengers.", ["242"]),
        ("Boeing's 787 has won 900 orders, and the new 787 aircraft flew again.", ["900"]),
        ("Walmart is the No. 1 retailer and employs 2.1 million people.", ["2.1 million"]),
        ("The phone has 3G and costs $199.", ["$199"]),
        ("It seats 400 people in a three-class layout.", ["400"]),
        ("Its serial number is 001 and it weighs 277 tonnes.", ["277 tonnes"]),
    ],
)
def test_numbers_inside_names_are_no_claims(nlp, text, kept):
    assert [r["quantity_text"] for r in rows(nlp, text)] == kept


def test_a_count_of_a_model_is_still_a_claim(nlp):
    found = rows(nlp, "Boeing 777 sales grew: Emirates ordered 18 777s and 14 of them are new.")
    assert [r["quantity_text"] for r in found][:1] == ["18"]

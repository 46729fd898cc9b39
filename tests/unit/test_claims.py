"""Quantitative claims: extraction on small sentences and the seeds, grouping and agreement."""

from pathlib import Path

import polars as pl
import pytest

from orchestration.lib.nlp import claims, numbers
from orchestration.lib.nlp.entities import entity_mentions_from_doc
from orchestration.lib.nlp.extract import CLAIM_MENTION_SCHEMA
from orchestration.lib.nlp.model import load_nlp
from orchestration.lib.read.parse import parse_text
from orchestration.lib.rules import claim_groups

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def extract(nlp, text: str, article_id: str = "t"):
    article = {"drop_id": "d", "article_id": article_id, "body": text, "published_date": None}
    return claims.claim_mentions_from_doc(nlp(text), article)


def only(rows):
    assert len(rows) == 1, [r["quantity_text"] for r in rows]
    return rows[0]


@pytest.fixture(scope="module")
def seed_claims(nlp):
    rows, dates = [], {}
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), path.stem)
        art = {"drop_id": "seeds", "article_id": path.stem, "body": parsed.body,
               "published_date": parsed.published_date}
        doc = nlp(parsed.body)  # with the article's entity mentions, as extraction runs it
        rows.extend(claims.claim_mentions_from_doc(doc, art, entity_mentions_from_doc(doc, art)))
        dates[path.stem] = parsed.published_date
    frame = pl.DataFrame(rows, schema=CLAIM_MENTION_SCHEMA, orient="row").with_columns(
        pl.col("article_id").replace_strict(dates, return_dtype=pl.Date).alias("published_date"))
    accepted = [a for a in frame["article_id"].unique().to_list() if not a.startswith("003")]
    return frame, claim_groups.group_claims(frame, accepted)


def seed_claim(frame, article, quantity_text):
    hits = frame.filter(
        pl.col("article_id").str.starts_with(article) & (pl.col("quantity_text") == quantity_text)
    )
    assert hits.height == 1, f"{article} {quantity_text}: {hits.height}"
    return hits.row(0, named=True)


# ------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("2.3 million", 2_300_000),
        ("a million", 1_000_000),
        ("32,000", 32_000),
        ("$70 million", 70_000_000),
        ("twenty-five", 25),
        ("two and a half", 2.5),
        ("half a million", 500_000),
        ("1.5bn", 1_500_000_000),
        ("three hundred", 300),
    ],
)
def test_parse_number(words, value):
    assert numbers.parse_number(words.replace("$", "$ ").split()) == pytest.approx(value)


def test_ranges_give_their_midpoint():
    assert numbers.parse_quantity("15 - 20".split()) == (17.5, (15, 20))
    assert numbers.parse_quantity("1.5 to 2 million".split()) == (1_750_000, (1_500_000, 2e6))
    assert numbers.parse_quantity("a few hundred".split()) == (None, None)


# ------------------------------------------------------------------------- small sentences


def test_rows_have_exactly_the_contract_keys(nlp):
    rows = extract(nlp, "The ministry said 1,200 people were killed.")
    assert rows and all(set(r) == set(CLAIM_MENTION_SCHEMA) for r in rows)
    assert pl.DataFrame(rows, schema=CLAIM_MENTION_SCHEMA, orient="row").height == len(rows)


def test_money_with_a_period_becomes_usd_per_year(nlp):
    row = only(extract(nlp, "Reports suggest that Iran has allocated approximately $30 million "
                            "monthly to support Hamas operations."))
    assert row["quantity_text"] == "$30 million"
    assert (row["raw_value"], row["raw_unit"], row["per"]) == (30e6, "USD", "month")
    assert (row["value"], row["unit"]) == (360e6, "USD/year")
    assert row["qualifier"] == "approximately"
    assert row["attribution"] == "Reports"
    assert row["subject_terms"][0] == "support"
    assert {"iran", "hamas"} <= set(row["subject_terms"])


def test_annual_support_reads_its_subject_from_the_parse(nlp):
    row = only(extract(nlp, "With Iran's annual support of $70 million to Hamas, this "
                            "relationship has significant implications."))
    assert row["subject"] == "Iran's annual support to Hamas"
    assert (row["value"], row["unit"], row["per"]) == (70e6, "USD/year", "year")


def test_percent_of_a_population(nlp):
    row = only(extract(nlp, "The war has wrought devastating effects on Gaza's infrastructure, "
                            "displacing over 80% of its population."))
    assert (row["value"], row["unit"], row["raw_unit"]) == (0.8, "fraction", "percent")
    assert row["qualifier"] == "more than"
    assert row["subject"] == "Gaza's population displaced"


def test_counts_qualifiers_and_subjects(nlp):
    rows = extract(nlp, "The situation in Rafah exemplifies the dire conditions, with over a "
                        "million Palestinians struggling for survival. The staggering death "
                        "toll, surpassing 32,000 Palestinians, has intensified calls for a "
                        "ceasefire.")
    rafah, toll = rows
    assert (rafah["quantity_text"], rafah["value"], rafah["qualifier"]) == (
        "a million", 1e6, "more than")
    assert rafah["subject"] == "Palestinians in Rafah"
    assert (toll["value"], toll["qualifier"], toll["subject"]) == (32000, "more than", "death toll")
    assert toll["subject_terms"][0] == "death" and rafah["subject_terms"][0] == "palestinian"


def test_hour_long_is_a_duration(nlp):
    row = only(extract(nlp, "Following their hour-long meeting, Haniyeh inscribed a note."))
    assert (row["value"], row["unit"], row["subject"]) == (1, "hour", "meeting duration")


@pytest.mark.parametrize(
    "text",
    [
        "Since 2015, Iran has increased its support.",
        "The 2021 conflict was short.",
        "Communication between the two sides has been ongoing.",
        "This marks the second time he has visited.",
        "The attack happened on October 7.",
        "Boeing 737 jets were grounded.",
        "It was published at 13:25 on 2024-03-26.",
        "Thousands of people protested.",
    ],
)
def test_things_that_are_not_quantity_claims(nlp, text):
    assert extract(nlp, text) == []


def test_attribution_patterns(nlp):
    row = only(extract(nlp, "According to the health ministry, the death toll has risen to 1,200."))
    assert row["attribution"] == "health ministry"
    assert row["subject"] == "death toll" and row["value"] == 1200
    row = only(extract(nlp, "Officials said 15 people were killed in the attack."))
    assert row["attribution"] == "Officials"
    assert row["subject"] == "people killed" and row["subject_terms"][0] == "death"


# ------------------------------------------------------------------------- grouping


def _claim(cid, terms, value, unit="count", qualifier=None, **extra):
    article = cid.split(":")[0]
    row = {
        "drop_id": "d", "article_id": article, "claim_id": cid, "subject": " ".join(terms),
        "subject_terms": terms, "quantity_text": str(value), "quantity_start": 0,
        "quantity_end": 1, "raw_value": value, "raw_unit": unit, "per": None, "period": None,
        "low": None, "high": None, "kind": "fact",
        "qualifier": qualifier, "attribution": None, "value": value, "unit": unit,
        "sentence": f"sentence of {cid}", "sentence_start": 0, "sentence_end": 0,
    }
    return row | extra


def _group(rows, accepted, published=None):
    """Grouped rows by claim id; ``published``: article -> date (default: all the same day)."""
    import datetime as dt

    frame = pl.DataFrame(rows, schema=CLAIM_MENTION_SCHEMA, orient="row")
    day = dt.date(2024, 3, 20)
    frame = frame.with_columns(pl.col("article_id").replace_strict(
        published or {}, default=day, return_dtype=pl.Date).alias("published_date"))
    out = claim_groups.group_claims(frame, accepted)
    assert out.columns == list(claim_groups.GROUP_SCHEMA) and out.height == len(rows)
    return {r["claim_id"]: r for r in out.iter_rows(named=True)}


def test_grouping_thresholds_and_statuses():
    rows = [
        _claim("a:c1", ["death", "palestinian"], 32000, qualifier="more than"),
        _claim("b:c1", ["death", "palestinian", "gaza"], 33000),
        _claim("c:c1", ["death", "palestinian", "gaza"], 20000),  # quarantined, contradicts
        _claim("a:c2", ["death", "palestinian"], 32500),  # same article: never with a:c1
        _claim("b:c2", ["palestinian", "rafah"], 1e6),  # other head: own group
        _claim("d:c1", ["death", "palestinian"], 0.8, unit="fraction"),  # other unit
    ]
    out = _group(rows, accepted=["a", "b", "d"])
    g = out["a:c1"]["claim_group_id"]
    assert out["b:c1"]["claim_group_id"] == g == out["c:c1"]["claim_group_id"]
    assert out["a:c2"]["claim_group_id"] != g
    assert out["b:c2"]["claim_group_id"] != g and out["d:c1"]["claim_group_id"] != g
    assert out["a:c1"]["group_status"] == "agrees"  # "more than 32,000" fits 33,000
    assert out["a:c1"]["status_with_quarantined"] == "contradicts"
    assert out["a:c1"]["conflicting_claim_ids"] == ["c:c1"]
    assert out["b:c2"]["group_status"] == "single" and out["b:c2"]["group_rationale"] is None
    assert "against 20000 (c:c1)" in out["a:c1"]["group_rationale"]
    assert out["b:c1"]["tolerance"] == round(500 / 33000, 4)  # "33000": to the thousand


def test_a_claim_lists_at_most_the_first_conflicting_claims_of_its_group_sorted_by_id():
    # one outlier against 101 agreeing articles: it lists the first MAX_CONFLICTS_LISTED of them
    # (in the group's order: by article), each of them lists only the outlier
    terms = ["death", "palestinian", "gaza"]
    rows = [_claim("a000:c1", terms, 5000)]
    rows += [_claim(f"b{k:03d}:c1", terms, 33000) for k in range(101)]
    out = _group(rows, accepted=[r["article_id"] for r in rows])
    assert len({r["claim_group_id"] for r in out.values()}) == 1
    listed = out["a000:c1"]["conflicting_claim_ids"]
    assert len(listed) == claim_groups.MAX_CONFLICTS_LISTED
    assert listed == sorted(f"b{k:03d}:c1" for k in range(claim_groups.MAX_CONFLICTS_LISTED))
    assert out["b050:c1"]["conflicting_claim_ids"] == ["a000:c1"]
    assert out["b050:c1"]["group_status"] == "contradicts"


def test_agreement_follows_the_rounding_of_the_figures():
    assert claim_groups.claims_agree((1.78e9, None), (1.8e9, None))  # "$1.8 billion" rounds
    assert not claim_groups.claims_agree((16400.0, None), (14800.0, None))
    assert claim_groups.claims_agree((10000.0, None), (10400.0, None))  # a round 10,000: 5 %
    assert not claim_groups.claims_agree((10000.0, None), (12000.0, None))
    assert claim_groups.claims_agree((1000.0, "more than"), (5000.0, None))
    assert not claim_groups.claims_agree((1000.0, "less than"), (5000.0, None))
    assert claim_groups.claims_agree((4300.0, "approximately"), (4500.0, None))


def test_a_year_anchor_keeps_claims_apart():
    rows = [
        _claim("a:c1", ["death", "palestinian", "gaza"], 32000),
        _claim("b:c1", ["death", "palestinian", "gaza", "2021"], 250),
    ]
    out = _group(rows, accepted=["a", "b"])
    assert out["a:c1"]["claim_group_id"] != out["b:c1"]["claim_group_id"]


def test_job_cuts_by_country_pair_up_by_place_and_never_contradict_across_places():
    cut = ["decrease", "job", "carmaker"]
    rows = [  # two reports of one plan, each giving the cuts of each country
        _claim("a:c1", [*cut, "france"], 4300, subject="Carmaker jobs cut in France",
               subject_entity="Carmaker", kind="target"),
        _claim("a:c2", [*cut, "germany"], 3700, subject="Carmaker jobs cut in Germany",
               subject_entity="Carmaker", kind="target"),
        _claim("b:c1", [*cut, "france"], 4300, subject="jobs lost in France", kind="estimate"),
        _claim("b:c2", [*cut, "germany"], 3900, subject="Carmaker jobs cut in Germany",
               subject_entity="Carmaker", kind="target"),
    ]
    out = _group(rows, accepted=["a", "b"])
    france = {out["a:c1"]["claim_group_id"], out["b:c1"]["claim_group_id"]}
    assert len(france) == 1 and out["a:c1"]["group_status"] == "agrees"
    assert "joined on agreeing values only" in out["a:c1"]["group_rationale"]
    # the same measure, entity, place and kind: 3,700 against 3,900 is a contradiction
    assert out["a:c2"]["claim_group_id"] == out["b:c2"]["claim_group_id"]
    assert out["a:c2"]["group_status"] == "contradicts"
    assert out["a:c1"]["claim_group_id"] != out["a:c2"]["claim_group_id"]


def test_a_weak_match_never_contradicts_and_other_periods_or_entities_never_meet():
    rows = [
        # a fall of one index on one day against another index's fall on another day
        _claim("a:c1", ["fall", "point", "dow"], 344.65, subject="Dow daily fall",
               subject_entity="Dow", period="2008-09-04", unit="points"),
        _claim("b:c1", ["fall", "point", "ftse"], 118.4, subject="FTSE daily fall",
               subject_entity="FTSE", period="2008-09-17", unit="points"),
        _claim("c:c1", ["fall", "point", "dow"], 300.0, subject="Dow daily fall",
               subject_entity="Dow", period="2008-09-17", unit="points"),
        # a forecast against a result: never a contradiction
        _claim("d:c1", ["profit", "acme"], 2e9, subject="Acme profit", subject_entity="Acme",
               unit="USD", period="2009-Q3", kind="estimate"),
        _claim("e:c1", ["profit", "acme"], 1.5e9, subject="Acme profit", subject_entity="Acme",
               unit="USD", period="2009-Q3"),
        # two articles giving "two" of something agree by chance, not as a report
        _claim("f:c1", ["model", "acme"], 2, subject="Acme models"),
        _claim("g:c1", ["model"], 2, subject="models"),
    ]
    out = _group(rows, accepted=list("abcdefg"))
    assert len({r["claim_group_id"] for r in out.values()}) == len(rows)
    assert {r["group_status"] for r in out.values()} == {"single"}


def test_syndicated_copies_count_once():
    same = "The plant will employ 1,200 people, the company said."
    rows = [_claim("a:c1", ["population", "plant"], 1200, sentence=same),
            _claim("b:c1", ["population", "plant"], 1200, sentence=same + " "),
            _claim("c:c1", ["population", "plant"], 1200, sentence="Other words, 1,200 people.")]
    out = _group(rows[:2], accepted=["a", "b"])
    assert out["a:c1"]["claim_group_id"] == out["b:c1"]["claim_group_id"]
    assert out["a:c1"]["group_status"] == "single"  # one report, copied
    out = _group(rows, accepted=["a", "b", "c"])
    assert out["a:c1"]["group_status"] == "agrees"
    assert out["a:c1"]["group_rationale"].startswith("3 claims in 2 reports")


# ------------------------------------------------------------------------- seeds


def test_seed_claim_values(seed_claims):
    frame, _ = seed_claims
    toll = seed_claim(frame, "000", "32,000")
    assert (toll["value"], toll["qualifier"], toll["unit"]) == (32000, "more than", "count")
    casualties = seed_claim(frame, "001", "32,000")
    assert (casualties["value"], casualties["qualifier"]) == (32000, "more than")
    assert casualties["subject"] == "Palestinian casualties in Gaza"
    displaced = seed_claim(frame, "000", "80%")
    assert (displaced["value"], displaced["unit"]) == (0.8, "fraction")
    assert displaced["subject"] == "Gaza's inhabitants displaced"
    displaced2 = seed_claim(frame, "002", "80%")
    assert (displaced2["value"], displaced2["qualifier"]) == (0.8, "more than")
    population = seed_claim(frame, "000", "2.3 million")
    assert (population["value"], population["subject"]) == (2_300_000, "Gaza's inhabitants")
    rafah = seed_claim(frame, "000", "a million")
    assert (rafah["value"], rafah["qualifier"]) == (1_000_000, "more than")
    support = seed_claim(frame, "000", "$70 million")
    assert (support["value"], support["unit"]) == (70e6, "USD/year")
    monthly = seed_claim(frame, "003", "$30 million")
    assert (monthly["value"], monthly["unit"], monthly["qualifier"]) == (
        360e6, "USD/year", "approximately")
    hour = seed_claim(frame, "004", "hour-long")
    assert (hour["value"], hour["unit"]) == (1, "hour")
    # no claims from years, ordinals, "the two sides" or dates
    texts = set(frame["quantity_text"].to_list())
    assert not texts & {"2015", "2021", "second", "first", "two", "October 7", "March 22"}


def test_seed_claim_groups(seed_claims):
    frame, groups = seed_claims
    g = {r["claim_id"]: r for r in groups.iter_rows(named=True)}

    def row(article, text):
        return g[seed_claim(frame, article, text)["claim_id"]]

    toll, casualties = row("000", "32,000"), row("001", "32,000")
    assert toll["claim_group_id"] == casualties["claim_group_id"]
    assert toll["group_status"] == "agrees"
    displaced, displaced2 = row("000", "80%"), row("002", "80%")
    assert displaced["claim_group_id"] == displaced2["claim_group_id"]
    assert displaced["group_status"] == "agrees"
    support, monthly = row("000", "$70 million"), row("003", "$30 million")
    assert support["claim_group_id"] == monthly["claim_group_id"]
    assert support["group_status"] == "single"  # 003 is quarantined
    assert support["status_with_quarantined"] == "contradicts"
    assert support["conflicting_claim_ids"] == [monthly["claim_id"]]
    rafah = row("000", "a million")
    assert rafah["claim_group_id"] != toll["claim_group_id"]
    old_toll = row("003", "250")  # the 2021 conflict: another time frame
    assert old_toll["claim_group_id"] != toll["claim_group_id"]


def test_a_child_process_groups_the_same(seed_claims, monkeypatch):
    from polars.testing import assert_frame_equal

    from orchestration.runtime.offload import MIN_ROWS_ENV, run_rule

    frame, grouped = seed_claims
    accepted = [a for a in frame["article_id"].unique().to_list() if not a.startswith("003")]
    monkeypatch.setenv(MIN_ROWS_ENV, "0")  # what a large warehouse does
    assert_frame_equal(run_rule(claim_groups.group_claims, frame, accepted), grouped)


# ------------------------------------------------------------------------- subject entity


def extract_with_entities(nlp, text: str, article_id: str = "t"):
    article = {"drop_id": "d", "article_id": article_id, "body": text, "published_date": None}
    doc = nlp(text)
    return claims.claim_mentions_from_doc(doc, article, entity_mentions_from_doc(doc, article))


def by_text(rows, text):
    hits = [r for r in rows if r["quantity_text"] == text]
    assert len(hits) == 1, [r["quantity_text"] for r in rows]
    return hits[0]


def test_the_entity_measured_is_the_clause_subject_and_names_the_subject(nlp):
    rows = extract_with_entities(
        nlp, "Siemens will cut 2,900 jobs in Germany, 1,100 in Austria and 400 in Brazil.")
    germany = by_text(rows, "2,900")
    assert germany["subject_entity"] == "Siemens"
    assert germany["subject_mention_id"] == "t:0"
    assert germany["subject"].startswith("Siemens jobs cut")
    assert germany["subject_terms"][0] == "decrease" and "siemens" in germany["subject_terms"]
    austria = by_text(rows, "1,100")  # the list's noun is shared, the place is its own
    assert austria["subject"] == "Siemens jobs cut in Austria"
    assert "austria" in austria["subject_terms"] and "germany" not in austria["subject_terms"]


def test_a_pronoun_stands_for_the_name_before_it_and_capacity_verbs_count_capacity(nlp):
    text = ("Bombardier showed its new regional jet in Paris on Monday. "
            "It can carry 120 passengers on routes of up to 3,000 kilometres.")
    row = by_text(extract_with_entities(nlp, text), "120")
    assert row["subject_entity"] == "Bombardier"
    assert row["subject_terms"][0] == "capacity" and "passenger" in row["subject_terms"]


def test_the_speaker_of_a_reported_figure_is_not_what_it_measures(nlp):
    text = "Oxfam said that more than 4,000 families in the valley had lost their homes."
    row = by_text(extract_with_entities(nlp, text), "4,000")
    assert row["subject_entity"] is None and row["subject_mention_id"] is None
    assert row["subject"] and "families" in row["subject"]


def test_durations_tagged_as_dates_are_claims_but_placing_times_are_not(nlp):
    rows = extract(nlp, "The strike lasted three days. Two years ago the plant employed more "
                        "people; the union wants talks within 90 days.")
    texts = {r["quantity_text"]: r for r in rows}
    assert (texts["three days"]["raw_value"], texts["three days"]["raw_unit"]) == (3, "day")
    assert texts["90 days"]["qualifier"] == "at most"
    assert not any("Two years" in t or "two years" in t for t in texts)


def test_a_physical_measure_names_its_dimension_and_has_no_period(nlp):
    text = ("The new tablet from Lenovo is only 7.2 millimetres thick and weighs 480 grams. "
            "Its battery lasts ten hours.")
    article = {"drop_id": "d", "article_id": "t", "body": text,
               "published_date": __import__("datetime").date(2024, 5, 2)}
    doc = nlp(text)
    rows = claims.claim_mentions_from_doc(doc, article, entity_mentions_from_doc(doc, article))
    thick = by_text(rows, "7.2 millimetres")
    assert thick["subject_terms"][0] == "thickness" and thick["period"] is None
    heavy = by_text(rows, "480 grams")
    assert heavy["subject_terms"][0] == "weight" and heavy["raw_unit"] == "g"


def test_money_that_prices_a_deal_is_the_deal_value(nlp):
    rows = extract_with_entities(
        nlp, "General Electric won a $2.4 billion contract to supply turbines to Orsted.")
    row = by_text(rows, "$2.4 billion")
    assert row["subject_terms"][:2] == ["contract", "value"]
    assert row["subject"] == "General Electric contract value"


def test_agreeing_values_do_not_chain_different_things_into_one_group():
    rows = [  # one price of one phone in two reports, and a tablet's price that happens to match
        _claim("a:c1", ["price", "phone"], 499, unit="USD", subject="Pixel phone price",
               subject_entity="Pixel"),
        _claim("b:c1", ["price", "phone"], 499, unit="USD", subject="phone price"),
        _claim("c:c1", ["price", "tablet"], 499, unit="USD", subject="Galaxy tablet price",
               subject_entity="Galaxy"),
    ]
    out = _group(rows, accepted=["a", "b", "c"])
    assert out["a:c1"]["claim_group_id"] != out["c:c1"]["claim_group_id"]


def test_months_apart_without_a_period_a_loose_match_is_no_agreement():
    rows = [_claim("a:c1", ["price", "phone"], 199, unit="USD", subject="Pixel phone price",
                   subject_entity="Pixel"),
            _claim("b:c1", ["price", "phone"], 199, unit="USD", subject="phone price")]
    import datetime as dt

    near = _group(rows, ["a", "b"], {"a": dt.date(2024, 1, 5), "b": dt.date(2024, 1, 20)})
    assert near["a:c1"]["group_status"] == "agrees"
    far = _group(rows, ["a", "b"], {"a": dt.date(2024, 1, 5), "b": dt.date(2024, 9, 20)})
    assert far["a:c1"]["group_status"] == "single"


def test_the_owner_in_the_clause_comes_before_the_maker_of_the_counted_thing(nlp):
    rows = extract_with_entities(
        nlp, "Lufthansa operates a fleet of 40 Airbus short-haul aircraft from Munich.")
    row = by_text(rows, "40")
    assert row["subject_entity"] == "Lufthansa"
    assert row["subject"].startswith("Lufthansa")


def test_a_share_held_and_a_duration_worked_name_what_they_measure(nlp):
    share = by_text(extract(nlp, "Spotify holds 31 percent of the streaming market."),
                    "31 percent")
    assert share["subject"].startswith("share of") and "market" in share["subject_terms"]
    worked = by_text(extract(nlp, "Ms Alvarez had worked at Deloitte for 18 years."), "18 years")
    assert worked["subject_terms"][:2] == ["duration", "work"]
    assert "Deloitte" in worked["subject"] and worked["subject"].startswith("time")


def test_a_price_in_two_currencies_is_two_claims_and_split_ranges_are_joined(nlp):
    rows = extract(nlp, "The speaker sells at $249 / £ 199 in both markets.")
    assert {(r["raw_value"], r["raw_unit"]) for r in rows} == {(249, "USD"), (199, "GBP")}
    rows = extract(nlp, "The ferry will carry between 300 and 450 passengers, with a range "
                        "of 900 to 1,200 nautical miles (1,670 to 2,220 km).")
    ends = {(r["low"], r["high"], r["raw_unit"]) for r in rows}
    assert (300, 450, "count") in ends and (1670, 2220, "km") in ends

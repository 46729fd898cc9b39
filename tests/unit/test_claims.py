"""Quantitative claims: extraction on small sentences and the seeds, grouping and agreement."""

from pathlib import Path

import polars as pl
import pytest

from orchestration.lib.nlp import claims, numbers
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
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), path.stem)
        art = {"drop_id": "seeds", "article_id": path.stem, "body": parsed.body,
               "published_date": parsed.published_date}
        rows.extend(claims.claim_mentions_from_doc(nlp(parsed.body), art))
    frame = pl.DataFrame(rows, schema=CLAIM_MENTION_SCHEMA, orient="row")
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


def _claim(cid, terms, value, unit="count", qualifier=None):
    article = cid.split(":")[0]
    return {
        "drop_id": "d", "article_id": article, "claim_id": cid, "subject": " ".join(terms),
        "subject_terms": terms, "quantity_text": str(value), "quantity_start": 0,
        "quantity_end": 1, "raw_value": value, "raw_unit": unit, "per": None, "period": None,
        "low": None, "high": None, "kind": "fact",
        "qualifier": qualifier, "attribution": None, "value": value, "unit": unit,
        "sentence": "", "sentence_start": 0, "sentence_end": 0,
    }


def _group(rows, accepted):
    frame = pl.DataFrame(rows, schema=CLAIM_MENTION_SCHEMA, orient="row")
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
    assert out["b:c2"]["group_status"] == "single"
    assert all(r["tolerance"] == claim_groups.TOLERANCE for r in out.values())


def test_a_claim_lists_at_most_the_first_conflicting_claims_of_its_group_sorted_by_id():
    # one outlier against 101 agreeing articles: it lists the first MAX_CONFLICTS_LISTED of them
    # (in the group's order: by article), each of them lists only the outlier
    terms = ["death", "palestinian", "gaza"]
    rows = [_claim("a000:c1", terms, 5)]
    rows += [_claim(f"b{k:03d}:c1", terms, 33000) for k in range(101)]
    out = _group(rows, accepted=[r["article_id"] for r in rows])
    assert len({r["claim_group_id"] for r in out.values()}) == 1
    listed = out["a000:c1"]["conflicting_claim_ids"]
    assert len(listed) == claim_groups.MAX_CONFLICTS_LISTED
    assert listed == sorted(f"b{k:03d}:c1" for k in range(claim_groups.MAX_CONFLICTS_LISTED))
    assert out["b050:c1"]["conflicting_claim_ids"] == ["a000:c1"]
    assert out["b050:c1"]["group_status"] == "contradicts"


def test_tolerance_is_relative():
    assert claim_groups.claims_agree((100.0, None), (109.0, None))
    assert not claim_groups.claims_agree((100.0, None), (112.0, None))
    assert claim_groups.claims_agree((1000.0, "more than"), (5000.0, None))
    assert not claim_groups.claims_agree((1000.0, "less than"), (5000.0, None))


def test_a_year_anchor_keeps_claims_apart():
    rows = [
        _claim("a:c1", ["death", "palestinian", "gaza"], 32000),
        _claim("b:c1", ["death", "palestinian", "gaza", "2021"], 250),
    ]
    out = _group(rows, accepted=["a", "b"])
    assert out["a:c1"]["claim_group_id"] != out["b:c1"]["claim_group_id"]


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

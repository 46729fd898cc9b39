"""Entity resolution: the seed articles end to end (real model), plus small frames for the
rules that the seeds do not exercise."""

from __future__ import annotations

import random
import time
from pathlib import Path

import polars as pl
import pytest

from orchestration.lib.nlp import entities
from orchestration.lib.nlp.model import load_nlp
from orchestration.lib.read.parse import parse_text
from orchestration.lib.rules.resolution import RESOLVED_SCHEMA, resolve_entities

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NO_OVERRIDES = pl.DataFrame(schema={"action": pl.String, "name": pl.String,
                                    "target": pl.String, "entity_type": pl.String,
                                    "note": pl.String})


@pytest.fixture(scope="module")
def seed_mentions() -> pl.DataFrame:
    nlp = load_nlp()
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), path.stem)
        rows += entities.entity_mentions_from_doc(nlp(parsed.body),
                                                  {"drop_id": "seeds", "article_id": path.stem})
    return pl.DataFrame(rows).with_columns(pl.lit(None, pl.Date).alias("published_date"))


@pytest.fixture(scope="module")
def seed_resolved(seed_mentions) -> pl.DataFrame:
    return _joined(seed_mentions, resolve_entities(seed_mentions, NO_OVERRIDES))


def _joined(mentions: pl.DataFrame, resolved: pl.DataFrame) -> pl.DataFrame:
    return mentions.select("mention_id", "mention_text", pl.col("entity_type").alias("type_in")) \
        .join(resolved, on="mention_id")


def _entity_of(df: pl.DataFrame, text: str, article_prefix: str | None = None) -> dict:
    rows = df.filter(pl.col("mention_text") == text)
    if article_prefix:
        rows = rows.filter(pl.col("article_id").str.starts_with(article_prefix))
    assert rows.height, f"no mention {text!r}"
    ids = rows["entity_id"].unique().to_list()
    assert len(ids) == 1, f"{text!r} resolved to several entities: {rows}"
    return rows.row(0, named=True)


def _frame(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    """(article_id, mention_text, entity_type) -> a raw.entity_mentions-like frame."""
    out, pos = [], {}
    for art, text, etype in rows:
        start = pos.get(art, 0)
        pos[art] = start + len(text) + 5
        out.append({"drop_id": "d", "article_id": art, "mention_id": f"{art}:{start}",
                    "mention_text": text, "entity_type": etype, "start_char": start,
                    "end_char": start + len(text)})
    return pl.DataFrame(out)


def _overrides(*rows) -> pl.DataFrame:
    keys = ("action", "name", "target", "entity_type", "note")
    return pl.DataFrame([dict(zip(keys, r, strict=True)) for r in rows],
                        schema=NO_OVERRIDES.schema)


# --------------------------------------------------------------------------------------------
# seeds


def test_one_row_per_mention_with_the_schema(seed_mentions):
    out = resolve_entities(seed_mentions, NO_OVERRIDES)
    assert out.schema == pl.Schema(RESOLVED_SCHEMA)
    assert out.height == seed_mentions.height
    assert sorted(out["mention_id"].to_list()) == sorted(seed_mentions["mention_id"].to_list())
    assert out["alias_score"].is_between(0, 1).all()
    assert out["entity_id"].null_count() == 0


def test_amir_abdollahian_spellings_are_one_person(seed_resolved):
    spellings = ["Hossein Amir-Abdollahian", "Amir-Abdollahian", "Hossein Amirabdollahian",
                 "Hossein Amir Abdollahian", "Abdollahian"]
    ents = {_entity_of(seed_resolved, s)["entity_id"] for s in spellings}
    assert len(ents) == 1
    e = seed_resolved.filter(pl.col("entity_id") == ents.pop())
    assert e["canonical_name"].unique().to_list() == ["Hossein Amir-Abdollahian"]
    assert e["entity_type"].unique().to_list() == ["PERSON"]
    assert {a[:3] for a in e["article_id"].to_list()} == {"000", "002", "004"}
    rules = dict(zip(e["mention_text"], e["alias_rule"], strict=True))
    assert rules["Hossein Amir-Abdollahian"] == "exact"
    assert rules["Hossein Amirabdollahian"] == "transliteration"
    assert rules["Abdollahian"] == "surname_backref"


def test_persons_across_articles(seed_resolved):
    haniyeh = seed_resolved.filter(pl.col("canonical_name") == "Ismail Haniyeh")
    assert haniyeh["entity_id"].n_unique() == 1
    assert {a[:3] for a in haniyeh["article_id"].to_list()} == {"000", "001", "002", "003", "004"}
    assert set(haniyeh["mention_text"]) == {"Ismail Haniyeh", "Haniyeh"}
    assert _entity_of(seed_resolved, "al-Nakhalah")["canonical_name"] == "Ziad al-Nakhalah"
    assert _entity_of(seed_resolved, "Khamenei")["canonical_name"] == "Ali Khamenei"


def test_un_security_council_spellings(seed_resolved):
    un = {_entity_of(seed_resolved, s)["entity_id"] for s in
          ("UN Security Council", "U.N. Security Council")}
    assert len(un) == 1
    row = _entity_of(seed_resolved, "U.N. Security Council")
    assert (row["canonical_name"], row["entity_type"], row["alias_rule"]) == \
        ("UN Security Council", "ORG", "normalised")
    # "UN" alone is the United Nations, not its Security Council
    assert _entity_of(seed_resolved, "UN")["entity_id"] not in un


def test_demonyms_point_at_their_place(seed_resolved):
    iran = _entity_of(seed_resolved, "Iran")
    assert (iran["canonical_name"], iran["entity_type"]) == ("Iran", "LOCATION")
    iranian = _entity_of(seed_resolved, "Iranian")
    assert (iranian["entity_id"], iranian["alias_rule"]) == (iran["entity_id"], "demonym")
    # "Israeli war on Gaza" (004) is about Israel; the people ("Palestinians") stay a group
    israeli = _entity_of(seed_resolved, "Israeli")
    assert israeli["canonical_name"] == "Israel"
    assert _entity_of(seed_resolved, "Palestinians")["entity_type"] == "NORP"
    assert _entity_of(seed_resolved, "Tehran")["entity_type"] == "LOCATION"
    assert _entity_of(seed_resolved, "Hamas")["entity_type"] == "ORG"


def test_ids_are_stable(seed_mentions):
    a = resolve_entities(seed_mentions, NO_OVERRIDES).sort("mention_id")
    shuffled = seed_mentions.sample(fraction=1.0, shuffle=True, seed=7)
    b = resolve_entities(shuffled, NO_OVERRIDES).sort("mention_id")
    assert a.equals(b)


def test_overrides_change_the_result(seed_mentions):
    overrides = _overrides(
        ("rename", "UN Security Council", "United Nations Security Council", None, "full name"),
        ("split", "Abdollahian", None, None, "the bare surname is ambiguous"),
        ("merge", "Islamic Jihad", "Hamas", "ORG", "test only"),
    )
    df = _joined(seed_mentions, resolve_entities(seed_mentions, overrides))
    un = _entity_of(df, "U.N. Security Council")
    assert (un["canonical_name"], un["alias_rule"]) == \
        ("United Nations Security Council", "override_rename")
    split = _entity_of(df, "Abdollahian")
    assert (split["canonical_name"], split["alias_rule"]) == ("Abdollahian", "override_split")
    assert split["entity_id"] != _entity_of(df, "Amir-Abdollahian")["entity_id"]
    jihad = _entity_of(df, "Islamic Jihad")
    assert (jihad["canonical_name"], jihad["alias_rule"]) == ("Hamas", "override_merge")
    assert jihad["entity_id"] == _entity_of(df, "Hamas")["entity_id"]


# --------------------------------------------------------------------------------------------
# small frames


def test_honorifics_and_global_surname():
    df = _frame([("a1", "Ayatollah Ali Khamenei", "PERSON"), ("a2", "Khamenei", "PERSON"),
                 ("a3", "Ali Khamenei", "PERSON")])
    out = _joined(df, resolve_entities(df, NO_OVERRIDES))
    assert out["entity_id"].n_unique() == 1
    assert out["canonical_name"].unique().to_list() == ["Ali Khamenei"]
    rules = dict(zip(out["mention_text"], out["alias_rule"], strict=True))
    assert rules == {"Ayatollah Ali Khamenei": "honorific_stripped",
                     "Khamenei": "surname_backref_global", "Ali Khamenei": "exact"}


def test_shared_surname_is_not_over_merged():
    df = _frame([("a1", "John Smith", "PERSON"), ("a1", "Smith", "PERSON"),
                 ("a2", "Jane Smith", "PERSON"), ("a2", "Smith", "PERSON"),
                 ("a3", "Smith", "PERSON")])
    out = _joined(df, resolve_entities(df, NO_OVERRIDES))
    by_article = {(r["article_id"], r["mention_text"]): r["canonical_name"]
                  for r in out.iter_rows(named=True)}
    assert by_article[("a1", "Smith")] == "John Smith"
    assert by_article[("a2", "Smith")] == "Jane Smith"
    assert by_article[("a3", "Smith")] == "Smith"  # ambiguous: left on its own
    assert out.filter(pl.col("mention_text") == "John Smith")["entity_id"].item() != \
        out.filter(pl.col("mention_text") == "Jane Smith")["entity_id"].item()


def test_transliteration_fuzzy_but_not_different_people():
    df = _frame([("a1", "Muammar Gaddafi", "PERSON"), ("a2", "Muammar Qaddafi", "PERSON"),
                 ("a3", "Joan Smith", "PERSON"), ("a4", "John Smith", "PERSON"),
                 ("a5", "Hossein Amir-Abdollahian", "PERSON"),
                 ("a6", "Hosein Amirabdolahian", "PERSON")])
    out = _joined(df, resolve_entities(df, NO_OVERRIDES))
    ids = dict(zip(out["mention_text"], out["entity_id"], strict=True))
    assert ids["Muammar Gaddafi"] == ids["Muammar Qaddafi"]
    assert ids["Hossein Amir-Abdollahian"] == ids["Hosein Amirabdolahian"]
    assert ids["Joan Smith"] != ids["John Smith"]
    rules = dict(zip(out["mention_text"], out["alias_rule"], strict=True))
    assert rules["Hosein Amirabdolahian"] == "transliteration_fuzzy"


def test_acronyms_diacritics_and_org_location_choice():
    df = _frame([("a1", "Islamic Revolutionary Guard Corps", "ORG"), ("a1", "IRGC", "ORG"),
                 ("a2", "IRGC", "ORG"),
                 ("a3", "São Paulo", "LOCATION"), ("a4", "Sao Paulo", "LOCATION"),
                 ("a5", "Iran", "LOCATION"), ("a5", "Iran", "LOCATION"), ("a6", "Iran", "ORG"),
                 ("a6", "Iranian", "NORP")])
    out = _joined(df, resolve_entities(df, NO_OVERRIDES))
    irgc = out.filter(pl.col("mention_text").is_in(["IRGC", "Islamic Revolutionary Guard Corps"]))
    assert irgc["entity_id"].n_unique() == 1
    assert irgc["canonical_name"].unique().to_list() == ["Islamic Revolutionary Guard Corps"]
    assert set(irgc["alias_rule"]) == {"exact", "acronym", "acronym_global"}
    sp = out.filter(pl.col("mention_text").str.contains("Paulo"))
    assert sp["entity_id"].n_unique() == 1
    # ORG and LOCATION readings of one name are one entity, typed by the majority
    iran = out.filter(pl.col("mention_text") == "Iran")
    assert iran["entity_id"].n_unique() == 1
    assert iran["entity_type"].unique().to_list() == ["LOCATION"]
    iranian = out.filter(pl.col("mention_text") == "Iranian")
    # the demonym points at the place, without renaming or retyping it
    assert iranian["entity_id"].item() == iran["entity_id"][0]
    assert iranian["alias_rule"].item() == "demonym"


def test_merge_into_a_new_name_and_typed_override():
    df = _frame([("a1", "PIJ", "ORG"), ("a2", "Islamic Jihad", "ORG"), ("a3", "Paris", "PERSON"),
                 ("a4", "Paris", "LOCATION")])
    ov = _overrides(("merge", "PIJ", "Palestinian Islamic Jihad", None, None),
                    ("merge", "Islamic Jihad", "Palestinian Islamic Jihad", None, None),
                    ("rename", "Paris", "Valeska Paris", "PERSON", None))
    out = _joined(df, resolve_entities(df, ov))
    pij = out.filter(pl.col("mention_text").is_in(["PIJ", "Islamic Jihad"]))
    assert pij["entity_id"].n_unique() == 1
    assert pij["canonical_name"].unique().to_list() == ["Palestinian Islamic Jihad"]
    keys = out["type_in"] + ":" + out["mention_text"]
    names = dict(zip(keys, out["canonical_name"], strict=True))
    assert names["PERSON:Paris"] == "Valeska Paris"
    assert names["LOCATION:Paris"] == "Paris"  # the typed rename leaves the city alone


def test_empty_input():
    empty = pl.DataFrame(schema={"mention_id": pl.String, "article_id": pl.String,
                                 "mention_text": pl.String, "entity_type": pl.String})
    out = resolve_entities(empty, NO_OVERRIDES)
    assert out.height == 0 and out.schema == pl.Schema(RESOLVED_SCHEMA)


def test_scales_with_distinct_names():
    rnd = random.Random(3)
    syll = ["ka", "ri", "mo", "la", "ne", "to", "sa", "vi", "du", "pe", "zo", "ha"]
    people = [(rnd.choice(syll) + rnd.choice(syll)).title() + " "
              + (rnd.choice(syll) + rnd.choice(syll) + rnd.choice(syll)).title()
              for _ in range(3000)]
    rows = []
    for k in range(4000):
        art = f"a{k}"
        for name in rnd.sample(people, 5):
            rows += [(art, name, "PERSON"), (art, name.split()[-1], "PERSON")]
    df = _frame(rows)
    t0 = time.perf_counter()
    out = resolve_entities(df, NO_OVERRIDES)
    elapsed = time.perf_counter() - t0
    assert out.height == df.height == 40000
    assert elapsed < 20, elapsed


def test_a_child_process_gives_the_same_result(seed_mentions, monkeypatch):
    from polars.testing import assert_frame_equal

    from orchestration.runtime.offload import MIN_ROWS_ENV, run_rule

    monkeypatch.setenv(MIN_ROWS_ENV, "0")  # what a large warehouse does
    assert_frame_equal(run_rule(resolve_entities, seed_mentions, NO_OVERRIDES),
                       resolve_entities(seed_mentions, NO_OVERRIDES))


# --------------------------------------------------------------------------------------------
# one actor under several forms (issue 22); frames are the mentions spaCy gives for sentences
# like the ones in the comments


def _resolved(rows) -> pl.DataFrame:
    df = _frame(rows)
    return _joined(df, resolve_entities(df, NO_OVERRIDES))


def _pick(out: pl.DataFrame, art: str, text: str) -> dict:
    rows = out.filter((pl.col("article_id") == art) & (pl.col("mention_text") == text))
    assert rows["entity_id"].n_unique() == 1, rows
    return rows.row(0, named=True)


def test_acronyms_join_their_expansion_legal_form_or_not():
    # "General Motors Corporation said on Tuesday ... GM will close two plants ... GM's chief
    # executive ..."; "The United Auto Workers union called a strike ... the UAW said ..."
    out = _resolved([
        ("d1", "General Motors Corporation", "ORG"), ("d1", "GM", "ORG"), ("d1", "GM", "ORG"),
        ("d1", "United Auto Workers union", "ORG"), ("d1", "UAW", "ORG"),
        ("d1", "United Auto Workers", "ORG"),
        ("d2", "European Central Bank", "ORG"), ("d2", "ECB", "ORG"),
        ("d3", "GM", "ORG"), ("d3", "ECB", "ORG"),  # no expansion in this article
    ])
    gm = _pick(out, "d1", "GM")
    assert gm["entity_id"] == _pick(out, "d1", "General Motors Corporation")["entity_id"]
    assert gm["alias_rule"] == "acronym"
    uaw = {_pick(out, "d1", t)["entity_id"] for t in
           ("UAW", "United Auto Workers union", "United Auto Workers")}
    assert len(uaw) == 1
    assert _pick(out, "d1", "UAW")["canonical_name"] == "United Auto Workers"
    assert _pick(out, "d1", "United Auto Workers union")["alias_rule"] == "generic_head"
    ecb = _pick(out, "d2", "ECB")
    assert (ecb["canonical_name"], ecb["alias_rule"]) == ("European Central Bank", "acronym")
    # across articles: an acronym the warehouse spells out one way only
    assert (_pick(out, "d3", "GM")["entity_id"], _pick(out, "d3", "GM")["alias_rule"]) == \
        (gm["entity_id"], "acronym_global")
    assert _pick(out, "d3", "ECB")["entity_id"] == ecb["entity_id"]


def test_legal_forms_are_one_company_everywhere():
    # "Citigroup Inc. posted a loss ..." / "Citigroup shares fell ..."; "Ford Motor Co. and
    # Ford Motor Company" in two wire stories; "DaimlerChrysler Corporation" / "DaimlerChrysler"
    out = _resolved([
        ("d1", "Citigroup Inc.", "ORG"), ("d2", "Citigroup", "ORG"),
        ("d1", "Ford Motor Co.", "ORG"), ("d2", "Ford Motor Company", "ORG"),
        ("d3", "DaimlerChrysler", "ORG"), ("d3", "DaimlerChrysler Corporation", "ORG"),
        ("d3", "Siemens AG", "ORG"), ("d4", "Siemens", "ORG"),
        ("d4", "Virgin Group", "ORG"), ("d4", "Virgin", "ORG"),  # "Group" is part of a name
    ])
    citi = _pick(out, "d2", "Citigroup")
    assert citi["entity_id"] == _pick(out, "d1", "Citigroup Inc.")["entity_id"]
    assert citi["alias_rule"] == "legal_suffix"
    assert _pick(out, "d1", "Ford Motor Co.")["entity_id"] == \
        _pick(out, "d2", "Ford Motor Company")["entity_id"]
    daimler = _pick(out, "d3", "DaimlerChrysler")
    assert daimler["canonical_name"] == "DaimlerChrysler Corporation"
    assert daimler["alias_rule"] == "legal_suffix"
    assert _pick(out, "d4", "Siemens")["entity_id"] == _pick(out, "d3", "Siemens AG")["entity_id"]
    assert _pick(out, "d4", "Virgin")["entity_id"] != _pick(out, "d4", "Virgin Group")["entity_id"]


def test_short_forms_and_place_qualifiers():
    # "The Federal Reserve held rates ... the Fed's chairman said"; "Ford Motor Co. said ...
    # Ford will cut 4,000 jobs"; "The U.S. Senate voted ... the Senate adjourned";
    # "Israel said the Israel Defense Forces ..." (a place never shortens an organisation)
    out = _resolved([
        ("d1", "Federal Reserve", "ORG"), ("d1", "the Fed", "ORG"),
        ("d1", "Ford Motor Co.", "ORG"), ("d1", "Ford", "ORG"),
        ("d2", "U.S. Senate", "ORG"), ("d2", "the Senate", "ORG"),
        ("d3", "US Senate", "ORG"), ("d3", "Senate", "ORG"),
        ("d4", "Fed", "ORG"), ("d4", "Senate", "ORG"), ("d4", "Ford", "ORG"),
        ("d5", "Israel", "LOCATION"), ("d5", "Israel Defense Forces", "ORG"),
        ("d5", "Israel", "LOCATION"),
        # "The Liberal Party of Canada won 160 seats ... Canada's Liberal Party ..."
        ("d6", "Liberal Party of Canada", "ORG"), ("d6", "Canada", "LOCATION"),
        ("d6", "Liberal Party", "ORG"),
    ])
    fed = _pick(out, "d1", "the Fed")
    assert (fed["canonical_name"], fed["alias_rule"]) == ("Federal Reserve", "short_form")
    ford = _pick(out, "d1", "Ford")
    assert (ford["canonical_name"], ford["alias_rule"]) == ("Ford Motor Co.", "short_form")
    senate = {_pick(out, a, t)["entity_id"] for a, t in
              (("d2", "U.S. Senate"), ("d2", "the Senate"), ("d3", "US Senate"), ("d3", "Senate"))}
    assert len(senate) == 1
    assert _pick(out, "d2", "the Senate")["alias_rule"] == "place_qualifier"
    # an article naming only the short form: what it meant everywhere else
    later = {t: _pick(out, "d4", t) for t in ("Fed", "Senate", "Ford")}
    assert later["Fed"]["entity_id"] == fed["entity_id"]
    assert later["Senate"]["entity_id"] in senate
    assert later["Ford"]["entity_id"] == ford["entity_id"]
    assert {r["alias_rule"] for r in later.values()} == \
        {"short_form_global", "place_qualifier_global"}
    assert _pick(out, "d5", "Israel")["entity_id"] != \
        _pick(out, "d5", "Israel Defense Forces")["entity_id"]
    assert _pick(out, "d5", "Israel")["canonical_name"] == "Israel"
    liberals = _pick(out, "d6", "Liberal Party")
    assert (liberals["canonical_name"], liberals["alias_rule"]) == \
        ("Liberal Party of Canada", "place_qualifier")
    assert _pick(out, "d6", "Canada")["canonical_name"] == "Canada"


def test_people_with_other_initials_or_given_names_stay_apart():
    # "George H. W. Bush, the 41st president, ... his son George W. Bush ... Bush said" (twice,
    # each "Bush" after one of them); a 2008 story: "U.S. President Bush met ... George W.
    # Bush"; "Hillary Clinton and Bill Clinton ... Clinton told reporters"
    out = _resolved([
        ("d1", "George H. W. Bush", "PERSON"), ("d1", "Bush", "PERSON"),
        ("d1", "George W. Bush", "PERSON"), ("d1", "Bush", "PERSON"),
        ("d2", "U.S. President Bush", "PERSON"), ("d2", "George W. Bush", "PERSON"),
        ("d3", "George Bush", "PERSON"),
        ("d4", "Bush", "PERSON"),
        ("d5", "Hillary Clinton", "PERSON"), ("d5", "Bill Clinton", "PERSON"),
        ("d5", "Clinton", "PERSON"), ("d6", "Hilary Clinton", "PERSON"),
    ])
    father = _pick(out, "d1", "George H. W. Bush")["entity_id"]
    son = _pick(out, "d1", "George W. Bush")["entity_id"]
    assert father != son
    assert _pick(out, "d3", "George Bush")["entity_id"] not in (father, son)
    bushes = out.filter((pl.col("article_id") == "d1") & (pl.col("mention_text") == "Bush"))
    assert bushes["entity_id"].to_list() == [father, son]  # each the one named just before
    assert bushes["alias_rule"].to_list() == ["surname_nearest", "surname_nearest"]
    president = _pick(out, "d2", "U.S. President Bush")
    assert (president["entity_id"], president["canonical_name"]) == (son, "George W. Bush")
    assert _pick(out, "d4", "Bush")["canonical_name"] == "Bush"  # which Bush: not said
    hillary = _pick(out, "d5", "Hillary Clinton")["entity_id"]
    assert hillary != _pick(out, "d5", "Bill Clinton")["entity_id"]
    assert _pick(out, "d5", "Clinton")["entity_id"] == _pick(out, "d5", "Bill Clinton")["entity_id"]
    assert _pick(out, "d6", "Hilary Clinton")["entity_id"] == hillary  # a misspelling


WIRE = {  # short wire stories written for this test, through the real model
    "w1": "General Motors Corp. said on Tuesday it would close two assembly plants in Michigan. "
          "GM, the largest U.S. automaker, has lost market share for three years. The United "
          "Auto Workers union said it would fight the closures, and UAW president Ron "
          "Gettelfinger met GM executives in Detroit. Ford Motor Co. shares rose 2 percent. Ford "
          "has already cut 30,000 jobs.",
    "w2": "The Federal Reserve left interest rates unchanged on Wednesday. The Fed said inflation "
          "remained a concern. The U.S. Senate passed the bill late on Thursday. The Senate vote "
          "was 74 to 25.",
    "w3": "Former President George H. W. Bush attended the ceremony in Texas. His son, President "
          "George W. Bush, spoke first. Bush thanked the crowd. Citigroup Inc. sent two "
          "executives; Citigroup said it had no comment.",
    "w4": "U.S. President Bush said on Monday that GM and the UAW must reach a deal. The Fed "
          "chairman agreed. The Senate adjourned.",
}


def test_wire_stories_one_actor_per_form_through_the_model():
    nlp = load_nlp()
    rows = []
    for art, text in WIRE.items():
        rows += entities.entity_mentions_from_doc(nlp(text), {"drop_id": "d", "article_id": art})
    out = _joined(pl.DataFrame(rows), resolve_entities(pl.DataFrame(rows), NO_OVERRIDES))

    def rule_of(art, text):
        r = _pick(out, art, text)
        return r["canonical_name"], r["alias_rule"]

    assert rule_of("w1", "GM") == ("General Motors Corp.", "acronym")
    assert rule_of("w1", "UAW") == ("United Auto Workers", "acronym")
    assert rule_of("w1", "Ford") == ("Ford Motor Co.", "short_form")
    assert rule_of("w2", "Fed") == ("Federal Reserve", "short_form")
    assert rule_of("w2", "Senate") == ("U.S. Senate", "place_qualifier")
    assert rule_of("w3", "Citigroup") == ("Citigroup Inc.", "legal_suffix")
    assert rule_of("w3", "Bush") == ("George W. Bush", "surname_nearest")
    assert _pick(out, "w3", "George H. W. Bush")["entity_id"] != \
        _pick(out, "w3", "George W. Bush")["entity_id"]
    # a story naming only the short forms: the entities the other stories spelled out
    assert rule_of("w4", "GM") == ("General Motors Corp.", "acronym_global")
    assert rule_of("w4", "UAW") == ("United Auto Workers", "acronym_global")
    assert rule_of("w4", "Fed") == ("Federal Reserve", "short_form_global")
    assert rule_of("w4", "Senate") == ("U.S. Senate", "place_qualifier_global")
    # "U.S. President Bush": which of the two is not said, so not the father's name
    bush = out.filter((pl.col("article_id") == "w4") & pl.col("mention_text").str.ends_with("Bush"))
    assert bush["canonical_name"].to_list() == ["Bush"]

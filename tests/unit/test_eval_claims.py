"""The claims scorer (bench/claims_gold/claims_score.py) and its hand labels.

A tiny hand-made prediction set on two labelled articles (the Airbus job-cut reports) with known
right and wrong answers: the figures the scorer prints must be exactly these. No model needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "bench" / "claims_gold"
sys.path.insert(0, str(GOLD_DIR))

import claims_score  # noqa: E402

DOCS = ("meantime_62929", "meantime_61389")


@pytest.fixture(scope="module")
def gold():
    claims, pairs = claims_score.load_gold()
    claims = [c for c in claims if c["doc"] in DOCS]
    pairs = [p for p in pairs if all(cid.split(":")[0] in DOCS for cid in p["a"] + p["b"])]
    return claims, pairs


def _label(claims, doc, text):
    (g,) = [c for c in claims if c["doc"] == doc and c["text"] == text]
    return g


def _pred(g, group=None, **changes):
    """A prediction on gold claim ``g``: right in every field unless ``changes`` says otherwise."""
    p = {
        "doc": g["doc"], "claim_id": f"{g['doc']}:p{g['start']}", "start": g["start"],
        "end": g["end"], "text": g["text"], "value": g["value"], "low": g["low"],
        "high": g["high"], "unit": g["unit"], "per": g["per"], "qualifier": g["qualifier"],
        "kind": g["kind"], "subject": g["subject"], "subject_terms": [],
        "subject_entity": g["subject_entity"], "period": g["period"],
        "attribution": g["attribution"], "group_id": group, "group_status": None,
        "conflicts": [],
    }
    p.update(changes)
    return p


@pytest.fixture(scope="module")
def result(gold):
    claims, pairs = gold
    a, b = DOCS

    def lab(doc, text):
        return _label(claims, doc, text)

    france_b = _pred(lab(b, "approximately 4,300 jobs"), "g2", attribution=None)  # missed
    preds = [
        _pred(lab(a, "10,000 jobs"), "g1", group_status="agrees"),
        _pred(lab(b, "10,000 job cuts"), "g1", group_status="agrees"),
        # right value, bare counted noun as subject, an attribution the text does not make
        _pred(lab(a, "4,300 jobs"), "g2", subject="jobs", kind=None, attribution="Airbus",
              conflicts=[france_b["claim_id"]], group_status="contradicts"),
        france_b,  # Gallois' attribution missed; in a group that calls France a contradiction
        # money stored as a count, "dollars" as subject; grouped with the work force (agree)
        _pred(lab(a, "more than 6 billion dollars"), "g3", unit="count", subject="dollars",
              kind=None, group_status="agrees"),
        _pred(lab(b, "9%"), value=0.09, unit="fraction",
              subject="share of Airbus European work force"),  # percent == fraction
        _pred(lab(b, "nearly 14,000"), period="2007-02-28", attribution="union officials"),
        _pred(lab(b, "55,000"), "g3", period="2007-02", kind=None, group_status="agrees"),
        _pred(lab(a, "two years")),
        _pred(lab(a, "US$199 million"), value=199.0, kind=None),  # scale word lost
        _pred(lab(a, "up to 150 million"), unit="USD"),  # optional label: ignored
    ]
    title = lab(b, "10,000")  # furniture right after the headline: no claim there
    spurious = _pred(title, subject=None, kind=None, start=title["end"] + 2,
                     end=title["end"] + 7)
    assert not any(c["doc"] == b and c["start"] < spurious["end"] and spurious["start"] < c["end"]
                   for c in claims)
    preds.append(spurious)
    return claims_score.score(claims, pairs, preds)


def test_the_two_articles_have_the_labels_the_figures_assume(gold):
    claims, pairs = gold
    assert sum(not c["optional"] for c in claims) == 24
    assert [p["relation"] for p in pairs] == ["agree"] * 5


def test_claims_found_and_value_unit(result):
    assert result["gold_claims"] == 24
    assert result["predicted_claims"] == 11  # the prediction on an optional label left out
    assert result["detection"]["precision"] == {"n": 10, "of": 11, "ratio": 0.909}
    assert result["value_unit"]["precision"] == {"n": 8, "of": 11, "ratio": 0.727}
    assert result["value_unit"]["recall"] == {"n": 8, "of": 24, "ratio": 0.333}
    errors = result["errors"]
    assert len(errors["unit: USD as count"]) == 1
    assert len(errors["value: scale word lost or wrong"]) == 1
    assert len(errors["missed"]) == 14 and len(errors["spurious"]) == 1


def test_subject_period_kind_attribution(result):
    assert result["subject_right"] == {"n": 8, "of": 10, "ratio": 0.8}
    assert result["subject_shares_a_word"] == {"n": 9, "of": 10, "ratio": 0.9}
    assert result["subject_empty"]["n"] == 1 and result["subject_bare_unit_word"]["n"] == 1
    assert result["period_right"] == {"n": 1, "of": 2, "ratio": 0.5}
    assert result["period_spurious"] == 0
    assert result["kind_right"] == {"n": 6, "of": 10, "ratio": 0.6}
    assert result["attribution_recall"] == {"n": 2, "of": 3, "ratio": 0.667}
    assert result["attribution_precision"] == {"n": 2, "of": 3, "ratio": 0.667}


def test_pairs(result):
    assert result["pair_precision"] == {"n": 1, "of": 3, "ratio": 0.333}
    assert result["agreements_found"] == {"n": 1, "of": 5, "ratio": 0.2}
    assert result["contradictions_found"] == {"n": 0, "of": 0, "ratio": None}
    assert result["false_contradict_pairs"] == 1 and result["false_contradict_groups"] == 1
    assert len(result["errors"]["pair: false agree"]) == 1
    assert "Airbus job cuts in France" in result["errors"]["pair: agreement not found"]
    text = claims_score.render(result)
    assert "false contradicts     1 pairs in 1 groups" in text


def test_claim_rows_of_today_and_of_issue_24_are_read():
    row = {"article_id": "x", "claim_id": "x:c5", "quantity_start": 5, "quantity_end": 12,
           "raw_value": 3e7, "value": 3.6e8, "raw_unit": "USD", "unit": "USD/year",
           "period": "month", "subject": "support"}
    p = claims_score.from_claim_row(row)
    assert (p["value"], p["unit"], p["per"], p["period"]) == (3e7, "USD", "month", None)
    p = claims_score.from_claim_row(dict(row, raw_unit="USD/share", period="2008-Q3",
                                         kind="fact", low=1.0, high=2.0))
    assert (p["unit"], p["per"], p["period"], p["kind"], p["low"]) == (
        "USD", "share", "2008-Q3", "fact", 1.0)


def test_gold_files_hold_together():
    claims, pairs = claims_score.load_gold()
    ids = [c["claim_id"] for c in claims]
    assert len(ids) == len(set(ids)) == 263
    assert len({c["doc"] for c in claims}) >= 22
    for c in claims:
        assert c["claim_id"] == f"{c['doc']}:{c['start']}"
        assert c["end"] - c["start"] == len(c["text"])
        assert c["kind"] in {"fact", "estimate", "target", "tally"}
        assert c["optional"] or (c["value"] is None) == (c["low"] is not None), c
        assert c["period"] is None or claims_score.PERIOD_RE.match(c["period"]), c
    known = set(ids)
    for p in pairs:
        assert p["relation"] in {"agree", "contradict", "unclear"}
        assert set(p["a"] + p["b"]) <= known
        assert {i.split(":")[0] for i in p["a"]}.isdisjoint(i.split(":")[0] for i in p["b"])


def test_gold_spans_are_the_parsed_bodies_text():
    folder = REPO_ROOT.parent / "shared" / "eval" / "dev" / "drop_meantime"
    if not folder.is_dir():
        folder = REPO_ROOT.parents[1] / "shared" / "eval" / "dev" / "drop_meantime"
    if not folder.is_dir():
        pytest.skip("the shared eval folder is not on this machine")
    from orchestration.lib.read.parse import parse_text

    claims, _ = claims_score.load_gold()
    bodies = {}
    for c in claims:
        if c["doc"] not in bodies:
            text = (folder / f"{c['doc']}.txt").read_text(encoding="utf-8")
            bodies[c["doc"]] = parse_text(text, c["doc"]).body
        assert bodies[c["doc"]][c["start"] : c["end"]] == c["text"], c["claim_id"]

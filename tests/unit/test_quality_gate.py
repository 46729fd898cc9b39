"""The GE suite in expectations/ decides quarantine reasons (real GE validations)."""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from orchestration import settings
from orchestration.lib.quality.gate import validate_articles
from orchestration.lib.read.drop import apply_gate, read_drop

TODAY = dt.date(2026, 11, 24)


def frame(*rows: dict) -> pl.DataFrame:
    base = {
        "title": None,
        "body": "A sentence of news.",
        "date_text": "2024-03-26",
        "published_date": dt.date(2024, 3, 26),
    }
    return pl.DataFrame(
        [{**base, **r, "source_path": f"/drop/{r['article_id']}.txt"} for r in rows]
    )


@pytest.fixture(scope="module")
def gate():
    articles = frame(
        {"article_id": "good"},
        {"article_id": "nodate", "date_text": None, "published_date": None},
        {"article_id": "baddate", "date_text": "2024-13-45", "published_date": None},
        {"article_id": "future", "date_text": "2031-01-01", "published_date": dt.date(2031, 1, 1)},
        {"article_id": "old", "date_text": "1985-06-01", "published_date": dt.date(1985, 6, 1)},
        {"article_id": "template", "body": "Signed, [Your Name]. Lorem ipsum."},
        {"article_id": "moustache", "body": "Published on {{date}} by staff."},
        {"article_id": "filler", "body": "Revenue grew XX% to $TBD."},
        {"article_id": "empty", "body": ""},
    )
    return validate_articles(articles, settings.ARTICLES_SUITE, today=TODAY)


@pytest.mark.parametrize(
    "article_id, reasons",
    [
        ("nodate", ["missing_publication_date"]),
        ("baddate", ["unparsable_publication_date"]),
        ("future", ["implausible_publication_date"]),
        ("old", ["implausible_publication_date"]),
        ("template", ["unfilled_template_text"]),
        ("moustache", ["unfilled_template_text"]),
        ("filler", ["unfilled_template_text"]),
        ("empty", ["empty_body"]),
    ],
)
def test_each_rule_names_its_reason(gate, article_id, reasons):
    assert gate.reasons[f"/drop/{article_id}.txt"] == reasons


def test_clean_article_passes(gate):
    assert "/drop/good.txt" not in gate.reasons


def test_detail_quotes_the_placeholder(gate):
    assert "'[Your Name]'" in gate.details["/drop/template.txt"]
    assert "'2031-01-01'" in gate.details["/drop/future.txt"]


def test_every_expectation_reports(gate):
    names = {o.check_name: o for o in gate.outcomes}
    assert names["article_ids_unique"].success
    assert not names["no_unfilled_template_text"].success
    assert names["no_unfilled_template_text"].unexpected_count == 3


def test_seed_drop_gate():
    drop = read_drop(settings.SAMPLE_DROP_DIR, "seeds", settings.max_file_bytes())
    gate = validate_articles(drop, settings.ARTICLES_SUITE, today=TODAY)
    gated = apply_gate(drop, gate.reasons, gate.details)
    reasons = dict(zip(gated["article_id"], gated["quarantine_reasons"].to_list(), strict=True))
    assert reasons.pop("003_5b76fb9373ce4131") == [
        "missing_publication_date",
        "unfilled_template_text",
    ]
    assert all(r == [] for r in reasons.values())


def test_unreadable_files_keep_their_own_reason(tmp_path: Path):
    (tmp_path / "a.txt").write_text(" date 2024-03-26 Title\n\nBody text here.")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary")
    drop = read_drop(tmp_path, "d", settings.max_file_bytes())
    gate = validate_articles(drop, settings.ARTICLES_SUITE, today=TODAY)
    gated = apply_gate(drop, gate.reasons, gate.details)
    reasons = dict(zip(gated["article_id"], gated["quarantine_reasons"].to_list(), strict=True))
    assert reasons == {"a": [], "b": ["unsupported_format"], "c": ["binary_file"]}

"""The quality gate's history (real GE validations into a real Data Docs folder): bounded,
trimmed, and named by run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl

from orchestration import settings
from orchestration.lib.quality import history
from orchestration.lib.quality.gate import validate_articles
from tests.helpers.data_docs import index_rows
from tests.helpers.html_tools import remote_loads

TODAY = dt.date(2025, 5, 20)
FILLER = (
    "Dock workers in Antwerp voted on Tuesday to accept a two-year pay deal after a week of "
    "talks with terminal operators, ending the threat of a strike during the busy season. "
)


def articles(n_placeholders: int, n_clean: int = 1) -> pl.DataFrame:
    rows = [
        {
            "article_id": f"draft_{i:02d}",
            # a long text with a placeholder at the end: GE's sample would carry all of it
            "body": FILLER * 12 + "Union spokesperson [Your Name] said members were relieved.",
        }
        for i in range(n_placeholders)
    ] + [{"article_id": f"clean_{i}", "body": FILLER} for i in range(n_clean)]
    return pl.DataFrame(
        [
            {
                **r,
                "title": None,
                "date_text": "2025-05-13",
                "published_date": dt.date(2025, 5, 13),
                "source_path": f"/drops/antwerp/{r['article_id']}.txt",
            }
            for r in rows
        ]
    )


def test_history_keeps_the_latest_validations(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(history, "HISTORY_LIMIT", 2)
    docs = tmp_path / "quality" / "data_docs"
    names = [f"antwerp_2025_05_{day} · run {day}c0ffee" for day in (13, 14, 15)]
    for name in names:
        gate = validate_articles(
            articles(1), settings.ARTICLES_SUITE, today=TODAY, data_docs_dir=docs, run_name=name
        )
    rows = index_rows(gate.data_docs_index)
    assert [r["run_name"] for r in rows] == names[:0:-1]  # the two latest, latest first
    stored = sorted((tmp_path / "quality" / "validation_results").rglob("*.json"))
    assert [p.parent.parent.name for p in stored] == names[1:]
    pages = sorted(p.parent.parent.name for p in (docs / "validations").rglob("*.html"))
    assert pages == names[1:]  # the oldest page went with its result
    for page in docs.rglob("*.html"):
        assert remote_loads(page.read_text(encoding="utf-8")) == [], page


def test_the_kept_copy_holds_a_sample_with_cut_texts(tmp_path: Path):
    docs = tmp_path / "data_docs"
    gate = validate_articles(
        articles(25), settings.ARTICLES_SUITE, today=TODAY, data_docs_dir=docs, run_name="x"
    )
    # the gate itself sees every failing row
    assert len([k for k, v in gate.reasons.items() if "unfilled_template_text" in v]) == 25
    (stored,) = (tmp_path / "validation_results").rglob("*.json")
    kept = json.loads(stored.read_text(encoding="utf-8"))
    (template,) = [
        r["result"]
        for r in kept["results"]
        if r["expectation_config"]["meta"]["check_name"] == "no_unfilled_template_text"
    ]
    assert template["unexpected_count"] == 25
    assert "unexpected_list" not in template
    assert len(template["unexpected_index_list"]) == 20  # GE's sample, with the row keys
    assert template["unexpected_index_list"][0]["row_key"] == "/drops/antwerp/draft_00.txt"
    longest = max(len(v["text"]) for v in template["unexpected_index_list"])
    assert longest == history.MAX_STORED_CHARS + 1  # cut, with an ellipsis
    assert kept["meta"]["batch_spec"]["data_asset_name"] == "raw_articles"


def test_run_names_are_single_folder_names():
    assert history.run_identifier("wire/05\\13\n · run 1").run_name == "wire_05_13_ · run 1"
    assert history.run_identifier(None).run_name == history.UNNAMED
    assert history.run_identifier("..").run_name == history.UNNAMED

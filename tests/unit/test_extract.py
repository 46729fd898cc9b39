"""Per-article extraction with the real model: shared parses of one body, chunks, processes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from orchestration.lib.nlp.extract import _chunks, extract_articles, extract_in_batches
from orchestration.lib.read.parse import parse_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TABLES = ("entity_mentions", "event_mentions", "claim_mentions")


@pytest.fixture(scope="module")
def seeds() -> list[dict]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), path.stem)
        out.append({"drop_id": "seeds", "article_id": path.stem, "body": parsed.body,
                    "published_date": parsed.published_date})
    return out


def rows_of(extraction, article_id: str) -> dict[str, pl.DataFrame]:
    return {t: getattr(extraction, t).filter(pl.col("article_id") == article_id) for t in TABLES}


def test_articles_sharing_a_body_get_the_rows_each_would_get_alone(seeds):
    original = seeds[0]
    # The same wire story under another id, published a week later: its own ids and dates.
    syndicated = {**original, "article_id": "syndicated",
                  "published_date": original["published_date"] + dt.timedelta(weeks=1)}
    together = extract_articles([original, syndicated])
    assert together.articles == 2
    for article in (original, syndicated):
        alone = extract_articles([article])
        for table, frame in rows_of(together, article["article_id"]).items():
            assert frame.height > 0
            assert_frame_equal(frame, getattr(alone, table))
    ours = rows_of(together, "syndicated")["event_mentions"]
    assert ours.get_column("event_mention_id").str.starts_with("syndicated:").all()


def test_chunks_hold_whole_body_groups_and_skip_empty_bodies(seeds):
    a, b, c = seeds[:3]
    articles = [a, {**b, "article_id": "x"}, b, {**a, "article_id": "y"}, c,
                {**c, "article_id": "empty", "body": ""}]
    chunks = [[row["article_id"] for row in chunk] for chunk in _chunks(articles, 2)]
    assert chunks == [[a["article_id"], "y", "x", b["article_id"]], [c["article_id"]]]


def test_two_processes_give_the_rows_of_one(seeds):
    articles = [{**s, "article_id": f"{s['article_id']}#{copy}"} for copy in range(3)
                for s in seeds]
    one = list(extract_in_batches(articles, workers=1, chunk_size=2))
    two = list(extract_in_batches(articles, workers=2, chunk_size=2))
    assert len(one) == len(two) == 3  # 5 distinct bodies, 2 a chunk
    assert sum(e.articles for e in two) == len(articles)
    for table in TABLES:
        assert_frame_equal(pl.concat([getattr(e, table) for e in two]),
                           pl.concat([getattr(e, table) for e in one]))
    assert pl.concat([e.entity_mentions for e in two]).get_column("article_id").n_unique() == 15

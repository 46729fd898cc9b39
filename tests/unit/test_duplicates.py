"""Exact copies and syndicated near-duplicates; independent write-ups stay apart."""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from orchestration.lib.read.parse import parse_text
from orchestration.lib.rules.duplicates import compare_drop_bodies, find_duplicates
from tests.helpers.bad_drop import ADDED_SENTENCE, LBCI_PAGE, LBCI_TITLE, SEEDS, SYNDICATED_TITLE

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"


def articles(*rows: tuple[str, str, dt.date | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"article_id": a, "body": b, "published_date": d} for a, b, d in rows],
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )


def seed_body(name: str) -> str:
    path = next(SEEDS.glob(f"{name}*.txt"))
    return parse_text(path.read_text(encoding="utf-8"), path.stem).body


def syndicate(body: str) -> str:
    """A syndicated copy: a new headline and one sentence added after the first paragraph."""
    paragraphs = body.replace(LBCI_TITLE, SYNDICATED_TITLE).split("\n\n")
    return "\n\n".join([*paragraphs[:2], ADDED_SENTENCE, *paragraphs[2:]])


MARCH_26 = dt.date(2024, 3, 26)


def test_syndicated_copy_is_a_near_duplicate_of_its_original():
    original = seed_body(LBCI_PAGE[:3])
    found = find_duplicates(
        articles(("wire", syndicate(original), MARCH_26), ("lbci", original, MARCH_26))
    ).to_dicts()
    assert len(found) == 1
    row = found[0]
    assert (row["article_id"], row["duplicate_of"], row["method"]) == (
        "wire",
        "lbci",
        "near_duplicate",
    )
    assert 0.7 <= row["similarity"] < 1.0


def test_exact_copy_and_the_earliest_is_the_original():
    body = seed_body("000")
    found = find_duplicates(
        articles(
            ("a_late", body, dt.date(2024, 3, 27)),
            ("z_first", body, MARCH_26),
            ("other", seed_body("002"), MARCH_26),
        )
    ).to_dicts()
    assert found == [
        {
            "article_id": "a_late",
            "duplicate_of": "z_first",
            "similarity": 1.0,
            "method": "exact_duplicate",
        }
    ]


def test_every_copy_points_at_the_original_of_its_group():
    original = seed_body(LBCI_PAGE[:3])
    copy = syndicate(original)
    copy_of_copy = copy + "\n\nThis article was first published by a partner agency."
    found = find_duplicates(
        articles(
            ("b_copy", copy, MARCH_26),
            ("a_original", original, MARCH_26),
            ("c_copy_of_copy", copy_of_copy, MARCH_26),
            ("d_exact_of_copy", copy, MARCH_26),
        )
    )
    assert dict(zip(found["article_id"], found["duplicate_of"], strict=True)) == {
        "b_copy": "a_original",
        "c_copy_of_copy": "a_original",
        "d_exact_of_copy": "a_original",
    }
    assert set(found["method"]) == {"near_duplicate"}


def test_independent_reports_of_one_event_are_not_duplicates():
    # The five seed articles: three of them report the same meeting in their own words.
    seeds = [(p.stem, seed_body(p.stem[:3]), MARCH_26) for p in sorted(SEEDS.glob("*.txt"))]
    assert find_duplicates(articles(*seeds)).is_empty()


def test_real_news_dev_drops_have_no_duplicates():
    rows = [
        (p.stem, parse_text(p.read_text(encoding="utf-8"), p.stem).body, None)
        for drop in ("drop_gum", "drop_meantime")
        for p in sorted((DEV / drop).glob("*.txt"))
    ]
    if not rows:
        pytest.skip(f"no dev drops under {DEV}")
    assert find_duplicates(articles(*rows)).is_empty()


def test_short_or_empty_bodies_are_only_compared_exactly():
    found = find_duplicates(
        articles(
            ("a", "Markets closed higher on Monday.", None),
            ("b", "Markets closed higher on Monday, traders said.", None),
            ("c", "", None),
            ("d", "", None),
        )
    )
    assert found.is_empty()


def test_lsh_candidates_are_the_pairs_datasketch_lsh_returns():
    """The NumPy banding finds exactly the earlier articles that datasketch's MinHashLSH (same
    threshold) returns for each query, on signatures with many shared bands."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from orchestration.lib.rules.duplicates import LSH_THRESHOLD, NUM_PERM, SCHEME, lsh_candidates

    rng = np.random.default_rng(7)
    base = rng.integers(0, 50, size=(40, NUM_PERM), dtype=np.uint32)  # few values: many matches
    signatures = np.where(
        rng.random((200, NUM_PERM)) < 0.6,
        base[rng.integers(0, 40, 200)],
        rng.integers(0, 2**32, size=(200, NUM_PERM), dtype=np.uint32),
    )
    signatures = signatures.astype(np.uint32)

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    expected: dict[int, set[int]] = {}
    for i, values in enumerate(signatures):
        minhash = LeanMinHash(seed=1, hashvalues=values.astype(np.uint64), scheme=SCHEME)
        if found := set(lsh.query(minhash)):
            expected[i] = found
        lsh.insert(i, minhash)

    assert sum(len(v) for v in expected.values()) > 200
    assert lsh_candidates(signatures) == expected
    # rows compared on an earlier run are skipped: the new rows get the same candidates
    for first_new in (1, 150, 199):
        assert lsh_candidates(signatures, first_new=first_new) == {
            row: found for row, found in expected.items() if row >= first_new
        }


def test_comparing_in_two_runs_gives_what_one_run_gives():
    """The warehouse compares each body once, when it arrives (int_article_bodies_compared):
    a first drop, then a second whose copies point into the first, must resolve exactly as if
    every body had been compared in one go; texts are read only for the bodies compared."""
    from orchestration.lib.rules.duplicates import compare_bodies, resolve_duplicates, signature

    original = seed_body(LBCI_PAGE[:3])
    copy = syndicate(original)
    copy_of_copy = copy + "\n\nThis article was first published by a partner agency."
    first = articles(
        ("b_copy", copy, MARCH_26),
        ("x_other", seed_body("000"), MARCH_26),
        ("y_other", seed_body("002"), MARCH_26),
    )
    second = articles(
        ("a_original", original, dt.date(2024, 3, 25)),  # published earlier than the first drop's
        ("c_copy_of_copy", copy_of_copy, MARCH_26),
        ("d_exact_of_copy", copy, MARCH_26),
        ("e_other", seed_body("001"), MARCH_26),
    )
    every = pl.concat([first, second])

    def prepared(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.with_columns(
            content_hash=pl.col("body").map_elements(_sha, return_dtype=pl.String),
            minhash=pl.col("body").map_elements(signature, return_dtype=pl.List(pl.UInt32)),
            ingested_at=pl.lit(None, dtype=pl.Datetime("us")),
        )

    text = dict(zip(*prepared(every).select("content_hash", "body"), strict=True))
    asked: list[str] = []

    def bodies(hashes):
        asked.extend(hashes)
        return {h: text[h] for h in hashes}

    run_1 = compare_bodies(
        prepared(first).clear().select("content_hash", "minhash"),
        prepared(first).select("content_hash", "minhash"),
        bodies,
    )
    asked.clear()
    run_2 = compare_bodies(
        run_1.select("content_hash", "minhash"),
        prepared(second).select("content_hash", "minhash"),
        bodies,
    )
    # the second run reads its own new bodies and the first run's copy, never the unrelated ones
    assert text[_sha(seed_body("000"))] not in {text[h] for h in asked}
    assert set(run_2["content_hash"]) == set(prepared(second)["content_hash"])

    together = resolve_duplicates(prepared(every), pl.concat([run_1, run_2]), bodies)
    assert together.equals(find_duplicates(every))
    assert dict(zip(together["article_id"], together["duplicate_of"], strict=True)) == {
        "b_copy": "a_original",
        "c_copy_of_copy": "a_original",
        "d_exact_of_copy": "a_original",
    }


def _sha(body: str) -> str:
    import hashlib

    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def test_copies_among_the_gated_articles_come_from_the_comparison_of_the_whole_drop():
    """The ingest asset compares every body of a drop while the quality gate runs, then asks
    for the copies among the articles it passed: those must be the copies found among them
    alone, even when a quarantined article is the earliest copy of the story."""
    original = seed_body(LBCI_PAGE[:3])
    drop = articles(
        ("quarantined_first", original, dt.date(2024, 3, 25)),
        ("wire", syndicate(original), MARCH_26),
        ("lbci", original, MARCH_26),
        ("other", seed_body("000"), MARCH_26),
    )
    passed = drop.filter(pl.col("article_id") != "quarantined_first")

    found = compare_drop_bodies(drop).duplicates_among(passed)

    assert found.equals(find_duplicates(passed))
    # the quarantined article, though earliest, is no one's original
    assert found.select("article_id", "duplicate_of", "method").rows() == [
        ("wire", "lbci", "near_duplicate")
    ]

"""Exact copies and near-duplicates (syndicated copies) among articles.

``find_duplicates(articles)`` returns one row per article that repeats an earlier one:
``article_id, duplicate_of, similarity, method``.

* **Original**: of a group of copies, the article published first (then ingested first, then the
  smallest article_id). Every other member points at it, even when it was matched through
  another copy, so ``coalesce(duplicate_of, article_id)`` names one independent story.
* **exact_duplicate**: the same cleaned body (``content_hash``); similarity 1.0.
* **near_duplicate**: the same story with small edits -- a new headline, a sentence added or cut,
  a different byline. Bodies are compared as sets of word 3-grams (case-folded, punctuation
  ignored). Candidate pairs come from MinHash LSH (datasketch), so the work grows with the
  number of articles, not with its square; each candidate is then verified exactly:
  ``similarity`` is the share of the shorter body's 3-grams that the other body also contains
  (overlap coefficient), and a pair is a near-duplicate at ``NEAR_THRESHOLD`` or above. Two
  independent write-ups of one event share names and a quote or two, far below that.

Pure functions on Polars frames. Each article's MinHash signature is computed once, where its
file is read (:func:`signature`, called by ``orchestration.lib.ingest.read_drop``; stored in
``raw.articles.minhash``), and the ingest asset finds the copies within its drop; the dbt model
``int_article_duplicates_detected`` runs :func:`find_duplicates` over every accepted article of
every drop, reusing the stored signatures, so a rebuild costs LSH lookups and
the exact check of the few candidate pairs, not a signature per article.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import polars as pl

SHINGLE_WORDS = 3
NUM_PERM = 128
# MinHash LSH finds pairs whose estimated Jaccard similarity is at least this; kept low because a
# copy with a paragraph added has a lower Jaccard than overlap.
LSH_THRESHOLD = 0.3
# Share of the shorter body's 3-grams found in the other body.
NEAR_THRESHOLD = 0.7
# Bodies with fewer 3-grams than this are only compared exactly (too little text to judge).
MIN_SHINGLES = 12

# datasketch's 32-bit permutation scheme, named explicitly: stored signatures are only comparable
# with signatures of the same scheme. Its 128 values fit UINTEGER[] in raw.articles.
SCHEME = "affine32"
SIGNATURE_COLUMN = "minhash"
SIGNATURE_DTYPE = pl.List(pl.UInt32)

EXACT = "exact_duplicate"
NEAR = "near_duplicate"

OUTPUT_SCHEMA = {
    "article_id": pl.String,
    "duplicate_of": pl.String,
    "similarity": pl.Float64,
    "method": pl.String,
}

_WORD = re.compile(r"\w+")


def shingles(text: str | None, size: int = SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall((text or "").casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def gram_hashes(text: str | None, size: int = SHINGLE_WORDS) -> set[int]:
    """:func:`shingles` for comparison only: the hashes of the word 3-grams (tuples, not joined
    strings; a third faster to build and to intersect, and a 64-bit hash makes a collision
    between two 3-grams of two bodies about as likely as never)."""
    words = _WORD.findall((text or "").casefold())
    if len(words) < size:
        return {hash(tuple(words))} if words else set()
    return set(map(hash, zip(*(words[i:] for i in range(size)), strict=False)))  # shifted views


def overlap(a: set, b: set) -> float:
    """Share of the smaller set contained in the larger one (1.0 for a copy, 0.0 for nothing)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def signature(body: str | None, num_perm: int = NUM_PERM) -> list[int] | None:
    """The body's MinHash signature over its word 3-grams; None when it is too short to judge."""
    from datasketch import MinHash

    grams = shingles(body)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return minhash.hashvalues.astype(np.uint32).tolist()


def _ordered(articles: pl.DataFrame) -> list[dict]:
    frame = articles
    for name, dtype in (
        ("published_date", pl.Date),
        ("ingested_at", pl.Datetime("us")),
        ("content_hash", pl.String),
        (SIGNATURE_COLUMN, SIGNATURE_DTYPE),
    ):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(name))
    return (
        frame.select(
            "article_id", "body", "content_hash", "published_date", "ingested_at", SIGNATURE_COLUMN
        )
        .filter(pl.col("body").fill_null("").str.strip_chars() != "")
        .unique("article_id", keep="first", maintain_order=True)
        .sort(
            ["published_date", "ingested_at", "article_id"],
            nulls_last=True,
        )
        .to_dicts()
    )


def lsh_candidates(signatures: np.ndarray, num_perm: int = NUM_PERM) -> dict[int, set[int]]:
    """MinHash LSH over the rows of ``signatures`` (one signature per row, in publication order):
    for each row, the earlier rows that share at least one band with it.

    The same banding as datasketch's ``MinHashLSH(threshold=LSH_THRESHOLD)`` (its ``b`` bands of
    ``r`` values, so the same candidates), done for all rows at once with NumPy instead of one
    insert and one query per article, which cost more than the rest of the model together.
    """
    from datasketch import MinHashLSH

    if len(signatures) < 2:
        return {}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=num_perm)
    earlier: dict[int, set[int]] = {}
    for start, end in lsh.hashranges:
        band = np.ascontiguousarray(signatures[:, start:end])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * (end - start)))).ravel()
        _, bucket = np.unique(keys, return_inverse=True)
        order = np.argsort(bucket, kind="stable")  # rows of a bucket stay in row order
        edges = np.flatnonzero(np.diff(bucket[order])) + 1
        starts, ends = np.r_[0, edges], np.r_[edges, len(order)]
        for group in np.flatnonzero(ends - starts > 1):
            members = order[starts[group] : ends[group]].tolist()
            for k in range(1, len(members)):
                earlier.setdefault(members[k], set()).update(members[:k])
    return earlier


def find_duplicates(
    articles: pl.DataFrame, threshold: float = NEAR_THRESHOLD, num_perm: int = NUM_PERM
) -> pl.DataFrame:
    """Duplicates among ``articles`` (columns article_id, body; optionally content_hash,
    published_date, ingested_at, and the ``minhash`` :func:`signature`, computed here where
    missing). Articles without a body are never duplicates."""
    rows = _ordered(articles)
    found: dict[str, tuple[str, float, str]] = {}
    first_with_body: dict[str, str] = {}
    representatives: list[dict] = []
    for row in rows:
        digest = row["content_hash"] or hashlib.sha256(row["body"].encode("utf-8")).hexdigest()
        if digest in first_with_body:
            found[row["article_id"]] = (first_with_body[digest], 1.0, EXACT)
        else:
            first_with_body[digest] = row["article_id"]
            representatives.append(row)

    # 3-gram sets are built only for the articles an exact comparison needs.
    body_of = {row["article_id"]: row["body"] for row in representatives}
    grams_cache: dict[str, set[int]] = {}

    def grams_of(article_id: str) -> set[int]:
        if article_id not in grams_cache:
            grams_cache[article_id] = gram_hashes(body_of[article_id])
        return grams_cache[article_id]

    # Near-duplicates among distinct bodies, in publication order: each is compared with the
    # earlier ones only, and joins the group of its most similar earlier match.
    rank = {row["article_id"]: i for i, row in enumerate(representatives)}
    signed: list[tuple[str, list[int]]] = []
    for row in representatives:
        values = row[SIGNATURE_COLUMN]
        if values is None or len(values) != num_perm:  # not stored (or too short): compute
            values = signature(row["body"], num_perm)
        if values is not None:
            signed.append((row["article_id"], values))
    earlier = lsh_candidates(np.asarray([v for _, v in signed], dtype=np.uint32), num_perm)
    origin: dict[str, str] = {}
    for position, (article_id, _) in enumerate(signed):
        best: tuple[float, int, str] | None = None
        for other in earlier.get(position, ()):
            candidate = signed[other][0]
            score = overlap(grams_of(article_id), grams_of(candidate))
            if score >= threshold and (best is None or (score, -rank[candidate]) > best[:2]):
                best = (score, -rank[candidate], candidate)
        if best is not None:
            original = origin.get(best[2], best[2])
            origin[article_id] = original
            found[article_id] = (original, overlap(grams_of(article_id), grams_of(original)), NEAR)

    # An exact copy of a near-duplicate belongs to the same story: point it at the original.
    for article_id, (target, _, method) in list(found.items()):
        if method == EXACT and target in origin:
            found[article_id] = (origin[target], found[target][1], NEAR)

    return pl.DataFrame(
        [
            {"article_id": a, "duplicate_of": o, "similarity": round(s, 4), "method": m}
            for a, (o, s, m) in sorted(found.items())
        ],
        schema=OUTPUT_SCHEMA,
        orient="row",
    )

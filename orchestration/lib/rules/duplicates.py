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
file is read (:func:`signature`, called by ``orchestration.lib.read.drop.read_drop``; stored in
``raw.articles.minhash``), and the ingest asset finds the copies within its drop
(:func:`compare_drop_bodies` while the quality gate runs, then
:meth:`DropComparison.duplicates_among` the articles it passed). Across drops the work is split
so that a drop costs what its own articles cost: :func:`compare_bodies` compares each new body
once with every body of the warehouse (LSH over the stored signatures, then the exact check of
the few candidates; dbt model ``int_article_bodies_compared`` keeps the pairs), and
:func:`resolve_duplicates` decides originals and copies from the stored pairs without reading
the texts (``int_article_duplicates_detected``).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

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


def lsh_candidates(
    signatures: np.ndarray, num_perm: int = NUM_PERM, first_new: int = 0
) -> dict[int, set[int]]:
    """MinHash LSH over the rows of ``signatures`` (one signature per row, in publication order):
    for each row from ``first_new`` on, the earlier rows that share at least one band with it.
    Rows before ``first_new`` were compared on an earlier run: their buckets are only looked at
    when a new row falls in them, so the cost follows the new rows, not the warehouse.

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
        # a bucket matters when it has two rows or more and its last (latest) row is new
        groups = np.flatnonzero((ends - starts > 1) & (order[ends - 1] >= first_new))
        for group in groups:
            members = order[starts[group] : ends[group]].tolist()
            for k in range(max(1, bisect.bisect_left(members, first_new)), len(members)):
                earlier.setdefault(members[k], set()).update(members[:k])
    return earlier


NEAR_COPY_DTYPE = pl.List(pl.Struct({"content_hash": pl.String, "overlap": pl.Float64}))
# The comparison rules a stored comparison was made with: when one changes, every body is
# compared again.
RULES = f"{SCHEME}/{NUM_PERM}/lsh{LSH_THRESHOLD}/near{NEAR_THRESHOLD}/{SHINGLE_WORDS}grams"
# One row per distinct body (content_hash) that was compared: its signature (None when too short
# to judge), the bodies it was found to be a near copy of when it arrived, and the rules used.
COMPARED_SCHEMA = {
    "content_hash": pl.String,
    SIGNATURE_COLUMN: SIGNATURE_DTYPE,
    "near_copies": NEAR_COPY_DTYPE,
    "rules": pl.String,
}

BodyLookup = Callable[[Iterable[str]], Mapping[str, str]]


def compare_bodies(
    known: pl.DataFrame,
    new: pl.DataFrame,
    bodies: BodyLookup,
    threshold: float = NEAR_THRESHOLD,
    num_perm: int = NUM_PERM,
) -> pl.DataFrame:
    """Compare each ``new`` body with every body (known and new): the near-copy pairs it is in.

    ``known`` (content_hash, minhash) holds bodies compared on an earlier run; ``new``
    (content_hash, minhash) the bodies to compare now. A missing signature is computed from the
    body. ``bodies(content_hashes)`` returns the texts of the given hashes, and is only called for
    the bodies that a comparison needs, so a drop of 100 articles into a warehouse of 10,000 reads
    the texts of the 100 and of their few LSH candidates, never the warehouse's.

    Returns :data:`COMPARED_SCHEMA`, one row per new hash. Near copy is a property of two
    bodies, so a pair is found whenever its later body arrives and the earlier one is still
    there; :func:`resolve_duplicates` reads the pairs from either side.
    """
    if new.height == 0:
        return pl.DataFrame(schema=COMPARED_SCHEMA)
    new = new.unique("content_hash", keep="first", maintain_order=True)
    known = known.filter(~pl.col("content_hash").is_in(new.get_column("content_hash").implode()))
    new_hashes = new.get_column("content_hash").to_list()
    stored = new.get_column(SIGNATURE_COLUMN).to_list()
    unsigned = [
        h for h, v in zip(new_hashes, stored, strict=True) if v is None or len(v) != num_perm
    ]
    texts = bodies(unsigned) if unsigned else {}
    signature_of: dict[str, list[int] | None] = {}
    for h, values in zip(new_hashes, stored, strict=True):
        if values is None or len(values) != num_perm:
            values = signature(texts.get(h), num_perm)
        signature_of[h] = None if values is None else list(values)

    signed_known = known.filter(pl.col(SIGNATURE_COLUMN).list.len() == num_perm)
    hashes = signed_known.get_column("content_hash").to_list()
    matrix = [_signature_matrix(signed_known.get_column(SIGNATURE_COLUMN), num_perm)]
    fresh = [h for h in new_hashes if signature_of[h] is not None]
    if fresh:
        matrix.append(np.asarray([signature_of[h] for h in fresh], dtype=np.uint32))
    first_new = len(hashes)
    hashes += fresh
    earlier = lsh_candidates(np.concatenate(matrix), num_perm, first_new) if fresh else {}
    pairs = sorted((other, row) for row, others in earlier.items() for other in others)

    needed = sorted({hashes[i] for pair in pairs for i in pair})
    texts = bodies(needed) if needed else {}
    grams: dict[str, set[int]] = {}

    def grams_of(h: str) -> set[int]:
        if h not in grams:
            grams[h] = gram_hashes(texts.get(h))
        return grams[h]

    near: dict[str, list[dict]] = {h: [] for h in new_hashes}
    for i, j in pairs:
        a, b = hashes[i], hashes[j]
        score = overlap(grams_of(a), grams_of(b))
        if score < threshold:
            continue
        for this, that in ((a, b), (b, a)):
            if this in near:
                near[this].append({"content_hash": that, "overlap": score})
    return pl.DataFrame(
        {
            "content_hash": new_hashes,
            SIGNATURE_COLUMN: [signature_of[h] for h in new_hashes],
            "near_copies": [near[h] for h in new_hashes],
            "rules": [RULES] * len(new_hashes),
        },
        schema=COMPARED_SCHEMA,
    )


def _signature_matrix(column: pl.Series, num_perm: int) -> np.ndarray:
    if column.len() == 0:
        return np.empty((0, num_perm), dtype=np.uint32)
    return column.explode().to_numpy().astype(np.uint32).reshape(-1, num_perm)


def resolve_duplicates(
    articles: pl.DataFrame, compared: pl.DataFrame, bodies: BodyLookup
) -> pl.DataFrame:
    """Which ``articles`` repeat an earlier one, given the bodies' near-copy pairs.

    ``articles``: article_id, content_hash, published_date, ingested_at (no body needed; every
    article here has a non-empty body). ``compared``: :data:`COMPARED_SCHEMA` rows covering
    every content hash of ``articles``. ``bodies`` is only asked for the texts of an article and
    the original it reaches through another copy, when that pair was not compared directly.
    """
    rows = (
        articles.select("article_id", "content_hash", "published_date", "ingested_at")
        .unique("article_id", keep="first", maintain_order=True)
        .sort(["published_date", "ingested_at", "article_id"], nulls_last=True)
        .to_dicts()
    )
    found: dict[str, tuple[str, float, str]] = {}
    first_with_body: dict[str, str] = {}
    representatives: list[dict] = []
    for row in rows:
        digest = row["content_hash"]
        if digest in first_with_body:
            found[row["article_id"]] = (first_with_body[digest], 1.0, EXACT)
        else:
            first_with_body[digest] = row["article_id"]
            representatives.append(row)

    score: dict[tuple[str, str], float] = {}
    neighbours: dict[str, set[str]] = {}
    pairs = compared.select("content_hash", "near_copies").explode("near_copies").drop_nulls()
    for a, copy in pairs.iter_rows():
        b = copy["content_hash"]
        if a in first_with_body and b in first_with_body:
            score[(a, b)] = score[(b, a)] = copy["overlap"]
            neighbours.setdefault(a, set()).add(b)
            neighbours.setdefault(b, set()).add(a)

    rank = {row["content_hash"]: i for i, row in enumerate(representatives)}
    article_of = {row["content_hash"]: row["article_id"] for row in representatives}
    origin: dict[str, str] = {}  # content hash -> content hash of its group's original
    far: list[tuple[str, str]] = []
    # In publication order, each distinct body joins the group of its most similar earlier near
    # copy (ties: the earliest); the group's original is the earliest body of the group.
    for row in representatives:
        h = row["content_hash"]
        best: tuple[float, int, str] | None = None
        for other in neighbours.get(h, ()):
            if rank[other] < rank[h] and (
                best is None or (score[(h, other)], -rank[other]) > best[:2]
            ):
                best = (score[(h, other)], -rank[other], other)
        if best is not None:
            original = origin.get(best[2], best[2])
            origin[h] = original
            if (h, original) not in score:
                far.append((h, original))
    if far:
        texts = bodies(sorted({h for pair in far for h in pair}))
        for a, b in far:
            score[(a, b)] = overlap(gram_hashes(texts.get(a)), gram_hashes(texts.get(b)))
    for h, original in origin.items():
        found[article_of[h]] = (article_of[original], score[(h, original)], NEAR)

    # An exact copy of a near-duplicate belongs to the same story: point it at the original.
    for article_id, (target, _, method) in list(found.items()):
        if method == EXACT and target in found and found[target][2] == NEAR:
            found[article_id] = (found[target][0], found[target][1], NEAR)

    return pl.DataFrame(
        [
            {"article_id": a, "duplicate_of": o, "similarity": round(s, 4), "method": m}
            for a, (o, s, m) in sorted(found.items())
        ],
        schema=OUTPUT_SCHEMA,
        orient="row",
    )


def find_duplicates(
    articles: pl.DataFrame, threshold: float = NEAR_THRESHOLD, num_perm: int = NUM_PERM
) -> pl.DataFrame:
    """Duplicates among ``articles`` (columns article_id, body; optionally content_hash,
    published_date, ingested_at, and the ``minhash`` :func:`signature`, computed here where
    missing). Articles without a body are never duplicates.

    All in one go, for a frame that holds its bodies (one drop at ingest, tests);
    the warehouse keeps the comparisons instead (:func:`compare_bodies`, then
    :func:`resolve_duplicates`).
    """
    return compare_drop_bodies(articles, threshold, num_perm).duplicates_among(articles)


@dataclass(frozen=True)
class DropComparison:
    """The near-copy pairs of a frame's bodies (:func:`compare_drop_bodies`), and their texts."""

    compared: pl.DataFrame  # COMPARED_SCHEMA, one row per distinct non-empty body
    texts: Mapping[str, str]  # content_hash -> body

    def duplicates_among(self, articles: pl.DataFrame) -> pl.DataFrame:
        """The :func:`find_duplicates` of ``articles``, rows of the compared frame (say, those
        the quality gate passed): whether two bodies are near copies depends on the two texts
        only, so the pairs among a subset are the subset's pairs."""
        frame = _with_hashed_bodies(articles)
        known = set(self.compared.get_column("content_hash").to_list())
        if not set(frame.get_column("content_hash").to_list()) <= known:
            return find_duplicates(articles)  # a body that was not compared: start over
        return resolve_duplicates(frame, self.compared, _lookup(self.texts))


def compare_drop_bodies(
    articles: pl.DataFrame, threshold: float = NEAR_THRESHOLD, num_perm: int = NUM_PERM
) -> DropComparison:
    """Compare every body of ``articles`` with every other (the costly half of
    :func:`find_duplicates`; it needs no quality gate, so the ingest asset runs it while the
    gate runs)."""
    frame = _with_hashed_bodies(articles)
    text = dict(zip(frame.get_column("content_hash"), frame.get_column("body"), strict=True))
    compared = compare_bodies(
        pl.DataFrame(schema={"content_hash": pl.String, SIGNATURE_COLUMN: SIGNATURE_DTYPE}),
        frame.select("content_hash", SIGNATURE_COLUMN),
        _lookup(text),
        threshold,
        num_perm,
    )
    return DropComparison(compared, text)


def _lookup(texts: Mapping[str, str]) -> BodyLookup:
    """A :data:`BodyLookup` over bodies held in memory."""
    return lambda hashes: {h: texts[h] for h in hashes}


def _with_hashed_bodies(articles: pl.DataFrame) -> pl.DataFrame:
    """The rows with a non-empty body, every optional column present, content_hash filled."""
    frame = articles
    for name, dtype in (
        ("published_date", pl.Date),
        ("ingested_at", pl.Datetime("us")),
        ("content_hash", pl.String),
        (SIGNATURE_COLUMN, SIGNATURE_DTYPE),
    ):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(name))
    return frame.filter(pl.col("body").fill_null("").str.strip_chars() != "").with_columns(
        pl.col("content_hash").fill_null(
            pl.col("body").map_elements(_sha256, return_dtype=pl.String)
        )
    )


def _sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


_DIGEST = re.compile(r"[0-9a-f]{64}")


def relation_bodies(relation) -> BodyLookup:
    """A :data:`BodyLookup` over a DuckDB relation with content_hash and body columns (the dbt
    models pass the staged articles): one query per call, for the hashes asked only."""

    def lookup(hashes: Iterable[str]) -> dict[str, str]:
        wanted = sorted(set(hashes))
        if not wanted:
            return {}
        if not all(_DIGEST.fullmatch(h) for h in wanted):  # they are inlined in the filter
            raise ValueError("content hashes must be SHA-256 hex digests")
        listed = ", ".join(f"'{h}'" for h in wanted)
        rows = (
            relation.filter(f"content_hash in ({listed})")
            .aggregate("content_hash, any_value(body) as body")
            .fetchall()
        )
        return dict(rows)

    return lookup

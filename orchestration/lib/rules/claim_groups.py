"""Cross-article claim grouping and agreement: ``group_claims(claims, accepted_article_ids)``.

Run by the dbt Python model int_claims_grouped over every claim of the warehouse (extracted per
article by orchestration/lib/nlp/claims.py). Polars and numpy only: no spaCy here.

Two claims are *about the same thing* when all of these hold (thresholds are module constants):

1. same normalised ``unit`` (USD/year only meets USD/year: "$70 million annual" and "$30 million
   monthly" meet once both are yearly rates; a count never meets a fraction);
2. different articles (a claim never groups with another claim of its own article, also not
   transitively: groups are built greedily from the best pairs and never take a second claim
   of an article they already hold);
3. head compatibility: each claim's head term appears among the other's terms (so "over a
   million Palestinians" in Rafah, head ``palestinian``, never meets the death toll, head
   ``death``, although both mention Palestinians);
4. term overlap: at least ``MIN_SHARED_TERMS`` (2) shared terms, or all terms of the smaller set
   when it has fewer, and an overlap coefficient |A and B| / min(|A|, |B|) of at least
   ``MIN_OVERLAP`` (0.5);
5. the same anchoring years (none, or the same ones);
6. articles published at most ``WINDOW_DAYS`` (30) days apart, when the frame carries a
   ``published_date`` column and both dates are known.

Candidates are blocked by (unit, head term) and 30-day publication buckets, and at most
``MAX_CANDIDATES`` (100) later claims are scored per claim, so the work stays near-linear.

Each group is then labelled, with relative tolerance ``TOLERANCE`` (10 %, recorded on every
row): each claim is an interval ("more than 32,000" = [32000, inf), "up to 5" = (-inf, 5],
otherwise the value itself); two claims *agree* when the gap between their intervals is at most
``TOLERANCE`` x the larger absolute value. ``group_status`` is computed over the claims of
accepted articles only (``single`` when fewer than two of them are in the group; every row of the
group, quarantined ones included, shows the accepted view), ``status_with_quarantined`` over all
claims. ``conflicting_claim_ids`` lists the claims of the group (quarantined included) that
disagree with the row's claim (at most ``MAX_CONFLICTS_LISTED``, 100). Agreement inside a group
is computed vectorised (numpy), in chunks.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import polars as pl

from orchestration.lib.rules.union_find import UnionFind

TOLERANCE = 0.10
# Claims only meet when their articles were published at most this many days apart (when both
# dates are known: a "published_date" column of the claims frame); a death toll of last year
# is not contradicted by this week's.
WINDOW_DAYS = 30
# At most this many candidates are scored per claim (blocks of very common subjects stay cheap).
MAX_CANDIDATES = 100
# conflicting_claim_ids lists at most this many ids (a huge contradicting group stays readable).
MAX_CONFLICTS_LISTED = 100
MIN_SHARED_TERMS = 2
MIN_OVERLAP = 0.5

# The claim columns the grouping rules read (published_date may be absent): the dbt model reads
# these only, not whole rows with their sentences.
GROUP_INPUT_COLUMNS = (
    "claim_id",
    "article_id",
    "subject_terms",
    "value",
    "qualifier",
    "unit",
    "quantity_start",
    "published_date",
)

GROUP_SCHEMA = {
    "claim_id": pl.String,
    "claim_group_id": pl.String,
    "group_status": pl.String,
    "status_with_quarantined": pl.String,
    "tolerance": pl.Float64,
    "conflicting_claim_ids": pl.List(pl.String),
}

LOWER_BOUND_QUALIFIERS = {"more than", "at least"}
UPPER_BOUND_QUALIFIERS = {"less than", "up to", "at most"}


def _interval(value: float, qualifier: str | None) -> tuple[float, float]:
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return value, math.inf
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return -math.inf, value
    return value, value


def claims_agree(
    a: tuple[float, str | None], b: tuple[float, str | None], tolerance: float = TOLERANCE
) -> bool:
    """Do (value, qualifier) ``a`` and ``b`` agree within the relative ``tolerance``?"""
    lo_a, hi_a = _interval(*a)
    lo_b, hi_b = _interval(*b)
    gap = max(lo_a, lo_b) - min(hi_a, hi_b)
    if gap <= 0:
        return True
    scale = max(abs(a[0]), abs(b[0]))
    return gap <= tolerance * scale


_YEAR_TERM = re.compile(r"1[5-9]\d\d|20\d\d")
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _years(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(t for t in terms if _YEAR_TERM.fullmatch(t))


def _conflicts(
    values: list[tuple[float, str | None]], is_accepted: np.ndarray, chunk: int = 512
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Pairwise disagreement inside one group, vectorised (same rule as :func:`claims_agree`).

    Returns the disagreeing pairs as two arrays of member indexes (row-major: by member, then by
    the member it disagrees with; empty when the group agrees), and whether any pair of accepted
    members disagrees.
    """
    m = len(values)
    v = np.array([x[0] for x in values], dtype=float)
    bounds = [_interval(*x) for x in values]
    lo = np.array([b[0] for b in bounds], dtype=float)
    hi = np.array([b[1] for b in bounds], dtype=float)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    any_acc = False
    for start in range(0, m, chunk):
        stop = min(m, start + chunk)
        with np.errstate(invalid="ignore"):
            gap = np.maximum(lo[start:stop, None], lo[None, :]) - np.minimum(
                hi[start:stop, None], hi[None, :]
            )
        scale = np.maximum(np.abs(v[start:stop, None]), np.abs(v[None, :]))
        bad = (gap > 0) & (gap > TOLERANCE * scale)
        if not bad.any():  # the usual case: the whole chunk agrees
            continue
        if not any_acc and (bad & is_accepted[start:stop, None] & is_accepted[None, :]).any():
            any_acc = True
        r, c = np.nonzero(bad)
        rows.append(r + start)
        cols.append(c)
    if not rows:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, False
    return np.concatenate(rows), np.concatenate(cols), any_acc


def group_claims(claims: pl.DataFrame, accepted_article_ids: list[str]) -> pl.DataFrame:
    """Group claims about the same subject across articles and flag agreement (module doc)."""
    if claims.height == 0:
        return pl.DataFrame(schema=GROUP_SCHEMA)
    # column lists rather than row dicts: this runs over every claim of the warehouse
    has_dates = "published_date" in claims.columns
    frame = claims.select(
        [c for c in GROUP_INPUT_COLUMNS if has_dates or c != "published_date"]
    ).sort(["article_id", "quantity_start"])
    claim_ids = frame.get_column("claim_id").to_list()
    article_ids = frame.get_column("article_id").to_list()
    units = frame.get_column("unit").to_list()
    values = frame.select("value", "qualifier").rows()  # (value, qualifier) tuples
    n = len(claim_ids)
    is_accepted = (
        frame.get_column("article_id")
        .is_in(list(accepted_article_ids or []), nulls_equal=True)
        .to_numpy()
    )
    heads, term_sets, years = _subject_keys(frame.get_column("subject_terms").to_list())

    # publication days (the dbt model passes the dates along); unknown ones compare with all
    if has_dates:
        days = frame.get_column("published_date").cast(pl.Date).cast(pl.Int32).to_list()
    else:
        days = [None] * n
    buckets_of = [None if d is None else (d + _EPOCH_ORDINAL) // WINDOW_DAYS for d in days]

    pairs = _candidate_pairs(
        units, heads, term_sets, years, days, buckets_of, _article_ends(article_ids)
    )
    groups = _merge_best_pairs(pairs, article_ids)
    return _label_groups(frame.get_column("claim_id"), claim_ids, values, is_accepted, groups)


def _subject_keys(
    subject_terms: list[list[str] | None],
) -> tuple[list[str | None], list[frozenset[str]], list[frozenset[str]]]:
    """Per claim, once: head term, term set and anchoring years (interned, so equal years are
    the same object; many claims share their terms)."""
    heads: list[str | None] = []
    term_sets: list[frozenset[str]] = []
    years: list[frozenset[str]] = []
    by_terms: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]]] = {}
    canonical_years: dict[frozenset[str], frozenset[str]] = {}
    for t in subject_terms:
        key = tuple(t or ())
        prepared = by_terms.get(key)
        if prepared is None:
            y = _years(key)
            prepared = by_terms[key] = (frozenset(key), canonical_years.setdefault(y, y))
        heads.append(key[0] if key else None)
        term_sets.append(prepared[0])
        years.append(prepared[1])
    return heads, term_sets, years


def _article_ends(article_ids: list[str]) -> list[int]:
    """Claims of one article are consecutive (sorted by article): end of each claim's article."""
    n = len(article_ids)
    article_end = [0] * n
    end = n
    for i in range(n - 1, -1, -1):
        if i + 1 < n and article_ids[i] != article_ids[i + 1]:
            end = i + 1
        article_end[i] = end
    return article_end


def _candidate_pairs(
    units: list[str],
    heads: list[str | None],
    term_sets: list[frozenset[str]],
    years: list[frozenset[str]],
    days: list[int | None],
    buckets_of: list[int | None],
    article_end: list[int],
) -> list[tuple[float, int, int]]:
    """Scored pairs of claims about the same subject (module doc, rules 1 and 3-6), best first:
    (-score, i, j), j a later claim of another article; blocked by (unit, term) and by
    publication window."""
    n = len(units)
    index: dict[tuple[str, str], dict[int | None, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i in range(n):
        unit, bucket = units[i], buckets_of[i]
        for t in term_sets[i]:
            index[(unit, t)][bucket].append(i)
    pairs: list[tuple[float, int, int]] = []  # (-score, i, j): sorts best first, then i, j
    for i in range(n):
        head = heads[i]
        if head is None:
            continue
        buckets = index.get((units[i], head))
        if not buckets:
            continue
        bucket, day = buckets_of[i], days[i]
        keys = list(buckets) if bucket is None else [bucket - 1, bucket, bucket + 1, None]
        si, yi, li = term_sets[i], years[i], len(term_sets[i])
        # blocks hold indexes in increasing order: only later claims of other articles (those
        # of claim i's own article come right after it and are not counted as candidates)
        after = article_end[i]
        seen = 0
        for key in keys:
            block = buckets.get(key)
            if not block:
                continue
            pos = bisect.bisect_left(block, after)
            stop = min(len(block), pos + MAX_CANDIDATES - seen)
            if pos >= stop:
                continue
            seen += stop - pos
            check_window = day is not None and key is not None
            for j in block[pos:stop]:
                if check_window and abs(day - days[j]) > WINDOW_DAYS:
                    continue
                # same subject (module doc, rules 3-5); head i is among j's terms by blocking
                sj = term_sets[j]
                if years[j] is not yi or heads[j] not in si:
                    continue
                shared = len(si & sj)
                lj = len(sj)
                smaller = li if li < lj else lj
                if shared < min(MIN_SHARED_TERMS, smaller):
                    continue
                overlap = shared / smaller
                if overlap < MIN_OVERLAP:
                    continue
                # ties broken by Jaccard
                pairs.append((-(overlap + shared / (li + lj - shared) / 10), i, j))
            if seen >= MAX_CANDIDATES:
                break
    pairs.sort()
    return pairs


def _merge_best_pairs(
    pairs: list[tuple[float, int, int]], article_ids: list[str]
) -> dict[int, list[int]]:
    """Groups (root -> member indexes, in index order) built greedily from the best pairs,
    never holding two claims of one article."""
    n = len(article_ids)
    sets = UnionFind(range(n))
    articles: list[set[str]] = [{a} for a in article_ids]  # by root
    rejected: set[tuple[int, int]] = set()  # root pairs that share an article (stays true)
    for _, i, j in pairs:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj:
            continue
        key = (ri, rj) if ri < rj else (rj, ri)
        if key in rejected:
            continue
        if not articles[ri].isdisjoint(articles[rj]):
            rejected.add(key)
            continue
        sets.union(ri, rj)
        keep, drop = (ri, rj) if sets.find(ri) == ri else (rj, ri)
        articles[keep] |= articles[drop]
        articles[drop] = set()

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[sets.find(i)].append(i)
    return groups


def _label_groups(
    claim_id_column: pl.Series,
    claim_ids: list[str],
    values: list[tuple[float, str | None]],
    is_accepted: np.ndarray,
    groups: dict[int, list[int]],
) -> pl.DataFrame:
    """One row per claim (``GROUP_SCHEMA``): its group id, statuses and conflicting claims."""
    n = len(claim_ids)
    # output as column lists; the conflicting pairs as two index arrays, listed at the end
    out_rows: list[int] = []
    out_gids: list[str] = []
    out_acc: list[str] = []
    out_all: list[str] = []
    conflict_of: list[np.ndarray] = []  # claim index, pair by pair
    conflict_with: list[np.ndarray] = []  # the claim index it disagrees with
    for members in groups.values():
        if len(members) == 1:  # most claims: nothing to compare
            i = members[0]
            out_rows.append(i)
            out_gids.append("cg_" + hashlib.sha1(claim_ids[i].encode()).hexdigest()[:16])
            out_acc.append("single")
            out_all.append("single")
            continue
        gid = "cg_" + hashlib.sha1(min(claim_ids[i] for i in members).encode()).hexdigest()[:16]
        index = np.array(members)
        is_acc = is_accepted[index]
        rows, cols, any_acc = _conflicts([values[i] for i in members], is_acc)
        any_all = rows.size > 0
        status_all = "contradicts" if any_all else "agrees"
        n_acc = int(is_acc.sum())
        status_acc = "single" if n_acc < 2 else ("contradicts" if any_acc else "agrees")
        out_rows.extend(members)
        out_gids.extend([gid] * len(members))
        out_acc.extend([status_acc] * len(members))
        out_all.extend([status_all] * len(members))
        if any_all:
            conflict_of.append(index[rows])
            conflict_with.append(index[cols])
    grouped = pl.DataFrame(
        {
            "claim_id": [claim_ids[i] for i in out_rows],
            "claim_group_id": out_gids,
            "group_status": out_acc,
            "status_with_quarantined": out_all,
            "tolerance": [TOLERANCE] * n,
        },
        schema={k: GROUP_SCHEMA[k] for k in GROUP_SCHEMA if k != "conflicting_claim_ids"},
    )
    return grouped.with_columns(
        _conflicting_ids(claim_id_column, out_rows, conflict_of, conflict_with)
    ).select(list(GROUP_SCHEMA))


def _conflicting_ids(
    claim_ids: pl.Series,
    out_rows: list[int],
    conflict_of: list[np.ndarray],
    conflict_with: list[np.ndarray],
) -> pl.Series:
    """Per output row (claim index ``out_rows[k]``), the ids of the claims it disagrees with:
    the first ``MAX_CONFLICTS_LISTED`` in the group's order, sorted by id; empty when none."""
    dtype = GROUP_SCHEMA["conflicting_claim_ids"]
    order = pl.DataFrame({"claim": out_rows}, schema={"claim": pl.Int64})
    none = [np.empty(0, dtype=np.int64)]
    pairs = pl.DataFrame(
        {
            "claim": np.concatenate(conflict_of or none),
            "other": np.concatenate(conflict_with or none),
        },
        schema={"claim": pl.Int64, "other": pl.Int64},
    )
    listed = (
        pairs.group_by("claim", maintain_order=True)
        .agg(pl.col("other").head(MAX_CONFLICTS_LISTED))
        .explode("other")
    )
    ids = listed.with_columns(claim_ids.gather(listed.get_column("other")).alias("id"))
    ids = ids.group_by("claim").agg(pl.col("id").sort().alias("conflicting_claim_ids"))
    return (
        order.join(ids, on="claim", how="left", maintain_order="left")
        .get_column("conflicting_claim_ids")
        .fill_null(pl.lit([], dtype=dtype))
        .cast(dtype)
    )

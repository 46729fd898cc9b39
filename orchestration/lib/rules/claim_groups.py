"""Cross-article claim grouping and agreement: ``group_claims(claims, accepted_article_ids)``.

Run by the dbt Python model int_claims_grouped over every claim of the warehouse (extracted per
article by orchestration/lib/nlp/claims.py). Polars and numpy only: no spaCy here.

* **Which claims are compared**: orchestration/lib/rules/claim_match.py decides when two claims
  of different articles measure the same thing (unit and denominator, what is measured, the
  entity, places, kind, period) -- a ``strong`` or a ``weak`` match -- and which values their
  writing allows (rounding, qualifiers, ranges).
* **Groups** are built greedily from the best pairs (agreeing pairs first, then the most
  similar; at most ``MAX_CANDIDATES`` other-article claims of the same block scored per claim,
  the nearest in article order): a strong match joins any two claims, a weak one only the same
  figure; two groups merge only if every two claims across them (their first ``MAX_CHECKED``
  members) could have been joined so on their own (agreeing values never chain different
  things together), and never when they would hold two claims of one article. So
  "contradicts" is said only of claims that measure the same thing for the same period.
* **Syndicated copies count once**: claims of different articles whose sentences are the same
  (after spacing) are one report; a group of copies of one report is ``single``.
* **Statuses**: ``group_status`` over the claims of accepted articles (``single`` when they
  make fewer than two reports, ``contradicts`` when two of them disagree, else ``agrees``;
  every row of the group shows it, quarantined ones included), ``status_with_quarantined`` over
  all claims, ``conflicting_claim_ids`` the claims of the group (quarantined included) that
  disagree with the row's claim (at most ``MAX_CONFLICTS_LISTED``, sorted by id), ``tolerance``
  the claim's own relative rounding tolerance, ``group_rationale`` why the group holds and what
  its status rests on.

Candidates are blocked by (unit, denominator, term); each pair is scored once, so the work
stays near-linear.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import re
from collections import defaultdict

import polars as pl

from orchestration.lib.rules.claim_match import (
    Key,
    claim_key,
    interval,
    intervals_meet,
    relation,
    same_figure,
)
from orchestration.lib.rules.union_find import UnionFind

# At most this many candidates are scored per claim (blocks of very common subjects stay cheap).
MAX_CANDIDATES = 100
# Two groups merge when their first MAX_CHECKED members (each) could all have been joined.
MAX_CHECKED = 20
# A weak match never joins counts below this: two articles saying "two" agree by chance.
SMALL_COUNT = 10
# nor claims that differ in more than this many looser points (claim_match.relation): the more is
# unknown about what two claims measure, the less a coincident figure says.
MAX_LOOSE = 3
# conflicting_claim_ids lists at most this many ids (a huge contradicting group stays readable).
MAX_CONFLICTS_LISTED = 100

# The claim columns the grouping rules read (published_date and sentence may be absent): the
# dbt model reads these only.
GROUP_INPUT_COLUMNS = (
    "claim_id",
    "article_id",
    "subject",
    "subject_terms",
    "subject_entity",
    "value",
    "raw_value",
    "low",
    "high",
    "qualifier",
    "unit",
    "per",
    "kind",
    "period",
    "quantity_start",
    "sentence",
    "published_date",
)
_OPTIONAL_INPUT = ("published_date", "sentence", "subject", "subject_entity", "raw_value", "low",
                   "high", "per", "kind", "period")

GROUP_SCHEMA = {
    "claim_id": pl.String,
    "claim_group_id": pl.String,
    "group_status": pl.String,
    "status_with_quarantined": pl.String,
    "tolerance": pl.Float64,
    "conflicting_claim_ids": pl.List(pl.String),
    "group_rationale": pl.String,
}

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def claims_agree(
    a: tuple[float, str | None], b: tuple[float, str | None]
) -> bool:
    """Do (value, qualifier) ``a`` and ``b`` agree, given their rounding (claim_match)?"""
    return intervals_meet(interval(a[0], a[0], None, None, a[1]),
                          interval(b[0], b[0], None, None, b[1]))


class _Claims:
    """The columns of the claims frame the rules read, as lists, and per-claim keys."""

    def __init__(self, frame: pl.DataFrame):
        def col(name, default=None):
            if name in frame.columns:
                return frame.get_column(name).to_list()
            return [default] * frame.height

        self.ids = col("claim_id")
        self.articles = col("article_id")
        self.values = col("value")
        days = (frame.get_column("published_date").cast(pl.Date).cast(pl.Int32).to_list()
                if "published_date" in frame.columns else [None] * frame.height)
        raw, low, high, qual = col("raw_value"), col("low"), col("high"), col("qualifier")
        self.ranges = [lo is not None and hi is not None and lo != hi
                       for lo, hi in zip(low, high, strict=True)]
        self.end_intervals = [
            None if not r or not m else (interval(v * lo / m, lo, None, None, None),
                                         interval(v * hi / m, hi, None, None, None))
            for r, v, lo, hi, m in zip(self.ranges, self.values, low, high, raw, strict=True)
        ]
        self.intervals = [interval(v, r, lo, hi, q)
                          for v, r, lo, hi, q in zip(self.values, raw, low, high, qual,
                                                     strict=True)]
        self.cores = [interval(v, r, lo, hi, None)
                      for v, r, lo, hi in zip(self.values, raw, low, high, strict=True)]
        self.voices = [None if not s else hash(re.sub(r"\s+", " ", s).strip())
                       for s in col("sentence")]
        cache: dict[tuple, Key] = {}
        self._relations: dict[tuple[int, int], tuple[str | None, list[str]]] = {}
        self.scored: dict[tuple[int, int], tuple[float, int, int] | None] = {}
        self.keys = []
        for row in zip(col("unit"), col("per"), col("subject"), col("subject_terms"),
                       col("subject_entity"), col("kind"), col("period"), days, strict=True):
            k = (*row[:3], tuple(row[3] or ()), *row[4:])
            if k not in cache:
                cache[k] = claim_key(*row)
            self.keys.append(cache[k])

    def relation(self, i: int, j: int) -> tuple[str | None, list[str]]:
        """claim_match.relation of claims i and j, once per pair of distinct keys."""
        ka, kb = self.keys[i], self.keys[j]
        memo_key = (id(ka), id(kb))
        found = self._relations.get(memo_key)
        if found is None:
            found = self._relations[memo_key] = relation(ka, kb)
        return found

    def agree(self, i: int, j: int) -> bool:
        return intervals_meet(self.intervals[i], self.intervals[j])

    def copies(self, i: int, j: int) -> bool:
        return self.voices[i] is not None and self.voices[i] == self.voices[j]

    def tolerance(self, i: int) -> float:
        lo, hi = self.intervals[i]
        v = self.values[i]
        if not v or not (math.isfinite(lo) and math.isfinite(hi)):
            return 0.0
        return round(max(hi - v, v - lo) / abs(v), 4)


def group_claims(claims: pl.DataFrame, accepted_article_ids: list[str]) -> pl.DataFrame:
    """Group claims that measure the same thing across articles and flag agreement (module
    doc)."""
    if claims.height == 0:
        return pl.DataFrame(schema=GROUP_SCHEMA)
    frame = claims.select(
        [c for c in GROUP_INPUT_COLUMNS if c in claims.columns or c not in _OPTIONAL_INPUT]
    ).sort(["article_id", "quantity_start"])
    data = _Claims(frame)
    accepted = set(accepted_article_ids or [])
    pairs = _candidate_pairs(data)
    groups = _merge_best_pairs(pairs, data)
    return _label_groups(data, accepted, groups)


def _candidate_pairs(data: _Claims) -> list[tuple[float, int, int]]:
    """(-score, i, j) of the pairs that may join, best first: copies, then agreeing pairs, then
    strong matches that disagree; i < j, claims of different articles."""
    n = len(data.ids)
    keys = data.keys
    index: dict[tuple, list[int]] = defaultdict(list)
    for i in range(n):
        k = keys[i]
        for t in k.terms:
            index[(k.unit, k.per, t)].append(i)
    article_start, article_end = _article_bounds(data.articles)
    pairs: list[tuple[float, int, int]] = []
    for i in range(n):
        k = keys[i]
        if k.head is None:
            continue
        block = index.get((k.unit, k.per, k.head))
        if not block:
            continue
        # claims of other articles holding this claim's head, the nearest on each side (the
        # other claim's head need not be among this one's terms: "jobs" and "job cuts")
        lo = bisect.bisect_left(block, article_start[i])
        hi = bisect.bisect_left(block, article_end[i])
        half = MAX_CANDIDATES // 2
        for j in block[max(0, lo - half):lo] + block[hi:hi + half]:
            if j < i and keys[j].head in k.terms:  # claim j's own scan finds this pair
                continue
            a, b = (i, j) if i < j else (j, i)
            pair = _scored(data, a, b)
            if pair is not None:
                pairs.append(pair)
    pairs.sort()
    return pairs


def _scored(data: _Claims, i: int, j: int) -> tuple[float, int, int] | None:
    """(-score, i, j) when claims i and j may join (module doc), else None; once per pair."""
    key = (i, j) if i < j else (j, i)
    if key in data.scored:
        return data.scored[key]
    found = data.scored[key] = _score(data, *key)
    return found


def _score(data: _Claims, i: int, j: int) -> tuple[float, int, int] | None:
    if data.copies(i, j):
        return -4.0, i, j
    ki, kj = data.keys[i], data.keys[j]
    strength, loose = data.relation(i, j)
    if strength is None:
        return None
    if strength == "weak" and (len(loose) > MAX_LOOSE or not _same_figure(data, i, j)):
        return None
    sim = len(ki.terms & kj.terms) / len(ki.terms | kj.terms)
    bonus = (2.0 if data.agree(i, j) else 0.0) + (0.5 if strength == "strong" else 0.0)
    return -(sim + bonus), i, j


def _same_figure(data: _Claims, i: int, j: int) -> bool:
    """What a weak match needs: one figure, not a range against a value inside it, nor a small
    count that two articles give by chance ("two models")."""
    if data.ranges[i] != data.ranges[j]:
        return False
    if data.ranges[i]:  # both ends the same
        if data.end_intervals[i] is None or data.end_intervals[j] is None:
            return False
        return all(same_figure(a, b, a, b) for a, b in zip(data.end_intervals[i],
                                                             data.end_intervals[j], strict=True))
    if data.keys[i].unit == "count" and abs(data.values[i]) < SMALL_COUNT:
        return False
    return same_figure(data.intervals[i], data.intervals[j], data.cores[i], data.cores[j])


def _article_bounds(article_ids: list[str]) -> tuple[list[int], list[int]]:
    """Claims of one article are consecutive (sorted by article): start and end of each claim's
    article."""
    n = len(article_ids)
    starts, ends = [0] * n, [0] * n
    for i in range(1, n):
        starts[i] = starts[i - 1] if article_ids[i] == article_ids[i - 1] else i
    end = n
    for i in range(n - 1, -1, -1):
        if i + 1 < n and article_ids[i] != article_ids[i + 1]:
            end = i + 1
        ends[i] = end
    return starts, ends


def _merge_best_pairs(pairs: list[tuple[float, int, int]], data: _Claims) -> dict[int, list[int]]:
    """Groups (root -> member indexes, in index order) built greedily from the best pairs,
    never holding two claims of one article nor two disagreeing claims without a strong
    match."""
    n = len(data.ids)
    sets = UnionFind(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[str]] = {i: {data.articles[i]} for i in range(n)}
    for _, i, j in pairs:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj or not articles[ri].isdisjoint(articles[rj]):
            continue
        if not all(_may_share_a_group(data, a, b) for a in members[ri][:MAX_CHECKED]
                   for b in members[rj][:MAX_CHECKED]):
            continue
        sets.union(ri, rj)
        keep, drop = (ri, rj) if sets.find(ri) == ri else (rj, ri)
        articles[keep] |= articles.pop(drop)
        members[keep].extend(members.pop(drop))
    return {root: sorted(m) for root, m in members.items()}


def _may_share_a_group(data: _Claims, a: int, b: int) -> bool:
    """Every two claims of a group (of different articles) are copies or a match that could
    have joined them on its own: agreeing values do not chain different things together."""
    return data.copies(a, b) or _scored(data, a, b) is not None


def _label_groups(data: _Claims, accepted: set[str], groups: dict[int, list[int]]) -> pl.DataFrame:
    """One row per claim (``GROUP_SCHEMA``)."""
    out: dict[str, list] = {name: [] for name in GROUP_SCHEMA}
    for group in groups.values():
        ids = [data.ids[i] for i in group]
        gid = _group_id(min(ids))
        conflicts = {i: [] for i in group}
        for x, a in enumerate(group):
            for b in group[x + 1:]:
                if not (data.copies(a, b) or data.agree(a, b)):
                    conflicts[a].append(b)
                    conflicts[b].append(a)
        acc = [i for i in group if data.articles[i] in accepted]
        status_acc = _status(data, acc, conflicts)
        status_all = _status(data, group, conflicts)
        rationale = _rationale(data, group, conflicts) if len(group) > 1 else None
        for i in group:
            out["claim_id"].append(data.ids[i])
            out["claim_group_id"].append(gid if len(group) > 1 else _group_id(data.ids[i]))
            out["group_status"].append(status_acc)
            out["status_with_quarantined"].append(status_all)
            out["tolerance"].append(data.tolerance(i))
            out["conflicting_claim_ids"].append(_first_ids(data, conflicts[i]))
            out["group_rationale"].append(rationale)
    return pl.DataFrame(out, schema=GROUP_SCHEMA)


def _group_id(claim_id: str) -> str:
    return "cg_" + hashlib.sha1(claim_id.encode()).hexdigest()[:16]


def _first_ids(data: _Claims, others: list[int]) -> list[str]:
    """The first MAX_CONFLICTS_LISTED conflicting claims in the group's order, sorted by id."""
    return sorted(data.ids[k] for k in sorted(others)[:MAX_CONFLICTS_LISTED])


def _status(data: _Claims, members: list[int], conflicts: dict[int, list[int]]) -> str:
    reports = {data.voices[i] if data.voices[i] is not None else ("claim", i) for i in members}
    if len(reports) < 2:
        return "single"
    inside = set(members)
    if any(c in inside for i in members for c in conflicts[i]):
        return "contradicts"
    return "agrees"


def _rationale(data: _Claims, group: list[int], conflicts: dict[int, list[int]]) -> str:
    k = data.keys[group[0]]
    what = " ".join(sorted(k.entity)) + " " + (k.head or "") if k.entity else (k.head or "")
    unit = k.unit + (f" per {k.per}" if k.per else "")
    periods = sorted({data.keys[i].period for i in group if data.keys[i].period})
    kinds = sorted({data.keys[i].kind or "fact" for i in group})
    reports = len({data.voices[i] if data.voices[i] is not None else i for i in group})
    first = group[0]
    weak = sorted({why for b in group[1:MAX_CHECKED] if not data.copies(first, b)
                   for why in data.relation(first, b)[1]})
    text = (f"{len(group)} claims in {reports} reports measure {what.strip()} in {unit}; "
            f"kind {'/'.join(kinds)}; period {', '.join(periods) or 'not stated'}")
    if weak:
        text += f"; joined on agreeing values only ({'; '.join(weak)})"
    bad = [(a, b) for a in group for b in conflicts[a] if a < b]
    if bad:
        a, b = bad[0]
        text += (f"; contradicts: {data.values[a]:g} ({data.ids[a]}) against {data.values[b]:g} "
                 f"({data.ids[b]}) beyond their rounding")
    else:
        text += "; values agree within their rounding"
    return text

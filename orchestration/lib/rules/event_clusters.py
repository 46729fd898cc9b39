"""Event clustering across articles: ``cluster_events(event_mentions, resolved_mentions)``.

The event mentions come from orchestration.lib.nlp.events (one row per trigger of an article);
``cluster_events`` groups them into events in named steps:

* read the mentions, one list per column, with the resolved entity of each participant and
  location (``_read_mentions``) and the publication date of each article
  (``_publication_dates``: the optional ``published_dates`` argument, else the
  ``published_date`` column, else the article's dateline-dated lead event);
* group them within each article, then link those per-article events across articles
  (``within_article_units``, ``merge_across_articles``: the rules, in
  orchestration.lib.rules.event_links);
* write one row per mention (``_output_rows``). ``event_id`` = ``"ev_" + sha1(defining mention
  id)[:16]``; the defining mention is the first non-anaphoric mention of the earliest article
  (by article_id, then offset). ``merge_reason`` says which rule attached each mention.
  ``participant_entity_ids``, ``location_entity_id`` and ``location_text`` describe the *event*
  (repeated on each of its mentions): the union of the resolved participants of all its
  mentions; the place its mentions name most often (the first named on a tie), so "Tehran" wins
  over a single "talks in Iran"; and the place as its mentions write it most often (alphabetical
  on ties), which names the location when ``location_entity_id`` is no resolved entity. This is
  the one choice of an event's participants and location: int_events_aggregated only names them
  (from int_entities_aggregated) and carries them. Each mention's own participants and place
  stay in raw.event_mentions.

It runs in the dbt Python model int_event_mentions_clustered, so it imports no spaCy.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import polars as pl

from orchestration.lib.frames import string_lists
from orchestration.lib.names import word_key
from orchestration.lib.rules.event_links import (
    Edges,
    Mentions,
    Unit,
    merge_across_articles,
    within_article_units,
)
from orchestration.lib.rules.union_find import UnionFind

# The columns the clustering rules read: of the event mentions (published_date and modality may
# be absent), and of the resolved entity mentions (the entity of each participant and location).
# The dbt model reads these only, not whole rows.
CLUSTER_INPUT_COLUMNS = (
    "event_mention_id",
    "article_id",
    "event_type",
    "trigger_text",
    "trigger_start",
    "participant_mention_ids",
    "participant_texts",
    "location_mention_id",
    "location_text",
    "event_date",
    "date_source",
    "is_lead",
    "is_anaphoric",
    "modality",
    "published_date",
)
CLUSTER_ENTITY_COLUMNS = ("mention_id", "entity_id", "canonical_name")

CLUSTER_SCHEMA = {
    "event_mention_id": pl.String,
    "event_id": pl.String,
    "merge_reason": pl.String,
    "participant_entity_ids": pl.List(pl.String),
    "location_entity_id": pl.String,
    "location_text": pl.String,
}


def cluster_events(
    event_mentions: pl.DataFrame,
    resolved_mentions: pl.DataFrame,
    published_dates: dict[str, object] | None = None,
) -> pl.DataFrame:
    """Group event mentions into events (see the module docstring for the rules).

    ``published_dates`` (article_id -> date) is optional; a ``published_date`` column of
    ``event_mentions`` is used too; without either the publication date of an article is read
    from its dateline-dated lead event (or its latest dated event).
    """
    if event_mentions.height == 0:
        return pl.DataFrame(schema=CLUSTER_SCHEMA)
    article_dates = _publication_dates(event_mentions, published_dates)
    mentions = _read_mentions(event_mentions, resolved_mentions)
    units, unit_of = within_article_units(mentions)
    uf, edges = merge_across_articles(units, article_dates)
    return _output_rows(mentions, units, unit_of, uf, edges)


# ----------------------------------------------------------------------------- inputs


def _article_dates(event_mentions: pl.DataFrame) -> dict[str, object]:
    """Publication date per article as seen through its events: the dateline date of its lead
    event, else its latest dated event."""
    dateline: dict[str, object] = {}
    latest: dict[str, object] = {}
    for article_id, date, source in zip(
        event_mentions["article_id"].to_list(),
        event_mentions["event_date"].to_list(),
        event_mentions["date_source"].to_list(),
        strict=True,
    ):
        if date is None:
            continue
        if source == "dateline":
            dateline[article_id] = date
        elif article_id not in latest or latest[article_id] < date:
            latest[article_id] = date
    return {**latest, **dateline}


def _publication_dates(
    event_mentions: pl.DataFrame, published_dates: dict[str, object] | None
) -> dict[str, object]:
    """Publication date per article: the given dates, else the published_date column, else what
    its events say (``_article_dates``)."""
    article_dates = _article_dates(event_mentions)
    if "published_date" in event_mentions.columns:  # the dbt model passes it along
        for article_id, published in (
            event_mentions.select("article_id", "published_date").unique().iter_rows()
        ):
            if published is not None:
                article_dates[article_id] = published
    if published_dates:
        article_dates.update({k: v for k, v in published_dates.items() if v is not None})
    return article_dates


def _resolved_entities(
    resolved_mentions: pl.DataFrame | None, wanted: set
) -> dict[str, tuple[str, str]]:
    """mention_id -> (entity_id, name) for the ``wanted`` mentions."""
    resolved: dict[str, tuple[str, str]] = {}
    if resolved_mentions is not None and resolved_mentions.height:
        name_col = "canonical_name" if "canonical_name" in resolved_mentions.columns else None
        # only the mentions that events refer to (this table has every entity mention of the
        # warehouse); the filter keeps row order, so a repeated id still ends on its last row
        keep = pl.col("mention_id").is_in([mid for mid in wanted if mid is not None])
        if None in wanted:
            keep = keep | pl.col("mention_id").is_null()
        rm = resolved_mentions.filter(keep)
        eids = rm["entity_id"].to_list()
        names = rm[name_col].to_list() if name_col else [None] * len(eids)
        for mid, eid, name in zip(rm["mention_id"].to_list(), eids, names, strict=True):
            resolved[mid] = (eid, name or eid)
    return resolved


def _read_mentions(event_mentions: pl.DataFrame, resolved_mentions: pl.DataFrame) -> Mentions:
    # one list per column rather than a dict per row
    em = event_mentions.sort(["article_id", "trigger_start"])
    col = {c: em[c].to_list() for c in (
        "event_mention_id", "article_id", "event_type", "trigger_text", "trigger_start",
        "participant_mention_ids", "participant_texts", "location_mention_id", "location_text",
        "event_date", "is_lead", "is_anaphoric",
    )}
    modality = em["modality"].to_list() if "modality" in em.columns else []
    wanted = {mid for mids in col["participant_mention_ids"] for mid in mids or []}
    wanted.update(mid for mid in col["location_mention_id"] if mid)
    resolved = _resolved_entities(resolved_mentions, wanted)

    def entity_of(mention_id: str, text: str | None) -> tuple[str, str]:
        if mention_id in resolved:
            return resolved[mention_id]
        return ("name:" + word_key(text or mention_id), text or mention_id)

    texts = [t or [] for t in col["participant_texts"]]
    part_ids: list[dict[str, str]] = []
    loc_ids: list[tuple[str, str] | None] = []
    for mids, mention_texts, loc_mid, loc_text in zip(
        col["participant_mention_ids"], texts, col["location_mention_id"],
        col["location_text"], strict=True,
    ):
        ids: dict[str, str] = {}
        for mid, text in zip(mids or [], mention_texts, strict=False):
            eid, name = entity_of(mid, text)
            ids.setdefault(eid, name)
        part_ids.append(ids)
        loc_ids.append(entity_of(loc_mid, loc_text) if loc_mid else None)
    return Mentions(
        ids=col["event_mention_id"], article=col["article_id"], type=col["event_type"],
        trigger=col["trigger_text"], start=col["trigger_start"], date=col["event_date"],
        lead=col["is_lead"], anaphoric=col["is_anaphoric"], texts=texts,
        location_text=col["location_text"], participants=part_ids, location=loc_ids,
        modality=modality,
    )


# ----------------------------------------------------------------------------- 3. output rows


def _unit_reasons(root_unit: int, edges: Edges) -> dict[int, str]:
    """The rule that attached each unit of an event, walking the links from its defining unit."""
    unit_reason: dict[int, str] = {root_unit: ""}
    queue = [root_unit]
    while queue:
        u = queue.pop(0)
        for v, rule in edges.get(u, []):
            if v not in unit_reason:
                unit_reason[v] = rule
                queue.append(v)
    return unit_reason


def _event_place(m: Mentions, mention_idx: list[int]) -> tuple[str | None, str | None]:
    """The event's location entity (the most often named, first named on ties: "Tehran" over
    one "in Iran") and its text (the most often written, alphabetical on ties)."""
    loc_counts: dict[str, int] = defaultdict(int)
    text_counts: dict[str, int] = defaultdict(int)
    for i in sorted(mention_idx):
        if m.location[i] is not None:
            loc_counts[m.location[i][0]] += 1
        if m.location_text[i] is not None:
            text_counts[m.location_text[i]] += 1
    location = max(loc_counts, key=loc_counts.get) if loc_counts else None
    text = min(text_counts, key=lambda t: (-text_counts[t], t)) if text_counts else None
    return location, text


def _output_rows(
    m: Mentions, units: list[Unit], unit_of: list[int], uf: UnionFind, edges: Edges
) -> pl.DataFrame:
    clusters: dict[int, list[int]] = defaultdict(list)
    for u in range(len(units)):
        clusters[uf.find(u)].append(u)
    # output built as column lists
    out: dict[str, list] = {name: [] for name in CLUSTER_SCHEMA}
    for members in clusters.values():
        mention_idx = [i for u in members for i in units[u].members]
        defining = min(mention_idx, key=lambda i: (bool(m.anaphoric[i]), m.article[i], m.start[i]))
        event_id = "ev_" + hashlib.sha1(m.ids[defining].encode()).hexdigest()[:16]
        unit_reason = _unit_reasons(unit_of[defining], edges)
        single = len(mention_idx) == 1
        event_participants = sorted({e for i in mention_idx for e in m.participants[i]})
        event_location, event_location_text = _event_place(m, mention_idx)
        for u in members:
            unit = units[u]
            for i in unit.members:
                if i == defining:
                    reason = "single mention" if single else "defining mention"
                else:
                    parts = [unit_reason.get(u, ""), unit.reasons.get(i, "")]
                    if i == unit.members[0] and not parts[0]:
                        parts[1] = parts[1] or "same article"
                    reason = "; ".join(p for p in parts if p) or "same article"
                out["event_mention_id"].append(m.ids[i])
                out["event_id"].append(event_id)
                out["merge_reason"].append(reason)
                out["participant_entity_ids"].append(event_participants)
                out["location_entity_id"].append(event_location)
                out["location_text"].append(event_location_text)
    out["participant_entity_ids"] = string_lists(out["participant_entity_ids"])
    return pl.DataFrame(out, schema=CLUSTER_SCHEMA)

"""Per-article extraction: one spaCy pass per body, three Polars frames out.

Pure library code (no Dagster). Each article's rows depend on its body and its own metadata
only, so the caller can skip articles already seen and split the work across processes, and
articles that share a body share its parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import polars as pl

from orchestration.lib.nlp import claims, datelines, entities, events
from orchestration.lib.nlp.model import load_nlp
from orchestration.runtime.parallel import map_in_processes

ENTITY_MENTION_SCHEMA = {
    "drop_id": pl.String,
    "article_id": pl.String,
    "mention_id": pl.String,
    "mention_text": pl.String,
    "entity_type": pl.String,
    "mention_kind": pl.String,  # name | demonym (orchestration.lib.nlp.mention_kinds)
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "sentence": pl.String,
    "sentence_start": pl.Int32,
    "sentence_end": pl.Int32,
    "role_title": pl.String,
    "role_org": pl.String,
    "role_text": pl.String,
}

EVENT_MENTION_SCHEMA = {
    "drop_id": pl.String,
    "article_id": pl.String,
    "event_mention_id": pl.String,
    "event_type": pl.String,
    "trigger_text": pl.String,
    "trigger_start": pl.Int32,
    "trigger_end": pl.Int32,
    "participant_mention_ids": pl.List(pl.String),
    "participant_texts": pl.List(pl.String),
    "location_mention_id": pl.String,
    "location_text": pl.String,
    "event_date": pl.Date,
    "date_text": pl.String,
    "date_source": pl.String,
    "is_lead": pl.Boolean,
    "is_anaphoric": pl.Boolean,
    "modality": pl.String,
    "sentence": pl.String,
    "sentence_start": pl.Int32,
    "sentence_end": pl.Int32,
}

CLAIM_MENTION_SCHEMA = {
    "drop_id": pl.String,
    "article_id": pl.String,
    "claim_id": pl.String,
    "subject": pl.String,
    "subject_terms": pl.List(pl.String),
    "subject_entity": pl.String,  # the name of the entity measured, as the article writes it
    "subject_mention_id": pl.String,  # its entity mention (dbt links it: subject_entity_id)
    "quantity_text": pl.String,
    "quantity_start": pl.Int32,
    "quantity_end": pl.Int32,
    "raw_value": pl.Float64,
    "raw_unit": pl.String,
    "per": pl.String,
    "period": pl.String,
    "low": pl.Float64,
    "high": pl.Float64,
    "kind": pl.String,
    "qualifier": pl.String,
    "attribution": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
    "sentence": pl.String,
    "sentence_start": pl.Int32,
    "sentence_end": pl.Int32,
}


@dataclass(frozen=True)
class Extraction:
    entity_mentions: pl.DataFrame
    event_mentions: pl.DataFrame
    claim_mentions: pl.DataFrame
    articles: int = 0  # how many articles this extraction covers


def extract_articles(articles: Iterable[dict], batch_size: int = 16) -> Extraction:
    """Run the model once per distinct body and collect mentions, events and claims per article.

    ``articles``: dicts with at least drop_id, article_id, body, published_date (date or None).
    Articles with the same body (a wire story syndicated under several headlines) share one
    parse: the model is most of the cost, the per-article rows a few %.
    """
    nlp = load_nlp()
    groups = _by_body(articles)
    ent_rows: list[dict] = []
    ev_rows: list[dict] = []
    claim_rows: list[dict] = []
    docs = nlp.pipe((group[0]["body"] for group in groups), batch_size=batch_size)
    for group, doc in zip(groups, docs, strict=True):
        # Rows depend on the doc and on the article's own id and publication date only.
        for article in group:
            ents = entities.entity_mentions_from_doc(doc, article)
            ents = datelines.with_dateline_place(doc, article, ents)  # the filing place
            ent_rows.extend(ents)
            ev_rows.extend(events.event_mentions_from_doc(doc, article, ents))
            claim_rows.extend(claims.claim_mentions_from_doc(doc, article, ents))
    return Extraction(
        articles=sum(map(len, groups)),
        entity_mentions=pl.DataFrame(ent_rows, schema=ENTITY_MENTION_SCHEMA, orient="row"),
        event_mentions=pl.DataFrame(ev_rows, schema=EVENT_MENTION_SCHEMA, orient="row"),
        claim_mentions=pl.DataFrame(claim_rows, schema=CLAIM_MENTION_SCHEMA, orient="row"),
    )


# --------------------------------------------------------------------------- batches, processes


def _by_body(articles: Iterable[dict]) -> list[list[dict]]:
    """Articles with a body, grouped by body, in the order each body first appears."""
    groups: dict[str, list[dict]] = {}
    for article in articles:
        if article.get("body"):
            groups.setdefault(article["body"], []).append(article)
    return list(groups.values())


def _chunks(articles: list[dict], size: int) -> Iterator[list[dict]]:
    """Chunks of ``size`` distinct bodies, each with every article that has one of them."""
    groups = _by_body(articles)
    for start in range(0, len(groups), size):
        yield [article for group in groups[start : start + size] for article in group]


def _warm_worker() -> None:
    load_nlp()


def extract_in_batches(
    articles: list[dict], workers: int = 1, chunk_size: int = 32
) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per chunk of articles (``chunk_size`` distinct bodies).

    With ``workers > 1`` the chunks run in that many processes (each loads the model once);
    at most ``2 * workers`` chunks are in flight, so memory stays bounded whatever the drop's
    size: parsed documents never outlive their chunk.
    """
    chunks = list(_chunks(articles, chunk_size))
    if len(chunks) < 2:
        workers = 1
    yield from map_in_processes(extract_articles, chunks, workers, initializer=_warm_worker)

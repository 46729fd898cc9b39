"""Accepted and quarantined bodies -> spaCy -> entity, event and claim mentions (raw schema).

Quarantined articles are extracted too: their claims stay inspectable in the quarantine views.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.lib.extract import extract_articles
from orchestration.lib.nlp import MODEL_PACKAGE
from orchestration.lib.warehouse import replace_drop_rows

MENTION_TABLES = {
    "raw_entity_mentions": "entity_mentions",
    "raw_event_mentions": "event_mentions",
    "raw_claim_mentions": "claim_mentions",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key,
            deps=["raw_articles"],
            partitions_def=drops_partitions,
            group_name="extract",
            kinds={"python", "spacy", "duckdb"},
            description=f"raw.{table}: per-article {table.replace('_', ' ')} with offsets.",
        )
        for key, table in MENTION_TABLES.items()
    ],
    partitions_def=drops_partitions,
    pool="duckdb",
)
def extraction(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    drop_id = context.partition_key
    # Read, then release the connection while the model runs.
    with warehouse.get_connection() as conn:
        articles = conn.sql(
            "select drop_id, article_id, body, published_date from raw.articles "
            "where drop_id = ? and coalesce(body, '') <> '' order by article_id",
            params=[drop_id],
        ).pl()
    result = extract_articles(articles.iter_rows(named=True))
    frames = {
        "raw_entity_mentions": result.entity_mentions,
        "raw_event_mentions": result.event_mentions,
        "raw_claim_mentions": result.claim_mentions,
    }
    with warehouse.get_connection() as conn:
        for key, frame in frames.items():
            replace_drop_rows(conn, MENTION_TABLES[key], frame, drop_id)
    for key, frame in frames.items():
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={"rows": frame.height, "articles": articles.height, "model": MODEL_PACKAGE},
        )

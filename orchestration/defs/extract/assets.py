"""Article bodies -> spaCy -> entity, event and claim mentions (raw schema).

* Incremental: an article already extracted in another drop with the same id and the same body
  (content hash) under the same model is not extracted again; the marts read its rows from that
  earlier delivery (dbt macro ``select_current_delivery``). The ledger that decides it, and its
  reads, are in ``orchestration/warehouse/ledger.py``.
* Parallel and bounded: chunks of articles run in ``settings.EXTRACT_WORKERS`` processes and are
  written as they come back, inside one transaction per drop.
* Quarantined articles are extracted too: their claims stay inspectable in the quarantine views.
"""

import datetime as dt

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.lib import progress
from orchestration.lib.nlp.extract import extract_in_batches
from orchestration.lib.nlp.model import model_version
from orchestration.warehouse.ledger import (
    LEDGER,
    articles_to_extract,
    articles_with_body,
    create_ledger,
    ledger_rows,
)
from orchestration.warehouse.writes import replace_drop_rows_streamed

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
    model = model_version()
    with warehouse.get_connection() as conn:
        create_ledger(conn)
        todo = articles_to_extract(conn, drop_id, model)
        total = articles_with_body(conn, drop_id)
        context.log.info(
            f"drop {drop_id}: extracting {todo.height} of {total} articles "
            f"({total - todo.height} already extracted elsewhere) with "
            f"{settings.EXTRACT_WORKERS} process(es)"
        )

        def batches():
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            articles = todo.drop("content_hash").to_dicts()
            done = 0
            for chunk in extract_in_batches(articles, workers=settings.EXTRACT_WORKERS):
                done += chunk.articles
                progress.report(f"drop {drop_id}: articles extracted", done, len(articles))
                yield {
                    "entity_mentions": chunk.entity_mentions,
                    "event_mentions": chunk.event_mentions,
                    "claim_mentions": chunk.claim_mentions,
                }
            yield {LEDGER: ledger_rows(todo, model, now)}

        counts = replace_drop_rows_streamed(
            conn, drop_id, [*MENTION_TABLES.values(), LEDGER], batches()
        )
    for key, table in MENTION_TABLES.items():
        yield dg.MaterializeResult(
            asset_key=key,
            metadata={
                "rows": counts[table],
                "articles_extracted": todo.height,
                "articles_reused": total - todo.height,
                "model": model,
            },
        )

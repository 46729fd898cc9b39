"""Cross-article event clustering: one row per event mention of an accepted article.

The rules live in orchestration.lib.events.cluster_events; this model feeds it the deduplicated
event mentions (raw columns + published_date) and the resolved entity mentions, and pins the
output schema.
"""

import polars as pl

from orchestration.lib.events import CLUSTER_SCHEMA as OUTPUT_SCHEMA
from orchestration.lib.events import cluster_events


def model(dbt, session):
    dbt.config(materialized="table")

    event_mentions = (
        dbt.ref("int_event_mentions_deduplicated")
        .filter("is_accepted")
        .order("article_id, trigger_start")
        .pl()
        .drop("is_accepted")
    )
    resolved_mentions = dbt.ref("int_entity_mentions_resolved").pl()

    clustered = cluster_events(event_mentions, resolved_mentions)
    return clustered.select([pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()])

"""Cross-article event clustering: one row per event mention of an accepted article.

The rules live in orchestration.lib.rules.event_clusters.cluster_events; this model feeds it the
deduplicated event mentions (raw columns + published_date) and the resolved entity mentions, and
pins the output schema. Its output carries each event's participants and location (chosen there,
once); int_events_aggregated only names them.
"""

import polars as pl

from orchestration.lib.rules.event_clusters import (
    CLUSTER_ENTITY_COLUMNS,
    CLUSTER_INPUT_COLUMNS,
    cluster_events,
)
from orchestration.lib.rules.event_clusters import CLUSTER_SCHEMA as OUTPUT_SCHEMA
from orchestration.runtime.collector import collector_paused


@collector_paused()  # bulk Python over the warehouse: see orchestration.runtime.collector
def model(dbt, session):
    dbt.config(materialized="table")

    event_mentions = (
        dbt.ref("int_event_mentions_deduplicated")
        .filter("is_accepted")
        .project(", ".join(CLUSTER_INPUT_COLUMNS))
        .order("article_id, trigger_start")
        .pl()
    )
    resolved_mentions = (
        dbt.ref("int_entity_mentions_resolved").project(", ".join(CLUSTER_ENTITY_COLUMNS)).pl()
    )

    clustered = cluster_events(event_mentions, resolved_mentions)
    return clustered.select([pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()])

"""Cross-article event clustering: one row per event mention of an accepted article.

The rules live in orchestration.lib.rules.event_clusters.cluster_events; this model feeds it the
current event mentions (raw columns + published_date) and the resolved entity mentions, and pins
the output schema. Its output carries each event's participants and location (chosen there,
once); int_events_aggregated only names them.
"""

from orchestration.lib.rules.event_clusters import (
    CLUSTER_ENTITY_COLUMNS,
    CLUSTER_INPUT_COLUMNS,
    cluster_events,
)
from orchestration.lib.rules.event_clusters import CLUSTER_SCHEMA as OUTPUT_SCHEMA
from orchestration.runtime.dbt_python import Rows, build_table


def model(dbt, session):
    dbt.config(materialized="table")
    return build_table(
        cluster_events,
        Rows(
            dbt.ref("int_event_mentions_current"),
            where="is_accepted",
            columns=CLUSTER_INPUT_COLUMNS,
            order="article_id, trigger_start",
        ),
        Rows(dbt.ref("int_entity_mentions_resolved"), columns=CLUSTER_ENTITY_COLUMNS),
        schema=OUTPUT_SCHEMA,
    )

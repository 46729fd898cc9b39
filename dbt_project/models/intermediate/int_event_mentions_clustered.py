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
        .project(
            "event_mention_id, article_id, event_type, trigger_text, trigger_start, "
            "participant_mention_ids, participant_texts, location_mention_id, location_text, "
            "event_date, date_source, is_lead, is_anaphoric, published_date"
        )
        .order("article_id, trigger_start")
        .pl()
    )
    # the rules read the entity (id, name) of each participant and location mention
    resolved_mentions = (
        dbt.ref("int_entity_mentions_resolved")
        .project("mention_id, entity_id, canonical_name")
        .pl()
    )

    clustered = cluster_events(event_mentions, resolved_mentions)
    return clustered.select([pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()])

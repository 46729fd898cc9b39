"""Cross-article entity resolution: one row per entity mention of an accepted article.

The rules live in orchestration.lib.rules.resolution.resolve_entities; this model only feeds it the
current mentions (raw columns + published_date) and the analysts' overrides seed, and pins
the output schema. Quarantined articles are left out so they cannot shape canonical names. On a
large warehouse the rule runs in a child process, beside dbt's threads
(orchestration.runtime.offload).
"""

import polars as pl

from orchestration.lib.rules.resolution import RESOLVE_INPUT_COLUMNS, resolve_entities
from orchestration.lib.rules.resolution import RESOLVED_SCHEMA as OUTPUT_SCHEMA
from orchestration.runtime.collector import collector_paused
from orchestration.runtime.offload import run_rule


@collector_paused()  # bulk Python over the warehouse: see orchestration.runtime.collector
def model(dbt, session):
    dbt.config(materialized="table")

    mentions = (
        dbt.ref("int_entity_mentions_current")
        .filter("is_accepted")
        .project(", ".join(RESOLVE_INPUT_COLUMNS))
        .order("article_id, start_char")
        .pl()
    )
    overrides = dbt.ref("entity_overrides").pl()

    resolved = run_rule(resolve_entities, mentions, overrides)
    return resolved.select([pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()])

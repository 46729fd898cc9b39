"""Cross-article entity resolution: one row per entity mention of an accepted article.

The rules live in orchestration.lib.rules.resolution.resolve_entities (with its neighbours
name_matching, entity_merges, org_merges and overrides); this model only feeds it the current
mentions (raw columns + published_date) and the analysts' overrides seed, and pins the output
schema.
Quarantined articles are left out so they cannot shape canonical names. On a large warehouse the
rule runs in a child process, beside dbt's threads (orchestration.runtime.offload).
"""

from orchestration.lib.rules.resolution import RESOLVE_INPUT_COLUMNS, resolve_entities
from orchestration.lib.rules.resolution import RESOLVED_SCHEMA as OUTPUT_SCHEMA
from orchestration.runtime.dbt_python import Rows, build_table


def model(dbt, session):
    dbt.config(materialized="table")
    return build_table(
        resolve_entities,
        Rows(
            dbt.ref("int_entity_mentions_current"),
            where="is_accepted",
            columns=RESOLVE_INPUT_COLUMNS,
            order="article_id, start_char",
        ),
        Rows(dbt.ref("entity_overrides")),
        schema=OUTPUT_SCHEMA,
        offload=True,
    )

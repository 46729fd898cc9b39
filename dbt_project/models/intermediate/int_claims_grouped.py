"""Cross-article claim grouping: one row per claim, quarantined articles included.

The rules (grouping, tolerance, agreement, conflicts) live in
orchestration.lib.rules.claim_groups.group_claims. It sees every claim so that
status_with_quarantined and conflicting_claim_ids can show what a quarantined article would
contradict, while group_status is computed over accepted articles only. On a large warehouse
the rule runs in a child process, beside dbt's threads (orchestration.runtime.offload).
"""

import polars as pl

from orchestration.lib.rules.claim_groups import GROUP_INPUT_COLUMNS, group_claims
from orchestration.lib.rules.claim_groups import GROUP_SCHEMA as OUTPUT_SCHEMA
from orchestration.runtime.collector import collector_paused
from orchestration.runtime.offload import run_rule


@collector_paused()  # bulk Python over the warehouse: see orchestration.runtime.collector
def model(dbt, session):
    dbt.config(materialized="table")

    claims = (
        dbt.ref("int_claim_mentions_deduplicated")
        .project(", ".join(GROUP_INPUT_COLUMNS))
        .order("article_id, quantity_start")
        .pl()
    )
    accepted_article_ids = (
        dbt.ref("int_articles_deduplicated")
        .filter("is_accepted")
        .project("article_id")
        .order("article_id")
        .pl()
        .get_column("article_id")
        .to_list()
    )

    grouped = run_rule(group_claims, claims, accepted_article_ids)
    return grouped.select([pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()])

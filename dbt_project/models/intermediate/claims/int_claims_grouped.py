"""Cross-article claim grouping: one row per claim, quarantined articles included.

The rules (grouping, tolerance, agreement, conflicts) live in
orchestration.lib.rules.claim_groups.group_claims. It sees every claim so that
status_with_quarantined and conflicting_claim_ids can show what a quarantined article would
contradict, while group_status is computed over accepted articles only. On a large warehouse
the rule runs in a child process, beside dbt's threads (orchestration.runtime.offload).
"""

from orchestration.lib.rules.claim_groups import GROUP_INPUT_COLUMNS, group_claims
from orchestration.lib.rules.claim_groups import GROUP_SCHEMA as OUTPUT_SCHEMA
from orchestration.runtime.dbt_python import Rows, build_table


def model(dbt, session):
    dbt.config(materialized="table")
    return build_table(
        group_claims,
        Rows(
            dbt.ref("int_claim_mentions_current"),
            columns=GROUP_INPUT_COLUMNS,
            order="article_id, quantity_start",
        ),
        Rows(  # the accepted article_ids, as a list
            dbt.ref("int_articles_current"),
            where="is_accepted",
            columns="article_id",
            order="article_id",
            as_list=True,
        ),
        schema=OUTPUT_SCHEMA,
        offload=True,
    )

"""Exact copies and near-duplicates (syndicated copies) among the accepted articles of every drop.

The rules (which copy is the original, exact vs near) live in
orchestration.lib.rules.duplicates.resolve_duplicates; this model feeds it each accepted article's
current delivery (no body) and the near-copy pairs already found by int_article_bodies_compared,
and pins the output schema. A text is read only for the rare copy whose original it reaches
through another copy. One row per article that repeats an earlier one.
"""

from orchestration.lib.rules.duplicates import OUTPUT_SCHEMA, relation_bodies, resolve_duplicates
from orchestration.runtime.dbt_python import Rows, build_table


def model(dbt, session):
    dbt.config(materialized="table")
    return build_table(
        resolve_duplicates,
        Rows(  # content_hash is null exactly when the body is empty: never a duplicate
            dbt.ref("int_articles_current"),
            where="is_accepted and content_hash is not null",
            columns="article_id, content_hash, published_date, ingested_at",
            order="article_id",
        ),
        Rows(dbt.ref("int_article_bodies_compared"), columns="content_hash, near_copies"),
        relation_bodies(dbt.ref("stg_newsdesk__articles")),
        schema=OUTPUT_SCHEMA,
    )

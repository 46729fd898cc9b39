"""Exact copies and near-duplicates (syndicated copies) among the accepted articles of every drop.

The rules (which copy is the original, exact vs near) live in
orchestration.lib.rules.duplicates.resolve_duplicates; this model feeds it each accepted article's
current delivery (no body) and the near-copy pairs already found by int_article_bodies_compared,
and pins the output schema. A text is read only for the rare copy whose original it reaches
through another copy. One row per article that repeats an earlier one.
"""

import polars as pl

from orchestration.lib.rules.duplicates import OUTPUT_SCHEMA, relation_bodies, resolve_duplicates
from orchestration.runtime.collector import collector_paused


@collector_paused()  # bulk Python over the warehouse: see orchestration.runtime.collector
def model(dbt, session):
    dbt.config(materialized="table")

    # content_hash is null exactly when the body is empty: never a duplicate
    articles = (
        dbt.ref("int_articles_current")
        .filter("is_accepted and content_hash is not null")
        .project("article_id, content_hash, published_date, ingested_at")
        .order("article_id")
        .pl()
    )
    compared = dbt.ref("int_article_bodies_compared").project("content_hash, near_copies").pl()
    bodies = relation_bodies(dbt.ref("stg_newsdesk__articles"))

    duplicates = resolve_duplicates(articles, compared, bodies)
    return duplicates.select([pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()])

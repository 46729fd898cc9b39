"""Exact copies and near-duplicates (syndicated copies) among the accepted articles of every drop.

The rules (3-gram overlap, MinHash LSH candidates, which copy is the original) live in
orchestration.lib.duplicates.find_duplicates; this model feeds it each accepted article's current
delivery with its stored MinHash signature, and pins the output schema. One row per article that
repeats an earlier one.
"""

import polars as pl

from orchestration.lib.duplicates import OUTPUT_SCHEMA, find_duplicates


def model(dbt, session):
    dbt.config(materialized="table")

    articles = (
        dbt.ref("int_articles_deduplicated")
        .filter("is_accepted")
        .project("article_id, body, content_hash, published_date, ingested_at, minhash")
        .order("article_id")
        .pl()
    )
    duplicates = find_duplicates(articles)
    return duplicates.select([pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()])

"""Near-copy comparisons, done once per distinct body: one row per content_hash.

A run compares only the bodies it has not compared before (a new drop's) with every body of the
warehouse, through the stored MinHash signatures (LSH) and the texts of the few candidates, so its
cost follows the drop, not the warehouse. The rules live in
orchestration.lib.rules.duplicates.compare_bodies; int_article_duplicates_detected reads the pairs.

The model reads its own previous table (still in place while dbt builds the new one) and keeps
the rows of bodies that are still delivered and were compared under the current rules. Whether two
bodies are near copies depends on the two texts only, so a kept row never goes stale; a body that
left the warehouse is forgotten, and compared again with everything if it comes back.

Why not materialized='incremental': dbt-duckdb 1.11 cannot merge a Python model's temporary table
on a local file ("Catalog Error: Table with name <model>__dbt_tmp... does not exist",
duckdb/dbt-duckdb#636). Rewriting the whole table costs about as much as reading it, which the
LSH step needs anyway.
"""

from functools import partial

import duckdb
import polars as pl

from orchestration.lib.rules.duplicates import (
    COMPARED_SCHEMA,
    RULES,
    SIGNATURE_COLUMN,
    compare_bodies,
    relation_bodies,
)
from orchestration.runtime.dbt_python import Rows, build_table


def model(dbt, session):
    dbt.config(materialized="table")
    return build_table(
        partial(compare_since_last_build, session, str(dbt.this)),
        Rows(
            dbt.ref("int_articles_current"),
            where="content_hash is not null",
            aggregate=f"content_hash, any_value({SIGNATURE_COLUMN}) as {SIGNATURE_COLUMN}",
            order="content_hash",
        ),
        relation_bodies(dbt.ref("stg_newsdesk__articles")),
        schema=COMPARED_SCHEMA,
    )


def compare_since_last_build(session, this: str, current: pl.DataFrame, bodies) -> pl.DataFrame:
    """The previous build's rows of the bodies still delivered, and the new bodies compared."""
    kept = previous_rows(session, this).join(
        current.select("content_hash"), on="content_hash", how="semi"
    )
    new = current.join(kept, on="content_hash", how="anti")
    compared = compare_bodies(kept.select("content_hash", SIGNATURE_COLUMN), new, bodies)
    return pl.concat([kept, compared.select(list(COMPARED_SCHEMA))]).sort("content_hash")


def previous_rows(session, this: str) -> pl.DataFrame:
    """The previous build's rows made under the current rules (none on a first build)."""
    try:
        previous = session.sql(f"select * from {this}").pl()
    except duckdb.CatalogException:
        return pl.DataFrame(schema=COMPARED_SCHEMA)
    if "rules" not in previous.columns:
        return pl.DataFrame(schema=COMPARED_SCHEMA)
    return previous.filter(pl.col("rules") == RULES).select(
        [pl.col(name).cast(dtype) for name, dtype in COMPARED_SCHEMA.items()]
    )

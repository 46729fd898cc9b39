"""The extraction ledger, ``raw.extracted_articles``: which (article, body, model) each drop
extracted, and the reads that decide what a drop still has to extract.

An article already extracted in another drop with the same id and the same body (content hash)
under the same model is not extracted again; the marts read its mentions from that earlier
delivery (dbt macro ``select_current_delivery``). The asset is ``defs/extract/assets.py``; the
rows are written with the mentions, in one transaction, by :mod:`orchestration.warehouse.writes`.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from duckdb import DuckDBPyConnection

LEDGER = "extracted_articles"  # which (article, body, model) each drop extracted

TODO_SQL = f"""
select a.drop_id, a.article_id, a.body, a.published_date, a.content_hash
from raw.articles a
where a.drop_id = $drop and coalesce(a.body, '') <> ''
  and not exists (
      select 1 from raw.{LEDGER} e
      where e.article_id = a.article_id and e.content_hash = a.content_hash
        and e.drop_id <> a.drop_id and e.model = $model)
order by a.article_id
"""


def create_ledger(conn: DuckDBPyConnection) -> None:
    """``raw.extracted_articles``, if the warehouse has none yet."""
    conn.execute(
        f"create table if not exists raw.{LEDGER} (drop_id varchar, article_id varchar, "
        "content_hash varchar, model varchar, extracted_at timestamp)"
    )


def articles_to_extract(conn: DuckDBPyConnection, drop_id: str, model: str) -> pl.DataFrame:
    """The drop's articles with a body that no other drop extracted (same body, same model)."""
    return conn.sql(TODO_SQL, params={"drop": drop_id, "model": model}).pl()


def articles_with_body(conn: DuckDBPyConnection, drop_id: str) -> int:
    """How many of the drop's articles have a body (extracted here or reused)."""
    return conn.execute(
        "select count(*) from raw.articles where drop_id = ? and coalesce(body, '') <> ''",
        [drop_id],
    ).fetchall()[0][0]


def ledger_rows(todo: pl.DataFrame, model: str, now: dt.datetime) -> pl.DataFrame:
    """The ledger's rows for the articles ``todo`` extracted with ``model`` at ``now``."""
    return todo.select("drop_id", "article_id", "content_hash").with_columns(
        model=pl.lit(model), extracted_at=pl.lit(now)
    )

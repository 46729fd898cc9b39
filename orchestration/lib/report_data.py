"""Read what the drop report shows out of a warehouse (live file or read snapshot) as Polars frames.

The only place the report touches DuckDB; orchestration.lib.report turns the frames into HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from duckdb import DuckDBPyConnection


@dataclass(frozen=True)
class ReportData:
    """Everything the report renders. Frames keep the marts' column names."""

    drop_id: str | None
    # raw.articles of the drop: one row per file (or record)
    drop_articles: pl.DataFrame
    # raw.articles of the drops ingested before it: drop_id, article_id, content_hash
    earlier_articles: pl.DataFrame
    # marts.drop_files of the drop, when the warehouse has that mart: the per-file accounting
    # (status accepted / quarantined / duplicate, reasons, duplicate_of), else None
    drop_files: pl.DataFrame | None
    # marts.article_duplicates when the warehouse has it (article_id, duplicate_of, ...), else None
    duplicates: pl.DataFrame | None
    events: pl.DataFrame
    entities: pl.DataFrame
    roles: pl.DataFrame
    claims: pl.DataFrame
    quarantined_claims: pl.DataFrame
    totals: dict[str, int]


class NoMartsError(LookupError):
    """The warehouse has not been built yet (no marts schema)."""


# duckdb 2.0: a result must be fetched whole before the next statement on the same connection.
def _frame(conn: DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return conn.sql(sql, params=params or []).pl()


def _has_table(conn: DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        conn.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()[0][0]
    )


def latest_drop(conn: DuckDBPyConnection) -> str | None:
    if not _has_table(conn, "raw", "articles"):
        return None
    rows = conn.execute(
        "select drop_id from raw.articles group by drop_id "
        "order by max(ingested_at) desc nulls last, drop_id desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else None


def read_report_data(conn: DuckDBPyConnection, drop_id: str | None = None) -> ReportData:
    """The frames of the report for ``drop_id`` (default: the drop ingested last)."""
    if not _has_table(conn, "marts", "events"):
        raise NoMartsError("the warehouse has no marts yet")
    drop_id = drop_id or latest_drop(conn)
    drop_articles = _frame(
        conn,
        "select article_id, source_path, title, published_date, quarantine_reasons, "
        "quarantine_detail, content_hash, ingested_at from raw.articles "
        "where drop_id = ? order by article_id, source_path",
        [drop_id],
    )
    earlier_articles = _frame(
        conn,
        "select drop_id, article_id, content_hash from raw.articles where drop_id <> ? "
        "and ingested_at < (select min(ingested_at) from raw.articles where drop_id = ?)",
        [drop_id, drop_id],
    )
    drop_files = None
    if _has_table(conn, "marts", "drop_files"):
        drop_files = _frame(
            conn, "select * from marts.drop_files where drop_id = ? order by source_path", [drop_id]
        )
    duplicates = None
    if _has_table(conn, "marts", "article_duplicates"):
        duplicates = _frame(conn, "select * from marts.article_duplicates")
    events = _frame(
        conn,
        "select event_id, event_type, event_date, location, participants, participant_ids, "
        "source_count, article_ids from marts.events "
        "order by event_date nulls last, source_count desc, event_id",
    )
    entities = _frame(
        conn,
        "select entity_id, name, entity_type, aliases, article_count, mention_count "
        "from marts.entities order by article_count desc, mention_count desc, name",
    )
    roles = _frame(
        conn,
        "select entity_id, title, organisation, article_id, role_date from marts.entity_roles "
        "order by entity_id, role_date, article_id",
    )
    claims = _frame(
        conn,
        "select claim_id, article_id, subject, quantity_text, period, qualifier, attribution, "
        "value, unit, evidence, claim_group_id, group_status from marts.claims "
        "order by claim_group_id, article_id, claim_id",
    )
    quarantined_claims = _frame(
        conn,
        "select claim_id, article_id, subject, quantity_text, period, qualifier, attribution, "
        "value, unit, evidence, claim_group_id, status_with_quarantined, conflicting_claim_ids, "
        "quarantine_reasons from marts.quarantined_claims "
        "order by claim_group_id, article_id, claim_id",
    )
    totals = {
        name: conn.execute(f"select count(*)::bigint from marts.{name}").fetchall()[0][0]
        for name in ("articles", "quarantined_articles", "entities", "events", "claims")
    }
    return ReportData(
        drop_id=drop_id,
        drop_articles=drop_articles,
        earlier_articles=earlier_articles,
        drop_files=drop_files,
        duplicates=duplicates,
        events=events,
        entities=entities,
        roles=roles,
        claims=claims,
        quarantined_claims=quarantined_claims,
        totals=totals,
    )

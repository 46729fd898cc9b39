"""Read what the drop report shows out of a warehouse (live file or read snapshot) as Polars frames.

The only place the report touches DuckDB, and it reads the marts only (a snapshot's readers may
have nothing else): marts.drop_files for what arrived, then the events, entities, roles and
claims the drop's articles are part of. orchestration.lib.pages.report turns the frames into
HTML; orchestration.warehouse.drop_report reads, builds and writes the page in one call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import polars as pl
from duckdb import DuckDBPyConnection

from orchestration.lib.pages.report_frames import ReportData


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
    if not _has_table(conn, "marts", "drop_files"):
        return None
    rows = conn.execute(
        "select drop_id from marts.drop_files group by drop_id "
        "order by max(ingested_at) desc nulls last, drop_id desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else None


def read_report_data(conn: DuckDBPyConnection, drop_id: str | None = None) -> ReportData:
    """The frames of the report for ``drop_id`` (default: the drop ingested last)."""
    if not (_has_table(conn, "marts", "events") and _has_table(conn, "marts", "drop_files")):
        raise NoMartsError("the warehouse has no marts yet")
    drop_id = drop_id or latest_drop(conn)
    drop_files = _frame(
        conn,
        "select source_path, record, article_id, status, reasons, detail, duplicate_of, title, "
        "published_date from marts.drop_files where drop_id = ? order by source_path, record",
        [drop_id],
    )
    # Everything below is scoped to the drop -- its articles, the events and claim groups they
    # report, the entities they mention -- so the page costs what the drop costs, not what the
    # warehouse holds. The drop's article ids go in as a temporary table.
    with _registered(conn, "_report_drop", drop_files.select("article_id")):
        return _scoped(conn, drop_id, drop_files)


@contextmanager
def _registered(conn: DuckDBPyConnection, name: str, frame: pl.DataFrame) -> Iterator[None]:
    """``frame`` queryable as ``name`` on ``conn`` for the duration of the block."""
    conn.register(name, frame)
    try:
        yield
    finally:
        conn.unregister(name)


_IN_DROP = "(select article_id from _report_drop)"


def _scoped(conn: DuckDBPyConnection, drop_id: str, drop_files: pl.DataFrame) -> ReportData:
    events = _frame(
        conn,
        "select event_id, event_type, event_date, location, participants, participant_ids, "
        "source_count, article_ids, modality from marts.events "
        "where list_has_any(article_ids, (select list(article_id) from _report_drop)) "
        "order by event_date nulls last, source_count desc, event_id",
    )
    with _registered(conn, "_report_events", events.select("participant_ids")):
        entities = _frame(
            conn,
            "select entity_id, name, entity_type, aliases, article_count, mention_count "
            "from marts.entities where entity_id in ("
            f"  select entity_id from marts.entity_mentions where article_id in {_IN_DROP}"
            "   union select unnest(participant_ids) from _report_events) "
            "order by article_count desc, mention_count desc, name",
        )
    with _registered(conn, "_report_entities", entities.select("entity_id")):
        roles = _frame(
            conn,
            "select entity_id, title, organisation, article_id, role_date "
            "from marts.entity_roles where entity_id in (select entity_id from _report_entities) "
            "order by entity_id, role_date, article_id",
        )
    groups = (
        f"(select claim_group_id from marts.claims where article_id in {_IN_DROP} "
        f"union select claim_group_id from marts.quarantined_claims where article_id in {_IN_DROP})"
    )
    claims = _frame(
        conn,
        "select claim_id, article_id, subject, quantity_text, per, period, qualifier, attribution, "
        "value, unit, evidence, claim_group_id, group_status from marts.claims "
        f"where claim_group_id in {groups} "
        "order by claim_group_id, article_id, claim_id",
    )
    quarantined_claims = _frame(
        conn,
        "select claim_id, article_id, subject, quantity_text, per, period, qualifier, attribution, "
        "value, unit, evidence, claim_group_id, status_with_quarantined, conflicting_claim_ids, "
        "quarantine_reasons from marts.quarantined_claims "
        f"where claim_group_id in {groups} "
        "order by claim_group_id, article_id, claim_id",
    )
    totals = {
        name: conn.execute(f"select count(*)::bigint from marts.{name}").fetchall()[0][0]
        for name in ("articles", "quarantined_articles", "entities", "events", "claims")
    }
    return ReportData(
        drop_id=drop_id,
        drop_files=drop_files,
        events=events,
        entities=entities,
        roles=roles,
        claims=claims,
        quarantined_claims=quarantined_claims,
        totals=totals,
    )

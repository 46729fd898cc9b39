"""Writing Polars frames into the DuckDB warehouse, one drop partition at a time."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from duckdb import DuckDBPyConnection

RAW_SCHEMA = "raw"


def replace_drop_rows(
    conn: DuckDBPyConnection, table: str, frame: pl.DataFrame, drop_id: str
) -> int:
    """Replace the rows of ``drop_id`` in ``raw.<table>`` by ``frame``, atomically.

    Re-materialising a drop therefore never duplicates rows, and a crash mid-way leaves the
    previous rows in place (the transaction rolls back). Columns the frame has and the table
    lacks (a warehouse built by an older version) are added first; older rows get nulls.
    """
    return replace_drop_rows_streamed(conn, drop_id, [table], [{table: frame}])[table]


def _add_missing_columns(conn: DuckDBPyConnection, table: str) -> None:
    existing = {
        row[0]
        for row in conn.execute(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ?",
            [RAW_SCHEMA, table],
        ).fetchall()
    }
    incoming = conn.execute("describe select * from _incoming").fetchall()
    for name, column_type, *_ in incoming:
        if name not in existing:
            conn.execute(
                f'alter table {RAW_SCHEMA}.{table} add column "{name}" {column_type}'
            ).fetchall()


def replace_drop_rows_streamed(
    conn: DuckDBPyConnection,
    drop_id: str,
    tables: list[str],
    batches: Iterable[dict[str, pl.DataFrame]],
) -> dict[str, int]:
    """Like :func:`replace_drop_rows` for several tables filled batch by batch, in one
    transaction: readers of the file and a crash mid-way both see the drop's previous rows or
    all of the new ones, never a part."""
    conn.execute(f"create schema if not exists {RAW_SCHEMA}")
    counts = dict.fromkeys(tables, 0)
    created: set[str] = set()
    conn.execute("begin transaction")
    try:
        for table in tables:
            if _exists(conn, table):
                conn.execute(f"delete from {RAW_SCHEMA}.{table} where drop_id = ?", [drop_id])
        for batch in batches:
            for table, frame in batch.items():
                conn.register("_incoming", frame)
                try:
                    if table not in created:
                        conn.execute(
                            f"create table if not exists {RAW_SCHEMA}.{table} as "
                            "select * from _incoming limit 0"
                        )
                        _add_missing_columns(conn, table)
                        created.add(table)
                    conn.execute(
                        f"insert into {RAW_SCHEMA}.{table} by name select * from _incoming"
                    )
                finally:
                    conn.unregister("_incoming")
                counts[table] += frame.height
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    return counts


def _exists(conn: DuckDBPyConnection, table: str) -> bool:
    return bool(
        conn.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [RAW_SCHEMA, table],
        ).fetchall()[0][0]  # fetchall: DuckDB 2 refuses new work while a result is unread
    )

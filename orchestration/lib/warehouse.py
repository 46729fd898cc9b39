"""Writing Polars frames into the DuckDB warehouse, one drop partition at a time."""

from __future__ import annotations

import polars as pl
from duckdb import DuckDBPyConnection

RAW_SCHEMA = "raw"


def replace_drop_rows(
    conn: DuckDBPyConnection, table: str, frame: pl.DataFrame, drop_id: str
) -> int:
    """Replace the rows of ``drop_id`` in ``raw.<table>`` by ``frame``, atomically.

    Re-materialising a drop therefore never duplicates rows, and a crash mid-way leaves the
    previous rows in place (the transaction rolls back).
    """
    qualified = f"{RAW_SCHEMA}.{table}"
    conn.execute(f"create schema if not exists {RAW_SCHEMA}")
    conn.register("_incoming", frame)
    try:
        conn.execute(f"create table if not exists {qualified} as select * from _incoming limit 0")
        conn.execute("begin transaction")
        try:
            conn.execute(f"delete from {qualified} where drop_id = ?", [drop_id])
            conn.execute(f"insert into {qualified} by name select * from _incoming")
            conn.execute("commit")
        except Exception:
            conn.execute("rollback")
            raise
    finally:
        conn.unregister("_incoming")
    return frame.height

"""Publish a read-only copy of the warehouse for readers, atomically."""

from __future__ import annotations

import os
from pathlib import Path

from duckdb import DuckDBPyConnection


def publish_snapshot(conn: DuckDBPyConnection, target: Path) -> Path:
    """Copy every schema of the connected warehouse to ``target`` via a temporary file and
    ``os.replace``: readers holding the previous snapshot keep reading it until they reconnect."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    Path(f"{tmp}.wal").unlink(missing_ok=True)
    source = conn.execute("select current_database()").fetchone()[0]
    conn.execute(f"attach '{tmp}' as newsdesk_snapshot")
    try:
        conn.execute(f'copy from database "{source}" to newsdesk_snapshot')
    finally:
        conn.execute("detach newsdesk_snapshot")
    os.replace(tmp, target)
    return target

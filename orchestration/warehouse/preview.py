"""A few rows of a table as Markdown, for Dagster's asset metadata (the UI renders it)."""

from __future__ import annotations

import datetime as dt

import polars as pl
from duckdb import DuckDBPyConnection

MAX_CELL = 60


def _cell(value, max_chars: int) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = ", ".join("" if v is None else str(v) for v in value)
        text = f"[{text}]"
    elif isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ", timespec="seconds")
    else:
        text = str(value)
    text = " ".join(text.split())  # one line
    if len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    return text.replace("|", "\\|")


def markdown_preview(frame: pl.DataFrame, max_chars: int = MAX_CELL) -> str:
    """The frame as a Markdown table; long values are cut, lists shown inline."""
    if frame.width == 0:
        return "_no columns_"
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(_cell(v, max_chars) for v in row) + " |" for row in frame.iter_rows()]
    if not rows:
        rows = ["| " + " | ".join("" for _ in frame.columns) + " |"]
    return "\n".join([header, rule, *rows])


def table_summary(
    conn: DuckDBPyConnection, schema: str, table: str, preview_rows: int = 0, count: bool = True
) -> tuple[int | None, str | None]:
    """Row count of ``schema.table`` in the connected warehouse (None unless ``count``), and its
    first rows as Markdown when ``preview_rows`` > 0. Unqualified by database on purpose: a dbt
    manifest's relation_name names the database of whichever warehouse it was parsed for."""
    relation = f'"{schema}"."{table}"'
    rows = None
    if count:
        rows = conn.execute(f"select count(*)::bigint from {relation}").fetchall()[0][0]
    if preview_rows <= 0:
        return rows, None
    sample = conn.sql(f"select * from {relation} limit {preview_rows}").pl()
    return rows, markdown_preview(sample)

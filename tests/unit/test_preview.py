"""Row counts and Markdown previews of marts, as the Dagster UI shows them."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from orchestration.warehouse.preview import markdown_preview, table_summary


def test_markdown_preview_cuts_long_values_and_shows_lists():
    frame = pl.DataFrame(
        {
            "id": ["a|b"],
            "names": [["Ann", "Bob"]],
            "body": ["word " * 40],
            "at": [dt.datetime(2024, 3, 26, 10, 0)],
            "score": [0.5],
        }
    )
    lines = markdown_preview(frame, max_chars=20).splitlines()
    assert lines[0] == "| id | names | body | at | score |"
    assert lines[2].startswith("| a\\|b | [Ann, Bob] | word word word word…")
    assert "2024-03-26 10:00:00" in lines[2] and lines[2].endswith("| 0.5 |")


def test_table_summary_reads_the_connected_warehouse():
    conn = duckdb.connect()
    conn.execute("create schema marts")
    conn.execute("create table marts.events as select range as id from range(7)")
    assert table_summary(conn, "marts", "events") == (7, None)
    rows, preview = table_summary(conn, "marts", "events", preview_rows=2)
    assert rows == 7 and preview.splitlines() == ["| id |", "| --- |", "| 0 |", "| 1 |"]

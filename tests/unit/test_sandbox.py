"""The query sandbox on real DuckDB files: reads pass; writes, file access, ATTACH, extensions and
settings are refused, first by statement type, and again by the connection itself."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration.warehouse.sandbox import (
    RefusedQuery,
    open_sandbox,
    read_statements,
    run_read_only,
)


def _warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema marts")
        conn.execute(
            "create table marts.articles as select * from (values "
            "('a1', 'Port of Rotterdam reopens after the storm', date '2024-03-02'), "
            "('a2', 'Dutch court rules on the nitrogen permits', date '2024-03-04')) "
            "as t(article_id, title, published_date)"
        )
    return path


@pytest.fixture
def snapshot(tmp_path) -> Path:
    return _warehouse(tmp_path / "w.snapshot.duckdb")


@pytest.fixture
def live(tmp_path) -> Path:
    return _warehouse(tmp_path / "w.duckdb")


def _titles(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return [
            r[0] for r in conn.execute("select title from marts.articles order by 1").fetchall()
        ]


@pytest.mark.parametrize(
    "sql",
    [
        "select title from marts.articles order by published_date",
        "with t as (select * from marts.articles) select title from t order by published_date",
        "from marts.articles select title order by published_date",
        "select title from marts.articles where published_date < '2024-03-03';"
        " select title from marts.articles where published_date > '2024-03-03'",
    ],
)
def test_reads_run(snapshot, sql):
    results = run_read_only(snapshot, sql)
    titles = [row[0] for result in results for row in result.rows]
    assert titles == [
        "Port of Rotterdam reopens after the storm",
        "Dutch court rules on the nitrogen permits",
    ]
    assert all(result.columns == ["title"] for result in results)


def test_describe_summarize_explain_and_an_empty_result(snapshot):
    described = run_read_only(snapshot, "describe marts.articles")[0]
    assert [r[0] for r in described.rows] == ["article_id", "title", "published_date"]
    assert run_read_only(snapshot, "summarize marts.articles")[0].rows[0][0] == "article_id"
    assert run_read_only(snapshot, "explain select * from marts.articles")[0].rows
    empty = run_read_only(snapshot, "select title from marts.articles where false")[0]
    assert empty.columns == ["title"] and empty.rows == []


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("attach 'w.duckdb' as live (read_only false)", "ATTACH"),
        ("detach w", "DETACH"),
        ("delete from marts.articles", "DELETE"),
        ("insert into marts.articles values ('a3', 'x', null)", "INSERT"),
        ("update marts.articles set title = 'x'", "UPDATE"),
        ("create temp table t as select 1", "CREATE"),
        ("drop table marts.articles", "DROP"),
        ("copy (select 1) to 'leak.csv'", "COPY"),
        ("copy marts.articles from 'articles.csv'", "COPY"),
        ("export database 'out'", "EXPORT"),
        ("install httpfs", "LOAD"),
        ("load httpfs", "LOAD"),
        ("set enable_external_access = true", "SET"),
        ("reset lock_configuration", "SET"),
        ("pragma enable_profiling", "PRAGMA"),
        ("call pragma_version()", "CALL"),
        ("begin transaction", "TRANSACTION"),
        ("checkpoint", "CALL"),
    ],
)
def test_statements_other_than_reads_are_refused_in_one_line(sql, kind):
    with pytest.raises(RefusedQuery) as refused:
        read_statements(sql)
    message = str(refused.value)
    assert "\n" not in message
    assert f"is of type {kind}" in message and "SELECT" in message


def test_a_read_followed_by_a_write_is_refused_before_anything_runs(snapshot, live):
    sql = (
        f"select count(*) from marts.articles; attach '{live}' as live (read_only false); "
        "delete from live.marts.articles"
    )
    with pytest.raises(RefusedQuery, match=r"statement 2 \(attach .* is of type ATTACH"):
        run_read_only(snapshot, sql)
    assert len(_titles(live)) == 2


@pytest.mark.parametrize("sql", ["", "   ", ";", "-- only a comment"])
def test_no_statement_is_refused(sql):
    with pytest.raises(RefusedQuery, match="no SQL statement given"):
        read_statements(sql)


def test_text_that_is_not_utf8_is_refused():
    # what Python makes of an argv byte that is not UTF-8 (a lone surrogate)
    with pytest.raises(RefusedQuery, match="not valid UTF-8"):
        read_statements("select 'caf\udce9'")


def test_syntax_errors_are_duckdbs_own():
    with pytest.raises(duckdb.ParserException, match="syntax error"):
        read_statements("selec title from marts.articles")


# ---- the connection itself: each lock holds even for SQL that got past the statement check


def test_connection_cannot_attach_the_live_warehouse(snapshot, live):
    with open_sandbox(snapshot) as conn:
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            conn.execute(f"attach '{live}' as live (read_only false)")
    assert len(_titles(live)) == 2


def test_connection_cannot_write_files(snapshot, tmp_path):
    leak = tmp_path / "leak.csv"
    with open_sandbox(snapshot) as conn:
        with pytest.raises(duckdb.PermissionException):
            conn.execute(f"copy (select 1) to '{leak}'")
        with pytest.raises(duckdb.PermissionException):
            conn.execute(f"export database '{tmp_path / 'out'}'")
    assert not leak.exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "sql",
    [
        "select * from read_csv('/etc/passwd')",
        "select * from read_text('/etc/passwd')",
        "select * from glob('/etc/*')",
        "select * from read_parquet('https://example.org/articles.parquet')",
    ],
)
def test_connection_cannot_read_files_or_urls(snapshot, sql):
    with open_sandbox(snapshot) as conn:
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            conn.execute(sql)
    with pytest.raises(duckdb.PermissionException):
        run_read_only(snapshot, sql)


def test_connection_cannot_write_the_file_load_extensions_or_change_settings(snapshot):
    with open_sandbox(snapshot) as conn:
        with pytest.raises(duckdb.InvalidInputException, match="read-only mode"):
            conn.execute("delete from marts.articles")
        with pytest.raises(duckdb.PermissionException):
            conn.execute("load httpfs")
        for setting in ("enable_external_access = true", "lock_configuration = false"):
            with pytest.raises(duckdb.InvalidInputException, match="configuration has been locked"):
                conn.execute(f"set {setting}")
        assert conn.execute("select current_setting('enable_external_access')").fetchone() == (
            False,
        )
    assert len(_titles(snapshot)) == 2

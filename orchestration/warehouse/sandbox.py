"""The sandbox `newsdesk query` runs SQL in: reads of one warehouse file and nothing else.

Four locks, each of which alone stops the attacks of issue 25 (attach the live warehouse and
delete from it, ``COPY ... TO`` a file, ``read_csv`` a system file); together a gap in one is
covered by another:

* only read statements run (SELECT, which DuckDB's parser also makes of WITH, FROM, VALUES,
  DESCRIBE, SHOW and SUMMARIZE, and EXPLAIN), as DuckDB's own parser types them, all checked
  before the first one runs;
* the file is opened ``read_only`` (no INSERT, DELETE, CREATE on it);
* ``enable_external_access = false``: no ATTACH of another file, no COPY to or from files, no
  ``read_csv``/``read_parquet``/``read_text``/``glob`` of files or URLs, no INSTALL/LOAD;
  extension autoloading and Python replacement scans are off as well;
* ``lock_configuration = true``: the query cannot SET any of this back.

DuckDB documents these settings on its "Securing DuckDB" page (docs 2.0); the tests in
``tests/unit/test_sandbox.py`` check each one against a real file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})
READS_HINT = "newsdesk query runs only SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN"
EXAMPLE = "select count(*) from marts.articles"

# Set when the database is opened, so they hold before any statement of the user runs.
SANDBOX_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "python_enable_replacements": False,
    "lock_configuration": True,
}


class RefusedQuery(ValueError):
    """The SQL is empty or not a read; the message is one line saying what to do."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]


def _excerpt(sql: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", sql).strip().rstrip(";")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_statements(sql: str) -> list[duckdb.Statement]:
    """The statements of ``sql``, if every one is a read; else :class:`RefusedQuery`.
    A syntax error is DuckDB's own ``duckdb.ParserException``."""
    try:
        sql.encode("utf-8")
    except UnicodeEncodeError:
        raise RefusedQuery("the SQL is not valid UTF-8 text; retype it") from None
    statements = duckdb.extract_statements(sql)
    if not statements:
        raise RefusedQuery(f'no SQL statement given; try: newsdesk query "{EXAMPLE}"')
    for number, statement in enumerate(statements, start=1):
        if statement.type not in READ_STATEMENTS:
            which = f"statement {number} " if len(statements) > 1 else ""
            raise RefusedQuery(
                f"query refused: {which}({_excerpt(statement.query)}) is of type "
                f"{statement.type.name}, not a read; {READS_HINT}"
            )
    return statements


def open_sandbox(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to ``path`` with external access off and configuration locked."""
    return duckdb.connect(str(path), read_only=True, config=dict(SANDBOX_CONFIG))


def run_read_only(path: Path, sql: str) -> list[QueryResult]:
    """Run every statement of ``sql`` (reads only) against ``path``; one result per statement.
    Raises :class:`RefusedQuery` before opening anything if one statement is not a read;
    DuckDB's errors (syntax, unknown table, a refused file access) pass through."""
    statements = read_statements(sql)
    results = []
    with open_sandbox(path) as conn:
        for statement in statements:
            cursor = conn.execute(statement)
            columns = [d[0] for d in cursor.description or []]
            results.append(QueryResult(columns, cursor.fetchall() if columns else []))
    return results

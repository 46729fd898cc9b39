"""What `newsdesk run` prints at the end, and the table printer of `newsdesk query`."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from orchestration import settings

# On a terminal rich fits tables to its width; piped output keeps whole values on one line.
console = Console() if sys.stdout.isatty() else Console(width=100_000, soft_wrap=True)


def _tidy(value):
    """Strings without surrounding whitespace, inside lists and structs too: evidence sentences
    end in blank lines, which would print as blank table rows."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return type(value)(_tidy(v) for v in value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    return value


def cell(value) -> str:
    """How one value prints in a table: NULL as nothing, rich markup escaped."""
    return "" if value is None else escape(str(_tidy(value)))


def print_table(columns: Sequence[str], rows: Sequence[Sequence], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(escape(str(c)), overflow="fold")
    for row in rows:
        table.add_row(*(cell(v) for v in row))
    console.print(table)


def print_result(columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """A query's result: the table (its header even when empty), then how many rows."""
    print_table(columns, rows)
    console.print(f"{len(rows)} row{'' if len(rows) == 1 else 's'}", markup=False)


def warehouse_option(warehouse: Path) -> str:
    """`` --warehouse FILE`` for the commands the summary suggests, unless FILE is the one they
    open without it (``settings.default_warehouse_path``)."""
    if warehouse.resolve() == settings.default_warehouse_path():
        return ""
    return f" --warehouse {shlex.quote(str(warehouse))}"


def latest_report(reports_dir: Path) -> Path | None:
    """The report the last run wrote (``report-<drop>.html``, newest first)."""
    reports = sorted(reports_dir.glob("report-*.html"), key=lambda p: p.stat().st_mtime)
    return reports[-1] if reports else None


# The run's files are listed up to this many per table; the rest is one query away. The summary
# reads only the run's drops, so it costs the same into an empty or a 10,000-article warehouse.
MAX_LISTED = 25


def print_summary(
    snapshot: Path, warehouse: Path, drop_ids: Sequence[str], example_queries: Sequence[str]
) -> None:
    """What the run's drops became (accepted, quarantined, duplicates) and the marts' sizes."""
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        files = "marts.drop_files as f where list_contains($drops, f.drop_id)"
        params = {"drops": list(drop_ids)}
        accepted = conn.execute(
            "select distinct f.article_id, a.published_date, coalesce(a.title, '') "
            "from marts.drop_files as f left join marts.articles as a using (article_id) "
            "where list_contains($drops, f.drop_id) and f.status = 'accepted' "
            "order by f.article_id",
            params,
        ).fetchall()
        quarantined = conn.execute(
            "select distinct f.article_id, array_to_string(f.reasons, ', '), f.detail "
            f"from {files} and f.status = 'quarantined' order by f.article_id",
            params,
        ).fetchall()
        duplicates = conn.execute(
            f"select count(*) from {files} and f.status = 'duplicate'", params
        ).fetchone()[0]
        counts = {
            t: conn.execute(f"select count(*)::bigint from marts.{t}").fetchone()[0]
            for t in ("articles", "entities", "entity_mentions", "events", "claims")
        }
    option = warehouse_option(warehouse)
    where = "drop_id in (" + ", ".join("'" + d.replace("'", "''") + "'" for d in drop_ids) + ")"
    _print_listed(["article", "published", "title"], accepted, "accepted", where, option)
    _print_listed(["article", "reasons", "detail"], quarantined, "quarantined", where, option)
    if duplicates:
        console.print(f"{duplicates} duplicate(s) of earlier articles: see marts.drop_files")
    print_table(["mart", "rows"], [(f"marts.{k}", v) for k, v in counts.items()], title="Marts")
    console.print(f"Warehouse: [bold]{warehouse}[/bold]")
    if snapshot != warehouse:
        console.print(f"Read snapshot (what queries open): {snapshot}")
    report = latest_report(settings.reports_dir())
    if report is not None:
        console.print(
            f"Drop report: [bold]{escape(str(report))}[/bold]  "
            f"(newsdesk report --open{escape(option)})"
        )
    for title, page in settings.docs_pages().items():
        if page.exists():
            console.print(f"{title}: {page}")
    console.print("Try:")
    for q in example_queries:
        console.print(f'  newsdesk query "{q}"{option}', soft_wrap=True, markup=False)


def _print_listed(
    columns: Sequence[str], rows: Sequence[Sequence], status: str, where: str, option: str
) -> None:
    title = f"{len(rows)} {status} in this run"
    if len(rows) > MAX_LISTED:
        title += f" (first {MAX_LISTED})"
    print_table(columns, rows[:MAX_LISTED], title=title)
    if len(rows) > MAX_LISTED:
        console.print(
            f'  all of them: newsdesk query "select * from marts.drop_files '
            f"where {where} and status = '{status}'\"{option}",
            soft_wrap=True,
            markup=False,
        )

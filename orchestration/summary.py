"""What `newsdesk run` prints at the end, and the table printer of `newsdesk query`."""

from __future__ import annotations

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


def print_table(columns: Sequence[str], rows: Sequence[Sequence], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(str(c), overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row))
    console.print(table)


def latest_report(reports_dir: Path) -> Path | None:
    """The report the last run wrote (``report-<drop>.html``, newest first)."""
    reports = sorted(reports_dir.glob("report-*.html"), key=lambda p: p.stat().st_mtime)
    return reports[-1] if reports else None


def print_summary(snapshot: Path, warehouse: Path, example_queries: Sequence[str]) -> None:
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        accepted = conn.execute(
            "select article_id, published_date, coalesce(title, '') from marts.articles "
            "order by article_id"
        ).fetchall()
        quarantined = conn.execute(
            "select article_id, array_to_string(reasons, ', '), detail "
            "from marts.quarantined_articles order by article_id"
        ).fetchall()
        counts = {
            t: conn.execute(f"select count(*)::bigint from marts.{t}").fetchone()[0]
            for t in ("entities", "entity_mentions", "events", "claims")
        }
    print_table(["article", "published", "title"], accepted, title=f"{len(accepted)} accepted")
    print_table(
        ["article", "reasons", "detail"], quarantined, title=f"{len(quarantined)} quarantined"
    )
    print_table(["mart", "rows"], [(f"marts.{k}", v) for k, v in counts.items()], title="Marts")
    console.print(f"Warehouse: [bold]{warehouse}[/bold]")
    if snapshot != warehouse:
        console.print(f"Read snapshot (what queries open): {snapshot}")
    report = latest_report(settings.reports_dir())
    if report is not None:
        console.print(f"Drop report: [bold]{report}[/bold]  (newsdesk report --open)")
    for title, page in settings.docs_pages().items():
        if page.exists():
            console.print(f"{title}: {page}")
    console.print("Try:")
    for q in example_queries:
        console.print(f'  newsdesk query "{q}"', soft_wrap=True, markup=False)

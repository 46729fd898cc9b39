"""``newsdesk`` command line: run drops through Dagster, query the marts, report, open the UI.

Every failure a user can cause (bad path, locked warehouse, bad SQL) ends in one line on stderr
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from orchestration import settings
from orchestration.runtime.instance import UIAlreadyRunning, acquire_ui_lock, prepare_instance

EXAMPLE_QUERIES = (
    "select name, entity_type, article_count, aliases from marts.entities "
    "order by article_count desc limit 10",
    "select event_type, event_date, location, participants, source_count from marts.events "
    "order by source_count desc",
)


class UserError(Exception):
    """Something the user can fix; printed as one line."""


def _one_line(message: str) -> str:
    """The message as one printable line, whatever it quotes: a path or SQL with line breaks,
    argv bytes that were not UTF-8 (lone surrogates in Python's str)."""
    text = message.replace("\r", "\\r").replace("\n", "\\n")
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _fail(message: str, code: int = 2) -> int:
    print(f"newsdesk: {_one_line(message)}", file=sys.stderr)
    return code


# --------------------------------------------------------------------------- environment


def _configure(warehouse: str | None) -> Path:
    """Point this process (and the processes it starts) at one warehouse and its own Dagster
    instance (``settings.dagster_home()``); return the warehouse path."""
    if warehouse:
        os.environ[settings.WAREHOUSE_ENV] = str(Path(warehouse).resolve())
    settings.export_offline_env()
    path = settings.warehouse_path()
    home = settings.dagster_home()
    try:
        prepare_instance(home)
    except OSError as exc:
        raise UserError(
            f"cannot create the Dagster instance {home}: {exc.strerror}; "
            "pass --warehouse FILE in a writable folder (or set DAGSTER_HOME)"
        ) from None
    return path


def _lock_message(exc: Exception, path: Path) -> str | None:
    text = str(exc)
    if "Could not set lock" in text or "Conflicting lock" in text:
        pid = re.search(r"PID (\d+)", text)
        holder = f" by process {pid.group(1)}" if pid else ""
        return (
            f"the warehouse {path} is locked{holder} (a run or a session is writing it); "
            "wait for it to finish or close that session, then retry"
        )
    return None


def _check_writable(path: Path) -> None:
    import duckdb

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create {path.parent}: {exc.strerror}") from None
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"the warehouse location {path} is not writable; pass --warehouse FILE")
    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error as exc:
        raise UserError(_lock_message(exc, path) or f"cannot open {path}: {exc}") from None


# --------------------------------------------------------------------------- drops


def resolve_drops(drops: Path) -> list[tuple[str, Path]]:
    """A folder of article files is one drop; a folder of folders is one drop per sub-folder."""
    if not drops.exists():
        raise UserError(f"drops folder {drops} does not exist; pass --drops DIR")
    if not drops.is_dir() or not os.access(drops, os.R_OK | os.X_OK):
        raise UserError(f"drops folder {drops} is not a readable directory")
    entries = [p for p in drops.iterdir() if not p.name.startswith(".")]
    files = [p for p in entries if p.is_file() and p.name != settings.READY_MARKER]
    subdirs = sorted(p for p in entries if p.is_dir())
    if files or not subdirs:
        if not files:
            raise UserError(f"drops folder {drops} is empty: nothing to ingest")
        drop_id = (
            settings.SAMPLE_DROP_ID if drops.resolve() == settings.SAMPLE_DROP_DIR else drops.name
        )
        return [(drop_id, drops.resolve())]
    return [(d.name, d.resolve()) for d in subdirs]


# --------------------------------------------------------------------------- commands


def cmd_run(args: argparse.Namespace) -> int:
    warehouse = _configure(args.warehouse)
    if sys.stderr.isatty():
        os.environ.setdefault("NEWSDESK_PROGRESS", "1")
    drops = resolve_drops(Path(args.drops))
    _check_writable(warehouse)

    from orchestration.pipeline import run_drops

    outcome = run_drops(drops, quiet=not sys.stderr.isatty())
    if not outcome.success:
        return _fail(outcome.message, 1)
    from orchestration.summary import print_summary

    print_summary(readable_warehouse(warehouse), warehouse, [d for d, _ in drops], EXAMPLE_QUERIES)
    return 0


def readable_warehouse(warehouse: Path) -> Path:
    """The published snapshot when there is one (never locked by a run), else the live file."""
    snapshot = settings.snapshot_path()
    if snapshot.exists():
        return snapshot
    if warehouse.exists():
        return warehouse
    raise UserError(f"no warehouse at {warehouse}; run `newsdesk run` first")


def _query_error(exc: Exception, warehouse: Path | None = None) -> UserError:
    import duckdb

    from orchestration.warehouse.sandbox import RefusedQuery

    if isinstance(exc, RefusedQuery):
        return UserError(str(exc))
    locked = _lock_message(exc, warehouse) if warehouse is not None else None
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, duckdb.PermissionException):
        return UserError(
            f"query refused: {first}; newsdesk query reads the warehouse's tables only"
        )
    return UserError(locked or f"query failed: {first}")


def cmd_query(args: argparse.Namespace) -> int:
    """Run the SQL in the read sandbox (reads only, no files, no settings) on the snapshot."""
    import duckdb

    from orchestration.warehouse.sandbox import RefusedQuery, read_statements, run_read_only

    try:
        read_statements(args.sql)  # refused before any file is opened
    except (RefusedQuery, duckdb.Error) as exc:
        raise _query_error(exc) from None
    warehouse = readable_warehouse(_configure(args.warehouse))
    try:
        results = run_read_only(warehouse, args.sql)
    except (RefusedQuery, duckdb.Error) as exc:
        raise _query_error(exc, warehouse) from None
    from orchestration.summary import print_result

    for result in results:
        print_result(result.columns, result.rows)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """(Re)render the drop report from the read snapshot (else the warehouse); print its path."""
    import webbrowser

    import duckdb

    from orchestration.warehouse.drop_report import UnknownDropError, publish_report
    from orchestration.warehouse.report_data import NoMartsError

    warehouse = readable_warehouse(_configure(args.warehouse))
    try:
        published = publish_report(
            lambda: duckdb.connect(str(warehouse), read_only=True),
            args.drop,
            must_exist=bool(args.drop),
        )
    except NoMartsError:
        raise UserError(f"{warehouse} has no marts yet; run `newsdesk run` first") from None
    except UnknownDropError:
        raise UserError(f"no drop {args.drop!r} in {warehouse}") from None
    except duckdb.Error as exc:
        raise UserError(
            _lock_message(exc, warehouse) or f"cannot read {warehouse}: {exc}"
        ) from None
    print(published.path)
    if args.open:
        webbrowser.open(published.path.as_uri())
    return 0


def _port_free(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def cmd_ui(args: argparse.Namespace) -> int:
    """``dagster dev`` (webserver + daemon) on this warehouse's instance, one per instance: the
    instance's UI lock is taken here and held by dagster dev after the exec."""
    warehouse = _configure(args.warehouse)
    home = settings.dagster_home()
    url = f"http://127.0.0.1:{args.port}"
    try:
        acquire_ui_lock(home, url)
    except UIAlreadyRunning as exc:
        where = f" at {exc.running.url}" if exc.running.url else ""
        pid = f" (process {exc.running.pid})" if exc.running.pid else ""
        raise UserError(
            f"a Dagster UI is already running for the warehouse {warehouse}{where}{pid}; "
            "open it or stop it"
        ) from None
    if not _port_free(args.port):
        raise UserError(f"port {args.port} on 127.0.0.1 is in use; pass --port N")
    from orchestration.defs.transform.project import prepare_manifest

    prepare_manifest()
    dagster = Path(sys.executable).with_name("dagster")
    workspace = settings.REPO_ROOT / "workspace.yaml"
    argv = [str(dagster), "dev", "-w", str(workspace), "-h", "127.0.0.1", "-p", str(args.port)]
    print(f"Dagster UI on {url} for {warehouse}, instance {home} (Ctrl-C stops it)", flush=True)
    os.execv(argv[0], argv)
    return 0  # not reached


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line like every other error (not usage + error)."""

    def error(self, message: str):
        self.exit(2, f"newsdesk: {_one_line(message)}; see `{self.prog} --help`\n")


WAREHOUSE_HELP = (
    f"the DuckDB warehouse file (default: ${settings.WAREHOUSE_ENV} or data/newsdesk.duckdb)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsdesk",
        description="Run drops of news articles through Dagster into a DuckDB warehouse, "
        "query its marts, render the drop report, open the Dagster UI.",
        epilog="`newsdesk COMMAND --help` describes each command's options.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="materialise every asset on a drop (through Dagster)")
    run.add_argument(
        "--drops",
        metavar="DIR",
        default=str(settings.SAMPLE_DROP_DIR),
        help="a drop folder, or a folder of drop folders (default: the sample drop)",
    )
    run.add_argument("--warehouse", metavar="FILE", help=WAREHOUSE_HELP)
    run.set_defaults(func=cmd_run)

    query = sub.add_parser(
        "query",
        help="run read-only SQL on the read snapshot and print a table",
        description="Run SQL on the warehouse's read snapshot and print each result as a table. "
        "Reads only (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); no files, URLs, "
        "ATTACH or settings.",
    )
    query.add_argument(
        "sql",
        metavar="SQL",
        help='one or more statements separated by ";", e.g. '
        '"select name, article_count from marts.entities"',
    )
    query.add_argument("--warehouse", metavar="FILE", help=WAREHOUSE_HELP)
    query.set_defaults(func=cmd_query)

    report = sub.add_parser(
        "report", help="render the drop report (HTML) from the read snapshot and print its path"
    )
    report.add_argument("--drop", help="drop id (default: the drop ingested last)")
    report.add_argument("--open", action="store_true", help="open it in the web browser")
    report.add_argument("--warehouse", metavar="FILE", help=WAREHOUSE_HELP)
    report.set_defaults(func=cmd_report)

    ui = sub.add_parser(
        "ui",
        help="start the Dagster UI on 127.0.0.1",
        description="Start the Dagster UI (dagster dev) on 127.0.0.1 for one warehouse.",
    )
    ui.add_argument(
        "--port", type=int, default=3000, metavar="PORT", help="TCP port (default: 3000)"
    )
    ui.add_argument("--warehouse", metavar="FILE", help=WAREHOUSE_HELP)
    ui.set_defaults(func=cmd_ui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:  # noqa: BLE001 - the user gets one line; NEWSDESK_DEBUG=1 re-raises
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return _fail(f"unexpected error: {first} (NEWSDESK_DEBUG=1 shows the traceback)", 1)


if __name__ == "__main__":
    sys.exit(main())

"""The newsdesk command as a user runs it: real subprocesses, one-line errors, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

NEWSDESK = [str(Path(sys.executable).with_name("newsdesk"))]


def newsdesk(*args: str, warehouse: Path | None = None, timeout: int = 600):
    argv = [*NEWSDESK, *args]
    if warehouse is not None:
        argv += ["--warehouse", str(warehouse)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(proc, *fragments: str):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.strip().splitlines() if line]
    assert len(lines) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_query_prints_the_count(seeds_warehouse, query):
    proc = newsdesk("query", "select count(*) as n from marts.entities")
    assert proc.returncode == 0, proc.stderr
    expected = query("select count(*) from marts.entities")[0][0]
    assert str(expected) in proc.stdout


def test_bad_query_is_one_line(seeds_warehouse):
    proc = newsdesk("query", "select nonsense from marts.nowhere")
    assert_one_line_error(proc, "query failed", "nowhere")


def test_missing_drops_folder_is_one_line(tmp_path):
    proc = newsdesk("run", "--drops", str(tmp_path / "absent"), warehouse=tmp_path / "w.duckdb")
    assert_one_line_error(proc, "does not exist")


def test_missing_warehouse_for_query(tmp_path):
    proc = newsdesk("query", "select 1", warehouse=tmp_path / "nothing.duckdb")
    assert_one_line_error(proc, "no warehouse")


@pytest.fixture
def locked_warehouse(tmp_path):
    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "c.execute('create table t(x int)'); print('ready', flush=True); time.sleep(120)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "ready"
    yield path
    holder.kill()
    holder.wait()


def test_locked_warehouse_is_one_line_for_run(locked_warehouse):
    started = time.monotonic()
    proc = newsdesk("run", warehouse=locked_warehouse)
    assert_one_line_error(proc, "locked", "retry")
    assert time.monotonic() - started < 60


def test_locked_warehouse_is_one_line_for_query(locked_warehouse):
    proc = newsdesk("query", "select 1", warehouse=locked_warehouse)
    assert_one_line_error(proc, "locked")


def test_run_summary_lists_only_the_runs_drops(seeds_warehouse, capsys, monkeypatch):
    """The end-of-run summary reads the run's drops, not the whole warehouse (it used to print
    every accepted article, 10,000 lines and 6 s into a large warehouse)."""
    from orchestration import summary

    summary.print_summary(seeds_warehouse, seeds_warehouse, ["seeds"], ())
    out = capsys.readouterr().out
    assert "4 accepted in this run" in out
    assert "1 quarantined in this run" in out
    assert "missing_publication_date, unfilled_template_text" in out
    for article in ("000_487a1938f6ae5f90", "001_0cafc27f6667d54f", "004_f3bea19917c7ffeb"):
        assert article in out
    assert "2024-03-26" in out

    summary.print_summary(seeds_warehouse, seeds_warehouse, ["no-such-drop"], ())
    out = capsys.readouterr().out
    assert "0 accepted in this run" in out and "000_487a1938f6ae5f90" not in out
    assert "marts.articles" in out  # the marts' sizes are still the warehouse's

    monkeypatch.setattr(summary, "MAX_LISTED", 2)
    summary.print_summary(seeds_warehouse, seeds_warehouse, ["seeds"], ())
    out = capsys.readouterr().out
    assert "4 accepted in this run (first 2)" in out
    assert "002_2c0d5d5d41ac60ca" not in out.split("1 quarantined")[0]
    assert "where drop_id in ('seeds') and status = 'accepted'" in out


# ---- the query sandbox, against the statements of issue 25


def test_query_cannot_attach_the_live_warehouse_and_delete_from_it(seeds_warehouse, query):
    before = query("select count(*) from marts.articles")[0][0]
    assert before == 4
    proc = newsdesk(
        "query",
        f"attach '{seeds_warehouse}' as live (read_only false); delete from live.marts.articles",
    )
    assert_one_line_error(proc, "query refused", "ATTACH", "SELECT")
    assert query("select count(*) from marts.articles")[0][0] == before


def test_query_cannot_write_a_file(seeds_warehouse, tmp_path):
    proc = subprocess.run(
        [*NEWSDESK, "query", "copy (select 1) to 'leak.csv'"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert_one_line_error(proc, "query refused", "COPY")
    assert list(tmp_path.iterdir()) == []


def test_query_cannot_read_a_system_file(seeds_warehouse):
    proc = newsdesk("query", "select * from read_csv('/etc/passwd')")
    assert_one_line_error(proc, "query refused", "/etc/passwd", "disabled by configuration")
    assert "root:" not in proc.stdout + proc.stderr


# ---- polish: empty SQL, empty results, evidence cells, help, hints



def test_empty_query_is_one_line(seeds_warehouse, capsys, restored_env):
    from orchestration.cli import main

    for sql in ("", "  ", "-- nothing"):
        assert main(["query", sql]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("newsdesk: no SQL statement given; try: newsdesk query")
        assert "\n" not in err and "NoneType" not in err


def test_empty_result_prints_header_and_zero_rows(seeds_warehouse, capsys, restored_env):
    from orchestration.cli import main

    sql = "select article_id, title from marts.articles where published_date < '1990-01-01'"
    assert main(["query", sql]) == 0
    out = capsys.readouterr().out
    assert "article_id" in out and "title" in out
    assert out.rstrip().endswith("0 rows")


def test_evidence_cells_print_no_blank_rows(seeds_warehouse, query, capsys, restored_env):
    from orchestration.cli import main

    sql = "select evidence from marts.quarantined_claims order by claim_id"
    assert any(e.endswith("\n") for (e,) in query(sql))  # what the cells hold
    assert main(["query", sql]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert len(rows) == 3 and all(line.strip("│ ") for line in rows)
    assert "Iran has allocated approximately $30 million monthly" in out
    assert out.rstrip().endswith("3 rows")


def test_help_describes_every_argument(capsys):
    from orchestration.cli import main

    for argv, fragments in (
        ([], ("Run drops of news articles", "COMMAND --help")),
        (["query"], ("SQL", "one or more statements", "Reads only", "--warehouse FILE")),
        (["ui"], ("--port PORT", "TCP port", "--warehouse FILE")),
        (["report"], ("--drop DROP", "--warehouse FILE")),
    ):
        with pytest.raises(SystemExit) as exited:
            main([*argv, "--help"])
        assert exited.value.code == 0
        out = capsys.readouterr().out
        assert "``" not in out
        for fragment in fragments:
            assert fragment in out, (argv, fragment)


def test_run_hints_name_a_non_default_warehouse(seeds_warehouse, capsys):
    from orchestration import summary
    from orchestration.cli import EXAMPLE_QUERIES

    summary.print_summary(seeds_warehouse, seeds_warehouse, ["seeds"], EXAMPLE_QUERIES)
    out = capsys.readouterr().out
    hints = [line.strip() for line in out.splitlines() if "newsdesk query" in line]
    assert len(hints) == len(EXAMPLE_QUERIES)
    assert all(h.endswith(f'" --warehouse {seeds_warehouse}') for h in hints)
    assert f"(newsdesk report --open --warehouse {seeds_warehouse})" in out

"""A drop holding every kind of bad input (tests/helpers/bad_drop.py), run through
``run_drops``: real Dagster, dbt, Great Expectations and DuckDB.

The run happens in a fresh process with its own data folder, warehouse and Dagster instance, so
the seeds warehouse the other integration tests read stays as it is. The size limit is lowered
through ``NEWSDESK_MAX_FILE_BYTES`` so the too-large file stays small.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.helpers.bad_drop import build_bad_drop

MAX_FILE_BYTES = 100_000
DROP_ID = "bad_drop"

# Runs in the child process: the pipeline, then the raw_articles check results of that run.
RUNNER = """
import json, sys
from pathlib import Path
import dagster as dg
from orchestration.pipeline import run_drops

outcome = run_drops([(sys.argv[1], Path(sys.argv[2]))])
checks = {}
instance = dg.DagsterInstance.get()
for run_id in outcome.run_ids:
    for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION):
        evaluation = entry.dagster_event.event_specific_data
        checks[evaluation.check_name] = {
            "passed": evaluation.passed,
            "metadata": {k: v.value for k, v in evaluation.metadata.items()},
        }
print(json.dumps({"success": outcome.success, "message": outcome.message, "checks": checks}))
"""


@dataclass
class BadRun:
    folder: Path
    warehouse: Path
    expected: dict
    outcome: dict

    def query(self, sql: str, params=None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as conn:
            return conn.execute(sql, params or []).fetchall()

    def key(self, source_path: str, record: int | None) -> str:
        key = str(Path(source_path).relative_to(self.folder))
        return key if record is None else f"{key}:{record}"


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory) -> BadRun:
    root = tmp_path_factory.mktemp("bad_input")
    folder = root / "drops" / DROP_ID
    expected = build_bad_drop(folder, MAX_FILE_BYTES)
    home = root / "dagster_home"
    home.mkdir()
    from orchestration.runtime.instance import write_instance_yaml

    write_instance_yaml(home)
    env = {
        **os.environ,
        "NEWSDESK_DATA": str(root),
        "NEWSDESK_WAREHOUSE": str(root / "warehouse.duckdb"),
        "NEWSDESK_DROPS": str(root / "drops"),
        "NEWSDESK_MAX_FILE_BYTES": str(MAX_FILE_BYTES),
        "DAGSTER_HOME": str(home),
    }
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, DROP_ID, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    return BadRun(folder, root / "warehouse.duckdb", expected, outcome)


def test_the_run_does_not_crash(bad_run):
    assert bad_run.outcome["success"], bad_run.outcome["message"]


def test_every_file_has_its_status_and_reason(bad_run):
    rows = bad_run.query(
        "select source_path, record, article_id, status, reasons, duplicate_of "
        "from marts.drop_files where drop_id = ?",
        [DROP_ID],
    )
    seen = {
        bad_run.key(path, record): (status, sorted(reasons), article_id, duplicate_of)
        for path, record, article_id, status, reasons, duplicate_of in rows
    }
    want = {
        key: (e.status, sorted(e.reasons), e.article_id, e.duplicate_of)
        for key, e in bad_run.expected.items()
    }
    assert seen == want


def test_the_whole_drop_is_accounted_for(bad_run):
    on_disk = {
        str(Path(root, name).relative_to(bad_run.folder))
        for root, _, names in os.walk(bad_run.folder)
        for name in names
    }
    files = {
        str(Path(p).relative_to(bad_run.folder))
        for (p,) in bad_run.query(
            "select distinct source_path from marts.drop_files where drop_id = ?", [DROP_ID]
        )
    }
    assert files == on_disk  # 100 % of the files
    counts = dict(
        bad_run.query(
            "select status, count(*) from marts.drop_files where drop_id = ? group by status",
            [DROP_ID],
        )
    )
    raw_rows = bad_run.query("select count(*) from raw.articles where drop_id = ?", [DROP_ID])[0][0]
    assert sum(counts.values()) == raw_rows == len(bad_run.expected)
    for status in ("accepted", "quarantined", "duplicate"):
        assert counts[status] == sum(e.status == status for e in bad_run.expected.values())


def test_the_accounting_check_passes_with_the_same_figures(bad_run):
    checks = bad_run.outcome["checks"]
    accounting = checks["every_file_accounted_for"]
    assert accounting["passed"]
    figures = accounting["metadata"]
    assert figures["rows"] == len(bad_run.expected)
    assert figures["files_in_drop"] == len({k.split(":")[0] for k in bad_run.expected})
    for status in ("accepted", "quarantined", "duplicate"):
        assert figures[status] == sum(e.status == status for e in bad_run.expected.values())
    assert checks["drop_has_accepted_articles"]["passed"]


def test_good_files_are_loaded_with_their_dates(bad_run):
    loaded = dict(bad_run.query("select article_id, published_date from marts.articles"))
    for e in bad_run.expected.values():
        if e.status in ("accepted", "duplicate"):
            assert e.article_id in loaded, e.article_id
    assert loaded["council_tram"] == dt.date(2024, 6, 3)  # html
    assert loaded["feed_1"] == dt.date(2024, 3, 30)  # jsonl
    assert loaded["feed_4"] == dt.date(2024, 4, 17)
    assert loaded["market_report"] == dt.date(2024, 5, 21)  # json, RFC 2822 date
    formats = dict(bad_run.query("select article_id, source_format from marts.articles"))
    assert (formats["council_tram"], formats["feed_1"], formats["market_report"]) == (
        "html",
        "jsonl",
        "json",
    )
    quarantined = {r[0] for r in bad_run.query("select article_id from marts.quarantined_articles")}
    assert {"feed_3", "feed_5", "feed_6", "huge", "pipe", "dangling"} <= quarantined


def test_five_encodings_load_one_body(bad_run):
    rows = bad_run.query(
        "select article_id, encoding, body from marts.articles where article_id like 'enc_%'"
    )
    assert {a: e for a, e, _ in rows} == {
        "enc_cp1252": "cp1252",
        "enc_mojibake": "utf-8",
        "enc_utf16": "utf-16",
        "enc_utf8": "utf-8",
        "enc_utf8_bom": "utf-8-sig",
    }
    assert len({body for _, _, body in rows}) == 1


def test_html_page_metadata_in_the_mart(bad_run):
    title, authors, publisher, body = bad_run.query(
        "select title, authors, publisher, body from marts.articles "
        "where article_id = 'council_tram'"
    )[0]
    assert (title, authors, publisher) == (
        "Council approves northern tram extension",
        ["Priya Raman"],
        "Riverside Gazette",
    )
    assert "cookie" not in body and "Related stories" not in body and "Privacy" not in body


def test_syndicated_copy_does_not_count_as_a_second_source(bad_run):
    similarity, method = bad_run.query(
        "select similarity, method from marts.article_duplicates "
        "where article_id = 'syndicated_haniyeh' and duplicate_of = 'lbci_haniyeh'"
    )[0]
    assert method == "near_duplicate" and 0.7 <= similarity < 1.0
    # The Tehran meeting of 26 March: reported by two independent articles (seed 000 and the
    # LBCI page), plus an exact mirror and a syndicated copy of the LBCI page.
    rows = bad_run.query(
        "select source_count, report_count, article_ids from marts.events "
        "where event_type = 'meeting' and event_date = date '2024-03-26'"
    )
    assert len(rows) == 1
    source_count, report_count, article_ids = rows[0]
    assert sorted(article_ids) == [
        "lbci_haniyeh",
        "lbci_haniyeh_mirror",
        "syndicated_haniyeh",
        "tehran_meeting",
    ]
    assert (source_count, report_count) == (2, 4)

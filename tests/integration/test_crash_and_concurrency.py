"""Real processes: a run killed with SIGKILL and restarted gives the marts of a clean run, and a
reader gets answers while a run writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orchestration import settings
from tests.helpers.marts import marts_content

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    (root / "dagster_home").mkdir()
    return root


def env_for(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        settings.DATA_ENV: str(root),
        settings.WAREHOUSE_ENV: str(root / "newsdesk.duckdb"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }


def start_run(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [NEWSDESK, "run"], env=env_for(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def restarted_warehouse(data_dir) -> Path:
    run = start_run(data_dir)
    log = data_dir / "logs" / "run-seeds.log"
    # Kill the whole process group (the CLI and its dbt subprocess) while dbt builds the marts.
    wait_for(lambda: log.exists() and " START " in log.read_text(errors="ignore"), 300,
             "dbt to start")
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL

    restart = subprocess.run([NEWSDESK, "run"], env=env_for(data_dir), capture_output=True,
                             text=True, timeout=600)
    assert restart.returncode == 0, restart.stderr
    assert "had died; marked failed and released" in restart.stderr
    return data_dir / "newsdesk.duckdb"


def test_killed_run_restarts_to_the_clean_result(restarted_warehouse, seeds_warehouse):
    assert marts_content(restarted_warehouse) == marts_content(seeds_warehouse)


def test_reader_answers_while_a_run_writes(restarted_warehouse, data_dir):
    expected = marts_content(restarted_warehouse)["entities"]
    run = start_run(data_dir)
    answers, during_run = [], 0
    try:
        while run.poll() is None:
            proc = subprocess.run(
                [NEWSDESK, "query", "select count(*) as n from marts.entities"],
                env=env_for(data_dir), capture_output=True, text=True, timeout=60,
            )
            answers.append((proc.returncode, proc.stdout, proc.stderr))
            during_run += run.poll() is None
    finally:
        run.wait(timeout=600)
    assert run.returncode == 0
    assert during_run >= 3
    assert all(code == 0 and str(len(expected)) in out for code, out, _ in answers), answers

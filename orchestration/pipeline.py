"""Run drops through the Dagster job from Python: the same job, assets and resources the UI runs,
recorded in the warehouse's Dagster instance (``settings.dagster_home()``), so CLI runs show up in
that warehouse's UI and in no other.

Runs execute in this process (``execute_in_process``): no daemon, no webserver, so a CLI run next
to an open UI never competes with the UI's daemon (``tests/integration/test_instances.py``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from orchestration import settings
from orchestration.defs.ingest.partitions import drops_partitions

JOB_NAME = "process_drop"
# Runs started here carry their process, so a later start can tell a crashed run from a live one.
PID_TAG = "newsdesk/pid"
HOST_TAG = "newsdesk/host"
# The CLI prints its own summary; Dagster's event log stays in the instance (and the UI), and
# dbt's console output (which dagster-dbt writes to stdout) goes to a log file per run.
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass
class RunOutcome:
    success: bool
    message: str = ""
    run_ids: list[str] = field(default_factory=list)


def _root_cause(error) -> str:
    while error.cause is not None:
        error = error.cause
    lines = [line for line in (error.message or "").strip().splitlines() if line.strip()]
    return lines[0] if lines else error.cls_name


def _failure_message(result, drop_id: str, log: Path) -> str:
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            reason = _root_cause(event.event_specific_data.error)
            return f"drop {drop_id}: step {event.step_key} failed: {reason} (log: {log})"
    return f"drop {drop_id}: run {result.run_id} failed; see `newsdesk ui` or {log}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_runs(instance) -> list[str]:
    """Fail the runs whose process died (kill -9, power loss) and free their concurrency slots.

    A killed in-process run stays STARTED and keeps its slot of the ``duckdb`` pool, which would
    block every later run forever. Runs launched by the daemon are watched by Dagster's own run
    monitoring (enabled in dagster.yaml); this handles the CLI's in-process runs.
    """
    from dagster import DagsterRunStatus, RunsFilter

    released = []
    host = socket.gethostname()
    in_flight = [DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.NOT_STARTED]
    for run in instance.get_runs(filters=RunsFilter(statuses=in_flight)):
        pid = run.tags.get(PID_TAG)
        if not pid or run.tags.get(HOST_TAG) != host or _alive(int(pid)):
            continue
        instance.report_run_failed(run, message=f"process {pid} died before the run finished")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append(run.run_id)
    return released


def run_drops(drops: list[tuple[str, Path]], quiet: bool = True) -> RunOutcome:
    """Materialise the whole graph for each drop (one Dagster run per drop, in order)."""
    from dagster import DagsterInstance

    from orchestration.defs.transform.project import prepare_manifest
    from orchestration.runtime.instance import prepare_instance

    prepare_manifest()  # exports the warehouse and its DAGSTER_HOME first
    from orchestration.definitions import defs

    instance = DagsterInstance.from_config(str(prepare_instance(settings.dagster_home())))
    for run_id in release_dead_runs(instance):
        print(f"newsdesk: run {run_id} had died; marked failed and released", file=sys.stderr)
    known = set(instance.get_dynamic_partitions(drops_partitions.name))
    new = [d for d, _ in drops if d not in known]
    if new:
        instance.add_dynamic_partitions(drops_partitions.name, new)

    job = defs.resolve_job_def(JOB_NAME)
    outcome = RunOutcome(success=True)
    for drop_id, path in drops:
        if not quiet:
            print(f"newsdesk: processing drop {drop_id} ({path})", file=sys.stderr, flush=True)
        log = settings.logs_dir() / f"run-{drop_id}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
            result = job.execute_in_process(
                instance=instance,
                partition_key=drop_id,
                tags={PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()},
                run_config={
                    "ops": {"raw_articles": {"config": {"drop_path": str(path)}}},
                    **QUIET_LOGS,
                },
                raise_on_error=False,
            )
        outcome.run_ids.append(result.run_id)
        if not result.success:
            return RunOutcome(False, _failure_message(result, drop_id, log), outcome.run_ids)
    return outcome

"""Start one run per new drop folder under the drops directory."""

import time
from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.defs.resources import DropsResource


def drop_is_settled(folder: Path, now: float, settle_seconds: float) -> bool:
    """A drop is ready when it has a ``_READY`` marker, or nothing in it changed for a while
    (so a half-copied folder is not picked up)."""
    if (folder / settings.READY_MARKER).exists():
        return True
    # lstat: a dangling symlink in a drop is an entry to quarantine, not a reason to crash the tick
    mtimes = [p.lstat().st_mtime for p in folder.rglob("*")] + [folder.stat().st_mtime]
    return now - max(mtimes) >= settle_seconds


def new_drops(drops: DropsResource, known: set[str], now: float, settle: float) -> list[str]:
    root = Path(drops.drops_dir)
    return [
        d for d in drops.drop_ids() if d not in known and drop_is_settled(root / d, now, settle)
    ]


def build_drop_sensor(job) -> dg.SensorDefinition:
    @dg.sensor(
        name="drop_sensor",
        job=job,
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Registers each new folder under the drops directory as a partition and "
        "requests one run for it (run_key = drop id, so a drop never runs twice by itself).",
    )
    def drop_sensor(context: dg.SensorEvaluationContext, drops: DropsResource):
        known = set(context.instance.get_dynamic_partitions(drops_partitions.name))
        fresh = new_drops(drops, known, time.time(), settings.DROP_SETTLE_SECONDS)
        if not fresh:
            return dg.SkipReason("no new drop")
        return dg.SensorResult(
            run_requests=[dg.RunRequest(run_key=d, partition_key=d) for d in fresh],
            dynamic_partitions_requests=[drops_partitions.build_add_request(fresh)],
        )

    return drop_sensor

"""The drop sensor, tick by tick, on a real drops folder and a real Dagster instance."""

from __future__ import annotations

import os
import shutil
import time

import dagster as dg

from orchestration import settings
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.defs.ingest.sensors import drop_is_settled
from orchestration.defs.resources import DropsResource


def tick(sensor, instance, drops_dir):
    context = dg.build_sensor_context(
        instance=instance, resources={"drops": DropsResource(drops_dir=str(drops_dir))}
    )
    result = sensor(context)
    if isinstance(result, dg.SensorResult):
        for request in result.dynamic_partitions_requests or []:
            instance.add_dynamic_partitions(
                request.partitions_def_name, list(request.partition_keys)
            )
        return result.run_requests or []
    return []


def test_new_drop_requests_exactly_one_run(tmp_path):
    from orchestration.defs.transform.project import prepare_manifest

    prepare_manifest()
    from orchestration.definitions import defs

    sensor = defs.resolve_sensor_def("drop_sensor")
    instance = dg.DagsterInstance.ephemeral()
    drops_dir = tmp_path / "drops"
    drops_dir.mkdir()

    assert tick(sensor, instance, drops_dir) == []
    shutil.copytree(settings.SAMPLE_DROP_DIR, drops_dir / "drop_2024_03_26")
    (drops_dir / "drop_2024_03_26" / settings.READY_MARKER).touch()

    requests = tick(sensor, instance, drops_dir)
    assert [(r.partition_key, r.run_key) for r in requests] == [
        ("drop_2024_03_26", "drop_2024_03_26")
    ]
    assert instance.get_dynamic_partitions(drops_partitions.name) == ["drop_2024_03_26"]
    assert tick(sensor, instance, drops_dir) == []


def test_half_copied_drop_waits(tmp_path):
    drop = tmp_path / "d"
    drop.mkdir()
    (drop / "a.txt").write_text("x")
    now = time.time()
    assert not drop_is_settled(drop, now, settle_seconds=10)
    old = now - 60
    os.utime(drop / "a.txt", (old, old))
    os.utime(drop, (old, old))
    assert drop_is_settled(drop, now, settle_seconds=10)

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
from tests.helpers.marts import marts_content


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


def test_a_dangling_symlink_does_not_break_the_tick(tmp_path):
    drop = tmp_path / "d"
    drop.mkdir()
    os.symlink(tmp_path / "gone.txt", drop / "dangling.txt")
    os.mkfifo(drop / "pipe.txt")
    old = time.time() - 60
    for entry in (drop / "dangling.txt", drop / "pipe.txt", drop):
        os.utime(entry, (old, old), follow_symlinks=False)
    assert drop_is_settled(drop, time.time(), settle_seconds=10)


def test_sensor_requested_run_lands_in_the_marts(tmp_path, monkeypatch):
    """New drop -> one run request -> that run (real Dagster + dbt) puts its articles in the
    marts -> the next tick requests nothing."""
    import duckdb
    from dagster_duckdb import DuckDBResource

    from orchestration.defs.resources import build_resources
    from orchestration.defs.transform.project import prepare_manifest

    prepare_manifest()
    from orchestration.definitions import defs

    warehouse = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(warehouse))  # dbt reads it from the env
    drops_dir = tmp_path / "drops"
    drop = drops_dir / "wire_2024_03_26"
    drop.mkdir(parents=True)
    for name in ("000_487a1938f6ae5f90.txt", "004_f3bea19917c7ffeb.txt"):
        shutil.copy(settings.SAMPLE_DROP_DIR / name, drop / name)
    (drop / settings.READY_MARKER).touch()

    sensor = defs.resolve_sensor_def("drop_sensor")
    instance = dg.DagsterInstance.ephemeral()
    (request,) = tick(sensor, instance, drops_dir)
    resources = {
        **build_resources(),
        "warehouse": DuckDBResource(database=str(warehouse)),
        "drops": DropsResource(drops_dir=str(drops_dir)),
    }
    from orchestration.definitions import CONCERNS

    result = dg.materialize(
        [asset for concern in CONCERNS for asset in concern.assets or []],
        instance=instance, partition_key=request.partition_key, resources=resources,
    )
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        rows = conn.execute(
            "select drop_id, article_id from marts.articles order by article_id"
        ).fetchall()
    assert rows == [("wire_2024_03_26", "000_487a1938f6ae5f90"),
                    ("wire_2024_03_26", "004_f3bea19917c7ffeb")]
    assert tick(sensor, instance, drops_dir) == []

    # The same article arrives again in a second drop: one article, two provenance rows, and its
    # text is not extracted a second time.
    second = drops_dir / "wire_2024_03_27"
    second.mkdir()
    shutil.copy(settings.SAMPLE_DROP_DIR / "000_487a1938f6ae5f90.txt", second)
    (second / settings.READY_MARKER).touch()
    (request,) = tick(sensor, instance, drops_dir)
    result = dg.materialize(
        [asset for concern in CONCERNS for asset in concern.assets or []],
        instance=instance, partition_key=request.partition_key, resources=resources,
    )
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        count = "select count(*) from "
        assert conn.execute(count + "marts.articles").fetchone()[0] == 2
        assert conn.execute(
            count + "marts.drop_files where article_id = '000_487a1938f6ae5f90'"
        ).fetchone()[0] == 2
        assert conn.execute(
            count + "raw.extracted_articles where article_id = '000_487a1938f6ae5f90'"
        ).fetchone()[0] == 1
        mentions = conn.execute(
            "select count(*), count(distinct mention_id) from marts.entity_mentions"
        ).fetchone()
        assert mentions[0] == mentions[1] > 0

        # The second drop's report is about that drop: its one article, the events and claim
        # groups that article is part of (with all their sources), the entities it mentions.
        from orchestration.warehouse.report_data import read_report_data

        data = read_report_data(conn, "wire_2024_03_27")
        reported = "000_487a1938f6ae5f90"
        assert data.drop_files.get_column("article_id").to_list() == [reported]
        assert data.events.height > 0
        assert all(reported in ids for ids in data.events.get_column("article_ids").to_list())
        all_events = conn.execute("select count(*) from marts.events").fetchone()[0]
        assert data.events.height < all_events  # 004's own events are not in it
        mentioned = {
            row[0]
            for row in conn.execute(
                "select entity_id from marts.entity_mentions where article_id = ?", [reported]
            ).fetchall()
        }
        participants = {p for ids in data.events.get_column("participant_ids").to_list()
                        for p in ids or []}
        assert set(data.entities.get_column("entity_id").to_list()) == mentioned | participants
        groups = set(data.claims.get_column("claim_group_id").to_list())
        assert groups == {
            row[0]
            for row in conn.execute(
                "select claim_group_id from marts.claims where article_id = ?", [reported]
            ).fetchall()
        }

    # The articles mart is incremental: the second drop moved 000's current delivery, and a
    # drop re-materialised without one of its files takes that article out. A full rebuild (a
    # run without a drop, as the daily rebuild_marts) then changes no row of any mart, with the
    # cross-article rules in child processes this time (as on a large warehouse).
    assert _current_drops(warehouse) == {
        "000_487a1938f6ae5f90": "wire_2024_03_27", "004_f3bea19917c7ffeb": "wire_2024_03_26"
    }
    (drop / "004_f3bea19917c7ffeb.txt").unlink()
    result = dg.materialize(
        [asset for concern in CONCERNS for asset in concern.assets or []],
        instance=instance, partition_key="wire_2024_03_26", resources=resources,
    )
    assert result.success
    # 000 is read again from the first drop, so that delivery is now its latest
    assert _current_drops(warehouse) == {"000_487a1938f6ae5f90": "wire_2024_03_26"}
    incremental = marts_content(warehouse, ignore=set())

    from orchestration.defs.transform.assets import newsdesk_dbt_models
    from orchestration.runtime.offload import MIN_ROWS_ENV

    monkeypatch.setenv(MIN_ROWS_ENV, "0")  # read by the dbt Python models
    result = dg.materialize([newsdesk_dbt_models], instance=instance, resources=resources)
    assert result.success
    assert marts_content(warehouse, ignore=set()) == incremental


def _current_drops(warehouse) -> dict[str, str]:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return dict(conn.execute("select article_id, drop_id from marts.articles").fetchall())

"""The whole Definitions object loads, its contents match the checked-in snapshot, and the graph
is connected from files to marts.

The snapshot (tests/fixtures/definitions_snapshot.txt) lists every asset, asset check, job,
schedule and sensor, one a line, sorted. After adding, renaming or removing any of them,
regenerate it and review the diff:

    NEWSDESK_UPDATE_SNAPSHOT=1 pytest tests/integration/test_definitions.py
"""

import difflib
import os
from pathlib import Path

import dagster as dg
import pytest

SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "definitions_snapshot.txt"
UPDATE_ENV = "NEWSDESK_UPDATE_SNAPSHOT"
REGENERATE = f"{UPDATE_ENV}=1 pytest tests/integration/test_definitions.py"


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    from orchestration.defs.transform.project import prepare_manifest

    prepare_manifest()  # the dbt assets are read from the manifest
    from orchestration.definitions import defs

    return defs


def definitions_listing(defs: dg.Definitions) -> list[str]:
    """Every asset, asset check (asset key and check name), job, schedule and sensor, one
    ``kind name`` line each, sorted. Dagster's implicit asset job is left out."""
    graph = defs.resolve_asset_graph()
    repo = defs.get_repository_def()
    lines = [f"asset {k.to_user_string()}" for k in graph.get_all_asset_keys()]
    lines += [f"check {k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys]
    lines += [f"job {j.name}" for j in repo.get_all_jobs() if not j.name.startswith("__")]
    lines += [f"schedule {s.name}" for s in repo.schedule_defs]
    lines += [f"sensor {s.name}" for s in repo.sensor_defs]
    return sorted(lines)


def test_definitions_match_the_snapshot(defs):
    listing = definitions_listing(defs)
    if os.environ.get(UPDATE_ENV) == "1":
        SNAPSHOT.write_text("\n".join(listing) + "\n", encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines() if SNAPSHOT.exists() else []
    diff = difflib.unified_diff(expected, listing, SNAPSHOT.name, "defs", lineterm="")
    assert listing == expected, (
        f"orchestration.definitions.defs no longer matches {SNAPSHOT}; if the change is meant, "
        f"regenerate it with `{REGENERATE}` and review the diff:\n" + "\n".join(diff)
    )


def test_definitions_load_and_lineage_is_connected(defs):
    graph = defs.resolve_asset_graph()
    # Every mart is downstream of the files' asset, and the snapshot downstream of every mart.
    marts = {k for k in graph.get_all_asset_keys() if k.path[0] == "marts"}
    for mart in marts:
        ancestors = dg.AssetSelection.assets(mart).upstream().resolve(graph)
        assert dg.AssetKey("raw_articles") in ancestors, mart
    assert marts <= graph.get(dg.AssetKey("warehouse_snapshot")).parent_keys
    # GE expectations and dbt tests both show up as checks.
    check_names = {c.name for c in graph.asset_check_keys}
    assert "no_unfilled_template_text" in check_names
    assert "drop_has_accepted_articles" in check_names
    assert any(name.startswith("unique_") or name.startswith("not_null_") for name in check_names)
    assert defs.resolve_job_def("process_drop")
    assert defs.resolve_schedule_def("daily_marts")
    assert defs.resolve_sensor_def("drop_sensor")


def test_per_drop_runs_test_the_marts_and_the_daily_rebuild_tests_every_model(defs):
    def checks(job_name: str) -> set[dg.AssetCheckKey]:
        return set(defs.resolve_job_def(job_name).asset_layer.asset_graph.asset_check_keys)

    per_drop, daily = checks("process_drop"), checks("rebuild_marts")
    upstream = {k for k in daily if k.asset_key.path[0] in ("staging", "intermediate")}
    marts = {k for k in daily if k.asset_key.path[0] == "marts"}
    assert len(upstream) > 30 and len(marts) > 60
    assert upstream.isdisjoint(per_drop)  # views: each test would recompute its view
    assert marts <= per_drop
    # The singular tests read several marts; each is attached to one so that both jobs run it.
    singular = {k.name: k.asset_key.path[-1] for k in marts if k.name.startswith("assert_")}
    assert singular == {
        "assert_drop_files_account_for_every_row": "drop_files",
        "assert_duplicates_point_at_originals": "article_duplicates",
        "assert_event_participants_are_entities": "events",
        "assert_mart_offsets_point_into_body": "articles",
        "assert_no_article_both_accepted_and_quarantined": "quarantined_articles",
    }

"""The dbt unit tests (model logic on fixed input rows) run here, not in every pipeline run.

A run's ``dbt build`` excludes them (they check code, which does not change between drops); this
test runs them against the warehouse the seeds built, so their parent relations exist.
"""

from __future__ import annotations

import json

from orchestration import settings
from orchestration.defs.transform.project import (
    DBT_EXECUTABLE,
    OfflineDbtCliResource,
    newsdesk_dbt_project,
)


def test_every_dbt_unit_test_passes(seeds_warehouse, tmp_path):
    dbt = OfflineDbtCliResource(
        project_dir=newsdesk_dbt_project,
        profiles_dir=str(settings.DBT_PROJECT_DIR),
        dbt_executable=DBT_EXECUTABLE,
    )
    invocation = dbt.cli(
        ["test", "--select", "test_type:unit"], target_path=tmp_path, raise_on_error=False
    )
    invocation.wait()

    manifest = json.loads((tmp_path / "manifest.json").read_text())
    results = json.loads((tmp_path / "run_results.json").read_text())["results"]
    declared = set(manifest["unit_tests"])
    assert len(declared) >= 3
    assert {r["unique_id"] for r in results} == declared
    failed = {r["unique_id"]: r["message"] for r in results if r["status"] != "pass"}
    assert failed == {}
    assert invocation.is_successful()

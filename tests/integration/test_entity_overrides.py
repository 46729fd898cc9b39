"""An analyst's override row (the dbt seed) changes a merge on the next build, and wins over the
automatic rules. Real dbt build on a copy of the project and of the seeds warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from orchestration import settings

OVERRIDES = """\
action,name,target,entity_type,note
split,Abdollahian,,PERSON,the bare surname may be another Abdollahian
rename,UN Security Council,United Nations Security Council,,prefer the full name
"""


def mentions_of(warehouse: Path, text: str) -> set[tuple[str, str, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return set(
            conn.execute(
                "select e.name, m.alias_rule, e.entity_id from marts.entity_mentions m "
                "join marts.entities e using (entity_id) where m.mention_text = ?",
                [text],
            ).fetchall()
        )


def test_override_seed_splits_and_renames(seeds_warehouse, tmp_path):
    warehouse = tmp_path / "copy.duckdb"
    shutil.copy(seeds_warehouse, warehouse)
    before = mentions_of(warehouse, "Abdollahian")
    assert {name for name, _, _ in before} == {"Hossein Amir-Abdollahian"}
    assert {rule for _, rule, _ in before} == {"surname_backref"}

    project = tmp_path / "dbt_project"
    shutil.copytree(
        settings.DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs")
    )
    (project / "seeds" / "entity_overrides.csv").write_text(OVERRIDES)
    env = {**os.environ, settings.WAREHOUSE_ENV: str(warehouse), "DO_NOT_TRACK": "1"}
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run(
        [str(dbt), "build", "--project-dir", str(project), "--profiles-dir", str(project)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]

    after = mentions_of(warehouse, "Abdollahian")
    assert {(name, rule) for name, rule, _ in after} == {("Abdollahian", "override_split")}
    full = mentions_of(warehouse, "Hossein Amir-Abdollahian")
    assert {name for name, _, _ in full} == {"Hossein Amir-Abdollahian"}
    assert {e for _, _, e in after}.isdisjoint({e for _, _, e in full})

    renamed = mentions_of(warehouse, "U.N. Security Council")
    assert {name for name, _, _ in renamed} == {"United Nations Security Council"}

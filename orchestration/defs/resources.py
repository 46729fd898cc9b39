"""Resources keyed by role: the warehouse, dbt, and where drops are found."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.transform.project import (
    DBT_EXECUTABLE,
    OfflineDbtCliResource,
    newsdesk_dbt_project,
)
from orchestration.lib.read.drop import is_readable_dir

# dbt subprocesses inherit the environment: same warehouse path, no telemetry.
settings.export_offline_env()


class DropsResource(dg.ConfigurableResource):
    """Where drops live: ``<drops_dir>/<drop_id>/``; the sample drop ``seeds`` is built in."""

    drops_dir: str

    def locate(self, drop_id: str, explicit_path: str = "") -> Path:
        if explicit_path:
            folder = Path(explicit_path)
        elif drop_id == settings.SAMPLE_DROP_ID:
            folder = settings.SAMPLE_DROP_DIR
        else:
            folder = Path(self.drops_dir) / drop_id
        if not is_readable_dir(folder):
            raise dg.Failure(
                description=f"drop {drop_id!r}: folder {folder} is missing or unreadable; "
                f"put the drop under {self.drops_dir} or pass its path in the run config",
                allow_retries=False,
            )
        return folder

    def drop_ids(self) -> list[str]:
        root = Path(self.drops_dir)
        if not is_readable_dir(root):
            return []
        return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def build_resources() -> dict:
    return {
        "warehouse": DuckDBResource(database=str(settings.warehouse_path())),
        "dbt": OfflineDbtCliResource(
            project_dir=newsdesk_dbt_project,
            profiles_dir=str(settings.DBT_PROJECT_DIR),
            dbt_executable=DBT_EXECUTABLE,
        ),
        "drops": DropsResource(drops_dir=str(settings.drops_dir())),
    }

"""Run drops through the real job into a temporary warehouse: what the bench scripts that need a
whole pipeline run (`dev_drop_dates.py --full`, `eval_events.py`) share."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def run_into_temp_warehouse(drops: list[tuple[str, Path]], prefix: str) -> Path:
    """Materialise ``drops`` (drop id, folder) through ``run_drops`` into a new warehouse under a
    temporary folder (its Dagster instance beside it); returns the warehouse file."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.update(NEWSDESK_DATA=str(root), NEWSDESK_WAREHOUSE=str(root / "warehouse.duckdb"))
    os.environ.pop("DAGSTER_HOME", None)  # the warehouse's own instance (settings.dagster_home)
    from orchestration import settings
    from orchestration.pipeline import run_drops
    from orchestration.runtime.instance import prepare_instance

    settings.export_offline_env()
    prepare_instance(settings.dagster_home())
    outcome = run_drops(drops)
    if not outcome.success:
        raise SystemExit(f"run failed: {outcome.message}")
    return root / "warehouse.duckdb"

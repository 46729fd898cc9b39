"""The snapshot readers query while the next run writes the live warehouse."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.transform.assets import newsdesk_dbt_models
from orchestration.warehouse.snapshot import publish_snapshot


@dg.asset(
    deps=list(newsdesk_dbt_models.keys),
    pool="duckdb",
    group_name="publish",
    kinds={"duckdb"},
    description="Read-only copy of the warehouse, replaced atomically after each run; "
    "`newsdesk query` and analysts read this file, never the live one.",
)
def warehouse_snapshot(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as conn:
        path = publish_snapshot(conn, settings.snapshot_path())
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(path)), "bytes": path.stat().st_size}
    )

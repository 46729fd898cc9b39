import dagster as dg

from orchestration.defs.publish.assets import warehouse_snapshot

defs = dg.Definitions(assets=[warehouse_snapshot])

import dagster as dg

from orchestration.defs.ingest.assets import raw_articles
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.defs.ingest.sensors import build_drop_sensor

# Everything downstream of a drop: parse, gate, extract, then the dbt marts.
process_drop_job = dg.define_asset_job(
    "process_drop",
    selection=dg.AssetSelection.all(),
    partitions_def=drops_partitions,
    description="Parse, gate and extract one drop, then rebuild the marts.",
)

defs = dg.Definitions(
    assets=[raw_articles],
    jobs=[process_drop_job],
    sensors=[build_drop_sensor(process_drop_job)],
)

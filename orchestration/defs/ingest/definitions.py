import dagster as dg

from orchestration.defs.ingest.assets import raw_articles
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.defs.ingest.sensors import build_drop_sensor

# Everything downstream of a drop: parse, gate, extract, then the dbt models and the data tests
# of the marts. The tests of the staging and intermediate models run in the daily rebuild_marts
# job: most of those models are views, so each test recomputes its view over the whole warehouse,
# a cost that grows with the warehouse, not the drop; the marts carry the same keys' tests.
upstream_models = dg.AssetSelection.groups("staging", "intermediate")
upstream_model_checks = upstream_models - upstream_models.without_checks()

process_drop_job = dg.define_asset_job(
    "process_drop",
    selection=dg.AssetSelection.all() - upstream_model_checks,
    partitions_def=drops_partitions,
    description="Parse, gate and extract one drop, then rebuild the marts.",
)

defs = dg.Definitions(
    assets=[raw_articles],
    jobs=[process_drop_job],
    sensors=[build_drop_sensor(process_drop_job)],
)

"""Entry point: only assembles the definitions each ``defs/`` module owns."""

import dagster as dg

from orchestration.defs import resources
from orchestration.defs.extract import definitions as extract
from orchestration.defs.ingest import definitions as ingest
from orchestration.defs.publish import definitions as publish
from orchestration.defs.transform import definitions as transform

# Each concern's definitions, before resources are bound (tests materialise these with their own).
CONCERNS = (ingest.defs, extract.defs, transform.defs, publish.defs)

defs = dg.Definitions.merge(
    *CONCERNS,
    dg.Definitions(
        resources=resources.build_resources(),
        # One DuckDB writer at a time: steps run in sequence inside a run (see docs/scaling.md
        # for executors that fan out across drops instead).
        executor=dg.in_process_executor,
    ),
)

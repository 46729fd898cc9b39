"""What a run publishes (Dagster group ``publish``): the snapshot readers query (snapshot.py),
and the drop report and dbt docs an analyst opens (report.py)."""

import dagster as dg

from orchestration.defs.publish.report import dbt_docs, drop_report
from orchestration.defs.publish.snapshot import warehouse_snapshot

defs = dg.Definitions(assets=[warehouse_snapshot, drop_report, dbt_docs])

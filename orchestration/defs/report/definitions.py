import dagster as dg

from orchestration.defs.report.assets import dbt_docs, drop_report

defs = dg.Definitions(assets=[drop_report, dbt_docs])

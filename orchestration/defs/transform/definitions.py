import dagster as dg

from orchestration.defs.transform.assets import newsdesk_dbt_models

rebuild_marts_job = dg.define_asset_job(
    "rebuild_marts",
    selection=dg.AssetSelection.assets(newsdesk_dbt_models).downstream(),
    description="Rebuild every dbt model from the raw tables (no re-parsing), then the snapshot.",
)

daily_marts_schedule = dg.ScheduleDefinition(
    name="daily_marts",
    job=rebuild_marts_job,
    cron_schedule="0 6 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild the marts every morning (picks up analyst overrides and model changes).",
)

defs = dg.Definitions(
    assets=[newsdesk_dbt_models], jobs=[rebuild_marts_job], schedules=[daily_marts_schedule]
)

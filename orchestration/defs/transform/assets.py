"""The dbt project as Dagster assets; dbt tests become asset checks."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.defs.transform.project import newsdesk_dbt_project


class NewsdeskDbtTranslator(DagsterDbtTranslator):
    """Groups come from the model's folder (staging / intermediate / marts), never its name."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn") or []
        if dbt_resource_props.get("resource_type") == "seed":
            return "analyst_overrides"
        return fqn[1] if len(fqn) > 2 else "transform"


@dbt_assets(
    manifest=newsdesk_dbt_project.manifest_path,
    project=newsdesk_dbt_project,
    dagster_dbt_translator=NewsdeskDbtTranslator(),
    pool="duckdb",
)
def newsdesk_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    yield from dbt.cli(["build"], context=context).stream()

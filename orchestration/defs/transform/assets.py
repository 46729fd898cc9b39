"""The dbt project as Dagster assets; dbt tests become asset checks.

Every model's materialisation carries its row count (``dagster/row_count``, shown in the UI) and
every mart a preview of its first rows. Both are read once dbt has exited: dbt-duckdb holds the
warehouse's lock for the whole build, so dagster-dbt's ``fetch_row_counts()``, which queries while
dbt runs, cannot connect. Model outputs are therefore held back until the build is over.
"""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from orchestration.defs.transform.project import newsdesk_dbt_project
from orchestration.lib.preview import markdown_preview

PREVIEW_ROWS = 5
PREVIEW_FOLDER = "marts"


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
def newsdesk_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: DuckDBResource
):
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    built: list[dg.Output] = []
    for event in invocation.stream():
        if isinstance(event, dg.Output):
            built.append(event)
        else:
            yield event  # test results (asset checks) as they come
    yield from with_table_metadata(context, built, invocation.manifest, warehouse)
    error = invocation.get_error()
    if error is not None:
        raise error


def with_table_metadata(
    context: dg.AssetExecutionContext,
    outputs: Sequence[dg.Output],
    manifest: Mapping[str, Any],
    warehouse: DuckDBResource,
) -> Iterator[dg.Output]:
    """The outputs, each with its table's row count (and a preview for marts) added."""
    if not outputs:
        return
    extra: dict[str, dict[str, Any]] = {}
    try:
        with warehouse.get_connection() as conn:
            for output in outputs:
                unique_id = output.metadata.get("unique_id")  # a MetadataValue here
                node = manifest["nodes"].get(getattr(unique_id, "value", unique_id))
                if node:
                    extra[output.output_name] = table_metadata(conn, node)
    except duckdb.Error as exc:  # metadata is a courtesy: never fail a good build over it
        context.log.warning(f"row counts and previews skipped: {exc}")
    for output in outputs:
        yield output.with_metadata({**output.metadata, **extra.get(output.output_name, {})})


def table_metadata(conn: duckdb.DuckDBPyConnection, node: Mapping[str, Any]) -> dict[str, Any]:
    relation = node["relation_name"]
    rows = conn.execute(f"select count(*)::bigint from {relation}").fetchall()[0][0]
    metadata: dict[str, Any] = {"dagster/row_count": dg.MetadataValue.int(rows)}
    fqn = node.get("fqn") or []
    if len(fqn) > 2 and fqn[1] == PREVIEW_FOLDER:
        sample = conn.sql(f"select * from {relation} limit {PREVIEW_ROWS}").pl()
        metadata["preview"] = dg.MetadataValue.md(markdown_preview(sample))
    return metadata

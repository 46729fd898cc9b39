"""The dbt project as Dagster assets; dbt tests become asset checks.

Every table's materialisation carries its row count (``dagster/row_count``, shown in the UI) and
every mart a preview of its first rows. Both are read once dbt has exited: dbt-duckdb holds the
warehouse's lock for the whole build, so dagster-dbt's ``fetch_row_counts()``, which queries while
dbt runs, cannot connect. Model outputs are therefore held back until the build is over.
"""

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.transform.project import newsdesk_dbt_project
from orchestration.warehouse.preview import table_summary

PREVIEW_ROWS = 5
PREVIEW_FOLDER = "marts"


class NewsdeskDbtTranslator(DagsterDbtTranslator):
    """Groups come from the model's top folder (staging / intermediate / marts), never its name;
    intermediate's area folders (articles, entities, events, claims) stay in its group."""

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
    # dbt unit tests check the models' code, not the data: `make test` runs them (tests/
    # integration/test_dbt_unit_tests.py); a run builds the models and their data tests.
    # A drop's run (its partition is a run tag: this asset is not partitioned) updates the
    # incremental models and checks the offsets of its own articles; any other run (the daily
    # rebuild_marts, a materialisation from the UI) rebuilds every model and checks everything.
    drop_id = context.run.tags.get("dagster/partition")
    args = ["build", "--exclude-resource-type", "unit_test"]
    if drop_id is None:
        args.append("--full-refresh")
    # dbt reads the drop with env_var() when it starts
    with scoped_environ({settings.DBT_DROP_ENV: drop_id or ""}):
        invocation = dbt.cli(
            args,
            context=context,
            raise_on_error=False,
            target_path=settings.dbt_target_dir(),
        )
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


@contextmanager
def scoped_environ(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the block (a subprocess started inside inherits them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


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
    skipped: list[str] = []
    try:
        with warehouse.get_connection() as conn:
            for output in outputs:
                unique_id = output.metadata.get("unique_id")  # a MetadataValue here
                node = manifest["nodes"].get(getattr(unique_id, "value", unique_id))
                if not node:
                    continue
                try:
                    extra[output.output_name] = table_metadata(conn, node)
                except duckdb.Error as exc:  # a courtesy: never fail a good build over it
                    skipped.append(f"{node['name']}: {str(exc).splitlines()[0]}")
    except duckdb.Error as exc:
        skipped.append(f"warehouse: {str(exc).splitlines()[0]}")
    if skipped:
        context.log.warning(f"row counts and previews skipped: {'; '.join(skipped)}")
    for output in outputs:
        yield output.with_metadata({**output.metadata, **extra.get(output.output_name, {})})


def table_metadata(conn: duckdb.DuckDBPyConnection, node: Mapping[str, Any]) -> dict[str, Any]:
    """Row count of a table (a view's count would recompute the view over the whole warehouse:
    about 1 s per run at 10,000 articles, so views get none), and a preview for marts."""
    fqn = node.get("fqn") or []
    preview = PREVIEW_ROWS if len(fqn) > 2 and fqn[1] == PREVIEW_FOLDER else 0
    is_view = (node.get("config") or {}).get("materialized") == "view"
    if is_view and not preview:
        return {}
    rows, sample = table_summary(
        conn, node["schema"], node.get("alias") or node["name"], preview, count=not is_view
    )
    metadata: dict[str, Any] = {}
    if rows is not None:
        metadata["dagster/row_count"] = dg.MetadataValue.int(rows)
    if sample is not None:
        metadata["preview"] = dg.MetadataValue.md(sample)
    return metadata

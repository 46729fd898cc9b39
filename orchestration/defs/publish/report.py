"""What an analyst opens after a run: the drop report and the dbt docs, as static offline pages.

(Great Expectations Data Docs are built by the quality gate itself, in the raw_articles asset.)
"""

import base64
import json
import shutil
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.transform.assets import newsdesk_dbt_models
from orchestration.defs.transform.project import newsdesk_dbt_project
from orchestration.lib.pages.charts import chart_png
from orchestration.lib.pages.dbt_docs import (
    STATIC_PAGE,
    cache_folder,
    docs_fingerprint,
    documented_models,
    keep_generation,
    new_generation_folder,
    publish_static_docs,
    published_fingerprint,
    undocumented_columns,
)
from orchestration.lib.pages.offline import remote_resources
from orchestration.warehouse.drop_report import publish_report

MARTS = [key for key in newsdesk_dbt_models.keys if key.path[0] == "marts"]
DOCS_CHECK = "mart_columns_documented"


@dg.asset(
    deps=MARTS,
    pool="duckdb",
    group_name="publish",
    kinds={"html", "altair"},
    description="One self-contained HTML page per run (data/reports/report-DROP.html and "
    "latest.html): what arrived, events timeline, who-met-whom network, claims and their "
    "contradictions, top entities. Loads nothing from the network.",
)
def drop_report(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    # A drop's run carries its partition as a tag (this asset itself is not partitioned).
    drop_id = context.run.tags.get("dagster/partition")
    published = publish_report(warehouse.get_connection, drop_id, name_by_run=True)
    report, summary = published.report, published.report.summary
    charts = {
        name: dg.MetadataValue.md(
            f"![{name}](data:image/png;base64,{base64.b64encode(chart_png(spec)).decode()})"
        )
        for name, spec in report.charts.items()
    }
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(published.path)),
            "latest": dg.MetadataValue.path(str(published.latest)),
            "drop": summary["drop_id"] or "",
            "arrived": dg.MetadataValue.md(
                f"{summary['files']} files: {summary['accepted']} accepted, "
                f"{summary['quarantined']} quarantined, {summary['duplicates']} duplicates"
            ),
            "events": summary["events"],
            "network_edges": summary["edges"],
            "contradiction_groups": summary["contradictions"],
            "remote_resources": len(remote_resources(report.html)),
            **charts,
        }
    )


@dg.asset(
    deps=list(newsdesk_dbt_models.keys),
    pool="duckdb",
    group_name="publish",
    kinds={"dbt", "html"},
    check_specs=[
        dg.AssetCheckSpec(
            DOCS_CHECK,
            asset="dbt_docs",
            description="Every column the warehouse has in a mart is described in the dbt "
            "project (catalog.json against manifest.json).",
        )
    ],
    description="`dbt docs generate --static`: the dbt docs site as one page that opens from "
    "disk (data/docs/dbt/index.html). Checked on every run; generated again when the dbt project "
    "or the warehouse's columns changed.",
)
def dbt_docs(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: DuckDBResource):
    out_dir = settings.dbt_docs_dir()
    with warehouse.get_connection() as conn:  # closed before dbt opens the file
        columns = conn.execute(
            "select table_catalog, table_schema, table_name, column_name, data_type "
            "from information_schema.columns order by all"
        ).fetchall()
    fingerprint = docs_fingerprint(settings.DBT_PROJECT_DIR, columns)
    if published_fingerprint(out_dir) == fingerprint:
        source = "unchanged"  # same project, same tables and columns: the page stands
    else:
        # absolute: dbt runs in the project folder
        cache = Path(newsdesk_dbt_project.project_dir, newsdesk_dbt_project.target_path, "docs")
        folder = cache_folder(cache, fingerprint)
        source = "copied"  # generated for the same project and columns (another data folder)
        if not (folder / STATIC_PAGE).exists():
            tmp = new_generation_folder(cache)
            try:
                dbt.cli(["docs", "generate", "--static"], target_path=tmp).wait()
                keep_generation(tmp, folder)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)  # a failed generation (a kept one moved)
            source = "generated"
        publish_static_docs(folder, out_dir, fingerprint)
    context.log.info(f"dbt docs page: {source}")
    index = out_dir / "index.html"
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((out_dir / "catalog.json").read_text(encoding="utf-8"))
    missing = undocumented_columns(manifest, catalog)
    if missing:
        context.log.warning(f"undocumented mart columns: {', '.join(missing)}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(index)),
            "page": source,
            "bytes": index.stat().st_size,
            "marts": dg.MetadataValue.md(", ".join(documented_models(manifest))),
            "remote_resources": len(remote_resources(index.read_text(encoding="utf-8"))),
        },
        check_results=[
            dg.AssetCheckResult(
                check_name=DOCS_CHECK,
                passed=not missing,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={"undocumented_columns": missing},
            )
        ],
    )

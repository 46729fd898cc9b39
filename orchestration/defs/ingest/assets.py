"""Drop folder -> parsed Polars frame -> quality gate -> raw.articles (one row per file)."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource
from pydantic import Field

from orchestration import settings
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.defs.quality.checks import article_check_results, article_check_specs
from orchestration.defs.resources import DropsResource
from orchestration.lib.ingest import apply_gate, read_drop
from orchestration.lib.quality import validate_articles
from orchestration.lib.warehouse import replace_drop_rows


class DropConfig(dg.Config):
    drop_path: str = Field(
        default="",
        description="Folder of the drop; empty means <drops_dir>/<drop_id> (or the sample drop).",
    )


@dg.asset(
    key="raw_articles",
    partitions_def=drops_partitions,
    check_specs=article_check_specs("raw_articles"),
    pool="duckdb",
    group_name="ingest",
    kinds={"python", "polars", "duckdb"},
    description="One row per file of a drop: parsed parts, cleaned body, quarantine reasons.",
)
def raw_articles(
    context: dg.AssetExecutionContext,
    config: DropConfig,
    warehouse: DuckDBResource,
    drops: DropsResource,
):
    drop_id = context.partition_key
    folder = drops.locate(drop_id, config.drop_path)
    frame = read_drop(folder, drop_id, settings.MAX_FILE_BYTES)
    gate = validate_articles(frame, settings.ARTICLES_SUITE, data_docs_dir=settings.data_docs_dir())
    frame = apply_gate(frame, gate.reasons, gate.details)
    with warehouse.get_connection() as conn:
        replace_drop_rows(conn, "articles", frame, drop_id)

    quarantined = frame.filter(pl.col("quarantine_reasons").list.len() > 0)
    accepted = frame.height - quarantined.height
    context.log.info(f"drop {drop_id}: {accepted} accepted, {quarantined.height} quarantined")
    return dg.MaterializeResult(
        metadata={
            "drop_path": dg.MetadataValue.path(str(folder)),
            "files": frame.height,
            "accepted": accepted,
            "quarantined": quarantined.height,
            "quarantine": dg.MetadataValue.md(
                "\n".join(
                    f"- **{r['article_id']}**: {r['quarantine_detail']}"
                    for r in quarantined.iter_rows(named=True)
                )
                or "none"
            ),
            "data_docs": dg.MetadataValue.path(str(gate.data_docs_index or "")),
        },
        check_results=article_check_results(gate, accepted, frame.height),
    )

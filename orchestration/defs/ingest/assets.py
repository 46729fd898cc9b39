"""Drop folder -> parsed Polars frame -> quality gate -> raw.articles (one row per file, or per
record of a JSON / JSONL file)."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource
from pydantic import Field

from orchestration import settings
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.defs.quality.checks import (
    accounting_check_result,
    article_check_results,
    article_check_specs,
)
from orchestration.defs.resources import DropsResource
from orchestration.lib.quality.gate import validate_articles
from orchestration.lib.read.drop import (
    account_for_drop,
    apply_gate,
    keep_one_body_per_article_id,
    read_drop,
)
from orchestration.lib.rules.duplicates import SIGNATURE_COLUMN, compare_drop_bodies
from orchestration.runtime.parallel import alongside
from orchestration.warehouse.writes import replace_drop_rows

# From this many rows on, the quality gate runs in a process of its own while this one compares
# the drop's bodies (about 10 s each at 10,000 articles on 2 cores); below, spawning the process
# would cost more than the overlap saves.
SEPARATE_GATE_MIN_ROWS = 1000


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
    description="One row per file of a drop (per record of a JSON / JSONL file): parsed parts, "
    "cleaned body, quarantine reasons.",
)
def raw_articles(
    context: dg.AssetExecutionContext,
    config: DropConfig,
    warehouse: DuckDBResource,
    drops: DropsResource,
):
    drop_id = context.partition_key
    folder = drops.locate(drop_id, config.drop_path)
    # Parsing and each body's MinHash signature (computed once here, reused by every later
    # rebuild of the cross-drop duplicates model) are per-file work: a large drop is read in
    # as many processes as extraction uses.
    frame = read_drop(
        folder, drop_id, settings.max_file_bytes(), workers=settings.EXTRACT_WORKERS
    )
    # Which bodies of the drop are near copies needs no gate: compared while the gate validates.
    with alongside(
        validate_articles,
        frame.drop(SIGNATURE_COLUMN),
        settings.ARTICLES_SUITE,
        data_docs_dir=settings.data_docs_dir(),
        # each validation is listed in the Data Docs by drop and run, under this asset's name
        run_name=f"{drop_id} · run {context.run_id[:8]}",
        asset_name=context.asset_key.to_user_string(),
        separate=settings.EXTRACT_WORKERS > 1 and frame.height >= SEPARATE_GATE_MIN_ROWS,
    ) as gate_result:
        comparison = compare_drop_bodies(frame)
        gate = gate_result()
    frame = keep_one_body_per_article_id(apply_gate(frame, gate.reasons, gate.details))
    with warehouse.get_connection() as conn:
        replace_drop_rows(conn, "articles", frame, drop_id)

    passed = frame.filter(pl.col("quarantine_reasons").list.len() == 0)
    # Copies within this drop; the marts (article_duplicates, drop_files) compare across drops.
    duplicates = comparison.duplicates_among(passed)
    account = account_for_drop(folder, frame, duplicates.get_column("article_id").to_list())
    quarantined = frame.filter(pl.col("quarantine_reasons").list.len() > 0)
    context.log.info(
        f"drop {drop_id}: {account.entries} files, {account.rows} rows: {account.accepted} "
        f"accepted, {account.quarantined} quarantined, {account.duplicate} duplicate"
    )
    return dg.MaterializeResult(
        metadata={
            "drop_path": dg.MetadataValue.path(str(folder)),
            "files": account.entries,
            "rows": account.rows,
            "accepted": account.accepted,
            "quarantined": account.quarantined,
            "duplicate": account.duplicate,
            "quarantine": dg.MetadataValue.md(
                "\n".join(
                    f"- **{r['article_id']}**: {r['quarantine_detail']}"
                    for r in quarantined.iter_rows(named=True)
                )
                or "none"
            ),
            "duplicates": dg.MetadataValue.md(
                "\n".join(
                    f"- **{r['article_id']}** {r['method']} of {r['duplicate_of']} "
                    f"({r['similarity']:.2f})"
                    for r in duplicates.iter_rows(named=True)
                )
                or "none"
            ),
            "data_docs": dg.MetadataValue.path(str(gate.data_docs_index or "")),
        },
        check_results=[
            *article_check_results(gate, passed.height, frame.height),
            accounting_check_result(account),
        ],
    )

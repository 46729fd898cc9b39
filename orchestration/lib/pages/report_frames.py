"""What the drop report renders: the frames orchestration.warehouse.report_data reads out of the
marts, handed to the page builders of this package (which never touch DuckDB)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class ReportData:
    """Everything the report renders. Frames keep the marts' column names."""

    drop_id: str | None
    # marts.drop_files of the drop: one row per file (or record), with what became of it (status
    # accepted / quarantined / duplicate, reasons, detail, duplicate_of) and the delivery's title
    # and published_date
    drop_files: pl.DataFrame
    # the events the drop's articles report (with all their sources)
    events: pl.DataFrame
    # the entities the drop mentions or its events involve, most reported first, and their roles
    entities: pl.DataFrame
    roles: pl.DataFrame
    # the claim groups the drop's claims belong to, every member (accepted / quarantined)
    claims: pl.DataFrame
    quarantined_claims: pl.DataFrame
    totals: dict[str, int]

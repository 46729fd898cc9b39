"""The drop report's small sections, frames in and rows out: what arrived (one row per file of
the drop, from marts.drop_files), the timeline's rows (one per dated event) and the top entities.

The other sections have rooms of their own: the who-met-whom network in network.py, the claim
groups in claims.py; charts.py draws the timeline and the network; report.py builds the page.

A file's status (quarantined > duplicate > accepted) is decided once, by the drop_files mart
(dbt_project/models/marts/drop_files.sql): the report shows the mart's ``status`` and decides
none itself.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import polars as pl

from orchestration.lib.pages.report_frames import ReportData

TOP_ENTITIES = 15
# The timeline chart draws at most this many dated events (the most-reported); the table under it
# lists them all. A chart row per event of a 10,000-article drop is taller than any renderer takes.
MAX_TIMELINE_EVENTS = 40
LABEL_CHARS = 90
# The arrivals table lists the files that need attention first when it is cut (a display order,
# not the status rule: that one is drop_files.sql's).
STATUS_FIRST = {"quarantined": 0, "duplicate": 1, "accepted": 2}


# --------------------------------------------------------------------------- what arrived


ARRIVALS_SCHEMA = {
    "article_id": pl.String,
    "file": pl.String,
    "status": pl.String,  # accepted | quarantined | duplicate
    "reasons": pl.List(pl.String),
    "detail": pl.String,
    "published_date": pl.Date,
    "title": pl.String,
    "duplicate_of": pl.String,
}


def arrivals(data: ReportData) -> pl.DataFrame:
    """One row per file (or record) of the drop, as marts.drop_files accounts for it: status,
    reasons, and what it duplicates."""
    rows = []
    for r in data.drop_files.iter_rows(named=True):
        name = Path(r["source_path"] or "").name
        if r.get("record") is not None:
            name = f"{name} #{r['record']}"
        rows.append(
            {
                "article_id": r["article_id"] or name,
                "file": name,
                "status": r["status"],
                "reasons": list(r["reasons"] or []),
                "detail": r["detail"],
                "published_date": r["published_date"],
                "title": r["title"],
                "duplicate_of": r["duplicate_of"],
            }
        )
    return pl.DataFrame(rows, schema=ARRIVALS_SCHEMA)


# --------------------------------------------------------------------------- events timeline


def _label(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline_rows(
    events: pl.DataFrame, limit: int = MAX_TIMELINE_EVENTS
) -> list[dict[str, Any]]:
    """One row per dated event, by date: what the timeline plots (the ``limit`` events with the
    most sources when there are more)."""
    dated = (
        events.filter(pl.col("event_date").is_not_null())
        .sort(["source_count", "event_date", "event_id"], descending=[True, False, False])
        .head(limit)
        .sort("event_date", "event_id")
    )
    rows = []
    for r in dated.iter_rows(named=True):
        who = ", ".join(r["participants"] or []) or "no named participant"
        where = f" in {r['location']}" if r["location"] else ""
        rows.append(
            {
                "date": r["event_date"].isoformat(),
                "type": r["event_type"],
                "row": _label(f"{r['event_date']:%d %b %Y} · {r['event_type']}{where}: {who}"),
                "sources": int(r["source_count"]),
                "sources_text": f"{r['source_count']} source"
                + ("s" if r["source_count"] != 1 else ""),
            }
        )
    return rows


# --------------------------------------------------------------------------- entities


def top_entities(
    entities: pl.DataFrame, roles: pl.DataFrame, limit: int = TOP_ENTITIES
) -> list[dict[str, Any]]:
    """The most-reported entities, with their aliases and the roles stated next to them."""
    stated: dict[str, dict[str, str]] = defaultdict(dict)
    for r in roles.iter_rows(named=True):
        role = " of ".join(x for x in (r["title"], r["organisation"]) if x)
        if role:
            stated[r["entity_id"]].setdefault(role.casefold(), role)
    return [
        {**r, "roles": list(stated[r["entity_id"]].values())}
        for r in entities.head(limit).iter_rows(named=True)
    ]

"""The drop report: one self-contained HTML page per run, from the frames of
orchestration/warehouse/report_data.py.

What arrived (accepted / quarantined / duplicates, with reasons), an events timeline, a
who-met-whom network, the claims with their contradiction groups (quarantined articles' claims
included and marked), and the top entities with their aliases and roles.

This module builds the page (``build_report``) and writes it (``write_report``); the sections
are in sections.py (arrivals, timeline rows, top entities), network.py and claims.py, the charts
in charts.py (Altair specs rendered to SVG and inlined). The template and its styles are in
orchestration/web/ (the CSS is inlined too); the page loads nothing, from the network or from
disk. orchestration/warehouse/drop_report.py reads a warehouse and publishes the page: the one
way the Dagster asset and the ``newsdesk report`` command make it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, FileSystemLoader

from orchestration.lib.pages.charts import drawn, network_spec, timeline_spec
from orchestration.lib.pages.claims import claim_groups, cut_claims
from orchestration.lib.pages.network import who_met_whom
from orchestration.lib.pages.report_frames import ReportData
from orchestration.lib.pages.sections import (
    MAX_TIMELINE_EVENTS,
    STATUS_FIRST,
    arrivals,
    top_entities,
)

# the page's template and styles (inlined into the page)
WEB_DIR = Path(__file__).resolve().parents[2] / "web"
# Rows listed per table of the page; the marts hold them all. A 10,000-article drop otherwise
# makes a 44 MB page that takes longer to render (and to open) than the marts take to query.
MAX_TABLE_ROWS = 300


@dataclass(frozen=True)
class Report:
    html: str
    charts: dict[str, dict[str, Any]]  # name -> Vega-Lite spec
    summary: dict[str, Any]


def build_report(
    data: ReportData,
    generated_at: dt.datetime,
    links: dict[str, str] | None = None,
) -> Report:
    """The whole page. ``links``: title -> relative path of sibling pages (dbt docs, Data Docs)."""
    arrived = arrivals(data)
    network = who_met_whom(data.events, data.entities)
    groups = claim_groups(data.claims, data.quarantined_claims)
    charts = {
        name: spec
        for name, spec in (
            ("timeline", timeline_spec(data.events)),
            ("network", network_spec(network)),
        )
        if spec is not None
    }
    svgs = {name: drawn(spec) for name, spec in charts.items()}
    reasons: dict[str, int] = defaultdict(int)
    for row in arrived.filter(pl.col("status") == "quarantined").iter_rows(named=True):
        for code in row["reasons"]:
            reasons[code] += 1
    summary = {
        "drop_id": data.drop_id,
        "files": arrived.height,
        "accepted": arrived.filter(pl.col("status") == "accepted").height,
        "quarantined": arrived.filter(pl.col("status") == "quarantined").height,
        "duplicates": arrived.filter(pl.col("status") == "duplicate").height,
        "reasons": dict(sorted(reasons.items())),
        "events": data.events.height,
        "undated_events": data.events.filter(pl.col("event_date").is_null()).height,
        "timeline_events": min(
            MAX_TIMELINE_EVENTS, data.events.filter(pl.col("event_date").is_not_null()).height
        ),
        "edges": network.edges.height,
        "contradictions": sum(g.contradicts for g in groups),
    }
    dated = data.events.filter(pl.col("event_date").is_not_null())
    undated = data.events.filter(pl.col("event_date").is_null())
    drop_article_ids = set(data.drop_files.get_column("article_id"))
    multi = [g for g in groups if len(g.claims) > 1 or g.contradicts]
    multi.sort(key=lambda g: not g.contradicts)  # contradictions first when the list is cut
    singles = [c for g in groups if not (len(g.claims) > 1 or g.contradicts) for c in g.claims]
    tables = {
        # the files that need attention first when the list is cut
        "arrived": arrived.with_row_index("_row")
        .sort(pl.col("status").replace_strict(STATUS_FIRST, default=3), "_row")
        .head(MAX_TABLE_ROWS)
        .sort("_row")
        .drop("_row")
        .to_dicts(),
        # the best-sourced events when the list is cut, in date order
        "dated": _most_sourced(dated).sort("event_date", "event_id").to_dicts(),
        "undated": _most_sourced(undated).to_dicts(),
        "edges": network.edges.head(MAX_TABLE_ROWS).to_dicts(),
        "groups": [
            cut_claims(g, drop_article_ids) for g in multi[:MAX_TABLE_ROWS]
        ],
        "singles": singles[:MAX_TABLE_ROWS],
    }
    totals = {
        "arrived": arrived.height, "dated": dated.height, "undated": undated.height,
        "edges": network.edges.height, "groups": len(multi), "singles": len(singles),
    }
    html = _ENV.get_template("report.html.j2").render(
        data=data,
        generated_at=generated_at,
        summary=summary,
        svgs=svgs,
        **tables,
        totals=totals,
        entities=top_entities(data.entities, data.roles),
        links=links or {},
    )
    return Report(html=html, charts=charts, summary=summary)


def _most_sourced(events: pl.DataFrame) -> pl.DataFrame:
    if events.height <= MAX_TABLE_ROWS:
        return events
    return events.sort("source_count", "event_id", descending=[True, False]).head(MAX_TABLE_ROWS)


def report_name(drop_id: str | None, now: dt.datetime) -> str:
    """``report-<drop>.html``, or ``report-<UTC timestamp>.html`` when the run has no drop."""
    stem = drop_id or now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"report-{re.sub(r'[^A-Za-z0-9._-]+', '_', stem)}.html"


def write_report(html: str, reports_dir: Path, name: str) -> Path:
    """Write ``reports_dir/name`` and ``reports_dir/latest.html`` (each via a temporary file, so
    a reader never opens half a page)."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / name
    for target in (path, reports_dir / "latest.html"):
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, target)
    return path


def relative_links(reports_dir: Path, pages: dict[str, Path]) -> dict[str, str]:
    """Links from the report to sibling pages (dbt docs, Data Docs), relative so that they still
    work when the data folder is copied elsewhere."""
    return {
        title: Path(os.path.relpath(page, reports_dir)).as_posix() for title, page in pages.items()
    }


_ENV = Environment(
    loader=FileSystemLoader(WEB_DIR), autoescape=True, trim_blocks=True, lstrip_blocks=True
)
_ENV.filters["joined"] = lambda items, sep=", ": sep.join(str(i) for i in (items or []))

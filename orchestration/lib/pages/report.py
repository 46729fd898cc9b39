"""The drop report: one self-contained HTML page per run, from the frames of
orchestration/warehouse/report_data.py.

What arrived (accepted / quarantined / duplicates, with reasons), an events timeline, a
who-met-whom network, the claims with their contradiction groups (quarantined articles' claims
included and marked), and the top entities with their aliases and roles.

Pure functions, frames in and HTML out, except ``write_report`` (the file) and ``chart_svg`` /
``chart_png`` (which run Vega-Lite in-process through vl-convert). Charts are Altair specs
rendered to SVG and inlined; the template and its styles are in orchestration/web/ (the CSS is
inlined too); the page loads nothing, from the network or from disk.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from orchestration.warehouse.report_data import ReportData

# the page's template and styles (inlined into the page)
WEB_DIR = Path(__file__).resolve().parents[2] / "web"
TOP_ENTITIES = 15
MAX_NETWORK_NODES = 40
# The timeline chart draws at most this many dated events (the most-reported); the table under it
# lists them all. A chart row per event of a 10,000-article drop is taller than any renderer takes.
MAX_TIMELINE_EVENTS = 40
# Rows listed per table of the page; the marts hold them all. A 10,000-article drop otherwise
# makes a 44 MB page that takes longer to render (and to open) than the marts take to query.
MAX_TABLE_ROWS = 300
# A claim group touched by the drop can hold claims of thousands of earlier articles (measured: a
# 100-article drop into a 10,000-article warehouse reached 12,587 claims, an 8 MB page); the
# page shows the drop's own claims first, then the others, up to this many per group.
MAX_GROUP_CLAIMS = 10
_STATUS_FIRST = {"quarantined": 0, "duplicate": 1, "accepted": 2}
LABEL_CHARS = 90
TYPE_COLOURS = {  # event types, stable across reports
    "meeting": "#1f77b4",
    "visit": "#17becf",
    "contact": "#2ca02c",
    "resolution": "#9467bd",
    "statement": "#8c564b",
    "attack": "#d62728",
}
ENTITY_COLOURS = {"PERSON": "#e45756", "ORG": "#4c78a8", "LOCATION": "#54a24b"}


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
DROP_FILES_COLUMNS = {"source_path", "article_id", "status", "reasons", "detail", "duplicate_of"}


def arrivals(data: ReportData) -> pl.DataFrame:
    """One row per file (or record) of the drop: status, reasons, and what it duplicates.

    From marts.drop_files when the warehouse has it (the per-drop accounting), else derived from
    raw.articles: a file whose cleaned body (content_hash) was seen before, earlier in the drop or
    in an earlier drop, is a duplicate (an exact copy, or a re-delivery of the same article); a
    near-duplicate found by marts.article_duplicates is shown too."""
    if data.drop_files is not None and DROP_FILES_COLUMNS <= set(data.drop_files.columns):
        return _arrivals_from_drop_files(data)
    rows = []
    seen: dict[str, str] = {}
    for r in data.earlier_articles.iter_rows(named=True):
        if r["content_hash"]:
            seen.setdefault(r["content_hash"], f"{r['article_id']} (drop {r['drop_id']})")
    earlier_ids = set(data.earlier_articles["article_id"].to_list())
    marts_dups: dict[str, str] = {}
    if data.duplicates is not None and {"article_id", "duplicate_of"} <= set(
        data.duplicates.columns
    ):
        method = "method" if "method" in data.duplicates.columns else None
        for r in data.duplicates.iter_rows(named=True):
            how = f" ({r[method]})" if method and r[method] else ""
            marts_dups[r["article_id"]] = f"{r['duplicate_of']}{how}"

    for r in data.drop_articles.iter_rows(named=True):
        reasons = list(r["quarantine_reasons"] or [])
        duplicate = None
        if r["article_id"] in marts_dups:
            duplicate = marts_dups[r["article_id"]]
        elif r["content_hash"] and r["content_hash"] in seen:
            original = seen[r["content_hash"]]
            if original.split(" ")[0] == r["article_id"]:
                duplicate = f"re-delivery of {original}"
            else:
                duplicate = f"exact copy of {original}"
        elif r["article_id"] in earlier_ids:
            duplicate = "re-delivery with changed content"
        if r["content_hash"]:
            seen.setdefault(r["content_hash"], r["article_id"])
        status = "quarantined" if reasons else "duplicate" if duplicate else "accepted"
        rows.append(
            {
                "article_id": r["article_id"],
                "file": Path(r["source_path"] or "").name,
                "status": status,
                "reasons": reasons,
                "detail": r["quarantine_detail"],
                "published_date": r["published_date"],
                "title": r["title"],
                "duplicate_of": duplicate,
            }
        )
    return pl.DataFrame(rows, schema=ARRIVALS_SCHEMA)


def _arrivals_from_drop_files(data: ReportData) -> pl.DataFrame:
    parsed = {
        (r["source_path"], r["article_id"]): r for r in data.drop_articles.iter_rows(named=True)
    }
    rows = []
    for r in data.drop_files.iter_rows(named=True):
        article = parsed.get((r["source_path"], r["article_id"]), {})
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
                "published_date": article.get("published_date"),
                "title": article.get("title"),
                "duplicate_of": r["duplicate_of"],
            }
        )
    return pl.DataFrame(rows, schema=ARRIVALS_SCHEMA)


# --------------------------------------------------------------------------- events timeline


def _steps(top: int, most: int = 5) -> list[int]:
    """Whole numbers from 1 to ``top`` for a legend (counts have no halves), at most ``most``."""
    top = max(1, int(top))
    if top <= most:
        return list(range(1, top + 1))
    return sorted({round(1 + i * (top - 1) / (most - 1)) for i in range(most)})


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


def timeline_spec(events: pl.DataFrame) -> dict[str, Any] | None:
    """Dated events as a Vega-Lite spec: x = event date, one row per event (date, type,
    participants on the axis), dot size = number of sources, colour = type."""
    import altair as alt

    rows = timeline_rows(events)
    if not rows:
        return None
    order = [r["row"] for r in rows]
    types = sorted({r["type"] for r in rows})
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(
            "date:T",
            title="event date",
            axis=alt.Axis(format="%d %b %Y", labelAngle=0, tickCount=6, grid=True),
            scale=alt.Scale(padding=24),
        ),
        y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=520, labelFontSize=12)),
    )
    dots = base.mark_circle(opacity=0.9, stroke="#333", strokeWidth=0.5).encode(
        size=alt.Size(
            "sources:Q",
            scale=alt.Scale(domain=[1, max(3, max(r["sources"] for r in rows))], range=[90, 700]),
            legend=alt.Legend(
                title="sources",
                orient="bottom",
                values=_steps(max(r["sources"] for r in rows)),
                format="d",
            ),
        ),
        color=alt.Color(
            "type:N",
            scale=alt.Scale(domain=types, range=[TYPE_COLOURS.get(t, "#7f7f7f") for t in types]),
            legend=alt.Legend(title="event type", orient="bottom"),
        ),
    )
    counts = base.mark_text(align="left", dx=16, fontSize=11, color="#333").encode(
        text="sources_text:N"
    )
    chart = (dots + counts).properties(width=480, height=max(60, 34 * len(rows)))
    return chart.configure_view(stroke=None).to_dict()


# --------------------------------------------------------------------------- who met whom


@dataclass(frozen=True)
class Network:
    nodes: pl.DataFrame  # entity_id, name, entity_type, article_count, weight, x, y
    edges: pl.DataFrame  # source, target (names), source_id, target_id, weight, events


def who_met_whom(events: pl.DataFrame, entities: pl.DataFrame) -> Network:
    """Entities as nodes, shared events as edges; an edge's weight is the number of sources of
    the events the pair shares (a meeting reported by three articles weighs 3)."""
    import networkx as nx

    names = {r["entity_id"]: r for r in entities.iter_rows(named=True)}
    weight: dict[tuple[str, str], int] = defaultdict(int)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in events.iter_rows(named=True):
        ids = sorted({i for i in (r["participant_ids"] or []) if i in names})
        when = r["event_date"].isoformat() if r["event_date"] else "undated"
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                weight[(a, b)] += int(r["source_count"])
                shared[(a, b)].append(f"{r['event_type']} {when} ({r['source_count']})")
    graph = nx.Graph()
    for (a, b), w in weight.items():
        graph.add_edge(a, b, weight=w)
    if graph.number_of_nodes() > MAX_NETWORK_NODES:
        strongest = sorted(graph.degree(weight="weight"), key=lambda d: (-d[1], d[0]))
        graph = graph.subgraph([n for n, _ in strongest[:MAX_NETWORK_NODES]]).copy()
    positions = _layout(graph)
    node_rows = [
        {
            "entity_id": n,
            "name": names[n]["name"],
            "entity_type": names[n]["entity_type"],
            "article_count": int(names[n]["article_count"]),
            "weight": int(graph.degree(n, weight="weight")),
            "x": float(positions[n][0]),
            "y": float(positions[n][1]),
        }
        for n in sorted(graph.nodes)
    ]
    edge_rows = []
    for a, b in sorted(graph.edges, key=lambda e: (-graph.edges[e]["weight"], sorted(e))):
        a, b = sorted((a, b), key=lambda i: names[i]["name"])
        key = tuple(sorted((a, b)))
        edge_rows.append(
            {
                "source": names[a]["name"],
                "target": names[b]["name"],
                "source_id": a,
                "target_id": b,
                "weight": weight[key],
                "events": shared[key],
            }
        )
    nodes = pl.DataFrame(
        node_rows,
        schema={
            "entity_id": pl.String,
            "name": pl.String,
            "entity_type": pl.String,
            "article_count": pl.Int64,
            "weight": pl.Int64,
            "x": pl.Float64,
            "y": pl.Float64,
        },
    )
    edges = pl.DataFrame(
        edge_rows,
        schema={
            "source": pl.String,
            "target": pl.String,
            "source_id": pl.String,
            "target_id": pl.String,
            "weight": pl.Int64,
            "events": pl.List(pl.String),
        },
    )
    return Network(nodes=nodes, edges=edges)


def _layout(graph) -> dict[str, tuple[float, float]]:
    """Spring layout per connected component (seeded: the same graph gets the same picture),
    components side by side, largest first. One spring layout of a disconnected graph pushes the
    components to the corners and squeezes each into a dot."""
    import networkx as nx

    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    positions: dict[str, tuple[float, float]] = {}
    left = 0.0
    for nodes in components:
        radius = 0.6 * math.sqrt(len(nodes) - 1) if len(nodes) > 1 else 0.0
        layout = (
            nx.spring_layout(
                graph.subgraph(nodes),
                weight="weight",
                seed=7,
                scale=radius,
                k=2.5 / math.sqrt(len(nodes)),
            )
            if len(nodes) > 1
            else {nodes[0]: (0.0, 0.0)}
        )
        xs = [float(p[0]) for p in layout.values()]
        shift = left - min(xs)
        for node, (x, y) in layout.items():
            positions[node] = (float(x) + shift, float(y))
        left += (max(xs) - min(xs)) + 1.0
    return positions


def network_spec(network: Network) -> dict[str, Any] | None:
    """The network as a Vega-Lite spec: lines as wide as their weight, dots sized by articles."""
    import altair as alt

    if network.nodes.is_empty():
        return None
    at = {r["entity_id"]: (r["x"], r["y"]) for r in network.nodes.iter_rows(named=True)}
    lines = [
        {
            "x": at[r["source_id"]][0],
            "y": at[r["source_id"]][1],
            "x2": at[r["target_id"]][0],
            "y2": at[r["target_id"]][1],
            "mx": (at[r["source_id"]][0] + at[r["target_id"]][0]) / 2,
            "my": (at[r["source_id"]][1] + at[r["target_id"]][1]) / 2,
            "weight": r["weight"],
        }
        for r in network.edges.iter_rows(named=True)
    ]
    dots = network.nodes.select("name", "entity_type", "article_count", "x", "y").to_dicts()
    xs = [d["x"] for d in dots]
    ys = [d["y"] for d in dots]
    pad = 0.25
    x_scale = alt.Scale(domain=[min(xs) - pad, max(xs) + pad], nice=False, zero=False)
    y_scale = alt.Scale(domain=[min(ys) - pad, max(ys) + pad], nice=False, zero=False)
    hidden = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    max_weight = max(r["weight"] for r in lines) if lines else 1
    edge_layer = (
        alt.Chart(alt.Data(values=lines))
        .mark_rule(color="#888", opacity=0.7, strokeCap="round")
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=hidden),
            y=alt.Y("y:Q", scale=y_scale, axis=hidden),
            x2="x2:Q",
            y2="y2:Q",
            strokeWidth=alt.StrokeWidth(
                "weight:Q",
                scale=alt.Scale(domain=[1, max(2, max_weight)], range=[1.5, 9]),
                legend=alt.Legend(
                    title="sources shared", orient="bottom", values=_steps(max_weight), format="d"
                ),
            ),
        )
    )
    weight_layer = (
        alt.Chart(alt.Data(values=lines))
        .mark_text(fontSize=10, color="#555", dy=-6)
        .encode(x=alt.X("mx:Q", scale=x_scale), y=alt.Y("my:Q", scale=y_scale), text="weight:Q")
    )
    types = sorted({d["entity_type"] for d in dots})
    node_base = alt.Chart(alt.Data(values=dots)).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale)
    )
    node_layer = node_base.mark_circle(opacity=1, stroke="white", strokeWidth=1.5).encode(
        size=alt.Size(
            "article_count:Q",
            scale=alt.Scale(range=[150, 900]),
            legend=alt.Legend(
                title="articles",
                orient="bottom",
                values=_steps(max(d["article_count"] for d in dots)),
                format="d",
            ),
        ),
        color=alt.Color(
            "entity_type:N",
            scale=alt.Scale(domain=types, range=[ENTITY_COLOURS.get(t, "#b279a2") for t in types]),
            legend=alt.Legend(title="entity type", orient="bottom"),
        ),
    )
    label_layer = node_base.mark_text(fontSize=12, dy=20, fontWeight="bold", color="#222").encode(
        text="name:N"
    )
    # keep the layout's proportions: no band of empty space above and below a flat graph
    width = 760
    aspect = (max(ys) - min(ys) + 2 * pad) / (max(xs) - min(xs) + 2 * pad)
    height = int(min(520, max(220, width * aspect)))
    chart = (edge_layer + weight_layer + node_layer + label_layer).properties(
        width=width, height=height
    )
    return chart.configure_view(stroke=None).to_dict()


# --------------------------------------------------------------------------- claims


@dataclass
class ClaimGroup:
    group_id: str
    subject: str
    unit: str
    claims: list[dict[str, Any]] = field(default_factory=list)
    accepted_status: str | None = None  # over accepted articles (marts.claims.group_status)
    contradicts: bool = False  # with quarantined articles' claims counted
    only_with_quarantined: bool = False  # the contradiction needs a quarantined claim
    hidden: int = 0  # claims left out of the page (MAX_GROUP_CLAIMS)


def _as_stated(r: dict[str, Any]) -> str:
    text = r["quantity_text"] or ""
    if r.get("qualifier"):
        text = f"{r['qualifier']} {text}"
    if r.get("period"):
        text = f"{text} per {r['period']}"
    return text


def format_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    if unit == "fraction":
        return f"{value * 100:g} %"
    magnitude = abs(value)
    if magnitude >= 1e9:
        number = f"{value / 1e9:,.3g} bn"
    elif magnitude >= 1e6:
        number = f"{value / 1e6:,.3g} M"
    else:
        number = f"{value:,.10g}"
    return f"{number} {unit or ''}".strip()


def claim_groups(claims: pl.DataFrame, quarantined: pl.DataFrame) -> list[ClaimGroup]:
    """Claims of accepted and quarantined articles, grouped as marts.claims groups them;
    contradiction groups first, then the groups with most claims."""
    groups: dict[str, ClaimGroup] = {}

    def group(r: dict[str, Any]) -> ClaimGroup:
        gid = r["claim_group_id"] or r["claim_id"]
        if gid not in groups:
            groups[gid] = ClaimGroup(group_id=gid, subject=r["subject"] or "", unit=r["unit"] or "")
        return groups[gid]

    for r in claims.iter_rows(named=True):
        g = group(r)
        g.claims.append(
            {
                **r,
                "as_stated": _as_stated(r),
                "normalised": format_value(r["value"], r["unit"]),
                "quarantined": False,
                "status": r["group_status"],
                "reasons": [],
                "conflicts": [],
            }
        )
        g.accepted_status = r["group_status"]
        g.contradicts = g.contradicts or r["group_status"] == "contradicts"
    for r in quarantined.iter_rows(named=True):
        g = group(r)
        g.claims.append(
            {
                **r,
                "as_stated": _as_stated(r),
                "normalised": format_value(r["value"], r["unit"]),
                "quarantined": True,
                "status": r["status_with_quarantined"],
                "reasons": list(r["quarantine_reasons"] or []),
                "conflicts": list(r["conflicting_claim_ids"] or []),
            }
        )
        if r["status_with_quarantined"] == "contradicts":
            g.contradicts = True
    for g in groups.values():
        g.only_with_quarantined = g.contradicts and g.accepted_status != "contradicts"
        g.claims.sort(key=lambda c: (c["quarantined"], c["article_id"], c["claim_id"]))
    return sorted(groups.values(), key=lambda g: (not g.contradicts, -len(g.claims), g.subject))


def _cut_claims(group: ClaimGroup, drop_article_ids: set[str]) -> ClaimGroup:
    """``group`` with at most MAX_GROUP_CLAIMS claims: the drop's own first, then the claims
    they conflict with, then the rest, shown in the group's order."""
    claims = group.claims
    if len(claims) <= MAX_GROUP_CLAIMS:
        return group
    conflicting = {
        i for c in claims if c["article_id"] in drop_article_ids for i in c.get("conflicts") or []
    }
    ranked = sorted(
        range(len(claims)),
        key=lambda k: (
            claims[k]["article_id"] not in drop_article_ids,
            claims[k]["claim_id"] not in conflicting,
        ),
    )
    shown = [claims[k] for k in sorted(ranked[:MAX_GROUP_CLAIMS])]
    return replace(group, claims=shown, hidden=len(claims) - len(shown))


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


# --------------------------------------------------------------------------- charts


def chart_svg(spec: dict[str, Any]) -> str:
    """Inline SVG of a Vega-Lite spec (vl-convert runs Vega in-process: no browser, no network)."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    return re.sub(r"^<svg ", '<svg role="img" ', svg, count=1)


def _drawn(spec: dict[str, Any]) -> Markup:
    """The chart as inline SVG; if the renderer refuses it, a note instead of a failed report."""
    try:
        return Markup(chart_svg(spec))
    except ValueError as exc:  # vl-convert's error for a spec it cannot render
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Markup('<p class="note">This chart could not be drawn: {}</p>').format(reason)


def chart_png(spec: dict[str, Any], scale: float = 1.0) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale)


# --------------------------------------------------------------------------- the page


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
    svgs = {name: _drawn(spec) for name, spec in charts.items()}
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
    drop_article_ids = set(data.drop_articles.get_column("article_id"))
    multi = [g for g in groups if len(g.claims) > 1 or g.contradicts]
    multi.sort(key=lambda g: not g.contradicts)  # contradictions first when the list is cut
    singles = [c for g in groups if not (len(g.claims) > 1 or g.contradicts) for c in g.claims]
    tables = {
        # the files that need attention first when the list is cut
        "arrived": arrived.with_row_index("_row")
        .sort(pl.col("status").replace_strict(_STATUS_FIRST, default=3), "_row")
        .head(MAX_TABLE_ROWS)
        .sort("_row")
        .drop("_row")
        .to_dicts(),
        # the best-sourced events when the list is cut, in date order
        "dated": _most_sourced(dated).sort("event_date", "event_id").to_dicts(),
        "undated": _most_sourced(undated).to_dicts(),
        "edges": network.edges.head(MAX_TABLE_ROWS).to_dicts(),
        "groups": [
            _cut_claims(g, drop_article_ids) for g in multi[:MAX_TABLE_ROWS]
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

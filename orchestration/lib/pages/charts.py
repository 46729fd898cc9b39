"""The drop report's charts: Altair (Vega-Lite) specs of the events timeline and the who-met-whom
network, and their rendering to SVG (inlined in the page) or PNG (Dagster metadata) by
vl-convert, which runs Vega in-process: no browser, no network.

The rows the charts plot come from sections.py (timeline) and network.py (nodes and edges).
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl
from markupsafe import Markup

from orchestration.lib.nlp.event_types import TYPE_ORDER
from orchestration.lib.pages.network import Network
from orchestration.lib.pages.sections import timeline_rows

# Tableau 20 (Vega's "tableau20" scheme), darker shade of each pair first: one colour per type.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)
# Every event type of the taxonomy, in its order, gets its own colour, stable across reports.
TYPE_COLOURS = dict(zip(TYPE_ORDER, PALETTE, strict=False))
UNKNOWN_TYPE_COLOUR = "#444444"
ENTITY_COLOURS = {"PERSON": "#e45756", "ORG": "#4c78a8", "LOCATION": "#54a24b"}


def _steps(top: int, most: int = 5) -> list[int]:
    """Whole numbers from 1 to ``top`` for a legend (counts have no halves), at most ``most``."""
    top = max(1, int(top))
    if top <= most:
        return list(range(1, top + 1))
    return sorted({round(1 + i * (top - 1) / (most - 1)) for i in range(most)})


def legend(title: str, counts_up_to: int | None = None):
    """Every chart's legend: under the chart; for a count (``counts_up_to`` its largest value),
    whole-number steps from 1."""
    import altair as alt

    if counts_up_to is None:
        return alt.Legend(title=title, orient="bottom")
    return alt.Legend(title=title, orient="bottom", values=_steps(counts_up_to), format="d")


def timeline_spec(events: pl.DataFrame) -> dict[str, Any] | None:
    """Dated events as a Vega-Lite spec: x = event date, one row per event (date, type,
    participants on the axis), dot size = number of sources, colour = type (``TYPE_COLOURS``;
    the legend lists the types drawn, in taxonomy order)."""
    import altair as alt

    rows = timeline_rows(events)
    if not rows:
        return None
    order = [r["row"] for r in rows]
    present = {r["type"] for r in rows}
    types = [t for t in TYPE_ORDER if t in present] + sorted(present - set(TYPE_ORDER))
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
            legend=legend("sources", max(r["sources"] for r in rows)),
        ),
        color=alt.Color(
            "type:N",
            scale=alt.Scale(
                domain=types, range=[TYPE_COLOURS.get(t, UNKNOWN_TYPE_COLOUR) for t in types]
            ),
            legend=legend("event type"),
        ),
    )
    counts = base.mark_text(align="left", dx=16, fontSize=11, color="#333").encode(
        text="sources_text:N"
    )
    chart = (dots + counts).properties(width=480, height=max(60, 34 * len(rows)))
    return chart.configure_view(stroke=None).to_dict()


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
                legend=legend("sources shared", max_weight),
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
            legend=legend("articles", max(d["article_count"] for d in dots)),
        ),
        color=alt.Color(
            "entity_type:N",
            scale=alt.Scale(domain=types, range=[ENTITY_COLOURS.get(t, "#b279a2") for t in types]),
            legend=legend("entity type"),
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


def chart_svg(spec: dict[str, Any]) -> str:
    """Inline SVG of a Vega-Lite spec (vl-convert runs Vega in-process: no browser, no network)."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    return re.sub(r"^<svg ", '<svg role="img" ', svg, count=1)


def drawn(spec: dict[str, Any]) -> Markup:
    """The chart as inline SVG; if the renderer refuses it, a note instead of a failed report."""
    try:
        return Markup(chart_svg(spec))
    except ValueError as exc:  # vl-convert's error for a spec it cannot render
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Markup('<p class="note">This chart could not be drawn: {}</p>').format(reason)


def chart_png(spec: dict[str, Any], scale: float = 1.0) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale)

"""Who met whom, for the drop report: entities as nodes, the interactions they share as edges,
and a seeded layout (the same graph gets the same picture). charts.py draws it; report.py lists it.

Only events of the interaction families of the taxonomy (orchestration.lib.nlp.event_types:
``meeting`` -- meetings, talks and visits --, ``contact`` and ``agreement``) make an edge: the
parties dealt with each other. A statement naming two people, a lawsuit of one company against
another, a vote or an acquisition is no meeting, and draws no line.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import polars as pl

from orchestration.lib.nlp.event_types import FAMILY

MAX_NETWORK_NODES = 40
# The type families whose participants met, talked or came to terms (see the docstring).
INTERACTION_FAMILIES = frozenset({"meeting", "contact", "agreement"})
INTERACTION_TYPES = frozenset(t for t, family in FAMILY.items() if family in INTERACTION_FAMILIES)


@dataclass(frozen=True)
class Network:
    nodes: pl.DataFrame  # entity_id, name, entity_type, article_count, weight, x, y
    edges: pl.DataFrame  # source, target (names), source_id, target_id, weight, events


def who_met_whom(events: pl.DataFrame, entities: pl.DataFrame) -> Network:
    """Entities as nodes, shared interactions (``INTERACTION_TYPES``) as edges; an edge's weight
    is the number of sources of the interactions the pair shares (a meeting reported by three
    articles weighs 3)."""
    import networkx as nx

    names = {r["entity_id"]: r for r in entities.iter_rows(named=True)}
    weight: dict[tuple[str, str], int] = defaultdict(int)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in events.filter(pl.col("event_type").is_in(sorted(INTERACTION_TYPES))).iter_rows(
        named=True
    ):
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

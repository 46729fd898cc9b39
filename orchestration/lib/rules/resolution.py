"""Cross-article entity resolution: which mentions name the same real-world entity.

``resolve_entities(mentions, overrides)`` returns one row per mention with the entity it was
resolved to. The rules, in order (each one records the ``alias_rule`` it used):

1. **Names.** Each mention text is cleaned (leading "the", trailing possessive, quotes; for PERSON
   also leading honorifics and titles: "Ayatollah Ali Khamenei" -> "Ali Khamenei") and reduced to
   a *compact key*: transliterated to ASCII (anyascii), case-folded, dots, hyphens and spaces
   removed. "U.N. Security Council" = "UN Security Council"; "Amir-Abdollahian" =
   "Amirabdollahian" = "Amir Abdollahian". Mentions with the same compact key in the same type
   group are one entity (``exact`` / ``normalised`` / ``transliteration`` / ``honorific_stripped``).
2. **Type groups.** PERSON names are resolved only against PERSON names. ORG and LOCATION share
   one group: the same name typed ORG in one sentence and LOCATION in another ("Iran" the state,
   "Iran" the country) is one entity, typed by the majority of its mentions. Every other type
   (NORP, EVENT, ...) is its own group, so "Iranian" (NORP) never merges with "Iran".
3. **Spelling variants** of full PERSON names (two words or more) are merged when their compact
   keys are very close (rapidfuzz ratio >= 90, given names and surnames each >= 80), compared
   only within blocks of the same first letter (``transliteration_fuzzy``). Names whose middle
   initials or suffixes differ (nameparser's split) are never variants: "George W. Bush",
   "George H. W. Bush" and "George Bush" stay three people.
4. **Partial names.** A PERSON mention that is a word-final part of a longer PERSON name in the
   same article ("Haniyeh" after "Ismail Haniyeh", "Amir-Abdollahian" after "Hossein
   Amir-Abdollahian") joins that name when exactly one entity of the article fits
   (``surname_backref``); when two fit ("Bush": George W. Bush and George H. W. Bush), the one
   named last before it, else first after it (``surname_nearest``). A partial name whose
   article has no such full name joins the one entity, over all articles, that it is a part
   of; when two or more fit ("Smith": John Smith, Jane Smith) it stays on its own
   (``surname_backref_global``). A lone given name joins the only full name of its article
   that starts with it (``given_name_backref``). A place before a title is a title word too:
   "U.S. President Bush" is "Bush".
5. **ORG and LOCATION forms** (``org_merges.py``): legal forms ("Citigroup Inc." = "Citigroup",
   ``legal_suffix``), lower-case heads ("United Auto Workers union", ``generic_head``),
   acronyms ("GM" = "General Motors Corporation", ``acronym``), short forms ("the Fed" =
   "Federal Reserve", "Ford" = "Ford Motor Co.", ``short_form``) and place qualifiers ("the
   Senate" = "U.S. Senate", ``place_qualifier``): per article when one entity fits, else
   what the same name joined in the other articles when that was one entity (``*_global``).
6. **Demonyms.** A one-word NORP adjective ("Israeli", "Iranian") joins the place it derives
   from when that place is an entity of the batch ("Israel", "Iran"): "the Israeli war on
   Gaza" is about Israel (``demonym``). Plural people names ("Palestinians") stay NORP entities.
   Demonym mentions keep their own type on the mention row and do not vote on the entity's
   name or type.
7. **Overrides** (analysts' corrections, a dbt seed) win over all rules, applied in the order
   split, merge, rename: ``split`` gives the mentions whose text is ``name`` their own entity;
   ``merge`` moves the entity that has the alias ``name`` into the entity whose canonical name or
   alias is ``target``; ``rename`` sets the canonical name of the entity known as ``name`` to
   ``target``. A non-null ``entity_type`` restricts the match and sets the resulting type.

The canonical name of an entity is its most complete surface form (most words), then the one
that the most mentions support (they equal it or are a word-final part of it), then the most
frequent. ``entity_id`` is a short sha1 of the resolved type and the canonical name's key, so
the same data gives the same ids on every run.

Cost: keys are computed once per distinct string (cached); fuzzy comparison runs on distinct
full PERSON names only, blocked by first letter and by the key lengths that can still reach the
threshold (one vectorised rapidfuzz ``cdist`` per block); everything else is dictionary look-ups
per article, so the work grows with mentions and distinct names, not with pairs of mentions
(330,000 mentions of 40,000 distinct people resolve in about 8 s on one core).

Rooms: this module is the pipeline (``resolve_entities`` in named steps); name keys, canonical
forms and alias rules are in ``name_matching.py``, rules 3, 4 and 6 in ``entity_merges.py``,
rule 5 in ``org_merges.py``, rule 7 in ``overrides.py``; the shared name keys in
``orchestration/lib/names.py`` and the word lists in ``orchestration/lib/nlp/lexicon.py`` (no
spaCy is imported).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import polars as pl

from orchestration.lib.names import compact_key, norm_name
from orchestration.lib.rules.entity_merges import NodeGraph, demonym_places, merge_persons
from orchestration.lib.rules.name_matching import (
    SCORES,
    clean_name,
    mention_rule,
    most_complete,
    scored,
    type_group,
)
from orchestration.lib.rules.org_merges import merge_org_names
from orchestration.lib.rules.overrides import apply_overrides

# The mention columns the resolution rules read: the dbt model reads these only, not whole rows
# with their sentences.
RESOLVE_INPUT_COLUMNS = ("mention_id", "article_id", "mention_text", "entity_type", "start_char")

RESOLVED_SCHEMA = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "entity_id": pl.String,
    "canonical_name": pl.String,
    "entity_type": pl.String,
    "alias_rule": pl.String,
    "alias_score": pl.Float64,
}


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=RESOLVED_SCHEMA)


def resolve_entities(mentions: pl.DataFrame, overrides: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per mention: mention_id, article_id, entity_id, canonical_name, entity_type,
    alias_rule, alias_score (see the module docstring for the rules)."""
    if mentions is None or mentions.height == 0:
        return _empty()
    rows = _mention_rows(mentions)
    graph = _node_graph(rows)
    merge_persons(graph)
    merge_org_names(graph)
    cluster, link, is_demonym = _clusters(rows, graph, demonym_places(graph))
    forced_canonical: dict = {}
    forced_type: dict = {}
    override_rule: dict[int, str] = {}
    if overrides is not None and overrides.height:
        forced_canonical, forced_type, override_rule = apply_overrides(
            overrides, rows.texts, rows.clean, rows.types, rows.groups, cluster)
    ccode, clusters, canon, etype = _names_and_types(rows, cluster, is_demonym,
                                                     forced_canonical, forced_type)
    ids = _entity_ids(rows.mids, ccode, clusters, canon, etype)
    alias_rule, alias_score = _alias_rules(rows, ccode, link, canon, override_rule)
    # per-cluster values spread to the rows by cluster number
    codes = pl.Series(ccode, dtype=pl.UInt32)
    return pl.DataFrame(
        {
            "mention_id": rows.mids,
            "article_id": rows.arts,
            "entity_id": pl.Series(ids, dtype=pl.String).gather(codes),
            "canonical_name": pl.Series(canon, dtype=pl.String).gather(codes),
            "entity_type": pl.Series(etype, dtype=pl.String).gather(codes),
            "alias_rule": alias_rule,
            "alias_score": alias_score,
        },
        schema=RESOLVED_SCHEMA,
    )


# ---------------------------------------------------------------------------------------------
# Steps


@dataclass
class _MentionRows:
    """The mentions in (article, start) order, with the keys of their distinct (text, type)
    pairs: pairs are numbered in order of first row (with their row counts); keys are computed
    once per pair and the rows only index the results."""

    mids: list[str]
    arts: list[str]
    texts: list[str]
    types: list[str]
    pair_texts: list[str]
    pair_ids: list[tuple[str, str]]  # (text, type) of each pair
    pair_counts: list[int]
    row_pair: list[int]
    pair_keys: list[tuple[str, bool, tuple[str, str]]]  # (clean, titles stripped, node)
    clean: list[str]
    node: list[tuple[str, str]]
    groups: list[str]


def _mention_rows(mentions: pl.DataFrame) -> _MentionRows:
    order = [c for c in ("article_id", "start_char", "mention_id") if c in mentions.columns]
    m = mentions.sort(order)
    typed = m.select(
        pl.col("mention_text").alias("text"),
        pl.when(pl.col("entity_type").is_null() | (pl.col("entity_type") == ""))
        .then(pl.lit("OTHER"))
        .otherwise(pl.col("entity_type"))
        .alias("type"),
    )
    pairs = typed.group_by(["text", "type"], maintain_order=True).len().with_row_index("pair")
    row_pair = (
        typed.join(pairs, on=["text", "type"], how="left", nulls_equal=True, maintain_order="left")
        .get_column("pair")
        .to_list()
    )
    pair_keys: list[tuple[str, bool, tuple[str, str]]] = []
    for text, typ in pairs.select("text", "type").iter_rows():
        c, st = clean_name(text, typ)
        pair_keys.append((c, st, (type_group(typ), compact_key(c) or compact_key(text) or text)))
    node = [pair_keys[p][2] for p in row_pair]
    return _MentionRows(
        mids=m["mention_id"].to_list(),
        arts=m["article_id"].to_list(),
        texts=typed["text"].to_list(),
        types=typed["type"].to_list(),
        pair_texts=pairs.get_column("text").to_list(),
        pair_ids=list(pairs.select("text", "type").iter_rows()),
        pair_counts=pairs.get_column("len").to_list(),
        row_pair=row_pair,
        pair_keys=pair_keys,
        clean=[pair_keys[p][0] for p in row_pair],
        node=node,
        groups=[nd[0] for nd in node],
    )


def _node_graph(rows: _MentionRows) -> NodeGraph:
    """One node per (type group, compact key) (rules 1 and 2), named by its most frequent clean
    surface (the first seen on ties). Adding up the (text, type) pair counts in first-row order
    keeps the first-seen order of both nodes and surfaces."""
    node_surfaces: dict[tuple, Counter] = defaultdict(Counter)
    node_types: dict[tuple, Counter] = defaultdict(Counter)
    for p, count in enumerate(rows.pair_counts):
        c, _st, nd = rows.pair_keys[p]
        node_surfaces[nd][c] += count
    for (_text, typ), (_c, _st, nd), count in zip(
            rows.pair_ids, rows.pair_keys, rows.pair_counts, strict=True):
        node_types[nd][typ] += count
    return NodeGraph(
        types=dict(node_types),
        name={nd: c.most_common(1)[0][0] for nd, c in node_surfaces.items()},
        surfaces=node_surfaces,
        # distinct (article, node) pairs, in row order: the per-article indexes are built
        # from these
        art_nodes=dict.fromkeys(zip(rows.arts, rows.node, strict=True)),
    )


def _clusters(rows: _MentionRows, g: NodeGraph, demonym_of: dict) -> tuple[list, list, list]:
    """Mention -> (cluster, link, is_demonym): per (article, node) assignment, else per node;
    link is the rule that attached a mention to a cluster other than its own node's."""
    uf = g.uf
    by_assign = {k: (uf.find(a[0]), (a[1], a[2]), False) for k, a in g.assign.items()}
    by_node = {
        nd: (uf.find(demonym_of[nd]), ("demonym", SCORES["demonym"]), True)
        if nd in demonym_of
        else (uf.find(nd), g.rule.get(nd), False)
        for nd in g.name
    }
    row_links = [by_assign.get(k) or by_node[k[1]]
                 for k in zip(rows.arts, rows.node, strict=True)]
    if g.ambiguous:
        _nearest_full_names(rows, g, row_links)
    return [r[0] for r in row_links], [r[1] for r in row_links], [r[2] for r in row_links]


def _nearest_full_names(rows: _MentionRows, g: NodeGraph, row_links: list) -> None:
    """A partial name that fits two full names of its article ("Bush": George W. Bush, George
    H. W. Bush) is the one named last before it, else the first one after it (rows are in
    article and position order)."""
    wanted = {(art, c) for (art, _nd), cands in g.ambiguous.items() for c in cands}
    arts = {art for art, _nd in g.ambiguous}
    rows_in = [(i, k) for i, k in enumerate(zip(rows.arts, rows.node, strict=True))
               if k[0] in arts]
    first: dict[tuple, int] = {}
    for i, k in rows_in:
        if k in wanted:
            first.setdefault(k, i)
    last: dict[tuple, int] = {}
    rule = ("surname_nearest", SCORES["surname_nearest"])
    for i, k in rows_in:
        if k in wanted:
            last[k] = i
            continue
        cands = g.ambiguous.get(k)
        if cands is None:
            continue
        art = k[0]
        before = [(last[(art, c)], c) for c in cands if (art, c) in last]
        pick = max(before)[1] if before else min((first[(art, c)], c) for c in cands)[1]
        row_links[i] = (g.uf.find(pick), rule, False)


def _names_and_types(rows: _MentionRows, cluster: list, is_demonym: list,
                     forced_canonical: dict, forced_type: dict):
    """Cluster numbers per mention, the clusters, and the canonical name and type of each.

    Clusters are numbered in order of first mention; each is summarised by the counts of its
    distinct (surface, type, is_demonym) rows, which is all that names and types it."""
    code: dict = {}
    ccode = [code.setdefault(cl, len(code)) for cl in cluster]
    clusters = list(code)
    forms: list[list[tuple[str, str, bool, int]]] = [[] for _ in clusters]
    counts = Counter(zip(ccode, rows.clean, rows.types, is_demonym, strict=True))
    for (c, s, t, d), count in counts.items():
        forms[c].append((s, t, d, count))
    canon: list[str] = []
    etype: list[str] = []
    for c, cl in enumerate(clusters):
        # demonyms name the place only indirectly: they neither name nor type the entity
        kept = [f for f in forms[c] if not f[2]] or forms[c]
        freq: Counter = Counter()
        for s, _t, _d, count in kept:
            if s:
                freq[s] += count
        name = forced_canonical.get(cl) or (most_complete(freq) if freq else kept[0][0])
        tcount: Counter = Counter()
        for _s, t, _d, count in kept:
            tcount[t] += count
        best = max(tcount.values())
        tied = sorted(t for t, k in tcount.items() if k == best)
        ctypes = {t for s, t, _d, _k in kept if s == name}
        canon.append(name)
        etype.append(forced_type.get(cl) or next((t for t in tied if t in ctypes), tied[0]))
    return ccode, clusters, canon, etype


def _entity_ids(mids: list[str], ccode: list[int], clusters: list, canon: list[str],
                etype: list[str]) -> list[str]:
    """sha1 of type and canonical key; a second entity of the same name and type is salted with
    its first mention id."""
    first_mid = (
        pl.DataFrame({"c": ccode, "mid": mids}, schema={"c": pl.Int64, "mid": pl.String})
        .group_by("c")
        .agg(pl.col("mid").min())
        .sort("c")["mid"]
        .to_list()
    )
    ids: list[str] = [""] * len(clusters)
    seen: dict[str, object] = {}
    for c in sorted(range(len(clusters)), key=first_mid.__getitem__):
        cl = clusters[c]
        salt = "|split" if isinstance(cl, tuple) and cl and cl[0] == "split" else ""
        base = f"{etype[c]}|{norm_name(canon[c])}{salt}"
        eid = "ent_" + hashlib.sha1(base.encode("utf-8")).hexdigest()[:16]
        if eid in seen and seen[eid] != cl:  # same name and type, different entity
            base += "|" + first_mid[c]
            eid = "ent_" + hashlib.sha1(base.encode("utf-8")).hexdigest()[:16]
        seen[eid] = cl
        ids[c] = eid
    return ids


def _alias_rules(rows: _MentionRows, ccode: list[int], link: list, canon: list[str],
                 override_rule: dict[int, str]) -> tuple[pl.Series, pl.Series]:
    """alias_rule and alias_score per mention. A mention's rule follows from its (text, type)
    pair, its cluster and its link: worked out once per distinct combination and spread to the
    rows; analysts' overrides replace it."""
    link_code: dict = {}
    combos = pl.DataFrame(
        {
            "pair": rows.row_pair,
            "cluster": ccode,
            "link": [link_code.setdefault(k, len(link_code)) for k in link],
        },
        schema={"pair": pl.UInt32, "cluster": pl.UInt32, "link": pl.UInt32},
    )
    links = list(link_code)
    distinct = combos.unique(maintain_order=True)
    rules = [
        scored(mention_rule(rows.pair_texts[p], *rows.pair_keys[p][:2], canon[c], links[k]))
        for p, c, k in distinct.iter_rows()
    ]
    ruled = combos.join(
        distinct.with_columns(
            pl.Series("alias_rule", [r[0] for r in rules], dtype=pl.String),
            pl.Series("alias_score", [r[1] for r in rules], dtype=pl.Float64),
        ),
        on=["pair", "cluster", "link"],
        how="left",
        maintain_order="left",
    )
    alias_rule = ruled.get_column("alias_rule")
    alias_score = ruled.get_column("alias_score")
    if override_rule:
        rows_overridden = sorted(override_rule)
        scores = [scored(override_rule[i]) for i in rows_overridden]
        alias_rule = alias_rule.scatter(rows_overridden, [v[0] for v in scores])
        alias_score = alias_score.scatter(rows_overridden, [v[1] for v in scores])
    return alias_rule, alias_score

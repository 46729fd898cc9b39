"""The rules of entity resolution that join names beyond an equal compact key (rules 3, 4 and 6
of ``resolution.py``): spelling variants of full PERSON names, partial names, demonyms; and the
``NodeGraph`` they and ``org_merges.py`` (rule 5, ORG/LOCATION names) work on.

A ``NodeGraph`` has one node per (type group, compact key), a union-find over the nodes
(``union_find.UnionFind``), the rule that joined a node (``rule``), for names resolved inside an
article a per-(article, node) assignment (``assign``) and, for a partial name that fits two
full names of its article, the candidates the pipeline chooses from by position
(``ambiguous``: the nearest full name before it). Name keys and scores are in
``name_matching.py``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from orchestration.lib.names import compact_key
from orchestration.lib.nlp.lexicon import demonym_country
from orchestration.lib.rules.name_matching import (
    GEO_ORG,
    SCORES,
    is_people_plural,
    other_person,
    suffix_keys,
    words,
)
from orchestration.lib.rules.union_find import UnionFind

FUZZY_MIN = 90.0
FUZZY_PART_MIN = 80.0


@dataclass
class NodeGraph:
    """Nodes ((type group, compact key)) of one resolution run and what the rules decided."""

    name: dict[tuple, str]  # node -> representative clean surface
    surfaces: dict[tuple, Counter]  # node -> clean surfaces with their mention counts
    art_nodes: dict[tuple, None]  # distinct (article, node) pairs, in row order
    uf: UnionFind = field(default_factory=UnionFind)
    rule: dict[tuple, tuple[str, float]] = field(default_factory=dict)  # node -> merge rule
    # per (article, node) assignment for partial names resolved inside their article
    assign: dict[tuple[str, tuple], tuple[tuple, str, float]] = field(default_factory=dict)
    node_arts: dict[tuple, set] = field(default_factory=lambda: defaultdict(set))
    types: dict[tuple, Counter] = field(default_factory=dict)  # node -> entity types of mentions
    # (article, partial name node) -> the full name nodes of the article it fits
    ambiguous: dict[tuple[str, tuple], set] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for nd in self.surfaces:
            self.uf.find(nd)
        for art, nd in self.art_nodes:
            self.node_arts[nd].add(art)

    def by_article(self, group: str) -> dict[str, set]:
        """Article -> its nodes of one type group."""
        out: dict[str, set] = defaultdict(set)
        for art, nd in self.art_nodes:
            if nd[0] == group:
                out[art].add(nd)
        return out


# ---------------------------------------------------------------------------------------------
# PERSON


def merge_persons(g: NodeGraph) -> None:
    """Spelling variants of full names, then partial and given names (rules 3 and 4)."""
    uf, assign, node_name = g.uf, g.assign, g.name
    person_nodes = [nd for nd in node_name if nd[0] == "PERSON"]
    full = [nd for nd in person_nodes if len(words(node_name[nd])) >= 2]
    _fuzzy_merge_persons(full, node_name, uf, g.rule)

    suffix_index: dict[str, set] = defaultdict(set)  # compact suffix -> full nodes
    for nd in full:
        for surface in g.surfaces[nd]:
            for k in suffix_keys(surface):
                suffix_index[k].add(nd)
    first_index: dict[str, set] = defaultdict(set)
    for nd in full:
        first_index[compact_key(words(node_name[nd])[0])].add(nd)

    art_person = g.by_article("PERSON")
    for art, nds in art_person.items():
        for nd in nds:
            key = nd[1]
            parents = {p for p in suffix_index.get(key, ()) if p in nds and p != nd}
            roots = {uf.find(p) for p in parents} - {uf.find(nd)}
            if len(roots) == 1:
                assign[(art, nd)] = (roots.pop(), "surname_backref", SCORES["surname_backref"])
                continue
            if parents:  # two people of the article share the name: the nearest one before it
                g.ambiguous[(art, nd)] = parents
                continue
            if len(words(node_name[nd])) == 1:
                firsts = {p for p in first_index.get(key, ()) if p in nds and p != nd}
                froots = {uf.find(p) for p in firsts}
                if len(froots) == 1 and not suffix_index.get(key):
                    assign[(art, nd)] = (froots.pop(), "given_name_backref",
                                         SCORES["given_name_backref"])
    # partial names with no full name in their article: the one entity they are part of
    for nd in person_nodes:
        cands = suffix_index.get(nd[1], ())
        parents = {uf.find(p) for p in cands if p != nd} - {uf.find(nd)}
        if len(parents) != 1:
            continue
        root = parents.pop()
        for art in g.node_arts[nd]:
            nds = art_person[art]
            if (art, nd) not in assign and not any(p in nds and p != nd for p in cands):
                assign[(art, nd)] = (root, "surname_backref_global",
                                     SCORES["surname_backref_global"])


def _fuzzy_merge_persons(full: list, node_name: dict, uf: UnionFind, node_rule: dict) -> None:
    """Merge spelling variants of full PERSON names.

    Blocked by the first letter of the compact key, and inside a block only names whose lengths
    allow a ratio >= FUZZY_MIN are compared (a ratio of 90 needs the longer key to be at most
    22% longer): one vectorised ``cdist`` per (block, length) against the next lengths."""
    blocks: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for nd in full:
        if len(nd[1]) >= 6:
            blocks[nd[1][0]][len(nd[1])].append(nd)
    for by_len in blocks.values():
        lengths = sorted(by_len)
        for ln in lengths:
            rows = sorted(by_len[ln])
            cols = sorted(nd for l2 in lengths if ln <= l2 <= ln * 1.23 for nd in by_len[l2])
            if len(cols) < 2:
                continue
            sim = cdist([nd[1] for nd in rows], [nd[1] for nd in cols], scorer=fuzz.ratio,
                        score_cutoff=FUZZY_MIN, dtype=np.float32)
            for a, b in np.argwhere(sim >= FUZZY_MIN):
                na, nb = rows[a], cols[b]
                if na == nb or (len(nb[1]) == ln and nb < na):
                    continue  # each pair once
                _fuzzy_pair(na, nb, float(sim[a, b]), node_name, uf, node_rule)


def _fuzzy_pair(na, nb, score: float, node_name: dict, uf: UnionFind, node_rule: dict) -> None:
    wa, wb = words(node_name[na]), words(node_name[nb])
    if other_person(node_name[na], node_name[nb]):
        return  # other middle initials or suffix: "George W. Bush" is not "George H. W. Bush"
    if fuzz.ratio(compact_key(wa[0]), compact_key(wb[0])) < FUZZY_PART_MIN:
        return
    if fuzz.ratio(compact_key(wa[-1]), compact_key(wb[-1])) < FUZZY_PART_MIN:
        return
    if uf.find(na) == uf.find(nb):
        return
    uf.union(na, nb)
    rule = ("transliteration_fuzzy", round(score / 100.0, 4))
    node_rule.setdefault(na, rule)
    node_rule.setdefault(nb, rule)


# ---------------------------------------------------------------------------------------------
# NORP


def demonym_places(g: NodeGraph) -> dict[tuple, tuple]:
    """NORP node -> the place node it derives from: "Israeli" -> "Israel" (rule 6)."""
    place_node = {g.name[nd]: nd for nd in g.name if nd[0] == GEO_ORG}
    demonym_of: dict[tuple, tuple] = {}
    for nd in [nd for nd in g.name if nd[0] == "NORP"]:  # NORP is its own type group
        name = g.name[nd]
        if " " in name or is_people_plural(name):
            continue
        place = demonym_country(name, list(place_node))
        if place is not None:
            demonym_of[nd] = place_node[place]
    return demonym_of

"""Analysts' corrections to entity resolution (the ``entity_overrides`` dbt seed), applied after
every rule of ``resolution.py`` and winning over them, in the order split, merge, rename:

* ``split`` gives the mentions whose text is ``name`` their own entity;
* ``merge`` moves the entity that has the alias ``name`` into the entity whose canonical name or
  alias is ``target`` (or makes it that entity when there is none yet);
* ``rename`` sets the canonical name of the entity known as ``name`` to ``target``.

A non-null ``entity_type`` restricts the match and sets the resulting type. Names are compared by
their ``orchestration.lib.names.norm_name`` key.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import polars as pl

from orchestration.lib.names import norm_name
from orchestration.lib.rules.name_matching import canonical_form, type_group


def apply_overrides(overrides: pl.DataFrame, texts: list[str], clean: list[str], types: list[str],
                    groups: list[str], cluster: list) -> tuple[dict, dict, dict[int, str]]:
    """Apply the overrides to ``cluster`` (one entry per mention, changed in place) and return
    (forced canonical name per cluster, forced type per cluster, override rule per mention).

    Works on two indexes kept up to date as entities change: cluster -> mention indexes and
    alias key -> clusters, so each override costs the size of the entities it touches."""
    forced_canonical: dict = {}
    forced_type: dict = {}
    override_rule: dict[int, str] = {}
    n = len(texts)
    rows = overrides.to_dicts()
    mention_keys = [(norm_name(texts[i]), norm_name(clean[i])) for i in range(n)]
    members: dict = defaultdict(list)
    alias_index: dict[str, set] = defaultdict(set)
    alias_count: Counter = Counter()  # (key, cluster) -> mentions of the cluster with that key
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        members[cluster[i]].append(i)
        for k in set(mention_keys[i]):
            alias_index[k].add(cluster[i])
            alias_count[(k, cluster[i])] += 1
            by_key[k].append(i)

    def canon_of(cl) -> str:
        return forced_canonical.get(cl) or canonical_form([clean[i] for i in members[cl]])

    def type_ok(cl, et) -> bool:
        return not et or any(types[i] == et or groups[i] == type_group(et) for i in members[cl])

    def move(i: int, new) -> None:
        old = cluster[i]
        members[old].remove(i)
        if not members[old]:
            del members[old]
        members[new].append(i)
        cluster[i] = new
        for k in set(mention_keys[i]):
            alias_index[k].add(new)
            alias_count[(k, new)] += 1
            alias_count[(k, old)] -= 1
            if alias_count[(k, old)] <= 0:
                alias_index[k].discard(old)

    def find(key: str, et, by_canonical: bool) -> list:
        named = {cl for cl, c in forced_canonical.items() if norm_name(c) == key}
        hits = [cl for cl in set(alias_index.get(key, ())) | named
                if cl in members and type_ok(cl, et)]
        if by_canonical:
            hits = [cl for cl in hits if norm_name(canon_of(cl)) == key] or hits
        return sorted(hits, key=lambda cl: min(members[cl]))

    for kind in ("split", "merge", "rename"):
        for row in rows:
            if (row.get("action") or "").strip().lower() != kind:
                continue
            name_raw, target = (row.get("name") or "").strip(), (row.get("target") or "").strip()
            name, et = norm_name(name_raw), row.get("entity_type") or None
            if not name:
                continue
            if kind == "split":
                idx = [i for i in by_key.get(name, ())
                       if not et or types[i] == et or groups[i] == type_group(et)]
                if not idx:
                    continue
                new = ("split", name, et or types[idx[0]])
                for i in idx:
                    move(i, new)
                    override_rule[i] = "override_split"
                forced_canonical[new] = name_raw
                if et:
                    forced_type[new] = et
            elif kind == "merge":
                if not target:
                    continue
                sources = find(name, et, by_canonical=False)
                targets = find(norm_name(target), et, by_canonical=True)
                if targets:
                    tgt = targets[0]
                    # the target keeps its name whatever the merged aliases look like
                    forced_canonical.setdefault(tgt, canon_of(tgt))
                elif sources:  # no such entity yet: the sources become it
                    tgt = sources[0]
                    forced_canonical[tgt] = target
                else:
                    continue
                for cl in sources:
                    if cl == tgt:
                        continue
                    for i in list(members[cl]):
                        move(i, tgt)
                        override_rule[i] = "override_merge"
                if et:
                    forced_type[tgt] = et
            else:  # rename
                if not target:
                    continue
                for cl in find(name, et, by_canonical=False):
                    forced_canonical[cl] = target
                    for i in members[cl]:
                        override_rule[i] = "override_rename"
                    if et:
                        forced_type[cl] = et
    return forced_canonical, forced_type, override_rule

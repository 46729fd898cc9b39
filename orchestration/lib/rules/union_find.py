"""Disjoint sets over hashable keys: the one union-find of the cross-article rules (entity
resolution, event clustering). Deterministic: of two roots, the smaller key becomes the root, so
a cluster's root is its smallest member whatever order the unions came in."""

from __future__ import annotations

from collections.abc import Hashable


class UnionFind:
    def __init__(self, keys=()) -> None:
        self.parent: dict = {k: k for k in keys}

    def find(self, x: Hashable):
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Join the sets of ``a`` and ``b``; False when they were already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

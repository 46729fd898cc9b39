"""The marts' content, for tests that compare two warehouses (or one warehouse before and after)."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Columns that legitimately differ between two runs of the same drop (wall-clock times).
VOLATILE = {"ingested_at"}
MARTS = ("articles", "quarantined_articles", "entities", "entity_aliases", "entity_mentions",
         "entity_roles", "events", "event_mentions", "claims", "quarantined_claims",
         "article_duplicates", "drop_files")


def marts_content(path: Path, ignore: set[str] = VOLATILE) -> dict[str, list[tuple]]:
    """Every row of every mart, in a stable order, without the ``ignore`` columns."""
    with duckdb.connect(str(path), read_only=True) as conn:
        out = {}
        for mart in MARTS:
            cols = [r[0] for r in conn.execute(f"describe marts.{mart}").fetchall()]
            keep = ", ".join(f'"{c}"' for c in cols if c not in ignore)
            out[mart] = sorted(
                conn.execute(f"select {keep} from marts.{mart}").fetchall(), key=repr
            )
        return out

#!/usr/bin/env python3
"""Quantitative claims and their grouping, scored against hand labels of MEANTIME dev articles.

    .venv/bin/python bench/eval_claims.py [--eval-dir ../shared/eval] [--warehouse FILE]
                                          [--examples 4] [--json OUT]

Gold: ``bench/claims_gold/`` (claims.jsonl, pairs.jsonl; the labelling rules in RULES.md); the
scorer, with how claims are matched and every figure is defined:
``bench/claims_gold/claims_score.py``.

* **in-process** (default): each labelled article's ``.txt`` -> ``parse.parse_text`` ->
  ``extract.extract_articles`` (the model and every rule the ingest asset runs) -> its claim
  rows; then ``claim_groups.group_claims`` over the claims of all labelled articles (with their
  publication dates, every article accepted), as the dbt model int_claims_grouped runs it.
* ``--warehouse FILE``: the rows of ``marts.claims`` of the labelled articles in a warehouse
  built by ``newsdesk run --drops <eval>/dev/drop_meantime --warehouse FILE``; per-pair
  conflicts from the table that holds ``conflicting_claim_ids`` when there is one, the group
  status otherwise; entity names from ``marts.entities``.

Prints the figures of issue 24 (value+unit P/R, subject, period, kind, attribution, pairs,
false contradicts) and the errors by kind with a few examples each (``--examples``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
for path in (REPO_ROOT, REPO_ROOT / "bench" / "claims_gold"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import claims_score  # noqa: E402

DEFAULT_EVAL = next(
    (p for p in (REPO_ROOT / ".." / "shared" / "eval", REPO_ROOT / ".." / ".." / "shared" / "eval")
     if p.is_dir()),
    REPO_ROOT / ".." / "shared" / "eval",
)


def read_articles(eval_dir: Path, docs: list[str]) -> dict:
    """doc -> ParsedArticle of the labelled articles, parsed as the pipeline parses them."""
    from orchestration.lib.read.parse import parse_text

    folder = eval_dir / "dev" / "drop_meantime"
    out = {}
    for doc in docs:
        path = folder / f"{doc}.txt"
        if not path.is_file():
            raise SystemExit(f"error: {path} not found; pass --eval-dir (the shared eval folder)")
        out[doc] = parse_text(path.read_text(encoding="utf-8"), doc)
    return out


def run_in_process(articles: dict) -> list[dict]:
    """Claim rows of the labelled articles, grouped across them, as scorer records."""
    import polars as pl

    from orchestration.lib.nlp.extract import extract_articles
    from orchestration.lib.rules.claim_groups import group_claims

    rows = [{"drop_id": "drop_meantime", "article_id": doc, "body": a.body,
             "published_date": a.published_date} for doc, a in articles.items()]
    extraction = extract_articles(rows)
    claims = extraction.claim_mentions
    dates = pl.DataFrame({"article_id": list(articles),
                          "published_date": [a.published_date for a in articles.values()]},
                         schema={"article_id": pl.String, "published_date": pl.Date})
    grouped = group_claims(claims.join(dates, on="article_id", how="left"), list(articles))
    claims = claims.join(grouped, on="claim_id", how="left")
    names = {}
    if "subject_entity_id" in claims.columns:  # a mention id or an entity id: both named
        from orchestration.lib.rules.resolution import resolve_entities

        mentions = extraction.entity_mentions
        names.update(zip(mentions["mention_id"], mentions["mention_text"], strict=True))
        resolved = resolve_entities(mentions, None)
        names.update(zip(resolved["entity_id"], resolved["canonical_name"], strict=True))
    return [claims_score.from_claim_row(r, names) for r in claims.to_dicts()]


def run_warehouse(path: Path, docs: list[str]) -> tuple[list[dict], dict[str, str]]:
    """Scorer records of marts.claims for the labelled articles, and their bodies."""
    import duckdb

    if not path.is_file():
        raise SystemExit(f"error: warehouse {path} not found; build it with newsdesk run first")
    con = duckdb.connect(str(path), read_only=True)
    try:
        ids = ", ".join(f"'{d}'" for d in docs)
        claims = con.sql(f"select * from marts.claims where article_id in ({ids})").pl()
        bodies = dict(con.sql(f"select article_id, body from marts.articles "
                              f"where article_id in ({ids})").fetchall())
        holder = con.sql("select table_schema, table_name from information_schema.columns "
                         "where column_name = 'conflicting_claim_ids' "
                         "and table_name not like '%quarantined%' limit 1").fetchall()
        if holder:
            schema, table = holder[0]
            conflicts = con.sql(f'select claim_id, conflicting_claim_ids from "{schema}"."{table}"'
                                ).pl()
            claims = claims.join(conflicts, on="claim_id", how="left")
        names = dict(con.sql("select entity_id, name from marts.entities").fetchall())
    finally:
        con.close()
    if claims.height and "article_id" in claims.columns and not bodies:
        raise SystemExit("error: the warehouse holds none of the labelled MEANTIME articles")
    return [claims_score.from_claim_row(r, names) for r in claims.to_dicts()], bodies


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL,
                    help="the shared eval folder (default: ../shared/eval)")
    ap.add_argument("--warehouse", type=Path, help="score marts.claims of this warehouse")
    ap.add_argument("--examples", type=int, default=4, help="examples per error kind")
    ap.add_argument("--json", type=Path, help="also write the figures and errors here")
    args = ap.parse_args(argv)

    gold, pairs = claims_score.load_gold()
    docs = list(dict.fromkeys(g["doc"] for g in gold))
    if args.warehouse:
        preds, bodies = run_warehouse(args.warehouse, docs)
    else:
        articles = read_articles(args.eval_dir.resolve(), docs)
        bodies = {d: a.body for d, a in articles.items()}
        preds = run_in_process(articles)
    bad = [g["claim_id"] for g in gold
           if g["doc"] in bodies and bodies[g["doc"]][g["start"]:g["end"]] != g["text"]]
    if bad:
        print(f"warning: {len(bad)} gold spans do not match the bodies (parser changed?): "
              f"{', '.join(bad[:5])}", file=sys.stderr)
    result = claims_score.score(gold, pairs, preds, bodies)
    print(claims_score.render(result, args.examples))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

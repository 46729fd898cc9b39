#!/usr/bin/env python3
"""Are the real-news dev drops accepted whole, each article with its gold publication date?

    .venv/bin/python bench/dev_drop_dates.py [--eval-dir ../shared/eval] [--full]

For drop_gum and drop_meantime (``<eval-dir>/dev/``), every article's status and
``published_date`` are compared with ``gold.jsonl`` (its ``date`` field):

* default: the ingest path of the ``raw_articles`` asset without Dagster -- ``read_drop``, the
  Great Expectations gate, ``keep_one_body_per_article_id``, then ``find_duplicates`` over both
  drops together (as the ``int_article_duplicates_detected`` model does). Acceptance is decided
  there; spaCy plays no part. About 10 s, most of it importing GE.
* ``--full``: both drops through ``run_drops`` (real Dagster, dbt, GE, DuckDB) into a temporary
  warehouse, then ``marts.drop_files`` and ``marts.articles`` are read. About 100 s.

Prints one line per drop and a total: accepted / files, dates equal to gold, quarantined,
duplicates, and every article that is not accepted with its gold date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DROPS = ("drop_gum", "drop_meantime")


def load_gold(eval_dir: Path) -> dict[tuple[str, str], dt.date]:
    gold: dict[tuple[str, str], dt.date] = {}
    with (eval_dir / "dev" / "gold.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            gold[(doc["drop"], Path(doc["doc"]).stem)] = dt.date.fromisoformat(doc["date"])
    return gold


def rows_in_process(eval_dir: Path) -> list[dict]:
    import polars as pl

    from orchestration import settings
    from orchestration.lib.quality.gate import validate_articles
    from orchestration.lib.read.drop import (
        apply_gate,
        keep_one_body_per_article_id,
        read_drop,
    )
    from orchestration.lib.rules.duplicates import find_duplicates

    frames = []
    for drop in DROPS:
        frame = read_drop(eval_dir / "dev" / drop, drop, settings.max_file_bytes())
        gate = validate_articles(frame, settings.ARTICLES_SUITE)
        frames.append(keep_one_body_per_article_id(apply_gate(frame, gate.reasons, gate.details)))
    rows = pl.concat(frames)
    passed = rows.filter(pl.col("quarantine_reasons").list.len() == 0)
    duplicates = find_duplicates(passed).get_column("article_id").to_list()
    # The status marts.drop_files gives such rows (--full reads the mart itself).
    status = (
        pl.when(pl.col("quarantine_reasons").list.len() > 0)
        .then(pl.lit("quarantined"))
        .when(pl.col("article_id").is_in(duplicates))
        .then(pl.lit("duplicate"))
        .otherwise(pl.lit("accepted"))
    )
    return (
        rows.with_columns(status=status)
        .select("drop_id", "article_id", "status", "published_date", "quarantine_detail")
        .to_dicts()
    )


def rows_through_dagster(eval_dir: Path) -> list[dict]:
    from bench.temp_warehouse import run_into_temp_warehouse

    warehouse = run_into_temp_warehouse(
        [(d, eval_dir / "dev" / d) for d in DROPS], "newsdesk-devdrops-"
    )
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return (
            conn.sql(
                "select f.drop_id, f.article_id, f.status, a.published_date, "
                "f.detail as quarantine_detail from marts.drop_files f left join marts.articles a "
                "on a.article_id = f.article_id and a.drop_id = f.drop_id"
            )
            .pl()
            .to_dicts()
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--eval-dir", type=Path, default=REPO_ROOT.parent / "shared" / "eval")
    parser.add_argument("--full", action="store_true", help="run through Dagster + dbt")
    args = parser.parse_args()

    gold = load_gold(args.eval_dir)
    started = time.perf_counter()
    rows = rows_through_dagster(args.eval_dir) if args.full else rows_in_process(args.eval_dir)
    seconds = time.perf_counter() - started

    totals = {"files": 0, "accepted": 0, "right_date": 0, "quarantined": 0, "duplicate": 0}
    problems: list[str] = []
    for drop in DROPS:
        mine = [r for r in rows if r["drop_id"] == drop]
        counts = {
            "files": len(mine),
            "accepted": sum(r["status"] == "accepted" for r in mine),
            "right_date": sum(
                r["status"] == "accepted"
                and r["published_date"] == gold.get((drop, r["article_id"]))
                for r in mine
            ),
            "quarantined": sum(r["status"] == "quarantined" for r in mine),
            "duplicate": sum(r["status"] == "duplicate" for r in mine),
        }
        gold_docs = sum(1 for d, _ in gold if d == drop)
        print(
            f"{drop:14} {counts['accepted']}/{counts['files']} accepted "
            f"(gold lists {gold_docs}), {counts['right_date']} with the gold date, "
            f"{counts['quarantined']} quarantined, {counts['duplicate']} duplicate"
        )
        for key in totals:
            totals[key] += counts[key]
        for r in mine:
            want = gold.get((drop, r["article_id"]))
            if r["status"] != "accepted" or r["published_date"] != want:
                problems.append(
                    f"  {drop}/{r['article_id']}: {r['status']}, date {r['published_date']} "
                    f"(gold {want}) {r['quarantine_detail'] or ''}"
                )
    share = totals["right_date"] / len(gold) if gold else 0.0
    print(
        f"{'total':14} {totals['accepted']}/{totals['files']} accepted, "
        f"{totals['right_date']}/{len(gold)} gold articles accepted with the gold date "
        f"({share:.1%}), {totals['quarantined']} quarantined, {totals['duplicate']} duplicate "
        f"[{'dagster+dbt' if args.full else 'in-process'}, {seconds:.1f} s]"
    )
    print("\n".join(problems) or "no article missed")
    return 0 if not problems and totals["right_date"] == len(gold) else 1


if __name__ == "__main__":
    sys.exit(main())

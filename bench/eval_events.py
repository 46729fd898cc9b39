#!/usr/bin/env python3
"""Events on the MEANTIME dev drop: timeline recall, per-type counts and a sample to hand-check.

    .venv/bin/python bench/eval_events.py [--eval-dir ../shared/eval] [--warehouse W.duckdb]
        [--sample 40] [--seed 7] [--keep]

Without ``--warehouse``, ``<eval-dir>/dev/drop_meantime`` goes through ``run_drops`` (real
Dagster, dbt, GE, DuckDB) into a temporary warehouse (about 100 s; ``--keep`` keeps it and
prints its path, to reuse with ``--warehouse``). Then ``<eval-dir>/score_timeline.py`` is run on
the warehouse (a subprocess; it prints JSON) and this prints:

* the timeline figures (recall, dated recall, date accuracy when found);
* event mentions and events per type, mentions per modality, the dated share of events;
* ``--sample`` events drawn at random (seeded) with type, participants, place, date, date
  source, modality, sources and evidence sentences, for a hand check of precision.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DROP = "drop_meantime"


def default_eval_dir() -> Path:
    """../shared/eval next to the checkout, or next to its parent (a worktree under wt/)."""
    for base in (REPO_ROOT.parent, REPO_ROOT.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return REPO_ROOT.parent / "shared" / "eval"


def run_pipeline(eval_dir: Path, keep: bool) -> Path:
    from bench.temp_warehouse import run_into_temp_warehouse

    warehouse = run_into_temp_warehouse([(DROP, eval_dir / "dev" / DROP)], "newsdesk-events-")
    if keep:
        print(f"warehouse kept: {warehouse}")
    return warehouse


def timeline_scores(eval_dir: Path, warehouse: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(eval_dir / "score_timeline.py"), "--warehouse", str(warehouse),
         "--set", str(eval_dir / "dev")],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"score_timeline.py failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def counts(conn) -> dict[str, list[tuple]]:
    return {
        "per_type": conn.sql(
            "select m.event_type, count(*) as mentions, count(distinct m.event_id) as events "
            "from marts.event_mentions m group by 1 order by 2 desc, 1"
        ).fetchall(),
        "per_modality": conn.sql(
            "select modality, count(*), count(event_date) from marts.event_mentions "
            "group by 1 order by 2 desc, 1"
        ).fetchall(),
        "events": conn.sql(
            "select count(*), count(event_date), count(*) filter (where source_count > 1) "
            "from marts.events"
        ).fetchall(),
    }


def sample(conn, n: int, seed: int) -> list[dict]:
    rows = conn.sql(
        "select e.event_id, e.event_type, e.participants, e.location, e.event_date, "
        "e.date_source, e.source_count, e.evidence, m.modalities from marts.events e left join "
        "(select event_id, string_agg(distinct modality, '+' order by modality) as modalities "
        "from marts.event_mentions group by 1) m using (event_id) order by e.event_id"
    ).pl().to_dicts()
    return random.Random(seed).sample(rows, min(n, len(rows)))


def _evidence(evidence) -> str:
    sentences = evidence if isinstance(evidence, list) else [evidence or ""]
    return " | ".join(" ".join(str(s).split()) for s in sentences[:2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--warehouse", type=Path, help="reuse a warehouse that holds the drop")
    parser.add_argument("--sample", type=int, default=40, help="random events to print")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary warehouse")
    args = parser.parse_args()
    if not (args.eval_dir / "score_timeline.py").is_file():
        raise SystemExit(f"no score_timeline.py in {args.eval_dir}: pass --eval-dir")
    if args.warehouse is not None and not args.warehouse.is_file():
        raise SystemExit(f"no warehouse at {args.warehouse}: pass an existing .duckdb file")

    started = time.perf_counter()
    warehouse = args.warehouse or run_pipeline(args.eval_dir, args.keep)
    seconds = time.perf_counter() - started
    scores = timeline_scores(args.eval_dir, warehouse)
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        figures = counts(conn)
        drawn = sample(conn, args.sample, args.seed)

    print(
        f"timeline: {scores['found']}/{scores['dated_gold_events']} dated gold events found "
        f"(recall {scores['recall']:.3f}), {scores['found_with_gold_date']} with the gold date "
        f"(dated recall {scores['dated_recall']:.3f}, date accuracy when found "
        f"{scores['date_accuracy_when_found']:.3f}); {scores['located']} located"
        + (f" [pipeline {seconds:.0f} s]" if args.warehouse is None else "")
    )
    total, dated, multi = figures["events"][0]
    print(f"events: {total}, dated {dated} ({dated / max(total, 1):.1%}), "
          f"with more than one source {multi}")
    print("per type (mentions, events):")
    for event_type, mentions, events in figures["per_type"]:
        print(f"  {event_type:17} {mentions:5} {events:5}")
    print("per modality (mentions, dated):")
    for modality, mentions, with_date in figures["per_modality"]:
        print(f"  {modality:17} {mentions:5} {with_date:5}")
    print(f"sample of {len(drawn)} events (seed {args.seed}):")
    for k, r in enumerate(drawn, 1):
        who = ", ".join(r["participants"] or []) or "-"
        print(
            f"{k:3}. {r['event_type']} | {who} | {r['location'] or '-'} | "
            f"{r['event_date'] or 'undated'} ({r['date_source'] or '-'}) | "
            f"{r['modalities']} | {r['source_count']} source(s)\n     {_evidence(r['evidence'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

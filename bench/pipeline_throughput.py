"""End-to-end throughput of newsdesk against the bare NER model, in the same run.

    .venv/bin/python bench/pipeline_throughput.py [--articles 400] [--workers 1 2]
        [--base 0] [--increment 100] [--eval-dir ../shared/eval]

Drops are built from the real dev articles (``<eval-dir>/dev/drop_*``), repeated with a new
article id and rotated paragraphs so every copy is a distinct article. For each worker count the
whole pipeline runs as a user runs it (``newsdesk run`` in a fresh data folder: Dagster, GE, spaCy,
dbt, snapshot, report), and the same bodies go through the bare model (``nlp.pipe``, one process,
batch 16). Printed: articles/s of both and their ratio, and the peak RSS of the largest process.

``--base M`` adds the incremental figure: a warehouse of M articles is built first, then a new
``--increment``-article drop is timed into it and into an empty warehouse.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from orchestration.lib.parse import parse_text  # noqa: E402


def dev_texts(eval_dir: Path) -> list[tuple[str, str]]:
    files = sorted((eval_dir / "dev").glob("drop_*/*.txt"))
    if not files:
        sys.exit(f"no dev articles under {eval_dir / 'dev'}; pass --eval-dir")
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files]


def variant(text: str, copy: int) -> str:
    """Copy ``copy`` of an article: the date line stays, body paragraphs are rotated."""
    if copy == 0:
        return text
    head, _, rest = text.partition("\n")
    paragraphs = [p for p in rest.split("\n") if p.strip()]
    k = copy % max(len(paragraphs), 1)
    return "\n".join([head, *paragraphs[k:], *paragraphs[:k]]) + "\n"


def build_drop(folder: Path, texts: list[tuple[str, str]], n: int, offset: int = 0) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    bodies = []
    for i in range(offset, offset + n):
        stem, text = texts[i % len(texts)]
        copy = i // len(texts)
        content = variant(text, copy)
        (folder / f"{stem}__{copy:04d}.txt").write_text(content, encoding="utf-8")
        bodies.append(parse_text(content, stem).body)
    (folder / "_READY").touch()
    return bodies


def run_pipeline(data: Path, drops: Path, workers: int) -> float:
    env = {
        **os.environ,
        "NEWSDESK_DATA": str(data),
        "NEWSDESK_WAREHOUSE": str(data / "newsdesk.duckdb"),
        "DAGSTER_HOME": str(data / "dagster_home"),
        "NEWSDESK_EXTRACT_WORKERS": str(workers),
    }
    newsdesk = Path(sys.executable).with_name("newsdesk")
    started = time.perf_counter()
    proc = subprocess.run([str(newsdesk), "run", "--drops", str(drops)], env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"pipeline failed: {proc.stderr.strip()[-2000:]}")
    return elapsed


def bare_model(bodies: list[str]) -> float:
    from orchestration.lib.nlp import load_nlp

    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=16):
        pass
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--base", type=int, default=0, help="warehouse size, incremental figure")
    parser.add_argument("--increment", type=int, default=100)
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    args = parser.parse_args()

    texts = dev_texts(args.eval_dir)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        bodies = build_drop(work / "drops" / "bench", texts, args.articles)
        bare = bare_model(bodies)
        bare_rate = args.articles / bare
        print(f"{args.articles} articles from {len(texts)} dev texts; cores: {os.cpu_count()}")
        print(f"bare model (nlp.pipe, 1 process): {bare:7.1f} s  {bare_rate:6.2f} articles/s")
        for workers in args.workers:
            elapsed = run_pipeline(work / f"data_w{workers}", work / "drops" / "bench", workers)
            rate = args.articles / elapsed
            print(f"newsdesk run, {workers} process(es): {elapsed:7.1f} s  {rate:6.2f} articles/s"
                  f"  ratio to bare model {rate / bare_rate:4.2f}  peak RSS {peak_rss_mb():.0f} MB")

        if args.base:
            workers = max(args.workers)
            base_data = work / "data_base"
            build_drop(work / "base" / "base", texts, args.base, offset=100_000)
            base_time = run_pipeline(base_data, work / "base" / "base", workers)
            inc = work / "inc" / "increment"
            build_drop(inc, texts, args.increment, offset=200_000)
            into_full = run_pipeline(base_data, inc, workers)
            into_empty = run_pipeline(work / "data_empty", inc, workers)
            print(f"base warehouse of {args.base} articles built in {base_time:.1f} s "
                  f"(peak RSS {peak_rss_mb():.0f} MB)")
            print(f"{args.increment}-article drop: into {args.base}-article warehouse "
                  f"{into_full:.1f} s, into empty {into_empty:.1f} s, "
                  f"ratio {into_full / into_empty:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

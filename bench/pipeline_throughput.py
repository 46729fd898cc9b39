"""End-to-end throughput of newsdesk against the bare NER model, in the same run.

    .venv/bin/python bench/pipeline_throughput.py [--articles 400] [--workers 1 2]
        [--base 0] [--increment 100] [--repeats 3] [--bare-sample 0] [--eval-dir ../shared/eval]

Drops are built from the real dev articles (``<eval-dir>/dev/drop_*``, 95 texts, 1,500
paragraphs). Copy 0 of a text is the text itself; every later copy is a distinct article in the
text's shape: its date line moved by whole weeks, its headline, and for each of its paragraphs
either that paragraph (30 %) or a paragraph drawn from the whole pool, so copies share names and
topics as follow-up stories do without being copies. One copy in twenty is a syndicated
near-copy of its text (new headline only), which the duplicate detector must find.

For each worker count the whole pipeline runs as a user runs it (``newsdesk run`` in a fresh data
folder: Dagster, GE, spaCy, dbt, snapshot, report) and prints its Dagster step times; the same
bodies go through the bare model (the package as published, ``spacy.load`` then ``nlp.pipe``,
one process, batch 16; timed once more as newsdesk loads it, for comparison) in the same run
(``--bare-sample K`` times the first K bodies only, for long runs), before the first run and again
after each run, since its rate moves by several % from one timing to the next. Printed: articles/s
of both, the ratio against the mean of the bare timings just before and just after the run, the
range of the ratio over those two timings, and the peak RSS of the largest process. Since the
bare rate moves with the machine's state, each run also prints its CPU time (user + system, all
its processes) per article against the bare model's, and how many cores it kept busy on average:
the wall-clock ratio is about cores busy x bare CPU per article / run CPU per article.

``--base M`` adds the incremental figure: a warehouse of M articles is built first (when M equals
``--articles``, the warehouse of the last throughput run is reused), then a new
``--increment``-article drop is timed into it and into an empty warehouse, ``--repeats`` times
each, alternating (the full warehouse is restored from a copy before each run); a single pair
moves by several %, so the median ratio is the figure (printed beside it: the same ratio of the
runs' CPU time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from orchestration.lib.read.parse import parse_text  # noqa: E402


def dev_texts(eval_dir: Path) -> list[tuple[str, str]]:
    files = sorted((eval_dir / "dev").glob("drop_*/*.txt"))
    if not files:
        sys.exit(f"no dev articles under {eval_dir / 'dev'}; pass --eval-dir")
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files]


KEEP_OWN_PARAGRAPH = 0.3
SYNDICATED_EVERY = 20


def paragraph_pool(texts: list[tuple[str, str]]) -> list[str]:
    return [p for _, text in texts for p in text.split("\n")[1:] if p.strip()]


def variant(text: str, copy: int, pool: list[str], seed: str) -> str:
    """Copy ``copy`` of an article (see the module docstring for the recipe)."""
    if copy == 0:
        return text
    head, _, rest = text.partition("\n")
    paragraphs = [p for p in rest.split("\n") if p.strip()]
    if copy % SYNDICATED_EVERY == 0:  # the same story under a new headline
        return "\n".join([f"{head} (update {copy})", *paragraphs]) + "\n"
    rng = random.Random(f"{seed}:{copy}")
    mixed = [p if rng.random() < KEEP_OWN_PARAGRAPH else rng.choice(pool) for p in paragraphs]
    return "\n".join([moved_date(head, weeks=copy % 52), *mixed]) + "\n"


def moved_date(head: str, weeks: int) -> str:
    parts = head.split(maxsplit=2)
    try:
        day = dt.date.fromisoformat(parts[1]) + dt.timedelta(weeks=weeks)
    except (IndexError, ValueError):
        return head
    return " ".join([parts[0], day.isoformat(), *parts[2:]])


def build_drop(folder: Path, texts: list[tuple[str, str]], n: int, offset: int = 0) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    pool = paragraph_pool(texts)
    bodies = []
    for i in range(offset, offset + n):
        stem, text = texts[i % len(texts)]
        copy = i // len(texts)
        content = variant(text, copy, pool, stem)
        (folder / f"{stem}__{copy:04d}.txt").write_text(content, encoding="utf-8")
        bodies.append(parse_text(content, stem).body)
    (folder / "_READY").touch()
    return bodies


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children and their descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_pipeline(data: Path, drops: Path, workers: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``newsdesk run``."""
    env = {
        **os.environ,
        "NEWSDESK_DATA": str(data),
        "NEWSDESK_WAREHOUSE": str(data / "newsdesk.duckdb"),
        "DAGSTER_HOME": str(data / "dagster_home"),
        "NEWSDESK_EXTRACT_WORKERS": str(workers),
    }
    newsdesk = Path(sys.executable).with_name("newsdesk")
    started, cpu = time.perf_counter(), children_cpu()
    proc = subprocess.run([str(newsdesk), "run", "--drops", str(drops)], env=env,
                          capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - started, children_cpu() - cpu
    if proc.returncode != 0:
        sys.exit(f"pipeline failed: {proc.stderr.strip()[-2000:]}")
    print(f"    steps: {step_times(data / 'dagster_home')}", flush=True)
    return elapsed, cpu


def step_times(dagster_home: Path) -> str:
    """The last run's Dagster step durations, in seconds; the rest is start-up and summary."""
    from dagster import DagsterInstance

    instance = DagsterInstance.from_config(str(dagster_home))
    run_id = instance.get_run_records(limit=1)[0].dagster_run.run_id
    steps = [(s.step_key, s.end_time - s.start_time) for s in instance.get_run_step_stats(run_id)]
    return "  ".join(f"{key} {seconds:.1f}" for key, seconds in steps)


def restore(data: Path, pristine: Path, empty: bool) -> Path:
    """``data`` as a copy of ``pristine`` (the full warehouse), or as an empty data folder at the
    same path holding only dbt's parse state: dbt ties that state to the warehouse path, so a new
    path would add a full parse (about 4 s) to the empty run only and flatter the ratio."""
    shutil.rmtree(data, ignore_errors=True)
    if not empty:
        shutil.copytree(pristine, data)
        return data
    state = pristine / "dbt" / "target" / "partial_parse.msgpack"
    (data / "dbt" / "target").mkdir(parents=True)
    if state.exists():
        shutil.copy(state, data / "dbt" / "target")
    return data


def bare_model(bodies: list[str], as_newsdesk_loads_it: bool = False) -> tuple[float, float]:
    """Wall-clock and CPU seconds for ``bodies`` through the model as published
    (``spacy.load``), or as newsdesk loads it (its attribute ruler and lemmatizer on arrays:
    same annotations, less time)."""
    from orchestration.lib.nlp.model import load_nlp, load_published

    nlp = load_nlp() if as_newsdesk_loads_it else load_published()
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(bodies, batch_size=16):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--base", type=int, default=0, help="warehouse size, incremental figure")
    parser.add_argument("--increment", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3, help="incremental runs per case")
    parser.add_argument("--bare-sample", type=int, default=0,
                        help="time the bare model on the first K bodies only (0: all)")
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    args = parser.parse_args()

    texts = dev_texts(args.eval_dir)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        bodies = build_drop(work / "drops" / "bench", texts, args.articles)
        sample = bodies[: args.bare_sample] if args.bare_sample else bodies
        bare, bare_cpu = bare_model(sample)
        bare_rate = len(sample) / bare
        bare_cpus = [bare_cpu / len(sample)]
        print(f"{args.articles} articles from {len(texts)} dev texts; cores: {os.cpu_count()}")
        print(f"bare model (nlp.pipe, 1 process, {len(sample)} bodies): {bare:7.1f} s  "
              f"{bare_rate:6.2f} articles/s  CPU {1000 * bare_cpus[0]:.0f} ms/article",
              flush=True)
        loaded, loaded_cpu = bare_model(sample, as_newsdesk_loads_it=True)
        print(f"  the same model as newsdesk loads it: {len(sample) / loaded:6.2f} articles/s "
              f"({bare / loaded:4.2f}x)  CPU {1000 * loaded_cpu / len(sample):.0f} ms/article",
              flush=True)
        # The bare model's own rate moves by several % with the machine's state (seen: 10 %
        # within an hour), so it is timed again after each run: a run's ratio is against the mean
        # of the timings just before and just after it, and its range against each of the two.
        for workers in args.workers:
            elapsed, cpu = run_pipeline(
                work / f"data_w{workers}", work / "drops" / "bench", workers
            )
            rate = args.articles / elapsed
            peak = peak_rss_mb()
            bare, bare_cpu = bare_model(sample)
            after = len(sample) / bare
            bare_cpus.append(bare_cpu / len(sample))
            low, high = sorted((bare_rate, after))
            per_article = cpu / args.articles
            print(f"newsdesk run, {workers} process(es): {elapsed:7.1f} s  {rate:6.2f} articles/s"
                  f"  peak RSS {peak:.0f} MB; bare model after it {after:6.2f} articles/s; "
                  f"ratio to the bare model {2 * rate / (low + high):4.2f} "
                  f"({rate / high:4.2f}-{rate / low:4.2f})", flush=True)
            bare_per_article = statistics.mean(bare_cpus[-2:])
            print(f"    CPU {1000 * per_article:.0f} ms/article against the bare model's "
                  f"{1000 * bare_per_article:.0f} (ratio {bare_per_article / per_article:4.2f}); "
                  f"cores busy {cpu / elapsed:4.2f}", flush=True)
            bare_rate = after

        if args.base:
            workers = max(args.workers)
            if args.base == args.articles and args.workers:
                base_data = work / f"data_w{args.workers[-1]}"
                built = f"the warehouse of the {args.workers[-1]}-process run"
            else:
                base_data = work / "data_base"
                build_drop(work / "base" / "base", texts, args.base, offset=100_000)
                seconds, _ = run_pipeline(base_data, work / "base" / "base", workers)
                built = f"built in {seconds:.1f} s"
            inc = work / "inc" / "increment"
            build_drop(inc, texts, args.increment, offset=200_000)
            print(f"base warehouse of {args.base} articles ({built}, "
                  f"peak RSS so far {peak_rss_mb():.0f} MB)")
            pristine = base_data.with_name(base_data.name + "_pristine")
            shutil.copytree(base_data, pristine)
            pairs, cpu_ratios = [], []
            for _ in range(args.repeats):
                into_full, full_cpu = run_pipeline(
                    restore(base_data, pristine, empty=False), inc, workers
                )
                into_empty, empty_cpu = run_pipeline(
                    restore(base_data, pristine, empty=True), inc, workers
                )
                pairs.append((into_full, into_empty))
                cpu_ratios.append(full_cpu / empty_cpu)
                print(f"{args.increment}-article drop: into {args.base}-article warehouse "
                      f"{into_full:.1f} s, into empty {into_empty:.1f} s, "
                      f"ratio {into_full / into_empty:.2f}; CPU {full_cpu:.1f} s against "
                      f"{empty_cpu:.1f} s, ratio {cpu_ratios[-1]:.2f}", flush=True)
            ratios = sorted(full / empty for full, empty in pairs)
            print(f"incremental ratio, median of {len(pairs)}: {statistics.median(ratios):.2f} "
                  f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}); median times: into full "
                  f"{statistics.median(f for f, _ in pairs):.1f} s, into empty "
                  f"{statistics.median(e for _, e in pairs):.1f} s; CPU ratio, median "
                  f"{statistics.median(cpu_ratios):.2f} (range {min(cpu_ratios):.2f}-"
                  f"{max(cpu_ratios):.2f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

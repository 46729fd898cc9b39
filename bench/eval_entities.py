#!/usr/bin/env python3
"""Entity extraction + resolution on the dev drops, against the plain spaCy model, same run.

    .venv/bin/python bench/eval_entities.py [--eval-dir ../shared/eval] [--repeat 3]

For every drop (default: drop_gum and drop_meantime under ``<eval-dir>/dev/``):

* **newsdesk**: ``parse.parse_text`` -> ``nlp.pipe`` on the body -> ``entities.
  entity_mentions_from_doc`` -> ``resolution.resolve_entities`` (all articles of the drop at
  once, no overrides). Offsets are mapped back into the ``.txt`` file with
  ``ParsedArticle.source_offset``; the resolved ``entity_id`` is the scorer's ``entity``.
  Mentions whose ``mention_kind`` is not ``name`` (demonyms) are left out of the predictions.
* **baseline**: the bare model (the package as published, ``nlp.load_published``) on the
  whole ``.txt`` text (date line and title included, as in eval/README's table): ``doc.ents``
  labelled PERSON/ORG/GPE/LOC/FAC, no post-processing.
* **baseline_body** (diagnostic): the bare model on the parsed body only, to separate what the
  parser removes (titles, headings, furniture) from what the entity rules change.

Both prediction files go through ``score_entities.py`` (the eval's own scorer, run as a
subprocess); the figures are printed side by side with throughput (docs/s, spaCy tokens/s;
best of ``--repeat`` timed passes after a warm-up). Drops without entity gold (MEANTIME) score
zero documents; they still count for throughput.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from orchestration.lib.nlp import entities  # noqa: E402
from orchestration.lib.nlp.model import load_nlp, load_published, model_version  # noqa: E402
from orchestration.lib.read.parse import parse_text  # noqa: E402
from orchestration.lib.rules import resolution  # noqa: E402

BASELINE_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
LEVELS = ("mention_exact", "mention_lenient", "distinct_lenient", "entity_lenient")
TYPES = ("PERSON", "ORG", "LOCATION", "micro")


def _mention_frame(rows: list[dict]) -> pl.DataFrame:
    try:  # the row contract lives in extract.py (which also needs events/claims modules)
        from orchestration.lib.nlp.extract import ENTITY_MENTION_SCHEMA
    except ImportError:
        ENTITY_MENTION_SCHEMA = None
    if ENTITY_MENTION_SCHEMA is not None:
        return pl.DataFrame(rows, schema=ENTITY_MENTION_SCHEMA, orient="row")
    return pl.DataFrame(rows, infer_schema_length=None)


def read_drop(eval_dir: Path, drop: str) -> list[tuple[str, str]]:
    folder = eval_dir / "dev" / drop
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def run_baseline(nlp, docs: list[tuple[str, str]], batch_size: int, on_body: bool = False):
    t0 = time.perf_counter()
    preds, ntok = [], 0
    if on_body:
        parsed = [parse_text(text, name[:-4]) for name, text in docs]
        texts = [p.body for p in parsed]
    else:
        parsed, texts = None, [text for _, text in docs]
    for k, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        ntok += len(doc)
        name = docs[k][0]
        for ent in doc.ents:
            if ent.label_ not in BASELINE_LABELS:
                continue
            s, e = ent.start_char, ent.end_char
            if parsed is not None:
                s, e = parsed[k].source_offset(s), parsed[k].source_offset(e - 1) + 1
            preds.append({"doc": name, "type": ent.label_, "text": ent.text, "start": s, "end": e})
    return preds, time.perf_counter() - t0, ntok


class _TitledArticle:
    """What-if view of a parsed article with its headline as the first paragraph of the body
    (``--title-in-body``): same interface as ``ParsedArticle`` for what this script uses."""

    def __init__(self, parsed, text: str):
        self.article_id = parsed.article_id
        self.published_date = parsed.published_date
        self._parsed = parsed
        self._title_src = text.find(parsed.title) if parsed.title else -1
        if self._title_src >= 0:
            self._shift = len(parsed.title) + 2
            self.body = parsed.title + "\n\n" + parsed.body if parsed.body else parsed.title
        else:
            self._shift = 0
            self.body = parsed.body

    def source_offset(self, offset: int) -> int:
        if self._shift and offset < self._shift:
            return self._title_src + offset
        return self._parsed.source_offset(offset - self._shift)


def run_newsdesk(nlp, drop: str, docs: list[tuple[str, str]], batch_size: int,
                 title_in_body: bool = False, full_extract: bool = False):
    t0 = time.perf_counter()
    parsed = [parse_text(text, name[:-4]) for name, text in docs]
    if title_in_body:
        parsed = [_TitledArticle(p, text) for p, (_, text) in zip(parsed, docs, strict=True)]
    keep = [k for k, p in enumerate(parsed) if p.body]
    rows: list[dict] = []
    ntok = 0
    if full_extract:  # entities + events + claims, as the ingest asset runs them
        from orchestration.lib.nlp.extract import extract_articles

        arts = [{"drop_id": drop, "article_id": parsed[k].article_id, "body": parsed[k].body,
                 "published_date": parsed[k].published_date} for k in keep]
        frame = extract_articles(arts, batch_size=batch_size).entity_mentions
        rows = frame.to_dicts()
    else:
        bodies = (parsed[k].body for k in keep)
        for k, doc in zip(keep, nlp.pipe(bodies, batch_size=batch_size), strict=True):
            ntok += len(doc)
            article = {"drop_id": drop, "article_id": parsed[k].article_id,
                       "published_date": parsed[k].published_date}
            rows.extend(entities.entity_mentions_from_doc(doc, article))
        frame = _mention_frame(rows)
    resolved = resolution.resolve_entities(frame, None)
    elapsed = time.perf_counter() - t0
    if full_extract:  # tokens counted outside the timed section
        ntok = sum(len(nlp.tokenizer(parsed[k].body)) for k in keep)

    by_id = {r["mention_id"]: r for r in resolved.to_dicts()}
    by_article = {p.article_id: (name, p, text)
                  for (name, text), p in zip(docs, parsed, strict=True)}
    preds, bad = [], 0
    for r in rows:
        if r.get("mention_kind", "name") != "name":
            continue  # a demonym ("Afghan") is never a name mention of a place, org or person
        name, p, text = by_article[r["article_id"]]
        s = p.source_offset(r["start_char"])
        e = p.source_offset(r["end_char"] - 1) + 1
        if text[s:e] != r["mention_text"]:
            bad += 1
        res = by_id.get(r["mention_id"], {})
        # the resolved type: one type per entity, by majority over the drop; a demonym linked to
        # its country ("Israeli" -> Israel) is still an adjective, typed as the model said
        etype = r["entity_type"] if res.get("alias_rule") == "demonym" else res.get("entity_type")
        preds.append({"doc": name, "type": etype or r["entity_type"],
                      "text": r["mention_text"], "start": s, "end": e,
                      "entity": res.get("entity_id"), "canonical": res.get("canonical_name"),
                      "role_title": r["role_title"], "role_org": r["role_org"]})
    return preds, elapsed, ntok, bad, rows, resolved


def score(eval_dir: Path, pred_path: Path, drop: str, out_json: Path) -> dict:
    cmd = [sys.executable, str(eval_dir / "score_entities.py"), "--gold",
           str(eval_dir / "dev" / "gold.jsonl"), "--pred", str(pred_path), "--drop", drop,
           "--json", str(out_json)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out_json.read_text(encoding="utf-8"))


def write_jsonl(path: Path, preds: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")


def _fmt(v: dict) -> str:
    return f"{v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f}"


def print_side_by_side(drop: str, systems: dict[str, dict]) -> None:
    names = list(systems)
    meta = systems[names[0]]["meta"]
    print(f"\n== {drop}: {meta['docs']} documents with entity gold")
    if not meta["docs"]:
        print("   (no entity gold in this drop: nothing to score, throughput only)")
        return
    head = f"{'level':18} {'type':9}" + "".join(f" | {n:^20}" for n in names) + " |  dF1"
    print(head)
    print(f"{'':28}" + "".join(f" | {'P      R      F1':^20}" for _ in names) + " |")
    print("-" * len(head))
    for level in LEVELS:
        for t in TYPES:
            vals = [systems[n]["scores"][level][t] for n in names]
            line = f"{level:18} {t:9}" + "".join(f" | {_fmt(v):20}" for v in vals)
            line += f" | {vals[-1]['f1'] - vals[0]['f1']:+.3f}"
            print(line)
    for level in ("untyped_mention_lenient",):
        vals = [systems[n]["scores"][level]["ANY"] for n in names]
        print(f"{level[:18]:18} {'untyped':9}" + "".join(f" | {_fmt(v):20}" for v in vals)
              + f" | {vals[-1]['f1'] - vals[0]['f1']:+.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=REPO_ROOT / ".." / "shared" / "eval",
                    help="the shared eval folder (default: ../shared/eval from the repo root)")
    ap.add_argument("--drops", nargs="+", default=["drop_gum", "drop_meantime"])
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=1, help="timed passes per system (best kept)")
    ap.add_argument("--out-dir", type=Path,
                    default=Path(tempfile.gettempdir()) / "newsdesk-eval-entities")
    ap.add_argument("--no-body-baseline", action="store_true",
                    help="skip the diagnostic run of the bare model on the parsed body")
    ap.add_argument("--title-in-body", action="store_true",
                    help="what-if: extract from the headline too, as if parse kept it in the body")
    ap.add_argument("--full-extract", action="store_true",
                    help="time extract.extract_articles (entities + events + claims) instead of "
                         "the entity path alone")
    args = ap.parse_args(argv)
    eval_dir = args.eval_dir.resolve()
    args.out_dir.mkdir(parents=True, exist_ok=True)

    nlp = load_nlp()
    bare = load_published()
    print(f"model: {model_version()}  eval: {eval_dir}  out: {args.out_dir}")
    drops = {d: read_drop(eval_dir, d) for d in args.drops}
    warm = [d for docs in drops.values() for d in docs][:8]
    for model in (bare, nlp):  # warm-up
        list(model.pipe((t for _, t in warm), batch_size=args.batch_size))

    timing = {"baseline": [0.0, 0, 0], "newsdesk": [0.0, 0, 0]}
    all_preds: dict[str, list] = {"baseline": [], "baseline_body": [], "newsdesk": []}
    offset_errors = 0
    for drop, docs in drops.items():
        best = {"baseline": None, "newsdesk": None}
        for _ in range(max(1, args.repeat)):
            # alternate the order so that neither system always runs on a warmer cache
            b_preds, b_t, b_tok = run_baseline(bare, docs, args.batch_size)
            n_preds, n_t, n_tok, bad, _, _ = run_newsdesk(
                nlp, drop, docs, args.batch_size, args.title_in_body, args.full_extract)
            if best["baseline"] is None or b_t < best["baseline"][1]:
                best["baseline"] = (b_preds, b_t, b_tok)
            if best["newsdesk"] is None or n_t < best["newsdesk"][1]:
                best["newsdesk"] = (n_preds, n_t, n_tok, bad)
        for key in ("baseline", "newsdesk"):
            timing[key][0] += best[key][1]
            timing[key][1] += len(docs)
            timing[key][2] += best[key][2]
        offset_errors += best["newsdesk"][3]
        all_preds["baseline"].extend(best["baseline"][0])
        all_preds["newsdesk"].extend(best["newsdesk"][0])
        if not args.no_body_baseline:
            body_preds = run_baseline(bare, docs, args.batch_size, on_body=True)[0]
            all_preds["baseline_body"].extend(body_preds)

    systems = ["baseline"] + ([] if args.no_body_baseline else ["baseline_body"]) + ["newsdesk"]
    paths = {}
    for s in systems:
        paths[s] = args.out_dir / f"{s}.pred.jsonl"
        write_jsonl(paths[s], all_preds[s])
    for drop in drops:
        res = {s: score(eval_dir, paths[s], drop, args.out_dir / f"{s}.{drop}.scores.json")
               for s in systems}
        print_side_by_side(drop, {s: {"meta": r["meta"], "scores": r["scores"]}
                                  for s, r in res.items()})

    print("\n== throughput (one process, nlp.pipe batch "
          f"{args.batch_size}, best of {max(1, args.repeat)}; newsdesk includes parse, rules and "
          "resolution)")
    print(f"{'system':10} {'docs':>5} {'seconds':>8} {'docs/s':>8} {'tokens':>8} {'tokens/s':>9}")
    for key in ("baseline", "newsdesk"):
        t, nd, nt = timing[key]
        print(f"{key:10} {nd:5d} {t:8.2f} {nd / t:8.1f} {nt:8d} {nt / t:9.0f}")
    ratio = timing["baseline"][0] / timing["newsdesk"][0]
    print(f"newsdesk speed relative to baseline (same documents, wall time): {ratio:.2f}x; "
          f"source tokens/s through newsdesk: {timing['baseline'][2] / timing['newsdesk'][0]:.0f} "
          "(the parser drops titles and furniture before the model sees them)")
    print(f"mention offsets that do not map back onto the source text: {offset_errors}")
    print(f"prediction files: {', '.join(str(p) for p in paths.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

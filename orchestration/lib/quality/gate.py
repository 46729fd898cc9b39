"""The Great Expectations quality gate for parsed articles.

The suites in ``expectations/`` are the single home of every quality rule. Each expectation's
``meta.reason_code`` names the quarantine reason of the rows that fail it; GE's own list of
unexpected rows (``unexpected_index_list``) decides which articles are quarantined, so no rule is
written twice.

GE runs through its pandas datasource on an ephemeral context (its SQL datasource does not work on
DuckDB, GX issue 11579). When a Data Docs folder is given, each validation is kept, under the
caller's run name, in a history the site is built from (orchestration/lib/quality/history.py), and
the new pages are rewritten to load local copies of their scripts and styles
(orchestration/lib/quality/data_docs.py) so they open offline.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from orchestration.lib.quality import history
from orchestration.lib.quality.data_docs import localise_site
from orchestration.lib.read.drop import with_row_key

MIN_PUBLICATION_DATE = dt.date(1990, 1, 1)


@dataclass(frozen=True)
class ExpectationOutcome:
    check_name: str
    reason_code: str
    expectation_type: str
    column: str
    success: bool
    unexpected_count: int
    unexpected_paths: list[str]
    detail: str


@dataclass(frozen=True)
class GateResult:
    outcomes: list[ExpectationOutcome]
    # row key -> reason codes (only failing rows; article ids may collide, row keys cannot). The
    # row key is the source path, plus ``:<record>`` for a record of a JSON / JSONL file.
    reasons: dict[str, list[str]]
    details: dict[str, str]
    data_docs_index: Path | None = None


def load_suite_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def check_names(suite_path: Path) -> list[tuple[str, str]]:
    """(check_name, description) of every expectation, for declaring Dagster check specs."""
    suite = load_suite_json(suite_path)
    return [(e["meta"]["check_name"], e["meta"]["detail"]) for e in suite["expectations"]]


@lru_cache(maxsize=1)
def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _suite(context, suite_json: dict[str, Any]):
    import great_expectations as gx

    name = suite_json["name"]
    try:
        context.suites.delete(name)
    except Exception:  # noqa: BLE001 - not there yet
        pass
    expectations = [
        {"type": e["type"], "kwargs": e["kwargs"], "meta": e.get("meta", {})}
        for e in suite_json["expectations"]
    ]
    suite = gx.ExpectationSuite(name=name, expectations=expectations, meta=suite_json.get("meta"))
    return context.suites.add(suite)


def _to_pandas(frame: pl.DataFrame):
    df = (
        with_row_key(frame)
        .select(
            pl.col("row_key"),
            pl.col("article_id"),
            pl.col("date_text"),
            pl.col("published_date").cast(pl.Datetime("us")),
            pl.col("title"),
            pl.col("body").fill_null(""),
            pl.concat_str(
                [pl.col("title").fill_null(""), pl.col("body").fill_null("")], separator="\n"
            ).alias("text"),
        )
        .to_pandas()
    )
    return df


def validate_articles(
    frame: pl.DataFrame,
    suite_path: Path,
    today: dt.date | None = None,
    data_docs_dir: Path | None = None,
    run_name: str | None = None,
    asset_name: str | None = None,
) -> GateResult:
    """Validate parsed articles (one row per file or JSON record, keyed by source_path and
    record) against a suite. With ``data_docs_dir``, the validation is added to the Data Docs
    under ``run_name`` (e.g. ``<drop id> · <run id>``) and ``asset_name`` (default: the suite's
    name)."""
    today = today or dt.date.today()
    suite_json = load_suite_json(suite_path)
    context = _context()
    suite = _suite(context, suite_json)
    name = suite_json["name"]

    source = context.data_sources.add_or_update_pandas(name=f"{name}_frames")
    try:
        asset = source.get_asset(name)
    except LookupError:
        asset = source.add_dataframe_asset(name=name)
    try:
        batch_def = asset.get_batch_definition("whole_frame")
    except KeyError:
        batch_def = asset.add_batch_definition_whole_dataframe("whole_frame")

    import great_expectations as gx

    validation = gx.ValidationDefinition(name=f"{name}_gate", data=batch_def, suite=suite)
    try:
        context.validation_definitions.delete(validation.name)
    except Exception:  # noqa: BLE001 - not there yet
        pass
    validation = context.validation_definitions.add(validation)
    pdf = _to_pandas(frame)
    run_id = history.run_identifier(run_name)
    result = validation.run(
        run_id=run_id,
        batch_parameters={"dataframe": pdf},
        expectation_parameters={
            "min_publication_date": dt.datetime.combine(MIN_PUBLICATION_DATE, dt.time()),
            "max_publication_date": dt.datetime.combine(today, dt.time()),
        },
        result_format={
            "result_format": "COMPLETE",
            "unexpected_index_column_names": ["row_key"],
        },
    )

    outcomes: list[ExpectationOutcome] = []
    reasons: dict[str, list[str]] = {}
    details: dict[str, list[str]] = {}
    for r in result.results:
        cfg = r.expectation_config
        meta = cfg.meta or {}
        ids = sorted({str(i["row_key"]) for i in (r.result.get("unexpected_index_list") or [])})
        outcome = ExpectationOutcome(
            check_name=meta["check_name"],
            reason_code=meta["reason_code"],
            expectation_type=cfg.type,
            column=cfg.kwargs.get("column", ""),
            success=bool(r.success),
            unexpected_count=int(r.result.get("unexpected_count") or len(ids)),
            unexpected_paths=ids,
            detail=meta.get("detail", ""),
        )
        outcomes.append(outcome)
        for path in ids:
            codes = reasons.setdefault(path, [])
            if outcome.reason_code not in codes:
                codes.append(outcome.reason_code)
                details.setdefault(path, []).append(
                    f"{outcome.reason_code}: {_explain(outcome, cfg.kwargs, pdf, path)}"
                )

    key = history.take(context, result)
    docs_index = None
    if data_docs_dir:
        docs_index = _build_data_docs(context, key, result, data_docs_dir, asset_name or name)
    return GateResult(
        outcomes=outcomes,
        reasons=reasons,
        details={k: "; ".join(v) for k, v in details.items()},
        data_docs_index=docs_index,
    )


def _explain(outcome: ExpectationOutcome, kwargs: dict, pdf, path: str) -> str:
    """Human-readable detail for one failing article; quotes the offending value."""
    row = pdf[pdf["row_key"] == path]
    if kwargs.get("regex_list") and len(row):
        text = str(row.iloc[0][kwargs["column"]])
        found = [m.group(0) for rx in kwargs["regex_list"] for m in re.finditer(rx, text)]
        if found:
            return f"{outcome.detail}; found {', '.join(repr(f) for f in dict.fromkeys(found))}"
    if outcome.reason_code in ("unparsable_publication_date", "implausible_publication_date"):
        if len(row):
            return f"{outcome.detail} (the article says {row.iloc[0]['date_text']!r})"
    return outcome.detail


def _build_data_docs(context, key, result, data_docs_dir: Path, asset_name: str) -> Path | None:
    data_docs_dir.mkdir(parents=True, exist_ok=True)
    # pages written from here on (a second of slack for coarse file times) are the new ones
    started = time.time() - 1
    history.record(context, key, result, data_docs_dir, asset_name)
    # GX's pages load Bootstrap, jQuery, ... from CDNs: point them at local copies.
    localise_site(data_docs_dir, since=started)
    index = data_docs_dir / "index.html"
    return index if index.exists() else None

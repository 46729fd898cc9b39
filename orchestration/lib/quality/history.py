"""The history of the quality gate: every validation kept, named, and listed in the Data Docs.

GE runs on an ephemeral context (orchestration/lib/quality/gate.py), whose validation results
live in memory and vanish with the process, so its Data Docs would only ever show the latest
validation. Here each result is copied, once, into a filesystem store of validation results
next to the Data Docs (``<data docs folder>/../validation_results/``), named by its run (GE's
``RunIdentifier``: the caller's run name, e.g. ``<drop id> · <run id>``, and the time), and the
site is built from that store:

* only the new validation's page is rendered (plus the index, which lists every stored
  validation), so a drop costs the same whatever the history holds, bar the index;
* the stored copy is trimmed: the full lists of unexpected rows (which for a text expectation
  carry whole article texts) are left to the gate's own result; the copy keeps GE's sample of
  them (the first 20 failing rows, with their row keys), strings cut to their first
  ``MAX_STORED_CHARS`` characters, so the pages stay small and the index rebuild reads small
  files;
* GE's pandas batch spec has no asset name (its page says "Data asset: None"): the copy names it;
* the history keeps the latest ``HISTORY_LIMIT`` validations (the index lists as many, latest
  first); older results and their pages are removed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

HISTORY_LIMIT = 200
STORE = "newsdesk_validation_results"
SITE = "newsdesk_local"
UNNAMED = "unnamed run"
# Longest string kept in a stored sample of unexpected values (an article text is cut there).
MAX_STORED_CHARS = 300
# A run name is one folder of the store and of the site: no separators, no control characters.
_UNSAFE_IN_RUN_NAME = re.compile(r"[/\\\x00-\x1f\x7f]+")


def results_dir(data_docs_dir: Path) -> Path:
    """Where the validation results behind a Data Docs site are kept."""
    return data_docs_dir.parent / "validation_results"


def run_identifier(run_name: str | None, run_time: dt.datetime | None = None):
    """GE's name of one validation: the run name (made safe as a folder name) and the time."""
    from great_expectations.core.run_identifier import RunIdentifier

    name = _UNSAFE_IN_RUN_NAME.sub("_", run_name).strip() if run_name else ""
    if name in ("", ".", ".."):
        name = UNNAMED
    return RunIdentifier(run_name=name, run_time=run_time or dt.datetime.now(dt.UTC))


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_STORED_CHARS:
        return value[:MAX_STORED_CHARS] + "…"
    if isinstance(value, list):
        return [_cut(v) for v in value]
    if isinstance(value, dict):
        return {k: _cut(v) for k, v in value.items()}
    return value


def for_history(result, asset_name: str):
    """A copy of a suite validation result to keep: named asset, samples only, cut strings."""
    from great_expectations.core.expectation_validation_result import (
        expectationSuiteValidationResultSchema,
    )

    data = result.to_json_dict()
    data["meta"]["batch_spec"] = {
        **(data["meta"].get("batch_spec") or {}),
        "data_asset_name": asset_name,
    }
    for r in data["results"]:
        kept = dict(r.get("result") or {})
        kept.pop("unexpected_list", None)
        if "unexpected_index_list" in kept:
            # the page lists which rows failed (their row keys) from this list: the sample
            kept["unexpected_index_list"] = kept.get("partial_unexpected_index_list") or []
        r["result"] = _cut(kept)
    return expectationSuiteValidationResultSchema.load(data)


def _store(context, data_docs_dir: Path):
    """The filesystem store of this site's results, registered with the (per process) context."""
    base = str(results_dir(data_docs_dir))
    store = context.stores.get(STORE)
    if store is None or getattr(store.store_backend, "full_base_directory", None) != base:
        store = context.add_store(
            STORE,
            {
                "class_name": "ValidationResultsStore",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": base,
                },
            },
        )
    return store


def _site_config(data_docs_dir: Path) -> dict[str, Any]:
    return {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(data_docs_dir),
        },
        "site_index_builder": {
            "class_name": "DefaultSiteIndexBuilder",
            "validation_results_limit": HISTORY_LIMIT,
        },
        "site_section_builders": {
            # GE's default filter leaves out run names containing "profiling" (a drop may be
            # called so): every run is a validation here
            "validations": {"source_store_name": STORE, "run_name_filter": {"matches_regex": "."}},
            "expectations": {"source_store_name": "expectations_store"},
            "profiling": "None",
        },
        # no footer of buttons to GX's online tutorials
        "show_how_to_buttons": False,
    }


def _prune(store, data_docs_dir: Path, limit: int) -> int:
    """Remove the results (and their pages) beyond the ``limit`` latest; returns how many."""
    keys = sorted(store.list_keys(), key=lambda k: k.run_id.run_time, reverse=True)
    for key in keys[limit:]:
        try:
            store.remove_key(key)
        except OSError:  # a drop gated at the same time removed it first
            continue
        page = data_docs_dir.joinpath("validations", *key.to_tuple()).with_suffix(".html")
        page.unlink(missing_ok=True)
        for folder in (page.parent, page.parent.parent):
            try:
                folder.rmdir()  # the run's folders, once empty
            except OSError:
                break
    return max(len(keys) - limit, 0)


def take(context, result):
    """The key of a validation result, taken out of the context's in-memory store (so a
    long-lived process does not pile results up in memory)."""
    memory = context.validation_results_store
    run_id = result.meta["run_id"]
    key = next(k for k in memory.list_keys() if k.run_id == run_id)
    memory.remove_key(key)
    return key


def record(context, key, result, data_docs_dir: Path, asset_name: str) -> None:
    """Keep one validation in the history (the latest ``HISTORY_LIMIT``) and render its page and
    the index."""
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
    )

    data_docs_dir = data_docs_dir.resolve()
    store = _store(context, data_docs_dir)
    store.set(key, for_history(result, asset_name))
    _prune(store, data_docs_dir, HISTORY_LIMIT)

    sites = context.get_config().data_docs_sites or {}
    config = _site_config(data_docs_dir)
    if SITE not in sites:
        context.add_data_docs_site(site_name=SITE, site_config=config)
    elif sites[SITE] != config:
        # the context is cached per process: follow a warehouse that moved (another data folder)
        context.update_data_docs_site(site_name=SITE, site_config=config)
    # the new validation's page and the suite's page; the index lists the whole history
    suite = ExpectationSuiteIdentifier(name=result.suite_name)
    context.build_data_docs(site_names=[SITE], resource_identifiers=[key, suite])

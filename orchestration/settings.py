"""Paths and environment variable names, in one place.

Every process (the CLI, the Dagster UI, dbt subprocesses, tests) resolves the warehouse through
``NEWSDESK_WAREHOUSE``; dbt's profiles.yml reads the same variable. Everything else a warehouse
owns is found from its path: its Dagster instance (``<stem>.dagster/`` beside the file, unless the
user sets ``DAGSTER_HOME``), its snapshot, and the folders beside it (drops, logs, reports, docs,
quality, dbt). ``NEWSDESK_DATA`` only says where the default warehouse lives (``data/``).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

WAREHOUSE_ENV = "NEWSDESK_WAREHOUSE"
DROPS_ENV = "NEWSDESK_DROPS"
DATA_ENV = "NEWSDESK_DATA"
DAGSTER_HOME_ENV = "DAGSTER_HOME"
# The DAGSTER_HOME newsdesk derived from the warehouse (set beside it): a DAGSTER_HOME equal to
# it is ours, re-derived when the warehouse changes; any other DAGSTER_HOME is the user's and wins.
DERIVED_HOME_ENV = "NEWSDESK_DERIVED_DAGSTER_HOME"
# The drop a dbt build runs for (empty for a full build): set by the dbt asset, read by the dbt
# tests that can be scoped to one drop (dbt_project/tests/assert_mart_offsets_point_into_body.sql).
DBT_DROP_ENV = "NEWSDESK_DBT_DROP_ID"
# The spaCy model to load instead of the pinned one (orchestration/lib/nlp/model.py says which
# values it takes): for benchmarking another installed model; unset in normal use.
SPACY_MODEL_ENV = "NEWSDESK_SPACY_MODEL"

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"
ARTICLES_SUITE = EXPECTATIONS_DIR / "raw_articles.json"
# The sample drop shipped with the repo; it is always known as the drop "seeds".
SAMPLE_DROP_DIR = REPO_ROOT / "seeds"
SAMPLE_DROP_ID = "seeds"

# Files larger than this are not parsed (quarantined as `file_too_large`).
MAX_FILE_BYTES_ENV = "NEWSDESK_MAX_FILE_BYTES"
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
# A drop folder is picked up by the sensor once nothing in it changed for this long, or at once
# when it holds a ``_READY`` marker file.
DROP_SETTLE_SECONDS = float(os.environ.get("NEWSDESK_DROP_SETTLE_SECONDS", "10"))
READY_MARKER = "_READY"


def max_file_bytes() -> int:
    """The size limit in force now (``NEWSDESK_MAX_FILE_BYTES`` read at call time)."""
    return int(os.environ.get(MAX_FILE_BYTES_ENV, str(DEFAULT_MAX_FILE_BYTES)))


def data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV, REPO_ROOT / "data")).resolve()


def default_warehouse_path() -> Path:
    """The warehouse a command opens when neither --warehouse nor NEWSDESK_WAREHOUSE names one."""
    return (data_dir() / "newsdesk.duckdb").resolve()


def warehouse_path() -> Path:
    return Path(os.environ.get(WAREHOUSE_ENV, default_warehouse_path())).resolve()


def drops_dir() -> Path:
    """The folder the drop sensor watches: ``$NEWSDESK_DROPS``, else ``drops/`` beside the
    warehouse (``data/drops`` by default)."""
    return Path(os.environ.get(DROPS_ENV, warehouse_path().parent / "drops")).resolve()


def user_dagster_home() -> Path | None:
    """``DAGSTER_HOME`` when the user set it (not when newsdesk derived it for a warehouse)."""
    home = os.environ.get(DAGSTER_HOME_ENV)
    if not home or home == os.environ.get(DERIVED_HOME_ENV):
        return None
    return Path(home).resolve()


def dagster_home() -> Path:
    """The warehouse's Dagster instance: ``<warehouse stem>.dagster/`` beside the warehouse file
    (``data/newsdesk.dagster`` by default), so runs, partitions, sensor cursors and the UI's daemon
    of one warehouse never mix with another's. A ``DAGSTER_HOME`` set by the user wins: then every
    warehouse run with it shares that one instance."""
    user = user_dagster_home()
    if user is not None:
        return user
    warehouse = warehouse_path()
    return warehouse.with_name(f"{warehouse.stem}.dagster")


def logs_dir() -> Path:
    """Per-run logs (``run-<drop>.log``: dbt's console output), beside the warehouse."""
    return warehouse_path().parent / "logs"


def data_docs_dir() -> Path:
    """Great Expectations Data Docs, rebuilt on every run (next to the warehouse)."""
    return warehouse_path().parent / "quality" / "data_docs"


def dbt_target_dir() -> Path:
    """dbt's run artefacts for this warehouse (run_results, partial parse state), next to it.

    One folder per warehouse rather than one per run: runs of a warehouse are serialised (pool
    ``duckdb``), dbt's partial parsing stays valid from run to run, and nothing piles up in the
    repository's dbt_project/target/. Named after the warehouse file: two warehouses in one folder
    have two Dagster instances, so their runs may overlap, and must not share dbt's target.
    """
    path = warehouse_path()
    return path.parent / "dbt" / path.stem / "target"


def reports_dir() -> Path:
    """Drop reports: ``report-<drop>.html`` per run and ``latest.html`` (next to the warehouse)."""
    return warehouse_path().parent / "reports"


def dbt_docs_dir() -> Path:
    """dbt docs as one static page, ``index.html``, rebuilt on every run (next to the warehouse)."""
    return warehouse_path().parent / "docs" / "dbt"


def docs_pages() -> dict[str, Path]:
    """The documentation pages every run leaves next to the warehouse, by title."""
    return {
        "dbt docs": dbt_docs_dir() / "index.html",
        "Data Docs": data_docs_dir() / "index.html",
    }


def export_offline_env() -> None:
    """Environment every newsdesk process runs with: one warehouse path, no telemetry."""
    os.environ.setdefault(WAREHOUSE_ENV, str(warehouse_path()))
    if user_dagster_home() is None:
        # The warehouse's own instance; subprocesses (dagster dev, its daemon) inherit both.
        home = str(dagster_home())
        os.environ[DAGSTER_HOME_ENV] = home
        os.environ[DERIVED_HOME_ENV] = home
    os.environ.setdefault("DO_NOT_TRACK", "1")  # dbt's tracker
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")


def snapshot_path() -> Path:
    """The copy of the warehouse readers open (``newsdesk query``, analysts' DuckDB sessions).

    Replaced atomically after every successful run, so a reader never waits for a writer's lock
    and never sees a half-built mart."""
    path = warehouse_path()
    return path.with_name(f"{path.stem}.snapshot{path.suffix}")


# Processes for the per-article work: the NLP step (spaCy is single-threaded) and, for large
# drops, reading and signing the files. Both cores by default.
EXTRACT_WORKERS = int(os.environ.get("NEWSDESK_EXTRACT_WORKERS", str(min(2, os.cpu_count() or 1))))

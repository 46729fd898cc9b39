"""Every test process gets its own data folder, warehouse and Dagster instance.

The environment is fixed before anything imports the Dagster definitions (resources read the
warehouse path when they are built).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED_EXPECTED = REPO.parent / "shared" / "eval" / "seeds" / "expected.yaml"
VENDORED_EXPECTED = REPO / "tests" / "fixtures" / "expected_seeds.yaml"


def pytest_configure(config):
    root = Path(tempfile.mkdtemp(prefix="newsdesk-test-"))
    config.newsdesk_test_root = root
    os.environ["NEWSDESK_DATA"] = str(root)
    os.environ["NEWSDESK_WAREHOUSE"] = str(root / "warehouse.duckdb")
    os.environ["NEWSDESK_DROPS"] = str(root / "drops")
    os.environ["DAGSTER_HOME"] = str(root / "dagster_home")
    os.environ["NEWSDESK_DROP_SETTLE_SECONDS"] = "0"
    (root / "dagster_home").mkdir(parents=True)
    (root / "drops").mkdir()
    from orchestration.runtime.instance import write_instance_yaml

    write_instance_yaml(root / "dagster_home")


def pytest_unconfigure(config):
    """Remove the session's data folder (about 40 MB); NEWSDESK_KEEP_TEST_DATA=1 keeps it to look
    at after a failure."""
    root = getattr(config, "newsdesk_test_root", None)
    if root is not None and not os.environ.get("NEWSDESK_KEEP_TEST_DATA"):
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def restored_env():
    """For tests that call ``orchestration.cli.main()`` in-process: it exports the warehouse it is
    given; put the test session's environment back afterwards."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def load_expected() -> dict:
    """What an analyst reads out of the seeds (../shared copy if present, else the vendored one)."""
    path = SHARED_EXPECTED if SHARED_EXPECTED.exists() else VENDORED_EXPECTED
    return yaml.safe_load(path.read_text())


@pytest.fixture(scope="session")
def expected() -> dict:
    return load_expected()


@pytest.fixture(scope="session")
def seed_bodies() -> list[str]:
    """The sample drop's article bodies, as the parser leaves them for the model."""
    from orchestration import settings
    from orchestration.lib.read.parse import parse_text

    return [
        parse_text(path.read_text(encoding="utf-8"), path.stem).body
        for path in sorted(settings.SAMPLE_DROP_DIR.glob("*.txt"))
    ]


@pytest.fixture(scope="session")
def published_model():
    """The model package exactly as published (what the model seam's speed-ups must match).
    Tests must not change it; those that do load their own with ``load_published()``."""
    from orchestration.lib.nlp.model import load_published

    return load_published()


@pytest.fixture(scope="session")
def seeds_warehouse() -> Path:
    """The whole graph materialised once on the sample drop, through Dagster."""
    from orchestration import settings
    from orchestration.pipeline import run_drops

    outcome = run_drops([(settings.SAMPLE_DROP_ID, settings.SAMPLE_DROP_DIR)])
    assert outcome.success, outcome.message
    return settings.warehouse_path()


@pytest.fixture
def query(seeds_warehouse):
    import duckdb

    def run(sql: str, params=None):
        with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
            return conn.execute(sql, params or []).fetchall()

    return run

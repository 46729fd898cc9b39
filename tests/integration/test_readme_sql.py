"""Every SQL example of the README runs under `newsdesk query` on the seeds and returns rows
(an example whose comment says "the seeds have none" must return none)."""

from __future__ import annotations

import re

import duckdb
import pytest

from orchestration import settings
from orchestration.warehouse.sandbox import run_read_only

README = settings.REPO_ROOT / "README.md"
NONE_ON_SEEDS = "(the seeds have none)"


def readme_statements() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    return [s.query.strip() for block in blocks for s in duckdb.extract_statements(block)]


def test_the_readme_has_its_examples():
    statements = readme_statements()
    assert len(statements) >= 10
    assert any("status_with_quarantined = 'contradicts'" in s for s in statements)


@pytest.mark.parametrize("sql", readme_statements(), ids=lambda s: s.splitlines()[-1][:50])
def test_readme_example_returns_rows_on_the_seeds(seeds_warehouse, sql):
    results = run_read_only(settings.snapshot_path(), sql)
    rows = results[-1].rows
    if NONE_ON_SEEDS in sql:
        assert rows == []
    else:
        assert rows, sql


def test_the_short_contradiction_example_shows_both_sides(seeds_warehouse):
    (sql,) = [s for s in readme_statements() if s.startswith("-- numbers that disagree")]
    (row,) = run_read_only(settings.snapshot_path(), sql)[-1].rows
    subject, value, unit, article, contradicts, its_value, its_article = row
    assert (value, unit, article) == (360_000_000.0, "USD/year", "003_5b76fb9373ce4131")
    assert (its_value, its_article) == (70_000_000.0, "000_487a1938f6ae5f90")
    assert "Iran" in subject and "Iran" in contradicts

"""The Dagster instance's configuration: ``orchestration/dagster.yaml`` (package data), written
into ``$DAGSTER_HOME`` by the CLI, the tests and the bench scripts.

It keeps one DuckDB writer at a time (one run, one pool slot), turns telemetry off and fails runs
whose worker died. Its first line marks it as ours: a ``dagster.yaml`` without that line is the
user's own and is left alone.
"""

from __future__ import annotations

from pathlib import Path

INSTANCE_YAML = Path(__file__).resolve().parents[1] / "dagster.yaml"
MARKER = "# Written by newsdesk"


def instance_yaml() -> str:
    """The text of newsdesk's ``dagster.yaml``."""
    return INSTANCE_YAML.read_text(encoding="utf-8")


def write_instance_yaml(home: Path) -> Path:
    """``home/dagster.yaml``, (re)written unless it is the user's own (no marker line)."""
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text(encoding="utf-8").startswith(MARKER):
        config.write_text(instance_yaml(), encoding="utf-8")
    return config

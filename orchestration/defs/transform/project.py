"""The dbt project, built once, and the dbt CLI resource that runs it offline.

Kept apart from the dbt assets so the manifest can be prepared (``dbt parse``) before the assets
that need it are imported.
"""

from __future__ import annotations

import importlib.metadata
import sys
from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from orchestration import settings

newsdesk_dbt_project = DbtProject(
    project_dir=settings.DBT_PROJECT_DIR,
    profiles_dir=settings.DBT_PROJECT_DIR,
)


# The dbt of this environment, whether or not the venv is activated (PATH may not have it).
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))


class OfflineDbtCliResource(DbtCliResource):
    """dbt without the network: dagster-dbt runs ``dbt --version`` before every dbt call, and dbt
    answers it by querying pypi.org for the latest release. The installed dbt-core is the one we
    run, so its version is read from the package metadata instead."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))


def manifest_is_fresh() -> bool:
    """The manifest is newer than every file of the dbt project (models, macros, seeds, yml)."""
    manifest = newsdesk_dbt_project.manifest_path
    if not manifest.exists():
        return False
    skip = {newsdesk_dbt_project.target_path.name, "logs", "dbt_packages"}
    sources = (
        p
        for p in settings.DBT_PROJECT_DIR.rglob("*")
        if p.is_file() and not skip.intersection(p.relative_to(settings.DBT_PROJECT_DIR).parts)
    )
    built = manifest.stat().st_mtime
    return all(p.stat().st_mtime < built for p in sources)


def prepare_manifest() -> None:
    """Write target/manifest.json with ``dbt parse`` unless it is already up to date.

    Used instead of ``DbtProject.prepare_if_dev`` because that path calls ``dbt --version``
    (network) and only acts under ``dagster dev``; the CLI and the tests call this first.
    """
    settings.export_offline_env()
    if manifest_is_fresh():
        return
    (
        OfflineDbtCliResource(
            project_dir=newsdesk_dbt_project,
            profiles_dir=str(settings.DBT_PROJECT_DIR),
            dbt_executable=DBT_EXECUTABLE,
        )
        .cli(["parse", "--quiet"], target_path=newsdesk_dbt_project.target_path)
        .wait()
    )

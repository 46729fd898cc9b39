"""Which Dagster instance a warehouse uses, and the UI lock of an instance (real flock, real
processes holding it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from orchestration import settings
from orchestration.runtime.instance import (
    UI_LOCK,
    UIAlreadyRunning,
    acquire_ui_lock,
    prepare_instance,
    running_ui,
)


@pytest.fixture
def no_user_home(monkeypatch, tmp_path):
    """A user without DAGSTER_HOME whose default data folder is ``tmp_path/data``."""
    for name in ("DAGSTER_HOME", settings.DERIVED_HOME_ENV, settings.WAREHOUSE_ENV,
                 settings.DROPS_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(settings.DATA_ENV, str(tmp_path / "data"))
    return tmp_path


def test_the_instance_and_folders_follow_the_warehouse(no_user_home, monkeypatch):
    data = no_user_home / "data"
    assert settings.warehouse_path() == data / "newsdesk.duckdb"
    assert settings.dagster_home() == data / "newsdesk.dagster"
    assert settings.drops_dir() == data / "drops"
    assert settings.logs_dir() == data / "logs"

    elsewhere = no_user_home / "elsewhere" / "x.duckdb"
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(elsewhere))
    assert settings.dagster_home() == elsewhere.parent / "x.dagster"
    assert settings.drops_dir() == elsewhere.parent / "drops"
    assert settings.reports_dir() == elsewhere.parent / "reports"
    assert settings.dbt_target_dir() == elsewhere.parent / "dbt" / "x" / "target"


def test_a_derived_home_is_rederived_for_the_next_warehouse(no_user_home, monkeypatch):
    """The CLI exports the DAGSTER_HOME it derived; a child process on another warehouse (or a
    second command in one process) must not inherit it as if the user had set it."""
    first = no_user_home / "a" / "one.duckdb"
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(first))
    settings.export_offline_env()
    assert Path(os.environ["DAGSTER_HOME"]) == first.with_name("one.dagster")

    second = no_user_home / "b" / "two.duckdb"
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(second))
    assert settings.dagster_home() == second.with_name("two.dagster")
    settings.export_offline_env()
    assert Path(os.environ["DAGSTER_HOME"]) == second.with_name("two.dagster")


def test_a_dagster_home_set_by_the_user_wins(no_user_home, monkeypatch):
    mine = no_user_home / "my_dagster"
    monkeypatch.setenv("DAGSTER_HOME", str(mine))
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(no_user_home / "b" / "two.duckdb"))
    assert settings.dagster_home() == mine
    settings.export_offline_env()
    assert os.environ["DAGSTER_HOME"] == str(mine)


HOLDER = """
import sys, time
from pathlib import Path
from orchestration.runtime.instance import acquire_ui_lock
acquire_ui_lock(Path(sys.argv[1]), "http://127.0.0.1:4321")
print("locked", flush=True)
time.sleep(60)
"""


def test_the_ui_lock_refuses_a_second_holder_and_dies_with_the_first(tmp_path):
    home = prepare_instance(tmp_path / "w.dagster")
    assert (home / "dagster.yaml").read_text().startswith("# Written by newsdesk")
    assert running_ui(home) is None

    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(home)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        ui = running_ui(home)
        assert (ui.pid, ui.url) == (holder.pid, "http://127.0.0.1:4321")
        with pytest.raises(UIAlreadyRunning) as refused:
            acquire_ui_lock(home, "http://127.0.0.1:5555")
        assert refused.value.running.url == "http://127.0.0.1:4321"
    finally:
        holder.kill()  # SIGKILL: no clean-up code runs, the kernel drops the lock
        holder.wait(timeout=10)

    # The stale file still names the dead holder; it is no lock.
    assert "4321" in (home / UI_LOCK).read_text()
    assert running_ui(home) is None
    fd = acquire_ui_lock(home, "http://127.0.0.1:5555")
    try:
        assert running_ui(home).url == "http://127.0.0.1:5555"
    finally:
        os.close(fd)
    assert running_ui(home) is None

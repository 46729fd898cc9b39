"""One Dagster instance per warehouse, one UI (and daemon) per instance: real ``newsdesk``
processes on temporary warehouses, read back through ``DagsterInstance.from_config``.

No ``DAGSTER_HOME`` is passed down here (the suite's own is removed from the environment), so each
process derives the instance from its warehouse, as a user's ``newsdesk`` does.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from orchestration import settings
from orchestration.runtime.instance import UI_LOCK, running_ui

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))

# Two short articles for warehouse B's drop, one for the drop run while B's UI is open.
ARTICLES = {
    "harbour": (
        " date 2024-05-14 Port officials in Rotterdam said on Tuesday that container traffic "
        "rose by 4 percent in April, as shipping lines returned to routes through the Red Sea. "
        "The harbour master, Anne de Vries, told reporters that three new berths would open "
        "before the end of the summer.\n"
    ),
    "council": (
        " date 2024-05-15 The city council of Ghent approved a plan on Wednesday to close two "
        "car parks in the old town and turn them into cycle storage. Mayor Mathias De Clercq "
        "said the work would start in September and cost about 12 million euros.\n"
    ),
    "ferry": (
        " date 2024-05-16 A ferry company based in Dover announced on Thursday that it would add "
        "two crossings a day to Calais from June, citing strong bookings for the holiday "
        "season.\n"
    ),
}


def own_env(root: Path) -> dict[str, str]:
    """The environment of a user without DAGSTER_HOME, data and drops under ``root``."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DAGSTER_HOME", settings.DERIVED_HOME_ENV, settings.WAREHOUSE_ENV}}
    env[settings.DATA_ENV] = str(root)
    env[settings.DROPS_ENV] = str(root / "watched")  # empty: the UI's sensor finds nothing
    (root / "watched").mkdir(exist_ok=True)
    return env


def newsdesk(root: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([NEWSDESK, *args], env=own_env(root), capture_output=True, text=True,
                          timeout=timeout)


def write_drop(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        (folder / f"{name}.txt").write_text(ARTICLES[name], encoding="utf-8")
    return folder


def instance_of(warehouse: Path):
    from dagster import DagsterInstance

    return DagsterInstance.from_config(str(warehouse.with_name(f"{warehouse.stem}.dagster")))


def partitions_of_runs(instance) -> list[str]:
    return sorted(run.tags.get("dagster/partition", "") for run in instance.get_runs())


def drop_report_path(instance) -> str:
    from dagster import AssetKey

    event = instance.get_latest_materialization_event(AssetKey("drop_report"))
    return str(event.asset_materialization.metadata["path"].value)


@pytest.fixture(scope="module")
def two_warehouses(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The seeds run into warehouse A, then a two-article drop into warehouse B (another folder,
    as in ``--warehouse elsewhere/x.duckdb``)."""
    root = tmp_path_factory.mktemp("instances")
    a, b = root / "a" / "newsdesk.duckdb", root / "elsewhere" / "x.duckdb"
    seeds = newsdesk(root, "run", "--warehouse", str(a))
    assert seeds.returncode == 0, seeds.stderr[-3000:]
    drop = write_drop(root / "incoming" / "mydrop", ["harbour", "council"])
    mine = newsdesk(root, "run", "--drops", str(drop), "--warehouse", str(b))
    assert mine.returncode == 0, mine.stderr[-3000:]
    return root, a, b


def test_each_warehouse_has_its_own_instance(two_warehouses):
    root, a, b = two_warehouses
    assert (a.parent / "newsdesk.dagster" / "dagster.yaml").is_file()
    assert (b.parent / "x.dagster" / "dagster.yaml").is_file()
    assert not (root / "dagster_home").exists() and not (root / "newsdesk.dagster").exists()

    inst_a, inst_b = instance_of(a), instance_of(b)
    assert partitions_of_runs(inst_a) == ["seeds"]
    assert partitions_of_runs(inst_b) == ["mydrop"]
    assert inst_a.get_dynamic_partitions("drops") == ["seeds"]
    assert inst_b.get_dynamic_partitions("drops") == ["mydrop"]
    # Each UI's drop_report points into its own warehouse's folder.
    assert drop_report_path(inst_a) == str(a.parent / "reports" / "report-seeds.html")
    assert drop_report_path(inst_b) == str(b.parent / "reports" / "report-mydrop.html")
    # Logs and dbt's target follow the warehouse too.
    assert (a.parent / "logs" / "run-seeds.log").is_file()
    assert (b.parent / "logs" / "run-mydrop.log").is_file()
    assert (b.parent / "dbt" / "x" / "target" / "run_results.json").is_file()
    # A CLI run executes in its own process: no daemon ever beat in these instances.
    assert inst_a.get_daemon_heartbeats() == {}
    assert inst_b.get_daemon_heartbeats() == {}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(proc: subprocess.Popen, url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"newsdesk ui exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/server_info", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def one_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_one_ui_per_instance_and_no_daemon_from_cli_runs(two_warehouses):
    root, a, b = two_warehouses
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    ui = subprocess.Popen(
        ["env", "--default-signal=INT,TERM", NEWSDESK, "ui", "--port", str(port),
         "--warehouse", str(b)],
        env=own_env(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    home = b.with_name("x.dagster")
    try:
        wait_until_ready(ui, url, timeout=300)
        # dagster dev (the same pid after the exec) holds the lock and says where it listens.
        assert running_ui(home).url == url
        assert json.loads((home / UI_LOCK).read_text())["pid"] == ui.pid

        again = newsdesk(root, "ui", "--port", str(free_port()), "--warehouse", str(b), timeout=60)
        line = one_line(again)
        assert "already running" in line and url in line and str(b) in line

        # Another warehouse is another instance: not refused for B's UI, only for its port.
        other = newsdesk(root, "ui", "--port", str(port), "--warehouse", str(a), timeout=60)
        assert f"port {port}" in one_line(other)
        assert running_ui(a.with_name("newsdesk.dagster")) is None

        # A CLI run on B while B's UI (and its daemon) runs: it succeeds, lands in B's instance,
        # and adds no daemon (every heartbeat is the UI daemon's).
        daemons_before = {hb.daemon_id for hb in instance_of(b).get_daemon_heartbeats().values()}
        drop = write_drop(root / "incoming" / "ferries", ["ferry"])
        run = newsdesk(root, "run", "--drops", str(drop), "--warehouse", str(b))
        assert run.returncode == 0, run.stderr[-3000:]
        assert partitions_of_runs(instance_of(b)) == ["ferries", "mydrop"]
        assert partitions_of_runs(instance_of(a)) == ["seeds"]
        daemons_after = {hb.daemon_id for hb in instance_of(b).get_daemon_heartbeats().values()}
        assert len(daemons_after) == 1 and daemons_before <= daemons_after
    finally:
        stop(ui)
    # The lock died with the UI; its file stays behind and does not block the next UI.
    assert (home / UI_LOCK).exists()
    assert running_ui(home) is None

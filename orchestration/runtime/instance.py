"""The Dagster instance of a warehouse: its configuration and the lock of its UI.

Configuration: ``orchestration/dagster.yaml`` (package data), written into the instance folder
(``settings.dagster_home()``) by the CLI, the tests and the bench scripts. It keeps one DuckDB
writer at a time (one run, one pool slot), turns telemetry off and fails runs whose worker died.
Its first line marks it as ours: a ``dagster.yaml`` without that line is the user's own and is
left alone.

UI lock: ``newsdesk ui`` holds an exclusive ``flock`` on ``<instance>/newsdesk-ui.lock`` for as
long as its Dagster process lives (the descriptor survives ``exec`` into ``dagster dev``), so a
second UI (or ``make screenshot``) on the same instance never starts a competing daemon. The
kernel drops the lock when the process dies, however it dies: a lock file left behind by a killed
UI is not a lock. The file's text (pid and URL) only tells the next caller where the UI is.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

INSTANCE_YAML = Path(__file__).resolve().parents[1] / "dagster.yaml"
MARKER = "# Written by newsdesk"
UI_LOCK = "newsdesk-ui.lock"


def instance_yaml() -> str:
    """The text of newsdesk's ``dagster.yaml``."""
    return INSTANCE_YAML.read_text(encoding="utf-8")


def write_instance_yaml(home: Path) -> Path:
    """``home/dagster.yaml``, (re)written unless it is the user's own (no marker line)."""
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text(encoding="utf-8").startswith(MARKER):
        config.write_text(instance_yaml(), encoding="utf-8")
    return config


def prepare_instance(home: Path) -> Path:
    """Create the instance folder ``home`` with newsdesk's ``dagster.yaml``; return ``home``."""
    home.mkdir(parents=True, exist_ok=True)
    write_instance_yaml(home)
    return home


@dataclass(frozen=True)
class RunningUI:
    """The UI that holds an instance's lock (as it described itself when it took the lock)."""

    pid: int | None
    url: str | None


class UIAlreadyRunning(Exception):
    def __init__(self, running: RunningUI):
        super().__init__(running.url)
        self.running = running


def _describe(fd: int) -> RunningUI:
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        info = json.loads(os.read(fd, 4096).decode("utf-8") or "{}")
    except ValueError:
        info = {}
    return RunningUI(pid=info.get("pid"), url=info.get("url"))


def acquire_ui_lock(home: Path, url: str) -> int:
    """Take the instance's UI lock for this process and what it ``exec``s into; return the
    descriptor (inheritable: keep it open). Raises ``UIAlreadyRunning`` when another process
    holds it."""
    fd = os.open(home / UI_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    for attempt in range(5):  # a `running_ui` probe holds a shared lock for a moment
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if attempt == 4:
                running = _describe(fd)
                os.close(fd)
                raise UIAlreadyRunning(running) from None
            time.sleep(0.05)
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps({"pid": os.getpid(), "url": url}).encode("utf-8"), 0)
    os.set_inheritable(fd, True)
    return fd


def running_ui(home: Path) -> RunningUI | None:
    """The UI running on the instance ``home``, or None (no lock file, or nobody holds it)."""
    try:
        fd = os.open(home / UI_LOCK, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _describe(fd)
    finally:
        os.close(fd)
    return None

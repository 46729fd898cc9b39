"""Progress lines for a person watching a long drop at a terminal; silent otherwise.

The CLI sets ``NEWSDESK_PROGRESS=1`` when its stderr is a terminal; assets call :func:`report`.
Lines go to the process's real stderr, so they show even while dbt's console output is captured.
"""

from __future__ import annotations

import os
import sys

ENV = "NEWSDESK_PROGRESS"


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


def report(label: str, done: int, total: int) -> None:
    if not enabled() or total <= 0:
        return
    end = "\n" if done >= total else ""
    print(f"\r  {label}: {done}/{total}", end=end, file=sys.__stderr__, flush=True)

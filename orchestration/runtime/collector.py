"""Python's cyclic garbage collector, paused while a cross-article rule runs.

The dbt Python models walk every mention, claim or body of the warehouse in Python and allocate
millions of short-lived tuples, sets and lists. None of them form reference cycles (reference
counting frees them), yet every few hundred allocations start the cyclic collector, and its full
collections walk the whole heap of the dbt process, dbt's parsed project included. Paused around
those models, the per-drop dbt build at 10,000 articles is several seconds shorter (figures in
bench/RESULTS.md).

dbt runs models in threads of one process, so the pause is counted: the collector resumes when
the last model holding it leaves (and collects at its usual thresholds from then on).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; re-entrant and thread-safe."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()

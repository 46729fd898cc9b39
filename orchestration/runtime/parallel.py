"""One way to spread per-item work over processes, used by every step that does so.

Dagster runs steps in threads, so worker processes are spawned, never forked. Results come back
in the order of the inputs, and at most ``in_flight * workers`` inputs are submitted ahead of
the one being yielded, so memory stays bounded whatever the number of inputs.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_in_processes(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    initializer: Callable[[], None] | None = None,
    in_flight: int = 2,
) -> Iterator[R]:
    """``map(fn, items)`` over ``workers`` spawned processes (in this process when ``workers``
    is 1 or less). ``fn`` and ``initializer`` must be importable module-level functions."""
    if workers <= 1:
        yield from map(fn, items)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= in_flight * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@contextmanager
def alongside(
    fn: Callable[..., R], *args, separate: bool = True, **kwargs
) -> Iterator[Callable[[], R]]:
    """Start ``fn(*args, **kwargs)`` in a spawned process and hand back a function that waits for
    its result, so that this process can do other work meanwhile. With ``separate`` false, ``fn``
    runs in this process when its result is asked for (spawning costs about a second)."""
    if not separate:
        yield lambda: fn(*args, **kwargs)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        yield pool.submit(fn, *args, **kwargs).result

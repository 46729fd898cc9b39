"""Run a cross-article rule in a child process, beside dbt's threads.

dbt runs Python models in threads of its one process. Their rules (entity resolution, claim
grouping, ...) are pure Python over every row of the warehouse and hold the GIL, so on a large
warehouse they take turns on one core while the other waits: at 10,000 articles the five Python
models spanned 15 s of a per-drop build for about 9.5 s of work (bench/RESULTS.md). A rule run
here goes to a child process, on the other core, and the model's dbt thread waits on a pipe
without holding the GIL.

The child is a fresh interpreter (``python -m orchestration.runtime.offload``): not a fork, whose
copy of Polars' thread pool is dead, nor a ``multiprocessing`` spawn, which re-imports dbt's
console script (3.4 s). Frames travel both ways as Arrow IPC. Starting the child costs about a
second (Python, Polars and the rule's module), so small inputs stay in the process: see
:data:`MIN_ROWS`.
"""

from __future__ import annotations

import gc
import importlib
import io
import os
import struct
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import polars as pl

# Inputs below this many rows (of the first argument) run in the process: the child's start-up
# would cost more than the core it frees. NEWSDESK_OFFLOAD_MIN_ROWS overrides it (0: always).
MIN_ROWS_ENV = "NEWSDESK_OFFLOAD_MIN_ROWS"
MIN_ROWS = 50_000

_LIST_COLUMN = "__list__"  # a list argument travels as a one-column frame of this name
_LENGTH = struct.Struct("<Q")


def min_rows() -> int:
    value = os.environ.get(MIN_ROWS_ENV, "").strip()
    return int(value) if value else MIN_ROWS


def run_rule(rule: Callable[..., pl.DataFrame], *args: pl.DataFrame | list | None) -> pl.DataFrame:
    """``rule(*args)``, in a child process when the first argument has at least
    :func:`min_rows` rows. Arguments are frames, lists of scalars or ``None``; the rule is a
    module-level function returning a frame."""
    first = args[0] if args else None
    rows = first.height if isinstance(first, pl.DataFrame) else len(first or ())
    if rows < min_rows():
        return rule(*args)
    child = subprocess.run(
        [sys.executable, "-m", __name__, f"{rule.__module__}:{rule.__qualname__}"],
        input=_pack([_to_frame(a) for a in args]),
        capture_output=True,
        check=False,
    )
    if child.returncode != 0:  # the traceback's last line names the error
        lines = child.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise RuntimeError(
            f"{rule.__qualname__} failed in its child process (exit {child.returncode}): "
            f"{lines[-1]}"
        )
    (result,) = _unpack(child.stdout)
    return result


def _to_frame(arg: pl.DataFrame | list | None) -> pl.DataFrame | None:
    if arg is None or isinstance(arg, pl.DataFrame):
        return arg
    return pl.DataFrame({_LIST_COLUMN: list(arg)})


def _from_frame(frame: pl.DataFrame | None) -> Any:
    if frame is not None and frame.columns == [_LIST_COLUMN]:
        return frame.get_column(_LIST_COLUMN).to_list()
    return frame


def _pack(frames: list[pl.DataFrame | None]) -> bytes:
    """Length-prefixed Arrow IPC streams; length 0 stands for ``None``."""
    out = io.BytesIO()
    out.write(_LENGTH.pack(len(frames)))
    for frame in frames:
        if frame is None:
            out.write(_LENGTH.pack(0))
            continue
        buf = io.BytesIO()
        frame.write_ipc_stream(buf)
        out.write(_LENGTH.pack(buf.tell()))
        out.write(buf.getbuffer())
    return out.getvalue()


def _unpack(data: bytes) -> list[pl.DataFrame | None]:
    view = memoryview(data)
    (count,) = _LENGTH.unpack_from(view, 0)
    pos, frames = _LENGTH.size, []
    for _ in range(count):
        (size,) = _LENGTH.unpack_from(view, pos)
        pos += _LENGTH.size
        frames.append(pl.read_ipc_stream(io.BytesIO(view[pos : pos + size])) if size else None)
        pos += size
    return frames


def _serve(target: str) -> None:
    gc.disable()  # a short-lived process that allocates millions of acyclic objects
    module, _, name = target.partition(":")
    rule = getattr(importlib.import_module(module), name)
    args = [_from_frame(f) for f in _unpack(sys.stdin.buffer.read())]
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # the pipe carries the result only, whatever the rule prints
    out.write(_pack([rule(*args)]))
    out.flush()


if __name__ == "__main__":
    _serve(sys.argv[1])

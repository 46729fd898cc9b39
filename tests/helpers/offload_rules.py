"""Rules for tests/unit/test_offload.py, in a module a child process can import by name."""

from __future__ import annotations

import os

import polars as pl


def pid_and_inputs(frame: pl.DataFrame, names: list, nothing: None) -> pl.DataFrame:
    """Where the rule ran and what it got."""
    return pl.DataFrame({
        "pid": [os.getpid()] * frame.height,
        "value": frame.get_column("value"),
        "names": [names] * frame.height,
        "nothing": [nothing is None] * frame.height,
    })


def failing(frame: pl.DataFrame) -> pl.DataFrame:
    raise ValueError(f"no rule for {frame.height} rows")

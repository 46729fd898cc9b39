"""Polars columns built from Python values, where the obvious constructor is slow.

The cross-article models build their outputs row by row in Python over every mention of the
warehouse; a list column made from one Python list per row converts each row on its own, which
cost more than the grouping itself at 10,000 articles.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
import pyarrow as pa


def string_lists(rows: Iterable[list[str]]) -> pl.Series:
    """A List(String) series with one list per row, built from flat values and offsets."""
    values: list[str] = []
    offsets: list[int] = [0]
    for row in rows:
        values.extend(row)
        offsets.append(len(values))
    return pl.from_arrow(
        pa.LargeListArray.from_arrays(
            pa.array(offsets, pa.int64()), pa.array(values, pa.large_string())
        )
    )

"""The skeleton shared by the dbt Python models: read the inputs, run the rule, pin the schema.

Each Python model of dbt_project/models/intermediate/<area>/ declares its inputs (:class:`Rows`
of a ``dbt.ref()`` relation, with the projection and order the rule expects), the rule of
orchestration.lib it calls and the schema of its table; :func:`build_table` does the rest, with
Python's cyclic garbage collector paused throughout (orchestration.runtime.collector): it reads
each input into a Polars frame, calls the rule, in a child process when asked
(orchestration.runtime.offload), and casts the result to the schema.

dbt-duckdb hands a Python model ``dbt.ref()`` as a lazy DuckDB relation: nothing is queried
before :meth:`Rows.read`, which applies the steps in a fixed order (filter, aggregate, project,
order), each only when given. The order of the rows is part of a rule's input: the rules are
deterministic given it. The ``dbt.ref()`` calls stay in the models, with literal names: dbt finds
a Python model's parents by reading its source for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from orchestration.runtime.collector import collector_paused
from orchestration.runtime.offload import run_rule


@dataclass(frozen=True)
class Rows:
    """The rows of a relation a rule reads: ``relation.filter(where).aggregate(aggregate)
    .project(columns).order(order)``, each step only when given. ``as_list`` reads the one
    column of the result as a Python list instead of a frame."""

    relation: Any  # a DuckDB relation (dbt.ref() in a dbt-duckdb Python model)
    columns: str | Sequence[str] | None = None
    where: str | None = None
    aggregate: str | None = None
    order: str | None = None
    as_list: bool = False

    def read(self) -> pl.DataFrame | list:
        relation = self.relation
        if self.where is not None:
            relation = relation.filter(self.where)
        if self.aggregate is not None:
            relation = relation.aggregate(self.aggregate)
        if self.columns is not None:
            columns = self.columns
            relation = relation.project(columns if isinstance(columns, str) else ", ".join(columns))
        if self.order is not None:
            relation = relation.order(self.order)
        frame = relation.pl()
        if self.as_list:
            (column,) = frame.columns
            return frame.get_column(column).to_list()
        return frame


def build_table(
    rule: Callable[..., pl.DataFrame],
    *inputs: Any,
    schema: Mapping[str, Any],
    offload: bool = False,
) -> pl.DataFrame:
    """``rule(*inputs)`` cast to ``schema`` (its columns, in its order), each :class:`Rows` input
    read first and any other passed as it is. ``offload`` runs the rule through
    :func:`orchestration.runtime.offload.run_rule` (a child process on a large warehouse; the rule
    must then be a module-level function of frames, lists or ``None``)."""
    with collector_paused():  # bulk Python over the warehouse: see orchestration.runtime.collector
        args = [arg.read() if isinstance(arg, Rows) else arg for arg in inputs]
        result = run_rule(rule, *args) if offload else rule(*args)
        return result.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])

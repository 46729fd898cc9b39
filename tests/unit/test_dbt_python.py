import gc

import duckdb
import polars as pl

from orchestration.runtime.dbt_python import Rows, build_table


def relation():
    conn = duckdb.connect()
    return conn.sql(
        "select * from (values ('b', 2, true), ('a', 1, true), ('c', 3, false)) t(id, n, ok)"
    )


def test_rows_filter_project_and_order_as_the_models_do():
    frame = Rows(relation(), where="ok", columns=["n", "id"], order="id").read()
    assert frame.columns == ["n", "id"]
    assert frame.get_column("id").to_list() == ["a", "b"]


def test_rows_aggregate_and_as_list():
    rows = Rows(relation(), aggregate="ok, count(*) as k", order="ok").read()
    assert rows.rows() == [(False, 1), (True, 2)]
    ids = Rows(relation(), where="ok", columns="id", order="id", as_list=True).read()
    assert ids == ["a", "b"]


def test_build_table_reads_inputs_runs_the_rule_with_the_collector_paused_and_casts():
    seen = {}

    def rule(frame, extra):
        seen["collector_on"] = gc.isenabled()
        seen["extra"] = extra
        return frame.with_columns(unused=pl.lit(1))

    out = build_table(
        rule,
        Rows(relation(), columns="id, n", order="n"),
        "passed as is",
        schema={"n": pl.Int16, "id": pl.String},
    )
    assert seen == {"collector_on": False, "extra": "passed as is"}
    assert gc.isenabled()
    assert out.schema == pl.Schema({"n": pl.Int16, "id": pl.String})
    assert out.get_column("id").to_list() == ["a", "b", "c"]

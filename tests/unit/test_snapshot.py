"""The readers' snapshot is a complete, current copy of the live warehouse file."""

import duckdb

from orchestration.warehouse.snapshot import publish_snapshot


def test_snapshot_holds_what_is_still_in_the_write_ahead_log(tmp_path):
    live, snapshot = tmp_path / "live.duckdb", tmp_path / "live.snapshot.duckdb"
    with duckdb.connect(str(live)) as conn:
        conn.execute("create schema marts")
        conn.execute("create table marts.events as select range as id from range(1000)")
        publish_snapshot(conn, snapshot)
        conn.execute("insert into marts.events select range from range(1000, 1500)")
        # a reader of the first snapshot keeps its answer while the next one is published
        reader = duckdb.connect(str(snapshot), read_only=True)
        publish_snapshot(conn, snapshot)
        assert reader.execute("select count(*) from marts.events").fetchone()[0] == 1000
        reader.close()

    with duckdb.connect(str(snapshot), read_only=True) as conn:
        assert conn.execute("select count(*), max(id) from marts.events").fetchone() == (1500, 1499)
    assert not list(tmp_path.glob(".*.tmp"))

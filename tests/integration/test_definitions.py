"""The whole Definitions object loads, and the graph is connected from files to marts."""

import dagster as dg


def test_definitions_load_and_lineage_is_connected():
    from orchestration.defs.transform.project import prepare_manifest

    prepare_manifest()
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {
        "raw_articles",
        "raw_entity_mentions",
        "raw_event_mentions",
        "raw_claim_mentions",
    } <= keys
    # Every mart is downstream of the files' asset, and the snapshot downstream of every mart.
    marts = {k for k in graph.get_all_asset_keys() if k.path[0] == "marts"}
    assert {k.path[1] for k in marts} >= {
        "articles",
        "quarantined_articles",
        "entities",
        "entity_aliases",
        "entity_roles",
        "entity_mentions",
        "events",
        "claims",
    }
    for mart in marts:
        ancestors = dg.AssetSelection.assets(mart).upstream().resolve(graph)
        assert dg.AssetKey("raw_articles") in ancestors, mart
    assert marts <= graph.get(dg.AssetKey("warehouse_snapshot")).parent_keys
    # GE expectations and dbt tests both show up as checks.
    check_names = {c.name for c in graph.asset_check_keys}
    assert "no_unfilled_template_text" in check_names
    assert "drop_has_accepted_articles" in check_names
    assert any(name.startswith("unique_") or name.startswith("not_null_") for name in check_names)
    assert defs.resolve_job_def("process_drop")
    assert defs.resolve_schedule_def("daily_marts")
    assert defs.resolve_sensor_def("drop_sensor")

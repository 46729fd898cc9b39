"""The whole Definitions object loads, and the graph is connected from files to marts."""

import dagster as dg
import pytest


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    from orchestration.defs.transform.project import prepare_manifest

    prepare_manifest()  # the dbt assets are read from the manifest
    from orchestration.definitions import defs

    return defs


def test_definitions_load_and_lineage_is_connected(defs):
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


def test_per_drop_runs_test_the_marts_and_the_daily_rebuild_tests_every_model(defs):
    def checks(job_name: str) -> set[dg.AssetCheckKey]:
        return set(defs.resolve_job_def(job_name).asset_layer.asset_graph.asset_check_keys)

    per_drop, daily = checks("process_drop"), checks("rebuild_marts")
    upstream = {k for k in daily if k.asset_key.path[0] in ("staging", "intermediate")}
    marts = {k for k in daily if k.asset_key.path[0] == "marts"}
    assert len(upstream) > 30 and len(marts) > 60
    assert upstream.isdisjoint(per_drop)  # views: each test would recompute its view
    assert marts <= per_drop
    # The singular tests read several marts; each is attached to one so that both jobs run it.
    singular = {k.name: k.asset_key.path[-1] for k in marts if k.name.startswith("assert_")}
    assert singular == {
        "assert_drop_files_account_for_every_row": "drop_files",
        "assert_duplicates_point_at_originals": "article_duplicates",
        "assert_event_participants_are_entities": "events",
        "assert_mart_offsets_point_into_body": "articles",
        "assert_no_article_both_accepted_and_quarantined": "quarantined_articles",
    }

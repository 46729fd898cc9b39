"""The Great Expectations Data Docs keep every validation: two drops materialised through Dagster
(real GE, real DuckDB) are both listed in the index, each under its drop and Dagster run and the
``raw_articles`` asset, each page says which file failed, and no page loads anything remote.

The drops are materialised into a warehouse of this module's own (the Data Docs live next to the
warehouse), so the seeds warehouse the other integration tests read stays as it is."""

from __future__ import annotations

import dagster as dg
import pytest
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.ingest.assets import raw_articles
from orchestration.defs.ingest.partitions import drops_partitions
from orchestration.defs.resources import DropsResource
from orchestration.lib.quality.gate import validate_articles
from orchestration.lib.read.drop import read_drop
from orchestration.lib.rules.duplicates import SIGNATURE_COLUMN
from orchestration.runtime.parallel import alongside
from tests.helpers.data_docs import index_rows, linked_page, page_text
from tests.helpers.html_tools import loaded_urls, remote_loads

DROPS = {
    "harbour_2025_05_02": {
        "cranes.txt": " date 2025-05-02\nThe port of Rotterdam took delivery of four electric "
        "ship-to-shore cranes on Friday, the first of twelve ordered for its container terminal. "
        "Operators said the cranes would lift 40 boxes an hour once crews finish training.",
        "ferry.txt": " date 2025-05-01\nA new overnight ferry between Hull and Rotterdam will "
        "sail three times a week from June, the operator said, carrying up to 1,200 passengers "
        "and 180 freight trailers on each crossing.",
    },
    "council_2025_05_03": {
        "budget.txt": " date 2025-05-03\nLeeds City Council approved a budget of 612 million "
        "pounds for the coming year on Wednesday, with an extra 14 million set aside for "
        "repairs to schools and libraries.",
        # a draft sent out before its quote was filled in: quarantined by the gate
        "draft.txt": ' date 2025-05-03\nThe council leader welcomed the vote. "[insert quote '
        'here]" she told reporters outside the civic hall on Wednesday evening.',
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, request):
    root = tmp_path_factory.mktemp("data_docs_history")
    monkeypatch = pytest.MonkeyPatch()
    request.addfinalizer(monkeypatch.undo)
    monkeypatch.setenv(settings.WAREHOUSE_ENV, str(root / "warehouse.duckdb"))
    drops_dir = root / "drops"
    for drop_id, files in DROPS.items():
        (drops_dir / drop_id).mkdir(parents=True)
        for name, text in files.items():
            (drops_dir / drop_id / name).write_text(text, encoding="utf-8")
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(drops_partitions.name, list(DROPS))
    resources = {
        "warehouse": DuckDBResource(database=str(root / "warehouse.duckdb")),
        "drops": DropsResource(drops_dir=str(drops_dir)),
    }
    run_names = {}
    for drop_id in DROPS:
        result = dg.materialize(
            [raw_articles], instance=instance, partition_key=drop_id, resources=resources
        )
        assert result.success
        run_names[drop_id] = f"{drop_id} · run {result.run_id[:8]}"
    docs = settings.data_docs_dir()
    assert docs == root / "quality" / "data_docs"
    return docs, run_names


def test_index_lists_both_drops_by_drop_and_run(site):
    docs, run_names = site
    rows = index_rows(docs / "index.html")
    assert sorted(r["run_name"] for r in rows) == sorted(run_names.values())
    assert [r["asset_name"] for r in rows] == ["raw_articles", "raw_articles"]
    outcome = {r["run_name"]: r["_validation_success_text"] for r in rows}
    assert outcome == {
        run_names["harbour_2025_05_02"]: "Success",
        run_names["council_2025_05_03"]: "Failed",
    }
    # latest first
    assert rows[0]["run_name"] == run_names["council_2025_05_03"]


def test_each_page_names_its_run_asset_and_failing_file(site):
    docs, run_names = site
    index = docs / "index.html"
    pages = {r["run_name"]: linked_page(index, r) for r in index_rows(index)}
    for run_name in run_names.values():
        text = page_text(pages[run_name])
        assert f"Run Name {run_name}" in text
        assert "Data asset: raw_articles" in text
        assert "Data asset: None" not in text
    council = page_text(pages[run_names["council_2025_05_03"]])
    assert "draft.txt" in council and "[insert quote here]" in council
    assert "budget.txt" not in council


def test_validation_results_are_kept_next_to_the_docs(site):
    docs, run_names = site
    results = docs.parent / "validation_results"
    stored = sorted(p.parent.parent.name for p in results.rglob("*.json"))
    assert stored == sorted(run_names.values())


def test_no_page_loads_anything_remote(site):
    docs, _ = site
    pages = sorted(docs.rglob("*.html"))
    assert len(pages) == 4  # the index, the suite, one page per validation
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert remote_loads(html) == [], page
        local = [u for u in loaded_urls(html) if not u.startswith(("data:", "#"))]
        assert any("vendor/bootstrap" in u for u in local), page
        for url in local:
            assert (page.parent / url.split("?")[0]).resolve().is_file(), (page, url)


def test_a_gate_in_a_process_of_its_own_names_its_run(tmp_path):
    """The ingest asset runs the gate of a large drop in a spawned process: the run name and
    asset name go in as arguments and come out on the page."""
    docs = tmp_path / "quality" / "data_docs"
    frame = read_drop(settings.SAMPLE_DROP_DIR, "seeds", settings.max_file_bytes())
    with alongside(
        validate_articles,
        frame.drop(SIGNATURE_COLUMN),
        settings.ARTICLES_SUITE,
        data_docs_dir=docs,
        run_name="seeds · run 0a1b2c3d",
        asset_name="raw_articles",
        separate=True,
    ) as gate_result:
        gate = gate_result()
    assert gate.data_docs_index == docs / "index.html"
    (row,) = index_rows(gate.data_docs_index)
    assert (row["run_name"], row["asset_name"]) == ("seeds · run 0a1b2c3d", "raw_articles")
    assert "Run Name seeds · run 0a1b2c3d" in page_text(linked_page(gate.data_docs_index, row))

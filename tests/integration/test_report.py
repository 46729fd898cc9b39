"""What an analyst opens after a run on the seeds: the drop report, the dbt docs and the Great
Expectations Data Docs, all offline; and what the Dagster UI shows for the marts and the report.

The report is rendered from the seeds warehouse that the whole graph built through Dagster."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration import settings
from orchestration.lib.pages.report import build_report, relative_links
from orchestration.warehouse.report_data import read_report_data
from tests.helpers.html_tools import elements, loaded_urls, remote_loads

HANIYEH, AMIR_ABDOLLAHIAN = "Ismail Haniyeh", "Hossein Amir-Abdollahian"


@pytest.fixture(scope="module")
def report_html(seeds_warehouse) -> str:
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        data = read_report_data(conn, settings.SAMPLE_DROP_ID)
    links = relative_links(settings.reports_dir(), settings.docs_pages())
    return build_report(data, dt.datetime.now(dt.UTC), links).html


def test_timeline_shows_each_tehran_meeting_once(report_html, expected):
    first, second = expected["events"][0], expected["events"][1]
    meetings = [
        e
        for e in elements(report_html, "dated")
        if e.attrs["data-event-type"] == "meeting" and e.attrs["data-location"] == "Tehran"
    ]
    by_date = {e.attrs["data-event-date"]: e for e in meetings}
    assert len(meetings) == len(by_date) == 2, [e.text for e in meetings]
    assert by_date[str(first["date"])].attrs["data-sources"] == str(len(first["reported_by"]))
    assert by_date[str(second["date"])].attrs["data-sources"] == "1"
    for event in (first, second):
        for participant in event["participants"]:
            assert participant in by_date[str(event["date"])].text
    # on the chart too: one row per meeting, dated on the x axis
    chart = elements(report_html, "chart")[0].text
    assert chart.count("26 Mar 2024 · meeting in Tehran") == 1
    assert chart.count("30 Mar 2024 · meeting in Tehran") == 1
    assert "3 sources" in chart and "event date" in chart
    # the undated UN resolution is listed apart, once (beside other undated happenings of the
    # taxonomy: statements, deaths); a meeting that happened is never undated: the undated ones
    # are planned or hypothetical (Haniyeh "is set to" visit), each an event of its own
    undated = [
        (e.attrs["data-event-type"], e.attrs["data-modality"])
        for e in elements(report_html, "undated")
    ]
    assert [t for t, _ in undated].count("resolution") == 1
    assert {m for t, m in undated if t == "meeting"} <= {"future", "hypothetical"}
    assert ("meeting", "future") in undated


def test_network_links_haniyeh_and_amir_abdollahian(report_html):
    edges = {
        frozenset((e.attrs["data-source"], e.attrs["data-target"])): int(e.attrs["data-weight"])
        for e in elements(report_html, "edge")
    }
    # the Tehran meeting (3 sources) and their 22 March contact (1 source)
    assert edges[frozenset((HANIYEH, AMIR_ABDOLLAHIAN))] == 4
    network_svg = elements(report_html, "chart")[1].text
    assert HANIYEH in network_svg and AMIR_ABDOLLAHIAN in network_svg


def test_claims_show_the_quarantined_contradiction(report_html):
    groups = [g for g in elements(report_html, "claim-group") if "contradicts" in g.classes]
    assert len(groups) == 1
    group_id = groups[0].attrs["data-group-id"]
    claims = {
        c.attrs["data-as-stated"]: c
        for c in elements(report_html, "claim")
        if c.attrs["data-group-id"] == group_id
    }
    yearly, monthly = claims["$70 million per year"], claims["approximately $30 million per month"]
    assert yearly.attrs["data-quarantined"] == "false"
    assert monthly.attrs["data-quarantined"] == "true" and "quarantined article" in monthly.text
    assert monthly.attrs["data-claim-id"].startswith("003_")
    assert "70 M USD/year" in yearly.text and "360 M USD/year" in monthly.text
    assert "contradiction (with a quarantined article)" in groups[0].text


def test_arrivals_and_entities(report_html, expected):
    arrived = {
        e.attrs["data-article-id"]: e.attrs["data-status"] for e in elements(report_html, "arrival")
    }
    assert arrived == {a: item["status"] for a, item in expected["articles"].items()}
    entities = {e.attrs["data-name"]: e.text for e in elements(report_html, "entity")}
    assert "Amirabdollahian" in entities[AMIR_ABDOLLAHIAN]
    assert "Foreign Minister of Iran" in entities[AMIR_ABDOLLAHIAN]


def test_report_loads_nothing_remote(report_html):
    assert remote_loads(report_html) == []
    assert not re.search(r"<(script|link|img|iframe)\b", report_html)
    assert "@import" not in report_html


def test_the_run_left_report_and_docs_that_open_offline(seeds_warehouse):
    """The pages the README points at: each exists, loads nothing remote, and every local file
    it loads is there (so Data Docs are styled offline)."""
    report = settings.reports_dir() / f"report-{settings.SAMPLE_DROP_ID}.html"
    pages = [report, settings.reports_dir() / "latest.html", *settings.docs_pages().values()]
    pages += sorted(settings.data_docs_dir().rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert remote_loads(html) == [], page
        if page.is_relative_to(settings.data_docs_dir()):
            local = [u for u in loaded_urls(html) if not u.startswith(("data:", "#"))]
            assert any("vendor/bootstrap" in u for u in local), page
            for url in local:
                assert (page.parent / url.split("?")[0]).resolve().is_file(), (page, url)
    dbt_docs = settings.docs_pages()["dbt docs"].read_text(encoding="utf-8")
    assert '"send_anonymous_usage_stats": false' in dbt_docs  # no tracker script is injected
    for mart in ("events", "claims", "quarantined_claims", "entities"):
        assert f'"model.newsdesk.{mart}"' in dbt_docs


def _latest(key: dg.AssetKey):
    instance = dg.DagsterInstance.get()
    return instance.get_latest_materialization_event(key).asset_materialization.metadata


def test_dagster_shows_mart_row_counts_previews_and_the_report(seeds_warehouse, query):
    metadata = _latest(dg.AssetKey(["marts", "events"]))
    assert metadata["dagster/row_count"].value == query("select count(*) from marts.events")[0][0]
    assert "event_type" in metadata["preview"].value  # a markdown table of the first rows
    # a view's count would recompute it over the whole warehouse: views get none
    assert "dagster/row_count" not in _latest(
        dg.AssetKey(["intermediate", "int_events_aggregated"])
    )
    report = _latest(dg.AssetKey("drop_report"))
    assert Path(report["path"].value).name == f"report-{settings.SAMPLE_DROP_ID}.html"
    assert report["timeline"].value.startswith("![timeline](data:image/png;base64,")
    assert report["remote_resources"].value == 0
    check = dg.DagsterInstance.get().event_log_storage.get_latest_asset_check_execution_by_key(
        [dg.AssetCheckKey(dg.AssetKey("dbt_docs"), "mart_columns_documented")]
    )
    (record,) = check.values()
    assert record.event.dagster_event.event_specific_data.passed
    # A dbt test reading several marts runs in the drop's run, as a check of one of them.
    offsets = dg.AssetCheckKey(
        dg.AssetKey(["marts", "articles"]), "assert_mart_offsets_point_into_body"
    )
    (record,) = (
        dg.DagsterInstance.get()
        .event_log_storage.get_latest_asset_check_execution_by_key([offsets])
        .values()
    )
    assert record.event.dagster_event.event_specific_data.passed


def test_report_command_prints_the_page(seeds_warehouse):
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("newsdesk")), "report"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    path = Path(proc.stdout.strip().splitlines()[-1])
    assert path == settings.reports_dir() / f"report-{settings.SAMPLE_DROP_ID}.html"
    assert "Ismail Haniyeh" in path.read_text(encoding="utf-8")

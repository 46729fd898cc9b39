"""The drop report's pure parts on small frames: arrivals, timeline, network, claim groups, page."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.lib.pages import charts, report, sections
from orchestration.lib.pages.claims import claim_groups, format_value
from orchestration.lib.pages.network import who_met_whom
from orchestration.lib.pages.report_frames import ReportData
from tests.helpers.html_tools import elements, remote_loads

D = dt.date


def events_frame(rows) -> pl.DataFrame:
    schema = {
        "event_id": pl.String,
        "event_type": pl.String,
        "event_date": pl.Date,
        "location": pl.String,
        "participants": pl.List(pl.String),
        "participant_ids": pl.List(pl.String),
        "source_count": pl.Int64,
        "article_ids": pl.List(pl.String),
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


EVENTS = events_frame(
    [
        ("e1", "meeting", D(2024, 3, 26), "Tehran", ["A", "B", "C"], ["a", "b", "c"], 3, ["1"]),
        ("e2", "contact", D(2024, 3, 22), None, ["A", "B"], ["a", "b"], 1, ["2"]),
        ("e3", "resolution", None, None, ["U", "V"], ["u", "v"], 4, ["1", "2"]),
        ("e4", "attack", D(2023, 10, 7), None, [], [], 1, ["2"]),
    ]
)
ENTITIES = pl.DataFrame(
    {
        "entity_id": ["a", "b", "c", "u", "v"],
        "name": ["Ann", "Bob", "Cy", "UN", "UN Council"],
        "entity_type": ["PERSON", "PERSON", "ORG", "ORG", "ORG"],
        "aliases": [["Ann", "A."], ["Bob"], ["Cy"], ["UN"], ["UN Council"]],
        "article_count": [2, 2, 1, 2, 2],
        "mention_count": [5, 3, 1, 2, 2],
    }
)
ROLES = pl.DataFrame(
    {
        "entity_id": ["a", "a"],
        "title": ["Foreign Minister", "foreign minister"],
        "organisation": ["Iran", "iran"],
        "article_id": ["1", "2"],
        "role_date": [D(2024, 3, 26), D(2024, 3, 27)],
    }
)
CLAIM_COLUMNS = {
    "claim_id": pl.String,
    "article_id": pl.String,
    "subject": pl.String,
    "quantity_text": pl.String,
    "per": pl.String,
    "qualifier": pl.String,
    "attribution": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
    "evidence": pl.String,
    "claim_group_id": pl.String,
}
CLAIMS = pl.DataFrame(
    [
        (
            "1:c1",
            "1",
            "support",
            "$70 million",
            "year",
            None,
            None,
            7e7,
            "USD/year",
            "s",
            "g1",
            "single",
        ),
        (
            "1:c2",
            "1",
            "toll",
            "32,000",
            None,
            "more than",
            None,
            32000.0,
            "count",
            "s",
            "g2",
            "agrees",
        ),
        (
            "2:c1",
            "2",
            "casualties",
            "32,000",
            None,
            "more than",
            None,
            32000.0,
            "count",
            "s",
            "g2",
            "agrees",
        ),
    ],
    schema={**CLAIM_COLUMNS, "group_status": pl.String},
    orient="row",
)
QUARANTINED_CLAIMS = pl.DataFrame(
    [
        (
            "3:c1",
            "3",
            "allocated",
            "$30 million",
            "month",
            "approximately",
            "reports",
            3.6e8,
            "USD/year",
            "s",
            "g1",
            "contradicts",
            ["1:c1"],
            ["missing_publication_date"],
        ),
    ],
    schema={
        **CLAIM_COLUMNS,
        "status_with_quarantined": pl.String,
        "conflicting_claim_ids": pl.List(pl.String),
        "quarantine_reasons": pl.List(pl.String),
    },
    orient="row",
)


def drop_files(rows) -> pl.DataFrame:
    """Rows of marts.drop_files, as orchestration.warehouse.report_data reads them."""
    return pl.DataFrame(
        rows,
        schema={
            "source_path": pl.String,
            "record": pl.Int32,
            "article_id": pl.String,
            "status": pl.String,
            "reasons": pl.List(pl.String),
            "detail": pl.String,
            "duplicate_of": pl.String,
            "title": pl.String,
            "published_date": pl.Date,
        },
        orient="row",
    )


def report_data(**overrides) -> ReportData:
    values = dict(
        drop_id="d2",
        drop_files=drop_files(
            [
                ("/d/1.txt", None, "1", "accepted", [], None, None, "One", D(2024, 3, 26)),
                ("/d/2.txt", None, "2", "duplicate", ["exact_duplicate"], "exact copy", "1",
                 None, D(2024, 3, 27)),
                ("/d/3.txt", None, "3", "quarantined", ["missing_publication_date"], "no date",
                 None, None, None),
                ("/d/4.txt", None, "4", "duplicate", ["exact_duplicate"], "re-delivery", "4",
                 None, D(2024, 3, 28)),
            ]
        ),
        events=EVENTS,
        entities=ENTITIES,
        roles=ROLES,
        claims=CLAIMS,
        quarantined_claims=QUARANTINED_CLAIMS,
        totals={"articles": 3, "quarantined_articles": 1, "entities": 5, "events": 4, "claims": 3},
    )
    values.update(overrides)
    return ReportData(**values)


def test_arrivals_are_the_drop_files_mart():
    files = drop_files(
        [
            ("/d/1.txt", None, "1", "accepted", [], None, None, "One", D(2024, 3, 26)),
            ("/d/2.txt", None, "2", "duplicate", ["near_duplicate"], "near copy", "1", None, None),
        ]
    )
    rows = sections.arrivals(report_data(drop_files=files)).to_dicts()
    assert [(r["article_id"], r["status"], r["duplicate_of"]) for r in rows] == [
        ("1", "accepted", None),
        ("2", "duplicate", "1"),
    ]
    assert rows[0]["title"] == "One"  # the delivery's own title, from marts.drop_files


def test_network_weights_edges_by_shared_sources():
    network = who_met_whom(EVENTS, ENTITIES)
    weights = {(r["source"], r["target"]): r["weight"] for r in network.edges.iter_rows(named=True)}
    assert weights[("Ann", "Bob")] == 3 + 1  # the meeting (3 sources) and the contact (1)
    assert weights[("Ann", "Cy")] == 3
    # the UN resolution is a decision, not a meeting of the UN and its council: no edge
    assert ("UN", "UN Council") not in weights
    assert set(network.nodes["name"]) == {"Ann", "Bob", "Cy"}
    # a picture: every node has a position, the same one on every render
    again = who_met_whom(EVENTS, ENTITIES)
    assert network.nodes.select("x", "y").equals(again.nodes.select("x", "y"))


def test_statements_lawsuits_and_votes_about_two_people_draw_no_edge():
    events = events_frame(
        [
            # "Ann said Bob would resign": a statement naming both
            ("s1", "statement", D(2024, 5, 2), None, ["Ann", "Bob"], ["a", "b"], 2, ["1"]),
            # "Cy sued Bob over the contract": a lawsuit, legal, not a meeting
            ("l1", "legal", D(2024, 5, 3), None, ["Bob", "Cy"], ["b", "c"], 1, ["2"]),
            ("v1", "election", D(2024, 5, 4), None, ["Ann", "Cy"], ["a", "c"], 1, ["2"]),
            # "Ann visited Cy in Geneva" and "Bob signed a deal with Cy" do
            ("m1", "visit", D(2024, 5, 5), "Geneva", ["Ann", "Cy"], ["a", "c"], 1, ["3"]),
            ("g1", "agreement", D(2024, 5, 6), None, ["Bob", "Cy"], ["b", "c"], 2, ["3"]),
        ]
    )
    network = who_met_whom(events, ENTITIES)
    pairs = {(r["source"], r["target"]): r for r in network.edges.iter_rows(named=True)}
    assert set(pairs) == {("Ann", "Cy"), ("Bob", "Cy")}
    assert pairs[("Ann", "Cy")]["events"] == ["visit 2024-05-05 (1)"]
    assert pairs[("Bob", "Cy")]["weight"] == 2  # the agreement only, not the lawsuit
    only_said = who_met_whom(events.filter(pl.col("event_type") == "statement"), ENTITIES)
    assert only_said.edges.is_empty() and only_said.nodes.is_empty()


def test_every_event_type_has_its_own_timeline_colour():
    from orchestration.lib.nlp.event_types import TYPE_ORDER

    assert set(charts.TYPE_COLOURS) == set(TYPE_ORDER)
    assert len(set(charts.TYPE_COLOURS.values())) == len(TYPE_ORDER)
    spec = charts.timeline_spec(EVENTS)
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in
                  layer.get("encoding", {}))
    # the legend lists the drawn types in taxonomy order, each in its colour
    assert colour["scale"]["domain"] == ["meeting", "contact", "attack"]
    assert colour["scale"]["range"] == [charts.TYPE_COLOURS[t] for t in colour["scale"]["domain"]]
    assert colour["legend"]["title"] == "event type"


def test_timeline_has_one_row_per_dated_event():
    rows = sections.timeline_rows(EVENTS)
    assert [r["date"] for r in rows] == ["2023-10-07", "2024-03-22", "2024-03-26"]
    meeting = rows[2]
    assert meeting["row"] == "26 Mar 2024 · meeting in Tehran: A, B, C"
    assert meeting["sources_text"] == "3 sources"
    assert charts.timeline_spec(EVENTS)["layer"]  # dots and their source counts
    assert charts.timeline_spec(EVENTS.filter(pl.col("event_date").is_null())) is None


def test_timeline_of_a_big_drop_plots_the_most_reported_events():
    many = events_frame(
        [
            (f"e{i:03d}", "meeting", D(2024, 1, 1) + dt.timedelta(days=i), None, [], [], i % 7, [])
            for i in range(300)
        ]
    )
    rows = sections.timeline_rows(many)
    assert len(rows) == sections.MAX_TIMELINE_EVENTS == 40
    assert min(r["sources"] for r in rows) == 6  # 43 events have 6 sources: the earliest 40
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    built = report.build_report(
        report_data(events=many), dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
    )
    assert built.summary["timeline_events"] == 40
    assert "the 40 events with the most sources" in " ".join(built.html.split())
    assert len(elements(built.html, "dated")) == 300  # the table keeps every event


def test_a_chart_the_renderer_refuses_becomes_a_note():
    note = charts.drawn({"mark": "no-such-mark", "data": {"values": []}})
    assert note.startswith('<p class="note">This chart could not be drawn')


def test_claim_groups_put_contradictions_first_and_mark_quarantined():
    groups = claim_groups(CLAIMS, QUARANTINED_CLAIMS)
    first = groups[0]
    assert first.group_id == "g1" and first.contradicts and first.only_with_quarantined
    assert [(c["as_stated"], c["quarantined"]) for c in first.claims] == [
        ("$70 million per year", False),
        ("approximately $30 million per month", True),
    ]
    assert first.claims[1]["normalised"] == "360 M USD/year"
    assert not groups[1].contradicts and groups[1].accepted_status == "agrees"


def test_format_value():
    assert format_value(7e7, "USD/year") == "70 M USD/year"
    assert format_value(0.8, "fraction") == "80 %"
    assert format_value(32000.0, "count") == "32,000 count"
    assert format_value(None, "count") == ""


def test_page_is_self_contained_and_carries_every_section():
    built = report.build_report(
        report_data(), dt.datetime(2024, 4, 1, tzinfo=dt.UTC), {"dbt docs": "../docs/index.html"}
    )
    html = built.html
    assert remote_loads(html) == []
    assert "<script" not in html and "<link" not in html
    assert html.count("<svg") == 2  # timeline and network, inline
    dated = elements(html, "dated")
    assert [e.attrs["data-event-date"] for e in dated] == ["2023-10-07", "2024-03-22", "2024-03-26"]
    assert [e.attrs["data-event-type"] for e in elements(html, "undated")] == ["resolution"]
    contradiction = [g for g in elements(html, "claim-group") if "contradicts" in g.classes]
    assert len(contradiction) == 1 and "quarantined article" in contradiction[0].text
    entity = elements(html, "entity")[0]
    assert entity.attrs["data-name"] == "Ann"
    assert "Foreign Minister of Iran" in entity.text and "foreign minister" not in entity.text
    assert built.summary["duplicates"] == 2 and built.summary["contradictions"] == 1


def test_report_name_and_write(tmp_path):
    now = dt.datetime(2024, 4, 1, 12, 0, tzinfo=dt.UTC)
    assert report.report_name("drop 7/x", now) == "report-drop_7_x.html"
    assert report.report_name(None, now) == "report-20240401T120000Z.html"
    path = report.write_report("<html></html>", tmp_path / "r", "report-a.html")
    assert path.read_text() == (tmp_path / "r" / "latest.html").read_text() == "<html></html>"
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["latest.html", "report-a.html"]


def test_a_big_drop_lists_the_rows_that_matter_and_says_where_the_rest_are(monkeypatch):
    """Tables stop at MAX_TABLE_ROWS (a 10,000-article drop made a 44 MB page): quarantined
    files first, the best-sourced events, contradictions first; a note names the mart."""
    monkeypatch.setattr(report, "MAX_TABLE_ROWS", 1)
    built = report.build_report(report_data(), dt.datetime(2024, 4, 1, tzinfo=dt.UTC))
    html = built.html
    text = " ".join(html.split())

    arrivals = elements(html, "arrival")
    assert [a.attrs["data-status"] for a in arrivals] == ["quarantined"]
    assert f"The table lists 1 of the {built.summary['files']} files" in text
    assert [e.attrs["data-event-id"] for e in elements(html, "dated")] == ["e1"]  # 3 sources
    assert "The table lists 1 of the 3 dated events" in text and "marts.events" in text
    groups = [g for g in elements(html, "claim-group") if "single" not in g.classes]
    assert len(groups) == 1 and "contradicts" in groups[0].classes
    assert built.summary["events"] == 4  # the summary still counts everything


def test_a_large_claim_group_shows_the_drops_claims_and_what_they_contradict():
    from orchestration.lib.pages.claims import MAX_GROUP_CLAIMS, ClaimGroup
    from orchestration.lib.pages.claims import cut_claims as _cut_claims

    claims = [
        {"article_id": f"old{i:02d}", "claim_id": f"old{i:02d}:c1", "conflicts": []}
        for i in range(30)
    ]
    claims.append({"article_id": "new", "claim_id": "new:c1", "conflicts": ["old29:c1"]})
    group = ClaimGroup(group_id="cg_1", subject="budget", unit="USD", claims=claims)

    cut = _cut_claims(group, {"new"})
    shown = [c["claim_id"] for c in cut.claims]
    assert len(shown) == MAX_GROUP_CLAIMS and cut.hidden == 31 - MAX_GROUP_CLAIMS
    assert "new:c1" in shown and "old29:c1" in shown  # the drop's claim and its contradiction
    assert shown == sorted(shown, key=[c["claim_id"] for c in claims].index)  # group order kept
    assert _cut_claims(ClaimGroup("cg_2", "x", "", claims[:3]), {"new"}).hidden == 0

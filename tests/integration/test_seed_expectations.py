"""Every item of ../shared/eval/seeds/expected.yaml, asserted on the marts built from seeds/.

Nothing here feeds the extraction: the items are read from the YAML file and compared with what
the pipeline produced on its own.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import load_expected

EXPECTED = load_expected()


def short(article_id: str) -> str:
    return article_id[:3]


def entity_row(query, name: str):
    rows = query(
        "select entity_id, name, entity_type, aliases from marts.entities where name = ?", [name]
    )
    assert rows, f"no entity named {name!r}"
    return rows[0]


@pytest.mark.parametrize("item", EXPECTED["entities"], ids=lambda e: e["name"])
def test_entity(query, item):
    entity_id, _, entity_type, aliases = entity_row(query, item["name"])
    assert entity_type == item["type"]
    for written in item.get("aliases", []):
        # mention spans leave out a leading "the" and a possessive ending
        alias = re.sub(r"^the\s+|['’]s?$", "", written)
        # An alias resolves to this entity wherever it is written; a spelling that only occurs
        # inside a longer name ("Amirabdollahian" in "Hossein Amirabdollahian") is checked there.
        owners = query(
            "select distinct entity_id from marts.entity_aliases where alias = ? "
            "union select distinct entity_id from marts.entity_mentions where mention_text = ?",
            [alias, alias],
        )
        if not owners:
            owners = query(
                "select distinct entity_id from marts.entity_mentions "
                "where mention_text like '%' || ? || '%'",
                [alias],
            )
        assert [o[0] for o in owners] == [entity_id], alias
    articles = query(
        "select distinct article_id from marts.entity_mentions where entity_id = ? order by 1",
        [entity_id],
    )
    assert [short(a[0]) for a in articles] == item["articles"]


@pytest.mark.parametrize(
    "item", [e for e in EXPECTED["entities"] if "role" in e], ids=lambda e: e["name"]
)
def test_role(query, item):
    entity_id = entity_row(query, item["name"])[0]
    roles = query(
        "select lower(title), lower(coalesce(organisation, '')), article_id, evidence "
        "from marts.entity_roles where entity_id = ?",
        [entity_id],
    )
    assert roles, item["name"]
    expected = item["role"].lower()
    assert any(
        title in expected and (not org or org.split()[0] in expected or org in expected)
        for title, org, _, _ in roles
    ), roles


@pytest.mark.parametrize("name", EXPECTED["not_entities"])
def test_not_an_entity(query, name):
    rows = query(
        "select mention_text, article_id from marts.entity_mentions "
        "where lower(mention_text) = lower(?)",
        [name],
    )
    assert rows == []


def find_event(query, item):
    rows = query(
        "select event_id, event_type, event_date, location, participants, list_sort(article_ids), "
        "source_count from marts.events where event_type = ? "
        "and event_date is not distinct from ?",
        [item["type"], item.get("date")],
    )
    wanted = set(item.get("participants", [])) | ({item["actor"]} if "actor" in item else set())
    matching = [r for r in rows if wanted <= set(r[4])]
    assert len(matching) == 1, (item, rows)
    return matching[0]


@pytest.mark.parametrize(
    "item", EXPECTED["events"], ids=lambda e: f"{e['type']}-{e.get('date')}"
)
def test_event(query, item):
    _, _, _, location, _, article_ids, source_count = find_event(query, item)
    assert [short(a) for a in article_ids] == item["reported_by"]
    assert source_count == len(item["reported_by"])
    if "location" in item:
        assert location == item["location"]


def claim_rows(query, article: str, table: str = "claims"):
    status = "group_status" if table == "claims" else "status_with_quarantined"
    return query(
        f"select claim_id, subject, value, unit, qualifier, claim_group_id, {status} "
        f"from marts.{table} where article_id like ? || '%'",
        [article],
    )


def unit_matches(row_unit: str, item: dict) -> bool:
    if "unit" not in item:
        return row_unit in ("count", "fraction")
    expected = item["unit"] + (f"/{item['per']}" if "per" in item else "")
    return row_unit == expected


@pytest.mark.parametrize(
    "item", EXPECTED["claims"], ids=lambda c: f"{c['article']}-{c['subject']}"
)
def test_claim(query, item):
    rows = [
        r for r in claim_rows(query, item["article"])
        if abs(r[2] - item["value"]) < 1e-9 and unit_matches(r[3], item)
    ]
    assert len(rows) == 1, (item, claim_rows(query, item["article"]))
    claim_id, _, _, _, qualifier, group_id, status = rows[0]
    if "qualifier" in item:
        assert qualifier == item["qualifier"]
    if "agrees_with" in item:
        assert status == "agrees"
        partners = query(
            "select article_id from marts.claims where claim_group_id = ? and claim_id <> ?",
            [group_id, claim_id],
        )
        assert item["agrees_with"] in {short(p[0]) for p in partners}


def test_quarantined_claim_contradicts(query):
    """003's ~$30M a month (quarantined) against 000's $70M a year: contradicts per year."""
    monthly = [r for r in claim_rows(query, "003", "quarantined_claims") if r[3] == "USD/year"]
    assert len(monthly) == 1
    claim_id, _, value, _, _, group_id, status = monthly[0]
    assert value == pytest.approx(360_000_000)
    assert status == "contradicts"
    partner = query(
        "select article_id, value from marts.claims where claim_group_id = ?", [group_id]
    )
    assert [(short(a), v) for a, v in partner] == [("000", 70_000_000)]
    # It stays out of the analysts' claims mart.
    assert query("select count(*) from marts.claims where claim_id = ?", [claim_id])[0][0] == 0

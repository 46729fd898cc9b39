"""Claim groups for the drop report: the claims of accepted and quarantined articles, grouped as
marts.claims groups them, contradictions first; and a big group cut to what the drop is about."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl

# A claim group touched by the drop can hold claims of thousands of earlier articles (measured: a
# 100-article drop into a 10,000-article warehouse reached 12,587 claims, an 8 MB page); the
# page shows the drop's own claims first, then the others, up to this many per group.
MAX_GROUP_CLAIMS = 10


@dataclass
class ClaimGroup:
    group_id: str
    subject: str
    unit: str
    claims: list[dict[str, Any]] = field(default_factory=list)
    accepted_status: str | None = None  # over accepted articles (marts.claims.group_status)
    contradicts: bool = False  # with quarantined articles' claims counted
    only_with_quarantined: bool = False  # the contradiction needs a quarantined claim
    hidden: int = 0  # claims left out of the page (MAX_GROUP_CLAIMS)


def _as_stated(r: dict[str, Any]) -> str:
    text = r["quantity_text"] or ""
    if r.get("qualifier"):
        text = f"{r['qualifier']} {text}"
    if r.get("per") and r["per"] not in text:
        text = f"{text} per {r['per']}"
    return text


def format_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    if unit == "fraction":
        return f"{value * 100:g} %"
    magnitude = abs(value)
    if magnitude >= 1e9:
        number = f"{value / 1e9:,.3g} bn"
    elif magnitude >= 1e6:
        number = f"{value / 1e6:,.3g} M"
    else:
        number = f"{value:,.10g}"
    return f"{number} {unit or ''}".strip()


def claim_groups(claims: pl.DataFrame, quarantined: pl.DataFrame) -> list[ClaimGroup]:
    """Claims of accepted and quarantined articles, grouped as marts.claims groups them;
    contradiction groups first, then the groups with most claims."""
    groups: dict[str, ClaimGroup] = {}

    def add(r: dict[str, Any], quarantined: bool, status: str) -> ClaimGroup:
        gid = r["claim_group_id"] or r["claim_id"]
        if gid not in groups:
            groups[gid] = ClaimGroup(group_id=gid, subject=r["subject"] or "", unit=r["unit"] or "")
        groups[gid].claims.append(
            {
                **r,
                "as_stated": _as_stated(r),
                "normalised": format_value(r["value"], r["unit"]),
                "quarantined": quarantined,
                "status": status,
                "reasons": list(r.get("quarantine_reasons") or []),
                "conflicts": list(r.get("conflicting_claim_ids") or []),
            }
        )
        groups[gid].contradicts = groups[gid].contradicts or status == "contradicts"
        return groups[gid]

    for r in claims.iter_rows(named=True):
        add(r, quarantined=False, status=r["group_status"]).accepted_status = r["group_status"]
    for r in quarantined.iter_rows(named=True):
        add(r, quarantined=True, status=r["status_with_quarantined"])
    for g in groups.values():
        g.only_with_quarantined = g.contradicts and g.accepted_status != "contradicts"
        g.claims.sort(key=lambda c: (c["quarantined"], c["article_id"], c["claim_id"]))
    return sorted(groups.values(), key=lambda g: (not g.contradicts, -len(g.claims), g.subject))


def cut_claims(group: ClaimGroup, drop_article_ids: set[str]) -> ClaimGroup:
    """``group`` with at most MAX_GROUP_CLAIMS claims: the drop's own first, then the claims
    they conflict with, then the rest, shown in the group's order."""
    claims = group.claims
    if len(claims) <= MAX_GROUP_CLAIMS:
        return group
    conflicting = {
        i for c in claims if c["article_id"] in drop_article_ids for i in c.get("conflicts") or []
    }
    ranked = sorted(
        range(len(claims)),
        key=lambda k: (
            claims[k]["article_id"] not in drop_article_ids,
            claims[k]["claim_id"] not in conflicting,
        ),
    )
    shown = [claims[k] for k in sorted(ranked[:MAX_GROUP_CLAIMS])]
    return replace(group, claims=shown, hidden=len(claims) - len(shown))

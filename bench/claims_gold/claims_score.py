"""The claims scorer of bench/eval_claims.py: matching, figures, error breakdown (stdlib only).

Gold: this folder's claims.jsonl and pairs.jsonl (labelling rules in RULES.md). Predictions are
records of :func:`from_claim_row`, which reads a claim row with today's columns and the ones
issue 24 asks for when they appear (``kind``, ``low``, ``high``, ``per``/``denominator``, a
date-like ``period``, ``subject_entity``).

Matching: a predicted claim meets the gold claim of the same article whose quantity span
overlaps its own most (one to one). A prediction on an ``optional`` gold claim is ignored;
one meeting no gold claim is spurious. Figures (gold = non-optional labels):

* value+unit P/R: predictions (gold claims) with value and unit right, over all predictions
  (over all gold claims). Value: the number as written, scaled (``raw_value``), within 0.5 %;
  a gold range needs low and high both right. Unit exact after spelling aliases (``%`` =
  percent, ``ton`` = tonne, ...): index points are ``points``, not ``count``; percent and
  fraction are one unit (50 percent = 0.5); a count is right as ``count`` or as the counted noun
  ("aircraft"). The denominator (``per``: share, year, month, ...) must be the gold's.
* subject right (matched claims): the predicted subject is not empty and holds at least half of
  the gold subject's content words (stop words dropped; words compared on a crude stem: case,
  possessive, plural; the prediction's ``subject_terms`` count as its words too), or its linked
  entity is the gold ``subject_entity`` (one name holding the other) and it holds at least half
  of the gold subject's other content words ("profit" linked to Apple for "Apple quarterly
  profit"; time words are not content words: the period is scored on its own). Also printed:
  "shares a word" (any one content word).
* period right: matched claims whose gold has a period; the prediction's period string equal
  (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY). Spurious periods: predicted where gold has none.
* kind, attribution: matched claims; attribution by name (case-insensitive, one holding the
  other, or the same last word).
* pairs: every two predicted claims of different articles in one group (of two or more) form a
  predicted pair, ``contradict`` when one lists the other as conflicting, else ``agree``. Pair
  precision: predicted pairs whose claims match the two sides of a gold pair with that relation,
  over all predicted pairs (pairs on ``unclear`` gold pairs or optional claims left out).
  Agreements found: gold ``agree`` pairs predicted as agree. False contradicts: predicted
  contradict pairs (and groups) with no gold contradiction.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent
PERIOD_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d\d)?|-Q[1-4])?$")
RATE_WORDS = {"year", "month", "week", "day", "hour", "annum"}
UNIT_ALIASES = {
    "%": "percent", "pct": "percent", "per cent": "percent", "point": "points",
    "index point": "points", "ton": "tonne", "tons": "tonne", "tonnes": "tonne",
    "nautical mile": "nmi", "nautical miles": "nmi", "miles": "mile", "inches": "inch",
    "in": "inch", "lbs": "lb", "pound weight": "lb", "hours": "hour", "days": "day",
    "years": "year", "months": "month", "weeks": "week", "gb": "GB", "megapixels": "megapixel",
    "pixels": "pixel", "usd": "USD", "gbp": "GBP", "eur": "EUR", "jpy": "JPY", "sgd": "SGD",
}
BARE_UNIT_WORDS = {
    "points", "point", "percent", "per cent", "%", "dollars", "dollar", "shares", "share",
    "euros", "pounds", "yen", "million", "billion", "units", "people", "times",
}
STOP = set(
    "a an the of in on for by to and or its it their his her from with at over than as this that"
    " these those is are was were be been new per who which what into under after before about"
    " 's".split()
) | {  # time words: the period is scored on its own
    "quarterly", "quarter", "annual", "yearly", "year", "month", "monthly", "week", "daily",
    "earlier", "later", "last", "next", "today", "yesterday", "now", "current", "so", "far",
}
VALUE_TOLERANCE = 0.005


# ----------------------------------------------------------------------------- input


def load_gold(gold_dir: Path = GOLD_DIR) -> tuple[list[dict], list[dict]]:
    claims = [json.loads(line) for line in (gold_dir / "claims.jsonl").open(encoding="utf-8")]
    pairs = [json.loads(line) for line in (gold_dir / "pairs.jsonl").open(encoding="utf-8")]
    return claims, pairs


def _canon_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = unit.strip()
    return UNIT_ALIASES.get(u.lower(), UNIT_ALIASES.get(u, u))


def from_claim_row(row: dict, entity_names: dict | None = None) -> dict:
    """A claim row (raw.claim_mentions / marts.claims columns, today's or issue 24's) as the
    scorer's prediction record."""
    def first(*names):
        for n in names:
            if row.get(n) is not None:
                return row[n]
        return None

    unit = first("raw_unit", "unit")
    per = first("per", "denominator", "per_unit", "unit_denominator")
    if unit and "/" in unit and per is None:
        unit, per = unit.split("/", 1)
    period = first("claim_period", "period_label")
    raw_period = row.get("period")
    if raw_period is not None and not isinstance(raw_period, str):
        raw_period = str(raw_period)
    if period is None and raw_period is not None:
        if PERIOD_RE.match(raw_period):
            period = raw_period
        elif per is None and raw_period in RATE_WORDS:  # today: "period" is a rate's period
            per = raw_period
    entity = first("subject_entity", "subject_entity_name")
    if entity is None and row.get("subject_entity_id") is not None and entity_names:
        entity = entity_names.get(row["subject_entity_id"])
    return {
        "doc": row["article_id"],
        "claim_id": row["claim_id"],
        "start": int(first("quantity_start", "start_char")),
        "end": int(first("quantity_end", "end_char")),
        "text": row.get("quantity_text"),
        "value": first("raw_value", "value"),
        "low": first("low", "value_low", "range_low"),
        "high": first("high", "value_high", "range_high"),
        "unit": unit,
        "per": per,
        "qualifier": row.get("qualifier"),
        "kind": first("kind", "claim_kind"),
        "subject": row.get("subject"),
        "subject_terms": list(row.get("subject_terms") or []),
        "subject_entity": entity,
        "period": period,
        "attribution": row.get("attribution"),
        "group_id": row.get("claim_group_id"),
        "group_status": row.get("group_status"),
        "conflicts": list(row.get("conflicting_claim_ids") or []),
    }


# ----------------------------------------------------------------------------- matching


def match(gold: list[dict], preds: list[dict]) -> dict[int, int]:
    """pred index -> gold index, one to one, largest span overlap first (same article)."""
    by_doc = defaultdict(list)
    for gi, g in enumerate(gold):
        by_doc[g["doc"]].append(gi)
    cands = []
    for pi, p in enumerate(preds):
        for gi in by_doc.get(p["doc"], ()):
            g = gold[gi]
            ov = min(p["end"], g["end"]) - max(p["start"], g["start"])
            if ov > 0:
                cands.append((-ov, abs(p["start"] - g["start"]), pi, gi))
    cands.sort()
    pairs, used_g = {}, set()
    for _, _, pi, gi in cands:
        if pi in pairs or gi in used_g:
            continue
        pairs[pi] = gi
        used_g.add(gi)
    return pairs


def _close(a, b) -> bool:
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b), 1e-9)


def _singular(w: str) -> str:
    w = w.lower().strip()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        return w[:-1]
    return w


def value_error(g: dict, p: dict) -> str | None:
    """None when value and unit (with denominator) are right, else the kind of error."""
    gu, pu = _canon_unit(g["unit"]), _canon_unit(p["unit"])
    gv, pv = g["value"], p["value"]
    if {gu, pu} == {"percent", "fraction"}:  # one unit, two scales
        scale = 100.0 if pu == "fraction" else 0.01
        pv = None if pv is None else pv * scale
        p = dict(p, low=None if p["low"] is None else p["low"] * scale,
                 high=None if p["high"] is None else p["high"] * scale)
        pu = gu
    if gu == "count" and pu is not None and _singular(pu) == _singular(g.get("counted") or "-"):
        pu = "count"
    if pu != gu:
        if gu == "points":
            return f"unit: index points as {pu}"
        return f"unit: {gu} as {pu}"
    if g["low"] is not None:
        if p["low"] is None or p["high"] is None:
            return "value: range as one value"
        if not (_close(g["low"], p["low"]) and _close(g["high"], p["high"])):
            return "value: range ends wrong"
    elif p["low"] is not None and p["high"] is not None and not _close(p["low"], p["high"]):
        return "value: one value as a range"
    elif not _close(gv, pv):
        if gv and pv and any(_close(gv, pv * f) for f in (1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9)):
            return "value: scale word lost or wrong"
        return "value: wrong number"
    gp, pp = g.get("per"), p.get("per")
    if gp and not pp:
        return "per: denominator lost"
    if pp and not gp:
        return "per: spurious denominator"
    if gp and _singular(gp) != _singular(pp):
        return f"per: {gp} as {pp}"
    return None


def _words(text: str | None) -> set[str]:
    if not text:
        return set()
    toks = re.findall(r"[A-Za-z0-9][A-Za-z0-9.\-]*", text.replace("'s", " "))
    return {_singular(t.strip(".-")) for t in toks if t.lower() not in STOP}


def _name_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.lower().strip(), b.lower().strip()
    return a in b or b in a or a.split()[-1] == b.split()[-1]


def subject_verdict(g: dict, p: dict) -> tuple[bool, bool, str]:
    """(right, shares a word, error kind)."""
    subj = (p.get("subject") or "").strip()
    if not subj:
        return False, False, "subject: empty"
    gw = _words(g["subject"])
    pw = _words(subj) | {_singular(t) for t in p.get("subject_terms") or []}
    shared = gw & pw
    if subj.lower() in BARE_UNIT_WORDS:
        return False, bool(shared), "subject: bare unit word"
    if gw and len(shared) * 2 >= len(gw):
        return True, True, ""
    ent = g.get("subject_entity")
    rest = gw - _words(ent)  # what is measured of the entity
    if ent and _name_match(ent, p.get("subject_entity")) and rest:
        if len(rest & pw) * 2 >= len(rest):
            return True, True, ""
    return False, bool(shared), "subject: other thing or too little"


# ----------------------------------------------------------------------------- scoring


def _ratio(n: int, d: int) -> dict:
    return {"n": n, "of": d, "ratio": round(n / d, 3) if d else None}


def predicted_pairs(preds: list[dict]) -> list[tuple[int, int, str]]:
    """(i, j, relation) for predicted claims of different articles in one group."""
    groups = defaultdict(list)
    for i, p in enumerate(preds):
        if p.get("group_id") is not None:
            groups[p["group_id"]].append(i)
    out = []
    for members in groups.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                pi, pj = preds[i], preds[j]
                if pi["doc"] == pj["doc"]:
                    continue
                if pi["conflicts"] or pj["conflicts"]:
                    bad = pj["claim_id"] in pi["conflicts"] or pi["claim_id"] in pj["conflicts"]
                else:
                    bad = pi.get("group_status") == "contradicts"
                out.append((i, j, "contradict" if bad else "agree"))
    return out


def score(gold: list[dict], gold_pairs: list[dict], preds: list[dict],
          bodies: dict[str, str] | None = None) -> dict:
    """Figures and error examples of ``preds`` against the labels (module doc)."""
    docs = {g["doc"] for g in gold}
    preds = [p for p in preds if p["doc"] in docs]
    m = match(gold, preds)
    matched = {pi: gi for pi, gi in m.items() if not gold[gi].get("optional")}
    ignored = {pi for pi, gi in m.items() if gold[gi].get("optional")}
    scored_preds = [pi for pi in range(len(preds)) if pi not in ignored]
    scored_gold = [gi for gi, g in enumerate(gold) if not g.get("optional")]
    found = set(matched.values())
    errors: dict[str, list[str]] = defaultdict(list)

    def ctx(doc: str, start: int, end: int) -> str:
        body = (bodies or {}).get(doc)
        if body is None:
            return f"{doc}@{start}"
        s = body[max(0, start - 30):start] + "[" + body[start:end] + "]" + body[end:end + 30]
        return f"{doc}: " + s.replace("\n", " ")

    vu_right = subj_right = subj_any = 0
    period_gold = period_right = period_spurious = kind_right = 0
    attr_gold = attr_found = attr_pred = attr_pred_right = 0
    for pi, gi in matched.items():
        g, p = gold[gi], preds[pi]
        gv = g["value"] if g["low"] is None else (g["low"], g["high"])
        label = (f"{ctx(g['doc'], p['start'], p['end'])}  | gold {gv} {g['unit']}"
                 f"{'/' + g['per'] if g.get('per') else ''}")
        err = value_error(g, p)
        if err is None:
            vu_right += 1
        else:
            pv = p["value"] if p["low"] is None else (p["low"], p["high"])
            errors[err].append(f"{label}; got {pv} {p['unit']}{'/' + p['per'] if p['per'] else ''}")
        ok, any_word, why = subject_verdict(g, p)
        subj_right += ok
        subj_any += any_word
        if not ok:
            errors[why].append(f"{g['doc']}@{g['start']} {g['text']!r}: gold {g['subject']!r}; "
                               f"got {p.get('subject')!r}")
        if g.get("period"):
            period_gold += 1
            if p.get("period") == g["period"]:
                period_right += 1
            else:
                kind = "period: missing" if not p.get("period") else "period: wrong"
                errors[kind].append(f"{g['doc']}@{g['start']} {g['text']!r}: gold {g['period']}; "
                                    f"got {p.get('period')}")
        elif p.get("period"):
            period_spurious += 1
            errors["period: spurious"].append(f"{g['doc']}@{g['start']} {g['text']!r}: got "
                                              f"{p['period']}")
        if p.get("kind") == g["kind"]:
            kind_right += 1
        else:
            errors["kind: " + ("not extracted" if p.get("kind") is None else "wrong")].append(
                f"{g['doc']}@{g['start']} {g['text']!r}: gold {g['kind']}; got {p.get('kind')}")
        if g.get("attribution"):
            attr_gold += 1
            attr_found += _name_match(g["attribution"], p.get("attribution"))
        if p.get("attribution"):
            attr_pred += 1
            if _name_match(g.get("attribution"), p["attribution"]):
                attr_pred_right += 1
            else:
                errors["attribution: wrong"].append(
                    f"{g['doc']}@{g['start']} {g['text']!r}: gold {g.get('attribution')!r}; "
                    f"got {p['attribution']!r}")
    for gi in scored_gold:
        if gi not in found:
            g = gold[gi]
            errors["missed"].append(f"{ctx(g['doc'], g['start'], g['end'])}  ({g['subject']})")
    for pi in scored_preds:
        if pi not in matched:
            p = preds[pi]
            errors["spurious"].append(ctx(p["doc"], p["start"], p["end"]))
    empty = sum(1 for pi in scored_preds if not (preds[pi].get("subject") or "").strip())
    bare = sum(1 for pi in scored_preds
               if (preds[pi].get("subject") or "").strip().lower() in BARE_UNIT_WORDS)

    pair_figures = _score_pairs(gold, gold_pairs, preds, m, errors)
    n_p, n_g = len(scored_preds), len(scored_gold)
    return {
        "articles": len(docs),
        "gold_claims": n_g,
        "predicted_claims": n_p,
        "detection": {"precision": _ratio(len(matched), n_p), "recall": _ratio(len(matched), n_g)},
        "value_unit": {"precision": _ratio(vu_right, n_p), "recall": _ratio(vu_right, n_g)},
        "subject_right": _ratio(subj_right, len(matched)),
        "subject_shares_a_word": _ratio(subj_any, len(matched)),
        "subject_empty": _ratio(empty, n_p),
        "subject_bare_unit_word": _ratio(bare, n_p),
        "period_right": _ratio(period_right, period_gold),
        "period_spurious": period_spurious,
        "kind_right": _ratio(kind_right, len(matched)),
        "attribution_recall": _ratio(attr_found, attr_gold),
        "attribution_precision": _ratio(attr_pred_right, attr_pred),
        **pair_figures,
        "errors": {k: v for k, v in sorted(errors.items(), key=lambda kv: -len(kv[1]))},
    }


def _score_pairs(gold, gold_pairs, preds, m, errors) -> dict:
    side_of: dict[str, list[tuple[int, int]]] = defaultdict(list)  # claim id -> (pair, side)
    for k, gp in enumerate(gold_pairs):
        for side in (0, 1):
            for cid in gp["ab"[side]]:
                side_of[cid].append((k, side))
    relation_found: dict[int, set[str]] = defaultdict(set)
    right = wrong = false_contra = 0
    false_groups = set()
    seen: set[tuple] = set()
    for i, j, rel in predicted_pairs(preds):
        gi, gj = m.get(i), m.get(j)
        if (gi is not None and gold[gi].get("optional")) or (
                gj is not None and gold[gj].get("optional")):
            continue
        hit = None
        if gi is not None and gj is not None:
            si = dict(side_of.get(gold[gi]["claim_id"], []))
            sj = dict(side_of.get(gold[gj]["claim_id"], []))
            common = [k for k in si if k in sj and si[k] != sj[k]]
            hit = common[0] if common else None
        key = ("g", hit) if hit is not None else ("p", i, j)
        if key in seen:
            continue
        seen.add(key)
        if hit is not None and gold_pairs[hit]["relation"] == "unclear":
            continue
        desc = (f"{preds[i]['doc']}@{preds[i]['start']} {preds[i]['value']} {preds[i]['unit']} ~ "
                f"{preds[j]['doc']}@{preds[j]['start']} {preds[j]['value']} {preds[j]['unit']}")
        if hit is not None:
            relation_found[hit].add(rel)
        if hit is not None and gold_pairs[hit]["relation"] == rel:
            right += 1
            continue
        wrong += 1
        if rel == "contradict":
            false_contra += 1
            false_groups.add(preds[i]["group_id"])
            errors["pair: false contradict"].append(desc)
        else:
            errors["pair: false agree"].append(desc)
    agree = [k for k, gp in enumerate(gold_pairs) if gp["relation"] == "agree"]
    contra = [k for k, gp in enumerate(gold_pairs) if gp["relation"] == "contradict"]
    for k in agree:
        if "agree" not in relation_found[k]:
            errors["pair: agreement not found"].append(gold_pairs[k]["measures"])
    return {
        "pair_precision": _ratio(right, right + wrong),
        "agreements_found": _ratio(sum("agree" in relation_found[k] for k in agree), len(agree)),
        "contradictions_found": _ratio(
            sum("contradict" in relation_found[k] for k in contra), len(contra)),
        "false_contradict_pairs": false_contra,
        "false_contradict_groups": len(false_groups),
    }


def render(result: dict, examples: int = 4) -> str:
    def fig(r):
        return f"{r['ratio'] if r['ratio'] is not None else '-':>5} ({r['n']}/{r['of']})"

    lines = [
        f"claims on {result['articles']} labelled articles: {result['gold_claims']} gold, "
        f"{result['predicted_claims']} extracted",
        f"  found (span overlap)  P {fig(result['detection']['precision'])}  "
        f"R {fig(result['detection']['recall'])}",
        f"  value+unit            P {fig(result['value_unit']['precision'])}  "
        f"R {fig(result['value_unit']['recall'])}   target P >= 0.95, R >= 0.9",
        f"  subject right         {fig(result['subject_right'])}   target >= 0.8; "
        f"shares a word {fig(result['subject_shares_a_word'])}",
        f"  subject empty         {fig(result['subject_empty'])}   target <= 0.05; "
        f"bare unit word {fig(result['subject_bare_unit_word'])}",
        f"  period right          {fig(result['period_right'])}   target >= 0.7 "
        f"(where gold has one); spurious {result['period_spurious']}",
        f"  kind right            {fig(result['kind_right'])}",
        f"  attribution           R {fig(result['attribution_recall'])}  "
        f"P {fig(result['attribution_precision'])}",
        f"  pairs                 P {fig(result['pair_precision'])}; agreements found "
        f"{fig(result['agreements_found'])} (target >= 0.75); contradictions found "
        f"{fig(result['contradictions_found'])}",
        f"  false contradicts     {result['false_contradict_pairs']} pairs in "
        f"{result['false_contradict_groups']} groups (target 0)",
        "", "errors by kind (count, then examples):",
    ]
    for kind, items in result["errors"].items():
        lines.append(f"  {kind}: {len(items)}")
        lines.extend(f"      {x}" for x in items[:examples])
    return "\n".join(lines)
